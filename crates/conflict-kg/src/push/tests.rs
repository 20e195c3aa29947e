//! The push loop against a small Graph Store Protocol server written for the test (`fake.rs`
//! plus a set of N-Triples lines per graph): PUT then POSTs, verification, a second push, and
//! servers that lose triples or mark their count as partial.

use super::fake::{FakeServer, Recorded, Reply};
use super::*;
use oxigraph::model::{BlankNode, GraphName, Literal, Quad};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

type Graphs = Arc<Mutex<BTreeMap<String, BTreeSet<String>>>>;

#[derive(Clone, Copy, Default)]
struct Quirks {
    ignore_posts: bool,
    partial_after_put: bool,
}

/// A GSP server keeping each graph as a set of N-Triples lines, with a COUNT endpoint.
fn gsp_server(quirks: Quirks) -> (FakeServer, Graphs) {
    let graphs: Graphs = Arc::default();
    let g2 = graphs.clone();
    let mut put_seen = false;
    let server = FakeServer::start(move |r: &Recorded| {
        let mut graphs = g2.lock().unwrap();
        if r.target.starts_with("/query") {
            let form = decode(
                std::str::from_utf8(&r.body)
                    .unwrap()
                    .trim_start_matches("query="),
            );
            let iri = form
                .split("GRAPH <")
                .nth(1)
                .unwrap()
                .split('>')
                .next()
                .unwrap();
            let n = graphs.get(iri).map_or(0, BTreeSet::len);
            let body = format!(
                r#"{{"head":{{"vars":["n"]}},"results":{{"bindings":[{{"n":{{"type":"literal","value":"{n}"}}}}]}}}}"#
            );
            if quirks.partial_after_put && put_seen {
                return Reply::With(
                    200,
                    vec![
                        ("x-sql-state", "S1TAT".into()),
                        ("x-exec-milliseconds", "2052".into()),
                    ],
                    body,
                );
            }
            return Reply::json(&body);
        }
        let graph = decode(
            r.target
                .split("graph=")
                .nth(1)
                .unwrap()
                .split('&')
                .next()
                .unwrap(),
        );
        let lines: Vec<String> = std::str::from_utf8(&r.body)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        match r.method.as_str() {
            "PUT" => {
                put_seen = true;
                graphs.insert(graph, lines.into_iter().collect());
                Reply::status(201)
            }
            "POST" if quirks.ignore_posts => Reply::status(204),
            "POST" => {
                graphs.entry(graph).or_default().extend(lines);
                Reply::status(204)
            }
            _ => Reply::status(405),
        }
    });
    (server, graphs)
}

fn g(name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("http://e/graph/{name}"))
}

/// Graph `a`: 10 triples and two with a blank node; graph `b`: 3 triples.
fn store() -> KgStore {
    let store = KgStore::in_memory().unwrap();
    let p = NamedNode::new_unchecked("http://e/p");
    let add = |graph: &NamedNode, n: usize, blank: bool| {
        let mut quads: Vec<Quad> = (0..n)
            .map(|i| {
                Quad::new(
                    NamedNode::new_unchecked(format!("http://e/s{i}")),
                    p.clone(),
                    Literal::new_simple_literal(format!("{i}")),
                    GraphName::NamedNode(graph.clone()),
                )
            })
            .collect();
        if blank {
            let b = BlankNode::default();
            quads.push(Quad::new(
                b.clone(),
                p.clone(),
                Literal::from(1),
                graph.clone(),
            ));
            quads.push(Quad::new(
                NamedNode::new_unchecked("http://e/x"),
                p.clone(),
                b,
                graph.clone(),
            ));
        }
        store.replace_graph(graph, &quads, || {}).unwrap();
    };
    add(&g("a"), 10, true);
    add(&g("b"), 3, false);
    store
}

fn client() -> Client {
    Client::new(
        Auth::None,
        Retry {
            attempts: 2,
            first_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        },
    )
}

fn plan(store: &KgStore, server: &FakeServer, batch: u64) -> Plan {
    let endpoints = Endpoints::new(&server.url("/store"), None).unwrap();
    Plan::new(store, endpoints, &[], batch).unwrap()
}

