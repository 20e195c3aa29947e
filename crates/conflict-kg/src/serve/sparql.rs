//! The SPARQL 1.1 Protocol (`/sparql`, query only) and Graph Store Protocol reads (`/store`):
//! where the query comes from, which format the client gets, and the honest limits.
//!
//! A query runs as `ckg query` runs it (the library's prefixes, GeoSPARQL functions and union
//! default graph, via `limits::run_limited`). Limits: a timeout before the answer starts is a
//! `503` with a message; once streaming (answers over `http::COMMIT_AFTER`), the transfer is
//! aborted. With a row cap, at most cap + 1 answers are read before anything is written, so
//! the status, the `X-CKG-Truncated` header and the marker in the body (a `link` in the head
//! of JSON and XML results, a comment in Turtle, N-Triples, N-Quads and TriG) always agree.

use super::http::{Common, Request, Response, Streamer, cancel_on_disconnect};
use super::negotiate::choose;
use super::{Reply, Shared};
use crate::limits::{LimitError, LimitedQuery, ProtocolDataset, run_limited};
use crate::query::{QueryError, prefixes};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Quad, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, QuerySolution};
use std::io::{self, Write};
use std::net::TcpStream;

/// Answer formats for SELECT and ASK, in the server's order of preference.
const SOLUTION_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// Graph formats (CONSTRUCT, DESCRIBE, one graph of the store, Linked Data).
pub(super) const GRAPH_TYPES: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
    ("application/rdf+xml", RdfFormat::RdfXml),
];

/// Dataset formats (the whole store).
const DATASET_TYPES: &[(&str, RdfFormat)] = &[
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
];

/// `format=` names, for clients that cannot set `Accept` (a link in a browser).
fn format_param(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "json" | "srj" => "application/sparql-results+json",
        "xml" | "srx" => "application/sparql-results+xml",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "turtle" | "ttl" => "text/turtle",
        "ntriples" | "nt" => "application/n-triples",
        "nquads" | "nq" => "application/n-quads",
        "trig" => "application/trig",
        "jsonld" | "json-ld" => "application/ld+json",
        "rdfxml" | "rdf" => "application/rdf+xml",
        _ => return None,
    })
}

/// The client's choice among `offers`: `format=` if given, else `Accept`.
pub(super) fn negotiate<T: Copy>(req: &Request, offers: &[(&str, T)]) -> Option<(&'static str, T)>
where
{
    let types: Vec<&str> = offers.iter().map(|(t, _)| *t).collect();
    let accept = match req.param("format") {
        Some(f) => Some(format_param(f).unwrap_or("none/none")),
        None => req.header("accept"),
    };
    choose(accept, &types).map(|i| {
        let (t, f) = offers[i];
        // The offers are 'static tables; re-borrow as such.
        (static_type(t), f)
    })
}

fn static_type(t: &str) -> &'static str {
    SOLUTION_TYPES
        .iter()
        .map(|(t, _)| *t)
        .chain(GRAPH_TYPES.iter().map(|(t, _)| *t))
        .chain(["text/html"])
        .find(|s| *s == t)
        .unwrap_or("application/octet-stream")
}

pub(super) fn not_acceptable(offers: &[&str]) -> Response {
    Response::error(
        406,
        format!(
            "none of the accepted media types can be produced here; available: {}",
            offers.join(", ")
        ),
    )
}

fn content_type(media: &str) -> String {
    if media.starts_with("text/") || media.ends_with("json") || media.ends_with("xml") {
        format!("{media}; charset=utf-8")
    } else {
        media.to_string()
    }
}

