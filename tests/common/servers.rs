//! Real triple-store servers for the `ckg push` tests, each started on loopback on a free port
//! with a fresh database folder, and stopped cleanly when dropped:
//!
//! - **oxigraph server 0.5.13**, the `oxigraph` binary of the PyPI wheel `oxigraph==0.5.13`:
//!   `$CKG_OXIGRAPH`, else `${XDG_CACHE_HOME:-~/.cache}/conflict-kg/oxigraph-0.5.13/bin/oxigraph`
//!   (the venv `scripts/deps.sh` makes). Stopped with SIGTERM.
//! - **Virtuoso Open Source 7** (Debian's `virtuoso-opensource-7-bin`): `$CKG_VIRTUOSO`, else
//!   `virtuoso-t` on PATH, from an ini written here; stopped with `isql-vt … exec="shutdown;"`
//!   (`$CKG_ISQL`, else `isql-vt`), which checkpoints first.
//!
//! A server that cannot start fails the test with the reason and its log; it is never
//! skipped. Reads for the tests' own checks go through a few lines of HTTP/1.0 here, not
//! through ckg.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The oxigraph binary the tests run.
pub fn oxigraph_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CKG_OXIGRAPH") {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache")
        });
    cache.join("conflict-kg/oxigraph-0.5.13/bin/oxigraph")
}

