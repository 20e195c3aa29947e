//! HTTP/1.1 on one connection, as little as the server needs: reading a request (head parsed by
//! `httparse`, bodies by Content-Length, gzip request bodies decoded, every size capped), and
//! writing answers, whole (Content-Length) or streamed (chunked, gzip when asked).
//!
//! Why not a server crate: an answer cut by a limit must never look complete. `tiny_http`'s
//! chunked encoder writes the final chunk when dropped, so an aborted answer would end cleanly.
//! Here [`Streamer`] buffers the first [`COMMIT_AFTER`] bytes (an error until then is a proper
//! error status) and, once streaming, an error closes the connection without the terminating
//! chunk: every client sees a broken transfer, not an answer.

use oxigraph::sparql::CancellationToken;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Bytes of an answer held back before the status is sent: answers smaller than this are
/// sent whole with Content-Length, and any error before it is an error status.
pub(super) const COMMIT_AFTER: usize = 1 << 20;
/// The longest request head (request line and headers).
pub(super) const MAX_HEAD: usize = 16 * 1024;
/// How long an idle kept-alive connection waits for its next request.
pub(super) const IDLE: Duration = Duration::from_secs(5);

/// A request, read whole.
pub(super) struct Request {
    pub(super) method: String,
    /// The path, percent-decoded, without the query string.
    pub(super) path: String,
    /// The query string's parameters, decoded, in order.
    pub(super) params: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
    pub(super) keep_alive: bool,
}

impl Request {
    /// The first value of a header (names are case-insensitive).
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn has_param(&self, name: &str) -> bool {
        self.params.iter().any(|(n, _)| n == name)
    }

    /// The media type of the body, lower case, without parameters.
    pub(super) fn content_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// Why a request could not be read; each is answered with its status, then the connection is
/// closed.
#[derive(Debug)]
pub(super) enum ReadError {
    /// The client closed the connection, or was idle too long: nothing to answer.
    Closed,
    Bad(u16, String),
}

fn bad(status: u16, message: impl Into<String>) -> ReadError {
    ReadError::Bad(status, message.into())
}

/// Reads one request; `max_body` caps the body (after gzip decoding too).
pub(super) fn read_request(
    reader: &mut BufReader<TcpStream>,
    max_body: usize,
) -> Result<Request, ReadError> {
    let mut head = Vec::with_capacity(1024);
    loop {
        let available = match reader.fill_buf() {
            Ok([]) => return Err(ReadError::Closed),
            Ok(b) => b,
            Err(e) if head.is_empty() => return Err(classify_io(e)),
            Err(_) => return Err(bad(408, "the request head did not arrive in time")),
        };
        // Copy up to the end of the head ("\r\n\r\n"), never beyond; the end may straddle
        // two reads, so the search starts three bytes back.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(available);
        let end = head[from..]
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| from + i + 4);
        let done = end.is_some();
        let used = match end {
            Some(end) => {
                let used = available.len() - (head.len() - end);
                head.truncate(end);
                used
            }
            None => available.len(),
        };
        reader.consume(used);
        if done {
            break;
        }
        if head.len() > MAX_HEAD {
            return Err(bad(
                431,
                format!("the request head is over {MAX_HEAD} bytes"),
            ));
        }
    }
    if head.len() > MAX_HEAD {
        return Err(bad(
            431,
            format!("the request head is over {MAX_HEAD} bytes"),
        ));
    }
    let mut header_buf = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut header_buf);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(bad(400, "incomplete request head")),
        Err(e) => return Err(bad(400, format!("malformed request: {e}"))),
    }
    let method = parsed.method.unwrap_or("GET").to_string();
    let target = parsed.path.unwrap_or("/").to_string();
    let version = parsed.version.unwrap_or(1);
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).trim().to_string(),
            )
        })
        .collect();
    let (raw_path, raw_query) = target.split_once('?').unwrap_or((&target, ""));
    let mut request = Request {
        method,
        path: percent_decode(raw_path, false),
        params: parse_form(raw_query),
        headers,
        body: Vec::new(),
        keep_alive: false,
    };
    let connection = request.header("connection").map(str::to_ascii_lowercase);
    request.keep_alive = match version {
        0 => connection
            .as_deref()
            .is_some_and(|c| c.contains("keep-alive")),
        _ => !connection.as_deref().is_some_and(|c| c.contains("close")),
    };
    if request
        .header("transfer-encoding")
        .is_some_and(|t| !t.eq_ignore_ascii_case("identity"))
    {
        return Err(bad(
            411,
            "chunked request bodies are not accepted: send the body with Content-Length",
        ));
    }
    let length = match request.header("content-length") {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| bad(400, format!("Content-Length `{v}` is not a number")))?,
    };
    if length > max_body {
        return Err(bad(
            413,
            format!("the request body is {length} bytes; this server takes at most {max_body}"),
        ));
    }
    if length > 0 {
        if request
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
        {
            let _ = reader.get_mut().write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }
        let mut body = vec![0; length];
        reader
            .read_exact(&mut body)
            .map_err(|_| bad(400, "the request body ended before its Content-Length"))?;
        request.body = body;
    }
    match request
        .header("content-encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => {
            let mut decoded = Vec::new();
            flate2::read::GzDecoder::new(&request.body[..])
                .take(max_body as u64 + 1)
                .read_to_end(&mut decoded)
                .map_err(|e| bad(400, format!("the gzip request body is corrupt: {e}")))?;
            if decoded.len() > max_body {
                return Err(bad(
                    413,
                    format!("the decoded request body is over {max_body} bytes"),
                ));
            }
            request.body = decoded;
        }
        Some(other) => {
            return Err(bad(
                415,
                format!("Content-Encoding `{other}` is not supported (use gzip or none)"),
            ));
        }
    }
    Ok(request)
}

