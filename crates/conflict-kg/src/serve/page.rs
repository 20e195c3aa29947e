//! The web page at `/` and its assets, every byte compiled into the binary (`include_bytes!`
//! of the files in `crates/conflict-kg/assets/`: ours, and the vendored npm files under
//! `assets/vendor/`, licences in `assets/NOTICES.md`), so the page works with no network: a
//! SPARQL editor (CodeMirror 5's SPARQL mode), the named queries of `queries/`, results as a
//! sortable table and a map (Leaflet over world-atlas country outlines, no tiles).

use super::http::{Request, Response};
use super::{Reply, Shared};
use crate::query::prefixes;

/// What a resource page with a map adds at the end of its body.
pub(super) const MAP_SCRIPTS: &str = "<link rel=\"stylesheet\" href=\"/assets/leaflet.css\">\
     <script src=\"/assets/leaflet.js\"></script>\
     <script src=\"/assets/topojson-client.min.js\"></script>\
     <script src=\"/assets/ckg.js\"></script><script>ckg.resource();</script>";

const INDEX: &str = include_str!("../../assets/index.html");

/// (name under /assets/, media type, bytes)
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "ckg.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/ckg.js"),
    ),
    (
        "ckg.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/ckg.css"),
    ),
    (
        "NOTICES.md",
        "text/markdown; charset=utf-8",
        include_bytes!("../../assets/NOTICES.md"),
    ),
    (
        "codemirror.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/codemirror-5.65.18/codemirror.js"),
    ),
    (
        "codemirror.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/codemirror-5.65.18/codemirror.css"),
    ),
    (
        "sparql.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/codemirror-5.65.18/sparql.js"),
    ),
    (
        "leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/leaflet-1.9.4/leaflet.js"),
    ),
    (
        "leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/leaflet-1.9.4/leaflet.css"),
    ),
    (
        "topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/topojson-client-3.1.0/topojson-client.min.js"),
    ),
    (
        "countries-50m.json",
        "application/json",
        include_bytes!("../../assets/vendor/world-atlas-2.0.2/countries-50m.json"),
    ),
];

pub(super) fn route(shared: &Shared, req: &Request, path: &str) -> Option<Reply> {
    if !matches!(req.method.as_str(), "GET" | "HEAD") {
        return None;
    }
    if path == "/" || path == "/index.html" {
        let config = serde_json::json!({
            "base": shared.config.base.as_str(),
            "prefixes": prefixes(&shared.config.base),
            "queries": shared.config.named_queries.iter()
                .map(|(name, text)| serde_json::json!({"name": name, "query": text}))
                .collect::<Vec<_>>(),
        });
        // `</` inside a script element would end it.
        let config = config.to_string().replace("</", "<\\/");
        let html = INDEX.replace("__CONFIG__", &config);
        return Some(Response::new(200, "text/html; charset=utf-8", html).into());
    }
    let name = path.strip_prefix("/assets/")?;
    let (_, media, bytes) = ASSETS.iter().find(|(n, _, _)| *n == name)?;
    Some(
        Response::new(200, media, bytes.to_vec())
            .with_header("Cache-Control", "public, max-age=3600")
            .into(),
    )
}