/// `/sparql` (and `/query`).
pub(super) fn endpoint(
    shared: &Shared,
    req: &Request,
    out: &mut impl Write,
    common: &Common,
    peer: Option<&TcpStream>,
) -> io::Result<Reply> {
    let (query, params) = match (req.method.as_str(), req.content_type().as_deref()) {
        ("GET" | "HEAD", _) => (req.param("query").map(str::to_string), req.params.clone()),
        ("POST", Some("application/x-www-form-urlencoded")) => {
            let form = super::http::parse_form(&String::from_utf8_lossy(&req.body));
            if form.iter().any(|(k, _)| k == "update") {
                return Ok(read_only());
            }
            let query = form
                .iter()
                .find(|(k, _)| k == "query")
                .map(|(_, v)| v.clone());
            let mut params = req.params.clone();
            params.extend(form);
            (query, params)
        }
        ("POST", Some("application/sparql-query")) => match String::from_utf8(req.body.clone()) {
            Ok(text) => (Some(text), req.params.clone()),
            Err(_) => return Ok(Response::error(400, "the query is not UTF-8").into()),
        },
        ("POST", Some("application/sparql-update")) => return Ok(read_only()),
        ("POST", other) => {
            return Ok(Response::error(
                415,
                format!(
                    "a POST to /sparql takes application/sparql-query or \
                     application/x-www-form-urlencoded, not {}",
                    other.unwrap_or("a body without Content-Type")
                ),
            )
            .into());
        }
        _ => {
            return Ok(Response::error(405, "/sparql takes GET, HEAD and POST")
                .with_header("Allow", "GET, HEAD, POST, OPTIONS")
                .into());
        }
    };
    let Some(query) = query else {
        if req.param("update").is_some() {
            return Ok(read_only());
        }
        return Ok(service_description(shared, req));
    };
    if query.len() > shared.config.max_query {
        return Ok(Response::error(
            413,
            format!(
                "the query is {} bytes; this server takes queries of at most {} (--max-query)",
                query.len(),
                shared.config.max_query
            ),
        )
        .into());
    }
    let dataset = match protocol_dataset(&params) {
        Ok(d) => d,
        Err(r) => return Ok(r.into()),
    };
    let query = LimitedQuery {
        text: &query,
        origin: "the query",
        dataset: dataset.as_ref(),
    };
    run_query(shared, req, out, common, &query, peer)
}

fn read_only() -> Reply {
    Response::error(
        403,
        "this server is read-only: there is no update endpoint (change the data with ckg \
         build, link or import; the server picks the change up)",
    )
    .into()
}

fn protocol_dataset(params: &[(String, String)]) -> Result<Option<ProtocolDataset>, Response> {
    let mut dataset = ProtocolDataset::default();
    for (k, v) in params {
        let list = match k.as_str() {
            "default-graph-uri" => &mut dataset.default_graphs,
            "named-graph-uri" => &mut dataset.named_graphs,
            _ => continue,
        };
        list.push(
            NamedNode::new(v.clone())
                .map_err(|e| Response::error(400, format!("{k} `{v}` is not an IRI: {e}")))?,
        );
    }
    Ok((!dataset.default_graphs.is_empty() || !dataset.named_graphs.is_empty()).then_some(dataset))
}

/// How an attempt at a query ended before anything was sent: retried once on a newer store
/// when the store changed under it.
enum Attempt {
    Done(Reply),
    Failed(LimitError),
}

fn run_query(
    shared: &Shared,
    req: &Request,
    out: &mut impl Write,
    common: &Common,
    query: &LimitedQuery<'_>,
    peer: Option<&TcpStream>,
) -> io::Result<Reply> {
    let mut generation = shared.live.current();
    let cacheable = shared.cache.enabled() && super::cache::cacheable(query.text);
    for attempt in 0..2 {
        let key = cacheable.then(|| super::cache::Key {
            generation: generation.number,
            query: query.text.to_string(),
            dataset: format!("{:?}", query.dataset),
            // What `negotiate` chooses by: `format=` first, else `Accept`.
            accept: match req.param("format") {
                Some(f) => format!("format={f}"),
                None => req.header("accept").unwrap_or("").to_string(),
            },
            max_rows: shared.config.limits.max_rows,
        });
        if let Some(hit) = key.as_ref().and_then(|k| shared.cache.get(k)) {
            let mut headers = hit.headers.clone();
            headers.push(("X-CKG-Cache".into(), "hit".into()));
            let mut streamer = Streamer::new(out, headers, common.clone());
            streamer.write_all(&hit.body)?;
            streamer.finish()?;
            return Ok(Reply::Sent);
        }
        let token = CancellationToken::new();
        // A client that closes its connection stops its query (checked every
        // DISCONNECT_CHECK until the answer is written).
        let _watch = peer.map(|p| cancel_on_disconnect(p, token.clone()));
        let run = Run {
            store: &generation.store,
            token,
            cache_key: key,
        };
        match answer(shared, req, out, common, query, run)? {
            Attempt::Done(reply) => return Ok(reply),
            Attempt::Failed(e) => {
                // A storage error can come from a store swapped or compacted under an old
                // handle: if the store changed, run once more on the new one.
                let retriable = matches!(e, LimitError::Query(QueryError::Evaluation(_)));
                if attempt == 0 && retriable {
                    let newer = shared.live.refresh();
                    if newer.number != generation.number {
                        generation = newer;
                        continue;
                    }
                }
                return Ok(limit_error(&e, shared).into());
            }
        }
    }
    unreachable!("the loop returns")
}

