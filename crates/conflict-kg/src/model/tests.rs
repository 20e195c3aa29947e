//! The model's unit tests: every check, by the problem it reports.

use super::validate::validate;
use super::*;
use crate::records::{Loaded, ReferenceFile, ReportFileRecord};
use std::sync::Arc;

const REFERENCE: &str = r#"
[[actor]]
id = "islamic-state"
label = "Islamic State"
category = "rebel-group"

[[actor]]
id = "syrian-arab-army"
label = "Syrian Arab Army"
category = "state-forces"
country = "syria"

[[place]]
id = "syria"
label = "Syria"
type = "country"

[[place]]
id = "mayadeen"
label = "Mayadeen"
type = "town"
within = "syria"

[[source]]
id = "sohr"
label = "Syrian Observatory for Human Rights"
type = "monitor"
"#;

const TEXT: &str = "The deadliest was on Wednesday, when IS targeted a group near the town of Mayadeen. \"There were 35 killed,\" he said.";

fn report(body: &str) -> String {
    format!(
        "[report]\nid = \"r\"\nheadline = \"H\"\npublished = \"2018-05-27\"\npublisher = \"sohr\"\ntext = \"r.txt\"\n\n{body}"
    )
}

const INCIDENT: &str = r#"
[[incident]]
id = "mayadeen-attack"
label = "IS attack near Mayadeen"
event_type = "attack"
date = "Wednesday"
place = "mayadeen"
perpetrators = ["islamic-state"]
targets = ["syrian-arab-army"]
evidence = "The deadliest was on Wednesday, when IS targeted a group near the town of Mayadeen."
"#;

fn dataset(reference: &str, report_toml: &str) -> Dataset {
    let rsrc = Arc::new(SourceText::new("reference/a.toml", reference.to_string()));
    let records: ReferenceFile = toml::from_str(reference).unwrap();
    let psrc = Arc::new(SourceText::new("reports/r.toml", report_toml.to_string()));
    let precords: ReportFileRecord = toml::from_str(report_toml).unwrap();
    Dataset {
        reference: vec![Loaded {
            source: rsrc,
            records,
        }],
        reports: vec![LoadedReport {
            source: psrc,
            records: precords,
            text: Some(TEXT.to_string()),
            text_path: "reports/r.txt".into(),
        }],
    }
}

fn problems(reference: &str, body: &str) -> Vec<String> {
    match validate(&dataset(reference, &report(body))) {
        Ok(_) => vec![],
        Err(p) => p.iter().map(|p| p.to_string()).collect(),
    }
}

fn assert_one_problem(body: &str, expected: &str) -> String {
    let found = problems(REFERENCE, body);
    assert_eq!(
        found.len(),
        1,
        "expected one problem containing {expected:?}, got {found:#?}"
    );
    assert!(found[0].contains(expected), "{found:#?}");
    found[0].clone()
}

#[test]
fn a_valid_report_resolves_its_relative_date() {
    let model = validate(&dataset(REFERENCE, &report(INCIDENT))).unwrap();
    let i = &model.reports[0].incidents[0];
    assert_eq!(
        i.date.unwrap().start,
        NaiveDate::from_ymd_opt(2018, 5, 23).unwrap()
    );
    assert_eq!(i.event_type, EventType::Attack);
}

