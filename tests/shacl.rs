//! The graph built from `data/` conforms to `ontology/shapes.ttl`, checked by pyshacl (installed
//! by `scripts/deps.sh`); and the shapes do reject a graph that breaks them.

use crate::common::*;
use conflict_kg::ExportFormat;
use std::process::Command;

fn pyshacl(data: &std::path::Path) -> (bool, String) {
    let out = Command::new("python3")
        .args(["-m", "pyshacl", "-s"])
        .arg(repo().join("ontology/shapes.ttl"))
        .args(["-df", "turtle"])
        .arg(data)
        .output()
        .expect("python3 runs (scripts/deps.sh installs pyshacl)");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("Conforms:"),
        "pyshacl did not run (run scripts/deps.sh):\n{text}"
    );
    (text.contains("Conforms: True"), text)
}

fn built_turtle() -> String {
    export_string(&built_store(), ExportFormat::Turtle, None)
}

#[test]
fn graph_built_from_data_conforms_to_the_shapes() {
    let dir = tempdir();
    let file = dir.path().join("graph.ttl");
    std::fs::write(&file, built_turtle()).unwrap();
    let (conforms, report) = pyshacl(&file);
    assert!(conforms, "{report}");
}

#[test]
fn shapes_reject_a_claim_with_min_above_max() {
    let dir = tempdir();
    let file = dir.path().join("graph.ttl");
    let broken = built_turtle().replacen("ckg:maxCount 35", "ckg:maxCount 3", 1);
    std::fs::write(&file, broken).unwrap();
    let (conforms, report) = pyshacl(&file);
    assert!(
        !conforms,
        "a claim with minCount 35 and maxCount 3 must violate the shapes:\n{report}"
    );
}
