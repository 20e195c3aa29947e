//! A draft as TOML: the report in the exact schema of `data/reports/*.toml` (with
//! `status = "draft"` and `[[review]]` items), every extracted value followed by a comment
//! naming the rule that produced it and its confidence; and the reference draft (new sources
//! and places) in the schema of `data/reference/*.toml`.

use super::{Draft, Ruled};
use std::fmt::Write;

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn note<T>(r: &Ruled<T>) -> String {
    format!("  # rule: {}, confidence {:.1}", r.rule, r.confidence)
}

/// The draft report file (`<id>.toml`).
pub fn report_toml(d: &Draft, article: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Draft by `ckg extract` from {article}: every value is a proposal, with the rule that"
    );
    let _ = writeln!(
        o,
        "# produced it and a confidence in a comment. Review each [[review]] item, correct what is"
    );
    let _ = writeln!(
        o,
        "# wrong, then delete `status = \"draft\"` and the [[review]] tables (data/README.md, \"Drafts\")."
    );
    if let Some(url) = &d.url {
        let _ = writeln!(o, "# Source URL: {url}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "[report]");
    let _ = writeln!(o, "id = {}", q(&d.id));
    let _ = writeln!(o, "status = \"draft\"");
    let _ = writeln!(o, "headline = {}", q(&d.headline));
    let _ = writeln!(o, "published = {}", q(&d.published));
    let _ = writeln!(o, "publisher = {}", q(&d.publisher));
    let _ = writeln!(o, "cites = {}", list(&d.cites));
    let _ = writeln!(o, "text = {}", q(&format!("{}.txt", d.id)));
    if let Some(p) = &d.dateline {
        let _ = writeln!(o, "dateline = {}  # rule: dateline-place", q(p));
    }
    for inc in &d.incidents {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[incident]]");
        let _ = writeln!(o, "id = {}", q(&inc.id));
        let mut label = inc.event_type.value.id().replace('-', " ");
        if let (Some(p), Some(t)) = (&inc.place, &inc.place_text) {
            let _ = p;
            let _ = write!(
                label,
                " {} {t}",
                inc.location_qualifier.as_deref().unwrap_or("in")
            );
        }
        if let Some(dt) = &inc.date {
            let _ = write!(label, ", {}", dt.value);
        }
        let _ = writeln!(o, "label = {}", q(&label));
        let _ = writeln!(
            o,
            "event_type = {}{}",
            q(inc.event_type.value.id()),
            note(&inc.event_type)
        );
        if let Some(dt) = &inc.date {
            let _ = writeln!(o, "date = {}{}", q(&dt.value), note(dt));
            if let Some(t) = &inc.date_text {
                let _ = writeln!(o, "date_text = {}", q(t));
            }
        }
        if let Some(p) = &inc.place {
            let _ = writeln!(
                o,
                "place = {}{} (text: {})",
                q(&p.value),
                note(p),
                inc.place_text.as_deref().unwrap_or("")
            );
            if let Some(l) = &inc.location_qualifier {
                let _ = writeln!(o, "location_qualifier = {}", q(l));
            }
        }
        if !inc.perpetrators.is_empty() {
            let ids: Vec<String> = inc.perpetrators.iter().map(|p| p.value.clone()).collect();
            let rules: Vec<&str> = inc.perpetrators.iter().map(|p| p.rule).collect();
            let _ = writeln!(
                o,
                "perpetrators = {}  # rules: {}",
                list(&ids),
                rules.join(", ")
            );
        } else if inc.perpetrator_stated_unknown {
            let _ = writeln!(
                o,
                "perpetrator_known = false  # rule: text-says-perpetrator-unknown"
            );
        }
        if !inc.targets.is_empty() {
            let ids: Vec<String> = inc.targets.iter().map(|p| p.value.clone()).collect();
            let rules: Vec<&str> = inc.targets.iter().map(|p| p.rule).collect();
            let _ = writeln!(o, "targets = {}  # rules: {}", list(&ids), rules.join(", "));
        }
        let _ = writeln!(o, "evidence = {}", q(inc.evidence.of(&d.text)));
    }
    for c in &d.casualties {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[casualty_claim]]  # rule: {}", c.rule);
        let _ = writeln!(o, "id = {}", q(&c.id));
        let _ = writeln!(o, "source = {}{}", q(&c.source.value), note(&c.source));
        let _ = writeln!(
            o,
            "incident = {}  # rule: {}",
            q(&d.incidents[c.incident].id),
            c.incident_rule
        );
        let _ = writeln!(o, "type = {}", q(c.casualty_type.id()));
        if let Some(g) = &c.group {
            let _ = writeln!(
                o,
                "group = {}  # text: {}",
                q(g),
                c.group_text.as_deref().unwrap_or("")
            );
        }
        match (c.min, c.max) {
            (Some(a), Some(b)) if a == b => {
                let _ = writeln!(o, "count = {a}  # rule: {}", c.bounds_rule);
            }
            (a, b) => {
                if let Some(a) = a {
                    let _ = writeln!(o, "min = {a}  # rule: {}", c.bounds_rule);
                }
                if let Some(b) = b {
                    let _ = writeln!(o, "max = {b}  # rule: {}", c.bounds_rule);
                }
            }
        }
        let _ = writeln!(o, "quantity_text = {}", q(&c.quantity_text));
        if let Some(v) = &c.via {
            let _ = writeln!(o, "via = {}  # rule: relay", q(v));
        }
        if let Some(v) = &c.voiced_by {
            let _ = writeln!(o, "voiced_by = {}  # rule: person-speaks-for-source", q(v));
        }
        if let Some(h) = &c.hedge {
            let _ = writeln!(o, "hedge = {}{}", q(h.value.id()), note(h));
        }
        if let Some(p) = c.part_of {
            let _ = writeln!(
                o,
                "part_of_figure = {}  # rule: including-part-of-figure",
                q(&d.casualties[p].id)
            );
        }
        if let Some(s) = &c.stated {
            let _ = writeln!(o, "stated = {}  # rule: date-after-verb-of-saying", q(s));
        }
        let _ = writeln!(o, "evidence = {}", q(c.evidence.of(&d.text)));
    }
    for r in &d.responsibilities {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[responsibility_claim]]  # rule: actor-claimed");
        let _ = writeln!(o, "id = {}", q(&r.id));
        let _ = writeln!(o, "source = {}", q(&r.source));
        let _ = writeln!(o, "incident = {}", q(&d.incidents[r.incident].id));
        let _ = writeln!(o, "perpetrator = {}", q(&r.perpetrator));
        let _ = writeln!(o, "evidence = {}", q(r.evidence.of(&d.text)));
    }
    for r in &d.review {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[review]]");
        let _ = writeln!(o, "about = {}", q(&r.about));
        let _ = writeln!(o, "item = {}", q(&r.item));
    }
    o
}

