//! HTTP Digest access authentication, client side (RFC 7616, which keeps RFC 2617's MD5 and
//! adds SHA-256): parsing `WWW-Authenticate` challenges and computing the `Authorization`
//! answer. Virtuoso's `/sparql-graph-crud-auth` and `/sparql-auth` ask for it (MD5, qop=auth);
//! Fuseki can too. Tested against the worked examples of both RFCs.

use md5::Md5;
use sha2::{Digest, Sha256};

/// One challenge of a `WWW-Authenticate` header: its scheme and its parameters (names
/// lower-cased, quoted strings unescaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawChallenge {
    pub(crate) scheme: String,
    pub(crate) params: Vec<(String, String)>,
}

impl RawChallenge {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a `WWW-Authenticate` value, which may hold several challenges
/// (`Digest realm="a", nonce="b", Basic realm="c"`).
pub(crate) fn parse_challenges(header: &str) -> Vec<RawChallenge> {
    let mut out: Vec<RawChallenge> = Vec::new();
    let mut rest = header.trim_start();
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            break;
        }
        let (token, after) = split_token(rest);
        if token.is_empty() {
            // Not a token: skip one character to make progress on malformed input.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
            continue;
        }
        let after_ws = after.trim_start();
        if let Some(value_part) = after_ws.strip_prefix('=') {
            // `name=value`: a parameter of the current challenge (or token68 padding).
            let value_part = value_part.trim_start();
            let (value, remaining) = if let Some(quoted) = value_part.strip_prefix('"') {
                quoted_string(quoted)
            } else {
                let (v, r) = split_token(value_part);
                (v.to_owned(), r)
            };
            if let Some(current) = out.last_mut() {
                current.params.push((token.to_ascii_lowercase(), value));
            }
            rest = remaining;
        } else {
            // A scheme name starts a new challenge.
            out.push(RawChallenge {
                scheme: token.to_owned(),
                params: Vec::new(),
            });
            rest = after;
        }
    }
    out
}

/// Splits off an HTTP token (RFC 9110 tchar; `/` and `+` too, for token68 values).
fn split_token(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~/".contains(c)))
        .unwrap_or(s.len());
    s.split_at(end)
}

/// Reads a quoted string whose opening quote is already consumed: (value, text after it).
fn quoted_string(s: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, &s[i + 1..]),
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            }
            c => value.push(c),
        }
    }
    (value, "")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algorithm {
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
}

impl Algorithm {
    fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "MD5" => Some(Self::Md5),
            "MD5-SESS" => Some(Self::Md5Sess),
            "SHA-256" => Some(Self::Sha256),
            "SHA-256-SESS" => Some(Self::Sha256Sess),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn session(self) -> bool {
        matches!(self, Self::Md5Sess | Self::Sha256Sess)
    }

    fn hash(self, data: &[u8]) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex(&Md5::digest(data)),
            Self::Sha256 | Self::Sha256Sess => hex(&Sha256::digest(data)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qop {
    Auth,
    AuthInt,
}

/// A Digest challenge we can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Challenge {
    pub(crate) realm: String,
    pub(crate) nonce: String,
    pub(crate) opaque: Option<String>,
    pub(crate) algorithm: Algorithm,
    /// `None`: the RFC 2069 form, without qop.
    pub(crate) qop: Option<Qop>,
    pub(crate) stale: bool,
}

impl Challenge {
    /// Reads a Digest challenge; `Err` says why it cannot be answered.
    pub(crate) fn from_raw(raw: &RawChallenge) -> Result<Self, String> {
        if !raw.scheme.eq_ignore_ascii_case("digest") {
            return Err(format!("not a Digest challenge: {}", raw.scheme));
        }
        let nonce = raw
            .param("nonce")
            .ok_or("the Digest challenge has no nonce")?
            .to_owned();
        let algorithm = match raw.param("algorithm") {
            None => Algorithm::Md5,
            Some(a) => {
                Algorithm::parse(a).ok_or_else(|| format!("unsupported Digest algorithm {a}"))?
            }
        };
        // Prefer auth over auth-int when both are offered (RFC 7616 §3.3).
        let qop = match raw.param("qop") {
            None => None,
            Some(list) => {
                let offered: Vec<String> = list
                    .split(',')
                    .map(|q| q.trim().to_ascii_lowercase())
                    .collect();
                if offered.iter().any(|q| q == "auth") {
                    Some(Qop::Auth)
                } else if offered.iter().any(|q| q == "auth-int") {
                    Some(Qop::AuthInt)
                } else {
                    return Err(format!("unsupported Digest qop {list}"));
                }
            }
        };
        Ok(Self {
            realm: raw.param("realm").unwrap_or("").to_owned(),
            nonce,
            opaque: raw.param("opaque").map(str::to_owned),
            algorithm,
            qop,
            stale: raw
                .param("stale")
                .is_some_and(|s| s.eq_ignore_ascii_case("true")),
        })
    }

