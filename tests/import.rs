//! `ckg import acled|ucdp`: the real binary on small real-format samples (tests/fixtures/):
//! what rows become, reconciliation with the curated graph, re-import and updates, every kind of
//! bad row, --skip-bad-rows, --dry-run, --nquads, a second writer, and an import killed at its
//! last moment.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A temporary directory holding a store built from `data/`.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let store = built_in(dir.path());
    (dir, store)
}

fn import(dataset: &str, file: &Path, store: &Path) -> Ckg {
    ckg()
        .args(["import", dataset])
        .arg(file)
        .arg("--store")
        .arg(store)
        .arg("--data")
        .arg(data_dir())
}

fn ask(store: &Path, pattern: &str) -> bool {
    let out = ckg()
        .args(["query", "-f", "tsv", "--store"])
        .arg(store)
        .arg("-q")
        .arg(format!("ASK {{ {pattern} }}"))
        .run()
        .success()
        .stdout();
    match out.trim() {
        "true" => true,
        "false" => false,
        other => panic!("ASK answered {other:?}"),
    }
}

fn export(store: &Path, graph: Option<&str>) -> String {
    let mut c = ckg().args(["export", "-f", "nquads", "--store"]).arg(store);
    if let Some(g) = graph {
        c = c.arg("--graph").arg(g);
    }
    c.run().success().stdout()
}

const ACLED_SAMPLE_GRAPH: &str = "https://w3id.org/conflict-kg/id/graph/import/acled/acled-sample";

