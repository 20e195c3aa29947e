//! Stage 5c: incidents as a GeoJSON FeatureCollection (`ckg export --format geojson`), so the
//! graph opens in QGIS or on a web map. One Point feature per incident whose place, or a place
//! above it, has coordinates (from `ckg link geonames`); `location_precision` says which
//! (`place`, or `parent` with the located place named). Features are sorted by incident IRI.

use crate::iri::Base;
use crate::query;
use crate::vocab::{CasualtyType, DatePrecision, EventType};
use crate::wkt::Point;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

#[derive(Debug, thiserror::Error)]
pub enum GeoJsonError {
    #[error("{0}")]
    Query(#[from] query::QueryError),
    #[error("query evaluation failed: {0}")]
    Evaluation(#[source] oxigraph::sparql::QueryEvaluationError),
    #[error("cannot write the GeoJSON: {0}")]
    Io(#[from] std::io::Error),
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeoJsonSummary {
    pub features: usize,
    /// Incidents left out because neither their place nor a place above it has coordinates.
    pub without_coordinates: usize,
}

type Row = HashMap<String, Term>;

fn select(store: &Store, base: &Base, text: &str) -> Result<Vec<Row>, GeoJsonError> {
    let QueryResults::Solutions(solutions) = query::run(store, text, "geojson export", base)?
    else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.map_err(GeoJsonError::Evaluation)?;
        rows.push(
            s.iter()
                .map(|(v, t)| (v.as_str().to_string(), t.clone()))
                .collect(),
        );
    }
    Ok(rows)
}

fn text(row: &Row, var: &str) -> Option<String> {
    row.get(var).map(|t| match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    })
}

/// The id at the end of an IRI (`…/place/mayadeen` → `mayadeen`, `…#Attack` → `Attack`).
fn local(iri: &str) -> String {
    iri.rsplit(['/', '#']).next().unwrap_or(iri).to_string()
}

/// A `geo:asWKT` point as GeoJSON coordinates, `[lon, lat]`.
fn point(wkt: &str) -> Option<[f64; 2]> {
    Point::parse(wkt).map(|p| [p.lon, p.lat])
}

fn number(row: &Row, var: &str) -> Value {
    text(row, var)
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(Value::Null, Value::from)
}

impl crate::store::KgStore {
    /// Writes the store's located incidents as a GeoJSON FeatureCollection.
    pub fn write_geojson(
        &self,
        base: &Base,
        out: &mut impl Write,
    ) -> Result<GeoJsonSummary, GeoJsonError> {
        write_geojson(self.inner(), base, out)
    }
}

/// Writes the FeatureCollection.
pub(crate) fn write_geojson(
    store: &Store,
    base: &Base,
    out: &mut impl Write,
) -> Result<GeoJsonSummary, GeoJsonError> {
    let places = select(
        store,
        base,
        "SELECT ?place ?label ?within ?wkt WHERE { ?place a ckg:Place ; rdfs:label ?label . \
         OPTIONAL { ?place ckg:within ?within } \
         OPTIONAL { ?place geo:hasGeometry/geo:asWKT ?wkt } }",
    )?;
    let mut parent: HashMap<String, String> = HashMap::new();
    let mut coords: HashMap<String, [f64; 2]> = HashMap::new();
    let mut label: HashMap<String, String> = HashMap::new();
    for r in &places {
        let Some(p) = text(r, "place") else { continue };
        if let Some(w) = text(r, "within") {
            parent.insert(p.clone(), w);
        }
        if let Some(at) = text(r, "wkt").as_deref().and_then(point) {
            coords.entry(p.clone()).or_insert(at);
        }
        if let Some(l) = text(r, "label") {
            label.insert(p, l);
        }
    }
    let incidents = select(
        store,
        base,
        "SELECT ?incident ?label ?type ?start ?end ?precision ?place ?qualifier WHERE { \
         ?incident a ckg:Incident ; rdfs:label ?label ; ckg:eventType ?type . \
         OPTIONAL { ?incident ckg:startDate ?start } OPTIONAL { ?incident ckg:endDate ?end } \
         OPTIONAL { ?incident ckg:datePrecision ?precision } \
         OPTIONAL { ?incident ckg:place ?place } \
         OPTIONAL { ?incident ckg:locationQualifier ?qualifier } } ORDER BY ?incident",
    )?;
    let claims = select(
        store,
        base,
        "SELECT ?incident ?claim ?source ?type ?group ?min ?max WHERE { \
         ?claim a ckg:CasualtyClaim ; ckg:aboutIncident ?incident ; ckg:claimedBy ?source ; \
         ckg:casualtyType ?type . OPTIONAL { ?claim ckg:casualtyGroup ?group } \
         OPTIONAL { ?claim ckg:minCount ?min } OPTIONAL { ?claim ckg:maxCount ?max } } \
         ORDER BY ?incident ?claim",
    )?;
    let mut by_incident: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for c in &claims {
        let Some(i) = text(c, "incident") else {
            continue;
        };
        by_incident.entry(i).or_default().push(json!({
            "claim": text(c, "claim").map(|s| local(&s)),
            "source": text(c, "source").map(|s| local(&s)),
            "type": text(c, "type").and_then(|t| CasualtyType::from_iri(&t)).map(CasualtyType::id),
            "group": text(c, "group").map(|s| local(&s)),
            "min": number(c, "min"),
            "max": number(c, "max"),
        }));
    }

    let mut features = Vec::new();
    let mut without = 0;
    for r in &incidents {
        let Some(iri) = text(r, "incident") else {
            continue;
        };
        let place = text(r, "place");
        // The place itself or the nearest place above it with coordinates.
        let mut located = place.clone();
        let mut hops = 0;
        while let Some(p) = located.clone() {
            if coords.contains_key(&p) || hops > 64 {
                break;
            }
            located = parent.get(&p).cloned();
            hops += 1;
        }
        let Some((located, at)) = located.and_then(|l| coords.get(&l).map(|c| (l, *c))) else {
            without += 1;
            continue;
        };
        let mut props = Map::new();
        props.insert("id".into(), json!(local(&iri)));
        props.insert("iri".into(), json!(iri));
        props.insert("label".into(), json!(text(r, "label")));
        props.insert(
            "event_type".into(),
            json!(
                text(r, "type")
                    .and_then(|t| EventType::from_iri(&t))
                    .map(EventType::local)
            ),
        );
        props.insert("start_date".into(), json!(text(r, "start")));
        props.insert("end_date".into(), json!(text(r, "end")));
        props.insert(
            "date_precision".into(),
            json!(
                text(r, "precision")
                    .and_then(|p| DatePrecision::from_iri(&p))
                    .map(DatePrecision::id)
            ),
        );
        props.insert("place".into(), json!(place.as_deref().map(local)));
        props.insert(
            "place_label".into(),
            json!(place.as_ref().and_then(|p| label.get(p))),
        );
        props.insert("location_qualifier".into(), json!(text(r, "qualifier")));
        props.insert(
            "location_precision".into(),
            json!(if Some(&located) == place.as_ref() {
                "place".to_string()
            } else {
                format!("parent:{}", local(&located))
            }),
        );
        props.insert(
            "casualty_claims".into(),
            Value::Array(by_incident.remove(&iri).unwrap_or_default()),
        );
        features.push(json!({
            "type": "Feature",
            "id": local(&iri),
            "geometry": { "type": "Point", "coordinates": at },
            "properties": props,
        }));
    }
    let n = features.len();
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_writer_pretty(&mut *out, &collection).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(GeoJsonSummary {
        features: n,
        without_coordinates: without,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_incident_at_an_unlocated_place_takes_its_parents_point_and_says_so() {
        let store = Store::new().unwrap();
        let trig = r#"
            @prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix geo: <http://www.opengis.net/ont/geosparql#> .
            @prefix p: <https://w3id.org/conflict-kg/id/place/> .
            @prefix i: <https://w3id.org/conflict-kg/id/incident/> .
            <https://w3id.org/conflict-kg/id/graph/reference> {
              p:village a ckg:Place ; rdfs:label "Village" ; ckg:within p:town .
              p:town a ckg:Place ; rdfs:label "Town" ; geo:hasGeometry p:town-geometry .
              p:town-geometry geo:asWKT "POINT(40.5 35.0)"^^geo:wktLiteral .
              p:nowhere a ckg:Place ; rdfs:label "Nowhere" .
              i:a a ckg:Incident ; rdfs:label "A" ; ckg:eventType ckg:Attack ; ckg:place p:village .
              i:b a ckg:Incident ; rdfs:label "B" ; ckg:eventType ckg:Attack ; ckg:place p:nowhere .
            }"#;
        store
            .load_from_reader(oxigraph::io::RdfFormat::TriG, trig.as_bytes())
            .unwrap();
        let mut out = Vec::new();
        let summary = write_geojson(&store, &Base::default(), &mut out).unwrap();
        assert_eq!(
            summary,
            GeoJsonSummary {
                features: 1,
                without_coordinates: 1
            }
        );
        let json: Value = serde_json::from_slice(&out).unwrap();
        let f = &json["features"][0];
        assert_eq!(f["geometry"]["coordinates"], json!([40.5, 35.0]));
        assert_eq!(f["properties"]["location_precision"], "parent:town");
        assert_eq!(f["properties"]["place"], "village");
    }

    #[test]
    fn wkt_points_become_lon_lat_pairs() {
        assert_eq!(
            point("POINT(40.45346 35.02089)"),
            Some([40.45346, 35.02089])
        );
        assert_eq!(point("POINT(40.4)"), None);
    }
}
