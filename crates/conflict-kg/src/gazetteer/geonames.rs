//! GeoNames' own dump format, streamed: the 19 tab-separated columns of `allCountries.txt`,
//! per-country files (`SY.txt`) and `cities500/1000/5000/15000.txt`, plain or zipped as GeoNames
//! publishes them, plus `admin1CodesASCII.txt` / `admin2Codes.txt` for the names of admin codes.
//!
//! Invariant: memory stays bounded whatever the file's size. Lines are read into one reused
//! buffer, split without allocating, and only rows the caller's filter accepts become `Entry`s.

use super::{Entry, Gazetteer, GazetteerError, name_key};
use crate::progress::Progress;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The columns of a GeoNames dump row, in order (see GeoNames' `readme.txt`).
pub const COLUMNS: [&str; 19] = [
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature class",
    "feature code",
    "country code",
    "cc2",
    "admin1 code",
    "admin2 code",
    "admin3 code",
    "admin4 code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification date",
];

/// One row of a dump, borrowed from the reader's line buffer.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub fields: [&'a str; 19],
    /// 1-based line number in the dump.
    pub line: u64,
}

impl<'a> Row<'a> {
    pub fn geonameid(&self) -> &'a str {
        self.fields[0]
    }
    pub fn name(&self) -> &'a str {
        self.fields[1]
    }
    pub fn feature_class(&self) -> &'a str {
        self.fields[6]
    }
    pub fn feature_code(&self) -> &'a str {
        self.fields[7]
    }
    pub fn country(&self) -> &'a str {
        self.fields[8]
    }
    pub fn admin1(&self) -> &'a str {
        self.fields[10]
    }
}

/// Opens a dump, unzipping it when its name ends in `.zip` (the first `.txt` member that is not
/// a readme), and hands a buffered reader to `read`.
pub fn with_dump_reader<T>(
    path: &Path,
    read: impl FnOnce(&mut dyn BufRead) -> Result<T, GazetteerError>,
) -> Result<T, GazetteerError> {
    let io = |source| GazetteerError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let is_zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if !is_zip {
        return read(&mut BufReader::with_capacity(1 << 20, file));
    }
    let zip_error = |e: zip::result::ZipError| GazetteerError::Zip {
        path: path.to_path_buf(),
        source: e,
    };
    let mut archive = zip::ZipArchive::new(file).map_err(zip_error)?;
    let member = (0..archive.len())
        .find(|&i| {
            archive
                .name_for_index(i)
                .is_some_and(|n| n.ends_with(".txt") && !n.to_ascii_lowercase().contains("readme"))
        })
        .ok_or_else(|| GazetteerError::EmptyZip {
            path: path.to_path_buf(),
        })?;
    let member = archive.by_index(member).map_err(zip_error)?;
    read(&mut BufReader::with_capacity(1 << 20, member))
}

/// Streams every row of a dump to `each`; stops at the first malformed row (wrong number of
/// columns, non-numeric id). `progress` is told the rows and bytes read every 65 536 rows.
pub fn for_each_row(
    path: &Path,
    mut each: impl FnMut(&Row<'_>) -> Result<(), GazetteerError>,
    progress: &dyn Progress,
) -> Result<u64, GazetteerError> {
    with_dump_reader(path, |reader| {
        let mut buf = Vec::with_capacity(4096);
        let mut line = 0u64;
        let mut bytes = 0u64;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|source| GazetteerError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            if n == 0 {
                break;
            }
            line += 1;
            bytes += n as u64;
            let mut text = buf.as_slice();
            while let [rest @ .., b'\n' | b'\r'] = text {
                text = rest;
            }
            if text.is_empty() || text[0] == b'#' {
                continue;
            }
            let text = std::str::from_utf8(text).map_err(|e| GazetteerError::Syntax {
                path: path.to_path_buf(),
                line,
                column: 1 + text[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\t')
                    .count(),
                field: "text",
                found: "bytes that are not UTF-8".into(),
                expected: "UTF-8 text, as GeoNames publishes".into(),
            })?;
            let row = split_row(text, line, path)?;
            each(&row)?;
            if line.is_multiple_of(1 << 16) {
                progress.advance(line, bytes);
            }
        }
        progress.advance(line, bytes);
        Ok(line)
    })
}

fn split_row<'a>(text: &'a str, line: u64, path: &Path) -> Result<Row<'a>, GazetteerError> {
    let mut fields = [""; 19];
    let mut n = 0;
    for field in text.split('\t') {
        if n < 19 {
            fields[n] = field;
        }
        n += 1;
    }
    if n != 19 {
        return Err(GazetteerError::Syntax {
            path: path.to_path_buf(),
            line,
            column: n.min(19),
            field: COLUMNS[n.min(19) - 1],
            found: format!("{n} tab-separated columns"),
            expected: "the 19 columns of a GeoNames dump (geonameid, name, asciiname, …)".into(),
        });
    }
    if fields[0].is_empty() || !fields[0].bytes().all(|b| b.is_ascii_digit()) {
        return Err(syntax(path, line, 0, fields[0], "a numeric geonameid"));
    }
    Ok(Row { fields, line })
}

