//! The client against the scripted server (`fake.rs`): whole bodies with Content-Length,
//! retries, and the three authentication schemes (Digest checked by recomputing the answer).

use super::*;
use crate::push::fake::{FakeServer, Recorded, Reply};
use md5::{Digest, Md5};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

fn quick() -> Retry {
    Retry {
        attempts: 3,
        first_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(4),
    }
}

fn put<'a>(url: &'a str, body: &'a [u8]) -> Request<'a> {
    Request {
        method: "PUT",
        url,
        content_type: Some("application/n-triples"),
        accept: None,
        body,
    }
}

fn no_retry_report() -> impl FnMut(u32, u32, Duration, &str) {
    |_, _, _, _| {}
}

#[test]
fn bodies_go_whole_with_content_length_never_chunked() {
    let server = FakeServer::start(|_| Reply::status(201));
    let client = Client::new(Auth::None, quick());
    let body = vec![b'x'; 300_000];
    let url = server.url("/store?graph=g");
    client
        .send(&put(&url, &body), &mut no_retry_report())
        .unwrap();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert!(!reqs[0].chunked);
    assert_eq!(reqs[0].header("content-length"), Some("300000"));
    assert_eq!(reqs[0].header("transfer-encoding"), None);
    assert_eq!(reqs[0].body.len(), 300_000);
    assert_eq!(
        reqs[0].header("content-type"),
        Some("application/n-triples")
    );
}

#[test]
fn a_dropped_connection_and_a_503_are_tried_again() {
    let n = Arc::new(AtomicU32::new(0));
    let n2 = n.clone();
    let server = FakeServer::start(move |_| match n2.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::Drop,
        1 => Reply::status(503),
        _ => Reply::status(204),
    });
    let client = Client::new(Auth::None, quick());
    let url = server.url("/store");
    let mut reports = Vec::new();
    let answer = client
        .send(&put(&url, b"<a> <b> <c> ."), &mut |attempt, of, _, why| {
            reports.push(format!("{attempt}/{of}: {why}"))
        })
        .unwrap();
    assert_eq!(answer.status, 204);
    assert_eq!(server.requests().len(), 3);
    assert_eq!(reports.len(), 2, "{reports:?}");
    assert!(reports[1].starts_with("2/3: 503"), "{reports:?}");
}

