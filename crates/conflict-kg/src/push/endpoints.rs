//! Where a server takes graphs and answers queries: the Graph Store Protocol (GSP) URL given
//! to `ckg push`, the SPARQL query endpoint that verifies it (given, or derived from the GSP
//! URL for the layouts we know), and the URL of one graph (`?graph=IRI`, percent-encoded).
//!
//! Known layouts (path of the GSP URL → query endpoint):
//! - oxigraph server: `/store` → `/query` (tested); batches go to its bulk loader;
//! - Virtuoso: `/sparql-graph-crud-auth` → `/sparql-auth`, `/sparql-graph-crud` → `/sparql`
//!   (tested);
//! - Fuseki: `/{dataset}/data` → `/{dataset}/sparql` (from its documentation, not run here);
//! - GraphDB / RDF4J: `/repositories/{id}/rdf-graphs/service` → `/repositories/{id}` (from
//!   their documentation, not run here).

use super::PushError;
use oxigraph::model::NamedNode;
use ureq::http::Uri;

/// The server family a GSP URL's layout points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    Oxigraph,
    Virtuoso,
    Fuseki,
    GraphDb,
    /// A layout we do not know: the query endpoint must be given.
    Other,
}

impl ServerKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Oxigraph => "oxigraph server",
            Self::Virtuoso => "Virtuoso",
            Self::Fuseki => "Fuseki",
            Self::GraphDb => "GraphDB/RDF4J",
            Self::Other => "unknown layout",
        }
    }

    /// Triples per request when `--batch` is not given.
    pub fn default_batch(self) -> u64 {
        match self {
            Self::Oxigraph => super::OXIGRAPH_BATCH,
            _ => super::DEFAULT_BATCH,
        }
    }
}

/// The server's GSP and query endpoints.
#[derive(Debug, Clone)]
pub struct Endpoints {
    gsp: String,
    query: String,
    kind: ServerKind,
}

impl Endpoints {
    /// Checks the GSP URL and finds the query endpoint: `query` when given, else the one its
    /// layout implies (`NoQueryEndpoint` for a layout we do not know).
    pub fn new(gsp: &str, query: Option<&str>) -> Result<Self, PushError> {
        let uri = check_url(gsp)?;
        let (kind, derived) = derive(&uri);
        let query = match (query, derived) {
            (Some(q), _) => {
                check_url(q)?;
                q.to_owned()
            }
            (None, Some(path)) => format!(
                "{}://{}{}",
                uri.scheme_str().unwrap_or("http"),
                uri.authority().map_or("", |a| a.as_str()),
                path
            ),
            (None, None) => {
                return Err(PushError::NoQueryEndpoint {
                    url: gsp.to_owned(),
                });
            }
        };
        Ok(Self {
            gsp: gsp.to_owned(),
            query,
            kind,
        })
    }

    pub fn gsp(&self) -> &str {
        &self.gsp
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn kind(&self) -> ServerKind {
        self.kind
    }

    /// The GSP URL of one graph: `{gsp}?graph={iri}` (or `&graph=` when the URL already has a
    /// query string). The `graph` parameter is the protocol's own; Virtuoso takes it beside its
    /// `graph-uri`. On oxigraph server `&no_transaction&lenient` is added: the batch goes to its
    /// bulk loader (PR #299) instead of one RocksDB transaction, 1.6× faster here (2.1M triples
    /// in 100k-triple POSTs: 31.7 s against 49.9 s), and its parser skips the IRI and language
    /// tag checks our own serialiser made sure of (another 14 %: 36.1 s against 41.9 s on a
    /// busier machine). Nothing is lost: oxigraph's PUT already clears the graph and loads it in
    /// two steps, and a batched push is not atomic on any server; the count that follows is
    /// what says the graph is whole.
    pub fn graph_url(&self, graph: &NamedNode) -> String {
        let sep = if self.gsp.contains('?') { '&' } else { '?' };
        let mut url = format!("{}{sep}graph={}", self.gsp, encode(graph.as_str()));
        if self.kind == ServerKind::Oxigraph {
            url.push_str("&no_transaction&lenient");
        }
        url
    }
}

fn check_url(url: &str) -> Result<Uri, PushError> {
    let bad = |reason: &str| PushError::BadUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let uri: Uri = url
        .parse()
        .map_err(|e: ureq::http::uri::InvalidUri| bad(&e.to_string()))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(bad("expected an http:// or https:// URL")),
    }
    if uri.authority().is_none_or(|a| a.host().is_empty()) {
        return Err(bad("no host"));
    }
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(bad(
            "credentials in the URL are not used: give --user and --password-env",
        ));
    }
    Ok(uri)
}