fn syntax(path: &Path, line: u64, column: usize, found: &str, expected: &str) -> GazetteerError {
    GazetteerError::Syntax {
        path: path.to_path_buf(),
        line,
        column: column + 1,
        field: COLUMNS[column],
        found: found.chars().take(40).collect(),
        expected: expected.into(),
    }
}

/// A row turned into an `Entry` (numbers checked).
pub fn entry(row: &Row<'_>, path: &Path) -> Result<Entry, GazetteerError> {
    let f = &row.fields;
    let number = |column: usize| -> Result<Option<f64>, GazetteerError> {
        if f[column].is_empty() {
            return Ok(None);
        }
        f[column]
            .parse::<f64>()
            .map(Some)
            .map_err(|_| syntax(path, row.line, column, f[column], "a decimal number"))
    };
    let coordinates = match (number(4)?, number(5)?) {
        (Some(lat), Some(lon)) => {
            if !(-90.0..=90.0).contains(&lat) {
                return Err(syntax(path, row.line, 4, f[4], "a latitude from -90 to 90"));
            }
            if !(-180.0..=180.0).contains(&lon) {
                return Err(syntax(
                    path,
                    row.line,
                    5,
                    f[5],
                    "a longitude from -180 to 180",
                ));
            }
            Some((lat, lon))
        }
        _ => None,
    };
    let population = if f[14].is_empty() {
        0
    } else {
        f[14]
            .parse()
            .map_err(|_| syntax(path, row.line, 14, f[14], "a whole number of inhabitants"))?
    };
    let mut alternates: Vec<String> = Vec::new();
    if !f[2].is_empty() && f[2] != f[1] {
        alternates.push(f[2].to_string());
    }
    alternates.extend(
        f[3].split(',')
            .filter(|a| !a.is_empty() && *a != f[1])
            .map(str::to_string),
    );
    Ok(Entry {
        id: f[0].to_string(),
        name: f[1].to_string(),
        alternates,
        coordinates,
        feature_class: f[6].to_string(),
        feature_code: f[7].to_string(),
        country: f[8].to_string(),
        admin1: f[10].to_string(),
        admin2: f[11].to_string(),
        population,
        instance_of: Vec::new(),
    })
}

/// Which rows of a dump to keep: every row of the listed countries, countries themselves
/// (feature codes `PCL*`), and rows elsewhere whose name or ASCII name has a wanted name key.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Countries (ISO alpha-2) kept whole; empty keeps every row.
    pub countries: Vec<String>,
    /// Name keys (`name_key`) wanted from any country.
    pub names: HashSet<String>,
}

impl Filter {
    pub fn accepts(&self, row: &Row<'_>) -> bool {
        if self.countries.is_empty() || self.countries.iter().any(|c| c == row.country()) {
            return true;
        }
        // Countries (`PCL*`; extracts without feature codes write admin1 `00`, as GeoNames does
        // on country rows), so curated countries link whatever --countries says.
        if row.feature_class() == "A"
            && (row.feature_code().starts_with("PCL")
                || row.feature_code().is_empty() && row.admin1() == "00")
        {
            return true;
        }
        if self.names.is_empty() {
            return false;
        }
        // The preferred and ASCII names only: alternate names of every row of a 12-million-row
        // dump would cost more than the rest of the reading.
        let f = &row.fields;
        let wanted = |n: &str| !n.is_empty() && self.names.contains(&name_key(n));
        wanted(f[1]) || f[2] != f[1] && wanted(f[2])
    }
}

