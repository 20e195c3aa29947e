//! `ckg serve` over real HTTP: the real binary on a free loopback port, spoken to through raw
//! sockets (so an aborted chunked transfer is seen as what it is). Content negotiation, 406,
//! errors, the timeout with a query that really runs long, the row cap, CORS, size limits,
//! gzip, GSP reads, Linked Data pages, concurrent clients (a slow query does not block a fast
//! one) and a store changed by an import while served, with no failed query.

use crate::common::servers::encode;
use crate::common::*;
use crate::query_limits::{ENDLESS_COUNT, ENDLESS_IN_MEMORY, ENDLESS_ROWS};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// A running `ckg serve`, stopped (SIGTERM, then waited for) when dropped.
pub struct Served {
    child: Child,
    pub addr: String,
}

impl Served {
    /// Starts `ckg serve --store STORE --bind 127.0.0.1:0 ARGS…` and waits for its address.
    /// Panics with the server's own words if it cannot start.
    pub fn start(store: &Path, args: &[&str]) -> Self {
        let mut child = ckg()
            .args(["serve", "--bind", "127.0.0.1:0", "--store"])
            .arg(store)
            .args(args)
            .spawn();
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = receive
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_default();
        let Some(addr) = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .map(str::to_string)
        else {
            let _ = child.kill();
            let output = child.wait_with_output().expect("ckg serve ends");
            panic!(
                "ckg serve did not start: {line:?}\n--- stderr\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        Self { child, addr }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        #[expect(
            unsafe_code,
            reason = "SIGTERM to the child we started; libc has no safe kill"
        )]
        // SAFETY: kill(2) on the pid of a child this test spawned and has not reaped.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let _ = self.child.wait();
    }
}

/// One HTTP exchange, read to the end of the connection.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// For a chunked answer: whether the terminating chunk arrived.
    pub complete: bool,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `method path` with `headers` and `body` on a fresh connection (`Connection: close`).
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_answer(&raw)
}

fn parse_answer(raw: &[u8]) -> Answer {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no complete head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if !chunked {
        return Answer {
            status,
            headers,
            body: rest.to_vec(),
            complete: true,
        };
    }
    let (mut body, mut i, mut complete) = (Vec::new(), 0, false);
    while let Some(line_end) = rest[i..].windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&rest[i..i + line_end]).trim(), 16)
                .expect("a chunk size");
        i += line_end + 2;
        if size == 0 {
            complete = rest[i..].starts_with(b"\r\n");
            break;
        }
        if i + size + 2 > rest.len() {
            body.extend_from_slice(&rest[i..]);
            break;
        }
        body.extend_from_slice(&rest[i..i + size]);
        i += size + 2;
    }
    Answer {
        status,
        headers,
        body,
        complete,
    }
}

fn get(s: &Served, path: &str, accept: &str) -> Answer {
    request(&s.addr, "GET", path, &[("Accept", accept)], b"")
}

fn select(s: &Served, query: &str, accept: &str) -> Answer {
    get(s, &format!("/sparql?query={}", encode(query)), accept)
}

const INCIDENTS: &str = "SELECT ?i WHERE { ?i a ckg:Incident } ORDER BY ?i";

