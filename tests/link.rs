//! `ckg link`: the shipped GeoNames extract links the seed places it has, leaves the rest
//! unresolved with a reason, writes a review report, keeps its graph across `build`, gives the
//! same triples twice, obeys overrides, and reconciles a list of names (evaluated against a
//! labelled set of real Syrian place mentions).

use crate::common::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const EXTRACT: &str = "data/gazetteer/geonames-SY-extract.txt";
const ADMIN1: &str = "data/gazetteer/admin1CodesASCII-SY.txt";

fn extract() -> PathBuf {
    repo().join(EXTRACT)
}

fn build(store: &Path, data: &Path) {
    ckg()
        .args(["build", "--store"])
        .arg(store)
        .arg("--data")
        .arg(data)
        .run()
        .success();
}

/// A temporary directory with a store built from `data/` in it (kept alive by the `TempDir`).
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let store = dir.path().join("store");
    build(&store, &data_dir());
    (dir, store)
}

fn link(store: &Path, data: &Path) -> Run {
    ckg()
        .args(["link", "geonames", "--dump"])
        .arg(extract())
        .arg("--admin1")
        .arg(repo().join(ADMIN1))
        .arg("--store")
        .arg(store)
        .arg("--data")
        .arg(data)
        .run()
}

fn query(store: &Path, q: &str) -> String {
    ckg()
        .args(["query", "-f", "tsv", "--store"])
        .arg(store)
        .args(["--query", q])
        .run()
        .success()
        .stdout()
}

/// place id → (match predicate local name, geonameid)
fn links(store: &Path) -> HashMap<String, (String, String)> {
    let out = query(
        store,
        "SELECT ?p ?rel ?e WHERE { GRAPH <https://w3id.org/conflict-kg/id/graph/link/geonames> { ?p ?rel ?e \
         FILTER(?rel IN (skos:exactMatch, skos:closeMatch)) } } ORDER BY ?p",
    );
    out.lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let id = cols[0].trim_matches(['<', '>']).rsplit('/').next().unwrap();
            let rel = cols[1].trim_matches(['<', '>']).rsplit('#').next().unwrap();
            let gid = cols[2].trim_matches(['<', '>']).trim_end_matches('/');
            let gid = gid.rsplit('/').next().unwrap();
            (id.to_string(), (rel.to_string(), gid.to_string()))
        })
        .collect()
}

#[test]
fn the_shipped_extract_links_the_seed_places_geonames_has_to_the_right_entries() {
    let (_dir, store) = built();
    link(&store, &data_dir())
        .success()
        .stdout_contains("exact  mayadeen")
        .stdout_contains("none   at-taym-oil-field");
    let links = links(&store);
    for (place, gid) in [
        ("mayadeen", "173480"),
        ("deir-ez-zor-city", "170794"),
        ("deir-ez-zor-governorate", "170792"),
        ("homs-governorate", "169575"),
        ("latakia-governorate", "173578"),
        ("idlib-governorate", "169387"),
        ("damascus-governorate", "167541"),
        ("damascus", "170654"),
        ("yarmuk-camp", "166716"),
        ("syria", "163843"),
        ("iran", "130758"),
        ("russia", "2017370"),
        ("beirut", "276781"),
    ] {
        assert_eq!(
            links.get(place),
            Some(&("exactMatch".to_string(), gid.to_string())),
            "{place}"
        );
    }
    // The airbase: the airport whose airfield it uses, close (confirmed in data/links.toml).
    assert_eq!(
        links.get("hmeimim-airbase"),
        Some(&("closeMatch".to_string(), "6300131".to_string()))
    );
    // Not in the extract (no oil fields, bases, deserts or rivers in it): no link at all.
    for place in ["at-taym-oil-field", "badiya", "euphrates", "al-tanf-base"] {
        assert!(!links.contains_key(place), "{place} must stay unresolved");
    }
}

#[test]
fn exact_matches_give_the_place_a_geometry_iri_with_a_wkt_point() {
    let (_dir, store) = built();
    link(&store, &data_dir()).success();
    let out = query(
        &store,
        "SELECT ?g ?wkt WHERE { place:mayadeen geo:hasGeometry ?g . ?g geo:asWKT ?wkt }",
    );
    assert_eq!(
        out,
        "?g\t?wkt\n<https://w3id.org/conflict-kg/id/place/mayadeen/geometry/geonames>\t\
         \"POINT(40.45346 35.02089)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>\n"
    );
}

