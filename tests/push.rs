//! `ckg push` against two real servers started by the tests (oxigraph server 0.5.13 and
//! Virtuoso 7, `common/servers.rs`): the built graph and an ACLED import, a second push that
//! changes nothing, a replaced graph that loses its old triples, a server killed half-way
//! through a graph (the next push repairs it), wrong credentials, graphs larger than one batch;
//! and without a server: the dry run, an unreachable server, usage errors, and a count the
//! server marks as partial (exit code 3, from a few lines of fake server).

use crate::common::servers::{self, Oxigraph, Virtuoso};
use crate::common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const IMPORT_GRAPH: &str = "https://w3id.org/conflict-kg/id/graph/import/acled/acled-sample";
const PASSWORD_VAR: &str = "CKG_TEST_PUSH_PASSWORD";
const WKT: &str = "^^<http://www.opengis.net/ont/geosparql#wktLiteral>";
const VIRTUOSO_GEOMETRY: &str = "^^<http://www.openlinksw.com/schemas/virtrdf#Geometry>";

/// What the scenarios need of a server.
trait Server {
    fn gsp_url(&self) -> String;
    /// The options (and the environment) that authenticate to it.
    fn auth(&self, c: Ckg) -> Ckg;
    fn count(&self, graph: &str) -> u64;
    fn triples(&self, graph: &str) -> BTreeSet<String>;
    fn kill(&mut self);
    fn restart(&mut self);
    /// Whether the server is known to store this triple differently from how it was sent.
    fn rewrites(&self, _triple: &str) -> bool {
        false
    }
}

impl Server for Oxigraph {
    fn gsp_url(&self) -> String {
        Oxigraph::gsp_url(self)
    }
    fn auth(&self, c: Ckg) -> Ckg {
        c
    }
    fn count(&self, graph: &str) -> u64 {
        Oxigraph::count(self, graph)
    }
    fn triples(&self, graph: &str) -> BTreeSet<String> {
        Oxigraph::triples(self, graph)
    }
    fn kill(&mut self) {
        Oxigraph::kill(self)
    }
    fn restart(&mut self) {
        Oxigraph::restart(self)
    }
}

impl Server for Virtuoso {
    fn gsp_url(&self) -> String {
        Virtuoso::gsp_url(self)
    }
    fn auth(&self, c: Ckg) -> Ckg {
        c.args([
            "--user",
            servers::VIRTUOSO_USER,
            "--password-env",
            PASSWORD_VAR,
        ])
        .env(PASSWORD_VAR, servers::VIRTUOSO_PASSWORD)
    }
    fn count(&self, graph: &str) -> u64 {
        Virtuoso::count(self, graph)
    }
    fn triples(&self, graph: &str) -> BTreeSet<String> {
        Virtuoso::triples(self, graph)
    }
    fn kill(&mut self) {
        Virtuoso::kill(self)
    }
    fn restart(&mut self) {
        Virtuoso::restart(self)
    }
    /// Virtuoso 7.2 turns geo:wktLiteral into its own virtrdf:Geometry, coordinates rounded
    /// to single precision ("POINT(40.7477 36.5024)" comes back "POINT(40.747699737549
    /// 36.50239944458)"): the count does not see it, the content does.
    fn rewrites(&self, triple: &str) -> bool {
        triple.contains(WKT) || triple.contains(VIRTUOSO_GEOMETRY)
    }
}

/// A store built from `data/`, with the ACLED sample imported.
fn built_and_imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let store = dir.path().join("store");
    ckg()
        .args(["build", "--data"])
        .arg(data_dir())
        .arg("--store")
        .arg(&store)
        .run()
        .success();
    import(
        &repo().join("tests/fixtures/acled-sample.csv"),
        &store,
        "acled-sample",
    );
    (dir, store)
}

fn import(csv: &Path, store: &Path, name: &str) {
    ckg()
        .args(["import", "acled"])
        .arg(csv)
        .args(["--name", name, "--data"])
        .arg(data_dir())
        .arg("--store")
        .arg(store)
        .run()
        .success();
}