/// An error before any byte of a request: the client went away or stayed idle too long.
fn classify_io(_e: io::Error) -> ReadError {
    ReadError::Closed
}

/// `application/x-www-form-urlencoded` (also a query string) → pairs, decoded.
pub(super) fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// Decodes `%XX` (and `+` as a space in forms); invalid escapes are kept as they are.
pub(super) fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        303 => "See Other",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// An answer held whole in memory.
pub(super) struct Response {
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

impl Response {
    pub(super) fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A plain-text error message (every error of this server is one line a person can act on).
    pub(super) fn error(status: u16, message: impl std::fmt::Display) -> Self {
        Self::new(status, "text/plain; charset=utf-8", format!("{message}\n"))
    }

    pub(super) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// What every answer on a connection carries (CORS, keep-alive), set once per request.
#[derive(Clone)]
pub(super) struct Common {
    pub(super) headers: Vec<(String, String)>,
    pub(super) keep_alive: bool,
    pub(super) head_only: bool,
    pub(super) gzip: bool,
}

fn write_head(
    out: &mut impl Write,
    status: u16,
    headers: &[(String, String)],
    common: &Common,
    framing: &str,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (n, v) in headers.iter().chain(&common.headers) {
        head.push_str(n);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str(framing);
    head.push_str(if common.keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    out.write_all(head.as_bytes())
}

/// Sends a whole answer (gzip-compressed if the client asked and it is worth it).
pub(super) fn send(
    out: &mut impl Write,
    mut response: Response,
    common: &Common,
) -> io::Result<()> {
    if common.gzip && response.body.len() > 512 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&response.body)?;
        response.body = gz.finish()?;
        response
            .headers
            .push(("Content-Encoding".into(), "gzip".into()));
    }
    if common.gzip {
        response
            .headers
            .push(("Vary".into(), "Accept, Accept-Encoding".into()));
    }
    let framing = format!("Content-Length: {}\r\n", response.body.len());
    write_head(out, response.status, &response.headers, common, &framing)?;
    if !common.head_only {
        out.write_all(&response.body)?;
    }
    out.flush()
}

/// A `200` answer written as it is produced: held back until [`COMMIT_AFTER`] bytes (then sent
/// whole with Content-Length by [`Streamer::finish`]), streamed in chunks after that. Dropping a
/// streamer that has begun streaming without `finish` leaves the transfer unterminated; the
/// caller then closes the connection.
pub(super) struct Streamer<'a, W: Write> {
    out: &'a mut W,
    headers: Vec<(String, String)>,
    common: Common,
    held: Vec<u8>,
    gzip: Option<flate2::write::GzEncoder<Vec<u8>>>,
    streaming: bool,
}

impl<'a, W: Write> Streamer<'a, W> {
    pub(super) fn new(out: &'a mut W, headers: Vec<(String, String)>, common: Common) -> Self {
        let gzip = common
            .gzip
            .then(|| flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast()));
        Self {
            out,
            headers,
            common,
            held: Vec::new(),
            gzip,
            streaming: false,
        }
    }

