//! `ckg extract`: the real binary on the seed articles (files written, evidence byte-exact,
//! the draft in the report schema), and the evaluation of the extractor against hand gold
//! (`evaluation` below).

use crate::common::*;
use std::path::Path;

fn extract_seed(out: &Path) -> Run {
    ckg()
        .arg("extract")
        .arg(data_dir().join("reports/2018-05-27-afp-is-attacks-eastern-syria.txt"))
        .args(["--published", "2018-05-27", "--publisher", "AFP", "-o"])
        .arg(out)
        .run()
}

#[test]
fn extract_writes_a_draft_its_text_and_a_reference_draft_with_byte_exact_evidence() {
    let dir = tempdir();
    extract_seed(dir.path())
        .success()
        .stdout_contains("casualty claims");
    let id = "2018-05-27-afp-is-attacks-eastern-syria";
    let text = std::fs::read_to_string(dir.path().join(format!("{id}.txt"))).unwrap();
    let original = std::fs::read_to_string(data_dir().join(format!("reports/{id}.txt"))).unwrap();
    assert_eq!(text, original, "a plain-text article is kept byte for byte");
    let draft: toml::Value =
        toml::from_str(&std::fs::read_to_string(dir.path().join(format!("{id}.toml"))).unwrap())
            .unwrap();
    assert_eq!(draft["report"]["status"].as_str(), Some("draft"));
    assert_eq!(draft["report"]["publisher"].as_str(), Some("afp"));
    let claims = draft["casualty_claim"].as_array().unwrap();
    assert!(claims.len() >= 8, "{} claims", claims.len());
    for table in ["incident", "casualty_claim"] {
        for row in draft[table].as_array().unwrap() {
            let ev = row["evidence"].as_str().unwrap();
            assert!(text.contains(ev), "{table} evidence not in the text: {ev}");
            if let Some(q) = row.get("quantity_text").and_then(|q| q.as_str()) {
                assert!(ev.contains(q), "quantity_text {q} not in {ev}");
            }
        }
    }
    assert!(draft["review"].as_array().is_some_and(|r| !r.is_empty()));
    let reference: toml::Value = toml::from_str(
        &std::fs::read_to_string(dir.path().join(format!("{id}.reference-draft.toml"))).unwrap(),
    )
    .unwrap();
    assert_eq!(reference["status"].as_str(), Some("draft"));
}

#[test]
fn extract_keeps_the_main_text_of_a_saved_html_page() {
    let dir = tempdir();
    let page = dir.path().join("saved-page.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>Site</title><script>x()</script></head><body>\
         <nav><p>Home | World</p></nav><article><h1>IS attack near Mayadeen</h1>\
         <p>At least nine pro-regime forces were killed near Mayadeen on Wednesday, the\
         &nbsp;Observatory said.</p></article><footer><p>Cookies</p></footer></body></html>",
    )
    .unwrap();
    ckg()
        .arg("extract")
        .arg(&page)
        .args(["--published", "2018-05-27", "--publisher", "AFP", "-o"])
        .arg(dir.path().join("out"))
        .run()
        .success();
    let out = dir.path().join("out");
    let text = std::fs::read_to_string(out.join("2018-05-27-saved-page.txt")).unwrap();
    assert_eq!(
        text,
        "IS attack near Mayadeen\n\nAt least nine pro-regime forces were killed near Mayadeen on Wednesday, the\u{a0}Observatory said.\n"
    );
    let draft = std::fs::read_to_string(out.join("2018-05-27-saved-page.toml")).unwrap();
    assert!(draft.contains("min = 9"), "{draft}");
    assert!(draft.contains("source = \"sohr\""), "{draft}");
    assert!(draft.contains("date = \"2018-05-23\""), "{draft}");
}