fn push(server: &dyn Server, store: &Path) -> Ckg {
    server.auth(
        ckg()
            .arg("push")
            .arg(server.gsp_url())
            .arg("--store")
            .arg(store),
    )
}

/// Each named graph of the store and its triple count.
fn store_graphs(store: &Path) -> Vec<(String, u64)> {
    let out = ckg()
        .args(["query", "-f", "tsv", "--store"])
        .arg(store)
        .args([
            "-q",
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        ])
        .run()
        .success()
        .stdout();
    out.lines()
        .skip(1)
        .map(|l| {
            let (g, n) = l.split_once('\t').unwrap();
            (g.trim_matches(['<', '>']).to_owned(), n.parse().unwrap())
        })
        .collect()
}

fn store_triples(store: &Path, graph: &str) -> BTreeSet<String> {
    let nt = ckg()
        .args(["export", "-f", "ntriples", "--graph", graph, "--store"])
        .arg(store)
        .run()
        .success()
        .stdout();
    servers::triple_set(&nt)
}

/// The server holds exactly the store's graphs (or only `only`): the same counts, and the same
/// triples except blank nodes (sent as skolem IRIs) and what the server is known to rewrite.
fn assert_server_matches_store(server: &dyn Server, store: &Path, only: Option<&str>) {
    for (graph, n) in store_graphs(store) {
        if only.is_some_and(|g| g != graph) {
            continue;
        }
        assert_eq!(server.count(&graph), n, "{graph}: server and store counts");
        let on_server = server.triples(&graph);
        assert_eq!(on_server.len() as u64, n, "{graph}");
        assert!(
            on_server.iter().all(|t| !t.contains("_:")),
            "{graph}: blank nodes reached the server"
        );
        let in_store = store_triples(store, &graph);
        let keep = |set: &BTreeSet<String>| -> BTreeSet<String> {
            set.iter()
                .filter(|t| !t.contains("_:") && !t.contains("/.well-known/genid/"))
                .filter(|t| !server.rewrites(t))
                .cloned()
                .collect()
        };
        assert_eq!(
            keep(&on_server),
            keep(&in_store),
            "{graph}: content differs"
        );
        let blank = in_store.iter().filter(|t| t.contains("_:")).count();
        let skolem = on_server
            .iter()
            .filter(|t| t.contains("/.well-known/genid/"))
            .count();
        assert_eq!(
            blank, skolem,
            "{graph}: every blank-node triple is there, skolemised"
        );
    }
}

fn pushes_the_built_graph_and_an_import_and_a_second_push_changes_nothing(server: &dyn Server) {
    let (_dir, store) = built_and_imported();
    let graphs = store_graphs(&store);
    assert_eq!(graphs.len(), 5, "{graphs:?}");
    let out = push(server, &store).run().success();
    let total: u64 = graphs.iter().map(|(_, n)| n).sum();
    let out = out
        .stdout_contains("graphs              5")
        .stdout_contains(&format!("triples    {total:>10}"))
        .stdout_contains("verified: every graph's triple count on the server equals the store's")
        .stdout_contains("triples/s");
    assert_eq!(out.stdout().matches("(the server had 0 before)").count(), 5);
    assert_server_matches_store(server, &store, None);
    let first: Vec<BTreeSet<String>> = graphs.iter().map(|(g, _)| server.triples(g)).collect();

    let again = push(server, &store).run().success().stdout();
    for (g, n) in &graphs {
        let line = format!("{g}  (the server had {n} before)");
        assert!(again.contains(&line), "{line} missing in:\n{again}");
    }
    let second: Vec<BTreeSet<String>> = graphs.iter().map(|(g, _)| server.triples(g)).collect();
    assert_eq!(
        first, second,
        "pushing twice leaves the server as pushing once"
    );
}

