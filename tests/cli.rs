//! The real `ckg` binary: build, validate, query, export, optimize, exit codes, broken pipes,
//! the store lock and an interrupted build.

use crate::common::*;
use std::time::{Duration, Instant};

fn build_in(dir: &std::path::Path) -> Run {
    ckg()
        .args(["build", "--store"])
        .arg(dir.join("store"))
        .arg("--data")
        .arg(data_dir())
        .run()
}

#[test]
fn build_prints_a_summary_of_what_the_store_holds() {
    let dir = tempdir();
    build_in(dir.path())
        .success()
        .stdout_contains("reports")
        .stdout_contains("incidents")
        .stdout_contains("claims")
        .stdout_contains("triples")
        .stdout_contains("graphs");
}

#[test]
fn building_twice_gives_the_same_store() {
    let dir = tempdir();
    build_in(dir.path()).success();
    let first = ckg()
        .args(["export", "-f", "nquads", "--store"])
        .arg(dir.path().join("store"))
        .run()
        .success()
        .stdout();
    build_in(dir.path()).success();
    let second = ckg()
        .args(["export", "-f", "nquads", "--store"])
        .arg(dir.path().join("store"))
        .run()
        .success()
        .stdout();
    assert!(isomorphic(&sophia_nquads(&first), &sophia_nquads(&second)));
    assert_eq!(
        first.lines().count(),
        second.lines().count(),
        "no duplicated quads"
    );
}

#[test]
fn store_path_comes_from_ckg_store_env() {
    let dir = tempdir();
    let store = dir.path().join("env-store");
    ckg()
        .args(["build", "--data"])
        .arg(data_dir())
        .env("CKG_STORE", &store)
        .run()
        .success();
    assert!(store.join("CURRENT").is_file());
}

#[test]
fn query_without_a_store_says_to_build_first() {
    let dir = tempdir();
    ckg()
        .args(["query", "--query", "ASK {}", "--store"])
        .arg(dir.path().join("nothing"))
        .run()
        .status(1)
        .stderr_contains("run `ckg build` first");
}

#[test]
fn query_text_given_as_the_file_argument_points_at_dash_q() {
    ckg()
        .args(["query", "SELECT ?s WHERE { ?s ?p ?o }"])
        .run()
        .status(1)
        .stderr_contains("use -q/--query");
    // A real file name that is missing gets no such hint.
    ckg()
        .args(["query", "no-such-file.rq"])
        .run()
        .status(1)
        .stderr_contains("cannot read the query file no-such-file.rq");
}