#[test]
fn each_link_is_qualified_with_score_matched_name_and_the_gazetteer_file() {
    let (_dir, store) = built();
    link(&store, &data_dir()).success();
    let out = query(
        &store,
        "SELECT ?score ?name ?method ?file WHERE { \
           <https://w3id.org/conflict-kg/id/link/geonames/mayadeen> a ckg:GazetteerMatch ; \
             ckg:linkedResource place:mayadeen ; \
             ckg:gazetteerEntry <https://sws.geonames.org/173480/> ; \
             ckg:matchScore ?score ; ckg:matchedName ?name ; ckg:matchMethod ?method ; \
             prov:wasDerivedFrom ?src . ?src dcterms:source ?file }",
    );
    let row: Vec<&str> = out.lines().nth(1).expect("one row").split('\t').collect();
    // SPARQL TSV writes an xsd:decimal bare.
    assert_eq!(row[0], "0.979", "{out}");
    assert_eq!(row[1], "\"Al Mayādīn\"");
    assert_eq!(row[2], "\"automatic\"");
    assert!(row[3].contains("geonames-SY-extract.txt"), "{out}");
}

fn link_graph_nquads(store: &Path) -> Vec<String> {
    let out = query(
        store,
        "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/conflict-kg/id/graph/link/geonames> \
         { ?s ?p ?o } }",
    );
    let mut lines: Vec<String> = out.lines().skip(1).map(str::to_string).collect();
    lines.sort();
    lines
}

#[test]
fn linking_twice_gives_identical_triples_and_build_keeps_them() {
    let (_dir, store) = built();
    link(&store, &data_dir()).success();
    let first = link_graph_nquads(&store);
    assert!(first.len() > 100, "{} quads", first.len());
    link(&store, &data_dir()).success();
    assert_eq!(
        first,
        link_graph_nquads(&store),
        "re-linking changed the graph"
    );
    build(&store, &data_dir());
    assert_eq!(
        first,
        link_graph_nquads(&store),
        "build dropped the link graph"
    );
}

fn link_with_dump(store: &Path, dump: &Path, extra: &[&str]) -> Run {
    ckg()
        .args(["link", "geonames", "--dump"])
        .arg(dump)
        .args(extra)
        .arg("--store")
        .arg(store)
        .run()
}