#[test]
fn acled_rows_become_incidents_on_the_curated_actors_and_places() {
    let (_dir, store) = built();
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .success()
        .stdout_contains("rows               20")
        .stdout_contains("incidents          20")
        .stdout_contains("rejected            0")
        .stdout_contains(ACLED_SAMPLE_GRAPH);
    // Mayadeen, 23 May 2018: IS against the Syrian army with Russian forces and the NDF.
    assert!(ask(
        &store,
        &format!(
            "GRAPH <{ACLED_SAMPLE_GRAPH}> {{
               incident:acled-SYR21871 a ckg:Incident ;
                 ckg:eventType ckg:ArmedClash ;
                 ckg:startDate \"2018-05-23\"^^xsd:date ; ckg:endDate \"2018-05-23\"^^xsd:date ;
                 ckg:datePrecision ckg:Day ;
                 ckg:place place:mayadeen ;
                 ckg:geoPrecision 2 ;
                 ckg:participant actor:islamic-state , actor:syrian-arab-army ,
                                 actor:russian-armed-forces , actor:national-defense-forces ;
                 ckg:recordedIn source:acled ; ckg:datasetId \"SYR21871\" ;
                 ckg:summary ?notes .
               claim:acled-SYR21871-fatalities a ckg:Claim , ckg:CasualtyClaim ;
                 ckg:aboutIncident incident:acled-SYR21871 ;
                 ckg:claimedBy source:acled ; ckg:casualtyType ckg:Killed ;
                 ckg:minCount 47 ; ckg:maxCount 47 ; ckg:sourceNote \"SOHR; AFP\" .
               place:mayadeen geo:hasGeometry ?g .
               ?g geo:asWKT \"POINT(40.4527 35.0206)\"^^geo:wktLiteral .
             }}
             FILTER(STRSTARTS(?notes, \"On 23 May 2018, IS fighters attacked\"))
             FILTER(STR(?g) = CONCAT(STR(place:mayadeen), \"/geometry/acled\"))"
        )
    ));
    // Deir ez-Zor, 18 August 2020: the IED at the At-Taym oil field (a curated place).
    assert!(ask(
        &store,
        "incident:acled-SYR64117 ckg:eventType ckg:RemoteExplosive ;
           ckg:place place:at-taym-oil-field ;
           ckg:participant actor:russian-armed-forces , actor:acled-unidentified-armed-group-syria .
         actor:acled-unidentified-armed-group-syria a ckg:Actor ;
           rdfs:label \"Unidentified Armed Group (Syria)\"@en ;
           ckg:actorCategory ckg:PoliticalMilitia ."
    ));
    // Places not in the curated data hang under the curated ones they lie in.
    assert!(ask(
        &store,
        "incident:acled-SYR21880 ckg:place ?loc .
         ?loc ckg:placeType ckg:Locality ; rdfs:label \"Abu Kamal\"@en ;
              ckg:within/ckg:within ?admin2 .
         ?admin2 ckg:placeType ckg:District ; ckg:within place:deir-ez-zor-governorate ."
    ));
    // "Other" imports as OtherDevelopment, and time_precision 3 as the month.
    assert!(ask(
        &store,
        "incident:acled-SYR21901 ckg:eventType ckg:OtherDevelopment ;
           ckg:startDate \"2018-05-01\"^^xsd:date ; ckg:endDate \"2018-05-31\"^^xsd:date ;
           ckg:datePrecision ckg:Month ; ckg:place place:hmeimim-airbase ."
    ));
    // time_precision 2: the week around the date ACLED codes.
    assert!(ask(
        &store,
        "incident:acled-SYR21890 ckg:startDate \"2018-05-21\"^^xsd:date ;
           ckg:endDate \"2018-05-27\"^^xsd:date ; ckg:datePrecision ckg:Week ."
    ));
    // The curated graph is untouched: the curated Mayadeen incident is still there.
    assert!(ask(
        &store,
        "incident:2018-05-23-mayadeen-attack ckg:place place:mayadeen"
    ));
}

#[test]
fn ucdp_rows_keep_low_best_high_and_deaths_per_side() {
    let (_dir, store) = built();
    import("ucdp", &fixture("ucdp-sample.csv"), &store)
        .run()
        .success()
        .stdout_contains("incidents           8");
    assert!(ask(
        &store,
        "incident:ucdp-278001 ckg:eventType ckg:ArmedClash ; ckg:place place:mayadeen ;
           ckg:datePrecision ckg:Day ; ckg:geoPrecision 2 ;
           ckg:participant actor:syrian-government-forces , actor:islamic-state .
         claim:ucdp-278001-deaths ckg:claimedBy source:ucdp ;
           ckg:minCount 40 ; ckg:bestCount 47 ; ckg:maxCount 60 .
         claim:ucdp-278001-deaths-a ckg:casualtyGroup actor:syrian-government-forces ;
           ckg:bestCount 35 .
         claim:ucdp-278001-deaths-b ckg:casualtyGroup actor:islamic-state ; ckg:bestCount 12 .
         claim:ucdp-278001-deaths-civilians ckg:casualtyGroup actor:ucdp-civilians ;
           ckg:bestCount 0 .
         claim:ucdp-278001-deaths-unknown ckg:bestCount 0 .
         FILTER NOT EXISTS { claim:ucdp-278001-deaths-unknown ckg:casualtyGroup ?g }"
    ));
    // One-sided violence says who acted on whom; date_prec 3 is a week, where_prec kept.
    assert!(ask(
        &store,
        "incident:ucdp-278003 ckg:eventType ckg:AttackOnCivilians ;
           ckg:perpetrator actor:islamic-state ; ckg:target actor:ucdp-civilians ;
           ckg:startDate \"2018-05-21\"^^xsd:date ; ckg:endDate \"2018-05-27\"^^xsd:date ;
           ckg:datePrecision ckg:Week ; ckg:geoPrecision 1 .
         actor:ucdp-civilians ckg:actorCategory ckg:Civilians ."
    ));
    // where_prec 4 names the governorate itself: the incident is placed there; date_prec 5 is a year.
    assert!(ask(
        &store,
        "incident:ucdp-278005 ckg:place place:homs-governorate ; ckg:geoPrecision 4 ;
           ckg:datePrecision ckg:Month .
         incident:ucdp-331002 ckg:datePrecision ckg:Year ."
    ));
}

#[test]
fn derived_governorates_and_fatalities_are_what_the_walk_and_the_claims_give() {
    let (_dir, store) = built();
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .success();
    import("ucdp", &fixture("ucdp-sample.csv"), &store)
        .run()
        .success();
    // Examples: Al Mayadin reconciled with the curated Mayadeen, in the curated governorate;
    // an unreconciled Abu Kamal under the reconciled Deir ez-Zor governorate; UCDP's best
    // estimate, not its high one.
    assert!(ask(
        &store,
        "incident:acled-SYR21871 ckg:derivedGovernorate place:deir-ez-zor-governorate ;
           ckg:derivedFatalities 47 .
         incident:acled-SYR21880 ckg:derivedGovernorate place:deir-ez-zor-governorate .
         incident:ucdp-278001 ckg:derivedGovernorate place:deir-ez-zor-governorate ;
           ckg:derivedFatalities 47 .
         incident:ucdp-278005 ckg:derivedGovernorate place:homs-governorate ."
    ));
    // Every governorate the walk reaches is a derived one, and no other.
    let walk = "?i ckg:place/ckg:within* ?g . ?g ckg:placeType ckg:Governorate";
    assert!(!ask(
        &store,
        &format!(
            "?i ckg:recordedIn ?d . {walk} FILTER NOT EXISTS {{ ?i ckg:derivedGovernorate ?g }}"
        )
    ));
    assert!(!ask(
        &store,
        &format!("?i ckg:derivedGovernorate ?g . FILTER NOT EXISTS {{ {walk} }}")
    ));
    // Every imported incident has one derived figure, its dataset's total claim's (best, else
    // max; a claim with a group is a part).
    assert!(!ask(
        &store,
        "?i ckg:recordedIn ?d .
         FILTER NOT EXISTS {
           ?i ckg:derivedFatalities ?n .
           ?c ckg:aboutIncident ?i ; ckg:claimedBy ?d .
           { ?c ckg:bestCount ?n } UNION { ?c ckg:maxCount ?n FILTER NOT EXISTS { ?c ckg:bestCount ?b } }
           FILTER NOT EXISTS { ?c ckg:casualtyGroup ?x }
         }"
    ));
    assert!(!ask(
        &store,
        "?i ckg:derivedFatalities ?n , ?m . FILTER(?n != ?m)"
    ));
    // Curated incidents get none: only imports derive.
    assert!(!ask(
        &store,
        "?i ckg:derivedFatalities|ckg:derivedGovernorate ?x . FILTER NOT EXISTS { ?i ckg:recordedIn ?d }"
    ));
    // Both are declared derived, from what they shortcut.
    assert!(ask(
        &store,
        "GRAPH graph:ontology {
           ckg:derivedGovernorate a ckg:DerivedProperty ; prov:wasDerivedFrom ckg:place , ckg:within .
           ckg:derivedFatalities a ckg:DerivedProperty ; prov:wasDerivedFrom ckg:maxCount .
         }"
    ));
}

#[test]
fn importing_the_same_file_again_gives_identical_triples() {
    let (_dir, store) = built();
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .success();
    let first = export(&store, None);
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .success()
        .stdout_contains("replaced");
    let second = export(&store, None);
    assert_eq!(
        first.lines().count(),
        second.lines().count(),
        "no duplicated quads"
    );
    assert!(isomorphic(&sophia_nquads(&first), &sophia_nquads(&second)));
}

#[test]
fn a_newer_export_under_the_same_name_updates_changed_events_and_drops_deleted_ones() {
    let (dir, store) = built();
    import("acled", &fixture("acled-sample.csv"), &store)
        .args(["--name", "syria"])
        .run()
        .success();
    assert!(ask(
        &store,
        "claim:acled-SYR21872-fatalities ckg:maxCount 26"
    ));
    // The newer export: SYR21871 deleted, SYR21872's toll revised to 30.
    let text = std::fs::read_to_string(fixture("acled-sample.csv")).unwrap();
    let newer: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with("SYR21871,"))
        .map(|l| {
            if l.starts_with("SYR21872,") {
                l.replace(",26,,", ",30,,")
            } else {
                l.to_string()
            }
        })
        .collect();
    let newer_file = dir.path().join("acled-export-2.csv");
    std::fs::write(&newer_file, newer.join("\n") + "\n").unwrap();
    import("acled", &newer_file, &store)
        .args(["--name", "syria"])
        .run()
        .success();
    assert!(ask(
        &store,
        "claim:acled-SYR21872-fatalities ckg:maxCount 30"
    ));
    assert!(!ask(
        &store,
        "claim:acled-SYR21872-fatalities ckg:maxCount 26"
    ));
    // The derived shortcut follows the claim: rebuilt with the graph, not left behind.
    assert!(ask(
        &store,
        "incident:acled-SYR21872 ckg:derivedFatalities 30"
    ));
    assert!(!ask(
        &store,
        "incident:acled-SYR21872 ckg:derivedFatalities 26"
    ));
    assert!(!ask(
        &store,
        "incident:acled-SYR21871 ckg:derivedGovernorate ?g"
    ));
    assert!(!ask(&store, "incident:acled-SYR21871 ?p ?o"));
    assert!(!ask(&store, "claim:acled-SYR21871-fatalities ?p ?o"));
    // One graph for the name, none for the file stem.
    assert!(!ask(
        &store,
        "GRAPH <https://w3id.org/conflict-kg/id/graph/import/acled/acled-export-2> { ?s ?p ?o }"
    ));
}

