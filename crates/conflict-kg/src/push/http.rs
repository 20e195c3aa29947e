//! The HTTP side of `ckg push`: one blocking client (ureq) that sends whole bodies with
//! `Content-Length` (never chunked: Virtuoso answers 201 to a chunked body and stores
//! nothing), authenticates (Basic, Bearer, or Digest answered from the server's challenge), and
//! retries connection errors and 5xx answers with exponential backoff. A caller gets a 2xx
//! answer or a [`Failure`]; `mod.rs` says which graph and which step it was.

use super::digest::{self, Challenge};
use base64::Engine;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;
use ureq::http::{self, HeaderMap, Uri};

/// How to authenticate to the server. The secrets come from the environment (the CLI's
/// `--password-env`), never from a command line; `Debug` does not show them.
#[derive(Clone, Default)]
pub enum Auth {
    #[default]
    None,
    /// `Authorization: Basic`, sent with every request (use it over https).
    Basic { user: String, password: String },
    /// HTTP Digest (RFC 7616): the first request learns the server's challenge.
    Digest { user: String, password: String },
    /// `Authorization: Bearer TOKEN` (QLever's access token, GraphDB/Fuseki behind a proxy).
    Bearer { token: String },
}

impl Auth {
    /// The scheme's name, for messages.
    pub fn scheme(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Basic { .. } => "Basic",
            Self::Digest { .. } => "Digest",
            Self::Bearer { .. } => "Bearer",
        }
    }

    pub fn user(&self) -> Option<&str> {
        match self {
            Self::Basic { user, .. } | Self::Digest { user, .. } => Some(user),
            _ => None,
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.user() {
            Some(user) => write!(f, "{}(user {user:?}, password hidden)", self.scheme()),
            None if matches!(self, Self::Bearer { .. }) => f.write_str("Bearer(token hidden)"),
            None => f.write_str("None"),
        }
    }
}

/// When to try a request again: connection errors and 5xx answers, `attempts` times in all,
/// waiting `first_delay`, then twice as long each time up to `max_delay`.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub attempts: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for Retry {
    /// Six attempts over 15.5 s (0.5 + 1 + 2 + 4 + 8): long enough for a server restart.
    fn default() -> Self {
        Self {
            attempts: 6,
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
        }
    }
}

/// One request to make.
pub(crate) struct Request<'a> {
    pub(crate) method: &'static str,
    pub(crate) url: &'a str,
    pub(crate) content_type: Option<&'a str>,
    pub(crate) accept: Option<&'a str>,
    pub(crate) body: &'a [u8],
}

/// A server's answer, body read whole (answers are small: counts and error pages).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// "404 Not Found", "401 Unauthorized"…
    pub(crate) fn status_line(&self) -> String {
        let reason = http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        format!("{} {reason}", self.status).trim_end().to_owned()
    }

    /// The server's message, for errors: the body as text (tags of an HTML page dropped,
    /// white space collapsed), at most 400 characters.
    pub(crate) fn message(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let mut out = String::new();
        let mut in_tag = false;
        let html = self
            .header("content-type")
            .is_some_and(|c| c.contains("html"))
            || text.trim_start().starts_with('<');
        for c in text.chars() {
            match c {
                '<' if html => in_tag = true,
                '>' if html && in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if in_tag => {}
                c => out.push(c),
            }
        }
        let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
        match collapsed.char_indices().nth(400) {
            Some((i, _)) => format!("{}…", &collapsed[..i]),
            None => collapsed,
        }
    }

    /// The authentication schemes the server's `WWW-Authenticate` headers ask for, e.g.
    /// `Digest realm="SPARQL"`.
    pub(crate) fn challenges(&self) -> Vec<String> {
        self.headers
            .get_all("www-authenticate")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(digest::parse_challenges)
            .map(|c| match c.param("realm") {
                Some(realm) => format!("{} realm=\"{realm}\"", c.scheme),
                None => c.scheme,
            })
            .collect()
    }

    fn digest_challenge(&self) -> Option<Challenge> {
        self.headers
            .get_all("www-authenticate")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(digest::parse_challenges)
            .find_map(|c| Challenge::from_raw(&c).ok())
    }
}

/// Why a request did not get a 2xx answer.
#[derive(Debug)]
pub(crate) enum Failure {
    /// No answer: the connection failed every time.
    Unreachable { attempts: u32, source: ureq::Error },
    /// An answer that is not 2xx (5xx ones after every attempt).
    Status { attempts: u32, answer: Box<Answer> },
}

/// A Digest nonce and how many requests used it.
struct DigestState {
    challenge: Challenge,
    nc: u32,
}

/// The push client: one connection pool, the authentication, the retry policy.
pub struct Client {
    agent: ureq::Agent,
    auth: Auth,
    retry: Retry,
    digest: Mutex<Option<DigestState>>,
}

/// Bodies above this size are not sent blind to a Digest server: a HEAD learns its challenge
/// first, so a big batch is not sent once only to be refused.
const PROBE_ABOVE: usize = 64 * 1024;
/// A write that makes no progress for this long means the server stopped reading: fail (and
/// retry) instead of hanging, as a push to Virtuoso once did with a 500,000-triple body.
const STALLED_WRITE: Duration = Duration::from_secs(120);
/// How long a server may take to answer once the whole body is sent: it loads the batch first
/// (a 100,000-triple batch takes Virtuoso about 2 s here), so this is generous.
const ANSWER_WAIT: Duration = Duration::from_secs(900);
/// The most of an answer's body read (counts are a few hundred bytes; error pages a few kB).
const ANSWER_LIMIT: u64 = 16 * 1024 * 1024;