#[test]
fn exact_count_sets_min_and_max_and_bounds_set_one_side() {
    let body = format!(
        "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = 35\nevidence = \"There were 35 killed\"\n\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 9\nevidence = \"There were 35 killed\"\n"
    );
    let model = validate(&dataset(REFERENCE, &report(&body))).unwrap();
    let counts: Vec<Count> = model
        .claims()
        .map(|c| match &c.detail {
            ClaimDetail::Casualty { count, .. } => *count,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        counts,
        vec![
            Count {
                min: Some(35),
                max: Some(35)
            },
            Count {
                min: Some(9),
                max: None
            }
        ]
    );
}

#[test]
fn unknown_actor_is_reported_with_line_and_field() {
    let body = INCIDENT.replace("\"islamic-state\"]", "\"isis\"]");
    let p = assert_one_problem(&body, "unknown actor id `isis`");
    assert!(p.starts_with("reports/r.toml:15:"), "{p}");
    assert!(p.contains("incident.perpetrators"), "{p}");
}

#[test]
fn impossible_date_is_reported() {
    assert_one_problem(
        &INCIDENT.replace("\"Wednesday\"", "\"2018-02-30\""),
        "not a day of the calendar",
    );
}

#[test]
fn negative_count_is_reported() {
    let body = format!(
        "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = -3\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(&body, "a count cannot be negative, found -3");
}

#[test]
fn min_above_max_is_reported() {
    let body = format!(
        "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 7\nmax = 6\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(&body, "min (7) is greater than max (6)");
}

#[test]
fn duplicate_ids_name_the_first_definition() {
    let p = assert_one_problem(
        &format!("{INCIDENT}{INCIDENT}"),
        "duplicate incident id `mayadeen-attack`: already defined at reports/r.toml:",
    );
    assert!(p.contains("incident.id"));
}

#[test]
fn claim_about_a_missing_incident_is_reported() {
    let body = format!(
        "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"homs-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = 3\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(&body, "unknown incident id `homs-attack`");
}

#[test]
fn evidence_must_be_verbatim() {
    let body = INCIDENT.replace("The deadliest was", "The deadliest one was");
    assert_one_problem(&body, "does not occur verbatim in reports/r.txt");
}

#[test]
fn unknown_concept_lists_the_expected_values() {
    let p = assert_one_problem(
        &INCIDENT.replace("\"attack\"", "\"ambush\""),
        "unknown value `ambush` (expected one of: attack, armed-clash",
    );
    assert!(p.contains("incident.event_type"));
}

#[test]
fn within_cycles_are_reported() {
    let reference = REFERENCE.replace(
        "type = \"country\"",
        "type = \"country\"\nwithin = \"mayadeen\"",
    );
    let found = problems(&reference, INCIDENT);
    assert!(
        found
            .iter()
            .any(|p| p.contains("loops through mayadeen, syria")),
        "{found:#?}"
    );
}

#[test]
fn perpetrator_unknown_with_a_perpetrator_is_a_contradiction() {
    let body = INCIDENT.replace("targets =", "perpetrator_known = false\ntargets =");
    assert_one_problem(&body, "contradicts a listed perpetrator");
}

#[test]
fn kind_specific_fields_are_checked() {
    let body = format!(
        "{INCIDENT}\n[[responsibility_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ncount = 3\nperpetrator = \"islamic-state\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(&body, "field not allowed in [[responsibility_claim]]");
}

#[test]
fn ids_must_be_kebab_case() {
    assert_one_problem(
        &INCIDENT.replace("id = \"mayadeen-attack\"", "id = \"Mayadeen_Attack\""),
        "not kebab-case",
    );
}

// --- Seed fidelity (issue 11) -------------------------------------------------------------

const CLAIM_35: &str = "\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = 35\nevidence = \"There were 35 killed\"\n";

#[test]
fn fidelity_fields_are_read_into_the_claim() {
    let body = format!(
        "{INCIDENT}{CLAIM_35}\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 9\nquantity_text = \"35\"\nhedge = \"reportedly\"\npart_of_figure = \"a\"\nbased_on = [\"a\"]\nevidence = \"There were 35 killed\"\n"
    );
    let model = validate(&dataset(REFERENCE, &report(&body))).unwrap();
    let b = model.claims().find(|c| c.id == "b").unwrap();
    assert_eq!(b.fidelity.hedge.map(|h| h.local()), Some("Reportedly"));
    assert_eq!(b.fidelity.quantity_text.as_deref(), Some("35"));
    assert_eq!(b.fidelity.part_of_figure.as_deref(), Some("a"));
    assert_eq!(b.fidelity.based_on, vec!["a".to_string()]);
}

#[test]
fn an_unknown_hedge_lists_the_hedges() {
    let body = format!(
        "{INCIDENT}{}",
        CLAIM_35.replace("count = 35", "count = 35\nhedge = \"maybe\"")
    );
    assert_one_problem(
        &body,
        "unknown value `maybe` (expected one of: reportedly, possibly",
    );
}

#[test]
fn quantity_text_must_be_quoted_from_the_evidence() {
    let body = format!(
        "{INCIDENT}{}",
        CLAIM_35.replace("count = 35", "count = 35\nquantity_text = \"dozens\"")
    );
    assert_one_problem(&body, "\"dozens\" is not in the claim's `evidence`");
}

#[test]
fn quantity_text_is_only_for_figures() {
    let body = format!(
        "{INCIDENT}\n[[responsibility_claim]]\nid = \"r\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\nperpetrator = \"islamic-state\"\nquantity_text = \"35\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(&body, "field not allowed in [[responsibility_claim]]");
}

#[test]
fn a_part_cannot_exceed_its_whole_nor_be_part_of_a_non_casualty_claim() {
    let body = format!(
        "{INCIDENT}{CLAIM_35}\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 40\npart_of_figure = \"a\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(
        &body,
        "a part of at least 40 cannot belong to a figure of at most 35",
    );
    let body = format!(
        "{INCIDENT}\n[[responsibility_claim]]\nid = \"r\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\nperpetrator = \"islamic-state\"\nevidence = \"There were 35 killed\"\n{}",
        CLAIM_35.replace("count = 35", "count = 3\npart_of_figure = \"r\"")
    );
    assert_one_problem(&body, "`r` is not a casualty claim");
}

#[test]
fn figures_cannot_be_parts_of_each_other_in_a_loop() {
    let body = format!(
        "{INCIDENT}{}\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\npart_of_figure = \"a\"\nevidence = \"There were 35 killed\"\n",
        CLAIM_35.replace("count = 35", "part_of_figure = \"b\"")
    );
    let found = problems(REFERENCE, &body);
    assert!(
        found
            .iter()
            .any(|p| p.contains("ends up part of its own figure")),
        "{found:#?}"
    );
}

#[test]
fn a_link_hedge_needs_a_link_and_a_speaker_must_be_a_person() {
    let body = format!(
        "{INCIDENT}{}",
        CLAIM_35.replace("count = 35", "count = 35\nlink_hedge = \"apparently\"")
    );
    assert_one_problem(&body, "`link_hedge` qualifies the link to the incident");
    let body = format!(
        "{INCIDENT}{}",
        CLAIM_35.replace("count = 35", "count = 35\nvoiced_by = \"islamic-state\"")
    );
    assert_one_problem(&body, "`islamic-state` is not a person");
}

#[test]
fn a_relay_is_someone_other_than_the_claimant() {
    let body = format!(
        "{INCIDENT}{}",
        CLAIM_35.replace("count = 35", "count = 35\nvia = \"sohr\"")
    );
    assert_one_problem(&body, "`via` names the claimant itself");
}

#[test]
fn a_place_qualifier_belongs_to_a_control_or_presence_claim_with_a_place() {
    let body = format!(
        "{INCIDENT}\n[[presence_claim]]\nid = \"p\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\nactor = \"islamic-state\"\nplace_qualifier = \"mainly in\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(
        &body,
        "`place_qualifier` says how the claim covers its `place`",
    );
}

#[test]
fn occurrence_and_relation_claims_are_checked() {
    let body = format!(
        "{INCIDENT}\n[[occurrence_claim]]\nid = \"o\"\nsource = \"sohr\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(
        &body,
        "an occurrence claim says that an incident took place",
    );
    let body = format!(
        "{INCIDENT}\n[[relation_claim]]\nid = \"r\"\nsource = \"sohr\"\nactor = \"islamic-state\"\nrelation = \"hates\"\nother = \"syrian-arab-army\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(
        &body,
        "unknown value `hates` (expected one of: allied-with, backed-by)",
    );
    let body = format!(
        "{INCIDENT}\n[[relation_claim]]\nid = \"r\"\nsource = \"sohr\"\nactor = \"islamic-state\"\nrelation = \"allied-with\"\nevidence = \"There were 35 killed\"\n"
    );
    assert_one_problem(&body, "missing field `other`");
    let body = CLAIM_35.replace("count = 35", "count = 35\nrelation = \"allied-with\"");
    assert_one_problem(
        &format!("{INCIDENT}{body}"),
        "field not allowed in [[casualty_claim]]",
    );
}

#[test]
fn curated_marks_need_a_known_field_with_a_value_and_a_curator_source() {
    let curator = format!(
        "{REFERENCE}\n[[source]]\nid = \"curators\"\nlabel = \"Curators\"\ntype = \"curator\"\n"
    );
    let body = INCIDENT.replace(
        "evidence =",
        "curated = { date = \"seeds/README.md\" }\nevidence =",
    );
    assert!(problems(&curator, &body).is_empty());
    let found = problems(REFERENCE, &body);
    assert!(
        found
            .iter()
            .any(|p| p.contains("define a [[source]] with `type = \"curator\"`")),
        "{found:#?}"
    );
    let bad = INCIDENT.replace(
        "evidence =",
        "curated = { colour = \"x\", summary = \"y\" }\nevidence =",
    );
    let found = problems(&curator, &bad);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`colour` cannot be marked as curated here")),
        "{found:#?}"
    );
    let empty = INCIDENT.replace(
        "evidence =",
        "curated = { part_of = \"world knowledge\" }\nevidence =",
    );
    let found = problems(&curator, &empty);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`part_of` is marked as curated but the record gives it no value")),
        "{found:#?}"
    );
}

#[test]
fn also_within_cannot_close_a_loop_and_joint_sources_name_what_they_join() {
    let reference = format!(
        "{REFERENCE}\n[[place]]\nid = \"east\"\nlabel = \"East\"\ntype = \"region\"\nwithin = \"syria\"\nalso_within = [\"mayadeen\"]\n"
    )
    .replace(
        "within = \"syria\"\n\n[[source]]",
        "within = \"syria\"\nalso_within = [\"east\"]\n\n[[source]]",
    );
    let found = problems(&reference, INCIDENT);
    assert!(
        found
            .iter()
            .any(|p| p.contains("the `within` chain would loop")),
        "{found:#?}"
    );
    let joint = format!(
        "{REFERENCE}\n[[source]]\nid = \"j\"\nlabel = \"J\"\ntype = \"joint\"\ncomprises = [\"sohr\"]\n"
    );
    assert_eq!(
        problems(&joint, INCIDENT),
        vec!["reference/a.toml:32:8: source.comprises: a joint attribution names the sources it joins: `comprises` needs two or more".to_string()]
    );
}

#[test]
fn reference_records_can_mark_their_type_description_and_aliases_as_the_curators() {
    let curator = format!(
        "{REFERENCE}\n[[source]]\nid = \"curators\"\nlabel = \"Curators\"\ntype = \"curator\"\n"
    );
    let marked = curator
        .replace(
            "category = \"rebel-group\"\n",
            "category = \"rebel-group\"\ncurated = { category = \"the text says only 'jihadists'\" }\n",
        )
        .replace(
            "type = \"town\"\n",
            "type = \"town\"\ncurated = { type = \"world knowledge\" }\n",
        );
    assert!(problems(&marked, INCIDENT).is_empty());
    // A description or aliases the record does not have cannot be marked.
    let empty = curator.replace(
        "category = \"state-forces\"\n",
        "category = \"state-forces\"\ncurated = { description = \"x\", aliases = \"y\" }\n",
    );
    let found = problems(&empty, INCIDENT);
    for key in ["description", "aliases"] {
        assert!(
            found.iter().any(|p| p.contains(&format!(
                "`{key}` is marked as curated but the record gives it no value"
            ))),
            "{found:#?}"
        );
    }
}
