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

#[test]
fn extract_reads_the_syria_and_iraq_gazetteers_by_default_and_notes_a_missing_one() {
    let dir = tempdir();
    let article = dir.path().join("mosul.txt");
    std::fs::write(
        &article,
        "Bomb kills four\n\nFour soldiers were killed in a bombing in the northern city of \
         Mosul, police said.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    ckg()
        .arg("extract")
        .arg(&article)
        .args(["--published", "2016-09-16", "-o"])
        .arg(&out)
        .run()
        .status(0);
    let reference =
        std::fs::read_to_string(out.join("2016-09-16-mosul.reference-draft.toml")).unwrap();
    assert!(reference.contains("id = \"mosul\""), "{reference}");
    assert!(reference.contains("within = \"iraq\""), "{reference}");
    // Only the Syria extract named: Mosul is not known, and nothing else breaks.
    let out2 = dir.path().join("out2");
    ckg()
        .arg("extract")
        .arg(&article)
        .args(["--published", "2016-09-16", "-o"])
        .arg(&out2)
        .args(["--gazetteer", "data/gazetteer/geonames-SY-extract.txt"])
        .args(["--gazetteer", "no/such/gazetteer.txt"])
        .run()
        .status(0)
        .stderr_contains("no gazetteer at no/such/gazetteer.txt");
    let draft = std::fs::read_to_string(out2.join("2016-09-16-mosul.toml")).unwrap();
    assert!(!draft.contains("place = \"mosul\""), "{draft}");
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
            let (g, _) = geonames::read_dumps(
                &[
                    &data_dir().join("gazetteer/geonames-SY-extract.txt"),
                    &data_dir().join("gazetteer/geonames-IQ-extract.txt"),
                ],
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
            // One spelling of a name ("Rojava Information Centre" is the Center).
            .map(|w| match w {
                "centre" => "center",
                "defence" => "defense",
                w => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The names a gold name stands for: itself, without a leading "the" ("The SDF"), and the
    /// name and the abbreviation of "Syrian News Agency (SANA)" each.
    fn gold_names(gold: &str) -> Vec<&str> {
        let mut names = vec![gold];
        if let Some(rest) = gold
            .strip_prefix("The ")
            .or_else(|| gold.strip_prefix("the "))
        {
            names.push(rest);
        }
        if let (Some(open), true) = (gold.find(" ("), gold.ends_with(')')) {
            names.push(&gold[..open]);
            names.push(&gold[open + 2..gold.len() - 1]);
        }
        names
    }

    /// Two names for the same thing: the same curated id, or the same words (one containing
    /// the other: "Syrian Observatory for Human Rights" / "Observatory").
    fn same(lex: &Lexicon, extracted_id: Option<&str>, extracted_text: &str, gold: &str) -> bool {
        if let Some(id) = extracted_id {
            if gold_names(gold)
                .iter()
                .any(|name| lex.ids_for(name).iter().any(|g| g == id))
            {
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
                // FORMAT.md has no open span: its gold writes a period by its start ("has raged
                // since July" → 2015-07), which the extractor writes "since 2015-07".
                let start = dt.value.strip_prefix("since ").unwrap_or(&dt.value);
                // Nor has it a span of days: "on Thursday and Friday" it writes by the ISO week
                // that holds both ("2018-W42"), which the extractor writes as the two days.
                let week_of_span = dt.value.split_once('/').and_then(|(a, b)| {
                    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
                    let (a, b) = (day(a)?.iso_week(), day(b)?.iso_week());
                    (a == b).then(|| format!("{}-W{:02}", a.year(), a.week()))
                });
                if g.date.as_deref() == Some(start)
                    || (week_of_span.is_some() && g.date == week_of_span)
                {
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
            // An extracted perpetrator against a gold one: by id, else by its label's words.
            let right = |p: &extract::Ruled<String>, gp: &str| {
                same(
                    lex,
                    Some(&p.value),
                    lex.label(&p.value).unwrap_or(&p.value),
                    gp,
                )
            };
            if std::env::var_os("CKG_EXTRACT_DEBUG").is_some() {
                for gp in &g.perpetrators {
                    if !e.perpetrators.iter().any(|p| right(p, gp)) {
                        println!(
                            "  PERPETRATOR-MISSED {} gold {gp:?}: {}",
                            a.name,
                            e.evidence.of(&d.text)
                        );
                    }
                }
            }
            for p in &e.perpetrators {
                sc.perpetrators.extracted += 1;
                if g.perpetrators.iter().any(|gp| right(p, gp)) {
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
                    "  EXTRACTED{} {} {} {:?}-{:?} src={} text={:?} via={:?} hedge={:?} rule={}/{}/{}: {}",
                    if *ok { "" } else { " WRONG" },
                    a.name,
                    c.casualty_type.id(),
                    c.min,
                    c.max,
                    c.source.value,
                    c.claimant_text,
                    c.via,
                    c.hedge.as_ref().map(|h| h.value.id()),
                    c.rule,
                    c.bounds_rule,
                    c.source.rule,
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

    /// One test per evaluation set: `test: "DIR", "printed name", N articles, claims P / R,
    /// claimant, dates, incidents P / R;` measures `tests/extract/DIR` (at least N articles)
    /// and fails below those floors. The floors are the set's last measured figures rounded
    /// down; its README ("Record of measurements") keeps every measurement, the first, blind,
    /// one included.
    macro_rules! evaluation_sets {
        ($($test:ident: $dir:literal, $name:literal, $min:literal articles,
            claims $cp:literal / $cr:literal, claimant $cl:literal, dates $d:literal,
            incidents $ip:literal / $ir:literal;)*) => {
            $(
                #[test]
                fn $test() {
                    let s = measured($dir, $name, $min);
                    above_floors(&s, ($cp, $cr), $cl, $d, ($ip, $ir));
                }
            )*
        };
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

    evaluation_sets! {
        development_set: "dev", "development set", 3 articles,
            claims 0.93 / 0.8, claimant 0.95, dates 0.9, incidents 0.75 / 0.5;
        blind_set: "blind", "blind set", 16 articles,
            claims 0.85 / 0.8, claimant 0.9, dates 0.9, incidents 0.75 / 0.6;
        second_blind_set: "blind-2", "second blind set", 18 articles,
            claims 0.83 / 0.68, claimant 0.9, dates 0.9, incidents 0.6 / 0.5;
        third_blind_set: "blind-3", "third blind set", 18 articles,
            claims 0.85 / 0.75, claimant 0.85, dates 0.9, incidents 0.6 / 0.4;
        fourth_blind_set: "blind-4", "fourth blind set", 18 articles,
            claims 0.85 / 0.7, claimant 0.9, dates 0.9, incidents 0.7 / 0.45;
        fifth_blind_set: "blind-5", "fifth blind set", 18 articles,
            claims 0.85 / 0.7, claimant 0.85, dates 0.95, incidents 0.68 / 0.55;
        sixth_blind_set: "blind-6", "sixth blind set", 18 articles,
            claims 0.95 / 0.74, claimant 0.85, dates 0.9, incidents 0.75 / 0.6;
        seventh_blind_set: "blind-7", "seventh blind set", 17 articles,
            claims 0.9 / 0.75, claimant 0.95, dates 0.88, incidents 0.71 / 0.6;
        eighth_blind_set: "blind-8", "eighth blind set", 19 articles,
            claims 0.8 / 0.7, claimant 0.85, dates 0.85, incidents 0.55 / 0.45;
        ninth_blind_set: "blind-9", "ninth blind set", 17 articles,
            claims 0.85 / 0.68, claimant 0.93, dates 0.93, incidents 0.75 / 0.55;
        tenth_blind_set: "blind-10", "tenth blind set", 18 articles,
            claims 0.85 / 0.6, claimant 0.82, dates 0.9, incidents 0.65 / 0.5;
        eleventh_blind_set: "blind-11", "eleventh blind set", 18 articles,
            claims 0.8 / 0.75, claimant 0.8, dates 0.85, incidents 0.6 / 0.5;
        twelfth_blind_set: "blind-12", "twelfth blind set", 19 articles,
            claims 0.8 / 0.7, claimant 0.85, dates 0.9, incidents 0.7 / 0.55;
        thirteenth_blind_set: "blind-13", "thirteenth blind set", 19 articles,
            claims 0.9 / 0.75, claimant 0.8, dates 0.95, incidents 0.65 / 0.5;
        fourteenth_blind_set: "blind-14", "fourteenth blind set", 19 articles,
            claims 0.85 / 0.7, claimant 0.75, dates 0.95, incidents 0.45 / 0.5;
        fifteenth_blind_set: "blind-15", "fifteenth blind set", 18 articles,
            claims 0.8 / 0.7, claimant 0.8, dates 0.9, incidents 0.65 / 0.4;
        sixteenth_blind_set: "blind-16", "sixteenth blind set", 19 articles,
            claims 0.9 / 0.8, claimant 0.85, dates 0.9, incidents 0.65 / 0.6;
        seventeenth_blind_set: "blind-17", "seventeenth blind set", 19 articles,
            claims 0.9 / 0.8, claimant 0.8, dates 0.9, incidents 0.7 / 0.5;
        eighteenth_blind_set: "blind-18", "eighteenth blind set", 5 articles,
            claims 0.8 / 0.55, claimant 0.8, dates 0.8, incidents 0.72 / 0.45;
        nineteenth_blind_set: "blind-19", "nineteenth blind set", 20 articles,
            claims 0.84 / 0.75, claimant 0.85, dates 0.86, incidents 0.65 / 0.57;
        twentieth_blind_set: "blind-20", "twentieth blind set", 20 articles,
            claims 0.85 / 0.66, claimant 0.90, dates 0.93, incidents 0.56 / 0.53;
        twenty_first_blind_set: "blind-21", "twenty-first blind set", 20 articles,
            claims 0.82 / 0.75, claimant 0.9, dates 0.9, incidents 0.55 / 0.48;
        twenty_second_blind_set: "blind-22", "twenty-second blind set", 20 articles,
            claims 0.93 / 0.75, claimant 0.84, dates 0.86, incidents 0.58 / 0.62;
        twenty_third_blind_set: "blind-23", "twenty-third blind set", 19 articles,
            claims 0.91 / 0.88, claimant 0.9, dates 0.93, incidents 0.61 / 0.53;
        twenty_fourth_blind_set: "blind-24", "twenty-fourth blind set", 18 articles,
            claims 0.87 / 0.66, claimant 0.83, dates 0.84, incidents 0.61 / 0.53;
        twenty_fifth_blind_set: "blind-25", "twenty-fifth blind set", 17 articles,
            claims 0.85 / 0.72, claimant 0.78, dates 0.87, incidents 0.51 / 0.45;
        twenty_sixth_blind_set: "blind-26", "twenty-sixth blind set", 8 articles,
            claims 0.82 / 0.51, claimant 0.95, dates 0.88, incidents 0.68 / 0.56;
        twenty_seventh_blind_set: "blind-27", "twenty-seventh blind set", 12 articles,
            claims 0.91 / 0.93, claimant 0.83, dates 0.83, incidents 0.75 / 0.52;
        twenty_eighth_blind_set: "blind-28", "twenty-eighth blind set", 9 articles,
            claims 0.93 / 0.81, claimant 0.86, dates 1.0, incidents 0.77 / 0.63;
    }
}
