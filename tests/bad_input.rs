//! Every kind of bad input gets a clear error (file:line:column, field, what was expected),
//! exit code 1, and leaves an existing store exactly as it was.

use crate::common::*;
use std::path::{Path, PathBuf};

/// A copy of `data/` in a temporary directory, with a store built from the good data.
struct Fixture {
    dir: tempfile::TempDir,
    before: String,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempdir();
        copy_dir(&data_dir(), &dir.path().join("data"));
        ckg()
            .args(["build", "--data"])
            .arg(dir.path().join("data"))
            .arg("--store")
            .arg(dir.path().join("store"))
            .run()
            .success();
        let before = Self::dump(dir.path());
        Fixture { dir, before }
    }

    fn dump(dir: &Path) -> String {
        ckg()
            .args(["export", "-f", "nquads", "--store"])
            .arg(dir.join("store"))
            .run()
            .success()
            .stdout()
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn append(&self, file: &str, text: &str) -> &Self {
        let path = self.data().join(file);
        let mut content = std::fs::read_to_string(&path).unwrap();
        if !content.ends_with('\n') {
            content.push('\n');
        }
        content.push('\n');
        content.push_str(text);
        std::fs::write(&path, content).unwrap();
        self
    }

    /// The 1-based line at which the next appended text will start its first non-empty line.
    fn next_line(&self, file: &str) -> usize {
        let content = std::fs::read_to_string(self.data().join(file)).unwrap();
        content.lines().count() + 2
    }

    /// `validate` and `build` both fail with `expected` on stderr; the store is untouched.
    fn rejects(&self, expected: &[&str]) {
        let v = ckg()
            .args(["validate", "--data"])
            .arg(self.data())
            .run()
            .status(1);
        for e in expected {
            assert!(
                v.stderr().contains(e),
                "validate stderr lacks {e:?}:\n{}",
                v.stderr()
            );
        }
        let b = ckg()
            .args(["build", "--data"])
            .arg(self.data())
            .arg("--store")
            .arg(self.dir.path().join("store"))
            .run()
            .status(1);
        assert!(b.stderr().contains("nothing was written"), "{}", b.stderr());
        assert_eq!(
            Self::dump(self.dir.path()),
            self.before,
            "the store changed after a failed build"
        );
    }
}

const REPORT: &str = "reports/2018-05-27-afp-is-attacks-eastern-syria.toml";
const ACTORS: &str = "reference/actors.toml";

/// A valid incident to hang bad claims on (its evidence is a sentence of the AFP text).
const TEST_INCIDENT: &str = r#"[[incident]]
id = "test-incident"
label = "Test incident"
event_type = "attack"
evidence = "Three others were wounded."
"#;

fn claim(extra: &str) -> String {
    format!(
        "[[casualty_claim]]\nid = \"test-claim\"\nsource = \"afp\"\nincident = \"test-incident\"\ntype = \"wounded\"\nevidence = \"Three others were wounded.\"\n{extra}\n"
    )
}

#[test]
fn unknown_actor_id() {
    let f = Fixture::new();
    let line = f.next_line(REPORT);
    f.append(
        REPORT,
        &TEST_INCIDENT.replace(
            "event_type",
            "perpetrators = [\"no-such-actor\"]\nevent_type",
        ),
    );
    f.rejects(&[
        &format!("{REPORT}:{}:", line + 3),
        "incident.perpetrators",
        "unknown actor id `no-such-actor`",
    ]);
}

#[test]
fn impossible_date() {
    let f = Fixture::new();
    f.append(
        REPORT,
        &TEST_INCIDENT.replace("event_type", "date = \"2018-02-30\"\nevent_type"),
    );
    f.rejects(&[
        REPORT,
        "incident.date",
        "`2018-02-30` is not a day of the calendar",
    ]);
}

#[test]
fn negative_count() {
    let f = Fixture::new();
    let line = f.next_line(REPORT);
    f.append(REPORT, &format!("{TEST_INCIDENT}\n{}", claim("count = -3")));
    f.rejects(&[
        &format!("{REPORT}:{}:9", line + 12),
        "casualty_claim.count",
        "cannot be negative, found -3",
    ]);
}

