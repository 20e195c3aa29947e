//! Counting a graph's triples on the server, and refusing a count that may be partial.
//!
//! The query is `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <g> { ?s ?p ?o } }`, sent as a form POST
//! with no timeout parameter. An answer is trusted only if it is complete SPARQL JSON with one
//! integer `n` and the server does not mark it as partial: Virtuoso answers 200 with an
//! incomplete result and `X-SQL-State` (S1TAT: "Returning incomplete results, query interrupted
//! by result timeout", also in `X-SQL-Message`) when a query hits its time limit, and sets
//! `X-SPARQL-MaxRows` when it cuts a result; oxigraph sends 200 and then "The SPARQL operation
//! has been cancelled" in the middle of the JSON.

use super::http::Answer;
use oxigraph::model::NamedNode;

pub(crate) fn count_query(graph: &NamedNode) -> String {
    format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
}

/// The form body of the count query.
pub(crate) fn count_form(graph: &NamedNode) -> String {
    format!("query={}", super::endpoints::encode(&count_query(graph)))
}

pub(crate) const ACCEPT: &str = "application/sparql-results+json";

/// Reads the count from a 2xx answer; `Err` says why it cannot be trusted.
pub(crate) fn parse_count(answer: &Answer) -> Result<u64, String> {
    let mut marks = Vec::new();
    for name in ["x-sql-state", "x-sql-message", "x-sparql-maxrows"] {
        if let Some(v) = answer.header(name) {
            marks.push(format!("{name}: {}", v.trim()));
        }
    }
    if !marks.is_empty() {
        if let Some(ms) = answer.header("x-exec-milliseconds") {
            marks.push(format!("x-exec-milliseconds: {}", ms.trim()));
        }
        return Err(format!(
            "the server marks its answer as partial or cut ({})",
            marks.join("; ")
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(&answer.body).map_err(|e| {
        let text = String::from_utf8_lossy(&answer.body);
        let tail: String = text
            .chars()
            .rev()
            .take(120)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("the answer is not complete SPARQL JSON ({e}); it ends with: {tail}")
    })?;
    let bindings = json
        .pointer("/results/bindings")
        .and_then(|b| b.as_array())
        .ok_or("the answer has no results.bindings")?;
    let [row] = bindings.as_slice() else {
        return Err(format!(
            "expected one row with the count, the answer has {}",
            bindings.len()
        ));
    };
    let value = row
        .pointer("/n/value")
        .and_then(|v| v.as_str())
        .ok_or("the answer's row has no value for n")?;
    value
        .trim()
        .parse()
        .map_err(|_| format!("the count `{value}` is not a whole number"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::http::{HeaderMap, HeaderValue};

    fn answer(headers: &[(&'static str, &'static str)], body: &str) -> Answer {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, HeaderValue::from_static(v));
        }
        Answer {
            status: 200,
            headers: map,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn counts_from_oxigraph_and_virtuoso() {
        let ox = r#"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"2663","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}"#;
        assert_eq!(parse_count(&answer(&[], ox)), Ok(2663));
        let virtuoso = "\n{ \"head\": { \"link\": [], \"vars\": [\"n\"] },\n  \"results\": { \"distinct\": false, \"ordered\": true, \"bindings\": [\n    { \"n\": { \"type\": \"typed-literal\", \"datatype\": \"http://www.w3.org/2001/XMLSchema#integer\", \"value\": \"1\" }} ] } }";
        assert_eq!(parse_count(&answer(&[], virtuoso)), Ok(1));
    }

    #[test]
    fn a_virtuoso_anytime_answer_is_refused() {
        // Captured from Virtuoso 7.2.5 (a COUNT with timeout=100).
        let a = answer(
            &[
                ("x-sql-state", "S1TAT"),
                (
                    "x-sql-message",
                    "RC...: Returning incomplete results, query interrupted by result timeout.",
                ),
                ("x-exec-milliseconds", "2052"),
            ],
            r#"{ "head": { "link": [], "vars": ["n"] }, "results": { "distinct": false, "ordered": true, "bindings": [ { "n": { "type": "typed-literal", "value": "920000" }} ] } }"#,
        );
        let why = parse_count(&a).unwrap_err();
        assert!(why.contains("S1TAT") && why.contains("incomplete"), "{why}");
    }

    #[test]
    fn a_cut_or_cancelled_answer_is_refused() {
        let cut = answer(
            &[("x-sparql-maxrows", "10000")],
            r#"{"results":{"bindings":[{"n":{"value":"1"}}]}}"#,
        );
        assert!(parse_count(&cut).is_err());
        let cancelled = answer(
            &[],
            r#"{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled"#,
        );
        let why = parse_count(&cancelled).unwrap_err();
        assert!(why.contains("cancelled"), "{why}");
        let empty = answer(&[], r#"{"head":{"vars":["n"]},"results":{"bindings":[]}}"#);
        assert!(parse_count(&empty).unwrap_err().contains("has 0"));
    }

    #[test]
    fn the_count_query_names_the_graph() {
        let g = NamedNode::new_unchecked("http://e/g?a=1");
        assert_eq!(
            count_query(&g),
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://e/g?a=1> { ?s ?p ?o } }"
        );
        assert!(count_form(&g).starts_with("query=SELECT%20%28COUNT"));
    }
}