#[test]
fn extract_rejects_a_bad_publication_date_and_writes_nothing() {
    let dir = tempdir();
    ckg()
        .arg("extract")
        .arg(data_dir().join("reports/2018-05-27-afp-is-attacks-eastern-syria.txt"))
        .args(["--published", "27 May 2018", "-o"])
        .arg(dir.path())
        .run()
        .status(1)
        .stderr_contains("--published");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A copy of `data/` with the seed article drafted into `reports/` beside the curated report
/// (ids renamed so they do not collide with the curated ones).
fn data_with_a_draft(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    copy_dir(&data_dir(), &data);
    let article = dir.join("2018-05-27-afp-second-look.txt");
    std::fs::copy(
        data_dir().join("reports/2018-05-27-afp-is-attacks-eastern-syria.txt"),
        &article,
    )
    .unwrap();
    ckg()
        .arg("extract")
        .arg(&article)
        .args(["--published", "2018-05-27", "--publisher", "AFP", "-o"])
        .arg(data.join("reports"))
        .run()
        .success();
    data
}

#[test]
fn validate_lists_the_open_review_items_of_a_draft_with_file_and_line() {
    let dir = tempdir();
    let data = data_with_a_draft(dir.path());
    let run = ckg()
        .arg("validate")
        .arg("--data")
        .arg(&data)
        .run()
        .success();
    let out = run.stdout();
    let draft = data.join("reports/2018-05-27-afp-second-look.toml");
    let text = std::fs::read_to_string(&draft).unwrap();
    let status_line = text
        .lines()
        .position(|l| l == "status = \"draft\"")
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "{}:{status_line}: report.status: draft",
            draft.display()
        )),
        "{out}"
    );
    let review_line = text.lines().position(|l| l == "[[review]]").unwrap() + 2;
    assert!(
        out.contains(&format!("{}:{review_line}: review: ", draft.display())),
        "{out}"
    );
    assert!(
        out.contains("open review items: `ckg build` refuses drafts"),
        "{out}"
    );
}

fn count_graph(store: &Path, graph: &str) -> String {
    let q = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/conflict-kg/id/graph/{graph}> {{ ?s ?p ?o }} }}"
    );
    ckg()
        .args(["query", "-f", "csv", "--store"])
        .arg(store)
        .args(["-q", &q])
        .run()
        .success()
        .stdout()
        .lines()
        .nth(1)
        .unwrap()
        .to_string()
}

#[test]
fn build_refuses_drafts_builds_them_apart_with_drafts_and_drops_them_once_reviewed_away() {
    let dir = tempdir();
    let data = data_with_a_draft(dir.path());
    let store = dir.path().join("store");
    ckg()
        .arg("build")
        .arg("--data")
        .arg(&data)
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("not built without --drafts")
        .stderr_contains("2018-05-27-afp-second-look.toml:7: status = \"draft\"");
    assert!(!store.exists(), "a refused build creates no store");
    ckg()
        .args(["build", "--drafts", "--data"])
        .arg(&data)
        .arg("--store")
        .arg(&store)
        .run()
        .success()
        .stdout_contains("drafts");
    let id = "2018-05-27-afp-second-look";
    assert_ne!(count_graph(&store, &format!("draft/report/{id}")), "0");
    assert_eq!(count_graph(&store, &format!("report/{id}")), "0");
    // The analyst drops the draft: the next plain build removes its graph.
    for f in [
        format!("{id}.toml"),
        format!("{id}.txt"),
        format!("{id}.reference-draft.toml"),
    ] {
        std::fs::remove_file(data.join("reports").join(f)).unwrap();
    }
    ckg()
        .arg("build")
        .arg("--data")
        .arg(&data)
        .arg("--store")
        .arg(&store)
        .run()
        .success();
    assert_eq!(count_graph(&store, &format!("draft/report/{id}")), "0");
}

#[test]
fn review_items_left_in_a_reviewed_report_are_a_problem() {
    let dir = tempdir();
    let data = data_with_a_draft(dir.path());
    let draft = data.join("reports/2018-05-27-afp-second-look.toml");
    let text = std::fs::read_to_string(&draft)
        .unwrap()
        .replace("status = \"draft\"\n", "");
    std::fs::write(&draft, text).unwrap();
    ckg()
        .arg("validate")
        .arg("--data")
        .arg(&data)
        .run()
        .status(1)
        .stderr_contains("review: open review items in a report that is not a draft");
}
