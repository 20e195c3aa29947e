//! `scripts/deps.sh --check` finds libclang exactly where and as clang-sys (bindgen) does, proven on
//! fake directory trees (`CKG_DEPS_ROOT`) that hold, or lack, the library: a machine that has only
//! `libclang-cpp` must be told libclang is missing (the fresh-machine failure of issue 9). And it
//! runs the push tests' servers (oxigraph 0.5.13, Virtuoso 7's `virtuoso-t` and `isql-vt`) to
//! check them: pointed (`CKG_OXIGRAPH`, `CKG_VIRTUOSO`, `CKG_ISQL`) at missing files or at
//! look-alike scripts, it names what is missing or wrong.

use crate::common::repo;
use std::path::Path;
use std::process::Command;

/// The first bytes of a 64-bit (class 2) or 32-bit (class 1) ELF file: all clang-sys reads.
fn elf(class: u8) -> Vec<u8> {
    let mut bytes = vec![0x7f, b'E', b'L', b'F', class, 1, 1, 0];
    bytes.resize(64, 0);
    bytes
}

struct Tree(tempfile::TempDir);

impl Tree {
    fn new() -> Tree {
        Tree(tempfile::tempdir().unwrap())
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn file(self, rel: &str, bytes: &[u8]) -> Tree {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    fn symlink(self, rel: &str, target: &str) -> Tree {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, path).unwrap();
        self
    }
}

/// The `libclang:` line of `deps.sh --check` run against `tree`, with the search inputs clang-sys
/// reads from the environment set as given (and `llvm-config` made unreachable).
fn libclang_line(tree: &Tree, env: &[(&str, &Path)]) -> String {
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/deps.sh"))
        .arg("--check")
        .env("CKG_DEPS_ROOT", tree.path())
        .env("LLVM_CONFIG_PATH", tree.path().join("no-llvm-config"))
        .env_remove("LIBCLANG_PATH")
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LIBRARY_PATH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs scripts/deps.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .find(|l| l.starts_with("libclang: "))
        .unwrap_or_else(|| panic!("no libclang line in:\n{stdout}"))
        .to_owned()
}

fn assert_present(line: &str, path: &Path) {
    assert_eq!(line, format!("libclang: ok: {}", path.display()));
}

fn assert_missing(line: &str) {
    assert!(
        line.starts_with("libclang: no libclang that bindgen accepts"),
        "expected missing, got: {line}"
    );
}

#[test]
fn libclang_cpp_alone_is_not_libclang() {
    // What the image ships: the C++ interface, in both places the old `libclang*.so*` glob took.
    let tree = Tree::new()
        .file("usr/lib/llvm-14/lib/libclang-cpp.so.14", &elf(2))
        .symlink(
            "usr/lib/x86_64-linux-gnu/libclang-cpp.so.14",
            "../llvm-14/lib/libclang-cpp.so.14",
        );
    assert_missing(&libclang_line(&tree, &[]));
}

#[test]
fn llvm_lib_libclang_so_1_is_found() {
    let tree = Tree::new()
        .file("usr/lib/llvm-14/lib/libclang-cpp.so.14", &elf(2))
        .file("usr/lib/llvm-14/lib/libclang.so.1", &elf(2));
    let line = libclang_line(&tree, &[]);
    assert_present(
        &line,
        &tree.path().join("usr/lib/llvm-14/lib/libclang.so.1"),
    );
}

#[test]
fn debian_multiarch_versioned_libclang_is_found() {
    let tree = Tree::new()
        .file("usr/lib/x86_64-linux-gnu/libclang-14.so.14.0.6", &elf(2))
        .symlink(
            "usr/lib/x86_64-linux-gnu/libclang-14.so.1",
            "libclang-14.so.14.0.6",
        );
    let line = libclang_line(&tree, &[]);
    assert!(line.starts_with("libclang: ok: "), "{line}");
    assert!(
        line.contains("usr/lib/x86_64-linux-gnu/libclang-14.so"),
        "{line}"
    );
}

#[test]
fn a_libclang_that_is_not_a_64_bit_elf_file_is_refused() {
    let tree = Tree::new()
        .file("usr/lib/llvm-14/lib/libclang.so.1", &elf(1))
        .file("usr/lib/llvm-14/lib/libclang.so", b"INPUT(libclang.so.1)\n")
        .symlink("usr/lib/x86_64-linux-gnu/libclang-14.so.1", "gone.so");
    assert_missing(&libclang_line(&tree, &[]));
}

#[test]
fn libclang_path_is_the_only_place_searched_when_set() {
    let elsewhere = Tree::new().file("opt/clang/lib/libclang.so", &elf(2));
    let dir = elsewhere.path().join("opt/clang/lib");
    let empty_root = Tree::new();
    assert_present(
        &libclang_line(&empty_root, &[("LIBCLANG_PATH", &dir)]),
        &dir.join("libclang.so"),
    );
    // A good libclang under the root does not count when LIBCLANG_PATH points elsewhere.
    let root = Tree::new().file("usr/lib/llvm-14/lib/libclang.so.1", &elf(2));
    let nothing = Tree::new();
    assert_missing(&libclang_line(&root, &[("LIBCLANG_PATH", nothing.path())]));
}

#[test]
fn ld_library_path_directories_are_searched() {
    let libs = Tree::new().file("libclang-17.so", &elf(2));
    let root = Tree::new();
    assert_present(
        &libclang_line(&root, &[("LD_LIBRARY_PATH", libs.path())]),
        &libs.path().join("libclang-17.so"),
    );
}

/// The `{what}: ` line of `deps.sh --check` with the environment given.
fn check_line(what: &str, env: &[(&str, &Path)]) -> String {
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/deps.sh")).arg("--check");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs scripts/deps.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let prefix = format!("{what}: ");
    stdout
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {what} line in:\n{stdout}"))
        .to_owned()
}

/// An executable shell script printing `text` and exiting with `code`.
fn script(tree: Tree, rel: &str, text: &str, code: i32) -> Tree {
    use std::os::unix::fs::PermissionsExt;
    let tree = tree.file(
        rel,
        format!("#!/bin/sh\nprintf '%b\\n' '{text}'\nexit {code}\n").as_bytes(),
    );
    let path = tree.path().join(rel);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    tree
}

#[test]
fn a_missing_oxigraph_is_named() {
    let tree = Tree::new();
    let bin = tree.path().join("venv/bin/oxigraph");
    let line = check_line("oxigraph", &[("CKG_OXIGRAPH", &bin)]);
    assert_eq!(line, format!("oxigraph: no oxigraph at {}", bin.display()));
}

#[test]
fn oxigraph_is_run_and_must_be_0_5_13() {
    let old = script(Tree::new(), "oxigraph", "oxigraph 0.4.11", 0);
    let line = check_line(
        "oxigraph",
        &[("CKG_OXIGRAPH", &old.path().join("oxigraph"))],
    );
    assert!(
        line.contains("says 'oxigraph 0.4.11', the tests pin oxigraph 0.5.13"),
        "{line}"
    );
    let broken = script(
        Tree::new(),
        "oxigraph",
        "error while loading shared libraries",
        127,
    );
    let line = check_line(
        "oxigraph",
        &[("CKG_OXIGRAPH", &broken.path().join("oxigraph"))],
    );
    assert!(line.ends_with("--version' does not run"), "{line}");
    let good = script(Tree::new(), "oxigraph", "oxigraph 0.5.13", 0);
    let bin = good.path().join("oxigraph");
    let line = check_line("oxigraph", &[("CKG_OXIGRAPH", &bin)]);
    assert_eq!(
        line,
        format!("oxigraph: ok: {} (oxigraph 0.5.13)", bin.display())
    );
}

const VIRTUOSO_BANNER: &str = "Virtuoso Open Source Edition (Column Store) (multi threaded)\nVersion 7.2.5.3229-pthreads as of Feb  8 2023";
const ISQL_BANNER: &str =
    "OpenLink Virtuoso Interactive SQL (Virtuoso)\nVersion 07.20.3229 as of Feb  8 2023";

#[test]
fn a_missing_virtuoso_or_isql_is_named() {
    let tree = script(Tree::new(), "isql-vt", ISQL_BANNER, 0);
    let none = tree.path().join("virtuoso-t");
    let isql = tree.path().join("isql-vt");
    let line = check_line("virtuoso", &[("CKG_VIRTUOSO", &none), ("CKG_ISQL", &isql)]);
    assert_eq!(
        line,
        format!(
            "virtuoso: no {} (not on PATH, or no such file)",
            none.display()
        )
    );
    let tree = script(Tree::new(), "virtuoso-t", VIRTUOSO_BANNER, 1);
    let virtuoso = tree.path().join("virtuoso-t");
    let no_isql = tree.path().join("isql-vt");
    let line = check_line(
        "virtuoso",
        &[("CKG_VIRTUOSO", &virtuoso), ("CKG_ISQL", &no_isql)],
    );
    assert!(
        line.starts_with(&format!("virtuoso: no {}", no_isql.display())),
        "{line}"
    );
}

#[test]
fn virtuoso_and_isql_are_run_and_must_be_virtuoso_7() {
    let tree = script(Tree::new(), "isql-vt", ISQL_BANNER, 0);
    let tree = script(
        tree,
        "v6/virtuoso-t",
        "Virtuoso Open Source Edition (multi threaded)\nVersion 6.1.6.3127-pthreads",
        1,
    );
    let tree = script(tree, "v7/virtuoso-t", VIRTUOSO_BANNER, 1);
    let tree = script(tree, "other/isql-vt", "isql: unixODBC interactive SQL", 0);
    let p = |rel: &str| tree.path().join(rel);
    let line = check_line(
        "virtuoso",
        &[
            ("CKG_VIRTUOSO", &p("v6/virtuoso-t")),
            ("CKG_ISQL", &p("isql-vt")),
        ],
    );
    assert!(line.contains("is not Virtuoso Open Source 7"), "{line}");
    let line = check_line(
        "virtuoso",
        &[
            ("CKG_VIRTUOSO", &p("v7/virtuoso-t")),
            ("CKG_ISQL", &p("other/isql-vt")),
        ],
    );
    assert!(line.contains("does not run as Virtuoso's isql"), "{line}");
    // `virtuoso-t +help` exits 1, as the real one does: the banner is what counts.
    let line = check_line(
        "virtuoso",
        &[
            ("CKG_VIRTUOSO", &p("v7/virtuoso-t")),
            ("CKG_ISQL", &p("isql-vt")),
        ],
    );
    assert!(line.starts_with("virtuoso: ok: "), "{line}");
    assert!(line.contains("Version 7.2.5"), "{line}");
}

#[test]
fn a_missing_chromium_or_chromedriver_is_named() {
    let tree = Tree::new();
    let chromium = tree.path().join("chromium");
    let line = check_line("chromium", &[("CKG_CHROMIUM", &chromium)]);
    assert_eq!(
        line,
        format!(
            "chromium: no {} (not on PATH, or no such file)",
            chromium.display()
        )
    );
    let tree = script(
        Tree::new(),
        "chromium",
        "Chromium 156.0.8078.114 built on Debian",
        0,
    );
    let driver = tree.path().join("chromedriver");
    let line = check_line(
        "chromium",
        &[
            ("CKG_CHROMIUM", &tree.path().join("chromium")),
            ("CKG_CHROMEDRIVER", &driver),
        ],
    );
    assert!(
        line.contains("the browser test drives Chromium with it"),
        "{line}"
    );
}

#[test]
fn chromium_and_chromedriver_are_run_and_their_versions_must_match() {
    let tree = script(
        Tree::new(),
        "chromium",
        "Chromium 156.0.8078.114 built on Debian",
        0,
    );
    let tree = script(tree, "old-driver", "ChromeDriver 120.0.6099.1 (abc)", 0);
    let tree = script(tree, "driver", "ChromeDriver 156.0.8078.114 (ea19f97)", 0);
    let tree = script(tree, "not-chromium", "Google Chrome for Testing 156.0", 0);
    let with = |browser: &str, driver: &str| {
        check_line(
            "chromium",
            &[
                ("CKG_CHROMIUM", &tree.path().join(browser)),
                ("CKG_CHROMEDRIVER", &tree.path().join(driver)),
            ],
        )
    };
    assert!(
        with("chromium", "driver").starts_with("chromium: ok: "),
        "{}",
        with("chromium", "driver")
    );
    let old = with("chromium", "old-driver");
    assert!(
        old.contains("is ChromeDriver 120 but") && old.contains("is Chromium 156"),
        "{old}"
    );
    let wrong = with("not-chromium", "driver");
    assert!(wrong.contains("does not say 'Chromium N.…'"), "{wrong}");
}