/// Regression (F8): an empty or truncated download replaced the whole link graph with nothing,
/// exit 0. Now it is an error that leaves the graph as it was, unless `--allow-empty`.
#[test]
fn an_empty_or_truncated_dump_does_not_replace_good_links_unless_allowed() {
    let (dir, store) = built();
    link(&store, &data_dir()).success();
    let good = link_graph_nquads(&store);
    assert!(good.len() > 100);

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    link_with_dump(&store, &empty, &[])
        .status(1)
        .stderr_contains("it has no usable entry")
        .stderr_contains("--allow-empty");
    assert_eq!(
        good,
        link_graph_nquads(&store),
        "the empty dump changed the links"
    );

    // A truncated download: the first 200 rows of the extract, without most linked entries.
    let text = std::fs::read_to_string(extract()).unwrap();
    let truncated = dir.path().join("truncated.txt");
    std::fs::write(
        &truncated,
        text.lines().take(200).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    link_with_dump(&store, &truncated, &[])
        .status(1)
        .stderr_contains("lacks most of the entries the current links point to");
    assert_eq!(
        good,
        link_graph_nquads(&store),
        "the truncated dump changed the links"
    );

    // Asked for, the replacement happens.
    link_with_dump(&store, &empty, &["--allow-empty"]).success();
    assert!(link_graph_nquads(&store).len() < good.len());
}

#[test]
fn an_empty_dump_into_a_store_without_links_is_an_error_too() {
    let (dir, store) = built();
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    ckg()
        .args(["link", "wikidata", "--dump"])
        .arg(&empty)
        .arg("--store")
        .arg(&store)
        .run()
        .status(1)
        .stderr_contains("it has no usable entry");
}

#[test]
fn overrides_in_links_toml_win_over_the_matcher() {
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    std::fs::write(
        data.join("links.toml"),
        "# test overrides\n\
         [[link]]\nplace = \"mayadeen\"\ngeonames = 173480\nmatch = \"none\"\n\n\
         [[link]]\nplace = \"badia-al-sukhnah\"\ngeonames = 172425\nmatch = \"close\"\n\
         note = \"the town the desert is named after\"\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    build(&store, &data);
    link(&store, &data).success();
    let links = links(&store);
    assert!(
        !links.contains_key("mayadeen"),
        "match = none must forbid the link"
    );
    assert_eq!(
        links.get("badia-al-sukhnah"),
        Some(&("closeMatch".to_string(), "172425".to_string()))
    );
    // Unrelated places are still linked by the matcher.
    assert_eq!(links["deir-ez-zor-city"].1, "170794");
}

#[test]
fn an_airbase_without_its_own_entry_is_a_close_match_to_the_airfield_beside_its_namesake() {
    // Without data/links.toml the matcher finds it alone: no airbase row is named Hmeimim, but
    // the airport 6300131 lies 0.8 km from the village Ḩumaymīm (169492). A close match gives
    // no geometry unless an override says its coordinates stand for the place.
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    std::fs::remove_file(data.join("links.toml")).unwrap();
    let store = dir.path().join("store");
    build(&store, &data);
    link(&store, &data)
        .success()
        .stdout_contains("close  hmeimim-airbase                  6300131 Lattakia");
    assert_eq!(
        links(&store).get("hmeimim-airbase"),
        Some(&("closeMatch".to_string(), "6300131".to_string()))
    );
    let ask = |q: &str| query(&store, &format!("ASK {{ {q} }}"));
    assert_eq!(
        ask(
            "<https://w3id.org/conflict-kg/id/link/geonames/hmeimim-airbase> ckg:matchMethod \"automatic\" ; rdfs:comment ?c \
             FILTER(CONTAINS(?c, \"0.8 km from 169492\"))"
        ),
        "true"
    );
    assert_eq!(ask("place:hmeimim-airbase geo:hasGeometry ?g"), "false");
    // The shipped override (close, geometry = true) gives it the airport's point.
    let (_dir, shipped) = built();
    link(&shipped, &data_dir()).success();
    assert_eq!(
        query(
            &shipped,
            "SELECT ?wkt WHERE { place:hmeimim-airbase geo:hasGeometry/geo:asWKT ?wkt }"
        ),
        "?wkt\n\"POINT(35.94868 35.40109)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>\n"
    );
}

#[test]
fn a_bad_override_is_reported_with_file_line_column_and_nothing_is_written() {
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    std::fs::write(
        data.join("links.toml"),
        "[[link]]\nplace = \"mayadin\"\ngeonames = 173480\n\n\
         [[link]]\nplace = \"damascus\"\ngeonames = 170654\nmatch = \"maybe\"\n\n\
         [[link]]\nplace = \"mayadeen\"\ngeonames = 173480\ngeometry = true\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    let run = link(&store, &data).status(1);
    let err = run.stderr();
    assert!(
        err.contains("links.toml:2:9: link[0].place: unknown place `mayadin`"),
        "{err}"
    );
    assert!(
        err.contains(
            "links.toml:8:9: link[1].match: found `maybe`, expected `exact`, `close` or `none`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "links.toml:13:12: link[2].geometry: `geometry` only applies to `match = \"close\"`"
        ),
        "{err}"
    );
    assert!(!store.exists(), "the store must not be touched");
}

#[test]
fn the_review_report_lists_every_place_with_candidates_and_reasons() {
    let (dir, store) = built();
    let csv = dir.path().join("review.csv");
    let md = dir.path().join("review.md");
    for report in [&csv, &md] {
        ckg()
            .args(["link", "geonames", "--dump"])
            .arg(extract())
            .arg("--store")
            .arg(&store)
            .arg("--data")
            .arg(data_dir())
            .arg("--report")
            .arg(report)
            .run()
            .success();
    }
    let csv = std::fs::read_to_string(csv).unwrap();
    assert!(
        csv.starts_with("id,label,type,match,method,entry,matched_name,score,reason,candidates\n")
    );
    let places = std::fs::read_to_string(data_dir().join("reference/places.toml")).unwrap();
    assert_eq!(
        csv.lines().count() - 1,
        places.matches("[[place]]").count(),
        "one row per place"
    );
    let damascus = csv.lines().find(|l| l.starts_with("damascus,")).unwrap();
    assert!(
        damascus.contains("refused: feature A.ADM1 does not fit city"),
        "{damascus}"
    );
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.contains("| at-taym-oil-field | At-Taym oil field | oil-field | none |"),
        "{md}"
    );
}

#[test]
fn names_reconciliation_prints_tsv_and_writes_nothing_to_the_store() {
    let dir = tempdir();
    let names = dir.path().join("names.tsv");
    std::fs::write(
        &names,
        "mention\tgovernorate\nMayadeen\tDeir ez-Zor\nAt-Taym oil field\t\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    ckg()
        .args(["link", "geonames", "--dump"])
        .arg(extract())
        .arg("--names")
        .arg(&names)
        .arg("--store")
        .arg(&store)
        .run()
        .success()
        .stdout_is(
            "mention\tgeonameid\tname\tscore\tmatch\n\
             Mayadeen\t173480\tAl Mayādīn\t0.979\texact\n\
             At-Taym oil field\t\t\t\tnone\n",
        );
    assert!(!store.exists());
}

#[test]
fn an_unknown_governorate_in_a_names_file_names_its_line_and_column() {
    let dir = tempdir();
    let names = dir.path().join("names.tsv");
    std::fs::write(&names, "mention\tgovernorate\nMayadeen\tAtlantis\n").unwrap();
    ckg()
        .args(["link", "geonames", "--dump"])
        .arg(extract())
        .arg("--names")
        .arg(&names)
        .run()
        .status(1)
        .stderr_contains("names.tsv:2:2: governorate: found `Atlantis`");
}

/// Precision and recall of `--names` against a labelled set of mentions.
struct Evaluation {
    precision: f64,
    recall: f64,
    /// Precision of the exact matches alone (the links that get `skos:exactMatch`).
    exact_precision: f64,
    wrong: Vec<String>,
}

fn evaluate(fixture: &str) -> Evaluation {
    let fixture = repo().join(fixture);
    let text = std::fs::read_to_string(&fixture).unwrap();
    let expected: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 4, "{l}: mention, governorate, geonameid, source");
            assert!(!c[3].is_empty(), "{l}: every mention names its source");
            (c[0].to_string(), c[2].to_string())
        })
        .collect();
    assert!(expected.iter().filter(|e| !e.1.is_empty()).count() >= 50);
    let out = ckg()
        .args(["link", "geonames", "--dump"])
        .arg(extract())
        .arg("--admin1")
        .arg(repo().join(ADMIN1))
        .arg("--names")
        .arg(&fixture)
        .run()
        .success()
        .stdout();
    let got: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(got.len(), expected.len());
    let (mut predicted, mut correct, mut wrong) = (0, 0, Vec::new());
    let (mut exact, mut exact_correct, mut close) = (0, 0, 0);
    for ((mention, want), row) in expected.iter().zip(&got) {
        assert_eq!(mention, row[0]);
        let (have, decision) = (row[1], row[4]);
        if !have.is_empty() {
            predicted += 1;
            let right = have == want;
            match decision {
                "exact" => {
                    exact += 1;
                    exact_correct += usize::from(right);
                }
                _ => close += 1,
            }
            if right {
                correct += 1;
            } else {
                wrong.push(format!(
                    "{mention}: got {have} ({decision}), expected {want:?}"
                ));
            }
        } else if !want.is_empty() {
            wrong.push(format!("{mention}: unresolved, expected {want}"));
        }
    }
    let relevant = expected.iter().filter(|e| !e.1.is_empty()).count();
    let e = Evaluation {
        precision: correct as f64 / predicted.max(1) as f64,
        recall: correct as f64 / relevant as f64,
        exact_precision: exact_correct as f64 / exact.max(1) as f64,
        wrong,
    };
    println!(
        "{}: {} mentions ({relevant} with a GeoNames id); predicted {predicted} ({exact} exact, \
         {close} close), correct {correct}: precision {:.3}, recall {:.3}; exact matches alone: \
         {exact_correct}/{exact} correct, precision {:.3}",
        fixture.file_name().unwrap().to_string_lossy(),
        expected.len(),
        e.precision,
        e.recall,
        e.exact_precision
    );
    for w in &e.wrong {
        println!("  miss: {w}");
    }
    e
}