#[test]
fn an_older_acled_export_with_data_id_and_upper_case_columns_gives_the_same_quads() {
    let dir = tempdir();
    // The same four events in the current format.
    let text = std::fs::read_to_string(fixture("acled-sample.csv")).unwrap();
    let current = dir.path().join("current.csv");
    std::fs::write(
        &current,
        text.lines().take(5).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let convert = |file: &Path, out: &Path| {
        ckg()
            .args(["import", "acled"])
            .arg(file)
            .args(["--name", "same", "--data"])
            .arg(data_dir())
            .arg("--nquads")
            .arg(out)
            .run()
            .success()
    };
    convert(&current, &dir.path().join("current.nq"));
    convert(
        &fixture("acled-sample-old-format.csv"),
        &dir.path().join("old.nq"),
    );
    let current = std::fs::read_to_string(dir.path().join("current.nq")).unwrap();
    let old = std::fs::read_to_string(dir.path().join("old.nq")).unwrap();
    assert!(current.contains("acled-SYR21871"));
    assert!(isomorphic(&sophia_nquads(&current), &sophia_nquads(&old)));
}

/// A strict import of a file with one bad row: exit 1, the row located, nothing written.
fn assert_bad_row(file: &str, location: &str, found: &str) {
    let (_dir, store) = built();
    let before = export(&store, None);
    let err = import("acled", &fixture(file), &store)
        .run()
        .status(1)
        .stderr_contains(&format!("{file}:{location}"))
        .stderr_contains(found)
        .stderr_contains("1 bad row")
        .stderr_contains("nothing was written")
        .stderr();
    assert!(err.contains("expected"), "{err}");
    assert_eq!(before, export(&store, None), "the store changed");
}

#[test]
fn a_bad_date_is_reported_with_row_and_column_and_nothing_is_written() {
    assert_bad_row(
        "acled-bad-date.csv",
        "3:2: event_date",
        "found `2018-13-45`, expected a date",
    );
}

#[test]
fn a_missing_event_id_is_reported_with_row_and_column_and_nothing_is_written() {
    assert_bad_row(
        "acled-missing-id.csv",
        "3:1: event_id_cnty",
        "expected an ACLED event id",
    );
}

#[test]
fn unparsable_coordinates_are_reported_with_row_and_column_and_nothing_is_written() {
    assert_bad_row(
        "acled-bad-coordinates.csv",
        "3:23: latitude",
        "found `35,02N`, expected a decimal latitude",
    );
}

#[test]
fn a_second_row_with_the_same_event_id_is_a_bad_row() {
    // Two rows under one id would merge two events (two dates…) into one incident.
    assert_bad_row(
        "acled-duplicate-id.csv",
        "4:1: event_id_cnty",
        "found `SYR21871`, expected an event id not used before in this file (line 2 has it)",
    );
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_reported_and_nothing_is_written() {
    assert_bad_row(
        "acled-wrong-column-count.csv",
        "3:",
        "found `30 fields`, expected 31 fields",
    );
}

#[test]
fn bytes_that_are_not_utf8_are_reported_with_row_and_column_and_nothing_is_written() {
    assert_bad_row(
        "acled-bad-utf8.csv",
        "3:28: notes",
        "positions in Ab\\xFF`, expected UTF-8 text",
    );
}

#[test]
fn a_failed_import_into_a_new_store_leaves_no_store_behind() {
    let dir = tempdir();
    let store = dir.path().join("store");
    import("acled", &fixture("acled-bad-date.csv"), &store)
        .run()
        .status(1);
    assert!(!store.exists());
    assert!(!dir.path().join("store.lock").exists());
}

#[test]
fn every_bad_row_of_a_file_is_listed() {
    let (_dir, store) = built();
    import("acled", &fixture("acled-several-bad-rows.csv"), &store)
        .run()
        .status(1)
        .stderr_contains("acled-several-bad-rows.csv:3:2: event_date: found `yesterday`")
        .stderr_contains("acled-several-bad-rows.csv:4:29: fatalities: found `-3`")
        .stderr_contains("acled-several-bad-rows.csv:6:24: longitude: found ``")
        .stderr_contains("3 bad rows");
    assert!(!ask(&store, "?i ckg:recordedIn source:acled"));
}

#[test]
fn ucdp_bad_rows_name_the_column_and_what_was_expected() {
    let (_dir, store) = built();
    import("ucdp", &fixture("ucdp-bad-rows.csv"), &store)
        .run()
        .status(1)
        .stderr_contains("ucdp-bad-rows.csv:2:45: best: found `99`, expected low ≤ best ≤ high")
        .stderr_contains(
            "ucdp-bad-rows.csv:3:40: date_end: found `2018-05-01`, expected a date not before \
             date_start",
        );
}

#[test]
fn skip_bad_rows_imports_the_good_rows_and_writes_the_rejects_with_reasons() {
    let (dir, store) = built();
    let rejects = dir.path().join("rejects.csv");
    import("acled", &fixture("acled-several-bad-rows.csv"), &store)
        .arg("--skip-bad-rows")
        .arg("--rejects")
        .arg(&rejects)
        .run()
        .success()
        .stdout_contains("incidents           2")
        .stdout_contains("rejected            3");
    assert!(ask(
        &store,
        "incident:acled-SYR21871 ckg:recordedIn source:acled"
    ));
    assert!(ask(
        &store,
        "incident:acled-SYR21885 ckg:recordedIn source:acled"
    ));
    assert!(!ask(&store, "incident:acled-SYR21872 ?p ?o"));
    let mut reader = csv::Reader::from_path(&rejects).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "event_id_cnty");
    assert_eq!(&header[header.len() - 2], "ckg_line");
    assert_eq!(&header[header.len() - 1], "ckg_reason");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "SYR21872");
    assert_eq!(&rows[0][header.len() - 2], "3");
    assert!(rows[0][header.len() - 1].contains("event_date: found `yesterday`"));
}

