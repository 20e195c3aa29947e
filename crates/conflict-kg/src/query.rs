//! Stage 5a: SPARQL over the store, and writing its answers. The project's prefixes are
//! predeclared, GeoSPARQL functions (`geof:`) are registered, the default graph is the union of all graphs (unless the query names its own
//! dataset with FROM), and answers are written to any `io::Write` in the chosen format.
//!
//! Library code never prints: the CLI hands in stdout.

use crate::iri::Base;
use crate::store::KgStore;
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, TermRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator,
};
use oxigraph::store::Store;
use std::io::{self, Write};

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("SPARQL syntax error in {origin}: {message}")]
    Syntax { origin: String, message: String },
    #[error(
        "unknown prefix `{prefix}:` in {origin} at {line}:{column} (`{name}`): declare it with \
         `PREFIX {prefix}: <…>`, or use a predeclared one: {predeclared}"
    )]
    UnknownPrefix {
        origin: String,
        line: usize,
        column: usize,
        prefix: String,
        name: String,
        predeclared: String,
    },
    #[error(
        "{origin} is a SPARQL update ({keyword}): `ckg query` only reads; the store is changed \
         only by `ckg build`, `ckg link` and `ckg import`"
    )]
    Update { origin: String, keyword: String },
    #[error("query evaluation failed: {0}")]
    Evaluation(#[source] QueryEvaluationError),
    #[error("format `{format}` does not fit a {kind} query: {hint}")]
    FormatMismatch {
        format: &'static str,
        kind: &'static str,
        hint: &'static str,
    },
    #[error("cannot write the answers: {0}")]
    Io(#[from] io::Error),
}

/// Output formats of `ckg query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    NTriples,
    NQuads,
    TriG,
    JsonLd,
}

impl OutputFormat {
    /// Every format, in the order `--help` lists them: the one table of their names.
    pub const ALL: [Self; 10] = [
        Self::Table,
        Self::Csv,
        Self::Tsv,
        Self::Json,
        Self::Xml,
        Self::Turtle,
        Self::NTriples,
        Self::NQuads,
        Self::TriG,
        Self::JsonLd,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::TriG => "trig",
            Self::JsonLd => "jsonld",
        }
    }

    /// Other names `--format` accepts for it (the usual file extensions).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Turtle => &["ttl"],
            Self::NTriples => &["nt"],
            Self::NQuads => &["nq"],
            Self::JsonLd => &["json-ld"],
            _ => &[],
        }
    }

    /// The format of a name or alias, any case.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.name() == name || f.aliases().contains(&name.as_str()))
    }

    fn results_format(self) -> Option<QueryResultsFormat> {
        match self {
            Self::Csv => Some(QueryResultsFormat::Csv),
            Self::Tsv => Some(QueryResultsFormat::Tsv),
            Self::Json => Some(QueryResultsFormat::Json),
            Self::Xml => Some(QueryResultsFormat::Xml),
            _ => None,
        }
    }

    /// The RDF format for CONSTRUCT/DESCRIBE answers.
    pub fn rdf_format(self) -> Option<RdfFormat> {
        match self {
            Self::Turtle => Some(RdfFormat::Turtle),
            Self::NTriples => Some(RdfFormat::NTriples),
            Self::NQuads => Some(RdfFormat::NQuads),
            Self::TriG => Some(RdfFormat::TriG),
            Self::JsonLd => Some(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
            _ => None,
        }
    }
}

/// Every prefix a query or export may use: the standard ones and one per instance folder.
pub(crate) fn prefixes(base: &Base) -> Vec<(String, String)> {
    vocab::STANDARD_PREFIXES
        .iter()
        .map(|(p, iri)| (p.to_string(), iri.to_string()))
        .chain(
            vocab::INSTANCE_FOLDERS
                .iter()
                .map(|folder| (folder.to_string(), base.folder(folder))),
        )
        .collect()
}

/// The evaluator with GeoSPARQL's functions (`geof:distance`, `geof:sfWithin`, …) registered,
/// as implemented by oxigraph's `spargeo` crate. `geof:distance` takes two WKT literals and a
/// unit (`uom:metre`, …) and measures great-circle (haversine) distance between points.
pub(crate) fn with_geosparql(mut evaluator: SparqlEvaluator) -> SparqlEvaluator {
    for (name, function) in spargeo::GEOSPARQL_EXTENSION_FUNCTIONS {
        evaluator = evaluator.with_custom_function(name.into_owned(), function);
    }
    evaluator
}