fn from_env_or(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Percent-encodes a query-string component.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `GET path` on 127.0.0.1:port (HTTP/1.0, so the body ends with the connection):
/// (status, body). `None` when nothing answers.
pub fn http_get(port: u16, path: &str, accept: &str) -> Option<(u16, String)> {
    let mut conn = TcpStream::connect(("127.0.0.1", port)).ok()?;
    conn.set_read_timeout(Some(Duration::from_secs(60))).ok()?;
    write!(
        conn,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    conn.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Some((status, body))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// The triple count of `graph` through a SPARQL endpoint at `path`.
fn sparql_count(port: u16, path: &str, graph: &str) -> u64 {
    let q = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    let (status, body) = http_get(
        port,
        &format!("{path}?query={}", encode(&q)),
        "application/sparql-results+json",
    )
    .expect("the server answers");
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("SPARQL JSON");
    json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .expect("a count")
        .parse()
        .unwrap()
}

/// N-Triples text as a set of canonical lines (parsed by oxigraph: escapes and white space
/// no longer matter).
pub fn triple_set(ntriples: &str) -> BTreeSet<String> {
    use oxigraph::io::{RdfFormat, RdfParser};
    RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(ntriples.as_bytes())
        .map(|q| {
            let q = q.expect("valid N-Triples");
            format!("{} {} {} .", q.subject, q.predicate, q.object)
        })
        .collect()
}

/// Waits until `GET path` answers 200, failing with the server's log if it exits or takes
/// longer than a minute.
fn wait_ready(name: &str, child: &mut Child, port: u16, path: &str, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "{name} exited ({status}) before it answered on 127.0.0.1:{port}; its log:\n{}",
                tail(log)
            );
        }
        if let Some((200, _)) = http_get(port, path, "*/*") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{name} did not answer on 127.0.0.1:{port} within 60 s; its log:\n{}",
            tail(log)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

fn spawn(name: &str, binary: &Path, args: &[&str], log: &Path, hint: &str) -> Child {
    let out = std::fs::File::create(log).unwrap();
    Command::new(binary)
        .args(args)
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name} ({}): {e}; {hint}", binary.display()))
}

#[expect(unsafe_code, reason = "std has no way to send SIGTERM")]
fn signal(child: &Child, sig: i32) {
    // SAFETY: kill(2) on the pid of a child we started and have not reaped.
    unsafe {
        libc::kill(child.id() as i32, sig);
    }
}

/// SIGKILLs the server, as a crash would, and reaps it.
fn sigkill(child: &mut Option<Child>) {
    if let Some(mut c) = child.take() {
        c.kill().unwrap();
        c.wait().unwrap();
    }
}

/// A graph as the server's GSP `path` serves it in N-Triples (none when it answers 404).
fn graph_triples(port: u16, path: &str) -> BTreeSet<String> {
    let (status, body) = http_get(port, path, "application/n-triples").expect("the server answers");
    assert!(status == 200 || status == 404, "{status}: {body}");
    triple_set(if status == 200 { &body } else { "" })
}

/// Waits up to `timeout` for a child to exit, then SIGKILLs it.
fn reap(child: &mut Child, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if child.try_wait().ok().flatten().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// oxigraph server on a fresh database folder.
pub struct Oxigraph {
    child: Option<Child>,
    port: u16,
    dir: tempfile::TempDir,
}

impl Oxigraph {
    pub fn start() -> Self {
        let mut s = Self {
            child: None,
            port: 0,
            dir: tempfile::tempdir().unwrap(),
        };
        s.launch();
        s
    }

    fn launch(&mut self) {
        self.port = free_port();
        let db = self.dir.path().join("db");
        let log = self.dir.path().join("oxigraph.log");
        let bind = format!("127.0.0.1:{}", self.port);
        let mut child = spawn(
            "oxigraph server",
            &oxigraph_binary(),
            &["serve", "--location", db.to_str().unwrap(), "--bind", &bind],
            &log,
            "run scripts/deps.sh (it installs oxigraph 0.5.13 from PyPI into \
             ~/.cache/conflict-kg/oxigraph-0.5.13) or point CKG_OXIGRAPH at the binary",
        );
        wait_ready(
            "oxigraph server",
            &mut child,
            self.port,
            "/query?query=ASK%7B%7D",
            &log,
        );
        self.child = Some(child);
    }

    pub fn gsp_url(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn count(&self, graph: &str) -> u64 {
        sparql_count(self.port, "/query", graph)
    }

    /// The server's copy of a graph.
    pub fn triples(&self, graph: &str) -> BTreeSet<String> {
        graph_triples(self.port, &format!("/store?graph={}", encode(graph)))
    }

    /// SIGKILL, as a crash would.
    pub fn kill(&mut self) {
        sigkill(&mut self.child);
    }

    /// Starts again on the same database folder (on a new port).
    pub fn restart(&mut self) {
        self.kill();
        self.launch();
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            signal(&c, libc::SIGTERM);
            reap(&mut c, Duration::from_secs(10));
        }
    }
}

/// Virtuoso 7 on a fresh database folder; `dba`/`dba`, Digest auth on the `-auth` endpoints.
pub struct Virtuoso {
    child: Option<Child>,
    sql_port: u16,
    http_port: u16,
    dir: tempfile::TempDir,
}

pub const VIRTUOSO_USER: &str = "dba";
pub const VIRTUOSO_PASSWORD: &str = "dba";

impl Virtuoso {
    pub fn start() -> Self {
        let mut s = Self {
            child: None,
            sql_port: 0,
            http_port: 0,
            dir: tempfile::tempdir().unwrap(),
        };
        s.launch();
        s
    }

    fn launch(&mut self) {
        self.sql_port = free_port();
        self.http_port = free_port();
        let d = self.dir.path();
        std::fs::create_dir_all(d.join("db")).unwrap();
        std::fs::create_dir_all(d.join("vsp")).unwrap();
        let d = d.display();
        // The minimal ini of /work/shared/notes/sparql-servers.md §1, with small buffers. `host:port`
        // on both ServerPorts binds loopback only.
        let ini = format!(
            "[Database]\nDatabaseFile={d}/db/virtuoso.db\nErrorLogFile={d}/db/virtuoso.log\n\
             LockFile={d}/db/virtuoso.lck\nTransactionFile={d}/db/virtuoso.trx\n\
             xa_persistent_file={d}/db/virtuoso.pxa\nFileExtend=200\nStriping=0\n\
             TempStorage=TempDatabase\n\
             [TempDatabase]\nDatabaseFile={d}/db/virtuoso-temp.db\n\
             TransactionFile={d}/db/virtuoso-temp.trx\n\
             [Parameters]\nServerPort=127.0.0.1:{sql}\nDisableUnixSocket=1\nCaseMode=2\n\
             DirsAllowed=., {d}\nNumberOfBuffers=20000\nMaxDirtyBuffers=15000\n\
             [HTTPServer]\nServerPort=127.0.0.1:{http}\nServerRoot={d}/vsp\nServerThreads=10\n\
             EnabledGzipContent=1\n\
             [SPARQL]\nResultSetMaxRows=100000\nMaxQueryExecutionTime=60\n",
            sql = self.sql_port,
            http = self.http_port,
        );
        let ini_path = self.dir.path().join("virtuoso.ini");
        std::fs::write(&ini_path, ini).unwrap();
        let log = self.dir.path().join("virtuoso.out");
        let mut child = spawn(
            "Virtuoso",
            &from_env_or("CKG_VIRTUOSO", "virtuoso-t"),
            &["+foreground", "+configfile", ini_path.to_str().unwrap()],
            &log,
            "run scripts/deps.sh (it installs Debian's virtuoso-opensource-7-bin) or point \
             CKG_VIRTUOSO at virtuoso-t",
        );
        let db_log = self.dir.path().join("db/virtuoso.log");
        wait_ready(
            "Virtuoso",
            &mut child,
            self.http_port,
            "/sparql?query=ASK%7B%7D",
            &db_log,
        );
        self.child = Some(child);
    }

    /// The Graph Store Protocol endpoint that wants Digest auth.
    pub fn gsp_url(&self) -> String {
        format!("http://127.0.0.1:{}/sparql-graph-crud-auth", self.http_port)
    }

    pub fn count(&self, graph: &str) -> u64 {
        sparql_count(self.http_port, "/sparql", graph)
    }

    /// The server's copy of a graph (read without auth from `/sparql-graph-crud`).
    pub fn triples(&self, graph: &str) -> BTreeSet<String> {
        graph_triples(
            self.http_port,
            &format!("/sparql-graph-crud?graph-uri={}", encode(graph)),
        )
    }

    pub fn kill(&mut self) {
        sigkill(&mut self.child);
    }

    /// Starts again on the same database (on new ports), replaying its transaction log.
    pub fn restart(&mut self) {
        self.kill();
        self.launch();
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new(from_env_or("CKG_ISQL", "isql-vt"))
                .arg(format!("127.0.0.1:{}", self.sql_port))
                .args([VIRTUOSO_USER, VIRTUOSO_PASSWORD, "exec=shutdown;"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            reap(&mut c, Duration::from_secs(20));
        }
    }
}