#[test]
fn each_graph_is_put_then_posted_in_batches_and_verified_and_a_second_push_changes_nothing() {
    let store = store();
    let (server, graphs) = gsp_server(Quirks::default());
    let plan = plan(&store, &server, 5);
    assert_eq!(
        plan.graphs
            .iter()
            .map(|p| (p.triples, p.batches))
            .collect::<Vec<_>>(),
        [(12, 3), (3, 1)]
    );
    let base = Base::default();
    let first = push(&store, &plan, &base, &client(), &Silent, &Hooks::default()).unwrap();
    assert_eq!(first.triples, 15);
    assert_eq!(first.graphs[0].server_before, 0);
    assert_eq!(first.graphs[0].server_after, 12);
    // count, PUT, POST, POST, count; count, PUT, count
    assert_eq!(first.requests, 8);
    let methods: Vec<String> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.target.split('?').next().unwrap()))
        .collect();
    assert_eq!(
        methods,
        [
            "POST /query",
            "PUT /store",
            "POST /store",
            "POST /store",
            "POST /query",
            "POST /query",
            "PUT /store",
            "POST /query"
        ]
    );
    let after_one = graphs.lock().unwrap().clone();
    assert!(after_one.values().flatten().all(|t| !t.contains("_:")));
    let second = push(&store, &plan, &base, &client(), &Silent, &Hooks::default()).unwrap();
    assert_eq!(second.graphs[0].server_before, 12);
    assert_eq!(
        *graphs.lock().unwrap(),
        after_one,
        "pushing twice is pushing once"
    );
}

#[test]
fn a_graph_pushed_again_loses_the_triples_it_no_longer_has() {
    let store = store();
    let (server, graphs) = gsp_server(Quirks::default());
    graphs.lock().unwrap().insert(
        g("b").as_str().to_owned(),
        ["<http://e/old> <http://e/p> \"gone\" .".to_owned()].into(),
    );
    let p = plan(&store, &server, 100);
    let s = push(
        &store,
        &p,
        &Base::default(),
        &client(),
        &Silent,
        &Hooks::default(),
    )
    .unwrap();
    assert_eq!(s.graphs[1].server_before, 1);
    assert!(
        !graphs.lock().unwrap()[g("b").as_str()]
            .iter()
            .any(|t| t.contains("old"))
    );
}

#[test]
fn a_server_that_keeps_only_the_first_batch_fails_verification() {
    let store = store();
    let (server, _) = gsp_server(Quirks {
        ignore_posts: true,
        ..Quirks::default()
    });
    let p = plan(&store, &server, 5);
    let e = push(
        &store,
        &p,
        &Base::default(),
        &client(),
        &Silent,
        &Hooks::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            PushError::Mismatch {
                store: 12,
                server: 5,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.is_verification());
    let text = e.to_string();
    assert!(
        text.contains("<http://e/graph/a>") && text.contains("12") && text.contains("5 triples"),
        "{text}"
    );
}

#[test]
fn a_count_marked_partial_is_not_trusted() {
    let store = store();
    let (server, _) = gsp_server(Quirks {
        partial_after_put: true,
        ..Quirks::default()
    });
    let p = plan(&store, &server, 100);
    let e = push(
        &store,
        &p,
        &Base::default(),
        &client(),
        &Silent,
        &Hooks::default(),
    )
    .unwrap_err();
    assert!(e.is_verification(), "{e:?}");
    assert!(e.to_string().contains("x-sql-state: S1TAT"), "{e}");
}

#[test]
fn plans_refuse_unknown_graphs_and_empty_batches() {
    let store = store();
    let endpoints = Endpoints::new("http://127.0.0.1:1/store", None).unwrap();
    assert!(matches!(
        Plan::new(&store, endpoints.clone(), &[g("nope")], 10),
        Err(PushError::NoSuchGraph { .. })
    ));
    assert!(matches!(
        Plan::new(&store, endpoints.clone(), &[], 0),
        Err(PushError::BadBatch)
    ));
    let only_b = Plan::new(&store, endpoints, &[g("b"), g("b")], 2).unwrap();
    assert_eq!(only_b.graphs.len(), 1);
    assert_eq!((only_b.triples(), only_b.requests()), (3, 2));
}

#[test]
fn the_password_comes_from_the_named_variable() {
    let var = "CKG_PUSH_TEST_SECRET_UNSET_8f3a";
    let e = secret_from_env(var).unwrap_err();
    assert!(
        e.to_string().contains("CKG_PUSH_TEST_SECRET_UNSET_8f3a")
            && e.to_string().contains("is not set")
    );
    assert!(secret_from_env("PATH").is_ok());
}
