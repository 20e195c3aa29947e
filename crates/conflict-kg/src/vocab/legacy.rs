//! LEGACY: the stringly typed vocabulary API, kept only for `import/` until it moves to the typed
//! one (`vocab::ckg`, `vocab::geosparql`, the concept enums, `crate::iri::Base`). Nothing else
//! may use it. Delete this file, its re-exports in `vocab/mod.rs` and the `crate::rdf::Base`
//! re-export in `rdf.rs` once `import/` no longer needs them.
//!
//! What `import/` uses, and nothing more: `term::*` local names with `ckg()` (its `Terms`),
//! `geo::*` (geometry quads), `find_concept` on `PLACE_TYPES`/`CASUALTY_TYPES`, `Concept`,
//! `EventTypeConcept::{from_acled, from_ucdp}` (`local`, `acled_sub_event_type`),
//! `ActorCategoryConcept::from_acled` and `ACTOR_CATEGORIES` (`id`, `local`),
//! `date_precision_from_{acled,ucdp}`, `Base::source_only`, and `model::Place::place_type.id`
//! (through `Deref` below).
//!
//! Every value is derived from the typed vocabulary at compile time, so nothing here can drift.

use super::{ActorCategory, CasualtyType, DatePrecision, EventType, PlaceType};
use oxigraph::model::NamedNodeRef;

/// The local name of a `ckg:` term.
const fn local(term: NamedNodeRef<'static>) -> &'static str {
    term.as_str().split_at(super::CKG.len()).1
}

/// Local names of the `ckg:` terms `import/` writes (import: `Terms::new`).
pub mod term {
    use super::local;
    use crate::vocab::ckg;

    pub const INCIDENT: &str = local(ckg::INCIDENT);
    pub const ACTOR: &str = local(ckg::ACTOR);
    pub const PLACE: &str = local(ckg::PLACE);
    pub const CLAIM: &str = local(ckg::CLAIM);
    pub const CASUALTY_CLAIM: &str = local(ckg::CASUALTY_CLAIM);
    pub const EVENT_TYPE: &str = local(ckg::EVENT_TYPE);
    pub const START_DATE: &str = local(ckg::START_DATE);
    pub const END_DATE: &str = local(ckg::END_DATE);
    pub const DATE_PRECISION: &str = local(ckg::DATE_PRECISION);
    pub const PLACE_PROP: &str = local(ckg::PLACE_PROP);
    pub const PARTICIPANT: &str = local(ckg::PARTICIPANT);
    pub const PERPETRATOR: &str = local(ckg::PERPETRATOR);
    pub const TARGET: &str = local(ckg::TARGET);
    pub const SUMMARY: &str = local(ckg::SUMMARY);
    pub const RECORDED_IN: &str = local(ckg::RECORDED_IN);
    pub const DATASET_ID: &str = local(ckg::DATASET_ID);
    pub const GEO_PRECISION: &str = local(ckg::GEO_PRECISION);
    pub const ABOUT_INCIDENT: &str = local(ckg::ABOUT_INCIDENT);
    pub const CLAIMED_BY: &str = local(ckg::CLAIMED_BY);
    pub const CASUALTY_TYPE: &str = local(ckg::CASUALTY_TYPE);
    pub const CASUALTY_GROUP: &str = local(ckg::CASUALTY_GROUP);
    pub const MIN_COUNT: &str = local(ckg::MIN_COUNT);
    pub const BEST_COUNT: &str = local(ckg::BEST_COUNT);
    pub const MAX_COUNT: &str = local(ckg::MAX_COUNT);
    pub const SOURCE_NOTE: &str = local(ckg::SOURCE_NOTE);
    pub const ACTOR_CATEGORY: &str = local(ckg::ACTOR_CATEGORY);
    pub const PLACE_TYPE: &str = local(ckg::PLACE_TYPE);
    pub const WITHIN: &str = local(ckg::WITHIN);
}

/// GeoSPARQL IRIs as strings (import: `Terms::new`, `Emitter::geometry`).
pub mod geo {
    use crate::vocab::geosparql;

    pub const HAS_GEOMETRY: &str = geosparql::HAS_GEOMETRY.as_str();
    pub const AS_WKT: &str = geosparql::AS_WKT.as_str();
    pub const GEOMETRY: &str = geosparql::GEOMETRY.as_str();
    pub const WKT_LITERAL: &str = geosparql::WKT_LITERAL.as_str();
}

/// The full IRI of a `ckg:` term from its local name (import: its `ckg()` helper).
pub fn ckg(local: &str) -> String {
    format!("{}{local}", super::CKG)
}

/// One SKOS concept: the short id used in data files and its local name in `ckg:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    pub id: &'static str,
    pub local: &'static str,
}

/// An event-type concept with the ACLED sub-event type it corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTypeConcept {
    pub id: &'static str,
    pub local: &'static str,
    /// ACLED `sub_event_type` (import: the incident's label).
    pub acled_sub_event_type: Option<&'static str>,
}

/// An actor category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorCategoryConcept {
    pub id: &'static str,
    pub local: &'static str,
}