#[test]
fn the_rejects_file_defaults_to_beside_the_input() {
    let (dir, store) = built();
    let input = dir.path().join("some-export.csv");
    std::fs::copy(fixture("acled-several-bad-rows.csv"), &input).unwrap();
    import("acled", &input, &store)
        .arg("--skip-bad-rows")
        .run()
        .success();
    assert!(dir.path().join("some-export.rejects.csv").is_file());
}

#[test]
fn a_dry_run_checks_every_row_and_writes_nothing() {
    let dir = tempdir();
    let store = dir.path().join("store");
    import("acled", &fixture("acled-sample.csv"), &store)
        .arg("--dry-run")
        .run()
        .success()
        .stdout_contains("dry run, nothing written")
        .stdout_contains("incidents          20");
    assert!(!store.exists());
    import("acled", &fixture("acled-bad-date.csv"), &store)
        .arg("--dry-run")
        .run()
        .status(1)
        .stderr_contains("event_date");
}

#[test]
fn the_nquads_of_a_conversion_are_the_quads_the_store_gets() {
    let (dir, store) = built();
    let out = dir.path().join("sample.nq");
    import("acled", &fixture("acled-sample.csv"), &store)
        .arg("--nquads")
        .arg(&out)
        .run()
        .success();
    assert!(
        !ask(&store, "?i ckg:recordedIn source:acled"),
        "--nquads wrote to the store"
    );
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .success();
    let converted = std::fs::read_to_string(&out).unwrap();
    let stored = export(&store, Some(ACLED_SAMPLE_GRAPH));
    assert!(isomorphic(
        &sophia_nquads(&converted),
        &sophia_nquads(&stored)
    ));
}

