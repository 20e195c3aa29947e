//! Wikidata entities as people download them: a SPARQL query result from the Wikidata query
//! service (JSON, TSV or CSV; columns `item`, `itemLabel`, `itemAltLabel`/`altLabels`, `coord`,
//! `instanceOf`, `country`, `admin`), or entity JSON dump lines (`latest-all.json`, one entity a
//! line). Rows of one item (one per `instance of`) are merged into one `Entry`.
//!
//! The format is chosen by extension: `.json` holding `{"head": …}` is a SPARQL result,
//! `.json`/`.jsonl`/`.ndjson` holding entities is a dump; `.tsv`, `.csv` SPARQL results.

use super::{Entry, Gazetteer, GazetteerError};
use crate::wkt::Point;
use oxigraph::model::Term;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParseError, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

const ENTITY: &str = crate::vocab::WIKIDATA_ENTITY;

/// The column names accepted for each field (case-insensitive).
const ITEM: &[&str] = &["item"];
const LABEL: &[&str] = &["itemlabel", "label"];
const ALIASES: &[&str] = &["itemaltlabel", "altlabels", "altlabel", "aliases"];
const COORD: &[&str] = &["coord", "coordinates", "location"];
const INSTANCE_OF: &[&str] = &["instanceof", "instance_of", "type"];
const COUNTRY: &[&str] = &["country"];

/// Reads a Wikidata file into a gazetteer.
pub fn read(path: &Path) -> Result<Gazetteer, GazetteerError> {
    let io = |source| GazetteerError::Io {
        path: path.to_path_buf(),
        source,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut items: BTreeMap<String, Entry> = BTreeMap::new();
    match ext.as_str() {
        "csv" => read_csv(path, &mut items)?,
        "tsv" => read_sparql(path, QueryResultsFormat::Tsv, &mut items)?,
        _ => {
            let mut reader = BufReader::new(std::fs::File::open(path).map_err(io)?);
            let first = reader
                .fill_buf()
                .map_err(io)?
                .iter()
                .find(|b| !b.is_ascii_whitespace() && **b != b'[')
                .copied();
            // A SPARQL JSON result opens with `{"head"`; a dump with `[` then an entity per line.
            let head = String::from_utf8_lossy(reader.fill_buf().map_err(io)?)
                .chars()
                .take(200)
                .collect::<String>();
            if first == Some(b'{') && head.contains("\"head\"") {
                read_sparql(path, QueryResultsFormat::Json, &mut items)?;
            } else {
                read_dump_lines(path, reader, &mut items)?;
            }
        }
    }
    let mut g = Gazetteer::new(path.display().to_string());
    for (_, e) in items {
        g.push(e);
    }
    Ok(g)
}

fn syntax(
    path: &Path,
    line: u64,
    column: usize,
    field: &'static str,
    found: &str,
    expected: &str,
) -> GazetteerError {
    GazetteerError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        field,
        found: found.chars().take(60).collect(),
        expected: expected.into(),
    }
}

