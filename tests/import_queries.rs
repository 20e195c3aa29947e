//! The queries of `queries/import/` that span curated and imported data run on the graph built
//! from `data/` plus the imported sample files (tests/fixtures/acled-sample.csv and
//! ucdp-sample.csv) and give their checked-in answers (`queries/import/expected/<name>.tsv`).
//! `CKG_BLESS=1 cargo test --release --test import_queries` rewrites the answers; review the diff.

use crate::common::*;
use conflict_kg::Base;
use conflict_kg::KgStore;
use conflict_kg::OutputFormat;
use conflict_kg::import::{self, DatasetKind, Options, Reference, Silent, Target};
use std::path::{Path, PathBuf};

/// A store with the curated data and both sample files imported, through the library.
fn store_with_imports(dir: &Path) -> PathBuf {
    let path = dir.join("store");
    let base = Base::default();
    {
        let store = KgStore::open(&path).unwrap();
        let model = conflict_kg::load(&data_dir()).unwrap();
        conflict_kg::build_into(&store, &model, &base, || {}).unwrap();
    }
    let reference = Reference::load(&data_dir()).unwrap();
    for (kind, file) in [
        (DatasetKind::Acled, "acled-sample.csv"),
        (DatasetKind::Ucdp, "ucdp-sample.csv"),
    ] {
        let input = repo().join("tests/fixtures").join(file);
        let options = Options {
            kind,
            name: import::default_name(&input).unwrap(),
            rejects: import::default_rejects_path(&input),
            input,
            base: base.clone(),
            skip_bad_rows: false,
        };
        let target = Target::Store {
            path: &path,
            max_memory_mb: 64,
            before_publish: &|| {},
        };
        import::import(&options, &reference, target, &Silent).unwrap();
    }
    path
}

#[test]
fn every_import_query_gives_its_expected_answer_on_curated_plus_imported_data() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    check_expected_answers(&store, "queries/import", 3);
}

#[test]
fn the_curated_mayadeen_attack_is_matched_with_both_datasets_records_of_it() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    let text =
        std::fs::read_to_string(repo().join("queries/import/incidents-near-curated-incidents.rq"))
            .unwrap();
    let answer = answer(&store, &text, "near", OutputFormat::Tsv);
    let mayadeen: Vec<&str> = answer
        .lines()
        .filter(|l| {
            l.starts_with("<https://w3id.org/conflict-kg/id/incident/2018-05-23-mayadeen-attack>")
        })
        .collect();
    assert!(
        mayadeen
            .iter()
            .any(|l| l.contains("incident/acled-SYR21871>"))
    );
    assert!(mayadeen.iter().any(|l| l.contains("incident/ucdp-278001>")));
    // Both sides' figures: the Observatory's 35 and ACLED's 47.
    assert!(
        mayadeen
            .iter()
            .any(|l| l.contains("source/sohr: 35–35") && l.contains("source/acled: 47–47"))
    );
    // The Homs event on the same day is 300 km away: not near Mayadeen.
    assert!(!mayadeen.iter().any(|l| l.contains("acled-SYR21872")));
}

#[test]
fn the_analyst_versions_of_the_bench_queries_give_the_bench_queries_answers() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    for name in [
        "counts-by-governorate-and-month",
        "events-involving-an-actor",
        "fatalities-by-actor-pair",
    ] {
        let read = |p: String| std::fs::read_to_string(repo().join(p)).unwrap();
        let plain = read(format!("bench/queries/{name}.rq"));
        let analyst = read(format!("queries/import/{name}.rq"));
        let expected = answer(&store, &plain, name, OutputFormat::Tsv);
        assert!(expected.lines().count() > 2, "{name}: answers too little");
        assert_eq!(
            answer(&store, &analyst, name, OutputFormat::Tsv),
            expected,
            "queries/import/{name}.rq"
        );
    }
}

/// `path` with `from` replaced by `to`, exactly once.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} in {}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// `ckg build` of `data` into `store`, which must succeed.
fn build(store: &Path, data: &Path) -> Run {
    ckg()
        .args(["build", "--store"])
        .arg(store)
        .arg("--data")
        .arg(data)
        .run()
        .success()
}

/// Puts Mayadeen, where six sample events are, also within Homs governorate in the copy of the
/// curated places at `data`: a change of the place hierarchy that moves events.
fn put_mayadeen_also_in_homs(data: &Path) {
    edit(
        &data.join("reference/places.toml"),
        "type = \"town\"\nwithin = \"deir-ez-zor-governorate\"\ndescription = \"Syrian town in the eastern province of Deir ez-Zor.\"",
        "type = \"town\"\nwithin = \"deir-ez-zor-governorate\"\nalso_within = [\"homs-governorate\"]\ndescription = \"Syrian town in the eastern province of Deir ez-Zor.\"",
    );
}

/// A store at `dir/store` built from `data` with both samples imported, through the binary.
fn cli_store_with_imports(dir: &Path, data: &Path) -> (PathBuf, String) {
    let store = dir.join("store");
    build(&store, data);
    for (dataset, file) in [("acled", "acled-sample.csv"), ("ucdp", "ucdp-sample.csv")] {
        ckg()
            .args(["import", dataset])
            .arg(repo().join("tests/fixtures").join(file))
            .arg("--store")
            .arg(&store)
            .arg("--data")
            .arg(data)
            .run()
            .success();
    }
    let walk = governorate_answers(&store).0;
    (store, walk)
}