#[test]
fn a_header_without_a_required_column_is_reported() {
    let dir = tempdir();
    let text = std::fs::read_to_string(fixture("acled-sample.csv")).unwrap();
    let file = dir.path().join("no-date.csv");
    std::fs::write(&file, text.replacen("event_date", "date_of_event", 1)).unwrap();
    import("acled", &file, &dir.path().join("store"))
        .run()
        .status(1)
        .stderr_contains("no-date.csv:1:1: event_date: missing column `event_date`");
}

/// Regression (F10): a column named twice was accepted silently (the first won); header
/// problems were printed twice; the empty-file message did not name the file.
#[test]
fn a_column_named_twice_in_the_header_is_an_error_naming_both_columns() {
    let dir = tempdir();
    let text = std::fs::read_to_string(fixture("acled-sample.csv")).unwrap();
    let file = dir.path().join("twice.csv");
    // `year` (column 3) renamed `event_date`: the header now names event_date in columns 2 and 3.
    std::fs::write(&file, text.replacen(",year,", ",event_date,", 1)).unwrap();
    let run = import("acled", &file, &dir.path().join("store"))
        .run()
        .status(1)
        .stderr_contains(
            "twice.csv:1:3: event_date: column `event_date` appears twice in the header \
             (columns 2 and 3)",
        );
    assert_eq!(
        run.stderr().matches("appears twice").count(),
        1,
        "{}",
        run.stderr()
    );

    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let run = import("acled", &empty, &dir.path().join("store"))
        .run()
        .status(1)
        .stderr_contains("empty.csv:1:1: the file is empty")
        .stderr_contains("1 problem found in ");
    assert_eq!(
        run.stderr().matches("the file is empty").count(),
        1,
        "{}",
        run.stderr()
    );
}

