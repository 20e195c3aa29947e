//! Linked Data: an instance IRI under the base (`{base}incident/…`, `actor/`, `place/`,
//! `claim/`, `report/`, `source/`…) resolves by path, `/id/…` or the base's own path (so a proxy
//! at the real base domain serves the w3id IRIs). A browser gets HTML: labels, types, every
//! statement with links to the neighbours, what points here, and for an incident its claims
//! side by side (claimant, voice, relay, bounds, the words and the evidence sentence) and its
//! place with coordinates and a map; an RDF client gets the resource's statements as Turtle,
//! JSON-LD, N-Triples… by content negotiation.

use super::http::{Request, Response};
use super::sparql::{GRAPH_TYPES, not_acceptable, root};
use super::{Reply, Shared};
use crate::query::{display_term, prefixes};
use crate::vocab::INSTANCE_FOLDERS;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef, Triple};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::BTreeSet;
use std::fmt::Write as _;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const INCIDENT: &str = "https://w3id.org/conflict-kg/ontology#Incident";

/// The local path prefixes an instance IRI is served under, and the IRI it stands for.
fn resolve(shared: &Shared, path: &str) -> Option<(String, NamedNode)> {
    let base = shared.config.base.as_str();
    let base_path = base
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    for prefix in ["/id/", base_path] {
        if prefix.len() > 1 {
            if let Some(rest) = path.strip_prefix(prefix) {
                let folder = rest.split('/').next().unwrap_or("");
                if INSTANCE_FOLDERS.contains(&folder) && rest.len() > folder.len() + 1 {
                    let iri = NamedNode::new(format!("{base}{rest}")).ok()?;
                    return Some((prefix.to_string(), iri));
                }
            }
        }
    }
    None
}