/// The number of triples in import graphs ("n\r\n0\r\n" in CSV before any import).
const IMPORTED: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
                        FILTER(STRSTARTS(STR(?g), \"https://w3id.org/conflict-kg/id/graph/import/\")) }";

/// `ckg import acled` of the ACLED sample into `store` as `name`.
fn import_sample(store: &Path, name: &str) {
    ckg()
        .args(["import", "acled"])
        .arg(repo().join("tests/fixtures/acled-sample.csv"))
        .args(["--name", name, "--store"])
        .arg(store)
        .arg("--data")
        .arg(data_dir())
        .run()
        .success();
}

/// The first answer to [`IMPORTED`] that counts imported triples (10 s at most), and how long
/// the server took to give it.
fn first_answer_with_imports(s: &Served) -> (Answer, Duration) {
    let started = Instant::now();
    loop {
        let a = select(s, IMPORTED, "text/csv");
        if a.text() != "n\r\n0\r\n" || started.elapsed() > Duration::from_secs(10) {
            return (a, started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn select_and_construct_answers_are_negotiated_and_406_when_nothing_fits() {
    let dir = tempdir();
    let s = Served::start(&built_in(dir.path()), &[]);
    let json = select(&s, INCIDENTS, "application/sparql-results+json");
    assert_eq!(json.status, 200, "{}", json.text());
    let parsed: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert!(parsed["results"]["bindings"].as_array().unwrap().len() > 3);
    for (accept, start) in [
        ("text/csv", "i\r\nhttps://w3id.org/conflict-kg/id/incident/"),
        (
            "text/tab-separated-values",
            "?i\n<https://w3id.org/conflict-kg/id/incident/",
        ),
        ("application/sparql-results+xml", "<?xml"),
        ("text/csv;q=0.2, application/xml", "<?xml"),
    ] {
        let a = select(&s, INCIDENTS, accept);
        assert_eq!(a.status, 200);
        assert!(a.text().starts_with(start), "{accept}: {}", a.text());
    }
    let none = select(&s, INCIDENTS, "image/png");
    assert_eq!(none.status, 406);
    assert!(none.text().contains("text/csv"), "{}", none.text());

    let construct = "CONSTRUCT { ?i a ckg:Incident } WHERE { ?i a ckg:Incident }";
    for (accept, ctype, needle) in [
        ("*/*", "text/turtle", "incident:"),
        (
            "application/n-triples",
            "application/n-triples",
            "<https://w3id.org/conflict-kg/id/incident/",
        ),
        ("application/ld+json", "application/ld+json", "\"@id\""),
        ("application/n-quads", "application/n-quads", " ."),
        ("application/trig", "application/trig", "incident:"),
    ] {
        let a = select(&s, construct, accept);
        assert_eq!(a.status, 200);
        assert!(
            a.header("content-type").unwrap().starts_with(ctype),
            "{accept}: {:?}",
            a.headers
        );
        assert!(a.text().contains(needle), "{accept}: {}", a.text());
    }
    assert_eq!(select(&s, construct, "text/csv").status, 406);
    // format= for links a browser follows
    let csv = get(
        &s,
        &format!("/sparql?format=csv&query={}", encode(INCIDENTS)),
        "text/html",
    );
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
}

#[test]
fn queries_come_by_get_form_or_body_run_like_ckg_query_and_errors_say_why() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let s = Served::start(&store, &[]);
    let expected = ckg()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--query", INCIDENTS])
        .run()
        .success()
        .stdout();
    let by_get = select(&s, INCIDENTS, "text/csv");
    let form = format!("query={}", encode(INCIDENTS));
    let by_form = request(
        &s.addr,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/csv"),
        ],
        form.as_bytes(),
    );
    let by_body = request(
        &s.addr,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        INCIDENTS.as_bytes(),
    );
    for a in [&by_get, &by_form, &by_body] {
        assert_eq!(a.status, 200);
        assert_eq!(a.text(), expected);
    }
    // GeoSPARQL functions and the prefixes are there, as in `ckg query`.
    let km = select(
        &s,
        "SELECT (ROUND(geof:distance(\"POINT(40.14084 35.33588)\"^^geo:wktLiteral, \
         \"POINT(40.45346 35.02089)\"^^geo:wktLiteral, uom:metre) / 1000) AS ?km) {}",
        "text/csv",
    );
    assert_eq!(km.text(), "km\r\n45\r\n");

    let syntax = select(&s, "SELECT ?s\nWHERE { ?s ?p }", "*/*");
    assert_eq!(syntax.status, 400);
    assert!(
        syntax.text().contains("SPARQL syntax error"),
        "{}",
        syntax.text()
    );
    let update = request(
        &s.addr,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        b"INSERT DATA { <a:a> <a:b> <a:c> }",
    );
    assert_eq!(update.status, 403);
    assert!(update.text().contains("read-only"));
    let form_update = request(
        &s.addr,
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"update=CLEAR+ALL",
    );
    assert_eq!(form_update.status, 403);
    let wrong = request(
        &s.addr,
        "POST",
        "/sparql",
        &[("Content-Type", "text/plain")],
        b"ASK {}",
    );
    assert_eq!(wrong.status, 415);
    let service = select(
        &s,
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "*/*",
    );
    assert_ne!(
        service.status,
        200,
        "SERVICE must be off: {}",
        service.text()
    );
    // A plain GET is the service description.
    let sd = get(&s, "/sparql", "text/turtle");
    assert_eq!(sd.status, 200);
    assert!(sd.text().contains("sd:UnionDefaultGraph"), "{}", sd.text());
    assert!(sd.text().contains("geosparql/distance"));
    assert_eq!(get(&s, "/nowhere", "*/*").status, 404);
}

#[test]
fn a_query_over_the_time_limit_gets_503_and_one_cut_while_streaming_is_aborted() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let s = Served::start(&store, &["--timeout", "1", "--max-rows", "0"]);
    let started = Instant::now();
    let a = select(&s, ENDLESS_COUNT, "application/sparql-results+json");
    let took = started.elapsed();
    assert_eq!(a.status, 503, "{}", a.text());
    assert!(
        a.text().contains("exceeded the time limit (--timeout 1s)"),
        "{}",
        a.text()
    );
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(20),
        "{took:?}"
    );
    // Answers stream at once, so the limit strikes mid-transfer: the transfer must not end.
    let cut = select(&s, ENDLESS_ROWS, "text/tab-separated-values");
    assert_eq!(cut.status, 200);
    assert_eq!(cut.header("transfer-encoding"), Some("chunked"));
    assert!(cut.body.len() > 1 << 20, "{} bytes", cut.body.len());
    assert!(!cut.complete, "a cut answer ended like a complete one");
    // The server is still there.
    assert_eq!(select(&s, "ASK {}", "*/*").status, 200);
    // A query computed in memory never looks at its cancellation: the 503 comes anyway, a
    // second after the limit, while its thread is still busy (another worker takes its place:
    // a_query_stuck_in_memory_past_its_limit_gives_its_worker_back).
    let started = Instant::now();
    let a = select(&s, ENDLESS_IN_MEMORY, "*/*");
    assert_eq!(a.status, 503, "{}", a.text());
    assert!(a.text().contains("--timeout 1s"), "{}", a.text());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_row_cap_is_said_in_a_header_and_in_the_results_head() {
    let dir = tempdir();
    let s = Served::start(&built_in(dir.path()), &["--max-rows", "2"]);
    let json = select(&s, INCIDENTS, "application/sparql-results+json");
    assert_eq!(json.header("x-ckg-truncated"), Some("max-rows=2"));
    assert_eq!(json.header("x-sparql-maxrows"), Some("2"));
    let parsed: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(parsed["results"]["bindings"].as_array().unwrap().len(), 2);
    assert_eq!(
        parsed["head"]["link"][0],
        "urn:conflict-kg:truncated:max-rows=2"
    );
    let xml = select(&s, INCIDENTS, "application/sparql-results+xml");
    assert!(
        xml.text()
            .contains("<link href=\"urn:conflict-kg:truncated:max-rows=2\"/>")
    );
    let csv = select(&s, INCIDENTS, "text/csv");
    assert_eq!(csv.text().lines().count(), 3);
    let ttl = select(&s, "CONSTRUCT WHERE { ?i a ckg:Incident }", "text/turtle");
    assert!(ttl.text().starts_with("# Truncated"), "{}", ttl.text());
    // An answer within the cap is not marked.
    let one = select(
        &s,
        "SELECT ?x WHERE { VALUES ?x { 1 2 } }",
        "application/json",
    );
    assert_eq!(one.header("x-ckg-truncated"), None);
    assert!(!one.text().contains("truncated"));
}

#[test]
fn cors_is_off_unless_asked_and_preflights_are_answered() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let closed = Served::start(&store, &[]);
    let a = request(
        &closed.addr,
        "GET",
        "/sparql?query=ASK%7B%7D",
        &[("Origin", "http://elsewhere")],
        b"",
    );
    assert_eq!(a.header("access-control-allow-origin"), None);
    drop(closed);
    let open = Served::start(&store, &["--cors", "*"]);
    let a = request(
        &open.addr,
        "GET",
        "/sparql?query=ASK%7B%7D",
        &[("Origin", "http://elsewhere")],
        b"",
    );
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    let pre = request(
        &open.addr,
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "http://elsewhere"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(pre.status, 204);
    assert!(
        pre.header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
    assert_eq!(
        pre.header("access-control-allow-headers"),
        Some("content-type")
    );
}

#[test]
fn requests_over_the_size_limits_are_refused_with_413_or_431_and_gzip_is_honoured() {
    let dir = tempdir();
    let s = Served::start(
        &built_in(dir.path()),
        &["--max-query", "1000", "--max-body", "5000"],
    );
    let long = format!("ASK {{}} #{}", "x".repeat(2000));
    let a = request(
        &s.addr,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        long.as_bytes(),
    );
    assert_eq!(a.status, 413);
    assert!(a.text().contains("--max-query"), "{}", a.text());
    let huge = vec![b'#'; 6000];
    let a = request(
        &s.addr,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        &huge,
    );
    assert_eq!(a.status, 413);
    let a = get(&s, &format!("/sparql?query={}", "x".repeat(20_000)), "*/*");
    assert_eq!(a.status, 431);
    // gzip, when asked
    let path = "/store?graph=https://w3id.org/conflict-kg/id/graph/reference";
    let zipped = request(&s.addr, "GET", path, &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&zipped.body[..])
        .read_to_string(&mut text)
        .unwrap();
    let plain = get(&s, path, "text/turtle");
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(text, plain.text());
}

#[test]
fn graphs_download_by_the_graph_store_protocol() {
    let dir = tempdir();
    let s = Served::start(&built_in(dir.path()), &[]);
    let g = "/store?graph=https://w3id.org/conflict-kg/id/graph/reference";
    let ttl = get(&s, g, "text/turtle");
    assert_eq!(ttl.status, 200);
    assert!(ttl.text().contains("source:sohr"), "{}", &ttl.text()[..500]);
    let nt = get(&s, g, "application/n-triples");
    assert!(nt.text().lines().all(|l| l.ends_with(" .")));
    let head = request(&s.addr, "HEAD", g, &[], b"");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        get(&s, "/store?graph=http://example.org/none", "*/*").status,
        404
    );
    let all = get(&s, "/store", "application/n-quads");
    assert!(
        all.text()
            .contains("<https://w3id.org/conflict-kg/id/graph/reference> .")
    );
    assert_eq!(get(&s, "/store", "text/turtle").status, 406);
    let default = get(&s, "/store?default", "application/n-triples");
    assert!(default.text().lines().count() > 1000);
    assert_eq!(request(&s.addr, "PUT", g, &[], b"x").status, 405);
}

#[test]
fn the_default_graph_download_has_each_triple_once_however_many_graphs_hold_it() {
    let dir = tempdir();
    let store = built_in(dir.path());
    // The same events imported under two names: their triples are in two graphs each.
    for name in ["one", "two"] {
        ckg()
            .args(["import", "acled"])
            .arg(repo().join("tests/fixtures/acled-sample.csv"))
            .args(["--name", name, "--store"])
            .arg(&store)
            .arg("--data")
            .arg(data_dir())
            .run()
            .success();
    }
    let s = Served::start(&store, &[]);
    let number = |query: &str| -> usize {
        let a = select(&s, query, "text/csv");
        a.text()
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or_else(|| panic!("no count in {:?}", a.text()))
    };
    let quads = number("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let triples = number(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    );
    assert!(
        quads > triples,
        "no triple is in two graphs: {quads} quads, {triples} triples"
    );
    let default = get(&s, "/store?default", "application/n-triples");
    assert_eq!(default.status, 200);
    let lines: Vec<&str> = std::str::from_utf8(&default.body)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let distinct: std::collections::HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), distinct.len(), "a triple came more than once");
    assert_eq!(lines.len(), triples);
}

#[test]
fn a_client_that_goes_away_stops_its_query() {
    let dir = tempdir();
    // One worker and a long limit: the query of a client that left would hold the only worker
    // for 60 s if it were not stopped.
    let s = Served::start(
        &built_in(dir.path()),
        &["--timeout", "60", "--workers", "1"],
    );
    let mut gone = TcpStream::connect(&s.addr).unwrap();
    write!(
        gone,
        "GET /sparql?query={} HTTP/1.1\r\nHost: {}\r\n\r\n",
        encode(ENDLESS_COUNT),
        s.addr
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    drop(gone);
    next_query_is_answered_at_once(&s, "behind the query of a client that had left");
}

/// The next query is answered within 10 s (the queries it must not wait for run for 60 s or
/// for ever): the only worker is free again.
fn next_query_is_answered_at_once(s: &Served, waiting_for: &str) {
    let started = Instant::now();
    let next = select(s, INCIDENTS, "text/csv");
    assert_eq!(next.status, 200, "{}", next.text());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the next query waited {:?} {waiting_for}",
        started.elapsed()
    );
}

#[test]
fn a_query_stuck_in_memory_past_its_limit_gives_its_worker_back() {
    let dir = tempdir();
    let s = Served::start(&built_in(dir.path()), &["--timeout", "1", "--workers", "1"]);
    // It never looks at its cancellation: its thread computes on, but another worker takes its
    // place once the 503 is sent.
    let a = select(&s, ENDLESS_IN_MEMORY, "*/*");
    assert_eq!(a.status, 503, "{}", a.text());
    next_query_is_answered_at_once(&s, "for the stuck worker");
}

#[test]
fn instance_iris_resolve_to_a_page_for_people_and_rdf_for_programs() {
    let dir = tempdir();
    let s = Served::start(&built_in(dir.path()), &[]);
    let page = get(
        &s,
        "/id/incident/2018-05-23-mayadeen-attack",
        "text/html,*/*;q=0.8",
    );
    assert_eq!(page.status, 200);
    let html = page.text();
    let claims = &html[html.find("id=\"claims\"").expect("a claims table")..];
    let row_of = |needle: &str| {
        claims
            .split("<tr>")
            .find(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("no claim row {needle}"))
            .to_string()
    };
    let sohr = row_of("claim/sohr-35-pro-government-killed-at-mayadeen");
    assert!(
        sohr.contains("<td class=\"min\">35</td>") && sohr.contains("source/sohr"),
        "{sohr}"
    );
    let mod4 = row_of("claim/russian-mod-4-servicemen-killed-deir-ezzor");
    assert!(
        mod4.contains("<td class=\"max\">4</td>") && mod4.contains("russian-ministry-of-defence")
    );
    assert!(html.contains("href=\"/id/place/mayadeen\""));
    let ttl = get(&s, "/id/incident/2018-05-23-mayadeen-attack", "text/turtle");
    assert!(ttl.text().contains("ckg:Incident"), "{}", ttl.text());
    let jsonld = get(&s, "/id/actor/islamic-state", "application/ld+json");
    assert_eq!(jsonld.status, 200);
    serde_json::from_slice::<serde_json::Value>(&jsonld.body).expect("JSON-LD is JSON");
    assert_eq!(
        get(&s, "/id/incident/no-such-thing", "text/html").status,
        404
    );
    // the base's own path works too (a proxy at the real domain forwards it)
    assert_eq!(
        get(&s, "/conflict-kg/id/place/mayadeen", "text/turtle").status,
        200
    );
}

#[test]
fn a_slow_query_does_not_block_fast_ones() {
    let dir = tempdir();
    let s = Served::start(&built_in(dir.path()), &["--timeout", "6", "--workers", "4"]);
    let addr = s.addr.clone();
    let slow: Vec<_> = (0..2)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                request(
                    &addr,
                    "GET",
                    &format!("/sparql?query={}", encode(ENDLESS_COUNT)),
                    &[],
                    b"",
                )
                .status
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..10 {
        let started = Instant::now();
        let a = select(&s, INCIDENTS, "text/csv");
        assert_eq!(a.status, 200);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a fast query waited {:?}",
            started.elapsed()
        );
    }
    for t in slow {
        assert_eq!(t.join().unwrap(), 503);
    }
}

#[test]
fn an_import_while_serving_is_picked_up_and_no_query_fails_meanwhile() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let s = Served::start(&store, &[]);
    assert_eq!(select(&s, IMPORTED, "text/csv").text(), "n\r\n0\r\n");
    let stop = Arc::new(AtomicBool::new(false));
    let (asked, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let clients: Vec<_> = (0..3)
        .map(|_| {
            let (addr, stop, asked, failed) =
                (s.addr.clone(), stop.clone(), asked.clone(), failed.clone());
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    let a = request(
                        &addr,
                        "GET",
                        &format!("/sparql?query={}", encode(INCIDENTS)),
                        &[("Accept", "text/csv")],
                        b"",
                    );
                    asked.fetch_add(1, Ordering::SeqCst);
                    if a.status != 200 || a.text().lines().count() < 4 {
                        failed.fetch_add(1, Ordering::SeqCst);
                        failures.push(format!("{} {}", a.status, a.text()));
                    }
                }
                failures
            })
        })
        .collect();
    for name in ["one", "two"] {
        import_sample(&store, name);
    }
    let (fresh, waited) = first_answer_with_imports(&s);
    stop.store(true, Ordering::SeqCst);
    let failures: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    assert!(
        fresh.text() != "n\r\n0\r\n",
        "the import was not picked up in 10 s"
    );
    assert!(
        waited < Duration::from_secs(5),
        "picked up only after {waited:?}"
    );
    assert!(asked.load(Ordering::SeqCst) > 20, "too few queries to tell");
    assert_eq!(
        failed.load(Ordering::SeqCst),
        0,
        "failed during the import: {failures:?}"
    );
}