fn a_replaced_graph_loses_its_old_triples_on_the_server(server: &dyn Server) {
    let (dir, store) = built_and_imported();
    push(server, &store)
        .arg("--graph")
        .arg(IMPORT_GRAPH)
        .run()
        .success();
    let before = server.count(IMPORT_GRAPH);
    // A newer export under the same name: the first ten events only.
    let sample = std::fs::read_to_string(repo().join("tests/fixtures/acled-sample.csv")).unwrap();
    let lines: Vec<&str> = sample.lines().collect();
    let dropped = lines.last().unwrap().split(',').next().unwrap().to_owned();
    let newer = dir.path().join("newer.csv");
    std::fs::write(&newer, lines[..11].join("\n") + "\n").unwrap();
    import(&newer, &store, "acled-sample");
    let now = store_graphs(&store)
        .into_iter()
        .find(|(g, _)| g == IMPORT_GRAPH)
        .unwrap()
        .1;
    assert!(
        now < before,
        "the newer export is smaller ({now} < {before})"
    );

    push(server, &store)
        .arg("--graph")
        .arg(IMPORT_GRAPH)
        .run()
        .success()
        .stdout_contains(&format!("(the server had {before} before)"));
    assert_eq!(server.count(IMPORT_GRAPH), now);
    let on_server = server.triples(IMPORT_GRAPH);
    assert!(
        !on_server
            .iter()
            .any(|t| t.contains(&format!("acled-{dropped}"))),
        "event {dropped}, gone from the export, is gone from the server"
    );
    assert_server_matches_store(server, &store, Some(IMPORT_GRAPH));
}

fn a_server_killed_half_way_is_repaired_by_the_next_push(server: &mut dyn Server) {
    let (dir, store) = built_and_imported();
    let total = store_graphs(&store)
        .into_iter()
        .find(|(g, _)| g == IMPORT_GRAPH)
        .unwrap()
        .1;
    let marker = dir.path().join("first-batch-sent");
    let child = push(server, &store)
        .args(["--graph", IMPORT_GRAPH, "--batch", "100", "--attempts", "2"])
        .env("CKG_FAULT_PAUSE_BEFORE_COMMIT", &marker)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the push never sent its first batch"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    std::fs::remove_file(&marker).unwrap(); // the push goes on, to a dead server
    // Batches of 100 triples: the count follows the import graph's size.
    let batches = total.div_ceil(100);
    let out = Run(child.wait_with_output().unwrap())
        .status(1)
        .stderr_contains(&format!("batch 2 of {batches} (POST)"))
        .stderr_contains("cannot reach")
        .stderr_contains("(2 attempts)")
        .stderr_contains("trying again in 0.5 s (attempt 2 of 2)")
        .stderr_contains("may now be incomplete: push again to replace it");
    drop(out);

    server.restart();
    let partial = server.count(IMPORT_GRAPH);
    assert!(
        partial < total,
        "the server holds part of the graph ({partial} of {total})"
    );
    push(server, &store)
        .args(["--graph", IMPORT_GRAPH, "--batch", "100"])
        .run()
        .success()
        .stdout_contains(&format!(
            "verified {total:>10} triples {batches:>5} batches  {IMPORT_GRAPH}  (the server had {partial} before)"
        ));
    assert_eq!(server.count(IMPORT_GRAPH), total);
    assert_server_matches_store(server, &store, Some(IMPORT_GRAPH));
}

fn graphs_larger_than_a_batch_go_as_a_put_and_posts(server: &dyn Server) {
    let (_dir, store) = built_and_imported();
    let graphs = store_graphs(&store);
    let out = push(server, &store).args(["--batch", "50"]).run().success();
    for (g, n) in &graphs {
        let batches = n.div_ceil(50);
        out.stdout()
            .lines()
            .find(|l| l.ends_with(&format!("{g}  (the server had 0 before)")))
            .filter(|l| l.contains(&format!(" {batches} batches ")))
            .unwrap_or_else(|| panic!("{g}: {batches} batches expected in\n{}", out.stdout()));
    }
    assert_server_matches_store(server, &store, None);
}

#[test]
fn oxigraph_takes_the_built_graph_and_an_import_and_a_second_push_changes_nothing() {
    pushes_the_built_graph_and_an_import_and_a_second_push_changes_nothing(&Oxigraph::start());
}

#[test]
fn virtuoso_takes_the_built_graph_and_an_import_and_a_second_push_changes_nothing() {
    pushes_the_built_graph_and_an_import_and_a_second_push_changes_nothing(&Virtuoso::start());
}