#[test]
fn a_wrong_actor_id_in_the_alias_table_is_reported_at_its_line_and_column() {
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    std::fs::write(
        data.join("aliases.toml"),
        "[acled]\n\"Islamic State (Syria)\" = \"islamic-state\"\n\"Wagner Group\" = \"wagner\"\n",
    )
    .unwrap();
    ckg()
        .args(["import", "acled"])
        .arg(fixture("acled-sample.csv"))
        .arg("--data")
        .arg(&data)
        .arg("--store")
        .arg(dir.path().join("store"))
        .run()
        .status(1)
        .stderr_contains("aliases.toml:3:18: acled.\"Wagner Group\": found `wagner`");
}

#[test]
fn import_help_explains_bad_rows_updates_and_atomicity() {
    ckg()
        .args(["import", "--help"])
        .run()
        .success()
        .stdout_contains("--skip-bad-rows")
        .stdout_contains("--name")
        .stdout_contains("leave the store as it was")
        .stdout_contains("ckg:derivedGovernorate");
    ckg()
        .args(["import", "acled", "--help"])
        .run()
        .success()
        .stdout_contains("--dry-run")
        .stdout_contains("--nquads");
}

/// Starts an import paused just before it swaps its new store in.
fn paused_import(store: &Path, marker: &Path) -> std::process::Child {
    let child = import("ucdp", &fixture("ucdp-sample.csv"), store)
        .env("CKG_FAULT_PAUSE_BEFORE_COMMIT", marker)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the import never reached its swap"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn an_import_killed_before_its_swap_leaves_the_store_as_it_was() {
    let (dir, store) = built();
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .success();
    let before = export(&store, None);
    let mut child = paused_import(&store, &dir.path().join("staged"));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let after = export(&store, None);
    assert!(!after.contains("ucdp-278001"));
    assert!(isomorphic(&sophia_nquads(&before), &sophia_nquads(&after)));
    // The killed import's staged copy is cleared by the next import, which then succeeds.
    import("ucdp", &fixture("ucdp-sample.csv"), &store)
        .run()
        .success();
    assert!(ask(
        &store,
        "incident:ucdp-278001 ckg:recordedIn source:ucdp"
    ));
    assert!(ask(
        &store,
        "incident:acled-SYR21871 ckg:recordedIn source:acled"
    ));
    assert!(!dir.path().join("store.staging").exists());
}