#[test]
fn a_repeated_query_is_answered_from_the_cache_until_the_data_changes() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let s = Served::start(&store, &[]);
    let first = select(&s, INCIDENTS, "text/csv");
    let again = select(&s, INCIDENTS, "text/csv");
    assert_eq!(first.header("X-CKG-Cache"), Some("miss"));
    assert_eq!(again.header("X-CKG-Cache"), Some("hit"));
    assert_eq!((first.status, first.text()), (again.status, again.text()));
    assert!(first.text().lines().count() > 20, "{}", first.text());
    // Another Accept is another answer; a query whose answer changes is never kept.
    let json = select(&s, INCIDENTS, "application/sparql-results+json");
    assert_eq!(json.header("X-CKG-Cache"), Some("miss"));
    assert!(json.text().starts_with('{'), "{}", json.text());
    // `format=` chooses as Accept does: another format, another answer.
    let by_format = |f: &str| {
        get(
            &s,
            &format!("/sparql?query={}&format={f}", encode(INCIDENTS)),
            "*/*",
        )
    };
    assert_eq!(by_format("csv").header("X-CKG-Cache"), Some("miss"));
    let tsv = by_format("tsv");
    assert_eq!(tsv.header("X-CKG-Cache"), Some("miss"));
    assert!(
        tsv.text().starts_with("?i\t") || tsv.text().starts_with("?i\n"),
        "{}",
        tsv.text()
    );
    assert_eq!(by_format("csv").header("X-CKG-Cache"), Some("hit"));
    let random = "SELECT (RAND() AS ?r) WHERE {}";
    assert_eq!(select(&s, random, "text/csv").header("X-CKG-Cache"), None);
    assert_eq!(select(&s, random, "text/csv").header("X-CKG-Cache"), None);
    // A writer's change is a new generation: the same query is computed again, on the new data.
    assert_eq!(select(&s, IMPORTED, "text/csv").text(), "n\r\n0\r\n");
    assert_eq!(
        select(&s, IMPORTED, "text/csv").header("X-CKG-Cache"),
        Some("hit")
    );
    import_sample(&store, "one");
    let (fresh, _) = first_answer_with_imports(&s);
    assert_ne!(fresh.text(), "n\r\n0\r\n", "the import was not picked up");
    assert_eq!(fresh.header("X-CKG-Cache"), Some("miss"));
    let after = select(&s, IMPORTED, "text/csv");
    assert_eq!(
        (after.header("X-CKG-Cache"), after.text()),
        (Some("hit"), fresh.text())
    );
    // --cache-mib 0: nothing kept.
    let uncached = Served::start(&store, &["--cache-mib", "0"]);
    for _ in 0..2 {
        assert_eq!(
            select(&uncached, INCIDENTS, "text/csv").header("X-CKG-Cache"),
            None
        );
    }
}

