//! Reliability regressions from the probe (`issue 16`): readers beside writers (F3), what
//! `optimize` does to a store's size (F4), a streamed table (F5), closed pipes, and the
//! remaining F10 messages. Each test is named after the failure it pins down.

use crate::common::ckg;
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
