//! One SPARQL ASK per fact of the seed reports (`tests/seed_facts.toml`), run against the graph
//! built from `data/`: losing a fact from the data makes its ASK fail, by name.

use crate::common::*;

use conflict_kg::Base;
use oxigraph::sparql::QueryResults;
use serde::Deserialize;

#[derive(Deserialize)]
struct Facts {
    fact: Vec<Fact>,
}

#[derive(Deserialize)]
struct Fact {
    name: String,
    ask: String,
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
    let base = Base::default();
    let mut failed = Vec::new();
    for fact in &facts.fact {
        match store.query(&fact.ask, &fact.name, &base) {
            Ok(QueryResults::Boolean(true)) => {}
            Ok(QueryResults::Boolean(false)) => failed.push(format!("{}: ASK is false", fact.name)),
            Ok(_) => failed.push(format!("{}: not an ASK query", fact.name)),
            Err(e) => failed.push(format!("{}: {e}", fact.name)),
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} seed facts fail:\n{}",
        failed.len(),
        facts.fact.len(),
        failed.join("\n")
    );
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