impl KgStore {
    /// Parses and runs a SPARQL query over the union of the store's graphs, with the project's
    /// prefixes and GeoSPARQL functions. `origin` names where the text came from, for errors.
    pub fn query(
        &self,
        text: &str,
        origin: &str,
        base: &Base,
    ) -> Result<QueryResults<'_>, QueryError> {
        run(self.inner(), text, origin, base)
    }
}

/// Parses and runs a query. `origin` names where the text came from, for error messages.
pub(crate) fn run<'a>(
    store: &'a Store,
    text: &str,
    origin: &str,
    base: &Base,
) -> Result<QueryResults<'a>, QueryError> {
    prepare(evaluator(base), text, origin, base)?
        .on_store(store)
        .execute()
        .map_err(QueryError::Evaluation)
}

/// The evaluator every query of the project runs in: GeoSPARQL functions and the prefixes.
pub(crate) fn evaluator(base: &Base) -> SparqlEvaluator {
    let mut evaluator = with_geosparql(SparqlEvaluator::new());
    for (p, iri) in prefixes(base) {
        evaluator = evaluator
            .with_prefix(p, iri)
            .expect("project prefixes are valid IRIs");
    }
    evaluator
}

/// Parses a query; its default graph is the union of the store's graphs unless it names its
/// own dataset (FROM).
pub(crate) fn prepare(
    evaluator: SparqlEvaluator,
    text: &str,
    origin: &str,
    base: &Base,
) -> Result<PreparedSparqlQuery, QueryError> {
    let mut prepared = evaluator
        .parse_query(text)
        .map_err(|e| syntax_error(text, origin, e.to_string(), base))?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Writes a query's answers in `format`, streamed: memory stays bounded however many rows
/// (the table holds its first [`TABLE_SAMPLE_ROWS`] rows, to measure its columns). An error
/// the evaluation meets before the first answer (a `SERVICE` that fails, say) is returned
/// before anything is written; one met later ends the output where it is, and is returned.
pub fn write_results(
    results: QueryResults<'_>,
    format: OutputFormat,
    base: &Base,
    out: &mut impl Write,
) -> Result<(), QueryError> {
    let eval = QueryError::Evaluation;
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut solutions = solutions.peekable();
            if matches!(solutions.peek(), Some(Err(_))) {
                if let Some(Err(e)) = solutions.next() {
                    return Err(eval(e));
                }
            }
            if format == OutputFormat::Table {
                let header: Vec<String> =
                    variables.iter().map(|v| v.as_str().to_string()).collect();
                return write_table(out, &header, solutions.map(|s| s.map_err(eval)), base);
            }
            let Some(rf) = format.results_format() else {
                return Err(mismatch(
                    format,
                    "SELECT",
                    "use table, csv, tsv, json or xml",
                ));
            };
            let mut ser = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(&mut *out, variables)?;
            for s in solutions {
                ser.serialize(&s.map_err(eval)?)?;
            }
            ser.finish()?;
        }
        QueryResults::Boolean(value) => {
            if format == OutputFormat::Table {
                writeln!(out, "{value}")?;
                return Ok(());
            }
            let Some(rf) = format.results_format() else {
                return Err(mismatch(format, "ASK", "use table, csv, tsv, json or xml"));
            };
            QueryResultsSerializer::from_format(rf)
                .serialize_boolean_to_writer(&mut *out, value)?;
        }
        QueryResults::Graph(triples) => {
            let Some(rdf) = format.rdf_format() else {
                return Err(mismatch(
                    format,
                    "CONSTRUCT/DESCRIBE",
                    "use turtle, ntriples, nquads, trig or jsonld",
                ));
            };
            let mut triples = triples.peekable();
            if matches!(triples.peek(), Some(Err(_))) {
                if let Some(Err(e)) = triples.next() {
                    return Err(eval(e));
                }
            }
            let mut ser = RdfSerializer::from_format(rdf);
            for (p, iri) in prefixes(base) {
                ser = ser.with_prefix(p, iri).expect("project prefixes are valid");
            }
            let mut w = ser.for_writer(&mut *out);
            for t in triples {
                let t = t.map_err(eval)?;
                w.serialize_triple(&t)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

/// The error of a query that does not parse, said the way a user can act on: an update is
/// refused as one, an unknown prefix is named with the predeclared ones, anything else is the
/// parser's message (with its line and column).
fn syntax_error(text: &str, origin: &str, message: String, base: &Base) -> QueryError {
    const UPDATES: &[&str] = &[
        "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
    ];
    if let Some(keyword) = first_keyword(text).filter(|k| UPDATES.contains(&k.as_str())) {
        return QueryError::Update {
            origin: origin.to_string(),
            keyword,
        };
    }
    // oxigraph's message opens with the position: `error at 1:28: expected one of …`.
    let at = message.strip_prefix("error at ").and_then(|rest| {
        let (line, column) = rest.split_once(": ")?.0.split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    if let (true, Some((line, column))) = (message.contains("Prefix not found"), at) {
        if let Some((name, prefix, start)) = prefixed_name_before(text, line, column) {
            let predeclared = prefixes(base)
                .into_iter()
                .map(|(p, _)| p)
                .collect::<Vec<_>>()
                .join(" ");
            return QueryError::UnknownPrefix {
                origin: origin.to_string(),
                line,
                column: start,
                prefix,
                name,
                predeclared,
            };
        }
    }
    QueryError::Syntax {
        origin: origin.to_string(),
        message,
    }
}

/// The first keyword of a query after its prologue (`PREFIX p: <…>`, `BASE <…>`, comments),
/// in upper case.
fn first_keyword(text: &str) -> Option<String> {
    let mut words = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace);
    loop {
        let word = words.next()?.to_ascii_uppercase();
        match word.as_str() {
            "PREFIX" => {
                words.next()?;
                words.next()?;
            }
            "BASE" => {
                words.next()?;
            }
            _ => {
                let keyword: String = word.chars().take_while(char::is_ascii_alphabetic).collect();
                return (!keyword.is_empty()).then_some(keyword);
            }
        }
    }
}

/// The prefixed name (`foo:bar`) that ends right before 1-based `line`:`column` of `text` (where
/// the parser reports a prefix it does not know), its prefix, and the column it starts at.
fn prefixed_name_before(text: &str, line: usize, column: usize) -> Option<(String, String, usize)> {
    let chars: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
    let end = column.checked_sub(1)?.min(chars.len());
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '%');
    let start = chars[..end]
        .iter()
        .rposition(|&c| !is_name(c))
        .map_or(0, |i| i + 1);
    let name: String = chars[start..end].iter().collect();
    let (prefix, _) = name.split_once(':')?;
    Some((name.clone(), prefix.to_string(), start + 1))
}

fn mismatch(format: OutputFormat, kind: &'static str, hint: &'static str) -> QueryError {
    QueryError::FormatMismatch {
        format: format.name(),
        kind,
        hint,
    }
}

/// A term as a person reads it in a table: prefixed names for IRIs, bare values for literals.
pub(crate) fn display_term(term: TermRef<'_>, prefixes: &[(String, String)]) -> String {
    match term {
        TermRef::NamedNode(n) => {
            let iri = n.as_str();
            prefixes
                .iter()
                .filter(|(_, ns)| iri.starts_with(ns.as_str()))
                .max_by_key(|(_, ns)| ns.len())
                .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        TermRef::BlankNode(b) => format!("_:{}", b.as_str()),
        TermRef::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        _ => term.to_string(),
    }
}

/// Rows a table's column widths are measured on: the table is printed once they are read (or
/// the answers end), so `ckg query … | head` returns at once; later rows wider than a column
/// are cut to it, ending in `…`, and the last line says how many were.
pub const TABLE_SAMPLE_ROWS: usize = 200;

fn write_table(
    out: &mut impl Write,
    header: &[String],
    rows: impl Iterator<Item = Result<QuerySolution, QueryError>>,
    base: &Base,
) -> Result<(), QueryError> {
    let prefixes = prefixes(base);
    let cells = |row: &QuerySolution| -> Vec<String> {
        header
            .iter()
            .map(|v| {
                row.get(v.as_str())
                    .map(|t: &Term| display_term(t.as_ref(), &prefixes).replace(['\n', '\t'], " "))
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut rows = rows.peekable();
    let mut sample = Vec::new();
    while sample.len() < TABLE_SAMPLE_ROWS {
        match rows.next() {
            Some(row) => sample.push(cells(&row?)),
            None => break,
        }
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &sample {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut cut = 0usize;
    let mut line = |out: &mut dyn Write, values: &[String]| -> io::Result<()> {
        let mut text = String::new();
        for (i, (v, &w)) in values.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str(" | ");
            }
            let n = v.chars().count();
            if n > w {
                cut += 1;
                text.extend(v.chars().take(w.saturating_sub(1)));
                text.push('…');
            } else {
                text.push_str(v);
                text.extend(std::iter::repeat_n(' ', w - n));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-"))?;
    let mut count = 0usize;
    for row in &sample {
        line(out, row)?;
        count += 1;
    }
    for row in rows {
        line(out, &cells(&row?))?;
        count += 1;
    }
    let plural = if count == 1 { "" } else { "s" };
    if cut == 0 {
        writeln!(out, "({count} row{plural})")?;
    } else {
        writeln!(
            out,
            "({count} row{plural}; {cut} value{} wider than its column, measured on the first \
             {TABLE_SAMPLE_ROWS} rows, cut with …: use --format tsv for whole values)",
            if cut == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    fn store() -> Store {
        let store = Store::new().unwrap();
        let g = NamedNode::new("https://w3id.org/conflict-kg/id/graph/report/r").unwrap();
        let s = NamedNode::new("https://w3id.org/conflict-kg/id/incident/a").unwrap();
        let label = NamedNode::new("http://www.w3.org/2000/01/rdf-schema#label").unwrap();
        store
            .insert(&Quad::new(
                s,
                label,
                Literal::new_simple_literal("An attack"),
                GraphName::NamedNode(g),
            ))
            .unwrap();
        store
    }

    fn run_to_string(q: &str, format: OutputFormat) -> Result<String, QueryError> {
        let store = store();
        let base = Base::default();
        let results = run(&store, q, "test", &base)?;
        let mut out = Vec::new();
        write_results(results, format, &base, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn named_graphs_are_queried_as_the_default_graph_with_prefixes_predeclared() {
        let out = run_to_string(
            "SELECT ?s ?l WHERE { ?s rdfs:label ?l }",
            OutputFormat::Table,
        )
        .unwrap();
        assert_eq!(
            out,
            "s          | l\n-----------+----------\nincident:a | An attack\n(1 row)\n"
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = run_to_string("SELECT ?s\nWHERE { ?s ?p }", OutputFormat::Csv).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("2:"), "{text}");
        assert!(text.starts_with("SPARQL syntax error in test"), "{text}");
    }

    #[test]
    fn csv_and_ask_and_construct_formats() {
        assert_eq!(
            run_to_string("SELECT ?l WHERE { ?s rdfs:label ?l }", OutputFormat::Csv).unwrap(),
            "l\r\nAn attack\r\n"
        );
        assert_eq!(
            run_to_string("ASK { ?s rdfs:label \"An attack\" }", OutputFormat::Table).unwrap(),
            "true\n"
        );
        let ttl =
            run_to_string("CONSTRUCT WHERE { ?s rdfs:label ?l }", OutputFormat::Turtle).unwrap();
        assert!(ttl.contains("incident:a rdfs:label \"An attack\""), "{ttl}");
    }

    #[test]
    fn geof_distance_measures_kilometres_between_wkt_points() {
        // Deir ez-Zor city and Al Mayādīn (GeoNames coordinates): about 45 km apart.
        let out = run_to_string(
            "SELECT (ROUND(geof:distance(\"POINT(40.14084 35.33588)\"^^geo:wktLiteral, \
             \"POINT(40.45346 35.02089)\"^^geo:wktLiteral, uom:metre) / 1000) AS ?km) {}",
            OutputFormat::Csv,
        )
        .unwrap();
        assert_eq!(out, "km\r\n45\r\n");
    }

    #[test]
    fn an_unknown_prefix_is_named_with_its_position_and_the_predeclared_ones() {
        let err = run_to_string("SELECT * WHERE {\n  ?s foo:bar ?o }", OutputFormat::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("unknown prefix `foo:` in test at 2:6 (`foo:bar`): declare it"),
            "{err}"
        );
        assert!(err.contains("predeclared one: rdf rdfs owl"), "{err}");
        assert!(err.contains(" incident actor place"), "{err}");
        assert!(!err.contains("expected one of"), "no grammar dump: {err}");
    }

    #[test]
    fn an_update_is_refused_as_one_whatever_its_prologue() {
        for q in [
            "INSERT DATA { <a:b> <a:b> <a:b> }",
            "PREFIX ex: <http://e/>\n# load it\nLOAD <file:///etc/passwd>",
            "BASE <http://e/> clear all",
        ] {
            let err = run_to_string(q, OutputFormat::Csv).unwrap_err().to_string();
            assert!(err.starts_with("test is a SPARQL update ("), "{err}");
            assert!(
                err.ends_with(
                    "the store is changed only by `ckg build`, `ckg link` and `ckg import`"
                ),
                "{err}"
            );
        }
    }

    #[test]
    fn format_names_and_aliases_come_from_one_table() {
        for f in OutputFormat::ALL {
            assert_eq!(OutputFormat::parse(f.name()), Some(f));
            for a in f.aliases() {
                assert_eq!(OutputFormat::parse(&a.to_uppercase()), Some(f));
            }
        }
        assert_eq!(OutputFormat::parse("bogus"), None);
    }

    #[test]
    fn wrong_format_for_the_query_kind_is_an_error() {
        let err = run_to_string("SELECT ?l WHERE { ?s rdfs:label ?l }", OutputFormat::Turtle)
            .unwrap_err();
        assert!(err.to_string().contains("does not fit a SELECT query"));
    }
}