/// A `&'static [Concept]` table with one entry per variant of a concept enum, in `ALL` order.
macro_rules! table {
    ($scheme:ty => $entry_type:ty, |$c:ident| $entry:expr, $empty:expr) => {{
        const N: usize = <$scheme>::ALL.len();
        const TABLE: [$entry_type; N] = {
            let mut out = [$empty; N];
            let mut i = 0;
            while i < N {
                let $c = <$scheme>::ALL[i];
                out[i] = $entry;
                i += 1;
            }
            out
        };
        &TABLE
    }};
}

const NO_CONCEPT: Concept = Concept { id: "", local: "" };

macro_rules! concepts {
    ($scheme:ty) => {
        table!(
            $scheme => Concept,
            |c| Concept {
                id: c.id(),
                local: c.local()
            },
            NO_CONCEPT
        )
    };
}

const EVENT_TYPES: &[EventTypeConcept] = table!(
    EventType => EventTypeConcept,
    |c| EventTypeConcept {
        id: c.id(),
        local: c.local(),
        acled_sub_event_type: c.acled_sub_event_type()
    },
    EventTypeConcept {
        id: "",
        local: "",
        acled_sub_event_type: None
    }
);

/// Actor categories (import: `ucdp.rs` finds one by id).
pub const ACTOR_CATEGORIES: &[ActorCategoryConcept] = table!(
    ActorCategory => ActorCategoryConcept,
    |c| ActorCategoryConcept {
        id: c.id(),
        local: c.local()
    },
    ActorCategoryConcept { id: "", local: "" }
);

/// Place types (import: a new place's type).
pub const PLACE_TYPES: &[Concept] = concepts!(PlaceType);

/// Casualty types (import: `ckg:Killed`).
pub const CASUALTY_TYPES: &[Concept] = concepts!(CasualtyType);

const DATE_PRECISIONS: &[Concept] = concepts!(DatePrecision);

/// Looks a short id up in a concept table.
pub fn find_concept<'a>(table: &'a [Concept], id: &str) -> Option<&'a Concept> {
    table.iter().find(|c| c.id == id)
}

impl EventTypeConcept {
    /// [`EventType::from_acled`].
    pub fn from_acled(sub_event_type: &str) -> Option<&'static EventTypeConcept> {
        EventType::from_acled(sub_event_type).map(|c| &EVENT_TYPES[c as usize])
    }

    /// [`EventType::from_ucdp`].
    pub fn from_ucdp(type_of_violence: u8) -> Option<&'static EventTypeConcept> {
        EventType::from_ucdp(type_of_violence).map(|c| &EVENT_TYPES[c as usize])
    }
}

impl ActorCategoryConcept {
    /// [`ActorCategory::from_acled`].
    pub fn from_acled(inter: &str) -> Option<&'static ActorCategoryConcept> {
        ActorCategory::from_acled(inter).map(|c| &ACTOR_CATEGORIES[c as usize])
    }
}

/// [`DatePrecision::from_acled`].
pub fn date_precision_from_acled(time_precision: u8) -> Option<&'static Concept> {
    DatePrecision::from_acled(time_precision).map(|c| &DATE_PRECISIONS[c as usize])
}

/// [`DatePrecision::from_ucdp`].
pub fn date_precision_from_ucdp(date_prec: u8) -> Option<&'static Concept> {
    DatePrecision::from_ucdp(date_prec).map(|c| &DATE_PRECISIONS[c as usize])
}

/// `model::Place::place_type` is a [`PlaceType`]; `import/reconcile.rs` reads it as the old
/// `&Concept` (`p.place_type.id`), which this keeps compiling.
impl std::ops::Deref for PlaceType {
    type Target = Concept;

    fn deref(&self) -> &Concept {
        &PLACE_TYPES[*self as usize]
    }
}

impl crate::iri::Base {
    /// [`Base::source`](crate::iri::Base::source) under its old name (import: the dataset as a
    /// source).
    pub fn source_only(&self, id: &str) -> oxigraph::model::NamedNode {
        self.source(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legacy_tables_follow_the_enums() {
        for c in EventType::ALL {
            let old = &EVENT_TYPES[*c as usize];
            assert_eq!((old.id, old.local), (c.id(), c.local()));
            assert_eq!(old.acled_sub_event_type, c.acled_sub_event_type());
        }
        for c in ActorCategory::ALL {
            let old = &ACTOR_CATEGORIES[*c as usize];
            assert_eq!((old.id, old.local), (c.id(), c.local()));
        }
        for c in PlaceType::ALL {
            assert_eq!((c.id, c.local), (c.id(), c.local()));
        }
        assert_eq!(
            find_concept(CASUALTY_TYPES, "killed").map(|c| c.local),
            Some("Killed")
        );
        assert_eq!(date_precision_from_ucdp(3).map(|c| c.id), Some("week"));
        assert_eq!(term::PLACE_PROP, "place", "local names strip the namespace");
        assert_eq!(ckg(term::INCIDENT), super::super::ckg::INCIDENT.as_str());
    }
}
