//! Reliability regressions from the probe (`issue 16`): readers beside writers (F3), what
//! `optimize` does to a store's size (F4), a streamed table (F5), closed pipes, the remaining
//! F10 messages and one typed list of format names, and five crash trials
//! (`bench/crash-trials.sh 5`). Each test is named after the failure it pins down.

use crate::common::{ckg, repo};
use std::path::Path;

fn build(store: &Path) {
    ckg().args(["build", "--store"]).arg(store).run().success();
}

/// F3: `ckg query` opened in a loop while 25 builds and 5 re-imports (each a staged copy
/// swapped in with `renameat2`) rewrite the store: every read opens a whole state. Before the
/// fix 16 of 106 reads failed with RocksDB's "Corruption: … .sst: No such file or directory".
#[test]
fn f3_readers_beside_25_builds_and_5_imports_never_fail() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    build(&store);
    let writer_store = store.clone();
    let writer = std::thread::spawn(move || {
        for i in 1..=25 {
            build(&writer_store);
            if i % 5 == 0 {
                ckg()
                    .args([
                        "import",
                        "acled",
                        "tests/fixtures/acled-sample.csv",
                        "--store",
                    ])
                    .arg(&writer_store)
                    .run()
                    .success();
            }
        }
    });
    let (mut reads, mut failures) = (0, Vec::new());
    while !writer.is_finished() || reads < 20 {
        let run = ckg()
            .args(["query", "--query", "ASK { ?s a ckg:Incident }", "--store"])
            .arg(&store)
            .run();
        reads += 1;
        if run.0.status.code() != Some(0) || run.stdout().trim() != "true" {
            failures.push(run.stderr());
        }
    }
    writer.join().expect("the writers succeed");
    assert!(
        failures.is_empty(),
        "{} of {reads} reads failed:\n{}",
        failures.len(),
        failures.join("")
    );
    assert!(reads >= 20, "the readers ran ({reads} reads)");
    assert!(
        !failures.iter().any(|e| e.contains("Corruption")),
        "the race is never called corruption"
    );
}

/// An ACLED file of `rows` rows: the sample's rows over and over, each with a new event id.
pub fn many_acled_rows(path: &Path, rows: usize) {
    let sample = std::fs::read_to_string(repo().join("tests/fixtures/acled-sample.csv")).unwrap();
    let mut lines = sample.lines();
    let header = lines.next().unwrap();
    let body: Vec<&str> = lines.collect();
    let mut out = String::with_capacity(rows * 1200);
    out.push_str(header);
    out.push('\n');
    for i in 0..rows {
        let row = body[i % body.len()];
        let rest = &row[row.find(',').unwrap()..];
        out.push_str(&format!("SYRX{i}{rest}\n"));
    }
    std::fs::write(path, out).unwrap();
}

/// Bytes of the files of a store directory.
fn size_of(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum()
}

/// F4: on a freshly imported store, RocksDB's compaction rewrites the bulk loader's compressed
/// files uncompressed (the probe: 181.8 → 398.2 MiB). `ckg optimize` compacts a copy, sees it is
/// bigger, and leaves the store exactly as it was, saying why.
#[test]
fn f4_optimize_never_grows_a_freshly_imported_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    build(&store);
    let csv = dir.path().join("many.csv");
    many_acled_rows(&csv, 3000);
    ckg()
        .args(["import", "acled"])
        .arg(&csv)
        .arg("--store")
        .arg(&store)
        .run()
        .success();
    let count = || {
        ckg()
            .args(["query", "--store"])
            .arg(&store)
            .args([
                "--query",
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            ])
            .run()
            .success()
            .stdout()
    };
    let (quads, before) = (count(), size_of(&store));
    let run = ckg()
        .args(["optimize", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("as it was")
        .stdout_contains("no smaller. Nothing to gain");
    assert!(size_of(&store) <= before, "{}", run.stdout());
    assert_eq!(count(), quads);
    assert!(!dir.path().join("st.staging").exists());
}

/// F4, the other side: after a re-import inside a bigger store (tombstones), the compacted copy
/// is smaller and replaces the store.
#[test]
fn f4_optimize_replaces_the_store_when_the_compacted_copy_is_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    build(&store);
    let (big, small) = (dir.path().join("big.csv"), dir.path().join("small.csv"));
    many_acled_rows(&big, 3000);
    many_acled_rows(&small, 800);
    for (file, name) in [(&big, "big"), (&small, "small"), (&small, "small")] {
        ckg()
            .args(["import", "acled"])
            .arg(file)
            .args(["--name", name, "--store"])
            .arg(&store)
            .run()
            .success();
    }
    let before = size_of(&store);
    ckg()
        .args(["optimize", "--store"])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("compacted");
    assert!(size_of(&store) < before);
}