#[test]
fn query_formats_and_prefixes() {
    let dir = tempdir();
    build_in(dir.path()).success();
    let store = dir.path().join("store");
    let q = "SELECT ?l WHERE { actor:islamic-state rdfs:label ?l }";
    ckg()
        .args(["query", "-q", q, "-f", "csv", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_is("l\r\nIslamic State\r\n");
    ckg()
        .args(["query", "-q", q, "-f", "tsv", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_is("?l\n\"Islamic State\"@en\n");
    ckg()
        .args(["query", "-q", q, "-f", "json", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("\"value\":\"Islamic State\"");
    ckg()
        .args(["query", "-q", q, "-f", "xml", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("<literal xml:lang=\"en\">Islamic State</literal>");
    ckg()
        .args(["query", "-q", q, "-f", "table", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("Islamic State")
        .stdout_contains("(1 row)");
    ckg()
        .args([
            "query",
            "-q",
            "CONSTRUCT WHERE { actor:islamic-state rdfs:label ?l }",
            "--store",
        ])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("actor:islamic-state rdfs:label \"Islamic State\"@en");
}

#[test]
fn query_from_a_file() {
    let dir = tempdir();
    build_in(dir.path()).success();
    let file = dir.path().join("q.rq");
    std::fs::write(
        &file,
        "# how many reports\nSELECT (COUNT(*) AS ?n) WHERE { ?r a ckg:Report }",
    )
    .unwrap();
    ckg()
        .arg("query")
        .arg(&file)
        .args(["-f", "csv", "--store"])
        .arg(dir.path().join("store"))
        .run()
        .success()
        .stdout_is("n\r\n2\r\n");
}

#[test]
fn sparql_syntax_errors_show_line_and_column() {
    let dir = tempdir();
    build_in(dir.path()).success();
    ckg()
        .args(["query", "-q", "SELECT ?x\nWHERE { ?x ?y }", "--store"])
        .arg(dir.path().join("store"))
        .run()
        .status(1)
        .stderr_contains("SPARQL syntax error in --query")
        .stderr_contains("2:");
}

#[test]
fn usage_errors_exit_2() {
    ckg().arg("frobnicate").run().status(2);
    ckg().args(["query", "--no-such-option"]).run().status(2);
}

#[test]
fn help_documents_exit_codes() {
    ckg()
        .arg("--help")
        .run()
        .success()
        .stdout_contains("Exit codes")
        .stdout_contains("usage error");
}

#[test]
fn broken_pipe_exits_zero() {
    let dir = tempdir();
    build_in(dir.path()).success();
    // Close our end of stdout immediately: the export of the whole store cannot all be written.
    let mut child = ckg()
        .args(["export", "-f", "ntriples", "--store"])
        .arg(dir.path().join("store"))
        .spawn();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(
        stderr.is_empty(),
        "no error printed for a closed pipe: {stderr}"
    );
}

#[test]
fn export_to_a_file_is_atomic_and_readable_by_another_parser() {
    let dir = tempdir();
    build_in(dir.path()).success();
    let out = dir.path().join("graph.ttl");
    ckg()
        .args(["export", "-o"])
        .arg(&out)
        .arg("--store")
        .arg(dir.path().join("store"))
        .run()
        .success()
        .stderr_contains("statements");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("@prefix incident: <https://w3id.org/conflict-kg/id/incident/>"));
    let graph: sophia::inmem::graph::LightGraph = {
        use sophia::api::prelude::*;
        sophia::turtle::parser::turtle::parse_str(&text)
            .collect_triples()
            .expect("sophia reads our Turtle")
    };
    use sophia::api::graph::Graph;
    assert!(graph.triples().count() > 100);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.starts_with(".ckg-").then_some(name)
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Regression (issue 10): `export -o` left files 0600 while `import --nquads` made them 0644,
/// whatever the umask. Both now get what a shell redirection would: 0666 less the umask.
#[cfg(unix)]
#[test]
fn exported_files_get_the_permissions_the_umask_gives_on_both_write_paths() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    build_in(dir.path()).success();
    let ckg_bin = env!("CARGO_BIN_EXE_ckg");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    for (umask, expected) in [("027", 0o640), ("002", 0o664)] {
        let ttl = dir.path().join(format!("graph-{umask}.ttl"));
        let nq = dir.path().join(format!("acled-{umask}.nq"));
        let script = format!(
            "umask {umask} && \"$0\" export -o \"$1\" --store \"$2\" && \"$0\" import acled \"$3\" --nquads \"$4\""
        );
        let out = std::process::Command::new("sh")
            .args(["-c", &script, ckg_bin])
            .arg(&ttl)
            .arg(dir.path().join("store"))
            .arg(repo().join("tests/fixtures/acled-sample.csv"))
            .arg(&nq)
            .current_dir(repo())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(mode(&ttl), expected, "export -o under umask {umask}");
        assert_eq!(mode(&nq), expected, "import --nquads under umask {umask}");
    }
}

#[test]
fn export_of_an_unknown_graph_is_an_error() {
    let dir = tempdir();
    build_in(dir.path()).success();
    ckg()
        .args(["export", "--graph", "https://example.org/none", "--store"])
        .arg(dir.path().join("store"))
        .run()
        .status(1)
        .stderr_contains("has no graph <https://example.org/none>");
}

#[test]
fn a_second_writer_gets_a_store_in_use_error() {
    let dir = tempdir();
    let store = dir.path().join("store");
    build_in(dir.path()).success();
    let held = oxigraph::store::Store::open(&store).unwrap();
    ckg()
        .args(["build", "--data"])
        .arg(data_dir())
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("is in use");
    // Readers still work beside the writer.
    ckg()
        .args(["query", "-q", "ASK { ?s ?p ?o }", "-f", "csv", "--store"])
        .arg(&store)
        .run()
        .success();
    drop(held);
}

#[test]
fn a_build_killed_before_commit_leaves_the_previous_store() {
    let dir = tempdir();
    let store = dir.path().join("store");
    build_in(dir.path()).success();
    let before = ckg()
        .args(["export", "-f", "nquads", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout();

    // A different data set: one more actor. Kill the build once it has staged everything.
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    let actors = data.join("reference/actors.toml");
    let mut text = std::fs::read_to_string(&actors).unwrap();
    text.push_str("\n[[actor]]\nid = \"interrupted-actor\"\nlabel = \"Interrupted\"\ncategory = \"rebel-group\"\n");
    std::fs::write(&actors, text).unwrap();
    let marker = dir.path().join("staged");
    let mut child = ckg()
        .args(["build", "--data"])
        .arg(&data)
        .arg("--store")
        .arg(&store)
        .env("CKG_FAULT_PAUSE_BEFORE_COMMIT", &marker)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the build never reached its commit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let after = ckg()
        .args(["export", "-f", "nquads", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout();
    assert!(!after.contains("interrupted-actor"));
    assert!(isomorphic(&sophia_nquads(&before), &sophia_nquads(&after)));
}

#[test]
fn validate_reports_success_with_counts() {
    ckg()
        .args(["validate", "--data"])
        .arg(data_dir())
        .run()
        .success()
        .stdout_contains("valid (2 reports");
}

#[test]
fn optimize_compacts_the_store_and_keeps_its_triples() {
    let dir = tempdir();
    let store = dir.path().join("store");
    build_in(dir.path()).success();
    let export = || {
        ckg()
            .args(["export", "-f", "nquads", "--store"])
            .arg(&store)
            .run()
            .success()
            .stdout()
    };
    let before = export();
    ckg()
        .args(["optimize", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("compacted")
        .stdout_contains(" MiB → ");
    let after = export();
    assert!(isomorphic(&sophia_nquads(&before), &sophia_nquads(&after)));
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn optimize_without_a_store_says_to_build_first_and_creates_nothing() {
    let dir = tempdir();
    let store = dir.path().join("none");
    ckg()
        .args(["optimize", "--store"])
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("no store at")
        .stderr_contains("run `ckg build` first");
    assert!(!store.exists());
    assert!(!dir.path().join("none.lock").exists());
}