/// One result row, by lower-cased variable name, values as plain strings (IRIs unwrapped).
/// `vars` are the column (variable) names in file order, for error columns.
fn merge_row(
    path: &Path,
    line: u64,
    vars: &[String],
    row: &BTreeMap<String, String>,
    items: &mut BTreeMap<String, Entry>,
) -> Result<(), GazetteerError> {
    let column = |names: &[&str]| {
        vars.iter()
            .position(|v| names.contains(&v.as_str()))
            .map_or(1, |i| i + 1)
    };
    let get = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| row.get(*n))
            .filter(|v| !v.is_empty())
    };
    let Some(item) = get(ITEM) else {
        return Err(syntax(
            path,
            line,
            column(ITEM),
            "item",
            "nothing",
            "an item IRI such as http://www.wikidata.org/entity/Q2429253 (a column named `item`)",
        ));
    };
    let Some(id) = qid(item) else {
        return Err(syntax(
            path,
            line,
            column(ITEM),
            "item",
            item,
            "a Wikidata entity IRI or QID",
        ));
    };
    let e = items.entry(id.clone()).or_insert_with(|| Entry {
        id: id.clone(),
        name: String::new(),
        alternates: Vec::new(),
        coordinates: None,
        feature_class: String::new(),
        feature_code: String::new(),
        country: String::new(),
        admin1: String::new(),
        admin2: String::new(),
        population: 0,
        instance_of: Vec::new(),
    });
    if let Some(label) = get(LABEL) {
        if e.name.is_empty() && label != &id {
            e.name = label.clone();
        }
    }
    if let Some(aliases) = get(ALIASES) {
        for a in aliases.split(", ").map(str::trim).filter(|a| !a.is_empty()) {
            if !e.alternates.iter().any(|x| x == a) {
                e.alternates.push(a.to_string());
            }
        }
    }
    if let Some(coord) = get(COORD) {
        match Point::parse(coord).filter(|p| p.is_on_earth()) {
            Some(p) => e.coordinates = e.coordinates.or(Some(p.lat_lon())),
            None => {
                return Err(syntax(
                    path,
                    line,
                    column(COORD),
                    "coord",
                    coord,
                    "a WKT point such as Point(40.14 35.33)",
                ));
            }
        }
    }
    if let Some(class) = get(INSTANCE_OF).and_then(|v| qid(v)) {
        if !e.instance_of.contains(&class) {
            e.instance_of.push(class);
        }
    }
    if let Some(country) = get(COUNTRY).and_then(|v| qid(v)) {
        e.country = country;
    }
    Ok(())
}

/// `http://www.wikidata.org/entity/Q42` or `Q42` → `Q42`.
pub fn qid(value: &str) -> Option<String> {
    let v = value.trim().trim_start_matches('<').trim_end_matches('>');
    let v = v.strip_prefix(ENTITY).unwrap_or(v);
    let ok = v.len() > 1 && v.starts_with('Q') && v[1..].bytes().all(|b| b.is_ascii_digit());
    ok.then(|| v.to_string())
}

fn read_sparql(
    path: &Path,
    format: QueryResultsFormat,
    items: &mut BTreeMap<String, Entry>,
) -> Result<(), GazetteerError> {
    let file = std::fs::File::open(path).map_err(|source| GazetteerError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let parsed = QueryResultsParser::from_format(format)
        .for_reader(BufReader::new(file))
        .map_err(|e| parse_error(path, &e))?;
    let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
        return Err(syntax(
            path,
            1,
            1,
            "results",
            "a boolean (ASK) result",
            "the solutions of a SELECT query",
        ));
    };
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_ascii_lowercase())
        .collect();
    for (i, solution) in solutions.enumerate() {
        let solution = solution.map_err(|e| parse_error(path, &e))?;
        let row: BTreeMap<String, String> = solution
            .iter()
            .map(|(v, t)| {
                let value = match t {
                    Term::NamedNode(n) => n.as_str().to_string(),
                    Term::Literal(l) => l.value().to_string(),
                    other => other.to_string(),
                };
                (v.as_str().to_ascii_lowercase(), value)
            })
            .collect();
        // Row i is on line i + 2 of a TSV (after the header); JSON has no useful line.
        merge_row(path, i as u64 + 2, &vars, &row, items)?;
    }
    Ok(())
}

fn parse_error(path: &Path, e: &QueryResultsParseError) -> GazetteerError {
    let position = match e {
        QueryResultsParseError::Syntax(s) => s.location().map(|l| l.start),
        QueryResultsParseError::Io(_) => None,
    };
    // The parser counts lines and columns from 0.
    let (line, column) = position.map_or((1, 1), |p| (p.line + 1, p.column as usize + 1));
    syntax(
        path,
        line,
        column,
        "results",
        &e.to_string(),
        "a SPARQL query result as the Wikidata query service downloads it",
    )
}