pub(super) fn route(shared: &Shared, req: &Request, path: &str) -> std::io::Result<Option<Reply>> {
    let Some((prefix, iri)) = resolve(shared, path) else {
        return Ok(None);
    };
    if !matches!(req.method.as_str(), "GET" | "HEAD") {
        return Ok(Some(
            Response::error(405, "resources answer GET and HEAD")
                .with_header("Allow", "GET, HEAD, OPTIONS")
                .into(),
        ));
    }
    let generation = shared.live.current();
    let store = generation.store.inner();
    let mut unique: std::collections::HashSet<Triple> = std::collections::HashSet::new();
    for q in store.quads_for_pattern(
        Some(NamedOrBlankNodeRef::from(iri.as_ref())),
        None,
        None,
        None,
    ) {
        match q {
            Ok(q) => {
                unique.insert(q.into());
            }
            Err(e) => return Ok(Some(Response::error(500, e).into())),
        }
    }
    let mut statements: Vec<Triple> = unique.into_iter().collect();
    statements.sort_by_key(|t| {
        (
            t.predicate.as_str() != RDF_TYPE,
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    let mut incoming: BTreeSet<(String, String)> = BTreeSet::new();
    for q in store
        .quads_for_pattern(None, None, Some(TermRef::from(iri.as_ref())), None)
        .take(500)
    {
        let Ok(q) = q else { continue };
        if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = q.subject {
            incoming.insert((s.into_string(), q.predicate.into_string()));
        }
    }
    if statements.is_empty() && incoming.is_empty() {
        return Ok(Some(
            Response::error(404, format!("nothing is known about <{iri}>")).into(),
        ));
    }
    let mut offers: Vec<(&str, Option<RdfFormat>)> =
        GRAPH_TYPES.iter().map(|(t, f)| (*t, Some(*f))).collect();
    offers.insert(1, ("text/html", None));
    let Some((media, format)) = super::sparql::negotiate(req, &offers) else {
        let names: Vec<&str> = offers.iter().map(|(t, _)| *t).collect();
        return Ok(Some(not_acceptable(&names).into()));
    };
    let reply = match format {
        Some(format) => {
            let mut body = Vec::new();
            let mut ser = RdfSerializer::from_format(format);
            if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
                for (p, ns) in prefixes(&shared.config.base) {
                    ser = ser.with_prefix(p, ns).expect("valid prefixes");
                }
            }
            let mut w = ser.for_writer(&mut body);
            for t in &statements {
                w.serialize_triple(t)?;
            }
            w.finish()?;
            Response::new(200, &format!("{media}; charset=utf-8"), body)
        }
        None => {
            let html = page(
                shared,
                req,
                &prefix,
                &iri,
                &statements,
                &incoming,
                &generation.store,
            );
            Response::new(200, "text/html; charset=utf-8", html)
        }
    }
    .with_header("Vary", "Accept")
    .with_header("Link", format!("<{}>; rel=\"canonical\"", iri.as_str()));
    Ok(Some(reply.into()))
}

pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct Linker<'a> {
    base: &'a str,
    prefix: &'a str,
    prefixes: Vec<(String, String)>,
}

impl Linker<'_> {
    /// A term as HTML: IRIs under the base link to their local page, others to themselves.
    fn term(
        &self,
        term: TermRef<'_>,
        labels: &std::collections::HashMap<String, String>,
    ) -> String {
        match term {
            TermRef::NamedNode(n) => self.iri(n, labels),
            TermRef::Literal(l) => {
                let mut s = esc(l.value());
                if let Some(lang) = l.language() {
                    let _ = write!(s, " <span class=\"lang\">@{}</span>", esc(lang));
                }
                s
            }
            other => esc(&other.to_string()),
        }
    }

    fn iri(
        &self,
        n: NamedNodeRef<'_>,
        labels: &std::collections::HashMap<String, String>,
    ) -> String {
        let shown = display_term(TermRef::NamedNode(n), &self.prefixes);
        let text = match labels.get(n.as_str()) {
            Some(l) => format!("{} <span class=\"iri\">{}</span>", esc(l), esc(&shown)),
            None => esc(&shown),
        };
        let href = match n.as_str().strip_prefix(self.base) {
            Some(rest) => format!("{}{}", self.prefix, rest),
            None => n.as_str().to_string(),
        };
        format!("<a href=\"{}\">{text}</a>", esc(&href))
    }
}

/// Labels of every IRI the page shows (one query).
fn labels(
    store: &crate::KgStore,
    iris: &BTreeSet<String>,
) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let label = NamedNodeRef::new_unchecked(RDFS_LABEL);
    for iri in iris.iter().take(2000) {
        let Ok(n) = NamedNodeRef::new(iri) else {
            continue;
        };
        if let Some(Ok(q)) = store
            .inner()
            .quads_for_pattern(Some(n.into()), Some(label), None, None)
            .next()
        {
            if let Term::Literal(l) = q.object {
                out.insert(iri.clone(), l.value().to_string());
            }
        }
    }
    out
}