    /// The `Authorization` header value answering this challenge for one request.
    /// `uri` is the request target as sent (path and query); `nc` counts the requests made with
    /// this nonce, from 1; `body` matters only for qop=auth-int.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn authorization(
        &self,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        body: &[u8],
        nc: u32,
        cnonce: &str,
    ) -> String {
        let h = |s: &str| self.algorithm.hash(s.as_bytes());
        let mut ha1 = h(&format!("{user}:{}:{password}", self.realm));
        if self.algorithm.session() {
            ha1 = h(&format!("{ha1}:{}:{cnonce}", self.nonce));
        }
        let ha2 = match self.qop {
            Some(Qop::AuthInt) => h(&format!("{method}:{uri}:{}", self.algorithm.hash(body))),
            _ => h(&format!("{method}:{uri}")),
        };
        let nc = format!("{nc:08x}");
        let (response, qop_part) = match self.qop {
            Some(qop) => {
                let q = if qop == Qop::Auth { "auth" } else { "auth-int" };
                (
                    h(&format!("{ha1}:{}:{nc}:{cnonce}:{q}:{ha2}", self.nonce)),
                    format!(", qop={q}, nc={nc}, cnonce=\"{}\"", quote(cnonce)),
                )
            }
            None => (h(&format!("{ha1}:{}:{ha2}", self.nonce)), String::new()),
        };
        let mut header = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={}, \
             response=\"{response}\"{qop_part}",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri),
            self.algorithm.name(),
        );
        if let Some(opaque) = &self.opaque {
            header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
        }
        header
    }
}

