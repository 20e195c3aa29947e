//! Every IRI the project mints: instance resources (`{base}{folder}/{id}`, folders from
//! `vocab::folder`), named graphs (ontology, reference, report, import, link), link resources,
//! geometries, the cells of an import's aggregate, gazetteer files as sources, and gazetteer
//! entities. Nothing else formats an instance IRI.
//!
//! Invariant: IRIs are deterministic: they come from ids in `data/`, dataset rows or file
//! names, never from order, counters or clocks, so building or linking twice gives the same quads.

use crate::gazetteer::GazetteerKind;
use crate::vocab::{self, folder};
use oxigraph::model::NamedNode;
use std::path::Path;

/// A base IRI that cannot take ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid base IRI `{base}`: {reason}")]
pub struct InvalidBase {
    pub base: String,
    pub reason: String,
}

/// A validated base IRI for instance resources (ends with `/` or `#`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    pub fn new(base: &str) -> Result<Self, InvalidBase> {
        let invalid = |reason: &str| InvalidBase {
            base: base.to_string(),
            reason: reason.to_string(),
        };
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(invalid(
                "it must end with `/` or `#` so ids can be appended",
            ));
        }
        NamedNode::new(base).map_err(|e| invalid(&e.to_string()))?;
        Ok(Self(base.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `{base}{folder}/`: the namespace of one instance folder (the `place:` prefix…).
    pub fn folder(&self, folder: &str) -> String {
        format!("{}{folder}/", self.0)
    }

    /// `{base}{folder}/{id}`.
    fn mint(&self, folder: &str, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{id}", self.folder(folder)))
    }

    pub fn incident(&self, id: &str) -> NamedNode {
        self.mint(folder::INCIDENT, id)
    }
    pub fn actor(&self, id: &str) -> NamedNode {
        self.mint(folder::ACTOR, id)
    }
    pub fn place(&self, id: &str) -> NamedNode {
        self.mint(folder::PLACE, id)
    }
    /// A source of its own: `{base}source/{id}`. (A curated source that is an actor is the
    /// actor's IRI instead; `rdf` decides.)
    pub fn source(&self, id: &str) -> NamedNode {
        self.mint(folder::SOURCE, id)
    }
    pub fn report(&self, id: &str) -> NamedNode {
        self.mint(folder::REPORT, id)
    }
    pub fn claim(&self, id: &str) -> NamedNode {
        self.mint(folder::CLAIM, id)
    }

    /// A gazetteer file as a provenance entity: `{base}source/gazetteer/{file name}`, the name
    /// reduced to ASCII letters, digits, `-`, `.` and `_` (anything else becomes `_`).
    pub fn gazetteer_file(&self, file: &Path) -> NamedNode {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-._".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.source(&format!("gazetteer/{safe}"))
    }

    /// The qualified link of a curated place to a gazetteer: `{base}link/{gazetteer}/{place id}`.
    pub fn place_link(&self, gazetteer: GazetteerKind, place: &str) -> NamedNode {
        self.mint(folder::LINK, &format!("{}/{place}", gazetteer.name()))
    }

    /// The qualified link of a curated actor to a gazetteer:
    /// `{base}link/{gazetteer}/actor-{actor id}`.
    pub fn actor_link(&self, gazetteer: GazetteerKind, actor: &str) -> NamedNode {
        self.mint(folder::LINK, &format!("{}/actor-{actor}", gazetteer.name()))
    }

    // --- Named graphs -------------------------------------------------------------------------

    /// `{base}graph/{name}`, the form of every named graph below. Outside this module only
    /// `import/` calls it (`import::graph_name`), until it uses [`Base::import_graph`].
    pub(crate) fn graph(&self, name: &str) -> NamedNode {
        self.mint(folder::GRAPH, name)
    }
    /// The compiled-in ontology: `{base}graph/ontology`.
    pub fn ontology_graph(&self) -> NamedNode {
        self.graph("ontology")
    }
    /// Curated actors, places and sources: `{base}graph/reference`.
    pub fn reference_graph(&self) -> NamedNode {
        self.graph("reference")
    }
    /// One curated report with its incidents and claims: `{base}graph/report/{id}`.
    pub fn report_graph(&self, id: &str) -> NamedNode {
        self.graph(&format!("report/{id}"))
    }
    /// `{base}curated/{kind}.{id}.{field}`: the `ckg:CuratedFact` marking a record's field
    /// (ids never contain a dot, so this is unique).
    pub fn curated(&self, kind: &str, id: &str, field: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}curated/{kind}.{id}.{field}", self.as_str()))
    }

    /// Reference records of draft files (`ckg build --drafts`): `{base}graph/draft/reference`.
    pub fn draft_reference_graph(&self) -> NamedNode {
        self.graph("draft/reference")
    }
    /// A draft report (`ckg build --drafts`): `{base}graph/draft/report/{id}`, never a curated
    /// report graph.
    pub fn draft_report_graph(&self, id: &str) -> NamedNode {
        self.graph(&format!("draft/report/{id}"))
    }
    /// The prefix shared by every draft graph.
    pub fn draft_graph_prefix(&self) -> String {
        self.graph("draft/").as_str().to_string()
    }
    /// The prefix shared by every report graph.
    pub fn report_graph_prefix(&self) -> String {
        format!("{}report/", self.folder(folder::GRAPH))
    }
    /// One imported dataset file: `{base}graph/import/{dataset}/{name}` (`dataset` = `acled`,
    /// `ucdp`; `name` the kebab-case name of the file).
    pub fn import_graph(&self, dataset: &str, name: &str) -> NamedNode {
        self.graph(&format!("import/{dataset}/{name}"))
    }
    /// The links to one gazetteer: `{base}graph/link/{gazetteer}`.
    pub fn link_graph(&self, gazetteer: GazetteerKind) -> NamedNode {
        self.graph(&format!("{}/{}", folder::LINK, gazetteer.name()))
    }
}