#[test]
fn oxigraph_replaced_graph_loses_its_old_triples() {
    a_replaced_graph_loses_its_old_triples_on_the_server(&Oxigraph::start());
}

#[test]
fn virtuoso_replaced_graph_loses_its_old_triples() {
    a_replaced_graph_loses_its_old_triples_on_the_server(&Virtuoso::start());
}

#[test]
fn oxigraph_killed_half_way_is_repaired_by_the_next_push() {
    a_server_killed_half_way_is_repaired_by_the_next_push(&mut Oxigraph::start());
}

#[test]
fn virtuoso_killed_half_way_is_repaired_by_the_next_push() {
    a_server_killed_half_way_is_repaired_by_the_next_push(&mut Virtuoso::start());
}

#[test]
fn oxigraph_graphs_larger_than_a_batch() {
    graphs_larger_than_a_batch_go_as_a_put_and_posts(&Oxigraph::start());
}

#[test]
fn virtuoso_graphs_larger_than_a_batch() {
    graphs_larger_than_a_batch_go_as_a_put_and_posts(&Virtuoso::start());
}

#[test]
fn virtuoso_rewrites_wkt_literals_which_the_count_does_not_see() {
    let server = Virtuoso::start();
    let (_dir, store) = built_and_imported();
    push(&server, &store)
        .arg("--graph")
        .arg(IMPORT_GRAPH)
        .run()
        .success();
    let sent: BTreeSet<String> = store_triples(&store, IMPORT_GRAPH)
        .into_iter()
        .filter(|t| t.contains(WKT))
        .collect();
    let stored: BTreeSet<String> = server
        .triples(IMPORT_GRAPH)
        .into_iter()
        .filter(|t| t.contains(VIRTUOSO_GEOMETRY))
        .collect();
    assert!(!sent.is_empty());
    assert_eq!(
        sent.len(),
        stored.len(),
        "one geometry for each WKT literal"
    );
    assert!(
        stored.iter().all(|t| !t.contains(WKT)),
        "Virtuoso keeps no geo:wktLiteral: if this fails, a newer Virtuoso stopped rewriting them"
    );
}

#[test]
fn virtuoso_wrong_or_missing_credentials_are_a_clear_401() {
    let server = Virtuoso::start();
    let (_dir, store) = built_and_imported();
    ckg()
        .arg("push")
        .arg(server.gsp_url())
        .arg("--store")
        .arg(&store)
        .args(["--user", "dba", "--password-env", PASSWORD_VAR])
        .env(PASSWORD_VAR, "not-the-password")
        .run()
        .status(1)
        .stderr_contains("graph <https://w3id.org/conflict-kg/id/graph/import/acled/acled-sample>")
        .stderr_contains("the server answered 401 Unauthorized")
        .stderr_contains("the server refused the credentials of user `dba` (Digest auth)");
    ckg()
        .arg("push")
        .arg(server.gsp_url())
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("401 Unauthorized")
        .stderr_contains("the server asks for Digest realm=\"SPARQL\"");
    ckg()
        .arg("push")
        .arg(server.gsp_url())
        .arg("--store")
        .arg(&store)
        .args([
            "--user",
            "dba",
            "--password-env",
            "CKG_TEST_PUSH_UNSET_VARIABLE",
        ])
        .run()
        .status(1)
        .stderr_contains(
            "the environment variable CKG_TEST_PUSH_UNSET_VARIABLE (--password-env) is not set",
        );
    for (g, _) in store_graphs(&store) {
        assert_eq!(server.count(&g), 0, "nothing was written");
    }
}

#[test]
fn oxigraph_wrong_url_is_a_clear_404() {
    let server = Oxigraph::start();
    let (_dir, store) = built_and_imported();
    ckg()
        .arg("push")
        .arg(format!("http://127.0.0.1:{}/nowhere/store", server.port()))
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("the server answered 404 Not Found to POST")
        .stderr_contains("/nowhere/query");
    ckg()
        .arg("push")
        .arg(format!("http://127.0.0.1:{}/elsewhere", server.port()))
        .arg("--query-endpoint")
        .arg(format!("http://127.0.0.1:{}/query", server.port()))
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("batch 1 of 1 (PUT): the server answered 404 Not Found to PUT")
        .stderr_contains("is this the server's Graph Store Protocol URL");
}