/// Query-service results as CSV (RFC 4180, read by the `csv` crate), streamed row by row.
fn read_csv(path: &Path, items: &mut BTreeMap<String, Entry>) -> Result<(), GazetteerError> {
    let file = std::fs::File::open(path).map_err(|source| GazetteerError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let mut records = reader.records();
    let line_of = |e: &csv::Error| e.position().map_or(1, |p| p.line());
    let to_error = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(_) => GazetteerError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        },
        _ => syntax(
            path,
            line_of(&e),
            1,
            "line",
            &e.to_string(),
            "CSV text (UTF-8, RFC 4180 quoting)",
        ),
    };
    let Some(header) = records.next() else {
        return Ok(());
    };
    let header: Vec<String> = header
        .map_err(to_error)?
        .iter()
        .map(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .trim_start_matches('?')
                .to_ascii_lowercase()
        })
        .collect();
    for record in records {
        let record = record.map_err(to_error)?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            return Err(syntax(
                path,
                line,
                record.len().min(header.len()),
                "line",
                &format!("{} fields", record.len()),
                &format!("{} fields, as in the header", header.len()),
            ));
        }
        let row = header
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        merge_row(path, line, &header, &row, items)?;
    }
    Ok(())
}

fn read_dump_lines(
    path: &Path,
    reader: impl BufRead,
    items: &mut BTreeMap<String, Entry>,
) -> Result<(), GazetteerError> {
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let line = std::str::from_utf8(&line).map_err(|e| {
            let good = String::from_utf8_lossy(&line[..e.valid_up_to()]);
            syntax(
                path,
                i as u64 + 1,
                good.chars().count() + 1,
                "entity",
                "bytes that are not UTF-8",
                "UTF-8 text, as Wikidata publishes",
            )
        })?;
        let text = line.trim().trim_end_matches(',');
        if text.is_empty() || text == "[" || text == "]" {
            continue;
        }
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            syntax(
                path,
                i as u64 + 1,
                e.column(),
                "entity",
                &e.to_string(),
                "one Wikidata entity as JSON per line",
            )
        })?;
        let Some(id) = json.get("id").and_then(|v| v.as_str()).and_then(qid) else {
            continue; // properties and lexemes are not places or actors
        };
        let label = |lang: &str| {
            json.pointer(&format!("/labels/{lang}/value"))
                .and_then(|v| v.as_str())
        };
        let name = label("en")
            .or_else(|| label("mul"))
            .unwrap_or("")
            .to_string();
        let mut alternates: Vec<String> = Vec::new();
        for lang in ["en", "mul"] {
            if let Some(list) = json
                .pointer(&format!("/aliases/{lang}"))
                .and_then(|v| v.as_array())
            {
                alternates.extend(
                    list.iter()
                        .filter_map(|a| a.get("value")?.as_str().map(str::to_string)),
                );
            }
        }
        let claim_ids = |prop: &str| -> Vec<String> {
            json.pointer(&format!("/claims/{prop}"))
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|c| {
                            c.pointer("/mainsnak/datavalue/value/id")?
                                .as_str()
                                .map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let coordinates = json
            .pointer("/claims/P625/0/mainsnak/datavalue/value")
            .and_then(|v| Some((v.get("latitude")?.as_f64()?, v.get("longitude")?.as_f64()?)));
        items.insert(
            id.clone(),
            Entry {
                id,
                name,
                alternates,
                coordinates,
                feature_class: String::new(),
                feature_code: String::new(),
                country: claim_ids("P17").into_iter().next().unwrap_or_default(),
                admin1: String::new(),
                admin2: String::new(),
                population: 0,
                instance_of: claim_ids("P31"),
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        (dir, path)
    }

    #[test]
    fn query_service_json_rows_of_one_item_merge() {
        let json = r#"{"head":{"vars":["item","itemLabel","itemAltLabel","instanceOf"]},"results":{"bindings":[
          {"item":{"type":"uri","value":"http://www.wikidata.org/entity/Q2429253"},"itemLabel":{"type":"literal","value":"Islamic State","xml:lang":"en"},"itemAltLabel":{"type":"literal","value":"ISIS, ISIL, Daesh","xml:lang":"en"},"instanceOf":{"type":"uri","value":"http://www.wikidata.org/entity/Q1"}},
          {"item":{"type":"uri","value":"http://www.wikidata.org/entity/Q2429253"},"itemLabel":{"type":"literal","value":"Islamic State","xml:lang":"en"},"instanceOf":{"type":"uri","value":"http://www.wikidata.org/entity/Q2"}}]}}"#;
        let (_d, path) = file("wd.json", json);
        let g = read(&path).unwrap();
        assert_eq!(g.len(), 1);
        let e = &g.entries[0];
        assert_eq!(
            (e.id.as_str(), e.name.as_str()),
            ("Q2429253", "Islamic State")
        );
        assert_eq!(e.alternates, ["ISIS", "ISIL", "Daesh"]);
        assert_eq!(e.instance_of, ["Q1", "Q2"]);
    }

    #[test]
    fn query_service_csv_and_tsv_give_the_same_entry() {
        let csv = "item,itemLabel,altLabels,coord\nhttp://www.wikidata.org/entity/Q5,\"Place, one\",\"A, B\",Point(40.1 35.3)\n";
        let tsv = "?item\t?itemLabel\t?altLabels\t?coord\n<http://www.wikidata.org/entity/Q5>\t\"Place, one\"@en\t\"A, B\"@en\t\"Point(40.1 35.3)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>\n";
        let (_a, csv) = file("wd.csv", csv);
        let (_b, tsv) = file("wd.tsv", tsv);
        let (a, b) = (read(&csv).unwrap(), read(&tsv).unwrap());
        assert_eq!(a.entries, b.entries);
        assert_eq!(a.entries[0].coordinates, Some((35.3, 40.1)));
        assert_eq!(a.entries[0].name, "Place, one");
    }

    #[test]
    fn a_csv_field_may_hold_quotes_and_a_line_break_and_later_lines_keep_their_numbers() {
        let csv = "item,itemLabel,altLabels\nhttp://www.wikidata.org/entity/Q5,\"The \"\"Old\"\"\nTown\",X\nnot-an-item,Y,Z\n";
        let (_d, path) = file("wd.csv", csv);
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("wd.csv:4: column 1 (item)"), "{err}");
        let (_e, good) = file("wd.csv", &csv[..csv.find("not-an-item").unwrap()]);
        assert_eq!(read(&good).unwrap().entries[0].name, "The \"Old\"\nTown");
    }

    #[test]
    fn dump_lines_give_labels_aliases_and_claims() {
        let dump = "[\n{\"type\":\"item\",\"id\":\"Q7\",\"labels\":{\"en\":{\"language\":\"en\",\"value\":\"Town\"}},\"aliases\":{\"en\":[{\"language\":\"en\",\"value\":\"Ville\"}]},\"claims\":{\"P31\":[{\"mainsnak\":{\"datavalue\":{\"value\":{\"id\":\"Q3957\"}}}}],\"P625\":[{\"mainsnak\":{\"datavalue\":{\"value\":{\"latitude\":35.0,\"longitude\":40.4}}}}]}},\n]\n";
        let (_d, path) = file("dump.json", dump);
        let g = read(&path).unwrap();
        let e = &g.entries[0];
        assert_eq!(
            (e.name.as_str(), e.alternates[0].as_str()),
            ("Town", "Ville")
        );
        assert_eq!(e.instance_of, ["Q3957"]);
        assert_eq!(e.coordinates, Some((35.0, 40.4)));
    }

    #[test]
    fn a_bad_coordinate_names_its_line_and_column() {
        let (_d, path) = file(
            "wd.csv",
            "item,itemLabel,coord\nQ1,X,Point(1 2)\nQ2,Y,somewhere\n",
        );
        let err = read(&path).unwrap_err().to_string();
        assert!(
            err.contains("wd.csv:3: column 3 (coord): found `somewhere`, expected a WKT point"),
            "{err}"
        );
    }

    #[test]
    fn a_csv_row_without_an_item_names_line_and_column() {
        let (_d, path) = file("wd.csv", "item,itemLabel\nnot-an-item,X\n");
        let err = read(&path).unwrap_err().to_string();
        assert!(
            err.contains("wd.csv:2: column 1 (item): found `not-an-item`"),
            "{err}"
        );
    }
}