impl Evaluation {
    /// Fails, listing the misses, when `value` (named `what`) is below `min`.
    fn at_least(&self, what: &str, value: f64, min: f64) {
        assert!(value >= min, "{what} {value:.3} < {min}: {:#?}", self.wrong);
    }
}

#[test]
fn place_mention_evaluation_reaches_precision_095_and_recall_090() {
    let e = evaluate("tests/fixtures/place-mentions.tsv");
    e.at_least("precision", e.precision, 0.95);
    e.at_least("recall", e.recall, 0.9);
}

/// A second set, built blind (by someone who had not seen the matcher): 123 mentions from SOHR,
/// OCHA and local press. Exact matches must stay right; close matches are plausible by design,
/// and the overall figures guard against regressions (blind first run: precision 0.907, recall
/// 0.800; see README).
#[test]
fn held_out_place_mentions_keep_exact_matches_right() {
    let e = evaluate("tests/fixtures/place-mentions-heldout.tsv");
    e.at_least("exact precision", e.exact_precision, 0.95);
    e.at_least("precision", e.precision, 0.88);
    e.at_least("recall", e.recall, 0.85);
}

#[test]
fn geojson_export_has_a_point_feature_per_located_incident_with_its_claims() {
    let (dir, store) = built();
    link(&store, &data_dir()).success();
    let out = dir.path().join("incidents.geojson");
    ckg()
        .args(["export", "--store"])
        .arg(&store)
        .arg("-o")
        .arg(&out)
        .run()
        .success()
        .stderr_contains("wrote 4 incident features");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).expect("valid JSON");
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    let ids: Vec<&str> = features.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "2018-03-hmeimim-transport-plane-crash",
            "2018-05-23-mayadeen-attack",
            "2018-05-southern-damascus-is-evacuation",
            "2018-05-w21-funeral-of-a-russian-soldier-in-smolensk"
        ]
    );
    let mayadeen = &features[1];
    assert_eq!(mayadeen["geometry"]["type"], "Point");
    assert_eq!(
        mayadeen["geometry"]["coordinates"],
        serde_json::json!([40.45346, 35.02089])
    );
    let p = &mayadeen["properties"];
    assert_eq!(p["event_type"], "Attack");
    assert_eq!(p["start_date"], "2018-05-23");
    assert_eq!(p["date_precision"], "day");
    assert_eq!(p["place"], "mayadeen");
    assert_eq!(p["location_precision"], "place");
    let claims = p["casualty_claims"].as_array().unwrap();
    assert!(
        claims
            .iter()
            .any(|c| c["source"] == "russian-ministry-of-defence"
                && c["min"] == 2
                && c["max"] == 2)
    );
}