fn limit_error(e: &LimitError, shared: &Shared) -> Response {
    match e {
        LimitError::Timeout { .. } => Response::error(503, e).with_header(
            "X-CKG-Limit",
            format!(
                "timeout={}",
                shared
                    .config
                    .limits
                    .timeout
                    .map_or(0.0, |t| t.as_secs_f64())
            ),
        ),
        LimitError::Query(QueryError::Syntax { .. }) => Response::error(400, e),
        LimitError::Query(QueryError::Evaluation(QueryEvaluationError::UnsupportedService(_)))
            if !shared.config.limits.allow_service =>
        {
            Response::error(
                400,
                format!(
                    "{e}: SERVICE (federated queries) is off on this server (ckg serve \
                 --allow-service turns it on)"
                ),
            )
        }
        LimitError::Query(QueryError::Evaluation(QueryEvaluationError::Service(_))) => {
            Response::error(502, e)
        }
        LimitError::Query(_) => Response::error(500, e),
    }
}

/// One attempt at a query: the store handle it runs on, its cancellation, and the key its
/// answer is kept under (if it may be).
struct Run<'s> {
    store: &'s crate::KgStore,
    token: CancellationToken,
    cache_key: Option<super::cache::Key>,
}

/// Runs the query on one store handle and writes the answer.
fn answer(
    shared: &Shared,
    req: &Request,
    out: &mut impl Write,
    common: &Common,
    query: &LimitedQuery<'_>,
    run: Run<'_>,
) -> io::Result<Attempt> {
    let Run {
        store,
        token,
        cache_key,
    } = run;
    let config = &shared.config;
    // A whole answer, sent and, when it may be, kept for the same question on the same data.
    let send_whole = |out: &mut _, headers: Vec<(String, String)>, body: Vec<u8>| {
        let mut sent = headers.clone();
        if cache_key.is_some() {
            sent.push(("X-CKG-Cache".into(), "miss".into()));
        }
        let mut streamer = Streamer::new(out, sent, common.clone());
        streamer.write_all(&body)?;
        streamer.finish()?;
        if let Some(key) = cache_key.clone() {
            shared
                .cache
                .put(key, super::cache::Answer { headers, body });
        }
        io::Result::Ok(Attempt::Done(Reply::Sent))
    };
    let limited = match run_limited(
        store.inner(),
        query,
        &config.base,
        &config.limits,
        shared.evaluator.clone(),
        token,
    ) {
        Ok(l) => l,
        Err(e) => return Ok(Attempt::Failed(e)),
    };
    let watchdog = limited.watchdog;
    let max_rows = config.limits.max_rows;
    let mut headers = Vec::new();
    if let Some(cap) = max_rows {
        headers.push(("X-SPARQL-MaxRows".to_string(), cap.to_string()));
    }
    match limited.results {
        QueryResults::Boolean(value) => {
            let Some((media, format)) = negotiate(req, SOLUTION_TYPES) else {
                return Ok(Attempt::Done(not_acceptable(&types(SOLUTION_TYPES)).into()));
            };
            let mut body = Vec::new();
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut body, value)?;
            let response = Response::new(200, &content_type(media), body);
            Ok(Attempt::Done(with_headers(response, headers).into()))
        }
        QueryResults::Solutions(solutions) => {
            let Some((media, format)) = negotiate(req, SOLUTION_TYPES) else {
                return Ok(Attempt::Done(not_acceptable(&types(SOLUTION_TYPES)).into()));
            };
            headers.push(("Content-Type".into(), content_type(media)));
            let variables = solutions.variables().to_vec();
            if let Some(cap) = max_rows {
                let (rows, truncated): (Vec<QuerySolution>, bool) =
                    match first_rows(solutions, capped(cap)) {
                        Ok(r) => r,
                        Err(e) => return Ok(Attempt::Failed(watchdog.classify_evaluation(e))),
                    };
                let mut body = Vec::new();
                let mut ser = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut body, variables)?;
                for row in &rows {
                    ser.serialize(row)?;
                }
                ser.finish()?;
                if truncated {
                    headers.push(("X-CKG-Truncated".into(), format!("max-rows={cap}")));
                    body = mark_truncated_results(body, format, cap);
                }
                return send_whole(out, headers, body);
            }
            let mut streamer = Streamer::new(out, headers, common.clone());
            let mut ser = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut streamer, variables)?;
            for s in solutions {
                match s {
                    Ok(s) => {
                        if ser.serialize(&s).is_err() {
                            return Ok(Attempt::Done(Reply::Aborted));
                        }
                    }
                    Err(e) => {
                        drop(ser);
                        if streamer.is_streaming() {
                            return Ok(Attempt::Done(Reply::Aborted));
                        }
                        return Ok(Attempt::Failed(watchdog.classify_evaluation(e)));
                    }
                }
            }
            if ser.finish().is_err() {
                return Ok(Attempt::Done(Reply::Aborted));
            }
            streamer.finish()?;
            Ok(Attempt::Done(Reply::Sent))
        }
        QueryResults::Graph(triples) => {
            let Some((media, format)) = negotiate(req, GRAPH_TYPES) else {
                return Ok(Attempt::Done(not_acceptable(&types(GRAPH_TYPES)).into()));
            };
            headers.push(("Content-Type".into(), content_type(media)));
            if let Some(cap) = max_rows {
                let (held, truncated): (Vec<Triple>, bool) = match first_rows(triples, capped(cap))
                {
                    Ok(r) => r,
                    Err(e) => return Ok(Attempt::Failed(watchdog.classify_evaluation(e))),
                };
                if truncated {
                    headers.push(("X-CKG-Truncated".into(), format!("max-rows={cap}")));
                }
                let mut body = Vec::new();
                if truncated && has_comments(format) {
                    writeln!(
                        body,
                        "# Truncated: this server returns at most {cap} triples (--max-rows); \
                         more matched."
                    )?;
                }
                let mut w = serializer(shared, format).for_writer(&mut body);
                for t in &held {
                    w.serialize_triple(t)?;
                }
                w.finish()?;
                return send_whole(out, headers, body);
            }
            let mut streamer = Streamer::new(out, headers, common.clone());
            let mut w = serializer(shared, format).for_writer(&mut streamer);
            for t in triples {
                match t {
                    Ok(t) => {
                        if w.serialize_triple(&t).is_err() {
                            return Ok(Attempt::Done(Reply::Aborted));
                        }
                    }
                    Err(e) => {
                        drop(w);
                        if streamer.is_streaming() {
                            return Ok(Attempt::Done(Reply::Aborted));
                        }
                        return Ok(Attempt::Failed(watchdog.classify_evaluation(e)));
                    }
                }
            }
            if w.finish().is_err() {
                return Ok(Attempt::Done(Reply::Aborted));
            }
            streamer.finish()?;
            Ok(Attempt::Done(Reply::Sent))
        }
    }
}