/// Escapes a value for a quoted string.
fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh client nonce: 16 random bytes from the operating system, in hex.
pub(crate) fn cnonce() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness (never seen on Linux): fall back to the clock and the process id,
        // hashed. A client nonce only has to differ between requests.
        let seed = format!("{:?}:{}", std::time::SystemTime::now(), std::process::id());
        bytes.copy_from_slice(&Sha256::digest(seed.as_bytes())[..16]);
    }
    hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field<'a>(header: &'a str, name: &str) -> &'a str {
        let raw = &parse_challenges(header)[0];
        let v = raw.param(name).unwrap();
        let start = header.find(v).unwrap();
        &header[start..start + v.len()]
    }

    /// RFC 2617 §3.5: Mufasa, "Circle Of Life", GET /dir/index.html.
    #[test]
    fn rfc_2617_example() {
        let raw = parse_challenges(
            r#"Digest
                 realm="testrealm@host.com",
                 qop="auth,auth-int",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        );
        let ch = Challenge::from_raw(&raw[0]).unwrap();
        assert_eq!(ch.realm, "testrealm@host.com");
        assert_eq!(ch.qop, Some(Qop::Auth));
        assert_eq!(ch.algorithm, Algorithm::Md5);
        let header = ch.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            b"",
            1,
            "0a4f113b",
        );
        assert_eq!(
            field(&header, "response"),
            "6629fae49393a05397450978507c4ef1"
        );
        assert!(header.contains("nc=00000001"), "{header}");
        assert!(
            header.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#),
            "{header}"
        );
    }

    /// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
    #[test]
    fn rfc_7616_examples_md5_and_sha_256() {
        for (algorithm, expected) in [
            ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
            (
                "SHA-256",
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            ),
        ] {
            let header = format!(
                r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
            );
            let ch = Challenge::from_raw(&parse_challenges(&header)[0]).unwrap();
            let answer = ch.authorization(
                "Mufasa",
                "Circle of Life",
                "GET",
                "/dir/index.html",
                b"",
                1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            );
            assert!(
                answer.contains(&format!(r#"response="{expected}""#)),
                "{algorithm}: {answer}"
            );
            assert!(
                answer.contains(&format!("algorithm={algorithm}")),
                "{answer}"
            );
        }
    }

    /// What Virtuoso 7.2.5 sends (captured from `/sparql-graph-crud-auth`).
    #[test]
    fn virtuoso_challenge() {
        let raw = parse_challenges(
            r#"Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="e311d50f0b461e4d1cab9fa0d8c3b608", opaque="5ebe2294ecd0e0f08eab7690d2a6ee69", stale="false", qop="auth", algorithm="MD5""#,
        );
        let ch = Challenge::from_raw(&raw[0]).unwrap();
        assert_eq!(ch.realm, "SPARQL");
        assert!(!ch.stale);
        assert_eq!(ch.qop, Some(Qop::Auth));
        assert_eq!(ch.algorithm, Algorithm::Md5);
    }

    #[test]
    fn several_challenges_in_one_header_and_escapes() {
        let raw = parse_challenges(
            r#"Basic realm="a \"b\"", Digest realm="r", nonce="n", stale=TRUE, Bearer"#,
        );
        assert_eq!(raw.len(), 3);
        assert_eq!(raw[0].scheme, "Basic");
        assert_eq!(raw[0].param("realm"), Some(r#"a "b""#));
        let digest = Challenge::from_raw(&raw[1]).unwrap();
        assert!(digest.stale);
        assert_eq!(digest.qop, None);
        assert_eq!(raw[2].scheme, "Bearer");
        assert!(Challenge::from_raw(&raw[0]).is_err());
    }

    #[test]
    fn rfc_2069_form_without_qop_and_session_algorithms() {
        let ch = Challenge {
            realm: "testrealm@host.com".into(),
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
            opaque: None,
            algorithm: Algorithm::Md5,
            qop: None,
            stale: false,
        };
        let h = |s: &str| hex(&Md5::digest(s.as_bytes()));
        let ha1 = h("Mufasa:testrealm@host.com:Circle Of Life");
        let ha2 = h("GET:/dir/index.html");
        let expected = h(&format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:{ha2}"));
        let answer = ch.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            b"",
            1,
            "x",
        );
        assert!(answer.contains(&format!("response=\"{expected}\"")));
        assert!(!answer.contains("qop="));
        // MD5-sess: HA1 = H(H(user:realm:password):nonce:cnonce).
        let sess = Challenge {
            algorithm: Algorithm::Md5Sess,
            qop: Some(Qop::Auth),
            ..ch
        };
        let ha1 = h(&format!(
            "{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:0a4f113b"
        ));
        let expected = h(&format!(
            "{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000002:0a4f113b:auth:{ha2}"
        ));
        let answer = sess.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            b"",
            2,
            "0a4f113b",
        );
        assert!(
            answer.contains(&format!("response=\"{expected}\"")),
            "{answer}"
        );
    }

    #[test]
    fn cnonces_differ() {
        assert_ne!(cnonce(), cnonce());
        assert_eq!(cnonce().len(), 32);
    }
}
