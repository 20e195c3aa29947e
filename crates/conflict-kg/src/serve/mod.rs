//! `ckg serve`: the store over HTTP, read-only. This file: the configuration, the listening
//! socket, the bounded pool of workers and the routes; `http.rs`: one connection's requests and
//! answers; `negotiate.rs`: `Accept`; `sparql.rs`: the SPARQL Protocol and GSP reads;
//! `reload.rs`: reopening the store when a writer changed it; `cache.rs`: answers kept for the
//! same question on the same data; `ld.rs`: instance IRIs as Linked Data; `page.rs`: the web
//! page and its bundled assets.
//!
//! Model (as oxigraph's own server, synchronous): one acceptor thread hands connections to a
//! bounded pool of `workers` threads through a queue of `queue` places. A connection is served
//! by one worker at a time, so a slow query holds one worker and the others go on answering;
//! when every worker is busy and the queue is full, a new connection gets `503` at once instead
//! of waiting unseen. A worker closes a kept-alive connection after its answer when others wait.
//! The default pool is four workers per core, at least 16 ([`default_workers`]): queries are
//! CPU-bound and single-threaded, so more workers than cores does not add throughput, but it
//! lets the kernel share the CPU between a slow query and the fast ones behind it instead of
//! queueing them (with 8 workers, 16 clients waited in turn; see `bench/RESULTS-serve.md`).
//!
//! Two things a worker cannot do alone, done by the process's timer thread (`timer.rs`) while
//! a query runs: a second after the time limit, answer `503` itself if the query (computing in
//! memory, where oxigraph never looks at its cancellation) has written nothing, and put a new
//! worker in the pool in place of the stuck one, which leaves the pool when its query ends
//! (at most `workers` such at once); and every [`DISCONNECT_CHECK`], look whether the client
//! has closed its connection, and cancel its query if so.

mod cache;
mod http;
mod ld;
mod negotiate;
mod page;
mod reload;
mod sparql;

use reload::LiveStore;
pub use reload::POLL;

use crate::iri::Base;
use crate::limits::QueryLimits;
use crate::store::StoreError;
use http::{Common, ReadError, Response};
use std::io::{BufReader, BufWriter, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// How often a running query's connection is looked at for a client that went away.
pub const DISCONNECT_CHECK: Duration = Duration::from_millis(200);

/// The default pool: four workers per core, at least 16.
pub fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 4)
        .max(16)
}

/// What `ckg serve` was asked for.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// `Access-Control-Allow-Origin` for every answer (`*` or one origin); `None`: no CORS.
    pub cors: Option<String>,
    /// Per query: time limit and row cap.
    pub limits: QueryLimits,
    /// Threads answering requests (each runs one query at a time); [`default_workers`] unless
    /// set.
    pub workers: usize,
    /// Connections waiting for a worker before new ones get `503`.
    pub queue: usize,
    /// Largest request body (form or query), after gzip decoding.
    pub max_body: usize,
    /// Largest query text.
    pub max_query: usize,
    pub base: Base,
    /// Named queries for the web page: (file name, text), from `queries/`.
    pub named_queries: Vec<(String, String)>,
    /// Bytes of answers kept for the same query on the same data (`cache.rs`); 0: none.
    pub cache_bytes: usize,
}

