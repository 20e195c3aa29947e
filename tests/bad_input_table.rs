//! The README's bad-input table (input class → the message a user sees → exit code), produced
//! from the real binary's outputs so it stays true: each row is a case run here, in a scratch
//! folder with relative paths; the rendered table must equal the README's, between
//! `<!-- bad-input-table -->` and `<!-- /bad-input-table -->`. `CKG_BLESS=1` rewrites it.

use crate::common::{ckg, repo};
use std::path::Path;

/// One class of bad input: how to make it in the scratch folder, and the command that meets it.
struct Case {
    class: &'static str,
    setup: fn(&Path),
    args: &'static [&'static str],
}

/// `data/` copied into the scratch folder, with `edit` applied to one file.
fn data_with(dir: &Path, file: &str, edit: impl FnOnce(String) -> Vec<u8>) {
    for sub in ["reference", "reports"] {
        let to = dir.join("data").join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(repo().join("data").join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    for f in ["aliases.toml", "links.toml"] {
        std::fs::copy(repo().join("data").join(f), dir.join("data").join(f)).unwrap();
    }
    let path = dir.join("data").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
}

/// The shipped data (a link to it) and a store built from it, `st`.
fn store(dir: &Path) {
    std::os::unix::fs::symlink(repo().join("data"), dir.join("data")).unwrap();
    ckg()
        .current_dir(dir)
        .args(["build", "--store", "st"])
        .run()
        .success();
}

/// The shipped data and a CSV `bad.csv`: the ACLED sample with `edit` applied to its lines.
fn acled_with(dir: &Path, edit: impl FnOnce(Vec<String>) -> Vec<String>) {
    std::os::unix::fs::symlink(repo().join("data"), dir.join("data")).unwrap();
    let text = std::fs::read_to_string(repo().join("tests/fixtures/acled-sample.csv")).unwrap();
    let lines = edit(text.lines().map(String::from).collect());
    std::fs::write(dir.join("bad.csv"), lines.join("\n") + "\n").unwrap();
}

/// Replaces field `i` of line `l`.
fn set_field(lines: &mut [String], l: usize, i: usize, value: &str) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(lines[l].as_bytes());
    let mut rec: Vec<String> = r
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    rec[i] = value.to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&rec).unwrap();
    lines[l] = String::from_utf8(w.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_string();
}

fn geonames_with(dir: &Path, text: &[u8]) {
    store(dir);
    std::fs::write(dir.join("dump.txt"), text).unwrap();
}

const CASES: &[Case] = &[
    Case {
        class: "data TOML: syntax error",
        setup: |d| {
            data_with(d, "reference/places.toml", |t| {
                format!("{t}\n[[place]\n").into_bytes()
            })
        },
        args: &["validate"],
    },
    Case {
        class: "data TOML: bytes that are not UTF-8",
        setup: |d| {
            data_with(d, "reference/actors.toml", |t| {
                let mut b = t.into_bytes();
                b.extend_from_slice(b"# caf\xe9\n");
                b
            })
        },
        args: &["validate"],
    },
    Case {
        class: "data TOML: unknown id",
        setup: |d| {
            data_with(d, "reference/places.toml", |t| {
                t.replacen("within = \"", "within = \"no-such-", 1)
                    .into_bytes()
            })
        },
        args: &["validate"],
    },
    Case {
        class: "data TOML: missing data directory",
        setup: |_| {},
        args: &["validate", "--data", "nowhere"],
    },
    Case {
        class: "ACLED CSV: empty file",
        setup: |d| acled_with(d, |_| Vec::new()),
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "ACLED CSV: missing column",
        setup: |d| {
            acled_with(d, |mut l| {
                l[0] = l[0].replace("event_date,", "date,");
                l
            })
        },
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "ACLED CSV: a column named twice",
        setup: |d| {
            acled_with(d, |mut l| {
                l[0] = l[0].replace("year,", "event_date,");
                l
            })
        },
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "ACLED CSV: a row with too few fields",
        setup: |d| {
            acled_with(d, |mut l| {
                l[3] = l[3].rsplit_once(',').unwrap().0.to_string();
                l
            })
        },
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "ACLED CSV: latitude out of range",
        setup: |d| {
            acled_with(d, |mut l| {
                set_field(&mut l, 2, 22, "999");
                l
            })
        },
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "ACLED CSV: bad date",
        setup: |d| {
            acled_with(d, |mut l| {
                set_field(&mut l, 2, 1, "2018-02-30");
                l
            })
        },
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "ACLED CSV: event id used twice",
        setup: |d| {
            acled_with(d, |mut l| {
                let id = l[1].split(',').next().unwrap().to_string();
                set_field(&mut l, 3, 0, &id);
                l
            })
        },
        args: &["import", "acled", "bad.csv", "--dry-run"],
    },
    Case {
        class: "GeoNames dump: truncated row",
        setup: |d| geonames_with(d, b"170654\tDamascus\tDamascus\n"),
        args: &["link", "geonames", "--dump", "dump.txt", "--store", "st"],
    },
    Case {
        class: "GeoNames dump: empty (a failed download)",
        setup: |d| geonames_with(d, b""),
        args: &["link", "geonames", "--dump", "dump.txt", "--store", "st"],
    },
    Case {
        class: "Wikidata file: not JSON",
        setup: |d| {
            store(d);
            std::fs::write(d.join("wd.json"), "hello\n").unwrap()
        },
        args: &["link", "wikidata", "--dump", "wd.json", "--store", "st"],
    },
    Case {
        class: "--names TSV: no `mention` column",
        setup: |d| {
            store(d);
            std::fs::write(d.join("names.tsv"), "name\nMayadeen\n").unwrap()
        },
        args: &[
            "link",
            "geonames",
            "--dump",
            "data/gazetteer/geonames-SY-extract.txt",
            "--names",
            "names.tsv",
            "--store",
            "st",
        ],
    },
    Case {
        class: "SPARQL: syntax error",
        setup: store,
        args: &[
            "query",
            "--store",
            "st",
            "--query",
            "SELECT ?x WHERE { ?x ?y }",
        ],
    },
    Case {
        class: "SPARQL: unknown prefix",
        setup: store,
        args: &[
            "query",
            "--store",
            "st",
            "--query",
            "SELECT * WHERE { ?s foo:bar ?o }",
        ],
    },
    Case {
        class: "SPARQL: an update",
        setup: store,
        args: &[
            "query",
            "--store",
            "st",
            "--query",
            "INSERT DATA { <a:b> <a:b> <a:b> }",
        ],
    },
    Case {
        class: "SPARQL: SERVICE",
        setup: store,
        args: &[
            "query",
            "--store",
            "st",
            "--query",
            "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ],
    },
    Case {
        class: "query: unknown --format",
        setup: store,
        args: &[
            "query", "--store", "st", "--format", "yaml", "--query", "ASK {}",
        ],
    },
    Case {
        class: "export: unknown extension",
        setup: store,
        args: &["export", "--store", "st", "-o", "out.unknownext"],
    },
    Case {
        class: "no store",
        setup: |_| {},
        args: &["query", "--store", "none", "--query", "ASK {}"],
    },
];

/// The message a user sees first: the first problem line (`file:line:column: …`) or `error:`
/// line of stderr (progress lines skipped), with `|` escaped for Markdown.
fn first_line(stderr: &str) -> String {
    let problem = |l: &str| {
        l.split_once(": ").is_some_and(|(head, _)| {
            head.split(':')
                .nth(1)
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
    };
    stderr
        .lines()
        .find(|l| l.starts_with("error:") || problem(l))
        .unwrap_or("")
        .replace('|', "\\|")
}

fn render() -> String {
    let mut table = String::from(
        "| input | what the user sees (first problem or error line of stderr) | exit code |\n|---|---|---|\n",
    );
    for case in CASES {
        let dir = tempfile::tempdir().unwrap();
        (case.setup)(dir.path());
        let run = ckg().current_dir(dir.path()).args(case.args).run();
        let code = run.0.status.code().expect("exited");
        assert!(
            !run.stderr().contains("panicked"),
            "{}: {}",
            case.class,
            run.stderr()
        );
        assert_ne!(code, 0, "{} is accepted: {}", case.class, run.stdout());
        table.push_str(&format!(
            "| {} | {} | {code} |\n",
            case.class,
            first_line(&run.stderr())
        ));
    }
    table
}

#[test]
fn the_readmes_bad_input_table_is_what_the_binary_says() {
    const START: &str = "<!-- bad-input-table -->\n";
    const END: &str = "<!-- /bad-input-table -->";
    let path = repo().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let table = render();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no {START:?} … {END:?} section");
    };
    let current = &readme[a + START.len()..b];
    if std::env::var_os("CKG_BLESS").is_some() {
        let new = format!("{}{START}{table}{}", &readme[..a], &readme[b..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert_eq!(
        current, table,
        "the README's bad-input table is stale: CKG_BLESS=1 cargo test --release -- bad_input_table"
    );
}