/// The governorate-and-month question on `store`: (the walk's answer, the aggregate's).
fn governorate_answers(store: &Path) -> (String, String) {
    let run = |file: &str| {
        ckg()
            .args(["query", "-f", "tsv", "--store"])
            .arg(store)
            .arg(repo().join(file))
            .run()
            .success()
            .stdout()
    };
    (
        run("bench/queries/counts-by-governorate-and-month.rq"),
        run("queries/import/counts-by-governorate-and-month.rq"),
    )
}

/// The aggregate (`ckg:IncidentCount`) must follow the curated hierarchy as the walk does: here
/// Mayadeen, where six sample events are, is put also within Homs governorate. `ckg build` then
/// refreshes the derived data of both imports in its transaction, so the aggregate gives the
/// walk's new rows (which differ from the old ones: a stale aggregate or stale
/// `ckg:derivedGovernorate` would fail), and each import graph is the one a fresh import with
/// the new data writes.
#[test]
fn after_a_build_that_changes_the_place_hierarchy_the_aggregate_still_gives_the_walks_answer() {
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    let (store, before) = cli_store_with_imports(dir.path(), &data);
    assert_eq!(governorate_answers(&store).1, before);
    put_mayadeen_also_in_homs(&data);
    let acled = "https://w3id.org/conflict-kg/id/graph/import/acled/acled-sample";
    let ucdp = "https://w3id.org/conflict-kg/id/graph/import/ucdp/ucdp-sample";
    build(&store, &data)
        .stdout_contains(&format!("refreshed  {acled}"))
        .stdout_contains(&format!("refreshed  {ucdp}"));
    let (walk, aggregate) = governorate_answers(&store);
    assert_ne!(walk, before, "the change must move some events");
    assert_eq!(aggregate, walk);
    // The same graphs as importing again with the new data.
    let fresh_dir = tempdir();
    let (fresh, _) = cli_store_with_imports(fresh_dir.path(), &data);
    for graph in [acled, ucdp] {
        let export = |s: &Path| {
            ckg()
                .args(["export", "-f", "nquads", "--graph", graph, "--store"])
                .arg(s)
                .run()
                .success()
                .stdout()
        };
        assert!(
            isomorphic(
                &sophia_nquads(&export(&store)),
                &sophia_nquads(&export(&fresh))
            ),
            "{graph} after the refresh is not what a fresh import writes"
        );
    }
    // A build that changes nothing refreshes nothing.
    let again = build(&store, &data).stdout();
    assert!(!again.contains("refreshed"), "{again}");
}

/// A graph imported before the aggregate existed records no hierarchy digest: `ckg build`
/// cannot tell which hierarchy its derived data follows, so it leaves the graph as it is and
/// says so (here the ACLED graph's digest is taken out; the UCDP graph still has one and is
/// refreshed).
#[test]
fn build_names_an_import_graph_without_a_hierarchy_digest_instead_of_skipping_it_silently() {
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    let (store, _) = cli_store_with_imports(dir.path(), &data);
    let acled = "https://w3id.org/conflict-kg/id/graph/import/acled/acled-sample";
    let ucdp = "https://w3id.org/conflict-kg/id/graph/import/ucdp/ucdp-sample";
    {
        let kg = KgStore::open(&store).unwrap();
        let graph = kg
            .named_graphs()
            .unwrap()
            .into_iter()
            .find(|g| g.as_str() == acled)
            .unwrap();
        let all: Vec<_> = kg.graph_quads(&graph).map(Result::unwrap).collect();
        let kept: Vec<_> = all
            .iter()
            .filter(|q| {
                q.predicate.as_str() != "https://w3id.org/conflict-kg/ontology#placeHierarchyDigest"
            })
            .cloned()
            .collect();
        assert_eq!(kept.len() + 1, all.len(), "one digest in {acled}");
        kg.replace_graph(&graph, &kept, || {}).unwrap();
    }
    put_mayadeen_also_in_homs(&data);
    let out = build(&store, &data)
        .stdout_contains(&format!("stale?     {acled}"))
        .stdout_contains("import the file again")
        .stdout_contains(&format!("refreshed  {ucdp}"))
        .stdout();
    assert!(!out.contains(&format!("refreshed  {acled}")), "{out}");
}

/// Each import owns its cells: the same file imported under a second name gets cells of its
/// own in its own graph (not shared, not merged), and the analyst query adds both up.
#[test]
fn a_second_import_gets_its_own_aggregate_and_the_query_sums_them() {
    let dir = tempdir();
    let store = dir.path().join("store");
    ckg().args(["build", "--store"]).arg(&store).run().success();
    let sample = repo().join("tests/fixtures/acled-sample.csv");
    let import = |name: &str| {
        ckg()
            .args(["import", "acled"])
            .arg(&sample)
            .args(["--name", name, "--store"])
            .arg(&store)
            .run()
            .success();
    };
    let cells = |name: &str| -> String {
        ckg()
            .args(["query", "-f", "tsv", "--store"])
            .arg(&store)
            .arg("-q")
            .arg(format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/conflict-kg/id/graph/import/acled/{name}> {{ ?c a ckg:IncidentCount }} }}"
            ))
            .run()
            .success()
            .stdout()
    };
    import("first");
    let one = governorate_answers(&store).1;
    import("second");
    assert_eq!(cells("first"), cells("second"));
    assert_ne!(cells("first").lines().nth(1), Some("0"));
    let two = governorate_answers(&store).1;
    let doubled: Vec<String> = one
        .lines()
        .map(|l| match l.rsplit_once('\t') {
            Some((key, n)) if n.parse::<u64>().is_ok() => {
                format!("{key}\t{}", 2 * n.parse::<u64>().unwrap())
            }
            _ => l.to_string(),
        })
        .collect();
    assert_eq!(two.lines().collect::<Vec<_>>(), doubled);
}