impl Config {
    pub fn new(bind: SocketAddr, base: Base) -> Self {
        Self {
            bind,
            cors: None,
            limits: QueryLimits {
                timeout: Some(Duration::from_secs(30)),
                max_rows: Some(100_000),
                allow_service: false,
            },
            workers: default_workers(),
            queue: 64,
            max_body: 1 << 20,
            max_query: 64 * 1024,
            base,
            named_queries: Vec::new(),
            cache_bytes: 64 << 20,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot serve the store: {0}")]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the server's threads: {0}")]
    Thread(#[source] std::io::Error),
    #[error("cannot read the named queries in {path}: {source}")]
    Queries {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What every worker reads.
struct Shared {
    config: Config,
    live: Arc<LiveStore>,
    /// `query::evaluator` (prefixes, GeoSPARQL functions), built once and cloned per query.
    evaluator: oxigraph::sparql::SparqlEvaluator,
    /// Answers kept per store generation.
    cache: cache::Cache,
    /// Connections queued for a worker.
    waiting: AtomicUsize,
    /// Where workers take connections from.
    queue: Mutex<mpsc::Receiver<TcpStream>>,
    /// The acceptor's end of the queue, until `run` takes it.
    accepted: Mutex<Option<mpsc::SyncSender<TcpStream>>>,
    /// Workers replaced while stuck in a query past its limit, not yet ended.
    stuck: AtomicUsize,
    /// Numbers the worker threads.
    spawned: AtomicUsize,
}

/// How a route answered.
enum Reply {
    /// Answer whole (the connection layer sends it).
    Whole(Response),
    /// Already written, complete.
    Sent,
    /// Written in part and cut (a limit or an error after streaming began): the connection
    /// must be closed without ending the transfer.
    Aborted,
}

impl From<Response> for Reply {
    fn from(r: Response) -> Self {
        Reply::Whole(r)
    }
}

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

impl Server {
    /// Opens the store read-only and binds the address (port 0 picks a free one).
    pub fn bind(store: &Path, config: Config) -> Result<Self, ServeError> {
        let live = Arc::new(LiveStore::open(store)?);
        let listener = TcpListener::bind(config.bind).map_err(|source| ServeError::Bind {
            addr: config.bind,
            source,
        })?;
        let (send, receive) = mpsc::sync_channel::<TcpStream>(config.queue);
        Ok(Self {
            listener,
            shared: Arc::new(Shared {
                evaluator: crate::query::evaluator(&config.base),
                cache: cache::Cache::new(config.cache_bytes),
                config,
                live,
                waiting: AtomicUsize::new(0),
                queue: Mutex::new(receive),
                accepted: Mutex::new(Some(send)),
                stuck: AtomicUsize::new(0),
                spawned: AtomicUsize::new(0),
            }),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends.
    pub fn run(self) -> Result<(), ServeError> {
        self.shared.live.watch().map_err(ServeError::Thread)?;
        let Some(send) = self
            .shared
            .accepted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        else {
            return Ok(());
        };
        for _ in 0..self.shared.config.workers.max(1) {
            spawn_worker(&self.shared).map_err(ServeError::Thread)?;
        }
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = stream.set_nodelay(true);
            self.shared.waiting.fetch_add(1, Ordering::SeqCst);
            if let Err(
                mpsc::TrySendError::Full(stream) | mpsc::TrySendError::Disconnected(stream),
            ) = send.try_send(stream)
            {
                self.shared.waiting.fetch_sub(1, Ordering::SeqCst);
                busy(stream, &self.shared.config);
            }
        }
        Ok(())
    }
}

/// Starts one worker: it serves connections from the queue until it is told it was replaced.
fn spawn_worker(shared: &Arc<Shared>) -> std::io::Result<()> {
    let shared = Arc::clone(shared);
    let i = shared.spawned.fetch_add(1, Ordering::SeqCst);
    std::thread::Builder::new()
        .name(format!("ckg-serve-{i}"))
        .spawn(move || {
            let replaced = Arc::new(AtomicBool::new(false));
            loop {
                let next = shared
                    .queue
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .recv();
                let Ok(stream) = next else { return };
                shared.waiting.fetch_sub(1, Ordering::SeqCst);
                serve_connection(&shared, stream, &replaced);
                if replaced.load(Ordering::SeqCst) {
                    // Another worker took this one's place while its query overran.
                    shared.stuck.fetch_sub(1, Ordering::SeqCst);
                    return;
                }
            }
        })
        .map(|_| ())
}

/// Every worker busy and the queue full: say so at once.
fn busy(mut stream: TcpStream, config: &Config) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let response = Response::error(
        503,
        format!(
            "the server is busy: {} queries are running and {} connections wait; try again",
            config.workers, config.queue
        ),
    )
    .with_header("Retry-After", "1");
    let common = Common {
        headers: Vec::new(),
        keep_alive: false,
        head_only: false,
        gzip: false,
    };
    let _ = http::send(&mut stream, response, &common);
}

/// Who answers the current request: the worker, or (when the query overran its limit without
/// noticing) the deadline on the timer thread, whose `503` then goes out first and alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Turn {
    Idle,
    Worker,
    Deadline,
}

/// The connection's writer, which gives way to the deadline's answer.
struct Guarded {
    inner: BufWriter<TcpStream>,
    turn: Arc<Mutex<Turn>>,
}

impl Write for Guarded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        {
            let mut turn = self.turn.lock().unwrap_or_else(|e| e.into_inner());
            if *turn == Turn::Deadline {
                return Err(std::io::Error::other("the time limit already answered"));
            }
            *turn = Turn::Worker;
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// oxigraph stops a query only where it checks its cancellation token; one computing in memory
/// runs past its limit. One second after the limit, if the worker has written nothing, this
/// answers the `503` itself and closes the connection (the worker's own answer, when it comes,
/// is dropped), and starts a worker in place of the stuck one (which then ends with its query),
/// unless `workers` are stuck already. Cancelled when dropped (the request was answered).
fn deadline(
    shared: &Arc<Shared>,
    stream: &TcpStream,
    turn: &Arc<Mutex<Turn>>,
    replaced: &Arc<AtomicBool>,
    limit: Duration,
    common: &Common,
) -> Option<crate::timer::Scheduled> {
    let mut socket = stream.try_clone().ok()?;
    let turn = Arc::clone(turn);
    let replaced = Arc::clone(replaced);
    let shared = Arc::clone(shared);
    let common = Common {
        keep_alive: false,
        ..common.clone()
    };
    crate::timer::after(limit + Duration::from_secs(1), move || {
        let mut turn = turn.lock().unwrap_or_else(|e| e.into_inner());
        if *turn != Turn::Idle {
            return;
        }
        *turn = Turn::Deadline;
        drop(turn);
        let _ = socket.set_write_timeout(Some(Duration::from_secs(1)));
        let e = crate::limits::LimitError::Timeout { limit };
        let _ = http::send(&mut socket, Response::error(503, e), &common);
        let _ = socket.shutdown(std::net::Shutdown::Both);
        let room = shared
            .stuck
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < shared.config.workers).then_some(n + 1)
            })
            .is_ok();
        if room {
            if spawn_worker(&shared).is_ok() {
                replaced.store(true, Ordering::SeqCst);
            } else {
                shared.stuck.fetch_sub(1, Ordering::SeqCst);
            }
        }
    })
}

fn serve_connection(shared: &Arc<Shared>, stream: TcpStream, replaced: &Arc<AtomicBool>) {
    let _ = stream.set_read_timeout(Some(http::IDLE));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(60)));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = Guarded {
        inner: BufWriter::with_capacity(64 * 1024, stream),
        turn: Arc::new(Mutex::new(Turn::Idle)),
    };
    loop {
        let request = match http::read_request(&mut reader, shared.config.max_body) {
            Ok(r) => r,
            Err(ReadError::Closed) => break,
            Err(ReadError::Bad(status, message)) => {
                let common = common_headers(shared, None, false, false, false);
                let _ = http::send(&mut writer, Response::error(status, message), &common);
                break;
            }
        };
        let keep_alive = request.keep_alive && shared.waiting.load(Ordering::SeqCst) == 0;
        let common = common_headers(
            shared,
            request.header("origin"),
            keep_alive,
            request.method == "HEAD",
            negotiate::accepts_gzip(request.header("accept-encoding")),
        );
        writer.turn = Arc::new(Mutex::new(Turn::Idle));
        let _deadline = match (shared.config.limits.timeout, request.path.as_str()) {
            (Some(limit), "/sparql" | "/query") => deadline(
                shared,
                writer.inner.get_ref(),
                &writer.turn,
                replaced,
                limit,
                &common,
            ),
            _ => None,
        };
        let peer = writer.inner.get_ref().try_clone().ok();
        let reply = route(shared, &request, &mut writer, &common, peer.as_ref());
        let ok = match reply {
            Ok(Reply::Whole(response)) => http::send(&mut writer, response, &common).is_ok(),
            Ok(Reply::Sent) => writer.flush().is_ok(),
            Ok(Reply::Aborted) | Err(_) => {
                let _ = writer.flush();
                let _ = writer.inner.get_ref().shutdown(std::net::Shutdown::Both);
                false
            }
        };
        if !ok || !keep_alive || replaced.load(Ordering::SeqCst) {
            break;
        }
    }
}