/// The layout of a GSP path and the query endpoint's path it implies.
fn derive(uri: &Uri) -> (ServerKind, Option<String>) {
    let path = uri.path().trim_end_matches('/');
    let replace =
        |suffix: &str, with: &str| format!("{}{with}", &path[..path.len() - suffix.len()]);
    if path.ends_with("/store") {
        (ServerKind::Oxigraph, Some(replace("/store", "/query")))
    } else if path.ends_with("/sparql-graph-crud-auth") {
        (
            ServerKind::Virtuoso,
            Some(replace("/sparql-graph-crud-auth", "/sparql-auth")),
        )
    } else if path.ends_with("/sparql-graph-crud") {
        (
            ServerKind::Virtuoso,
            Some(replace("/sparql-graph-crud", "/sparql")),
        )
    } else if path.ends_with("/rdf-graphs/service") && path.contains("/repositories/") {
        (
            ServerKind::GraphDb,
            Some(replace("/rdf-graphs/service", "")),
        )
    } else if path.ends_with("/data") && path.len() > "/data".len() {
        (ServerKind::Fuseki, Some(replace("/data", "/sparql")))
    } else {
        (ServerKind::Other, None)
    }
}

/// Percent-encodes a query-string component: everything but RFC 3986's unreserved characters.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query_of(gsp: &str) -> (ServerKind, String) {
        let e = Endpoints::new(gsp, None).unwrap();
        (e.kind(), e.query().to_owned())
    }

    #[test]
    fn query_endpoints_of_the_known_layouts() {
        assert_eq!(
            query_of("http://127.0.0.1:7878/store"),
            (ServerKind::Oxigraph, "http://127.0.0.1:7878/query".into())
        );
        assert_eq!(
            query_of("http://h:8890/sparql-graph-crud-auth"),
            (ServerKind::Virtuoso, "http://h:8890/sparql-auth".into())
        );
        assert_eq!(
            query_of("http://h:8890/sparql-graph-crud/"),
            (ServerKind::Virtuoso, "http://h:8890/sparql".into())
        );
        assert_eq!(
            query_of("https://h/fuseki/ckg/data"),
            (ServerKind::Fuseki, "https://h/fuseki/ckg/sparql".into())
        );
        assert_eq!(
            query_of("http://h:7200/repositories/ckg/rdf-graphs/service"),
            (ServerKind::GraphDb, "http://h:7200/repositories/ckg".into())
        );
    }

    #[test]
    fn an_unknown_layout_needs_the_query_endpoint() {
        assert!(matches!(
            Endpoints::new("http://h/gsp", None),
            Err(PushError::NoQueryEndpoint { .. })
        ));
        let e = Endpoints::new("http://h/gsp", Some("http://h/q")).unwrap();
        assert_eq!(e.kind(), ServerKind::Other);
        assert_eq!(e.query(), "http://h/q");
    }

    #[test]
    fn bad_urls_are_refused() {
        for url in [
            "localhost:7878/store",
            "ftp://h/store",
            "http:///store",
            "http://u:p@h/store",
        ] {
            assert!(
                matches!(Endpoints::new(url, None), Err(PushError::BadUrl { .. })),
                "{url}"
            );
        }
    }

    #[test]
    fn graph_urls_are_percent_encoded() {
        let g = NamedNode::new_unchecked("https://w3id.org/conflict-kg/id/graph/x?y=1&z#w");
        let e = Endpoints::new("http://h/store", None).unwrap();
        let url = e.graph_url(&g);
        assert!(
            url.starts_with("http://h/store?graph=https%3A%2F%2Fw3id.org%2F"),
            "{url}"
        );
        let value = url["http://h/store?graph=".len()..]
            .strip_suffix("&no_transaction&lenient")
            .expect("oxigraph's bulk loader");
        assert!(!value.contains(['?', '&', '#', '/', ' ']), "{url}");
        let e = Endpoints::new("http://h/sparql-graph-crud-auth?x=1", None).unwrap();
        let url = e.graph_url(&g);
        assert!(
            url.starts_with("http://h/sparql-graph-crud-auth?x=1&graph="),
            "{url}"
        );
        assert!(!url.contains("no_transaction"), "{url}");
    }
}
