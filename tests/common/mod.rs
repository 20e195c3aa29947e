//! Shared test support: a fluent runner for the real `ckg` binary (after `just`'s tests), the
//! graph built from `data/` in memory, and graph comparison by isomorphism (sophia);
//! `servers.rs`: real triple-store servers for the `ckg push` tests.

pub mod servers;
pub mod webdriver;

use conflict_kg::Base;
use conflict_kg::ExportFormat;
use conflict_kg::KgStore;
use sophia::api::prelude::*;
use sophia::inmem::dataset::LightDataset;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository's top folder (the suite belongs to `crates/ckg`, two levels down).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub fn data_dir() -> PathBuf {
    repo().join("data")
}

/// A `ckg` invocation under construction.
pub struct Ckg {
    cmd: Command,
}

/// Starts a `ckg` invocation in the repository's top folder (where a user runs it, so the
/// default `--data data` is the shipped data), with a clean environment for the variables it
/// reads.
pub fn ckg() -> Ckg {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ckg"));
    cmd.current_dir(repo());
    cmd.env_remove("CKG_STORE")
        .env_remove("CKG_FAULT_PAUSE_BEFORE_COMMIT");
    Ckg { cmd }
}

impl Ckg {
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    /// Runs in `dir` instead of the repository's top folder.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Runs to completion (no standard input, as in CI).
    pub fn run(mut self) -> Run {
        self.cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        Run(self.cmd.output().expect("ckg runs"))
    }

    /// Runs to completion with stdout a pipe whose reading end is already closed (as after
    /// `| head` has exited): every write to stdout fails with a broken pipe.
    pub fn run_with_stdout_closed(mut self) -> Run {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        self.cmd
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped());
        Run(self.cmd.output().expect("ckg runs"))
    }

    /// Starts without waiting.
    pub fn spawn(mut self) -> std::process::Child {
        self.cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::null());
        self.cmd.spawn().expect("ckg starts")
    }
}

/// A finished run, with fluent assertions.
pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn status(self, code: i32) -> Self {
        assert_eq!(
            self.0.status.code(),
            Some(code),
            "expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    pub fn success(self) -> Self {
        self.status(0)
    }

    pub fn stdout_contains(self, needle: &str) -> Self {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    pub fn stderr_contains(self, needle: &str) -> Self {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}",
            self.stderr()
        );
        self
    }

    pub fn stdout_is(self, expected: &str) -> Self {
        assert_eq!(self.stdout(), expected, "--- stderr\n{}", self.stderr());
        self
    }
}

/// A store built from `data/` by `ckg build` at `dir/store`.
pub fn built_in(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    ckg()
        .args(["build", "--store"])
        .arg(&store)
        .arg("--data")
        .arg(data_dir())
        .run()
        .success();
    store
}

/// The graph of `data/`, built in memory through the library pipeline.
pub fn built_store() -> KgStore {
    let model =
        conflict_kg::load(&data_dir()).unwrap_or_else(|e| panic!("data/ must be valid:\n{e}"));
    let store = KgStore::in_memory().unwrap();
    conflict_kg::build_into(&store, &model, &Base::default(), || {}).unwrap();
    store
}

/// A store (or one graph of it) exported as text.
pub fn export_string(
    store: &KgStore,
    format: ExportFormat,
    graph: Option<&oxigraph::model::NamedNode>,
) -> String {
    let mut out = Vec::new();
    store
        .export(format, graph, &Base::default(), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The graph of `data/` with its places linked to the shipped GeoNames extract (as
/// `ckg link geonames --dump data/gazetteer/geonames-SY-extract.txt` does), in memory.
pub fn linked_store() -> KgStore {
    use conflict_kg::gazetteer::geonames;
    use conflict_kg::link::{self, GazetteerKind, Matcher};
    let store = built_store();
    let model = conflict_kg::load(&data_dir()).unwrap();
    let dump = repo().join("data/gazetteer/geonames-SY-extract.txt");
    let admin1 =
        geonames::read_admin_names(&repo().join("data/gazetteer/admin1CodesASCII-SY.txt")).unwrap();
    let filter = geonames::Filter {
        countries: vec!["SY".into()],
        names: link::wanted_keys(&model),
    };
    let (gazetteer, _) = geonames::read_dump(&dump, &filter, &conflict_kg::Silent).unwrap();
    let matcher = Matcher::new(&gazetteer, Some(&admin1));
    let overrides = link::read_overrides(&data_dir().join("links.toml"), &model).unwrap();
    let links = link::link_model(&model, &matcher, GazetteerKind::GeoNames, &overrides);
    let base = Base::default();
    let quads = link::link_quads(
        &links,
        &gazetteer,
        GazetteerKind::GeoNames,
        Path::new("data/gazetteer/geonames-SY-extract.txt"),
        &base,
    );
    store
        .replace_graph(&base.link_graph(GazetteerKind::GeoNames), &quads, || {})
        .unwrap();
    store
}

/// A store's content as N-Quads.
pub fn nquads(store: &KgStore) -> String {
    export_string(store, ExportFormat::NQuads, None)
}

/// Parses N-Quads with sophia (an RDF stack independent of oxigraph).
pub fn sophia_nquads(text: &str) -> LightDataset {
    sophia::turtle::parser::nq::parse_str(text)
        .collect_quads()
        .expect("valid N-Quads")
}

pub fn sophia_trig(text: &str) -> LightDataset {
    sophia::turtle::parser::trig::parse_str(text)
        .collect_quads()
        .expect("valid TriG")
}

pub fn isomorphic(a: &LightDataset, b: &LightDataset) -> bool {
    sophia::isomorphism::isomorphic_datasets(a, b).expect("comparable datasets")
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The `.rq` files of a folder of the repository (e.g. `queries`, `queries/geo`), sorted.
pub fn query_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

/// Runs a query text on a store and returns its answer in `format`.
pub fn answer(
    store: &KgStore,
    text: &str,
    origin: &str,
    format: conflict_kg::OutputFormat,
) -> String {
    let base = Base::default();
    let results = store
        .query(text, origin, &base)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    conflict_kg::write_results(results, format, &base, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every query of `dir` (at least `min` of them, each opening with a comment and ordered) gives
/// its checked-in answer `dir/expected/<name>.tsv` (SPARQL TSV, so datatypes count) on `store`,
/// and answers something. With `CKG_BLESS` set, the answers are rewritten instead.
pub fn check_expected_answers(store: &KgStore, dir: &str, min: usize) {
    let files = query_files(dir);
    assert!(
        files.len() >= min,
        "{dir}: only {} queries, expected at least {min}",
        files.len()
    );
    let bless = std::env::var_os("CKG_BLESS").is_some();
    let mut failures = Vec::new();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            text.starts_with('#'),
            "{} must open with a comment saying what it answers",
            f.display()
        );
        assert!(
            text.contains("ORDER BY") || text.contains("ASK"),
            "{} needs ORDER BY for a stable answer",
            f.display()
        );
        let actual = answer(
            store,
            &text,
            &f.display().to_string(),
            conflict_kg::OutputFormat::Tsv,
        );
        assert!(
            actual.lines().count() > 1,
            "{name} returns no rows: a query that answers nothing tests nothing"
        );
        let expected_path = repo()
            .join(dir)
            .join("expected")
            .join(format!("{name}.tsv"));
        if bless {
            std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{name}: answer differs\n--- expected\n{expected}--- actual\n{actual}"
            )),
            Err(e) => failures.push(format!("{name}: {}: {e}", expected_path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