#[test]
fn duplicate_id() {
    let f = Fixture::new();
    f.append(
        ACTORS,
        "[[actor]]\nid = \"islamic-state\"\nlabel = \"Again\"\ncategory = \"rebel-group\"\n",
    );
    f.rejects(&[
        ACTORS,
        "actor.id",
        "duplicate actor id `islamic-state`: already defined at",
    ]);
}

#[test]
fn claim_about_a_missing_incident() {
    let f = Fixture::new();
    f.append(
        REPORT,
        &claim("count = 3").replace("test-incident", "no-such-incident"),
    );
    f.rejects(&[
        REPORT,
        "casualty_claim.incident",
        "unknown incident id `no-such-incident`",
    ]);
}

#[test]
fn toml_syntax_error() {
    let f = Fixture::new();
    let line = f.next_line(ACTORS);
    f.append(ACTORS, "[[actor]]\nid = \"unterminated\n");
    f.rejects(&[&format!("{ACTORS}:{}:", line + 1)]);
}

#[test]
fn unknown_field() {
    let f = Fixture::new();
    f.append(
        ACTORS,
        "[[actor]]\nid = \"x\"\nlabel = \"X\"\ncategory = \"rebel-group\"\nflag = \"black\"\n",
    );
    f.rejects(&[ACTORS, "unknown field `flag`"]);
}

#[test]
fn evidence_not_in_the_report_text() {
    let f = Fixture::new();
    f.append(
        REPORT,
        &TEST_INCIDENT.replace("Three others were wounded.", "Four others were wounded."),
    );
    f.rejects(&[REPORT, "incident.evidence", "does not occur verbatim"]);
}

#[test]
fn min_greater_than_max() {
    let f = Fixture::new();
    f.append(
        REPORT,
        &format!("{TEST_INCIDENT}\n{}", claim("min = 7\nmax = 6")),
    );
    f.rejects(&[
        REPORT,
        "casualty_claim.min",
        "min (7) is greater than max (6)",
    ]);
}

#[test]
fn unknown_event_type() {
    let f = Fixture::new();
    f.append(REPORT, &TEST_INCIDENT.replace("\"attack\"", "\"skirmish\""));
    f.rejects(&[
        REPORT,
        "incident.event_type",
        "unknown value `skirmish` (expected one of:",
    ]);
}

#[test]
fn all_problems_are_reported_at_once() {
    let f = Fixture::new();
    f.append(
        ACTORS,
        "[[actor]]\nid = \"islamic-state\"\nlabel = \"Again\"\ncategory = \"no-such-category\"\n",
    );
    f.append(
        REPORT,
        &claim("count = -1").replace("test-incident", "nope"),
    );
    f.rejects(&[
        "duplicate actor id",
        "no-such-category",
        "unknown incident id `nope`",
        "cannot be negative",
        "4 problems found",
    ]);
}

#[test]
fn missing_data_directory() {
    ckg()
        .args(["validate", "--data", "/no/such/dir"])
        .run()
        .status(1)
        .stderr_contains("/no/such/dir");
}

/// Regression (F7): invalid UTF-8 in a data file gave no position and stopped the run before
/// the other problems were listed. Now it is a problem at the first bad byte, listed with the
/// rest.
#[test]
fn invalid_utf8_in_a_data_file_is_a_problem_at_its_line_and_column_listed_with_the_others() {
    let f = Fixture::new();
    let line = f.next_line(ACTORS);
    let path = f.data().join(ACTORS);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n# caf\xE9\n");
    std::fs::write(&path, bytes).unwrap();
    // A second problem elsewhere, to be listed beside it.
    f.append(REPORT, "[[incident]]\nid = \"half-written\"\n");
    f.rejects(&[
        &format!("reference/actors.toml:{line}:6: found the byte 0xE9, which is not UTF-8"),
        "missing field `label`",
        "2 problems found in",
    ]);
}