/// Starts `ckg ARGS` under `ulimit -v` (KiB of address space) with stdout piped to the test.
fn spawn_limited(limit_kib: u64, args: &[&str]) -> std::process::Child {
    let mut script = format!("ulimit -v {limit_kib}; exec \"$CKG\"");
    for (i, _) in args.iter().enumerate() {
        script.push_str(&format!(" \"${}\"", i + 1));
    }
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .args(args)
        .env("CKG", env!("CARGO_BIN_EXE_ckg"))
        .current_dir(repo())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// F5: `--format table` buffered every row (1M rows: 1.33 GB before `| head -2` returned).
/// Now its widths come from the first rows and it streams: under a 1 GB address-space limit a
/// million-row cross join shows its first lines, and closing the pipe ends it with exit 0.
#[test]
fn f5_table_streams_a_million_rows_in_bounded_memory_and_stops_when_the_pipe_closes() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    build(&store);
    let query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 1000000";
    let store = store.to_str().unwrap();
    let mut child = spawn_limited(
        1_000_000,
        &[
            "query", "--store", store, "--format", "table", "--query", query,
        ],
    );
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let (header, rule) = (lines.next(), lines.next());
    drop(lines); // like `| head -2`
    let out = child.wait_with_output().unwrap();
    // No line at all: say how the process ended and what it wrote, not just "None".
    let (Some(Ok(header)), Some(Ok(rule))) = (header, rule) else {
        panic!(
            "no header and rule on stdout; {} and stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    };
    assert!(header.starts_with("a "), "{header}");
    assert!(rule.starts_with("---"), "{rule}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// F5: rows after the first 200 that are wider than their column are cut with `…`, and the
/// last line says how many values were.
#[test]
fn f5_table_rows_wider_than_the_first_rows_are_cut_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    build(&store);
    // 300 rows: the first 250 are four letters, the last 50 are thirty.
    let values: String = (0..300)
        .map(|i| {
            if i < 250 {
                "\"aaaa\" ".to_string()
            } else {
                format!("\"{}\" ", "b".repeat(30))
            }
        })
        .collect();
    let run = ckg()
        .args(["query", "--format", "table", "--store"])
        .arg(&store)
        .arg("--query")
        .arg(format!("SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }}"))
        .run()
        .success();
    let out = run.stdout();
    assert!(
        out.contains("\nbbb…\n"),
        "cut to the column's four characters: {out}"
    );
    assert!(
        out.ends_with(
            "(300 rows; 50 values wider than its column, measured on the first 200 rows, cut \
             with …: use --format tsv for whole values)\n"
        ),
        "{out}"
    );
}

/// A closed stdout (`ckg … | head` after head exited) is a clean exit 0 with nothing on
/// stderr, ripgrep's way; `println!` used to panic in every summary.
fn exits_zero_silently_on_a_closed_pipe(args: &[&str], store: &Path) {
    let run = ckg()
        .args(args)
        .arg("--store")
        .arg(store)
        .run_with_stdout_closed();
    assert_eq!(
        run.0.status.code(),
        Some(0),
        "ckg {args:?} on a closed pipe: {}",
        run.stderr()
    );
    assert!(
        run.stderr().is_empty() || !run.stderr().contains("panicked"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("error"), "{}", run.stderr());
}

fn built_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    build(&store);
    (dir, store)
}

#[test]
fn broken_pipe_build_summary_exits_zero() {
    let (_dir, store) = built_store();
    exits_zero_silently_on_a_closed_pipe(&["build"], &store);
}

#[test]
fn broken_pipe_validate_exits_zero() {
    let run = ckg().args(["validate"]).run_with_stdout_closed();
    assert_eq!(run.0.status.code(), Some(0), "{}", run.stderr());
    assert!(run.stderr().is_empty(), "{}", run.stderr());
}

#[test]
fn broken_pipe_query_exits_zero_in_every_result_format() {
    let (_dir, store) = built_store();
    for format in ["table", "tsv", "csv", "json", "xml"] {
        let q = [
            "query",
            "--format",
            format,
            "--query",
            "SELECT * { ?s ?p ?o }",
        ];
        exits_zero_silently_on_a_closed_pipe(&q, &store);
    }
    let q = ["query", "--query", "CONSTRUCT WHERE { ?s ?p ?o }"];
    exits_zero_silently_on_a_closed_pipe(&q, &store);
}

#[test]
fn broken_pipe_export_exits_zero() {
    let (_dir, store) = built_store();
    exits_zero_silently_on_a_closed_pipe(&["export"], &store);
    exits_zero_silently_on_a_closed_pipe(&["export", "--format", "geojson"], &store);
}

#[test]
fn broken_pipe_import_summary_exits_zero_and_the_import_is_done() {
    let (dir, store) = built_store();
    let sample = "tests/fixtures/acled-sample.csv";
    exits_zero_silently_on_a_closed_pipe(&["import", "acled", sample, "--dry-run"], &store);
    let nq = dir.path().join("out.nq");
    let nq = nq.to_str().unwrap();
    exits_zero_silently_on_a_closed_pipe(&["import", "acled", sample, "--nquads", nq], &store);
    exits_zero_silently_on_a_closed_pipe(&["import", "acled", sample], &store);
    exits_zero_silently_on_a_closed_pipe(
        &["import", "ucdp", "tests/fixtures/ucdp-sample.csv"],
        &store,
    );
    ckg()
        .args([
            "query",
            "--query",
            "ASK { GRAPH ?g { ?s a ckg:Incident } FILTER(CONTAINS(STR(?g), \"acled-sample\")) }",
            "--store",
        ])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("true");
}

#[test]
fn broken_pipe_link_report_and_names_exit_zero() {
    let (dir, store) = built_store();
    let dump = "data/gazetteer/geonames-SY-extract.txt";
    let admin1 = "data/gazetteer/admin1CodesASCII-SY.txt";
    exits_zero_silently_on_a_closed_pipe(
        &["link", "geonames", "--dump", dump, "--admin1", admin1],
        &store,
    );
    exits_zero_silently_on_a_closed_pipe(
        &[
            "link",
            "wikidata",
            "--dump",
            "data/gazetteer/wikidata-sample.json",
        ],
        &store,
    );
    let names = dir.path().join("names.tsv");
    std::fs::write(&names, "mention\nMayadeen\nAt-Taym oil field\n").unwrap();
    let names = names.to_str().unwrap();
    exits_zero_silently_on_a_closed_pipe(
        &["link", "geonames", "--dump", dump, "--names", names],
        &store,
    );
}

#[test]
fn broken_pipe_optimize_exits_zero() {
    let (_dir, store) = built_store();
    exits_zero_silently_on_a_closed_pipe(&["optimize"], &store);
}

/// F10: `export -o x.unknownext` silently wrote Turtle. Now it is an error listing the
/// extensions (and writes nothing), unless --format says what to write.
#[test]
fn f10_export_to_an_unknown_extension_is_an_error_listing_the_known_ones() {
    let (dir, store) = built_store();
    let out = dir.path().join("x.unknownext");
    ckg()
        .args(["export", "-o"])
        .arg(&out)
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("cannot tell the format of")
        .stderr_contains(
            "the known extensions are .ttl .trig .nq .nt .jsonld .geojson; or give --format",
        );
    assert!(!out.exists());
    ckg()
        .args(["export", "--format", "nt", "-o"])
        .arg(&out)
        .arg("--store")
        .arg(&store)
        .run()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('<'));
}

/// F10: a failing SERVICE query printed the TSV header to stdout before the error. Nothing
/// goes to stdout now, in any format.
#[test]
fn f10_a_failing_service_query_prints_nothing_to_stdout() {
    let (_dir, store) = built_store();
    // Port 9 (discard) on the loopback: nothing listens, and oxigraph fetches no URL anyway.
    let q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }";
    for format in ["tsv", "table", "json", "csv", "xml"] {
        ckg()
            .args(["query", "--format", format, "--query", q, "--store"])
            .arg(&store)
            .run()
            .status(1)
            .stdout_is("")
            .stderr_contains("The service <http://127.0.0.1:9/> is not supported");
    }
}

/// F10: an unknown prefix gave a raw grammar dump; now it names the prefix, where it is, and
/// the predeclared ones.
#[test]
fn f10_an_unknown_prefix_names_it_and_lists_the_predeclared_ones() {
    let (_dir, store) = built_store();
    let run = ckg()
        .args([
            "query",
            "--query",
            "SELECT * WHERE { ?s foo:bar ?o }",
            "--store",
        ])
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("unknown prefix `foo:` in --query at 1:21 (`foo:bar`)")
        .stderr_contains("predeclared one: rdf rdfs owl xsd skos");
    assert!(
        !run.stderr().contains("expected one of"),
        "{}",
        run.stderr()
    );
}

/// F10: `INSERT DATA`/`LOAD` were refused as "expected CONSTRUCT"; now as updates, saying what
/// changes the store.
#[test]
fn f10_an_update_says_the_store_is_changed_only_by_build_link_and_import() {
    let (_dir, store) = built_store();
    for q in [
        "INSERT DATA { <a:b> <a:b> <a:b> }",
        "LOAD <file:///etc/passwd>",
        "CLEAR ALL",
    ] {
        let run = ckg()
            .args(["query", "--query", q, "--store"])
            .arg(&store)
            .run()
            .status(1)
            .stdout_is("")
            .stderr_contains("is a SPARQL update")
            .stderr_contains(
                "the store is changed only by `ckg build`, `ckg link` and `ckg import`",
            );
        assert!(
            !run.stderr().contains("expected CONSTRUCT"),
            "{}",
            run.stderr()
        );
    }
}

/// One typed list of names per kind, parsed once by clap: an unknown `--format` is a usage
/// error (exit 2) listing the names; aliases and any case are accepted.
#[test]
fn format_names_are_checked_once_by_the_command_line() {
    let (_dir, store) = built_store();
    ckg()
        .args(["query", "--format", "bogus", "--query", "ASK {}", "--store"])
        .arg(&store)
        .run()
        .status(2)
        .stderr_contains(
            "[possible values: table, csv, tsv, json, xml, turtle, ntriples, nquads, trig, jsonld]",
        );
    ckg()
        .args(["export", "--format", "bogus", "--store"])
        .arg(&store)
        .run()
        .status(2)
        .stderr_contains("[possible values: turtle, trig, nquads, ntriples, jsonld, geojson]");
    ckg()
        .args([
            "query",
            "--format",
            "TTL",
            "--query",
            "CONSTRUCT WHERE { ?s a ckg:Incident } LIMIT 1",
            "--store",
        ])
        .arg(&store)
        .run()
        .success()
        .stdout_contains("@prefix");
}

/// `bench/crash-trials.sh 5`: five random `kill -9` points, one or two of each of build, link,
/// import and re-import, each leaving exactly the before or the after state (count and dump),
/// and the next run succeeding. The 100-trial run is in the README.
#[test]
fn crash_trials_five_kills_leave_the_store_before_or_after_and_the_next_run_succeeds() {
    let out = std::process::Command::new("bash")
        .arg(repo().join("bench/crash-trials.sh"))
        .arg("5")
        .env("CKG", env!("CARGO_BIN_EXE_ckg"))
        .env("CRASH_ROWS", "2000")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("crash trials: 5, failed: 0"), "{stdout}");
    for kind in ["build", "link", "import", "reimport"] {
        assert!(
            stdout.contains(&format!("\n{kind}: ")),
            "{kind} was tried: {stdout}"
        );
    }
}

#[test]
fn broken_pipe_push_plan_exits_zero() {
    let (_dir, store) = built_store();
    // A dry run prints the plan and contacts no server.
    exits_zero_silently_on_a_closed_pipe(
        &["push", "http://127.0.0.1:9/store", "--dry-run"],
        &store,
    );
}
