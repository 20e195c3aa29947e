//! Stage 2: records checked and turned into the validated model: references resolved, dates
//! resolved against publication, concepts looked up, counts checked. No RDF here.
//!
//! Invariants of a `Model`: every id is kebab-case and unique per kind; every reference names an
//! existing record of the right kind; every evidence string occurs verbatim in its report's
//! text; `min_count <= max_count`; the place hierarchy has no cycle.
//!
//! This file holds the model's types; `validate.rs` the checker and the checks of records,
//! incidents and the hierarchy; `claims.rs` the checks of every claim table; `fidelity.rs` the
//! fidelity fields (relays, speakers, hedges, figure words, parts of figures, curated marks).

mod claims;
mod fidelity;
mod validate;

pub(crate) use validate::validate;

use crate::dates::{self, DateSpan, PartialDate};
use crate::diag::{Problems, SourceText};
use crate::records::{
    ActorRecord, ClaimKind, ClaimRecord, Curated, Dataset, IncidentRecord, LoadedReport,
    PlaceRecord, S, SourceRecord,
};
use crate::vocab::{
    ActorCategory, CasualtyType, ConceptScheme, DatePrecision, EventType, Hedge, PlaceType,
    Relation, SourceType,
};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub category: ActorCategory,
    pub person: bool,
    pub rank: Option<String>,
    pub member_of: Vec<String>,
    pub part_of: Vec<String>,
    pub allied_with: Vec<String>,
    pub country: Option<String>,
    pub description: Option<String>,
    /// Persons: the sources they speak for.
    pub speaks_for: Vec<String>,
    pub curated: Vec<CuratedValue>,
}

/// A field whose values the curators added from outside the report text, and where from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedValue {
    /// The data field (`date`, `part_of`…), or `record` for the whole record.
    pub field: String,
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub place_type: PlaceType,
    pub within: Option<String>,
    pub description: Option<String>,
    /// Further parents (written as `ckg:within` too).
    pub also_within: Vec<String>,
    pub overlaps: Vec<String>,
    pub curated: Vec<CuratedValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub source_type: SourceType,
    /// The actor this source is (same resource), if any.
    pub actor: Option<String>,
    pub country: Option<String>,
    pub description: Option<String>,
    pub based_in: Option<String>,
    /// A joint attribution: the sources it names together.
    pub comprises: Vec<String>,
    pub curated: Vec<CuratedValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: String,
    pub headline: String,
    pub published: PartialDate,
    pub publisher: String,
    pub cites: Vec<String>,
    /// The report text's path relative to the data directory.
    pub text_path: String,
    pub dateline: Option<String>,
    pub incidents: Vec<Incident>,
    pub claims: Vec<Claim>,
    pub curated: Vec<CuratedValue>,
    /// `Some` for a draft (`status = "draft"`), with its review items.
    pub draft: Option<DraftStatus>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: String,
    pub label: String,
    pub event_type: EventType,
    pub date: Option<DateSpan>,
    pub date_text: Option<String>,
    pub place: Option<String>,
    pub location_qualifier: Option<String>,
    pub perpetrators: Vec<String>,
    /// `Some(false)` when the text says the perpetrator is not known.
    pub perpetrator_known: Option<bool>,
    pub targets: Vec<String>,
    pub part_of: Option<String>,
    pub summary: Option<String>,
    pub evidence: String,
    /// Further places and evidence sentences (written as `ckg:place` / `ckg:evidence` too).
    pub also_places: Vec<String>,
    pub also_evidence: Vec<String>,
    pub curated: Vec<CuratedValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    pub source: String,
    pub evidence: String,
    pub incident: Option<String>,
    pub stated: Option<NaiveDate>,
    pub note: Option<String>,
    /// Who tied this claim to its incident, and the words that do, when not the source itself.
    pub linked_by: Option<(String, String)>,
    pub detail: ClaimDetail,
    /// Relay, speaker, hedges, figure words and structure (issue 11).
    pub fidelity: ClaimFidelity,
}

/// What a claim says beyond who and what: through whom it came, who voiced it, how hedged,
/// the words of its figure, what it is part of or rests on, and how long it held.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClaimFidelity {
    pub via: Option<String>,
    pub voiced_by: Option<String>,
    pub hedge: Option<Hedge>,
    pub link_hedge: Option<Hedge>,
    pub quantity_text: Option<String>,
    pub part_of_figure: Option<String>,
    pub based_on: Vec<String>,
    pub until: Option<String>,
    pub place_qualifier: Option<String>,
}

/// A figure: exact (`min == max`), a lower bound, an upper bound, or none given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimDetail {
    Casualty {
        casualty_type: CasualtyType,
        group: Option<String>,
        count: Count,
    },
    Responsibility {
        perpetrator: String,
    },
    Control {
        actor: String,
        place: String,
    },
    Presence {
        actor: String,
        place: Option<String>,
    },
    Strength {
        actor: String,
        place: Option<String>,
        count: Count,
    },
    /// The source says the incident took place.
    Occurrence,
    /// The source says `actor` stands in `relation` (a `vocab::RELATIONS` entry) to `other`.
    Relation {
        actor: String,
        relation: Relation,
        other: String,
    },
}

impl ClaimDetail {
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimDetail::Casualty { .. } => ClaimKind::Casualty,
            ClaimDetail::Responsibility { .. } => ClaimKind::Responsibility,
            ClaimDetail::Control { .. } => ClaimKind::Control,
            ClaimDetail::Presence { .. } => ClaimKind::Presence,
            ClaimDetail::Strength { .. } => ClaimKind::Strength,
            ClaimDetail::Occurrence => ClaimKind::Occurrence,
            ClaimDetail::Relation { .. } => ClaimKind::Relation,
        }
    }
}

/// The validated content of a data directory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub sources: Vec<Source>,
    pub reports: Vec<Report>,
    /// Reference files marked `status = "draft"` (proposed by `ckg extract`).
    pub draft_reference: Vec<DraftReference>,
}

/// A draft's mark: where `status = "draft"` is written and its open review items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStatus {
    pub file: std::path::PathBuf,
    pub line: usize,
    pub review: Vec<ReviewItem>,
}

/// One `[[review]]` item of a draft report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub line: usize,
    pub about: String,
    pub item: String,
}

/// A reference file marked draft, and the ids of what it defines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftReference {
    pub file: std::path::PathBuf,
    pub line: usize,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub sources: Vec<String>,
}

impl Model {
    /// Whether anything loaded is a draft (a report or a reference file).
    pub fn has_drafts(&self) -> bool {
        !self.draft_reference.is_empty() || self.reports.iter().any(|r| r.draft.is_some())
    }

    /// Every draft mark, `(file, line)`, reports then reference files.
    pub fn draft_marks(&self) -> Vec<(&std::path::Path, usize)> {
        let reports = self
            .reports
            .iter()
            .filter_map(|r| r.draft.as_ref())
            .map(|d| (d.file.as_path(), d.line));
        let refs = self
            .draft_reference
            .iter()
            .map(|d| (d.file.as_path(), d.line));
        reports.chain(refs).collect()
    }

    pub fn incidents(&self) -> impl Iterator<Item = &Incident> {
        self.reports.iter().flat_map(|r| r.incidents.iter())
    }

    pub fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.reports.iter().flat_map(|r| r.claims.iter())
    }

    /// The source that stands for the curators (type `curator`), to which curated values and
    /// curators' links are attributed.
    pub fn curator_source(&self) -> Option<&Source> {
        self.sources
            .iter()
            .find(|s| s.source_type == SourceType::Curator)
    }
}

#[cfg(test)]
mod tests;