#[test]
fn dry_run_prints_the_plan_and_sends_nothing() {
    let (_dir, store) = built_and_imported();
    let nobody = servers::free_port();
    let out = ckg()
        .arg("push")
        .arg(format!("http://127.0.0.1:{nobody}/sparql-graph-crud-auth"))
        .arg("--store")
        .arg(&store)
        .args([
            "--user",
            "dba",
            "--password-env",
            "UNSET_IN_A_DRY_RUN",
            "--batch",
            "500",
            "--dry-run",
        ])
        .run()
        .success()
        .stdout_contains("(Virtuoso)")
        .stdout_contains(&format!(
            "verified through http://127.0.0.1:{nobody}/sparql-auth"
        ))
        .stdout_contains("auth digest as dba, password from $UNSET_IN_A_DRY_RUN")
        .stdout_contains("5 graphs")
        .stdout_contains("dry run: nothing sent");
    for (g, n) in store_graphs(&store) {
        let batches = n.div_ceil(500);
        out.stdout()
            .lines()
            .find(|l| l.ends_with(&g) && l.contains(&format!("{n:>10}  {batches:>7}  ")))
            .unwrap_or_else(|| panic!("{g}: {n} triples in {batches} batches\n{}", out.stdout()));
    }
}

#[test]
fn an_unreachable_server_is_tried_again_then_named() {
    let (_dir, store) = built_and_imported();
    let nobody = servers::free_port();
    ckg()
        .arg("push")
        .arg(format!("http://127.0.0.1:{nobody}/store"))
        .arg("--store")
        .arg(&store)
        .args(["--attempts", "2"])
        .run()
        .status(1)
        .stderr_contains("trying again in 0.5 s (attempt 2 of 2)")
        .stderr_contains(&format!(
            "cannot reach http://127.0.0.1:{nobody}/query (2 attempts)"
        ));
}

#[test]
fn options_that_do_not_go_together_are_usage_errors() {
    let url = "http://127.0.0.1:1/store";
    for args in [
        &["--auth", "digest"][..],
        &["--auth", "bearer"],
        &["--auth", "bearer", "--user", "u", "--password-env", "V"],
        &["--password-env", "V"],
        &["--user", "u"],
        &["--auth", "kerberos"],
    ] {
        ckg().args(["push", url]).args(args).run().status(2);
    }
}

/// A GSP server that takes every PUT and answers the count as Virtuoso does when a query hits
/// its time limit: 200, a plausible number, and X-SQL-State.
#[test]
fn a_count_the_server_marks_as_partial_fails_verification_with_exit_code_3() {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut puts = 0;
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            let mut writer = conn.try_clone().unwrap();
            let mut reader = BufReader::new(conn);
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                continue;
            }
            let mut length = 0;
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                if h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let answer = if line.starts_with("PUT") {
                puts += 1;
                "HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
            } else {
                let n = if puts == 0 { 0 } else { 920000 };
                let json = format!(
                    r#"{{"head":{{"vars":["n"]}},"results":{{"bindings":[{{"n":{{"type":"typed-literal","value":"{n}"}}}}]}}}}"#
                );
                let marks = if puts == 0 {
                    String::new()
                } else {
                    "x-sql-state: S1TAT\r\nx-sql-message: RC...: Returning incomplete results, query interrupted by result timeout.\r\nx-exec-milliseconds: 2052\r\n".to_owned()
                };
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/sparql-results+json\r\n{marks}content-length: {}\r\nconnection: close\r\n\r\n{json}",
                    json.len()
                )
            };
            let _ = writer.write_all(answer.as_bytes());
        }
    });
    let (_dir, store) = built_and_imported();
    ckg()
        .arg("push")
        .arg(format!("http://127.0.0.1:{port}/sparql-graph-crud"))
        .arg("--store")
        .arg(&store)
        .run()
        .status(3)
        .stderr_contains("verifying the server's triple count: the count from")
        .stderr_contains("cannot be trusted: the server marks its answer as partial or cut")
        .stderr_contains("x-sql-state: S1TAT");
}