impl Default for Base {
    fn default() -> Self {
        Self(vocab::DEFAULT_BASE.to_string())
    }
}

/// The geometry one provider gives a place: `{place}/geometry/{provider}`, where `provider` is
/// the short name of the gazetteer or dataset the coordinates come from (`geonames`, `acled`…),
/// so a place located by several keeps one geometry each.
/// One cell of an import's aggregate (`ckg:IncidentCount`): `{import graph}/count/{month}/{place}`,
/// where `place` is the governorate's IRI after `{base}place/` (every governorate an import
/// counts is minted by [`Base::place`]; any other IRI would be used whole). Under the graph's
/// IRI, so two imports never share a cell.
pub(crate) fn incident_count(
    base: &Base,
    graph: &NamedNode,
    month: &str,
    governorate: &NamedNode,
) -> NamedNode {
    let folder = base.folder(folder::PLACE);
    let place = governorate
        .as_str()
        .strip_prefix(&folder)
        .unwrap_or(governorate.as_str());
    NamedNode::new_unchecked(format!("{}/count/{month}/{place}", graph.as_str()))
}

pub(crate) fn geometry(place: &NamedNode, provider: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/geometry/{provider}", place.as_str()))
}

/// A gazetteer's own IRI for one of its entries: `https://sws.geonames.org/{id}/`,
/// `http://www.wikidata.org/entity/{QID}`.
pub(crate) fn gazetteer_entity(gazetteer: GazetteerKind, id: &str) -> NamedNode {
    NamedNode::new_unchecked(match gazetteer {
        GazetteerKind::GeoNames => format!("{}{id}/", vocab::GEONAMES_ENTITY),
        GazetteerKind::Wikidata => format!("{}{id}", vocab::WIKIDATA_ENTITY),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_must_end_with_a_separator() {
        assert!(Base::new("https://example.org/id/").is_ok());
        assert!(Base::new("https://example.org/id#").is_ok());
        let err = Base::new("https://example.org/id").unwrap_err();
        assert!(err.to_string().contains("must end with `/` or `#`"));
        assert!(Base::new("not an iri/").is_err());
    }

    #[test]
    fn every_minted_iri_has_its_documented_form() {
        let b = Base::default();
        let id = "https://w3id.org/conflict-kg/id/";
        let cases = [
            (b.incident("i"), "incident/i"),
            (b.actor("a"), "actor/a"),
            (b.place("p"), "place/p"),
            (b.source("s"), "source/s"),
            (b.report("r"), "report/r"),
            (b.claim("c"), "claim/c"),
            (
                b.gazetteer_file(Path::new("data/geo names (SY).txt")),
                "source/gazetteer/geo_names__SY_.txt",
            ),
            (
                b.place_link(GazetteerKind::GeoNames, "hajin"),
                "link/geonames/hajin",
            ),
            (
                b.actor_link(GazetteerKind::Wikidata, "isis"),
                "link/wikidata/actor-isis",
            ),
            (b.ontology_graph(), "graph/ontology"),
            (b.reference_graph(), "graph/reference"),
            (b.report_graph("r"), "graph/report/r"),
            (
                b.import_graph("ucdp", "ged-syria"),
                "graph/import/ucdp/ged-syria",
            ),
            (b.link_graph(GazetteerKind::Wikidata), "graph/link/wikidata"),
            (
                geometry(&b.place("p"), "geonames"),
                "place/p/geometry/geonames",
            ),
            (
                incident_count(&b, &b.import_graph("acled", "x"), "2018-05", &b.place("g")),
                "graph/import/acled/x/count/2018-05/g",
            ),
        ];
        for (iri, local) in cases {
            assert_eq!(iri.as_str(), format!("{id}{local}"));
        }
        assert!(
            b.report_graph("r")
                .as_str()
                .starts_with(&b.report_graph_prefix())
        );
        assert_eq!(b.folder(folder::PLACE), format!("{id}place/"));
        assert_eq!(
            gazetteer_entity(GazetteerKind::GeoNames, "173480").as_str(),
            "https://sws.geonames.org/173480/"
        );
        assert_eq!(
            gazetteer_entity(GazetteerKind::Wikidata, "Q42").as_str(),
            "http://www.wikidata.org/entity/Q42"
        );
    }
}