#[test]
fn a_4xx_is_not_tried_again_and_5xx_only_so_often() {
    let server = FakeServer::start(|r: &Recorded| {
        if r.target.starts_with("/missing") {
            Reply::With(
                404,
                vec![],
                "<html><body><h1>No such</h1> endpoint</body></html>".into(),
            )
        } else {
            Reply::status(500)
        }
    });
    let client = Client::new(Auth::None, quick());
    let url = server.url("/missing");
    match client.send(&put(&url, b""), &mut no_retry_report()) {
        Err(Failure::Status {
            attempts: 1,
            answer,
        }) => {
            assert_eq!(answer.status_line(), "404 Not Found");
            assert_eq!(answer.message(), "No such endpoint");
        }
        other => panic!("{other:?}"),
    }
    let url = server.url("/broken");
    match client.send(&put(&url, b""), &mut no_retry_report()) {
        Err(Failure::Status {
            attempts: 3,
            answer,
        }) => assert_eq!(answer.status, 500),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn nobody_listening_is_unreachable_after_every_attempt() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::new(Auth::None, quick());
    let url = format!("http://127.0.0.1:{port}/store");
    let mut retries = 0;
    match client.send(&put(&url, b""), &mut |_, _, _, _| retries += 1) {
        Err(Failure::Unreachable { attempts: 3, .. }) => assert_eq!(retries, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn basic_and_bearer_are_sent_with_every_request() {
    let server = FakeServer::start(|_| Reply::status(204));
    let url = server.url("/store");
    let basic = Client::new(
        Auth::Basic {
            user: "Aladdin".into(),
            password: "open sesame".into(),
        },
        quick(),
    );
    basic.send(&put(&url, b""), &mut no_retry_report()).unwrap();
    let bearer = Client::new(
        Auth::Bearer {
            token: "t0k".into(),
        },
        quick(),
    );
    bearer
        .send(&put(&url, b""), &mut no_retry_report())
        .unwrap();
    let reqs = server.requests();
    // RFC 7617's example.
    assert_eq!(
        reqs[0].header("authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert_eq!(reqs[1].header("authorization"), Some("Bearer t0k"));
    assert!(!format!("{:?}", basic.auth()).contains("sesame"));
}

const CHALLENGE: &str = r#"Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="NONCE", opaque="OPQ", stale="STALE", qop="auth", algorithm="MD5""#;

fn challenge(nonce: &str, stale: bool) -> Reply {
    Reply::With(
        401,
        vec![(
            "www-authenticate",
            CHALLENGE
                .replace("NONCE", nonce)
                .replace("STALE", if stale { "true" } else { "false" }),
        )],
        String::new(),
    )
}

/// Checks a Digest answer the way a server does, with the password `dba`.
fn digest_ok(r: &Recorded, nonce: &str) -> bool {
    let Some(h) = r.header("authorization") else {
        return false;
    };
    let raw = &crate::push::digest::parse_challenges(h)[0];
    let p = |k: &str| raw.param(k).unwrap_or("").to_owned();
    let md5 = |s: String| crate::push::digest::hex(&Md5::digest(s.as_bytes()));
    let ha1 = md5(format!("{}:{}:dba", p("username"), p("realm")));
    let ha2 = md5(format!("{}:{}", r.method, r.target));
    let expected = md5(format!(
        "{ha1}:{}:{}:{}:auth:{ha2}",
        p("nonce"),
        p("nc"),
        p("cnonce")
    ));
    p("nonce") == nonce && p("uri") == r.target && p("response") == expected && p("opaque") == "OPQ"
}

#[test]
fn digest_learns_the_challenge_then_reuses_the_nonce() {
    let server = FakeServer::start(|r: &Recorded| {
        if digest_ok(r, "n1") {
            Reply::status(201)
        } else {
            challenge("n1", false)
        }
    });
    let client = Client::new(
        Auth::Digest {
            user: "dba".into(),
            password: "dba".into(),
        },
        quick(),
    );
    let url = server.url("/sparql-graph-crud-auth?graph=http%3A%2F%2Fe%2Fg");
    client
        .send(&put(&url, b"<a> <b> <c> ."), &mut no_retry_report())
        .unwrap();
    client
        .send(&put(&url, b"<a> <b> <d> ."), &mut no_retry_report())
        .unwrap();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3, "one 401, then two answered requests");
    assert_eq!(reqs[0].header("authorization"), None);
    assert!(
        reqs[1]
            .header("authorization")
            .unwrap()
            .contains("nc=00000001")
    );
    assert!(
        reqs[2]
            .header("authorization")
            .unwrap()
            .contains("nc=00000002")
    );
}

#[test]
fn digest_probes_with_head_before_a_big_body_and_answers_a_stale_nonce() {
    let n = Arc::new(AtomicU32::new(0));
    let n2 = n.clone();
    let server = FakeServer::start(move |r: &Recorded| {
        let i = n2.fetch_add(1, Ordering::SeqCst);
        match i {
            // HEAD probe, then the PUT answering n1; then the nonce goes stale.
            0 => challenge("n1", false),
            1 if digest_ok(r, "n1") => Reply::status(201),
            2 => challenge("n2", true),
            3 if digest_ok(r, "n2") => Reply::status(204),
            _ => Reply::status(400),
        }
    });
    let client = Client::new(
        Auth::Digest {
            user: "dba".into(),
            password: "dba".into(),
        },
        quick(),
    );
    let url = server.url("/sparql-graph-crud-auth");
    let big = vec![b'#'; 100_000];
    client
        .send(&put(&url, &big), &mut no_retry_report())
        .unwrap();
    client
        .send(&put(&url, &big), &mut no_retry_report())
        .unwrap();
    let reqs = server.requests();
    assert_eq!(
        reqs.iter()
            .map(|r| (r.method.as_str(), r.body.len()))
            .collect::<Vec<_>>(),
        [
            ("HEAD", 0),
            ("PUT", 100_000),
            ("PUT", 100_000),
            ("PUT", 100_000)
        ]
    );
}

#[test]
fn wrong_digest_credentials_end_with_the_401() {
    let server = FakeServer::start(|r: &Recorded| {
        if digest_ok(r, "n1") {
            Reply::status(201)
        } else {
            challenge("n1", false)
        }
    });
    let client = Client::new(
        Auth::Digest {
            user: "dba".into(),
            password: "wrong".into(),
        },
        quick(),
    );
    let url = server.url("/sparql-graph-crud-auth");
    match client.send(&put(&url, b""), &mut no_retry_report()) {
        Err(Failure::Status {
            attempts: 1,
            answer,
        }) => {
            assert_eq!(answer.status, 401);
            assert_eq!(answer.challenges(), ["Digest realm=\"SPARQL\""]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests().len(), 2);
}