/// Reads the rows of a dump that `filter` accepts into a gazetteer.
pub fn read_dump(
    path: &Path,
    filter: &Filter,
    progress: &dyn Progress,
) -> Result<(Gazetteer, u64), GazetteerError> {
    let mut gazetteer = Gazetteer::new(path.display().to_string());
    let rows = for_each_row(
        path,
        |row| {
            if filter.accepts(row) {
                gazetteer.push(entry(row, path)?);
            }
            Ok(())
        },
        progress,
    )?;
    Ok((gazetteer, rows))
}

/// Several dumps read into one gazetteer, in order (`ckg extract` reads the Syria and the Iraq
/// extracts); its `source` names them all. Returns the gazetteer and the rows read in all.
pub fn read_dumps(
    paths: &[&Path],
    filter: &Filter,
    progress: &dyn Progress,
) -> Result<(Gazetteer, u64), GazetteerError> {
    let mut all = Gazetteer::new(
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" + "),
    );
    let mut rows = 0;
    for path in paths {
        let (g, n) = read_dump(path, filter, progress)?;
        for e in g.entries {
            all.push(e);
        }
        rows += n;
    }
    Ok((all, rows))
}

/// One line of `admin1CodesASCII.txt` / `admin2Codes.txt`: `SY.07  Dayr az Zawr  Dayr az Zawr
/// 170792`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminName {
    pub name: String,
    pub ascii: String,
    pub geonameid: String,
}

/// Admin code (`SY.07`, `SY.07.170793`) → names.
pub type AdminNames = HashMap<String, AdminName>;