/// The reference draft (`<id>.reference-draft.toml`): the sources, actors and places the draft
/// names that the curated reference data lacks.
pub fn reference_toml(d: &Draft) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Proposed by `ckg extract` for report {}: sources, actors and places it names that",
        d.id
    );
    let _ = writeln!(
        o,
        "# data/reference/ lacks. Check each, then move it into data/reference/ (or replace its"
    );
    let _ = writeln!(
        o,
        "# uses in the report by a curated id) and delete `status = \"draft\"`."
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "status = \"draft\"");
    for s in &d.new_sources {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[source]]");
        let _ = writeln!(o, "id = {}", q(&s.id));
        let _ = writeln!(o, "label = {}", q(&s.label));
        let _ = writeln!(
            o,
            "type = {}  # rule: {}",
            q(s.source_type.id()),
            if super::lexicon::is_well_known(&s.label) {
                "well-known source"
            } else {
                "guessed from the words"
            }
        );
        if let Some(a) = &s.actor {
            let _ = writeln!(o, "actor = {}", q(a));
        }
    }
    for a in &d.new_actors {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[actor]]");
        let _ = writeln!(o, "id = {}", q(&a.id));
        let _ = writeln!(o, "label = {}", q(&a.label));
        let _ = writeln!(
            o,
            "category = {}  # rule: well-known actor",
            q(a.category.id())
        );
        let _ = writeln!(
            o,
            "description = {}",
            q("Proposed by ckg extract: a well-known actor the curated data lacks")
        );
    }
    for p in &d.new_places {
        let _ = writeln!(o);
        let _ = writeln!(o, "[[place]]");
        let _ = writeln!(o, "id = {}", q(&p.id));
        let _ = writeln!(o, "label = {}", q(&p.label));
        let _ = writeln!(
            o,
            "type = {}  # rule: gazetteer feature code",
            q(p.place_type.id())
        );
        let _ = writeln!(o, "within = {}", q(&p.within));
        let _ = writeln!(
            o,
            "description = {}",
            q(&format!("Proposed from {}", p.gazetteer))
        );
    }
    o
}
