//! One SPARQL ASK per fact of the seed reports (`tests/seed_facts.toml`), run against the graph
//! built from `data/`: losing a fact from the data makes its ASK fail, by name. A fact may also
//! (or only) carry a `must_not` ASK: a wrong reading of the text that must stay false, so a
//! fixed mistake cannot come back.

use crate::common::*;

use conflict_kg::Base;
use oxigraph::sparql::QueryResults;
use serde::Deserialize;

#[derive(Deserialize)]
struct Facts {
    fact: Vec<Fact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    name: String,
    /// Must be true.
    ask: Option<String>,
    /// Must be false: the wrong reading this fact rules out.
    must_not: Option<String>,
}

/// Runs one ASK; `Ok(answer)` or a message naming the fact.
fn ask(store: &conflict_kg::KgStore, name: &str, text: &str) -> Result<bool, String> {
    match store.query(text, name, &Base::default()) {
        Ok(QueryResults::Boolean(b)) => Ok(b),
        Ok(_) => Err(format!("{name}: not an ASK query")),
        Err(e) => Err(format!("{name}: {e}")),
    }
}

/// Every fact checked: its `ask` true, its `must_not` false; one message per failure.
fn failures(store: &conflict_kg::KgStore, facts: &[Fact]) -> Vec<String> {
    let mut failed = Vec::new();
    for fact in facts {
        if fact.ask.is_none() && fact.must_not.is_none() {
            failed.push(format!("{}: needs `ask`, `must_not` or both", fact.name));
        }
        if let Some(text) = &fact.ask {
            match ask(store, &fact.name, text) {
                Ok(true) => {}
                Ok(false) => failed.push(format!("{}: ASK is false", fact.name)),
                Err(e) => failed.push(e),
            }
        }
        if let Some(text) = &fact.must_not {
            match ask(store, &fact.name, text) {
                Ok(false) => {}
                Ok(true) => failed.push(format!(
                    "{}: the must_not ASK is true (a wrong reading is back)",
                    fact.name
                )),
                Err(e) => failed.push(e),
            }
        }
    }
    failed
}

#[test]
fn every_seed_fact_holds_in_the_built_graph() {
    let text = std::fs::read_to_string(repo().join("tests/seed_facts.toml")).unwrap();
    let facts: Facts = toml::from_str(&text).unwrap();
    assert!(
        facts.fact.len() >= 40,
        "expected at least 40 seed facts, found {}",
        facts.fact.len()
    );
    let store = built_store();
    let failed = failures(&store, &facts.fact);
    assert!(
        failed.is_empty(),
        "{} of {} seed facts fail:\n{}",
        failed.len(),
        facts.fact.len(),
        failed.join("\n")
    );
}

#[test]
fn a_must_not_ask_that_holds_fails_and_a_fact_without_any_ask_fails() {
    let store = built_store();
    let facts = vec![
        Fact {
            name: "wrong-reading".into(),
            ask: Some("ASK { ?c a ckg:Claim }".into()),
            must_not: Some("ASK { ?c a ckg:CasualtyClaim }".into()),
        },
        Fact {
            name: "empty".into(),
            ask: None,
            must_not: None,
        },
    ];
    let failed = failures(&store, &facts);
    assert_eq!(failed.len(), 2, "{failed:#?}");
    assert!(failed[0].starts_with("wrong-reading: the must_not ASK is true"));
    assert!(failed[1].starts_with("empty: needs"));
}

#[test]
fn seed_fact_names_are_unique() {
    let text = std::fs::read_to_string(repo().join("tests/seed_facts.toml")).unwrap();
    let facts: Facts = toml::from_str(&text).unwrap();
    let mut names: Vec<&str> = facts.fact.iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate fact names");
}