#[test]
fn with_allow_service_a_query_can_join_another_endpoint() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let remote = Served::start(&store, &[]);
    let front = Served::start(&store, &["--allow-service"]);
    let federated = format!(
        "SELECT ?i WHERE {{ SERVICE <{}> {{ ?i a ckg:Incident }} }} ORDER BY ?i",
        remote.url("/sparql")
    );
    let through = select(&front, &federated, "text/csv");
    assert_eq!(through.status, 200, "{}", through.text());
    assert_eq!(
        through.text(),
        select(&remote, INCIDENTS, "text/csv").text()
    );
    let down = select(
        &front,
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "*/*",
    );
    assert_eq!(down.status, 502, "{}", down.text());
    assert!(
        down.text().contains("SERVICE <http://127.0.0.1:1/sparql>"),
        "{}",
        down.text()
    );
}

#[test]
fn serve_help_explains_each_limit() {
    let help = ckg().args(["serve", "--help"]).run().success().stdout();
    for needle in [
        "--timeout",
        "503",
        "--max-rows",
        "X-CKG-Truncated",
        "--workers",
        "--queue",
        "--max-query",
        "--max-body",
        "SERVICE",
        "--allow-service",
        "read-only",
        "127.0.0.1",
        "--cache-mib",
        "X-CKG-Cache",
    ] {
        assert!(help.contains(needle), "serve --help lacks {needle}");
    }
}