#[test]
fn a_second_writer_during_an_import_gets_store_in_use() {
    let (dir, store) = built();
    let mut child = paused_import(&store, &dir.path().join("staged"));
    import("acled", &fixture("acled-sample.csv"), &store)
        .run()
        .status(1)
        .stderr_contains("is in use");
    ckg()
        .args(["build", "--data"])
        .arg(data_dir())
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("is in use");
    // Readers work meanwhile.
    assert!(ask(&store, "incident:2018-05-23-mayadeen-attack ?p ?o"));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_ucdp_id_written_as_a_float_is_the_same_event_id() {
    // UCDP files sometimes carry ids as `278001.0`: the incident is `ucdp-278001` either way,
    // so a second row with it is a duplicate.
    let (dir, store) = built();
    let sample = std::fs::read_to_string(fixture("ucdp-sample.csv")).unwrap();
    let mut lines = sample.lines();
    let header = lines.next().unwrap();
    let first = lines.next().unwrap();
    assert!(first.starts_with("278001,"));
    let again = first.replacen("278001,", "278001.0,", 1);
    let file = dir.path().join("ucdp-float-id.csv");
    std::fs::write(&file, format!("{header}\n{first}\n{again}\n")).unwrap();
    import("ucdp", &file, &store)
        .run()
        .status(1)
        .stderr_contains(
            "ucdp-float-id.csv:3:1: id: found `278001`, expected an event id not used before in \
             this file (line 2 has it)",
        );
}

/// The lines of a file, without those numbered (1-based) in `drop`.
fn without_lines(bytes: &[u8], drop: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        if !drop.contains(&(i + 1)) {
            out.extend_from_slice(line);
        }
    }
    out
}