/// `--max-rows` as a count of items.
fn capped(cap: u64) -> usize {
    usize::try_from(cap).unwrap_or(usize::MAX)
}

/// The first `cap` answers, and whether more matched (one more is read to know).
fn first_rows<T>(
    answers: impl Iterator<Item = Result<T, QueryEvaluationError>>,
    cap: usize,
) -> Result<(Vec<T>, bool), QueryEvaluationError> {
    let mut rows = answers
        .take(cap.saturating_add(1))
        .collect::<Result<Vec<T>, _>>()?;
    let truncated = rows.len() > cap;
    rows.truncate(cap);
    Ok((rows, truncated))
}

fn with_headers(mut r: Response, headers: Vec<(String, String)>) -> Response {
    r.headers.extend(headers);
    r
}

fn types<T>(offers: &[(&str, T)]) -> Vec<&'static str> {
    offers.iter().map(|(t, _)| static_type(t)).collect()
}

fn has_comments(format: RdfFormat) -> bool {
    matches!(
        format,
        RdfFormat::Turtle | RdfFormat::NTriples | RdfFormat::NQuads | RdfFormat::TriG
    )
}

/// The URI put in the `link` of a results head when the row cap cut the answer.
pub(super) fn truncation_link(cap: u64) -> String {
    format!("urn:conflict-kg:truncated:max-rows={cap}")
}