impl Client {
    pub fn new(auth: Auth, retry: Retry) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_per_write(Some(STALLED_WRITE))
            .timeout_recv_response(Some(ANSWER_WAIT))
            .user_agent(concat!(
                "ckg/",
                env!("CARGO_PKG_VERSION"),
                " (conflict-kg push)"
            ))
            .build();
        Self {
            agent: config.new_agent(),
            auth,
            retry,
            digest: Mutex::new(None),
        }
    }

    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    pub fn retry(&self) -> Retry {
        self.retry
    }

    /// Sends a request until it gets a 2xx answer, retrying connection errors and 5xx answers;
    /// `on_retry(attempt, attempts, delay, why)` is told before each wait.
    pub(crate) fn send(
        &self,
        req: &Request<'_>,
        on_retry: &mut dyn FnMut(u32, u32, Duration, &str),
    ) -> Result<Answer, Failure> {
        let attempts = self.retry.attempts.max(1);
        let mut delay = self.retry.first_delay;
        let mut attempt = 1;
        loop {
            let result = self.send_once(req);
            let why = match &result {
                Err(e) if retryable(e) => Some(e.to_string()),
                Ok(a) if a.status >= 500 => Some(a.status_line()),
                _ => None,
            };
            match why {
                Some(why) if attempt < attempts => {
                    on_retry(attempt, attempts, delay, &why);
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(self.retry.max_delay);
                    attempt += 1;
                }
                _ => {
                    return match result {
                        Err(source) => Err(Failure::Unreachable {
                            attempts: attempt,
                            source,
                        }),
                        Ok(a) if (200..300).contains(&a.status) => Ok(a),
                        Ok(answer) => Err(Failure::Status {
                            attempts: attempt,
                            answer: Box::new(answer),
                        }),
                    };
                }
            }
        }
    }

    /// One exchange, with the Digest dance when needed: a request without a known nonce gets
    /// 401 and a challenge, and is sent again answering it (so is one whose nonce went stale).
    fn send_once(&self, req: &Request<'_>) -> Result<Answer, ureq::Error> {
        if let Auth::Digest { .. } = self.auth {
            let known = self.digest.lock().expect("not poisoned").is_some();
            if !known && req.body.len() > PROBE_ABOVE {
                let probe = Request {
                    method: "HEAD",
                    url: req.url,
                    content_type: None,
                    accept: None,
                    body: &[],
                };
                let answer = self.exchange(&probe, None)?;
                self.learn_challenge(&answer);
            }
        }
        let mut first = true;
        loop {
            let authorization = self.authorization(req);
            let sent_credentials = authorization.is_some();
            let answer = self.exchange(req, authorization)?;
            if first && answer.status == 401 && matches!(self.auth, Auth::Digest { .. }) {
                if let Some(ch) = answer.digest_challenge() {
                    let again = !sent_credentials || ch.stale;
                    *self.digest.lock().expect("not poisoned") = Some(DigestState {
                        challenge: ch,
                        nc: 0,
                    });
                    if again {
                        first = false;
                        continue;
                    }
                }
            }
            return Ok(answer);
        }
    }

    fn learn_challenge(&self, answer: &Answer) {
        if answer.status == 401 {
            if let Some(ch) = answer.digest_challenge() {
                *self.digest.lock().expect("not poisoned") = Some(DigestState {
                    challenge: ch,
                    nc: 0,
                });
            }
        }
    }

    /// The `Authorization` header for a request, if there is one to send.
    fn authorization(&self, req: &Request<'_>) -> Option<String> {
        match &self.auth {
            Auth::None => None,
            Auth::Basic { user, password } => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            )),
            Auth::Bearer { token } => Some(format!("Bearer {token}")),
            Auth::Digest { user, password } => {
                let mut state = self.digest.lock().expect("not poisoned");
                let state = state.as_mut()?;
                state.nc += 1;
                Some(state.challenge.authorization(
                    user,
                    password,
                    req.method,
                    &request_target(req.url),
                    req.body,
                    state.nc,
                    &digest::cnonce(),
                ))
            }
        }
    }

    fn exchange(
        &self,
        req: &Request<'_>,
        authorization: Option<String>,
    ) -> Result<Answer, ureq::Error> {
        let mut builder = http::Request::builder().method(req.method).uri(req.url);
        if let Some(ct) = req.content_type {
            builder = builder.header("content-type", ct);
        }
        if let Some(accept) = req.accept {
            builder = builder.header("accept", accept);
        }
        if let Some(a) = authorization {
            builder = builder.header("authorization", a);
        }
        let mut response = if req.method == "HEAD" || req.method == "GET" {
            self.agent.run(builder.body(())?)?
        } else {
            // A byte slice: ureq sends it with Content-Length, never chunked.
            self.agent.run(builder.body(req.body)?)?
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = if req.method == "HEAD" {
            Vec::new()
        } else {
            response
                .body_mut()
                .with_config()
                .limit(ANSWER_LIMIT)
                .read_to_vec()?
        };
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

/// The path and query of a URL, as the request line carries it (Digest's `uri`).
fn request_target(url: &str) -> String {
    url.parse::<Uri>()
        .ok()
        .and_then(|u| u.path_and_query().map(|pq| pq.as_str().to_owned()))
        .unwrap_or_else(|| "/".to_owned())
}

/// Whether a transport error may go away if the request is sent again.
fn retryable(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::Protocol(_)
    )
}

#[cfg(test)]
mod tests;
