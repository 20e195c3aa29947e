//! The one WKT point codec, reader and writer. WKT (and GeoSPARQL's default CRS, CRS84) puts
//! the longitude first: `POINT(lon lat)`. A [`Point`] names its fields, so code that holds
//! coordinates as `(lat, lon)` (gazetteer entries) converts with `from_lat_lon`/`lat_lon` and
//! never guesses the order.
//!
//! Used by `link` (the geometry a gazetteer gives a place), `gazetteer::wikidata` (P625
//! coordinates) and `geojson` (geometries read back from the store). (`import/` still writes its
//! own `POINT(lon lat)`, the same form, until it moves to this codec.)

use crate::vocab::geosparql;
use oxigraph::model::Literal;
use std::fmt;

/// A point on Earth in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub(crate) lon: f64,
    pub(crate) lat: f64,
}

impl Point {
    pub(crate) fn from_lat_lon((lat, lon): (f64, f64)) -> Self {
        Self { lon, lat }
    }

    pub(crate) fn lat_lon(self) -> (f64, f64) {
        (self.lat, self.lon)
    }

    /// Whether the point is within −90..=90 latitude and −180..=180 longitude. `parse` does not
    /// check it; readers of untrusted input do.
    pub(crate) fn is_on_earth(self) -> bool {
        (-90.0..=90.0).contains(&self.lat) && (-180.0..=180.0).contains(&self.lon)
    }

    /// Reads `POINT(lon lat)`, also written `Point(…)` (as the Wikidata query service writes
    /// P625) or `POINT (…)`, with surrounding blanks. A leading `<iri>` (a CRS or, in Wikidata,
    /// a globe) is skipped and the coordinates are still read as lon lat (as Wikidata writes
    /// them): EPSG:4326's lat-lon axis order is not honoured. Anything after the second number
    /// (a Z value) is ignored.
    pub(crate) fn parse(wkt: &str) -> Option<Self> {
        let wkt = wkt.trim();
        let wkt = match wkt.find('>') {
            Some(i) if wkt.starts_with('<') => wkt[i + 1..].trim(),
            _ => wkt,
        };
        let inner = wkt
            .strip_prefix("Point(")
            .or_else(|| wkt.strip_prefix("POINT("))
            .or_else(|| wkt.strip_prefix("POINT ("))?
            .strip_suffix(')')?;
        let mut parts = inner.split_whitespace();
        let lon = parts.next()?.parse().ok()?;
        let lat = parts.next()?.parse().ok()?;
        Some(Self { lon, lat })
    }

    /// The point as a `geo:wktLiteral`.
    pub(crate) fn literal(self) -> Literal {
        Literal::new_typed_literal(self.to_string(), geosparql::WKT_LITERAL)
    }
}

/// `POINT(lon lat)`, each number in Rust's shortest form that reads back exactly.
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "POINT({} {})", self.lon, self.lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_written_and_read_longitude_first() {
        // Mayadeen: latitude 35.02, longitude 40.45.
        let p = Point::from_lat_lon((35.02089, 40.45346));
        assert_eq!(p.to_string(), "POINT(40.45346 35.02089)");
        assert_eq!(Point::parse(&p.to_string()), Some(p));
        assert_eq!(p.lat_lon(), (35.02089, 40.45346));
        assert_eq!(
            p.literal().to_string(),
            "\"POINT(40.45346 35.02089)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>"
        );
    }

    #[test]
    fn the_forms_wikidata_and_geosparql_write_are_read() {
        let p = Point {
            lon: 40.1,
            lat: 35.3,
        };
        for wkt in [
            "Point(40.1 35.3)",
            " POINT(40.1 35.3) ",
            "POINT (40.1 35.3)",
            "<http://www.wikidata.org/entity/Q2> Point(40.1 35.3)",
            "POINT(40.1 35.3 12)",
        ] {
            assert_eq!(Point::parse(wkt), Some(p), "{wkt}");
        }
        for bad in [
            "POINT(40.4)",
            "somewhere",
            "POINT(a b)",
            "LINESTRING(1 2, 3 4)",
        ] {
            assert_eq!(Point::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_points_within_the_earths_ranges_are_on_earth() {
        assert!(
            Point {
                lon: 180.0,
                lat: -90.0
            }
            .is_on_earth()
        );
        assert!(
            !Point {
                lon: 40.0,
                lat: 95.0
            }
            .is_on_earth()
        );
        assert!(
            !Point {
                lon: 200.0,
                lat: 35.0
            }
            .is_on_earth()
        );
    }
}