/// Puts the truncation mark where the results format has a place for metadata: a `link` in
/// the head of JSON (`"head": {"vars": […], "link": […]}`) and XML (`<link href=…/>`) results.
fn mark_truncated_results(body: Vec<u8>, format: QueryResultsFormat, cap: u64) -> Vec<u8> {
    let text = String::from_utf8_lossy(&body).into_owned();
    let link = truncation_link(cap);
    let marked = match format {
        QueryResultsFormat::Json => text.replacen(
            "{\"head\":{",
            &format!("{{\"head\":{{\"link\":[\"{link}\"],"),
            1,
        ),
        QueryResultsFormat::Xml => {
            text.replacen("</head>", &format!("<link href=\"{link}\"/></head>"), 1)
        }
        _ => text,
    };
    marked.into_bytes()
}

fn serializer(shared: &Shared, format: RdfFormat) -> RdfSerializer {
    let mut ser = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (p, iri) in prefixes(&shared.config.base) {
            ser = ser.with_prefix(p, iri).expect("project prefixes are valid");
        }
    }
    ser
}

/// The externally visible root of this server (`http://host:port`), from `Host` and the
/// proxy headers.
pub(super) fn root(req: &Request) -> String {
    let host = req
        .header("x-forwarded-host")
        .or(req.header("host"))
        .unwrap_or("localhost");
    let proto = req.header("x-forwarded-proto").unwrap_or("http");
    format!("{proto}://{host}")
}

/// The service description (SPARQL 1.1 Service Description), negotiated like a graph.
fn service_description(shared: &Shared, req: &Request) -> Reply {
    let Some((media, format)) = negotiate(req, GRAPH_TYPES) else {
        return not_acceptable(&types(GRAPH_TYPES)).into();
    };
    let endpoint = format!("{}/sparql", root(req));
    let functions: String = spargeo::GEOSPARQL_EXTENSION_FUNCTIONS
        .iter()
        .map(|(name, _)| format!("<{}>", name.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let limits = &shared.config.limits;
    let ttl = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix fmt: <http://www.w3.org/ns/formats/> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <{endpoint}> a sd:Service ;\n\
         \x20 sd:endpoint <{endpoint}> ;\n\
         \x20 rdfs:comment \"conflict-kg (ckg serve): read-only; timeout {timeout}; max rows {rows}; SERVICE off\" ;\n\
         \x20 sd:supportedLanguage sd:SPARQL11Query ;\n\
         \x20 sd:feature sd:UnionDefaultGraph ;\n\
         \x20 sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV, \
         fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:N-Quads, fmt:TriG, fmt:JSON-LD, fmt:RDF_XML ;\n\
         \x20 sd:extensionFunction {functions} ;\n\
         \x20 sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .\n",
        timeout = limits
            .timeout
            .map_or("none".to_string(), |t| format!("{}s", t.as_secs_f64())),
        rows = limits
            .max_rows
            .map_or("none".to_string(), |r| r.to_string()),
    );
    if format == RdfFormat::Turtle {
        return Response::new(200, &content_type(media), ttl).into();
    }
    let mut body = Vec::new();
    let mut w = RdfSerializer::from_format(format).for_writer(&mut body);
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
        let Ok(q) = t else { continue };
        let _ = w.serialize_quad(&q);
    }
    let _ = w.finish();
    Response::new(200, &content_type(media), body).into()
}