/// Reads an admin codes file (four tab-separated columns: code, name, ASCII name, geonameid).
pub fn read_admin_names(path: &Path) -> Result<AdminNames, GazetteerError> {
    let io = |source| GazetteerError::Io {
        path: PathBuf::from(path),
        source,
    };
    let mut bytes = Vec::new();
    File::open(path)
        .map_err(io)?
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let mut names = AdminNames::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = std::str::from_utf8(line).map_err(|e| GazetteerError::Syntax {
            path: path.to_path_buf(),
            line: i as u64 + 1,
            column: 1 + line[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\t')
                .count(),
            field: "text",
            found: "bytes that are not UTF-8".into(),
            expected: "UTF-8 text, as GeoNames publishes".into(),
        })?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |column: usize, field: &'static str, found: String, expected: &str| {
            GazetteerError::Syntax {
                path: path.to_path_buf(),
                line: i as u64 + 1,
                column,
                field,
                found,
                expected: expected.into(),
            }
        };
        if cols.len() != 4 {
            return Err(bad(
                cols.len(),
                "line",
                format!("{} tab-separated columns", cols.len()),
                "4 columns: code, name, asciiname, geonameid",
            ));
        }
        if !cols[0].contains('.') {
            return Err(bad(
                1,
                "code",
                cols[0].into(),
                "a code such as SY.07 (country.admin1)",
            ));
        }
        if cols[3].is_empty() || !cols[3].bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(4, "geonameid", cols[3].into(), "a numeric geonameid"));
        }
        names.insert(
            cols[0].to_string(),
            AdminName {
                name: cols[1].to_string(),
                ascii: cols[2].to_string(),
                geonameid: cols[3].to_string(),
            },
        );
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;
    use std::io::Write;

    const MAYADIN: &str = "173480\tAl Mayādīn\tAl Mayadin\tAl Mayadin,Al-Mayadeen,Mayadin\t35.02089\t40.45346\tP\tPPLA2\tSY\t\t07\t\t\t\t54534\t\t194\tAsia/Damascus\t2013-09-06\n";

    fn file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        (dir, path)
    }

    #[test]
    fn a_dump_row_becomes_an_entry_with_coordinates_and_admin1() {
        let (_d, path) = file("SY.txt", MAYADIN.as_bytes());
        let (g, rows) = read_dump(&path, &Filter::default(), &Silent).unwrap();
        assert_eq!(rows, 1);
        let e = &g.entries[0];
        assert_eq!(e.id, "173480");
        assert_eq!(e.coordinates, Some((35.02089, 40.45346)));
        assert_eq!(
            (e.feature_code.as_str(), e.admin1.as_str()),
            ("PPLA2", "07")
        );
        assert_eq!(e.population, 54534);
        assert!(e.alternates.contains(&"Al-Mayadeen".to_string()));
    }

    #[test]
    fn zipped_dumps_are_read_like_plain_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("SY.zip");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("readme.txt", options).unwrap();
        zip.write_all(b"not data\n").unwrap();
        zip.start_file("SY.txt", options).unwrap();
        zip.write_all(MAYADIN.as_bytes()).unwrap();
        zip.finish().unwrap();
        let (g, _) = read_dump(&path, &Filter::default(), &Silent).unwrap();
        assert_eq!(g.entries[0].name, "Al Mayādīn");
    }

    #[test]
    fn the_country_filter_drops_other_countries() {
        let other = MAYADIN.replace("\tSY\t", "\tIQ\t");
        let (_d, path) = file("x.txt", format!("{MAYADIN}{other}").as_bytes());
        let filter = Filter {
            countries: vec!["IQ".into()],
            names: HashSet::new(),
        };
        let (g, rows) = read_dump(&path, &filter, &Silent).unwrap();
        assert_eq!((g.len(), rows), (1, 2));
        assert_eq!(g.entries[0].country, "IQ");
    }

    #[test]
    fn rows_of_other_countries_are_kept_when_their_name_is_wanted() {
        let other = MAYADIN.replace("\tSY\t", "\tIQ\t");
        let (_d, path) = file("x.txt", other.as_bytes());
        let mut filter = Filter {
            countries: vec!["SY".into()],
            names: HashSet::new(),
        };
        assert_eq!(read_dump(&path, &filter, &Silent).unwrap().0.len(), 0);
        filter.names.insert(name_key("Mayadeen"));
        assert_eq!(read_dump(&path, &filter, &Silent).unwrap().0.len(), 1);
    }

    #[test]
    fn a_short_row_is_reported_with_file_line_and_column() {
        let (_d, path) = file("SY.txt", format!("{MAYADIN}1\tx\ty\n").as_bytes());
        let err = read_dump(&path, &Filter::default(), &Silent).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("SY.txt:2: column 3 (asciiname)"), "{text}");
        assert!(text.contains("found `3 tab-separated columns`"), "{text}");
        assert!(text.contains("expected the 19 columns"), "{text}");
    }

    #[test]
    fn a_bad_latitude_names_its_column() {
        let bad = MAYADIN.replace("35.02089", "north");
        let (_d, path) = file("SY.txt", bad.as_bytes());
        let err = read_dump(&path, &Filter::default(), &Silent).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}:1: column 5 (latitude): found `north`, expected a decimal number",
                path.display()
            )
        );
    }

    #[test]
    fn an_out_of_range_or_nan_coordinate_is_an_error() {
        for (from, to, column) in [
            ("35.02089", "NaN", "column 5 (latitude): found `NaN`"),
            ("35.02089", "135.0", "column 5 (latitude): found `135.0`"),
            ("40.45346", "-190", "column 6 (longitude): found `-190`"),
        ] {
            let (_d, path) = file("SY.txt", MAYADIN.replace(from, to).as_bytes());
            let err = read_dump(&path, &Filter::default(), &Silent)
                .unwrap_err()
                .to_string();
            assert!(err.contains(column), "{err}");
        }
    }

    #[test]
    fn admin_codes_map_codes_to_names() {
        let (_d, path) = file(
            "admin1CodesASCII.txt",
            "SY.07\tDayr az Zawr\tDayr az Zawr\t170792\n".as_bytes(),
        );
        let names = read_admin_names(&path).unwrap();
        assert_eq!(names["SY.07"].geonameid, "170792");
        let (_d, path) = file("admin1CodesASCII.txt", b"SY.07\tDayr az Zawr\n");
        let err = read_admin_names(&path).unwrap_err().to_string();
        assert!(err.contains(":1: column 2"), "{err}");
    }
}