    /// Whether the status line has gone out (an error now can only abort the transfer).
    pub(super) fn is_streaming(&self) -> bool {
        self.streaming
    }

    fn start_streaming(&mut self) -> io::Result<()> {
        let mut headers = std::mem::take(&mut self.headers);
        if self.gzip.is_some() {
            headers.push(("Content-Encoding".into(), "gzip".into()));
            headers.push(("Vary".into(), "Accept, Accept-Encoding".into()));
        }
        write_head(
            self.out,
            200,
            &headers,
            &self.common,
            "Transfer-Encoding: chunked\r\n",
        )?;
        self.streaming = true;
        let held = std::mem::take(&mut self.held);
        self.chunk(&held)
    }

    fn chunk(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.is_empty() || self.common.head_only {
            return Ok(());
        }
        write!(self.out, "{:x}\r\n", bytes.len())?;
        self.out.write_all(bytes)?;
        self.out.write_all(b"\r\n")
    }

    /// Ends the answer: whole with Content-Length if it never streamed, else the last chunk.
    pub(super) fn finish(mut self) -> io::Result<()> {
        if let Some(gz) = self.gzip.take() {
            let tail = gz.finish()?;
            self.held.extend_from_slice(&tail);
        }
        if !self.streaming {
            let mut headers = std::mem::take(&mut self.headers);
            if self.common.gzip {
                headers.push(("Content-Encoding".into(), "gzip".into()));
                headers.push(("Vary".into(), "Accept, Accept-Encoding".into()));
            }
            let framing = format!("Content-Length: {}\r\n", self.held.len());
            write_head(self.out, 200, &headers, &self.common, &framing)?;
            if !self.common.head_only {
                self.out.write_all(&self.held)?;
            }
            return self.out.flush();
        }
        let held = std::mem::take(&mut self.held);
        self.chunk(&held)?;
        if !self.common.head_only {
            self.out.write_all(b"0\r\n\r\n")?;
        }
        self.out.flush()
    }
}