/// The `triples` count a conversion printed.
fn triples(stdout: &str) -> u64 {
    stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("triples"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no triples line in\n{stdout}"))
}

#[test]
fn skip_bad_rows_after_a_good_row_writes_its_new_actors_and_places_once() {
    // Line 3 (30 fields) follows a row that first names `Rioters (Syria)` and Al Hasakeh; line 5
    // (a byte that is not UTF-8) follows one that first names Turkish forces and Ras al Ain; the
    // rows after each name them again. Skipping the bad rows must not make the import forget
    // what the good row before them wrote.
    let dir = tempdir();
    let file = fixture("acled-bad-shape-after-good-row.csv");
    let good = dir.path().join("good-rows-only.csv");
    std::fs::write(
        &good,
        without_lines(&std::fs::read(&file).unwrap(), &[3, 5]),
    )
    .unwrap();
    let convert = |input: &Path, out: &Path| {
        ckg()
            .args(["import", "acled"])
            .arg(input)
            .args(["--name", "same", "--skip-bad-rows", "--data"])
            .arg(data_dir())
            .arg("--rejects")
            .arg(dir.path().join("rejects.csv"))
            .arg("--nquads")
            .arg(out)
            .run()
            .success()
            .stdout()
    };
    let skipped_out = convert(&file, &dir.path().join("skipped.nq"));
    assert!(
        skipped_out.contains("rejected            2"),
        "{skipped_out}"
    );
    let good_out = convert(&good, &dir.path().join("good.nq"));
    assert!(good_out.contains("rejected            0"), "{good_out}");
    let skipped = std::fs::read_to_string(dir.path().join("skipped.nq")).unwrap();
    let good = std::fs::read_to_string(dir.path().join("good.nq")).unwrap();
    let skipped_lines: Vec<&str> = skipped.lines().collect();
    let skipped_set: std::collections::BTreeSet<&str> = skipped_lines.iter().copied().collect();
    let good_set: std::collections::BTreeSet<&str> = good.lines().collect();
    assert_eq!(
        skipped_lines.len(),
        skipped_set.len(),
        "duplicate N-Quads lines"
    );
    assert!(skipped.contains("actor/acled-rioters-syria>"));
    assert!(skipped.contains("place/acled-syria-al-hasakeh-ras-al-ain>"));
    assert_eq!(skipped_set, good_set);
    assert_eq!(triples(&skipped_out), triples(&good_out));
    assert_eq!(triples(&skipped_out), skipped_lines.len() as u64);
}

#[test]
fn skip_bad_rows_writes_a_row_with_the_wrong_number_of_fields_to_the_rejects() {
    let dir = tempdir();
    let file = fixture("acled-wrong-column-count.csv");
    let rejects = dir.path().join("rejects.csv");
    import("acled", &file, &dir.path().join("store"))
        .arg("--skip-bad-rows")
        .arg("--rejects")
        .arg(&rejects)
        .run()
        .success()
        .stdout_contains("incidents           2")
        .stdout_contains("rejected            1");
    let mut input = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&file)
        .unwrap();
    let columns = input.byte_headers().unwrap().len();
    let bad = input.byte_records().nth(1).unwrap().unwrap();
    assert_eq!(
        bad.len(),
        columns - 1,
        "line 3 of the fixture is short by one field"
    );
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&rejects)
        .unwrap();
    let header = reader.byte_headers().unwrap().clone();
    assert_eq!(header.len(), columns + 2);
    assert_eq!(&header[columns], b"ckg_line");
    assert_eq!(&header[columns + 1], b"ckg_reason");
    let rows: Vec<csv::ByteRecord> = reader.byte_records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.len(), bad.len() + 2);
    assert!(row.iter().zip(bad.iter()).all(|(a, b)| a == b), "{row:?}");
    assert_eq!(&row[bad.len()], b"3");
    let reason = String::from_utf8_lossy(&row[bad.len() + 1]);
    assert!(
        reason.contains("found `30 fields`, expected 31 fields"),
        "{reason}"
    );
}

/// Regression (F9): an actor named in two columns of a row (actor1 and its associated actor)
/// was written as two identical `ckg:participant` quads, and the summary counted both: the
/// "triples" line must be what the graph holds.
#[test]
fn an_actor_named_twice_in_a_row_takes_part_once_and_the_summary_counts_what_is_written() {
    let dir = tempdir();
    let out = dir.path().join("twice.nq");
    let summary = ckg()
        .args(["import", "acled"])
        .arg(fixture("acled-actor-in-two-columns.csv"))
        .arg("--data")
        .arg(data_dir())
        .arg("--nquads")
        .arg(&out)
        .run()
        .success()
        .stdout();
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let distinct: std::collections::BTreeSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), distinct.len(), "duplicate quads written");
    let participants = lines.iter().filter(|l| l.contains("#participant>")).count();
    assert_eq!(participants, 3, "IS, the Syrian army and Russia, once each");
    let triples_line = summary
        .lines()
        .find(|l| l.trim_start().starts_with("triples"))
        .unwrap();
    assert!(
        triples_line.ends_with(&format!(" {}", lines.len())),
        "{triples_line} vs {} lines written",
        lines.len()
    );
}