#[test]
fn geojson_export_before_linking_has_no_features_and_says_why() {
    let (_dir, store) = built();
    let run = ckg()
        .args(["export", "-f", "geojson", "--store"])
        .arg(&store)
        .run()
        .success()
        .stderr_contains("without coordinates left out (run `ckg link geonames`");
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(json["features"].as_array().unwrap().len(), 0);
}

#[test]
fn wikidata_links_islamic_state_countries_and_places_but_no_actor_to_a_country() {
    let (_dir, store) = built();
    ckg()
        .args(["link", "wikidata", "--dump"])
        .arg(repo().join("data/gazetteer/wikidata-sample.json"))
        .arg("--store")
        .arg(&store)
        .run()
        .success()
        .stdout_contains("exact  islamic-state                    Q2429253 Islamic State");
    let out = query(
        &store,
        "SELECT ?s ?e WHERE { GRAPH <https://w3id.org/conflict-kg/id/graph/link/wikidata> \
         { ?s skos:exactMatch ?e } } ORDER BY ?s",
    );
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(rows.contains(
        &"<https://w3id.org/conflict-kg/id/actor/islamic-state>\t<http://www.wikidata.org/entity/Q2429253>"
    ));
    assert!(rows.contains(
        &"<https://w3id.org/conflict-kg/id/place/syria>\t<http://www.wikidata.org/entity/Q858>"
    ));
    // "Russia" is an alias of the actor russian-state, but Q159 is a country: not an actor.
    assert!(
        !rows
            .iter()
            .any(|r| r.contains("/actor/") && r.ends_with("Q159>")),
        "{out}"
    );
    // Six countries, the Euphrates (a river) and three actors; the cities and governorates of
    // the sample have a label and nothing else, so they are only close matches.
    assert_eq!(rows.len(), 10, "{out}");
    let close = query(
        &store,
        "SELECT ?e WHERE { place:mayadeen skos:closeMatch ?e }",
    );
    assert_eq!(close, "?e\n<http://www.wikidata.org/entity/Q310895>\n");
    // The GeoNames graph is not touched by Wikidata linking.
    assert!(link_graph_nquads(&store).is_empty());
}

#[test]
fn a_link_killed_before_commit_leaves_the_previous_link_graph() {
    let (dir, store) = built();
    link(&store, &data_dir()).success();
    let before = link_graph_nquads(&store);

    // Different overrides (no link for Mayadeen); kill the run once it has staged everything.
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    std::fs::write(
        data.join("links.toml"),
        "[[link]]\nplace = \"mayadeen\"\ngeonames = 173480\nmatch = \"none\"\n",
    )
    .unwrap();
    let marker = dir.path().join("staged");
    let mut child = ckg()
        .args(["link", "geonames", "--dump"])
        .arg(extract())
        .arg("--data")
        .arg(&data)
        .arg("--store")
        .arg(&store)
        .env("CKG_FAULT_PAUSE_BEFORE_COMMIT", &marker)
        .spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "link never reached its commit"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(before, link_graph_nquads(&store));
    assert!(links(&store).contains_key("mayadeen"));
}