fn page(
    shared: &Shared,
    req: &Request,
    prefix: &str,
    iri: &NamedNode,
    statements: &[Triple],
    incoming: &BTreeSet<(String, String)>,
    store: &crate::KgStore,
) -> String {
    let _ = req;
    let base = shared.config.base.as_str();
    let linker = Linker {
        base,
        prefix,
        prefixes: prefixes(&shared.config.base),
    };
    let mut iris: BTreeSet<String> = BTreeSet::new();
    for t in statements {
        iris.insert(t.predicate.as_str().to_string());
        if let Term::NamedNode(n) = &t.object {
            iris.insert(n.as_str().to_string());
        }
    }
    for (s, p) in incoming {
        iris.insert(s.clone());
        iris.insert(p.clone());
    }
    let is_incident = statements.iter().any(|t| {
        t.predicate.as_str() == RDF_TYPE
            && matches!(&t.object, Term::NamedNode(n) if n.as_str() == INCIDENT)
    });
    let claims = if is_incident {
        claims_of(shared, store, iri)
    } else {
        Vec::new()
    };
    for row in &claims {
        for v in row.iter().flatten() {
            if let Term::NamedNode(n) = v {
                iris.insert(n.as_str().to_string());
            }
        }
    }
    let places = if is_incident {
        place_points(shared, store, iri)
    } else {
        Vec::new()
    };
    let labels = labels(store, &iris);
    let title = statements
        .iter()
        .find(|t| t.predicate.as_str() == RDFS_LABEL)
        .and_then(|t| match &t.object {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
        .unwrap_or_else(|| display_term(iri.as_ref().into(), &linker.prefixes));
    let types: Vec<String> = statements
        .iter()
        .filter(|t| t.predicate.as_str() == RDF_TYPE)
        .map(|t| linker.term(t.object.as_ref(), &labels))
        .collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <link rel=\"stylesheet\" href=\"/assets/ckg.css\">\
         <link rel=\"alternate\" type=\"text/turtle\" href=\"?format=turtle\">\
         <link rel=\"alternate\" type=\"application/ld+json\" href=\"?format=jsonld\"></head><body>\
         <header><a href=\"/\">conflict-kg</a> · <a href=\"?format=turtle\">Turtle</a> · \
         <a href=\"?format=jsonld\">JSON-LD</a> · <a href=\"?format=ntriples\">N-Triples</a></header>\
         <main><h1>{t}</h1><p class=\"iri\">{i}</p><p class=\"types\">{types}</p>",
        t = esc(&title),
        i = esc(iri.as_str()),
        types = types.join(", "),
    );
    if is_incident {
        let _ = write!(h, "<h2>Claims side by side</h2>");
        if claims.is_empty() {
            let _ = write!(h, "<p>No claim is about this incident.</p>");
        } else {
            let _ = write!(h, "<table id=\"claims\" class=\"claims\"><thead><tr>");
            for c in CLAIM_COLUMNS {
                let _ = write!(h, "<th>{}</th>", esc(c));
            }
            let _ = write!(h, "</tr></thead><tbody>");
            for row in &claims {
                let _ = write!(h, "<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let class = CLAIM_COLUMNS[i].replace(' ', "-");
                    let _ = write!(
                        h,
                        "<td class=\"{class}\">{}</td>",
                        cell.as_ref()
                            .map_or(String::new(), |t| linker.term(t.as_ref(), &labels))
                    );
                }
                let _ = write!(h, "</tr>");
            }
            let _ = write!(h, "</tbody></table>");
        }
        let _ = write!(h, "<h2>Place</h2>");
        if places.is_empty() {
            let _ = write!(
                h,
                "<p>No coordinates (run <code>ckg link geonames</code>).</p>"
            );
        } else {
            let _ = write!(h, "<ul>");
            for (place, wkt) in &places {
                let _ = write!(
                    h,
                    "<li>{} <code>{}</code></li>",
                    linker.term(place.as_ref(), &labels),
                    esc(wkt)
                );
            }
            let _ = write!(
                h,
                "</ul><div id=\"map\" class=\"map\" data-wkt=\"{}\"></div>",
                esc(&places
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .collect::<Vec<_>>()
                    .join("|"))
            );
        }
    }
    let _ = write!(h, "<h2>Statements</h2><table class=\"statements\"><tbody>");
    for t in statements {
        let _ = write!(
            h,
            "<tr><th>{}</th><td>{}</td></tr>",
            linker.iri(t.predicate.as_ref(), &labels),
            linker.term(t.object.as_ref(), &labels)
        );
    }
    let _ = write!(h, "</tbody></table>");
    if !incoming.is_empty() {
        let _ = write!(
            h,
            "<h2>What points here</h2><table class=\"incoming\"><tbody>"
        );
        for (s, p) in incoming {
            let (Ok(s), Ok(p)) = (NamedNodeRef::new(s), NamedNodeRef::new(p)) else {
                continue;
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><th>{}</th></tr>",
                linker.iri(s, &labels),
                linker.iri(p, &labels)
            );
        }
        let _ = write!(h, "</tbody></table>");
    }
    let _ = write!(
        h,
        "</main><footer>Served by ckg serve from {root}/sparql</footer>{map}</body></html>",
        root = esc(&root(req)),
        map = if places.is_empty() {
            ""
        } else {
            page::MAP_SCRIPTS
        }
    );
    h
}

use super::page;

const CLAIM_COLUMNS: &[&str] = &[
    "claim",
    "kind",
    "casualty type",
    "group",
    "min",
    "max",
    "words",
    "claimant",
    "voiced by",
    "via",
    "hedge",
    "linked by",
    "part of",
    "evidence",
    "reported in",
];

fn claims_of(shared: &Shared, store: &crate::KgStore, iri: &NamedNode) -> Vec<Vec<Option<Term>>> {
    let q = format!(
        "SELECT ?claim ?kind ?ctype ?group ?min ?max ?words ?claimant ?voiced ?via ?hedge ?linked ?part ?evidence ?report WHERE {{
           ?claim ckg:aboutIncident <{iri}> ; a ?kind .
           OPTIONAL {{ ?claim ckg:casualtyType ?ctype }} OPTIONAL {{ ?claim ckg:casualtyGroup ?group }}
           OPTIONAL {{ ?claim ckg:minCount ?min }} OPTIONAL {{ ?claim ckg:maxCount ?max }}
           OPTIONAL {{ ?claim ckg:quantityText ?words }} OPTIONAL {{ ?claim ckg:claimedBy ?claimant }}
           OPTIONAL {{ ?claim ckg:voicedBy ?voiced }} OPTIONAL {{ ?claim ckg:via ?via }}
           OPTIONAL {{ ?claim ckg:hedge ?hedge }} OPTIONAL {{ ?claim ckg:incidentLinkedBy ?linked }}
           OPTIONAL {{ ?claim ckg:partOfFigure ?part }} OPTIONAL {{ ?claim ckg:evidence ?evidence }}
           OPTIONAL {{ ?claim ckg:reportedIn ?report }}
         }} ORDER BY ?kind (BOUND(?part)) ?group ?claimant ?claim",
        iri = iri.as_str()
    );
    let vars = [
        "claim", "kind", "ctype", "group", "min", "max", "words", "claimant", "voiced", "via",
        "hedge", "linked", "part", "evidence", "report",
    ];
    let mut rows = Vec::new();
    let Ok(QueryResults::Solutions(solutions)) =
        crate::query::run(store.inner(), &q, "claims", &shared.config.base)
    else {
        return rows;
    };
    let _ = SparqlEvaluator::new;
    for s in solutions.flatten() {
        rows.push(vars.iter().map(|v| s.get(*v).cloned()).collect());
    }
    rows
}

/// The incident's place (or the nearest place above it) with its WKT point.
fn place_points(shared: &Shared, store: &crate::KgStore, iri: &NamedNode) -> Vec<(Term, String)> {
    let q = format!(
        "SELECT ?located ?wkt WHERE {{ <{iri}> ckg:place ?place . ?place ckg:within* ?located .
           ?located geo:hasGeometry/geo:asWKT ?wkt .
           FILTER NOT EXISTS {{ ?place ckg:within* ?closer . ?closer ckg:within+ ?located ; geo:hasGeometry ?g }} }}",
        iri = iri.as_str()
    );
    let mut out = Vec::new();
    if let Ok(QueryResults::Solutions(solutions)) =
        crate::query::run(store.inner(), &q, "place", &shared.config.base)
    {
        for s in solutions.flatten() {
            if let (Some(p), Some(Term::Literal(w))) = (s.get("located"), s.get("wkt")) {
                out.push((p.clone(), w.value().to_string()));
            }
        }
    }
    out
}