/// The store built from `data/` and linked to the GeoNames extract: places have coordinates.
fn linked(dir: &Path) -> PathBuf {
    let store = built_in(dir);
    ckg()
        .args(["link", "geonames", "--dump"])
        .arg(repo().join("data/gazetteer/geonames-SY-extract.txt"))
        .arg("--admin1")
        .arg(repo().join("data/gazetteer/admin1CodesASCII-SY.txt"))
        .arg("--store")
        .arg(&store)
        .arg("--data")
        .arg(data_dir())
        .run()
        .success();
    store
}

#[test]
fn the_web_page_in_headless_chromium_runs_a_named_query_into_a_table_and_a_map() {
    use crate::common::webdriver::Browser;
    use serde_json::json;
    let dir = tempdir();
    let s = Served::start(&linked(dir.path()), &[]);
    let browser = Browser::start();
    browser.goto(&s.url("/"));
    browser.wait_for("the editor", "return !!window.ckgEditor");
    // Pick a named query from the list, as a user does, and run it.
    let name = "is-incidents-deir-ez-zor-may-2018.rq";
    let index = browser.script(
        "return Array.from(document.querySelectorAll('#named option')).findIndex(o => o.textContent === arguments[0]);",
        json!([name]),
    );
    assert!(
        index.as_i64().unwrap() > 0,
        "{name} is not offered: {index}"
    );
    browser.click("#named");
    browser.click(&format!(
        "#named option:nth-child({})",
        index.as_i64().unwrap() + 1
    ));
    let editor = browser.script("return window.ckgEditor.getValue();", json!([]));
    let text = std::fs::read_to_string(repo().join("queries").join(name)).unwrap();
    assert_eq!(
        editor.as_str().unwrap(),
        text,
        "the editor holds the named query"
    );
    browser.click("#run");
    let rows = browser.wait_for(
        "result rows",
        "return document.querySelectorAll('#results tbody tr').length;",
    );
    let expected = select(&s, &text, "text/csv").text().lines().count() - 1;
    assert!(expected > 0);
    assert_eq!(
        rows.as_u64().unwrap() as usize,
        expected,
        "table rows = the endpoint's rows"
    );
    let markers = browser.wait_for(
        "map markers",
        "return document.querySelectorAll('#map path.ckg-marker').length;",
    );
    assert!(markers.as_u64().unwrap() > 0);
    // Sorting by the first column, then reversing it.
    let column = "return Array.from(document.querySelectorAll('#results tbody tr td:first-child')).map(td => td.dataset.sort || '');";
    browser.click("#results thead th:first-child");
    let ascending: Vec<String> = serde_json::from_value(browser.script(column, json!([]))).unwrap();
    browser.click("#results thead th:first-child");
    let descending: Vec<String> =
        serde_json::from_value(browser.script(column, json!([]))).unwrap();
    assert_eq!(
        descending.iter().rev().cloned().collect::<Vec<_>>(),
        ascending
    );
    let png = browser.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    save_screenshot("serve.png", &png);

    // The Mayadeen incident's page: SOHR's 35 and the Russian MoD's 4, side by side.
    browser.goto(&s.url("/id/incident/2018-05-23-mayadeen-attack"));
    let claims: Vec<String> = serde_json::from_value(browser.wait_for(
        "the claims table",
        "return Array.from(document.querySelectorAll('#claims tbody tr')).map(tr => tr.innerText);",
    ))
    .unwrap();
    let row = |claimant: &str, figure: &str| {
        claims
            .iter()
            .any(|r| r.contains(claimant) && r.split('\t').any(|cell| cell.trim() == figure))
    };
    assert!(row("source:sohr", "35"), "no SOHR 35 in {claims:#?}");
    assert!(
        row("actor:russian-ministry-of-defence", "4"),
        "no MoD 4 in {claims:#?}"
    );
    browser.wait_for(
        "the incident's place on the map",
        "return document.querySelectorAll('#map path.ckg-marker').length;",
    );
    save_screenshot("serve-incident.png", &browser.screenshot());
}

/// Screenshots go to `target/screenshots/` (look at them there); with `CKG_BLESS` set they
/// replace the README's copies in `docs/`, so a plain `cargo test` leaves the tree clean.
fn save_screenshot(name: &str, png: &[u8]) {
    let dir = if std::env::var_os("CKG_BLESS").is_some() {
        repo().join("docs")
    } else {
        repo().join("target/screenshots")
    };
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}
