//! A graph's triples as N-Triples request bodies of at most `size` triples each, blank nodes
//! skolemised to IRIs.
//!
//! Skolem IRIs are `{base}.well-known/genid/{graph-hash}/{label}`: `graph-hash` is the first 16
//! hex digits of the SHA-256 of the graph's IRI, `label` the blank node's label in the store
//! (oxigraph keeps it), so pushing the same store twice sends the same IRIs and the server ends
//! as after one push; so does a POST retried after a lost answer (a triple sent twice is one
//! triple). A blank node shared by two graphs becomes one IRI per graph: each graph is
//! replaced on its own.

use super::digest::hex;
use crate::store::{KgStore, StoreError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use sha2::{Digest, Sha256};

/// Turns blank nodes of one graph into stable IRIs.
pub(crate) struct Skolemizer {
    prefix: String,
}

impl Skolemizer {
    pub(crate) fn new(base: &crate::Base, graph: &NamedNode) -> Self {
        let hash = hex(&Sha256::digest(graph.as_str().as_bytes())[..8]);
        Self {
            prefix: format!("{}.well-known/genid/{hash}/", base.as_str()),
        }
    }

    fn iri(&self, b: &BlankNode) -> NamedNode {
        let mut iri = self.prefix.clone();
        for c in b.as_str().chars() {
            if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                iri.push(c);
            } else {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    iri.push_str(&format!("%{byte:02X}"));
                }
            }
        }
        NamedNode::new_unchecked(iri)
    }

    pub(crate) fn triple(&self, quad: Quad) -> Triple {
        let subject = match quad.subject {
            NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::NamedNode(self.iri(&b)),
            s => s,
        };
        let object = match quad.object {
            Term::BlankNode(b) => Term::NamedNode(self.iri(&b)),
            o => o,
        };
        Triple::new(subject, quad.predicate, object)
    }
}

/// One request body.
pub(crate) struct Batch {
    pub(crate) body: Vec<u8>,
    pub(crate) triples: u64,
}

/// The batches of one graph, read from the store as they are asked for (one batch in memory).
pub(crate) struct Batches<'a, I: Iterator<Item = Result<Quad, StoreError>>> {
    quads: I,
    skolem: Skolemizer,
    size: u64,
    graph: &'a NamedNode,
    done: bool,
    first: bool,
}

/// The batches of `graph` in `store`, `size` triples each (the last one fewer; an empty graph
/// gives one empty batch, so that its PUT empties the server's graph too).
pub(crate) fn batches<'a>(
    store: &'a KgStore,
    graph: &'a NamedNode,
    base: &crate::Base,
    size: u64,
) -> Batches<'a, impl Iterator<Item = Result<Quad, StoreError>> + 'a> {
    Batches {
        quads: store.graph_quads(graph),
        skolem: Skolemizer::new(base, graph),
        size: size.max(1),
        graph,
        done: false,
        first: true,
    }
}

impl<I: Iterator<Item = Result<Quad, StoreError>>> Iterator for Batches<'_, I> {
    type Item = Result<Batch, super::PushError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
        let mut triples = 0;
        while triples < self.size {
            match self.quads.next() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e.into()));
                }
                Some(Ok(q)) => {
                    if let Err(source) = serializer.serialize_triple(&self.skolem.triple(q)) {
                        self.done = true;
                        return Some(Err(super::PushError::Serialize {
                            graph: self.graph.clone(),
                            source,
                        }));
                    }
                    triples += 1;
                }
            }
        }
        if triples == 0 && !self.first {
            return None;
        }
        self.first = false;
        match serializer.finish() {
            Ok(body) => Some(Ok(Batch { body, triples })),
            Err(source) => Some(Err(super::PushError::Serialize {
                graph: self.graph.clone(),
                source,
            })),
        }
    }
}

/// How many requests a graph of `triples` takes in batches of `size` (at least one).
pub(crate) fn batch_count(triples: u64, size: u64) -> u64 {
    triples.div_ceil(size.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    fn store_with(graph: &NamedNode, n: usize) -> KgStore {
        let store = KgStore::in_memory().unwrap();
        let p = NamedNode::new_unchecked("http://e/p");
        let mut quads = Vec::new();
        for i in 0..n {
            quads.push(Quad::new(
                NamedNode::new_unchecked(format!("http://e/s{i}")),
                p.clone(),
                Literal::new_simple_literal(format!("v{i}")),
                GraphName::NamedNode(graph.clone()),
            ));
        }
        // A blank node as subject and object, twice.
        let b = BlankNode::new_unchecked("b0");
        quads.push(Quad::new(
            b.clone(),
            p.clone(),
            Literal::new_simple_literal("x"),
            graph.clone(),
        ));
        quads.push(Quad::new(
            NamedNode::new_unchecked("http://e/o"),
            p,
            b,
            graph.clone(),
        ));
        store.replace_graph(graph, &quads, || {}).unwrap();
        store
    }

    #[test]
    fn batches_cover_the_graph_once_with_skolem_iris() {
        let g = NamedNode::new_unchecked("http://e/g");
        let store = store_with(&g, 10);
        let base = crate::Base::default();
        let all: Vec<Batch> = batches(&store, &g, &base, 4).map(Result::unwrap).collect();
        assert_eq!(all.iter().map(|b| b.triples).collect::<Vec<_>>(), [4, 4, 4]);
        assert_eq!(batch_count(12, 4), 3);
        let text: String = all
            .iter()
            .map(|b| String::from_utf8(b.body.clone()).unwrap())
            .collect();
        assert_eq!(text.lines().count(), 12);
        assert!(!text.contains("_:"), "{text}");
        let hash = hex(&Sha256::digest(b"http://e/g")[..8]);
        let skolem = format!("<{}.well-known/genid/{hash}/b0>", base.as_str());
        assert_eq!(text.matches(&skolem).count(), 2, "{text}");
        // The same store gives the same bodies.
        let again: String = batches(&store, &g, &base, 4)
            .map(|b| String::from_utf8(b.unwrap().body).unwrap())
            .collect();
        assert_eq!(text, again);
    }

    #[test]
    fn an_empty_graph_is_one_empty_batch() {
        let store = KgStore::in_memory().unwrap();
        let g = NamedNode::new_unchecked("http://e/empty");
        let all: Vec<Batch> = batches(&store, &g, &crate::Base::default(), 4)
            .map(Result::unwrap)
            .collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].triples, 0);
        assert_eq!(batch_count(0, 4), 1);
    }

    #[test]
    fn odd_blank_node_labels_stay_valid_iris() {
        let s = Skolemizer::new(
            &crate::Base::default(),
            &NamedNode::new_unchecked("http://e/g"),
        );
        let iri = s.iri(&BlankNode::new_unchecked("a·b"));
        assert!(iri.as_str().ends_with("/a%C2%B7b"), "{iri}");
        assert!(NamedNode::new(iri.as_str()).is_ok());
    }
}