fn common_headers(
    shared: &Shared,
    _origin: Option<&str>,
    keep_alive: bool,
    head_only: bool,
    gzip: bool,
) -> Common {
    let mut headers = vec![("Server".to_string(), "ckg-serve".to_string())];
    if let Some(cors) = &shared.config.cors {
        headers.push(("Access-Control-Allow-Origin".into(), cors.clone()));
        if cors != "*" {
            headers.push(("Vary".into(), "Origin".into()));
        }
        headers.push((
            "Access-Control-Expose-Headers".into(),
            "X-SPARQL-MaxRows, X-CKG-Truncated, X-CKG-Limit".into(),
        ));
    }
    Common {
        headers,
        keep_alive,
        head_only,
        gzip,
    }
}

/// `peer`: the connection itself (a clone), to notice a client that goes away.
fn route(
    shared: &Shared,
    req: &http::Request,
    out: &mut impl Write,
    common: &Common,
    peer: Option<&TcpStream>,
) -> std::io::Result<Reply> {
    if req.method == "OPTIONS" {
        let mut r = Response::new(204, "text/plain", Vec::new())
            .with_header("Allow", "GET, HEAD, POST, OPTIONS");
        if shared.config.cors.is_some() {
            r = r
                .with_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
                .with_header(
                    "Access-Control-Allow-Headers",
                    req.header("access-control-request-headers")
                        .unwrap_or("Content-Type, Accept"),
                )
                .with_header("Access-Control-Max-Age", "600");
        }
        return Ok(r.into());
    }
    match req.path.as_str() {
        "/sparql" | "/query" => sparql::endpoint(shared, req, out, common, peer),
        "/store" => sparql::graph_store(shared, req, out, common),
        "/update" => Ok(Response::error(
            403,
            "this server is read-only: there is no update endpoint",
        )
        .into()),
        path => {
            if let Some(reply) = page::route(shared, req, path) {
                return Ok(reply);
            }
            if let Some(reply) = ld::route(shared, req, path)? {
                return Ok(reply);
            }
            Ok(Response::error(404, format!("nothing at {path}")).into())
        }
    }
}

/// The named queries of a folder (`*.rq`, sorted, subfolders as `geo/…`), for the web page.
pub fn named_queries(dir: &Path) -> Result<Vec<(String, String)>, ServeError> {
    let mut found = Vec::new();
    collect_queries(dir, dir, &mut found).map_err(|source| ServeError::Queries {
        path: dir.to_path_buf(),
        source,
    })?;
    found.sort();
    Ok(found)
}

fn collect_queries(
    root: &Path,
    dir: &Path,
    found: &mut Vec<(String, String)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "expected") {
                collect_queries(root, &path, found)?;
            }
        } else if path.extension().is_some_and(|e| e == "rq") {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            found.push((name, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}
