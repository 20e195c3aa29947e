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

/// Two articles of one run that both name a source the curated data lacks (Reuters): the
/// first reference draft proposes it, the second article refers to it, so the drafts validate
/// together (before, both proposed `reuters` and `ckg validate` rejected the duplicate id).
#[test]
fn articles_of_one_run_share_the_sources_the_first_proposes() {
    let dir = tempdir();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    let dev = repo().join("tests/extract/dev");
    ckg()
        .arg("extract")
        .arg(dev.join("2012-06-02-reuters-deraa-ghouta-clashes.txt"))
        .arg(dev.join("2012-11-21-reuters-daraya-state-media.txt"))
        .args([
            "--published",
            "2012-11-21",
            "--publisher",
            "Reuters",
            "--data",
        ])
        .arg(&data)
        .arg("-o")
        .arg(data.join("reports"))
        .run()
        .success();
    let defines_reuters = |name: &str| {
        std::fs::read_to_string(data.join("reports").join(name))
            .unwrap()
            .lines()
            .any(|l| l == "id = \"reuters\"")
    };
    assert!(defines_reuters(
        "2012-06-02-reuters-deraa-ghouta-clashes.reference-draft.toml"
    ));
    assert!(!defines_reuters(
        "2012-11-21-reuters-daraya-state-media.reference-draft.toml"
    ));
    let report =
        std::fs::read_to_string(data.join("reports/2012-11-21-reuters-daraya-state-media.toml"))
            .unwrap();
    assert!(report.contains("\"reuters\""), "{report}");
    ckg()
        .arg("validate")
        .arg("--data")
        .arg(&data)
        .run()
        .success();
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

/// The evaluation: the extractor against hand gold, per field (precision and recall), on the
/// two seed reports (gold: the curated data), the development set `tests/extract/dev/` and the
/// blind set `tests/extract/blind/` (gold format: `tests/extract/FORMAT.md`, one evaluator for
/// all three). Run with `cargo test --release --test integration extract::evaluation --
/// --nocapture` to see the figures.
mod evaluation {
    use crate::common::*;
    use chrono::Datelike;
    use conflict_kg::ClaimDetail;
    use conflict_kg::extract::{self, Draft, Lexicon, Options};
    use conflict_kg::gazetteer::geonames;
    use conflict_kg::import::AliasTable;
    use conflict_kg::vocab::DatePrecision;
    use std::path::Path;
    use std::sync::OnceLock;

    /// A gold incident, in the names of FORMAT.md.
    #[derive(Debug, Default, Clone)]
    struct GoldIncident {
        event_type: String,
        date: Option<String>,
        place: Option<String>,
        perpetrators: Vec<String>,
        evidence: String,
    }

    /// A gold casualty claim.
    #[derive(Debug, Default, Clone)]
    struct GoldClaim {
        kind: String,
        min: Option<i64>,
        max: Option<i64>,
        claimant: String,
        relay: Option<String>,
        hedge: Option<String>,
        evidence: String,
    }

    struct Article {
        name: String,
        text: String,
        published: String,
        publisher: Option<String>,
        incidents: Vec<GoldIncident>,
        claims: Vec<GoldClaim>,
    }

    fn lexicon() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let model = conflict_kg::load(&data_dir()).unwrap();
            let aliases = AliasTable::load(&data_dir(), &model).unwrap();
            let names: Vec<(String, String)> = aliases
                .names()
                .map(|(n, a)| (n.to_string(), a.to_string()))
                .collect();
            let (g, _) = geonames::read_dump(
                &data_dir().join("gazetteer/geonames-SY-extract.txt"),
                &geonames::Filter::default(),
                &conflict_kg::Silent,
            )
            .unwrap();
            Lexicon::new(&model, &names, Some(g))
        })
    }

    /// The resolved form of a curated date, as the extractor and FORMAT.md write it.
    fn form(start: chrono::NaiveDate, end: Option<chrono::NaiveDate>, p: DatePrecision) -> String {
        match (p, end) {
            (_, None) => format!("since {}", start.year()),
            (DatePrecision::Day, Some(e)) if e != start => format!("{start}/{e}"),
            (DatePrecision::Day, _) => start.to_string(),
            (DatePrecision::Week, _) => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            (DatePrecision::Month, _) => start.format("%Y-%m").to_string(),
            (DatePrecision::Year, _) => start.year().to_string(),
        }
    }

    /// The two seed reports: their curated incidents and casualty claims as gold.
    fn seed_articles() -> Vec<Article> {
        let model = conflict_kg::load(&data_dir()).unwrap();
        let lex = lexicon();
        let label = |id: &str| lex.label(id).unwrap_or(id).to_string();
        model
            .reports
            .iter()
            .map(|r| {
                let incidents = r
                    .incidents
                    .iter()
                    .map(|i| GoldIncident {
                        event_type: i.event_type.id().to_string(),
                        date: i.date.as_ref().map(|d| form(d.start, d.end, d.precision)),
                        place: i.place.as_deref().map(label),
                        perpetrators: i.perpetrators.iter().map(|p| label(p)).collect(),
                        evidence: i.evidence.clone(),
                    })
                    .collect();
                let claims = r
                    .claims
                    .iter()
                    .filter_map(|c| match &c.detail {
                        ClaimDetail::Casualty {
                            casualty_type,
                            count,
                            ..
                        } => Some(GoldClaim {
                            kind: casualty_type.id().to_string(),
                            min: count.min.map(|n| n as i64),
                            max: count.max.map(|n| n as i64),
                            claimant: if c.source == r.publisher {
                                "publisher".into()
                            } else {
                                label(&c.source)
                            },
                            relay: c.fidelity.via.as_deref().map(label),
                            hedge: c.fidelity.hedge.map(|h| h.id().to_string()),
                            evidence: c.evidence.clone(),
                        }),
                        _ => None,
                    })
                    .collect();
                Article {
                    name: r.id.clone(),
                    text: std::fs::read_to_string(data_dir().join(&r.text_path)).unwrap(),
                    published: r.published.to_string(),
                    publisher: Some(label(&r.publisher))
                        .filter(|_| !r.publisher.contains("unnamed")),
                    incidents,
                    claims,
                }
            })
            .collect()
    }

    fn s(v: &toml::Value, k: &str) -> Option<String> {
        v.get(k).and_then(|x| x.as_str()).map(str::to_string)
    }

    /// A folder of `NAME.txt` + `NAME.gold.toml` (FORMAT.md).
    fn gold_articles(dir: &Path) -> Vec<Article> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_else(|_| Vec::new());
        names.retain(|p: &std::path::PathBuf| p.to_string_lossy().ends_with(".gold.toml"));
        names.sort();
        names
            .iter()
            .map(|g| {
                let name = g
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .trim_end_matches(".gold.toml")
                    .to_string();
                let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
                let v: toml::Value = toml::from_str(&std::fs::read_to_string(g).unwrap())
                    .unwrap_or_else(|e| panic!("{}: {e}", g.display()));
                let art = &v["article"];
                let list = |k: &str| {
                    v.get(k)
                        .and_then(|x| x.as_array())
                        .cloned()
                        .unwrap_or_default()
                };
                let incidents = list("incident")
                    .iter()
                    .map(|i| GoldIncident {
                        event_type: s(i, "event_type").unwrap_or_default(),
                        date: s(i, "date"),
                        place: s(i, "place"),
                        perpetrators: i
                            .get("perpetrators")
                            .and_then(|p| p.as_array())
                            .map(|a| {
                                a.iter()
                                    .filter_map(|x| x.as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        evidence: s(i, "evidence").unwrap_or_default(),
                    })
                    .collect();
                let claims = list("casualty")
                    .iter()
                    .map(|c| GoldClaim {
                        kind: s(c, "type").unwrap_or_default(),
                        min: c.get("min").and_then(|x| x.as_integer()),
                        max: c.get("max").and_then(|x| x.as_integer()),
                        claimant: s(c, "claimant").unwrap_or_else(|| "publisher".into()),
                        relay: s(c, "relay"),
                        hedge: s(c, "hedge"),
                        evidence: s(c, "evidence").unwrap_or_default(),
                    })
                    .collect();
                Article {
                    name,
                    text,
                    published: s(art, "published").unwrap_or_default(),
                    publisher: s(art, "publisher"),
                    incidents,
                    claims,
                }
            })
            .collect()
    }

    fn words(s: &str) -> String {
        s.chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .filter(|w| !matches!(*w, "the" | "a" | "an" | "group" | "s"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Two names for the same thing: the same curated id, or the same words (one containing
    /// the other: "Syrian Observatory for Human Rights" / "Observatory").
    fn same(lex: &Lexicon, extracted_id: Option<&str>, extracted_text: &str, gold: &str) -> bool {
        if let Some(id) = extracted_id {
            if lex.ids_for(gold).iter().any(|g| g == id) {
                return true;
            }
        }
        let (a, b) = (words(extracted_text), words(gold));
        !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
    }

    fn overlap(a: &str, b: &str) -> bool {
        let t = |s: &str| {
            s.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c.is_whitespace())
                .to_string()
        };
        let (a, b) = (t(a), t(b));
        !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
    }

    /// Counts of one field: right, extracted (judged), gold.
    #[derive(Debug, Default, Clone, Copy)]
    struct Tally {
        right: usize,
        extracted: usize,
        gold: usize,
    }

    impl Tally {
        fn p(&self) -> f64 {
            if self.extracted == 0 {
                1.0
            } else {
                self.right as f64 / self.extracted as f64
            }
        }
        fn r(&self) -> f64 {
            if self.gold == 0 {
                1.0
            } else {
                self.right as f64 / self.gold as f64
            }
        }
        fn add(&mut self, o: Tally) {
            self.right += o.right;
            self.extracted += o.extracted;
            self.gold += o.gold;
        }
    }

    #[derive(Debug, Default, Clone, Copy)]
    struct Scores {
        incidents: Tally,
        event_types: Tally,
        dates: Tally,
        places: Tally,
        perpetrators: Tally,
        claims: Tally,
        claimant: Tally,
        relay_hedge: Tally,
        /// Numbers, dates or perpetrators the evidence does not support.
        unsupported: usize,
    }

    impl Scores {
        fn add(&mut self, o: &Scores) {
            self.incidents.add(o.incidents);
            self.event_types.add(o.event_types);
            self.dates.add(o.dates);
            self.places.add(o.places);
            self.perpetrators.add(o.perpetrators);
            self.claims.add(o.claims);
            self.claimant.add(o.claimant);
            self.relay_hedge.add(o.relay_hedge);
            self.unsupported += o.unsupported;
        }

        fn print(&self, set: &str) {
            println!("extract evaluation, {set}:");
            for (name, t) in [
                ("incidents found", self.incidents),
                ("event type (of incidents found)", self.event_types),
                ("dates (value+precision)", self.dates),
                ("places", self.places),
                ("perpetrators", self.perpetrators),
                ("casualty claims (type+bounds)", self.claims),
                ("claimant (of claims found)", self.claimant),
                ("relay/hedge (of claims found)", self.relay_hedge),
            ] {
                println!(
                    "  {name:<33} P {:.2} ({:>3}/{:<3})  R {:.2} ({:>3}/{:<3})",
                    t.p(),
                    t.right,
                    t.extracted,
                    t.r(),
                    t.right,
                    t.gold
                );
            }
            println!(
                "  unsupported numbers/dates/perpetrators: {}",
                self.unsupported
            );
        }
    }

    fn number_words(q: &str) -> bool {
        let q = q.to_lowercase();
        // "no casualties", "no members": a figure of zero the words state.
        q.starts_with("no ")
            || q.chars().any(|c| c.is_ascii_digit())
            || [
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
                "twenty",
                "thirty",
                "forty",
                "fifty",
                "sixty",
                "seventy",
                "eighty",
                "ninety",
                "dozen",
                "hundred",
                "thousand",
                "score",
                "another",
                "a ",
                "an ",
            ]
            .iter()
            .any(|w| q.contains(w))
    }

    fn score(a: &Article) -> (Scores, Draft) {
        let lex = lexicon();
        let opts = Options {
            id: "eval".into(),
            published: a.published.clone(),
            publisher: a.publisher.clone(),
            url: None,
        };
        let d = extract::extract(&a.text, lex, &opts).unwrap();
        let mut sc = Scores::default();
        // Incidents: matched by evidence sentence, each gold one at most once.
        let mut used = vec![false; a.incidents.len()];
        let mut pairs = Vec::new();
        for (ei, inc) in d.incidents.iter().enumerate() {
            let ev = inc.evidence.of(&d.text);
            if let Some(gi) =
                (0..a.incidents.len()).find(|&g| !used[g] && overlap(ev, &a.incidents[g].evidence))
            {
                used[gi] = true;
                pairs.push((ei, gi));
            }
        }
        sc.incidents = Tally {
            right: pairs.len(),
            extracted: d.incidents.len(),
            gold: a.incidents.len(),
        };
        sc.dates.gold = a.incidents.iter().filter(|g| g.date.is_some()).count();
        sc.places.gold = a.incidents.iter().filter(|g| g.place.is_some()).count();
        sc.perpetrators.gold = a.incidents.iter().map(|g| g.perpetrators.len()).sum();
        sc.event_types = Tally {
            right: 0,
            extracted: pairs.len(),
            gold: pairs.len(),
        };
        for &(ei, gi) in &pairs {
            let (e, g) = (&d.incidents[ei], &a.incidents[gi]);
            if e.event_type.value.id() == g.event_type {
                sc.event_types.right += 1;
            }
            if let Some(dt) = &e.date {
                sc.dates.extracted += 1;
                if g.date.as_deref() == Some(dt.value.as_str()) {
                    sc.dates.right += 1;
                } else if std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
                    println!(
                        "  DATE {} extracted {} gold {:?}: {}",
                        a.name,
                        dt.value,
                        g.date,
                        e.evidence.of(&d.text)
                    );
                }
            }
            if let Some(p) = &e.place {
                sc.places.extracted += 1;
                let text = e.place_text.clone().unwrap_or_default();
                if g.place.as_deref().is_some_and(|gp| {
                    same(lex, Some(&p.value), &text, gp)
                        || lex.label(&p.value).is_some_and(|l| same(lex, None, l, gp))
                }) {
                    sc.places.right += 1;
                } else if std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
                    println!(
                        "  PLACE {} extracted {} ({text}) gold {:?}: {}",
                        a.name,
                        p.value,
                        g.place,
                        e.evidence.of(&d.text)
                    );
                }
            } else if g.place.is_some() && std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
                println!(
                    "  PLACE {} extracted none gold {:?}: {}",
                    a.name,
                    g.place,
                    e.evidence.of(&d.text)
                );
            }
            for p in &e.perpetrators {
                sc.perpetrators.extracted += 1;
                let label = lex.label(&p.value).unwrap_or(&p.value).to_string();
                if g.perpetrators
                    .iter()
                    .any(|gp| same(lex, Some(&p.value), &label, gp))
                {
                    sc.perpetrators.right += 1;
                } else if std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
                    println!(
                        "  PERPETRATOR {} extracted {} ({}) gold {:?}: {}",
                        a.name,
                        p.value,
                        p.rule,
                        g.perpetrators,
                        e.evidence.of(&d.text)
                    );
                }
            }
        }
        // Never invent: a perpetrator must be named in its sentence, a date's words must be
        // in it, a figure's words must hold a number or a counted noun.
        for e in &d.incidents {
            let ev = e.evidence.of(&d.text).to_lowercase();
            let ev = extract::normalise(&ev);
            for p in &e.perpetrators {
                // A name of the actor, or the adjective before an attack that names it ("a
                // Turkish drone").
                if !lex
                    .names_of(&p.value)
                    .iter()
                    .chain(&lex.adjectives_of(&p.value))
                    .any(|n| ev.contains(n.as_str()))
                {
                    sc.unsupported += 1;
                    println!("  UNSUPPORTED perpetrator {} in {}: {ev}", p.value, a.name);
                }
            }
            if let (Some(_), Some(t)) = (&e.date, &e.date_text) {
                if !e.evidence.of(&d.text).contains(t.as_str()) {
                    sc.unsupported += 1;
                }
            }
        }
        for c in &d.casualties {
            // One person of a group: at least 1, and at most 1 only where the group is that
            // person (data/README.md, "Vague quantities").
            let counted_person =
                c.bounds_rule == "one-person" && c.min == Some(1) && c.max.is_none_or(|m| m == 1);
            if (c.min.is_some() || c.max.is_some())
                && !(c.evidence.of(&d.text).contains(&c.quantity_text)
                    && (number_words(&c.quantity_text) || counted_person))
            {
                sc.unsupported += 1;
                println!("  UNSUPPORTED figure {:?} in {}", c.quantity_text, a.name);
            }
        }
        // Casualty claims: same sentence, type and bounds.
        let mut used = vec![false; a.claims.len()];
        let mut matched = vec![false; d.casualties.len()];
        let publisher_label = d.publisher.clone();
        for (ci, c) in d.casualties.iter().enumerate() {
            let ev = c.evidence.of(&d.text);
            let hit = (0..a.claims.len()).find(|&g| {
                let gc = &a.claims[g];
                !used[g]
                    && overlap(ev, &gc.evidence)
                    && gc.kind == c.casualty_type.id()
                    && gc.min == c.min
                    && gc.max == c.max
            });
            let Some(gi) = hit else { continue };
            used[gi] = true;
            matched[ci] = true;
            sc.claims.right += 1;
            let g = &a.claims[gi];
            sc.claimant.extracted += 1;
            sc.claimant.gold += 1;
            let is_publisher = c.source.value == publisher_label;
            let ok = if g.claimant == "publisher"
                || a.publisher
                    .as_deref()
                    .is_some_and(|p| same(lex, None, p, &g.claimant))
            {
                is_publisher
            } else {
                !is_publisher
                    && (same(
                        lex,
                        Some(&c.source.value),
                        lex.label(&c.source.value).unwrap_or(""),
                        &g.claimant,
                    ) || c
                        .claimant_text
                        .as_deref()
                        .is_some_and(|t| same(lex, None, t, &g.claimant)))
            };
            if ok {
                sc.claimant.right += 1;
            } else if std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
                println!(
                    "  CLAIMANT {} extracted {} ({:?}) gold {:?}: {}",
                    a.name, c.source.value, c.claimant_text, g.claimant, ev
                );
            }
            sc.relay_hedge.extracted += 1;
            sc.relay_hedge.gold += 1;
            let relay_ok = match (&c.via, &g.relay) {
                (None, None) => true,
                (Some(v), Some(gr)) => same(lex, Some(v), lex.label(v).unwrap_or(v), gr),
                _ => false,
            };
            let hedge_ok = c.hedge.as_ref().map(|h| h.value.id().to_string()) == g.hedge;
            if relay_ok && hedge_ok {
                sc.relay_hedge.right += 1;
            }
        }
        sc.claims.extracted = d.casualties.len();
        sc.claims.gold = a.claims.len();
        // CKG_EXTRACT_DEBUG=1 lists what was missed, for looking at failures.
        if std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
            for (g, gc) in a.claims.iter().enumerate() {
                if !used[g] {
                    println!(
                        "  MISSED {} {:?} {:?}-{:?} {}: {}",
                        a.name, gc.kind, gc.min, gc.max, gc.claimant, gc.evidence
                    );
                }
            }
            for (c, ok) in d.casualties.iter().zip(&matched) {
                println!(
                    "  EXTRACTED{} {} {} {:?}-{:?} src={} text={:?} via={:?} hedge={:?}: {}",
                    if *ok { "" } else { " WRONG" },
                    a.name,
                    c.casualty_type.id(),
                    c.min,
                    c.max,
                    c.source.value,
                    c.claimant_text,
                    c.via,
                    c.hedge.as_ref().map(|h| h.value.id()),
                    c.evidence.of(&d.text)
                );
            }
        }
        (sc, d)
    }

    /// The set in `tests/extract/DIR` (at least `min` articles), evaluated and printed as
    /// `name`; nothing in it may be unsupported.
    fn measured(dir: &str, name: &str, min: usize) -> Scores {
        let arts = gold_articles(&set_dir(dir));
        assert!(arts.len() >= min, "the {name} has {} articles", arts.len());
        let s = evaluate(name, &arts);
        assert_eq!(s.unsupported, 0);
        s
    }

    /// Fails below the floors: casualty claims P and R, claimant, dates P, incidents P and R.
    fn above_floors(
        s: &Scores,
        claims: (f64, f64),
        claimant: f64,
        dates: f64,
        incidents: (f64, f64),
    ) {
        assert!(
            s.claims.p() >= claims.0 && s.claims.r() >= claims.1,
            "{:?}",
            s.claims
        );
        assert!(s.claimant.p() >= claimant, "{:?}", s.claimant);
        assert!(s.dates.p() >= dates, "{:?}", s.dates);
        assert!(
            s.incidents.p() >= incidents.0 && s.incidents.r() >= incidents.1,
            "{:?}",
            s.incidents
        );
    }

    fn evaluate(set: &str, articles: &[Article]) -> Scores {
        let mut total = Scores::default();
        for a in articles {
            let (sc, _) = score(a);
            total.add(&sc);
        }
        total.print(&format!("{set} ({} articles)", articles.len()));
        total
    }

    fn set_dir(name: &str) -> std::path::PathBuf {
        repo().join("tests/extract").join(name)
    }

    /// Floors set from the measured values (README.md, "Adding a report"), a little below them
    /// so that a real regression fails and noise does not.
    #[test]
    fn seed_reports_against_the_curated_data() {
        let s = evaluate("seed reports vs curated data", &seed_articles());
        assert_eq!(s.unsupported, 0);
        // Measured 2026-12-01 against the curated data after the fourth fidelity audit (its
        // minimum-only figures, the Syrian troops among SOHR's 76): claims P 0.90 (19/21)
        // R 0.58 (19/33), claimant 0.95, relay/hedge 1.00, dates P 0.90, incidents P 0.65
        // R 0.50, perpetrators P 1.00 R 0.43. (Before that audit: claims P 0.95 R 0.62.)
        assert!(
            s.claims.p() >= 0.85 && s.claims.r() >= 0.55,
            "{:?}",
            s.claims
        );
        assert!(s.claimant.p() >= 0.9, "{:?}", s.claimant);
        assert!(s.relay_hedge.p() >= 0.95, "{:?}", s.relay_hedge);
        assert!(s.dates.p() >= 0.85, "{:?}", s.dates);
        assert!(
            s.incidents.p() >= 0.6 && s.incidents.r() >= 0.45,
            "{:?}",
            s.incidents
        );
        assert!(
            s.perpetrators.p() >= 0.95 && s.perpetrators.r() >= 0.35,
            "{:?}",
            s.perpetrators
        );
    }

    #[test]
    fn development_set() {
        let s = measured("dev", "development set", 3);
        // First round (3 articles, 7 claims): claims P 1.00 R 0.71, claimant 1.00, dates
        // P 1.00 R 0.50, incidents P 0.80 R 0.67.
        // Second round, 16 articles (75 gold claims; tests/extract/dev/README.md), before any
        // rule was changed for them (commit ae88879): claims P 0.83 (45/54) R 0.62 (45/73),
        // claimant 0.84, dates P 0.95 (20/21), incidents P 0.75 R 0.54, unsupported 0.
        // After tuning on them: claims P 0.97 (62/64) R 0.83 (62/75), claimant 0.98, dates
        // P 0.95, incidents P 0.77 R 0.52, perpetrators P 0.80 (4/5). The floors are these values,
        // rounded down.
        above_floors(&s, (0.93, 0.8), 0.95, 0.9, (0.75, 0.5));
    }

    #[test]
    fn blind_set() {
        let s = measured("blind", "blind set", 16);
        // First blind measurement, run once before any rule was tuned to the set
        // (2026-12-01 12:55 UTC, commit 6482b76, 16 articles, 86 gold claims):
        //   incidents P 0.78 (39/50) R 0.62 (39/63); event type 0.69; dates P 0.96 (27/28)
        //   R 0.52; places P 0.61 R 0.23; perpetrators P 1.00 (5/5) R 0.09;
        //   casualty claims P 0.80 (52/65) R 0.60 (52/86); claimant 0.62 (32/52);
        //   relay/hedge 0.90 (47/52); unsupported 0.
        // After reading its failures and tuning (commits e12808e, 476d5fb; no longer blind):
        //   casualty claims P 0.87 (62/71) R 0.72 (62/86); claimant 0.77 (48/62); the other
        //   fields unchanged.
        // Then (13:40 UTC) "a commander … was killed" / "killed a child" became a minimum of 1
        // and no maximum, the rule of data/README.md after the fourth fidelity audit (one person
        // of a group does not bound the group's toll). The blind gold follows its own format's
        // older rule (1–1 where the text counts one person), so against it: casualty claims
        // P 0.82 (58/71) R 0.67 (58/86); claimant 0.78 (45/58). The floors below are these
        // measured values, rounded down.
        // Second round (tuned on the 16-article development set and on these failures):
        //   casualty claims P 0.85 (69/81) R 0.80 (69/86); claimant 0.90 (62/69); relay/hedge
        //   0.91; the other fields unchanged; unsupported 0.
        // Third round (tuned on the second and third blind sets, commit 243a7c6): casualty
        //   claims P 0.86 (70/81) R 0.81 (70/86); claimant 0.90 (63/70).
        above_floors(&s, (0.85, 0.8), 0.9, 0.9, (0.75, 0.6));
    }

    /// The second blind set (`tests/extract/blind-2/`, 20 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the first sets'
    /// failures, and measured once, on the extractor frozen after the second round of tuning.
    #[test]
    fn second_blind_set() {
        let s = measured("blind-2", "second blind set", 18);
        // Measured once, 2026-12-01 16:10 UTC, commit 548c8d7 (the extractor as the second round
        // left it), 20 articles, 59 gold incidents, 76 gold claims, before any rule was changed:
        //   incidents P 0.65 (30/46) R 0.51 (30/59); event type 0.60; dates P 0.90 (19/21)
        //   R 0.54; places P 0.50 R 0.10; perpetrators P 1.00 (3/3) R 0.06;
        //   casualty claims P 0.81 (48/59) R 0.63 (48/76); claimant 0.79 (38/48);
        //   relay/hedge 0.94 (45/48); unsupported 0.
        // The floors are these values rounded down: a regression fails, the goals (claims
        // P 0.9 R 0.7, claimant 0.8) are not met.
        // Then tuned on its failures (no longer blind; commits 7ac11d2, e9711f7): casualty
        // claims P 0.85 (53/62) R 0.70 (53/76); claimant 0.92 (49/53); the other fields
        // unchanged; unsupported 0. The floors are these values rounded down.
        above_floors(&s, (0.83, 0.68), 0.9, 0.9, (0.6, 0.5));
    }

    /// The fourth blind set (`tests/extract/blind-4/`, 20 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the third blind set.
    #[test]
    fn fourth_blind_set() {
        let s = measured("blind-4", "fourth blind set", 18);
        // Measured once, 2026-12-01 18:32 UTC, commit 243a7c6 (the extractor as tuning on the
        // third blind set left it), 20 articles, 76 gold incidents, 84 gold claims, before any
        // rule was changed:
        //   incidents P 0.73 (37/51) R 0.49 (37/76); event type 0.57; dates P 0.86 (18/21)
        //   R 0.38; places P 0.53 (8/15) R 0.11; perpetrators P 1.00 (3/3) R 0.05;
        //   casualty claims P 0.83 (57/69) R 0.68 (57/84); claimant 0.81 (46/57);
        //   relay/hedge 0.77 (44/57); unsupported 0.
        // Of the goals, claimant (0.8) is met; claims precision (0.9) and recall (0.7) and
        // dates (0.9) are not. The floors are these values rounded down.
        // Later, a change prompted by the development set's relays ("told Reuters" in Reuters'
        // own text is no relay; no rule was read off this set): relay/hedge 0.81 (46/57), the
        // other fields unchanged.
        // Then tuned on its failures (no longer blind; commit 9aa0aba): casualty claims P 0.86
        // (62/72) R 0.74 (62/84); claimant 0.94 (58/62); dates P 0.90 (18/20); places R 0.21;
        // perpetrators R 0.13. The floors are these values rounded down.
        above_floors(&s, (0.85, 0.7), 0.9, 0.9, (0.7, 0.45));
    }

    /// The fifth blind set (`tests/extract/blind-5/`, 20 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the fourth blind set.
    #[test]
    fn fifth_blind_set() {
        let s = measured("blind-5", "fifth blind set", 18);
        // Measured once, 2026-12-01 21:36 UTC, commit c53fc3b (the extractor as tuning on the
        // fourth blind set left it), 20 articles, 61 gold incidents, 97 gold claims, before any
        // rule was changed:
        //   incidents P 0.71 (36/51) R 0.59 (36/61); event type 0.72; dates P 1.00 (22/22)
        //   R 0.51; places P 0.58 (14/24) R 0.23; perpetrators P 1.00 (5/5) R 0.14;
        //   casualty claims P 0.89 (63/71) R 0.65 (63/97); claimant 0.76 (48/63);
        //   relay/hedge 0.89 (56/63); unsupported 0.
        // Of the goals, dates (0.9) is met; claims precision (0.9), recall (0.7) and claimant
        // (0.8) are not.
        // Then tuned on its failures (no longer blind; commit 9aa0aba): casualty claims P 0.87
        // (68/78) R 0.70 (68/97); claimant 0.87 (59/68); dates P 1.00. The floors are these
        // values rounded down.
        above_floors(&s, (0.85, 0.7), 0.85, 0.95, (0.7, 0.55));
    }

    /// The sixth blind set (`tests/extract/blind-6/`, 18 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the fifth blind set. Its brief
    /// added the "no number the sentence does not contain": figures never added up.
    #[test]
    fn sixth_blind_set() {
        let s = measured("blind-6", "sixth blind set", 18);
        // Measured once, 2026-12-01 22:07 UTC, commit 9aa0aba (the extractor as tuning on the
        // fifth blind set left it), 18 articles, 54 gold incidents, 75 gold claims, before any
        // rule was changed:
        //   incidents P 0.79 (34/43) R 0.63 (34/54); event type 0.74; dates P 0.90 (18/20)
        //   R 0.47; places P 0.38 (8/21) R 0.19; perpetrators P 1.00 (9/9) R 0.20;
        //   casualty claims P 0.97 (56/58) R 0.75 (56/75, 0.747); claimant 0.73 (41/56);
        //   relay/hedge 0.96 (54/56); unsupported 0.
        // Of the goals, claims precision (0.9) and recall (0.7) and dates (0.9) are met;
        // claimant (0.8) is not.
        // Then tuned on its claimant failures (no longer blind; the next commit): claimant
        // 0.88 (49/56), the other fields unchanged. The floors are these values rounded down.
        above_floors(&s, (0.95, 0.74), 0.85, 0.9, (0.75, 0.6));
    }

    /// The seventh blind set (`tests/extract/blind-7/`, 17 articles, its README says how it was
    /// built and which delivered article was dropped before measuring): assembled by someone who
    /// had seen neither the extractor nor the other sets, and measured once, on the extractor
    /// frozen after tuning on the sixth blind set.
    #[test]
    fn seventh_blind_set() {
        let s = measured("blind-7", "seventh blind set", 17);
        // Measured once, 2026-12-02 01:03 UTC, commit d77a6ee (the extractor as tuning on the
        // sixth blind set left it), 17 articles, 58 gold incidents, 84 gold claims, before any
        // rule was changed:
        //   incidents P 0.73 (35/48) R 0.60 (35/58); event type 0.63; dates P 0.89 (24/27)
        //   R 0.63; places P 0.56 (9/16) R 0.17; perpetrators P 0.80 (8/10) R 0.17;
        //   casualty claims P 0.89 (59/66, 0.894) R 0.70 (59/84, 0.702); claimant 0.88 (52/59);
        //   relay/hedge 0.86 (51/59); unsupported 0.
        // Of the goals, claims recall (0.7) and claimant (0.8) are met; claims precision (0.9)
        // and dates (0.9) are not, each by one item.
        // Then tuned on its failures (no longer blind; commit 75bf25a): casualty claims P 0.90
        // (65/72) R 0.77 (65/84); claimant 0.98 (64/65); the other fields unchanged. The floors
        // are these values rounded down.
        above_floors(&s, (0.9, 0.75), 0.95, 0.88, (0.72, 0.6));
    }

    /// The eighth blind set (`tests/extract/blind-8/`, 19 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the seventh blind set.
    #[test]
    fn eighth_blind_set() {
        let s = measured("blind-8", "eighth blind set", 19);
        // Measured once, 2026-12-02 01:18 UTC, commit 75bf25a (the extractor as tuning on the
        // seventh blind set left it), 19 articles, 53 gold incidents, 78 gold claims, before any
        // rule was changed:
        //   incidents P 0.58 (28/48) R 0.53 (28/53); event type 0.64; dates P 0.80 (16/20)
        //   R 0.42; places P 0.53 (8/15) R 0.15; perpetrators P 1.00 (10/10) R 0.33;
        //   casualty claims P 0.82 (56/68) R 0.72 (56/78); claimant 0.77 (43/56);
        //   relay/hedge 0.98 (55/56); unsupported 0.
        // Of the goals, claims recall (0.7) is met; claims precision (0.9), claimant (0.8) and
        // dates (0.9) are not. The floors are these values rounded down.
        // Then tuned on its failures (no longer blind; the next commit): claimant 0.89 (50/56);
        // dates P 0.89 (16/18); incidents P 0.57 (26/46) R 0.49 (26/53): a date that opens the
        // sentence before its speaker's verb ("On Sunday the IDF confirmed") is now when it was
        // said, and the two incidents it dated no longer match the gold's. The incident floor
        // is that value rounded down.
        above_floors(&s, (0.8, 0.7), 0.85, 0.85, (0.55, 0.45));
    }

    /// The ninth blind set (`tests/extract/blind-9/`, 17 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the eighth blind set.
    #[test]
    fn ninth_blind_set() {
        let s = measured("blind-9", "ninth blind set", 17);
        // Measured once, 2026-12-02 01:50 UTC, commit 2e2d143 (the extractor as tuning on the
        // eighth blind set left it), 17 articles, 54 gold incidents, 90 gold claims, before any
        // rule was changed:
        //   incidents P 0.76 (31/41) R 0.57 (31/54); event type 0.58; dates P 0.90 (18/20)
        //   R 0.50; places P 0.47 (7/15) R 0.13; perpetrators P 0.75 (6/8) R 0.16;
        //   casualty claims P 0.84 (62/74) R 0.69 (62/90); claimant 0.85 (53/62);
        //   relay/hedge 0.98 (61/62); unsupported 0.
        // Of the goals, claimant (0.8) and dates (0.9) are met; claims precision (0.9) and
        // recall (0.7) are not.
        // Then tuned on its failures (no longer blind; commit 35571d0): casualty claims P 0.87
        // (62/71) R 0.69 (62/90); claimant 0.95 (59/62); dates P 0.95 (19/20). The floors are
        // these values rounded down.
        above_floors(&s, (0.85, 0.68), 0.93, 0.93, (0.75, 0.55));
    }

    /// The tenth blind set (`tests/extract/blind-10/`, 18 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the ninth blind set.
    #[test]
    fn tenth_blind_set() {
        let s = measured("blind-10", "tenth blind set", 18);
        // Measured once, 2026-12-02 01:58 UTC, commit d927455 (the extractor of 35571d0, as
        // tuning on the ninth blind set left it), 18 articles, 55 gold incidents, 72 gold
        // claims, before any rule was changed:
        //   incidents P 0.70 (30/43) R 0.55 (30/55); event type 0.53; dates P 0.81 (13/16)
        //   R 0.41; places P 0.44 (7/16) R 0.16; perpetrators P 1.00 (3/3) R 0.07;
        //   casualty claims P 0.88 (44/50) R 0.61 (44/72); claimant 0.82 (36/44);
        //   relay/hedge 0.82 (36/44); unsupported 0.
        // Of the goals, claimant (0.8) is met; claims precision (0.9) and recall (0.7) and
        // dates (0.9) are not.
        // Then tuned on its failures (no longer blind; commit 01843c5): claimant 0.84 (37/44);
        // dates P 0.93 (13/14); the other fields unchanged. The floors are these values rounded
        // down.
        above_floors(&s, (0.85, 0.6), 0.82, 0.9, (0.65, 0.5));
    }

    /// The eleventh blind set (`tests/extract/blind-11/`, 18 articles, its README says how it
    /// was built): assembled by someone who had seen neither the extractor nor the other sets,
    /// and measured once, on the extractor frozen after tuning on the tenth blind set.
    #[test]
    fn eleventh_blind_set() {
        let s = measured("blind-11", "eleventh blind set", 18);
        // Measured once, 2026-12-02 02:09 UTC, commit 1c66f57 (the extractor as tuning on the
        // tenth blind set left it), 18 articles, 48 gold incidents, 93 gold claims, before any
        // rule was changed:
        //   incidents P 0.62 (26/42) R 0.54 (26/48); event type 0.58; dates P 0.94 (15/16)
        //   R 0.45; places P 0.50 (6/12) R 0.13; perpetrators P 1.00 (7/7) R 0.24;
        //   casualty claims P 0.81 (73/90) R 0.78 (73/93); claimant 0.82 (60/73);
        //   relay/hedge 0.97 (71/73); unsupported 1, a false alarm of this evaluator: its list
        //   of number words lacked "thirteen" ("Thirteen SDF fighters … were killed", 13). The
        //   list was completed (teens and tens) and nothing else changed: unsupported 0.
        // Of the goals, claims recall (0.7), claimant (0.8) and dates (0.9) are met; claims
        // precision (0.9) is not. The floors are these values rounded down.
        // Then one of its errors fixed (no longer blind; the next commit): "Turkey has executed
        // 60 drone strikes" is no toll: casualty claims P 0.82 (73/89), the other fields
        // unchanged. Then (2026-12-02 05:20 UTC) a sentence its copy repeats word for word
        // gives no second claim: casualty claims P 0.85 (74/87). Its other failures were not
        // tuned on.
        above_floors(&s, (0.8, 0.75), 0.8, 0.9, (0.6, 0.5));
    }

    /// The twelfth blind set (`tests/extract/blind-12/`, 19 articles, its README says how it
    /// was built): assembled by someone who had seen neither the extractor nor the other sets,
    /// and measured once, on the extractor frozen after the eleventh blind set.
    #[test]
    fn twelfth_blind_set() {
        let s = measured("blind-12", "twelfth blind set", 19);
        // Measured once, 2026-12-02 04:58 UTC, commit bb990d1 (the extractor as the eleventh
        // blind set and one fix from it left it), 19 articles, 62 gold incidents, 85 gold
        // claims, before any rule was changed:
        //   incidents P 0.73 (36/49) R 0.58 (36/62); event type 0.58; dates P 0.92 (24/26)
        //   R 0.59; places P 0.48 (10/21) R 0.17; perpetrators P 0.89 (8/9) R 0.21;
        //   casualty claims P 0.81 (61/75) R 0.72 (61/85); claimant 0.89 (54/61);
        //   relay/hedge 0.92 (56/61); unsupported 0.
        // Of the goals, claims recall (0.7), claimant (0.8) and dates (0.9) are met; claims
        // precision (0.9) is not. The floors are these values rounded down.
        // Then three of its errors fixed (no longer blind; the next commit): "exceeded 3,000"
        // is more than 3,000; "no details on how the six children were killed" is neither a
        // zero nor, told again by no one, a new figure; "the last one in a series" is no count:
        // casualty claims P 0.85 (61/72), the other fields unchanged.
        above_floors(&s, (0.8, 0.7), 0.85, 0.9, (0.7, 0.55));
    }

    /// The thirteenth blind set (`tests/extract/blind-13/`, 19 articles, its README says how it
    /// was built): assembled by someone who had seen neither the extractor nor the other sets,
    /// and measured once, on the extractor frozen after tuning on the twelfth blind set.
    #[test]
    fn thirteenth_blind_set() {
        let s = measured("blind-13", "thirteenth blind set", 19);
        // Measured once, 2026-12-02 05:10 UTC, commit d687385 (the extractor as tuning on the
        // twelfth blind set left it), 19 articles, 44 gold incidents, 71 gold claims, before any
        // rule was changed:
        //   incidents P 0.68 (23/34) R 0.52 (23/44); event type 0.70; dates P 1.00 (12/12)
        //   R 0.41; places P 0.50 (8/16) R 0.19; perpetrators P 0.25 (1/4) R 0.03;
        //   casualty claims P 0.90 (56/62, 0.903) R 0.79 (56/71); claimant 0.73 (41/56);
        //   relay/hedge 0.79 (44/56); unsupported 0.
        // Of the goals, claims precision (0.9) and recall (0.7) and dates (0.9) are met;
        // claimant (0.8) is not. The floors are these values rounded down.
        // Then tuned on its claimant failures (no longer blind; the next commit): "al-Obaidi
        // said" is the "Abbas al-Obaidi" named before, "an NGO said" the one monitor the
        // article names, "state-run Al-Ikhbariah reported" the state channel, "according to
        // opponents of …" a claimant: casualty claims P 0.92 (55/60) R 0.77 (55/71); claimant
        // 0.82 (45/55). One claim lost: "At least 27 …, an NGO said" is now the Observatory's,
        // whose "The toll has risen to 27 dead" later sharpens it to exactly 27, where this
        // gold keeps the lead's "at least". The floors are these values rounded down.
        // Then "a pro-ISIS outlet claimed “dozens” were killed" (the figure quoted): claimant
        // 0.84 (46/55).
        above_floors(&s, (0.9, 0.75), 0.8, 0.95, (0.65, 0.5));
    }

    /// The fourteenth blind set (`tests/extract/blind-14/`, 19 articles, its README says how it
    /// was built): assembled by someone who had seen neither the extractor nor the other sets,
    /// and measured once, on the extractor frozen after tuning on the thirteenth blind set.
    #[test]
    fn fourteenth_blind_set() {
        let s = measured("blind-14", "fourteenth blind set", 19);
        // Measured once, 2026-12-02 05:24 UTC, commit 827e42a (the extractor as tuning on the
        // thirteenth blind set left it), 19 articles, 47 gold incidents, 88 gold claims, before
        // any rule was changed:
        //   incidents P 0.49 (25/51) R 0.53 (25/47); event type 0.72; dates P 1.00 (15/15)
        //   R 0.45; places P 0.50 (6/12) R 0.13; perpetrators P 1.00 (7/7) R 0.21;
        //   casualty claims P 0.82 (62/76) R 0.70 (62/88, 0.705); claimant 0.69 (43/62);
        //   relay/hedge 0.90 (56/62); unsupported 0.
        // Of the goals, claims recall (0.7) and dates (0.9) are met; claims precision (0.9)
        // and claimant (0.8) are not. The floors are these values rounded down.
        // Then tuned on its failures (no longer blind; commit ff0a826 and the next): casualty
        // claims P 0.86 (62/72) R 0.70 (62/88); claimant 0.79 (49/62). The floors are these
        // values rounded down.
        above_floors(&s, (0.85, 0.7), 0.75, 0.95, (0.45, 0.5));
    }

    /// The fifteenth blind set (`tests/extract/blind-15/`, 18 articles, its README says how it
    /// was built): assembled by someone who had seen neither the extractor nor the other sets,
    /// and measured once, on the extractor frozen after tuning on the fourteenth blind set.
    #[test]
    fn fifteenth_blind_set() {
        let s = measured("blind-15", "fifteenth blind set", 18);
        // Measured once, 2026-12-02 05:38 UTC, commit 821067e (the extractor as tuning on the
        // fourteenth blind set left it), 18 articles, 61 gold incidents, 79 gold claims, before
        // any rule was changed:
        //   incidents P 0.69 (25/36) R 0.41 (25/61); event type 0.44; dates P 0.94 (15/16)
        //   R 0.50; places P 0.43 (6/14) R 0.11; perpetrators P 0.80 (8/10) R 0.17;
        //   casualty claims P 0.79 (57/72) R 0.72 (57/79); claimant 0.81 (46/57);
        //   relay/hedge 0.91 (52/57); unsupported 0.
        // Of the goals, claims recall (0.7), claimant (0.8) and dates (0.9) are met; claims
        // precision (0.9) is not. The floors are these values rounded down.
        // Then tuned on its failures (no longer blind; the next commit): "was cited as
        // saying", "mention", a clause after ";" with a speaker of its own, "one of the
        // heaviest days", "the dead and wounded were": casualty claims P 0.81 (57/70) R 0.72;
        // claimant 0.84 (48/57). The floors are these values rounded down.
        above_floors(&s, (0.8, 0.7), 0.8, 0.9, (0.65, 0.4));
    }

    /// The sixteenth blind set (`tests/extract/blind-16/`, 19 articles, its README says how it
    /// was built): assembled by someone who had seen neither the extractor nor the other sets,
    /// and measured once, on the extractor frozen after tuning on the fifteenth blind set.
    #[test]
    fn sixteenth_blind_set() {
        let s = measured("blind-16", "sixteenth blind set", 19);
        // Measured once, 2026-12-02 06:23 UTC, commit 58c43bb (the extractor of 3bd4c9a, as
        // tuning on the fifteenth blind set left it), 19 articles, 46 gold incidents, 72 gold
        // claims, before any rule was changed:
        //   incidents P 0.67 (30/45) R 0.65 (30/46); event type 0.57; dates P 0.95 (18/19)
        //   R 0.72; places P 0.50 (8/16) R 0.17; perpetrators P 0.83 (5/6) R 0.13;
        //   casualty claims P 0.88 (46/52) R 0.64 (46/72); claimant 0.83 (38/46);
        //   relay/hedge 0.89 (41/46); unsupported 0.
        // Of the goals, claimant (0.8) and dates (0.9) are met; claims precision (0.9) and
        // recall (0.7) are not. The floors are these values rounded down.
        // Then tuned on its failures (no longer blind; 2026-12-02, the commit after 4af0125): a
        // parenthesis does not use up a figure's reach, a comma list shares the verb "and"
        // leads to, "a young girl and a lady were killed", "including 12 children and nine
        // women, were killed", "perished", "martyred … a number of", "the injury of dozens",
        // "the death toll among … was as high as 41", a rank before a speaker's name
        // ("Maj. Gen. Ali Ibrahim Daboun … Daboun said"): casualty claims P 0.92 (59/64)
        // R 0.82 (59/72); claimant 0.90 (53/59); relay/hedge 0.86 (51/59); the other fields
        // unchanged. The floors are these values rounded down.
        above_floors(&s, (0.9, 0.8), 0.85, 0.9, (0.65, 0.6));
    }

    /// The third blind set (`tests/extract/blind-3/`, 20 articles, its README says how it was
    /// built): assembled by someone who had seen neither the extractor nor the other sets, and
    /// measured once, on the extractor frozen after tuning on the second blind set.
    #[test]
    fn third_blind_set() {
        let s = measured("blind-3", "third blind set", 18);
        // Measured once, 2026-12-01 17:50 UTC, commit e9711f7 (the extractor as tuning on the
        // second blind set left it), 20 articles, 63 gold incidents, 78 gold claims, before any
        // rule was changed:
        //   incidents P 0.63 (27/43) R 0.43 (27/63); event type 0.37; dates P 0.95 (19/20)
        //   R 0.46; places P 0.54 (7/13) R 0.14; perpetrators P 0.75 (3/4) R 0.05;
        //   casualty claims P 0.81 (57/70) R 0.73 (57/78); claimant 0.72 (41/57);
        //   relay/hedge 0.95 (54/57); unsupported 0.
        // Of the goals, claims recall (0.7) and dates (0.9) were met, claims precision (0.9)
        // and claimant (0.8) not.
        // Then tuned on its failures (no longer blind; commit 243a7c6): casualty claims P 0.87
        // (62/71) R 0.79 (62/78); claimant 0.87 (54/62); the other fields unchanged;
        // unsupported 0. The floors are these values rounded down.
        above_floors(&s, (0.85, 0.75), 0.85, 0.9, (0.6, 0.4));
    }
}