/// `/store`: the Graph Store Protocol, reads only. `?graph=IRI` one graph, `?default` the
/// union default graph (every triple once, however many graphs hold it), neither the whole
/// dataset.
pub(super) fn graph_store(
    shared: &Shared,
    req: &Request,
    out: &mut impl Write,
    common: &Common,
) -> io::Result<Reply> {
    if !matches!(req.method.as_str(), "GET" | "HEAD") {
        return Ok(Response::error(
            405,
            "this server is read-only: /store answers GET and HEAD only",
        )
        .with_header("Allow", "GET, HEAD, OPTIONS")
        .into());
    }
    let generation = shared.live.current();
    let store = generation.store.inner();
    let graph = match req.param("graph") {
        Some(iri) => match NamedNode::new(iri) {
            Ok(g) => Some(g),
            Err(e) => {
                return Ok(
                    Response::error(400, format!("graph `{iri}` is not an IRI: {e}")).into(),
                );
            }
        },
        None => None,
    };
    let quads: Box<dyn Iterator<Item = Result<Quad, oxigraph::store::StorageError>>> =
        match (&graph, req.has_param("default")) {
            (Some(g), _) => {
                match store.contains_named_graph(g) {
                    Ok(true) => {}
                    Ok(false) => {
                        return Ok(
                            Response::error(404, format!("no graph <{g}> in this store")).into(),
                        );
                    }
                    Err(e) => return Ok(Response::error(500, e).into()),
                }
                Box::new(store.quads_for_pattern(None, None, None, Some(GraphNameRef::from(g))))
            }
            (None, true) => Box::new(union_default_graph(store)),
            (None, false) => {
                let Some((media, format)) = negotiate(req, DATASET_TYPES) else {
                    return Ok(not_acceptable(&types(DATASET_TYPES)).into());
                };
                return stream_quads(
                    shared,
                    out,
                    common,
                    media,
                    format,
                    Box::new(store.iter()),
                    false,
                );
            }
        };
    let Some((media, format)) = negotiate(req, GRAPH_TYPES) else {
        return Ok(not_acceptable(&types(GRAPH_TYPES)).into());
    };
    stream_quads(shared, out, common, media, format, quads, true)
}

/// The union default graph as a set: every quad of the store whose triple has not come in
/// another graph, so a triple held by several graphs is sent once. Of a triple's quads, the
/// one kept is the first in the store's own order for that triple (the default graph, then
/// the named graphs in index order), found by one lookup per quad: nothing held in memory
/// grows with the store.
fn union_default_graph(
    store: &oxigraph::store::Store,
) -> impl Iterator<Item = Result<Quad, oxigraph::store::StorageError>> + '_ {
    store.iter().filter_map(move |quad| {
        let quad = match quad {
            Ok(q) => q,
            Err(e) => return Some(Err(e)),
        };
        let first = store
            .quads_for_pattern(
                Some(quad.subject.as_ref()),
                Some(quad.predicate.as_ref()),
                Some(quad.object.as_ref()),
                None,
            )
            .next();
        match first {
            Some(Ok(first)) if first.graph_name != quad.graph_name => None,
            Some(Err(e)) => Some(Err(e)),
            _ => Some(Ok(quad)),
        }
    })
}

fn stream_quads(
    shared: &Shared,
    out: &mut impl Write,
    common: &Common,
    media: &str,
    format: RdfFormat,
    quads: Box<dyn Iterator<Item = Result<Quad, oxigraph::store::StorageError>> + '_>,
    as_triples: bool,
) -> io::Result<Reply> {
    let headers = vec![("Content-Type".to_string(), content_type(media))];
    let mut streamer = Streamer::new(out, headers, common.clone());
    let mut w = serializer(shared, format).for_writer(&mut streamer);
    for q in quads {
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                drop(w);
                if streamer.is_streaming() {
                    return Ok(Reply::Aborted);
                }
                return Ok(Response::error(500, e).into());
            }
        };
        let written = if as_triples {
            w.serialize_triple(&Triple::from(q))
        } else {
            w.serialize_quad(&q)
        };
        if written.is_err() {
            return Ok(Reply::Aborted);
        }
    }
    if w.finish().is_err() {
        return Ok(Reply::Aborted);
    }
    streamer.finish()?;
    Ok(Reply::Sent)
}