impl<W: Write> Write for Streamer<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.gzip {
            Some(gz) => {
                gz.write_all(buf)?;
                let produced = std::mem::take(gz.get_mut());
                self.held.extend_from_slice(&produced);
            }
            None => self.held.extend_from_slice(buf),
        }
        if self.held.len() >= COMMIT_AFTER || (self.streaming && self.held.len() >= 64 * 1024) {
            if self.streaming {
                let held = std::mem::take(&mut self.held);
                self.chunk(&held)?;
            } else {
                self.start_streaming()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Cancels a query when its client closes the connection: every [`super::DISCONNECT_CHECK`]
/// the timer thread peeks at the socket (without reading), until this is dropped.
pub(super) struct DisconnectWatch {
    state: Arc<Mutex<Watch>>,
}

enum Watch {
    /// The next look, once scheduled.
    Waiting(Option<crate::timer::Scheduled>),
    Done,
}

impl Drop for DisconnectWatch {
    fn drop(&mut self) {
        let next = std::mem::replace(
            &mut *self.state.lock().unwrap_or_else(|e| e.into_inner()),
            Watch::Done,
        );
        drop(next); // outside the lock: this takes the timer's
    }
}

/// Starts watching `stream` for its client going away; `token` is cancelled if it does.
pub(super) fn cancel_on_disconnect(
    stream: &TcpStream,
    token: CancellationToken,
) -> DisconnectWatch {
    let state = Arc::new(Mutex::new(Watch::Waiting(None)));
    if let Ok(socket) = stream.try_clone() {
        look_later(&state, socket, token);
    }
    DisconnectWatch { state }
}

fn look_later(state: &Arc<Mutex<Watch>>, socket: TcpStream, token: CancellationToken) {
    let shared = Arc::clone(state);
    let next = crate::timer::after(super::DISCONNECT_CHECK, move || {
        if matches!(
            *shared.lock().unwrap_or_else(|e| e.into_inner()),
            Watch::Done
        ) {
            return;
        }
        if peer_closed(&socket) {
            token.cancel();
        } else {
            look_later(&shared, socket, token);
        }
    });
    let mut guard = state.lock().unwrap_or_else(|e| e.into_inner());
    let old = match &mut *guard {
        Watch::Waiting(slot) => std::mem::replace(slot, next),
        Watch::Done => next, // finished meanwhile: drop the new look
    };
    drop(guard);
    drop(old);
}

/// Whether the client has closed (or reset) the connection: a peek that reads nothing means
/// end of stream, where a client that waits for its answer leaves nothing to read, and a client
/// that sent its next request already leaves bytes. (A client that half-closes its side after
/// the request counts as gone; HTTP clients do not.)
#[cfg(unix)]
#[expect(
    unsafe_code,
    reason = "a peek that must not block needs MSG_DONTWAIT (O_NONBLOCK would change the \
              socket for the worker too)"
)]
fn peer_closed(socket: &TcpStream) -> bool {
    use std::os::unix::io::AsRawFd;
    let mut byte = [0u8; 1];
    // SAFETY: recv(2) into a 1-byte buffer we own, on a descriptor `socket` keeps open.
    let n = unsafe {
        libc::recv(
            socket.as_raw_fd(),
            byte.as_mut_ptr().cast(),
            1,
            libc::MSG_PEEK | libc::MSG_DONTWAIT,
        )
    };
    match n {
        0 => true,
        n if n > 0 => false,
        _ => !matches!(
            io::Error::last_os_error().kind(),
            io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
        ),
    }
}

#[cfg(not(unix))]
fn peer_closed(_socket: &TcpStream) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_query_strings_are_decoded() {
        assert_eq!(
            parse_form("query=SELECT+%3Fs%20WHERE&default"),
            vec![
                ("query".to_string(), "SELECT ?s WHERE".to_string()),
                ("default".to_string(), String::new())
            ]
        );
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%e2%82%ac+", false), "€+");
    }

    fn common(gzip: bool) -> Common {
        Common {
            headers: vec![],
            keep_alive: false,
            head_only: false,
            gzip,
        }
    }

    #[test]
    fn a_small_answer_is_sent_whole_and_a_big_one_in_chunks() {
        let mut out = Vec::new();
        let mut s = Streamer::new(&mut out, vec![], common(false));
        s.write_all(b"hello").unwrap();
        s.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Content-Length: 5\r\n") && text.ends_with("\r\n\r\nhello"));

        let mut out = Vec::new();
        let mut s = Streamer::new(&mut out, vec![], common(false));
        s.write_all(&vec![b'x'; COMMIT_AFTER + 10]).unwrap();
        assert!(s.is_streaming());
        s.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Transfer-Encoding: chunked") && text.ends_with("\r\n0\r\n\r\n"));
    }

    #[test]
    fn a_streamed_answer_dropped_without_finish_has_no_last_chunk() {
        let mut out = Vec::new();
        let mut s = Streamer::new(&mut out, vec![], common(true));
        s.write_all(&vec![b'x'; 4 * COMMIT_AFTER]).unwrap();
        drop(s);
        assert!(!out.ends_with(b"0\r\n\r\n"));
    }
}
