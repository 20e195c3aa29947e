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
    pub const NAMES: &'static [&'static str] = &[
        "table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "nquads", "trig", "jsonld",
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "table" => Self::Table,
            "csv" => Self::Csv,
            "tsv" => Self::Tsv,
            "json" => Self::Json,
            "xml" => Self::Xml,
            "turtle" | "ttl" => Self::Turtle,
            "ntriples" | "nt" => Self::NTriples,
            "nquads" | "nq" => Self::NQuads,
            "trig" => Self::TriG,
            "jsonld" | "json-ld" => Self::JsonLd,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
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
    prepare(evaluator(base), text, origin)?
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
) -> Result<PreparedSparqlQuery, QueryError> {
    let mut prepared = evaluator
        .parse_query(text)
        .map_err(|e| QueryError::Syntax {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Writes a query's answers in `format`.
pub fn write_results(
    results: QueryResults<'_>,
    format: OutputFormat,
    base: &Base,
    out: &mut impl Write,
) -> Result<(), QueryError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let eval = QueryError::Evaluation;
            if format == OutputFormat::Table {
                let rows = solutions.collect::<Result<Vec<_>, _>>().map_err(eval)?;
                let header: Vec<String> =
                    variables.iter().map(|v| v.as_str().to_string()).collect();
                return write_table(out, &header, &rows, base);
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
            let mut ser = RdfSerializer::from_format(rdf);
            for (p, iri) in prefixes(base) {
                ser = ser.with_prefix(p, iri).expect("project prefixes are valid");
            }
            let mut w = ser.for_writer(&mut *out);
            for t in triples {
                let t = t.map_err(QueryError::Evaluation)?;
                w.serialize_triple(&t)?;
            }
            w.finish()?;
        }
    }
    Ok(())
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

fn write_table(
    out: &mut impl Write,
    header: &[String],
    rows: &[QuerySolution],
    base: &Base,
) -> Result<(), QueryError> {
    let prefixes = prefixes(base);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            header
                .iter()
                .map(|v| {
                    row.get(v.as_str())
                        .map(|t: &Term| {
                            display_term(t.as_ref(), &prefixes).replace(['\n', '\t'], " ")
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, values: &[String]| -> io::Result<()> {
        let mut first = true;
        let mut text = String::new();
        for (v, w) in values.iter().zip(&widths) {
            if !first {
                text.push_str(" | ");
            }
            first = false;
            text.push_str(v);
            text.extend(std::iter::repeat_n(' ', w - v.chars().count()));
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-"))?;
    for row in &cells {
        line(out, row)?;
    }
    writeln!(
        out,
        "({} row{})",
        cells.len(),
        if cells.len() == 1 { "" } else { "s" }
    )?;
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
    fn wrong_format_for_the_query_kind_is_an_error() {
        let err = run_to_string("SELECT ?l WHERE { ?s rdfs:label ?l }", OutputFormat::Turtle)
            .unwrap_err();
        assert!(err.to_string().contains("does not fit a SELECT query"));
    }
}
