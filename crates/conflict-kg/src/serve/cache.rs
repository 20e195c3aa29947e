//! Answers kept for the same question on the same data: the whole body of a SELECT,
//! CONSTRUCT or DESCRIBE answer, keyed by the store generation it was computed on, the query
//! text, the protocol dataset, the `Accept` header and the row cap.
//!
//! The server is read-only, and a writer's change makes a new generation (`reload.rs`), so an
//! answer of an older generation is never served: it is dropped when the first answer of a
//! newer one is kept. Queries whose answer may change between two runs on the same data
//! (`RAND`, `NOW`, `UUID`, `STRUUID`, `BNODE`, `SERVICE`) are never kept, nor answers larger
//! than an eighth of the cache. The oldest answers go first when the cache is full. A cached
//! answer carries `X-CKG-Cache: hit`, a computed one `X-CKG-Cache: miss`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// What identifies an answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Key {
    pub(super) generation: u64,
    pub(super) query: String,
    /// The protocol dataset (`default-graph-uri`, `named-graph-uri`), written out.
    pub(super) dataset: String,
    pub(super) accept: String,
    pub(super) max_rows: Option<u64>,
}

/// A kept answer: its headers (content type, row cap, truncation) and body.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<Key, Arc<Answer>>,
    /// Insertion order, oldest first.
    order: VecDeque<Key>,
    bytes: usize,
}

/// The answer cache of one server.
pub(super) struct Cache {
    max_bytes: usize,
    entries: Mutex<Entries>,
}

/// Whether a query's answer is the same every time it runs on the same data.
pub(super) fn cacheable(query: &str) -> bool {
    let q = query.to_ascii_lowercase();
    let call = |name: &str| {
        q.match_indices(name).any(|(at, _)| {
            let before = q[..at].chars().next_back();
            let after = q[at + name.len()..].trim_start().chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                && after == Some('(')
        })
    };
    let changing = ["rand", "now", "uuid", "struuid", "bnode"]
        .iter()
        .any(|f| call(f));
    let federated = q
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "service");
    !changing && !federated
}

impl Cache {
    /// A cache of at most `max_bytes` of answer bodies (0: none kept).
    pub(super) fn new(max_bytes: usize) -> Self {
        Self {
            max_bytes,
            entries: Mutex::new(Entries::default()),
        }
    }

    pub(super) fn enabled(&self) -> bool {
        self.max_bytes > 0
    }

    pub(super) fn get(&self, key: &Key) -> Option<Arc<Answer>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.map.get(key).cloned()
    }

    /// Keeps `answer` for `key` if it fits; answers of older generations go first.
    pub(super) fn put(&self, key: Key, answer: Answer) {
        let size = answer.body.len() + key.query.len();
        if size > self.max_bytes / 8 {
            return;
        }
        let mut e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let generation = key.generation;
        if e.order.front().is_some_and(|k| k.generation < generation) {
            let Entries { map, order, bytes } = &mut *e;
            order.retain(|k| {
                let stale = k.generation < generation;
                if stale {
                    if let Some(a) = map.remove(k) {
                        *bytes -= a.body.len() + k.query.len();
                    }
                }
                !stale
            });
        }
        if e.map.contains_key(&key) {
            return;
        }
        while e.bytes + size > self.max_bytes {
            let Some(oldest) = e.order.pop_front() else {
                break;
            };
            if let Some(a) = e.map.remove(&oldest) {
                e.bytes -= a.body.len() + oldest.query.len();
            }
        }
        e.bytes += size;
        e.order.push_back(key.clone());
        e.map.insert(key, Arc::new(answer));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap().map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(generation: u64, query: &str) -> Key {
        Key {
            generation,
            query: query.into(),
            dataset: String::new(),
            accept: "application/sparql-results+json".into(),
            max_rows: Some(10),
        }
    }

    fn answer(n: usize) -> Answer {
        Answer {
            headers: vec![],
            body: vec![b'x'; n],
        }
    }

    #[test]
    fn an_answer_is_kept_per_generation_and_older_ones_go_when_a_newer_one_comes() {
        let c = Cache::new(1 << 20);
        c.put(key(0, "SELECT 1"), answer(10));
        assert!(c.get(&key(0, "SELECT 1")).is_some());
        assert!(c.get(&key(1, "SELECT 1")).is_none());
        c.put(key(1, "SELECT 2"), answer(10));
        assert!(c.get(&key(0, "SELECT 1")).is_none());
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn the_oldest_go_first_and_a_large_answer_is_not_kept() {
        let c = Cache::new(800);
        for i in 0..20 {
            c.put(key(0, &format!("q{i:02}")), answer(96));
        }
        assert!(c.get(&key(0, "q00")).is_none());
        assert!(c.get(&key(0, "q19")).is_some());
        assert!(c.entries.lock().unwrap().bytes <= 800);
        c.put(key(0, "big"), answer(101));
        assert!(c.get(&key(0, "big")).is_none());
        assert!(!Cache::new(0).enabled());
    }

    #[test]
    fn queries_whose_answer_changes_are_not_cacheable() {
        assert!(cacheable("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"));
        assert!(cacheable("SELECT ?now WHERE { ?s ckg:nowhere ?now }"));
        assert!(cacheable("SELECT ?s WHERE { ?s ckg:serviceArea ?o }"));
        for q in [
            "SELECT (RAND() AS ?r) {}",
            "SELECT (now () AS ?t) {}",
            "SELECT (STRUUID() AS ?u) {}",
            "SELECT (BNODE() AS ?b) {}",
            "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        ] {
            assert!(!cacheable(q), "{q}");
        }
    }
}
