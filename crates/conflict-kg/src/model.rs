//! Stage 2: records checked and turned into the validated model: references resolved, dates
//! resolved against publication, concepts looked up, counts checked. No RDF here.
//!
//! Invariants of a `Model`: every id is kebab-case and unique per kind; every reference names an
//! existing record of the right kind; every evidence string occurs verbatim in its report's
//! text; `min_count <= max_count`; the place hierarchy has no cycle.

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
}

impl Model {
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

/// The kinds of id, each its own namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Actor,
    Place,
    Source,
    Report,
    Incident,
    Claim,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Place => "place",
            Kind::Source => "source",
            Kind::Report => "report",
            Kind::Incident => "incident",
            Kind::Claim => "claim",
        }
    }

    fn defined_in(self) -> &'static str {
        match self {
            Kind::Actor => "[[actor]] in reference/*.toml",
            Kind::Place => "[[place]] in reference/*.toml",
            Kind::Source => "[[source]] in reference/*.toml",
            Kind::Report => "[report] in reports/*.toml",
            Kind::Incident => "[[incident]] in reports/*.toml",
            Kind::Claim => "a claim table in reports/*.toml",
        }
    }
}

/// Collects problems while checking; knows every id defined.
struct Checker {
    problems: Problems,
    ids: HashMap<Kind, HashMap<String, String>>,
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl Checker {
    fn problem<T>(&mut self, src: &SourceText, at: &S<T>, field: &str, message: impl Into<String>) {
        self.problems
            .push(src.problem(at.span().start, field, message));
    }

    /// Registers a definition; reports bad shapes and duplicates.
    fn define(&mut self, kind: Kind, src: &SourceText, id: &S<String>, field: &str) {
        let value = id.get_ref();
        if !is_kebab(value) {
            self.problem(
                src,
                id,
                field,
                format!("{} id `{value}` is not kebab-case (expected lower-case letters and digits joined by single hyphens, e.g. `deir-ez-zor`)", kind.name()),
            );
        }
        let here = src.location(id.span().start).to_string();
        let table = self.ids.entry(kind).or_default();
        if let Some(first) = table.get(value) {
            let first = first.clone();
            self.problem(
                src,
                id,
                field,
                format!(
                    "duplicate {} id `{value}`: already defined at {first}",
                    kind.name()
                ),
            );
        } else {
            table.insert(value.clone(), here);
        }
    }

    fn exists(&self, kind: Kind, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|t| t.contains_key(id))
    }

    /// Checks a reference and returns its value.
    fn reference(&mut self, kind: Kind, src: &SourceText, r: &S<String>, field: &str) -> String {
        let value = r.get_ref();
        if !self.exists(kind, value) {
            self.problem(
                src,
                r,
                field,
                format!(
                    "unknown {} id `{value}` (expected an id defined by {})",
                    kind.name(),
                    kind.defined_in()
                ),
            );
        }
        value.clone()
    }

    fn references(
        &mut self,
        kind: Kind,
        src: &SourceText,
        rs: &[S<String>],
        field: &str,
    ) -> Vec<String> {
        rs.iter()
            .map(|r| self.reference(kind, src, r, field))
            .collect()
    }

    fn opt_reference(
        &mut self,
        kind: Kind,
        src: &SourceText,
        r: &Option<S<String>>,
        field: &str,
    ) -> Option<String> {
        r.as_ref().map(|r| self.reference(kind, src, r, field))
    }

    /// The concept of scheme `C` a short id names, or a problem listing the scheme's ids.
    fn concept<C: ConceptScheme>(
        &mut self,
        src: &SourceText,
        v: &S<String>,
        field: &str,
    ) -> Option<C> {
        match v.get_ref().parse::<C>() {
            Ok(c) => Some(c),
            Err(unknown) => {
                self.problem(src, v, field, unknown.to_string());
                None
            }
        }
    }

    fn relation(&mut self, src: &SourceText, v: &S<String>, field: &str) -> Option<Relation> {
        let found = Relation::from_id(v.get_ref());
        if found.is_none() {
            let expected: Vec<&str> = Relation::ALL.iter().map(|r| r.id()).collect();
            self.problem(
                src,
                v,
                field,
                format!(
                    "unknown value `{}` (expected one of: {})",
                    v.get_ref(),
                    expected.join(", ")
                ),
            );
        }
        found
    }

    fn text(&mut self, src: &SourceText, v: &S<String>, field: &str) -> String {
        if v.get_ref().trim().is_empty() {
            self.problem(src, v, field, "must not be empty");
        }
        v.get_ref().clone()
    }

    /// Checks that `v` occurs verbatim in the report text.
    fn verbatim(
        &mut self,
        src: &SourceText,
        report: &LoadedReport,
        v: &S<String>,
        field: &str,
    ) -> String {
        let value = self.text(src, v, field);
        if let Some(text) = &report.text {
            if !value.trim().is_empty() && !text.contains(value.as_str()) {
                let shown: String = value.chars().take(60).collect();
                self.problem(
                    src,
                    v,
                    field,
                    format!(
                        "\"{shown}{}\" does not occur verbatim in {} (evidence must be copied exactly from the report text)",
                        if value.chars().count() > 60 { "…" } else { "" },
                        report.text_path
                    ),
                );
            }
        }
        value
    }

    fn count(&mut self, src: &SourceText, v: &Option<S<i64>>, field: &str) -> Option<u64> {
        let v = v.as_ref()?;
        match u64::try_from(*v.get_ref()) {
            Ok(n) => Some(n),
            Err(_) => {
                self.problem(
                    src,
                    v,
                    field,
                    format!("a count cannot be negative, found {}", v.get_ref()),
                );
                None
            }
        }
    }

    fn figures(&mut self, src: &SourceText, c: &ClaimRecord, table: &str) -> Count {
        let count = self.count(src, &c.count, &format!("{table}.count"));
        let min = self.count(src, &c.min, &format!("{table}.min"));
        let max = self.count(src, &c.max, &format!("{table}.max"));
        if let Some(at) = c
            .count
            .as_ref()
            .filter(|_| c.min.is_some() || c.max.is_some())
        {
            self.problem(
                src,
                at,
                &format!("{table}.count"),
                "give either `count` (an exact figure) or `min`/`max`, not both",
            );
        }
        if let (Some(lo), Some(hi), Some(at)) = (min, max, c.min.as_ref()) {
            if lo > hi {
                self.problem(
                    src,
                    at,
                    &format!("{table}.min"),
                    format!("min ({lo}) is greater than max ({hi})"),
                );
            }
        }
        match count {
            Some(n) => Count {
                min: Some(n),
                max: Some(n),
            },
            None => Count { min, max },
        }
    }

    fn forbid<T>(&mut self, src: &SourceText, v: &Option<S<T>>, field: &str, kind: ClaimKind) {
        if let Some(v) = v {
            self.problem(
                src,
                v,
                field,
                format!("field not allowed in [[{}]]", kind.table()),
            );
        }
    }

    fn require<'a>(
        &mut self,
        src: &SourceText,
        claim: &ClaimRecord,
        v: &'a Option<S<String>>,
        field: &str,
    ) -> Option<&'a S<String>> {
        if v.is_none() {
            self.problem(
                src,
                &claim.id,
                field,
                format!(
                    "missing field `{}`",
                    field.rsplit('.').next().unwrap_or(field)
                ),
            );
        }
        v.as_ref()
    }
}

/// Checks a dataset and builds the model, or returns every problem found.
pub(crate) fn validate(dataset: &Dataset) -> Result<Model, Problems> {
    let mut ck = Checker {
        problems: Problems::default(),
        ids: HashMap::new(),
    };

    // Pass 1: every definition, so references may point forward and across files.
    for file in &dataset.reference {
        let src = &file.source;
        for a in &file.records.actor {
            ck.define(Kind::Actor, src, &a.id, "actor.id");
        }
        for p in &file.records.place {
            ck.define(Kind::Place, src, &p.id, "place.id");
        }
        for s in &file.records.source {
            ck.define(Kind::Source, src, &s.id, "source.id");
        }
    }
    for report in &dataset.reports {
        let src = &report.source;
        let r = &report.records;
        ck.define(Kind::Report, src, &r.report.id, "report.id");
        for i in &r.incident {
            ck.define(Kind::Incident, src, &i.id, "incident.id");
        }
        for kind in ClaimKind::ALL {
            for c in r.claims(kind) {
                ck.define(Kind::Claim, src, &c.id, &format!("{}.id", kind.table()));
            }
        }
    }

    // Pass 2: each record checked and converted.
    let mut model = Model::default();
    for file in &dataset.reference {
        let src = &file.source;
        for a in &file.records.actor {
            model.actors.push(actor(&mut ck, src, a));
        }
        for p in &file.records.place {
            model.places.push(place(&mut ck, src, p));
        }
        for s in &file.records.source {
            model.sources.push(source(&mut ck, src, s));
        }
    }
    check_place_hierarchy(&mut ck, dataset, &model);
    for report in &dataset.reports {
        if let Some(r) = report_(&mut ck, report) {
            model.reports.push(r);
        }
    }
    check_incident_nesting(&mut ck, dataset, &model);
    check_claim_structure(&mut ck, dataset, &model);
    check_curator_source(&mut ck, dataset, &model);

    ck.problems.into_result()?;
    Ok(model)
}

fn strings(v: &[S<String>]) -> Vec<String> {
    v.iter().map(|s| s.get_ref().clone()).collect()
}

fn opt_string(v: &Option<S<String>>) -> Option<String> {
    v.as_ref().map(|s| s.get_ref().clone())
}

fn actor(ck: &mut Checker, src: &SourceText, a: &ActorRecord) -> Actor {
    let category = ck.concept(src, &a.category, "actor.category");
    if !a.person {
        if let Some(rank) = &a.rank {
            ck.problem(
                src,
                rank,
                "actor.rank",
                "`rank` is for persons: add `person = true`",
            );
        }
        if let Some(m) = a.member_of.first() {
            ck.problem(
                src,
                m,
                "actor.member_of",
                "`member_of` is for persons (use `part_of` for groups): add `person = true`",
            );
        }
    }
    Actor {
        id: a.id.get_ref().clone(),
        label: ck.text(src, &a.label, "actor.label"),
        aliases: strings(&a.aliases),
        // A placeholder when the id is unknown: the problem fails the load.
        category: category.unwrap_or(ActorCategory::ALL[0]),
        person: a.person,
        rank: opt_string(&a.rank),
        member_of: ck.references(Kind::Actor, src, &a.member_of, "actor.member_of"),
        part_of: ck.references(Kind::Actor, src, &a.part_of, "actor.part_of"),
        allied_with: ck.references(Kind::Actor, src, &a.allied_with, "actor.allied_with"),
        country: ck.opt_reference(Kind::Place, src, &a.country, "actor.country"),
        description: opt_string(&a.description),
        speaks_for: actor_speaks_for(ck, src, a),
        curated: curated(
            ck,
            src,
            &a.curated,
            "actor.curated",
            &[
                ("record", true),
                ("part_of", !a.part_of.is_empty()),
                ("allied_with", !a.allied_with.is_empty()),
                ("country", a.country.is_some()),
                ("member_of", !a.member_of.is_empty()),
                ("rank", a.rank.is_some()),
            ],
        ),
    }
}

fn place(ck: &mut Checker, src: &SourceText, p: &PlaceRecord) -> Place {
    let place_type: Option<PlaceType> = ck.concept(src, &p.place_type, "place.type");
    let within = ck.opt_reference(Kind::Place, src, &p.within, "place.within");
    // An unknown type needs `within` too (its own problem is reported above).
    if within.is_none() && place_type.is_none_or(PlaceType::needs_within) {
        ck.problem(
            src,
            &p.id,
            "place.within",
            format!(
                "missing field `within`: a place of type `{}` must name the place it lies in",
                p.place_type.get_ref()
            ),
        );
    }
    if within.as_deref() == Some(p.id.get_ref().as_str()) {
        ck.problem(
            src,
            &p.id,
            "place.within",
            "a place cannot lie within itself",
        );
    }
    Place {
        id: p.id.get_ref().clone(),
        label: ck.text(src, &p.label, "place.label"),
        aliases: strings(&p.aliases),
        place_type: place_type.unwrap_or(PlaceType::ALL[0]),
        within,
        description: opt_string(&p.description),
        also_within: place_links(ck, src, p, &p.also_within, "place.also_within"),
        overlaps: place_links(ck, src, p, &p.overlaps, "place.overlaps"),
        curated: curated(
            ck,
            src,
            &p.curated,
            "place.curated",
            &[
                ("record", true),
                ("within", p.within.is_some()),
                ("also_within", !p.also_within.is_empty()),
                ("overlaps", !p.overlaps.is_empty()),
            ],
        ),
    }
}

fn source(ck: &mut Checker, src: &SourceText, s: &SourceRecord) -> Source {
    let source_type = ck.concept(src, &s.source_type, "source.type");
    Source {
        id: s.id.get_ref().clone(),
        label: ck.text(src, &s.label, "source.label"),
        aliases: strings(&s.aliases),
        source_type: source_type.unwrap_or(SourceType::ALL[0]),
        actor: ck.opt_reference(Kind::Actor, src, &s.actor, "source.actor"),
        country: ck.opt_reference(Kind::Place, src, &s.country, "source.country"),
        description: opt_string(&s.description),
        based_in: ck.opt_reference(Kind::Place, src, &s.based_in, "source.based_in"),
        comprises: source_comprises(ck, src, s),
        curated: curated(
            ck,
            src,
            &s.curated,
            "source.curated",
            &[
                ("record", true),
                ("country", s.country.is_some()),
                ("based_in", s.based_in.is_some()),
                ("comprises", !s.comprises.is_empty()),
            ],
        ),
    }
}

/// Reports a cycle in `within`, once per cycle, at the place record that closes it.
fn check_place_hierarchy(ck: &mut Checker, dataset: &Dataset, model: &Model) {
    let parent: HashMap<&str, &str> = model
        .places
        .iter()
        .filter_map(|p| Some((p.id.as_str(), p.within.as_deref()?)))
        .collect();
    let mut reported: HashSet<&str> = HashSet::new();
    for file in &dataset.reference {
        for p in &file.records.place {
            let start = p.id.get_ref().as_str();
            let mut seen = HashSet::from([start]);
            let mut at = start;
            while let Some(&next) = parent.get(at) {
                if next == start {
                    if seen.iter().all(|s| !reported.contains(s)) {
                        let mut chain: Vec<&str> = seen.iter().copied().collect();
                        chain.sort_unstable();
                        ck.problem(
                            &file.source,
                            &p.id,
                            "place.within",
                            format!("the `within` chain loops through {}", chain.join(", ")),
                        );
                        reported.insert(start);
                    }
                    break;
                }
                if !seen.insert(next) {
                    break; // a loop that does not include `start`; reported from its own members
                }
                at = next;
            }
        }
    }
}

/// Reports incidents that are (transitively) part of themselves.
fn check_incident_nesting(ck: &mut Checker, dataset: &Dataset, model: &Model) {
    let parent: HashMap<&str, &str> = model
        .incidents()
        .filter_map(|i| Some((i.id.as_str(), i.part_of.as_deref()?)))
        .collect();
    for report in &dataset.reports {
        for i in &report.records.incident {
            let start = i.id.get_ref().as_str();
            let mut at = start;
            let mut steps = 0;
            while let Some(&next) = parent.get(at) {
                steps += 1;
                if next == start {
                    if let Some(part_of) = &i.part_of {
                        ck.problem(
                            &report.source,
                            part_of,
                            "incident.part_of",
                            format!("incident `{start}` ends up part of itself"),
                        );
                    }
                    break;
                }
                if steps > parent.len() {
                    break;
                }
                at = next;
            }
        }
    }
}

fn report_(ck: &mut Checker, report: &LoadedReport) -> Option<Report> {
    let src = &report.source;
    let r = &report.records.report;
    let published = match PartialDate::parse(r.published.get_ref()) {
        Ok(p) => Some(p),
        Err(e) => {
            ck.problem(src, &r.published, "report.published", e);
            None
        }
    };
    let incidents = report
        .records
        .incident
        .iter()
        .map(|i| incident(ck, report, i, published))
        .collect();
    let mut claims = Vec::new();
    for kind in ClaimKind::ALL {
        for c in report.records.claims(kind) {
            if let Some(c) = claim(ck, report, kind, c, published) {
                claims.push(c);
            }
        }
    }
    Some(Report {
        id: r.id.get_ref().clone(),
        headline: ck.text(src, &r.headline, "report.headline"),
        published: published?,
        publisher: ck.reference(Kind::Source, src, &r.publisher, "report.publisher"),
        cites: ck.references(Kind::Source, src, &r.cites, "report.cites"),
        text_path: report.text_path.clone(),
        dateline: ck.opt_reference(Kind::Place, src, &r.dateline, "report.dateline"),
        incidents,
        claims,
        curated: curated(
            ck,
            src,
            &r.curated,
            "report.curated",
            &[
                ("published", true),
                ("headline", true),
                ("publisher", true),
                ("dateline", r.dateline.is_some()),
            ],
        ),
    })
}

fn resolve_date(
    ck: &mut Checker,
    src: &SourceText,
    v: &S<String>,
    field: &str,
    published: Option<PartialDate>,
) -> Option<DateSpan> {
    match dates::resolve(v.get_ref(), published) {
        Ok(span) => Some(span),
        Err(e) => {
            ck.problem(src, v, field, e);
            None
        }
    }
}

fn incident(
    ck: &mut Checker,
    report: &LoadedReport,
    i: &IncidentRecord,
    published: Option<PartialDate>,
) -> Incident {
    let src = &report.source;
    let event_type = ck.concept(src, &i.event_type, "incident.event_type");
    let date = i
        .date
        .as_ref()
        .and_then(|d| resolve_date(ck, src, d, "incident.date", published));
    let perpetrator_known = i.perpetrator_known.as_ref().map(|b| *b.get_ref());
    if let (Some(false), Some(first)) = (perpetrator_known, i.perpetrators.first()) {
        ck.problem(
            src,
            first,
            "incident.perpetrators",
            "`perpetrator_known = false` contradicts a listed perpetrator",
        );
    }
    if i.part_of
        .as_ref()
        .is_some_and(|p| p.get_ref() == i.id.get_ref())
    {
        ck.problem(
            src,
            &i.id,
            "incident.part_of",
            "an incident cannot be part of itself",
        );
    }
    Incident {
        id: i.id.get_ref().clone(),
        label: ck.text(src, &i.label, "incident.label"),
        event_type: event_type.unwrap_or(EventType::ALL[0]),
        date,
        date_text: opt_string(&i.date_text),
        place: ck.opt_reference(Kind::Place, src, &i.place, "incident.place"),
        location_qualifier: opt_string(&i.location_qualifier),
        perpetrators: ck.references(Kind::Actor, src, &i.perpetrators, "incident.perpetrators"),
        perpetrator_known,
        targets: ck.references(Kind::Actor, src, &i.targets, "incident.targets"),
        part_of: ck.opt_reference(Kind::Incident, src, &i.part_of, "incident.part_of"),
        summary: opt_string(&i.summary),
        evidence: ck.verbatim(src, report, &i.evidence, "incident.evidence"),
        also_places: ck.references(Kind::Place, src, &i.also_places, "incident.also_places"),
        also_evidence: i
            .also_evidence
            .iter()
            .map(|e| ck.verbatim(src, report, e, "incident.also_evidence"))
            .collect(),
        curated: curated(
            ck,
            src,
            &i.curated,
            "incident.curated",
            &[
                ("date", i.date.is_some()),
                ("event_type", true),
                ("place", i.place.is_some()),
                ("also_places", !i.also_places.is_empty()),
                ("location_qualifier", i.location_qualifier.is_some()),
                ("perpetrators", !i.perpetrators.is_empty()),
                ("targets", !i.targets.is_empty()),
                ("part_of", i.part_of.is_some()),
            ],
        ),
    }
}

fn claim(
    ck: &mut Checker,
    report: &LoadedReport,
    kind: ClaimKind,
    c: &ClaimRecord,
    published: Option<PartialDate>,
) -> Option<Claim> {
    let src = &report.source;
    let table = kind.table();
    let f = |name: &str| format!("{table}.{name}");

    let stated = c.stated.as_ref().and_then(|s| {
        let span = resolve_date(ck, src, s, &f("stated"), published)?;
        if span.precision != DatePrecision::Day || span.end != Some(span.start) {
            ck.problem(
                src,
                s,
                &f("stated"),
                format!(
                    "`stated` must resolve to one day; `{}` is a {}",
                    s.get_ref(),
                    span.precision.id()
                ),
            );
            return None;
        }
        Some(span.start)
    });
    let linked_by = match (&c.linked_by, &c.link_evidence) {
        (Some(by), Some(ev)) => Some((
            ck.reference(Kind::Source, src, by, &f("linked_by")),
            ck.verbatim(src, report, ev, &f("link_evidence")),
        )),
        (Some(by), None) => {
            ck.problem(
                src,
                by,
                &f("linked_by"),
                "`linked_by` needs `link_evidence`: the words that tie the claim to the incident",
            );
            None
        }
        (None, Some(ev)) => {
            ck.problem(
                src,
                ev,
                &f("link_evidence"),
                "`link_evidence` needs `linked_by`: the source that made the link",
            );
            None
        }
        (None, None) => None,
    };
    let incident = ck.opt_reference(Kind::Incident, src, &c.incident, &f("incident"));
    if incident.is_none() && matches!(kind, ClaimKind::Casualty | ClaimKind::Responsibility) {
        ck.problem(
            src,
            &c.id,
            &f("incident"),
            "missing field `incident`: casualty and responsibility claims are about an incident",
        );
    }
    if linked_by.is_some() && incident.is_none() {
        ck.problem(
            src,
            &c.id,
            &f("linked_by"),
            "`linked_by` needs an `incident` to link to",
        );
    }

    let detail = match kind {
        ClaimKind::Casualty => {
            ck.forbid(src, &c.perpetrator, &f("perpetrator"), kind);
            ck.forbid(src, &c.actor, &f("actor"), kind);
            ck.forbid(src, &c.place, &f("place"), kind);
            let t = ck.require(src, c, &c.casualty_type, &f("type"));
            let casualty_type = t.and_then(|t| ck.concept::<CasualtyType>(src, t, &f("type")));
            let group = ck.opt_reference(Kind::Actor, src, &c.group, &f("group"));
            let count = ck.figures(src, c, table);
            casualty_type.map(|casualty_type| ClaimDetail::Casualty {
                casualty_type,
                group,
                count,
            })
        }
        ClaimKind::Responsibility => {
            forbid_casualty_fields(ck, src, c, kind);
            ck.forbid(src, &c.actor, &f("actor"), kind);
            ck.forbid(src, &c.place, &f("place"), kind);
            let p = ck.require(src, c, &c.perpetrator, &f("perpetrator"));
            p.map(|p| ClaimDetail::Responsibility {
                perpetrator: ck.reference(Kind::Actor, src, p, &f("perpetrator")),
            })
        }
        ClaimKind::Control | ClaimKind::Presence | ClaimKind::Strength => {
            ck.forbid(src, &c.perpetrator, &f("perpetrator"), kind);
            ck.forbid(src, &c.casualty_type, &f("type"), kind);
            ck.forbid(src, &c.group, &f("group"), kind);
            let actor = ck
                .require(src, c, &c.actor, &f("actor"))
                .map(|a| ck.reference(Kind::Actor, src, a, &f("actor")));
            let place = if kind == ClaimKind::Control {
                ck.require(src, c, &c.place, &f("place"));
                ck.opt_reference(Kind::Place, src, &c.place, &f("place"))
            } else {
                ck.opt_reference(Kind::Place, src, &c.place, &f("place"))
            };
            let count = if kind == ClaimKind::Strength {
                let count = ck.figures(src, c, table);
                if count == Count::default() {
                    ck.problem(
                        src,
                        &c.id,
                        &f("count"),
                        "a strength claim needs `count`, `min` or `max`",
                    );
                }
                count
            } else {
                forbid_casualty_fields(ck, src, c, kind);
                Count::default()
            };
            match (kind, actor) {
                (ClaimKind::Control, Some(actor)) => {
                    place.map(|place| ClaimDetail::Control { actor, place })
                }
                (ClaimKind::Presence, Some(actor)) => Some(ClaimDetail::Presence { actor, place }),
                (_, Some(actor)) => Some(ClaimDetail::Strength {
                    actor,
                    place,
                    count,
                }),
                (_, None) => None,
            }
        }
        ClaimKind::Occurrence => {
            forbid_casualty_fields(ck, src, c, kind);
            ck.forbid(src, &c.perpetrator, &f("perpetrator"), kind);
            ck.forbid(src, &c.actor, &f("actor"), kind);
            ck.forbid(src, &c.place, &f("place"), kind);
            if incident.is_none() {
                ck.problem(
                    src,
                    &c.id,
                    &f("incident"),
                    "missing field `incident`: an occurrence claim says that an incident took place",
                );
            }
            Some(ClaimDetail::Occurrence)
        }
        ClaimKind::Relation => {
            forbid_casualty_fields(ck, src, c, kind);
            ck.forbid(src, &c.perpetrator, &f("perpetrator"), kind);
            ck.forbid(src, &c.place, &f("place"), kind);
            let actor = ck
                .require(src, c, &c.actor, &f("actor"))
                .map(|a| ck.reference(Kind::Actor, src, a, &f("actor")));
            let relation = ck
                .require(src, c, &c.relation, &f("relation"))
                .and_then(|r| ck.relation(src, r, &f("relation")));
            let other = ck
                .require(src, c, &c.other, &f("other"))
                .map(|o| ck.reference(Kind::Actor, src, o, &f("other")));
            if let (Some(a), Some(o), Some(at)) = (&actor, &other, &c.other) {
                if a == o {
                    ck.problem(
                        src,
                        at,
                        &f("other"),
                        "an actor stands in no relation to itself",
                    );
                }
            }
            match (actor, relation, other) {
                (Some(actor), Some(relation), Some(other)) => Some(ClaimDetail::Relation {
                    actor,
                    relation,
                    other,
                }),
                _ => None,
            }
        }
    };

    Some(Claim {
        id: c.id.get_ref().clone(),
        source: ck.reference(Kind::Source, src, &c.source, &f("source")),
        evidence: ck.verbatim(src, report, &c.evidence, &f("evidence")),
        incident,
        stated,
        note: opt_string(&c.note),
        fidelity: claim_fidelity(ck, report, kind, c, linked_by.is_some()),
        linked_by,
        detail: detail?,
    })
}

// --- Seed fidelity (issue 11) ---------------------------------------------------------------

/// `curated = { field = "origin" }`: each key must be a field this record can have and has.
fn curated(
    ck: &mut Checker,
    src: &SourceText,
    table: &Option<S<Curated>>,
    field: &str,
    allowed: &[(&str, bool)],
) -> Vec<CuratedValue> {
    let Some(table) = table else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, origin) in table.get_ref() {
        match allowed.iter().find(|(name, _)| name == key) {
            None => {
                let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
                ck.problem(
                    src,
                    table,
                    field,
                    format!(
                        "`{key}` cannot be marked as curated here (expected one of: {})",
                        names.join(", ")
                    ),
                );
            }
            Some((_, false)) => ck.problem(
                src,
                table,
                field,
                format!("`{key}` is marked as curated but the record gives it no value"),
            ),
            Some(_) => {}
        }
        if origin.trim().is_empty() {
            ck.problem(
                src,
                table,
                field,
                format!("`{key}`: say where the curators took it from"),
            );
        }
        out.push(CuratedValue {
            field: key.clone(),
            origin: origin.clone(),
        });
    }
    out
}

fn actor_speaks_for(ck: &mut Checker, src: &SourceText, a: &ActorRecord) -> Vec<String> {
    if let (false, Some(first)) = (a.person, a.speaks_for.first()) {
        ck.problem(
            src,
            first,
            "actor.speaks_for",
            "`speaks_for` is for persons: add `person = true`",
        );
    }
    ck.references(Kind::Source, src, &a.speaks_for, "actor.speaks_for")
}

fn place_links(
    ck: &mut Checker,
    src: &SourceText,
    p: &PlaceRecord,
    links: &[S<String>],
    field: &str,
) -> Vec<String> {
    for l in links {
        if l.get_ref() == p.id.get_ref() {
            ck.problem(src, l, field, "a place cannot name itself here");
        } else if p
            .within
            .as_ref()
            .is_some_and(|w| w.get_ref() == l.get_ref())
        {
            ck.problem(
                src,
                l,
                field,
                format!("`{}` is already the place's `within`", l.get_ref()),
            );
        }
    }
    ck.references(Kind::Place, src, links, field)
}

fn source_comprises(ck: &mut Checker, src: &SourceText, s: &SourceRecord) -> Vec<String> {
    let joint = s.source_type.get_ref() == "joint";
    if let (false, Some(first)) = (joint, s.comprises.first()) {
        ck.problem(
            src,
            first,
            "source.comprises",
            "`comprises` is for a joint attribution: set `type = \"joint\"`",
        );
    }
    if joint && s.comprises.len() < 2 {
        ck.problem(
            src,
            &s.source_type,
            "source.comprises",
            "a joint attribution names the sources it joins: `comprises` needs two or more",
        );
    }
    for c in &s.comprises {
        if c.get_ref() == s.id.get_ref() {
            ck.problem(
                src,
                c,
                "source.comprises",
                "a source cannot comprise itself",
            );
        }
    }
    ck.references(Kind::Source, src, &s.comprises, "source.comprises")
}

/// The fidelity fields of a claim, with the kinds each belongs to.
fn claim_fidelity(
    ck: &mut Checker,
    report: &LoadedReport,
    kind: ClaimKind,
    c: &ClaimRecord,
    linked: bool,
) -> ClaimFidelity {
    let src = &report.source;
    let table = kind.table();
    let f = |name: &str| format!("{table}.{name}");
    if kind != ClaimKind::Relation {
        ck.forbid(src, &c.relation, &f("relation"), kind);
        ck.forbid(src, &c.other, &f("other"), kind);
    }
    if !matches!(kind, ClaimKind::Casualty | ClaimKind::Strength) {
        ck.forbid(src, &c.quantity_text, &f("quantity_text"), kind);
    }
    if kind != ClaimKind::Casualty {
        ck.forbid(src, &c.part_of_figure, &f("part_of_figure"), kind);
    }
    if !matches!(kind, ClaimKind::Control | ClaimKind::Presence) {
        ck.forbid(src, &c.until, &f("until"), kind);
        ck.forbid(src, &c.place_qualifier, &f("place_qualifier"), kind);
    }
    if let (Some(q), None) = (&c.place_qualifier, &c.place) {
        ck.problem(
            src,
            q,
            &f("place_qualifier"),
            "`place_qualifier` says how the claim covers its `place`: give the `place`",
        );
    }
    let hedge = c
        .hedge
        .as_ref()
        .and_then(|h| ck.concept::<Hedge>(src, h, &f("hedge")));
    let link_hedge = c
        .link_hedge
        .as_ref()
        .and_then(|h| ck.concept::<Hedge>(src, h, &f("link_hedge")));
    if let (Some(h), false) = (&c.link_hedge, linked) {
        ck.problem(
            src,
            h,
            &f("link_hedge"),
            "`link_hedge` qualifies the link to the incident: it needs `linked_by`",
        );
    }
    let quantity_text = c.quantity_text.as_ref().map(|q| {
        let words = ck.text(src, q, &f("quantity_text"));
        if !words.trim().is_empty() && !c.evidence.get_ref().contains(words.as_str()) {
            ck.problem(
                src,
                q,
                &f("quantity_text"),
                format!("\"{words}\" is not in the claim's `evidence` (the figure's words must be quoted from it)"),
            );
        }
        words
    });
    if let Some(v) = &c.via {
        if v.get_ref() == c.source.get_ref() {
            ck.problem(
                src,
                v,
                &f("via"),
                "`via` names the claimant itself: a relay is someone else",
            );
        }
    }
    for b in &c.based_on {
        if b.get_ref() == c.id.get_ref() {
            ck.problem(src, b, &f("based_on"), "a claim cannot rest on itself");
        }
    }
    ClaimFidelity {
        via: ck.opt_reference(Kind::Source, src, &c.via, &f("via")),
        voiced_by: ck.opt_reference(Kind::Actor, src, &c.voiced_by, &f("voiced_by")),
        hedge,
        link_hedge,
        quantity_text,
        part_of_figure: ck.opt_reference(Kind::Claim, src, &c.part_of_figure, &f("part_of_figure")),
        based_on: ck.references(Kind::Claim, src, &c.based_on, &f("based_on")),
        until: ck.opt_reference(Kind::Incident, src, &c.until, &f("until")),
        place_qualifier: c
            .place_qualifier
            .as_ref()
            .map(|q| ck.text(src, q, &f("place_qualifier"))),
    }
}

/// Checks that need the whole model: a speaker is a person; a figure is part of a casualty
/// figure about the same incident that is not smaller than it, without loops; `also_within`
/// adds no loop to the place hierarchy.
fn check_claim_structure(ck: &mut Checker, dataset: &Dataset, model: &Model) {
    let claims: HashMap<&str, &Claim> = model.claims().map(|c| (c.id.as_str(), c)).collect();
    let persons: HashSet<&str> = model
        .actors
        .iter()
        .filter(|a| a.person)
        .map(|a| a.id.as_str())
        .collect();
    let actors: HashSet<&str> = model.actors.iter().map(|a| a.id.as_str()).collect();
    for report in &dataset.reports {
        let src = &report.source;
        for kind in ClaimKind::ALL {
            let table = kind.table();
            for c in report.records.claims(kind) {
                if let Some(v) = &c.voiced_by {
                    let id = v.get_ref().as_str();
                    if actors.contains(id) && !persons.contains(id) {
                        ck.problem(
                            src,
                            v,
                            &format!("{table}.voiced_by"),
                            format!("`{id}` is not a person: `voiced_by` names who spoke (an actor with `person = true`)"),
                        );
                    }
                }
                let Some(whole_ref) = &c.part_of_figure else {
                    continue;
                };
                let field = format!("{table}.part_of_figure");
                let (Some(part), Some(whole)) = (
                    claims.get(c.id.get_ref().as_str()),
                    claims.get(whole_ref.get_ref().as_str()),
                ) else {
                    continue;
                };
                let (
                    ClaimDetail::Casualty {
                        count: pc,
                        casualty_type: pt,
                        ..
                    },
                    ClaimDetail::Casualty {
                        count: wc,
                        casualty_type: wt,
                        ..
                    },
                ) = (&part.detail, &whole.detail)
                else {
                    ck.problem(
                        src,
                        whole_ref,
                        &field,
                        format!(
                            "`{}` is not a casualty claim: a figure is part of another casualty figure",
                            whole.id
                        ),
                    );
                    continue;
                };
                if part.id == whole.id {
                    ck.problem(src, whole_ref, &field, "a figure cannot be part of itself");
                    continue;
                }
                if part.incident != whole.incident || pt != wt {
                    ck.problem(
                        src,
                        whole_ref,
                        &field,
                        format!(
                            "`{}` counts other casualties (another incident or casualty type)",
                            whole.id
                        ),
                    );
                }
                if let (Some(lo), Some(hi)) = (pc.min, wc.max) {
                    if lo > hi {
                        ck.problem(
                            src,
                            whole_ref,
                            &field,
                            format!(
                                "a part of at least {lo} cannot belong to a figure of at most {hi}"
                            ),
                        );
                    }
                }
                let mut at = whole;
                let mut steps = 0;
                while let Some(next) = at.fidelity.part_of_figure.as_deref() {
                    steps += 1;
                    if next == part.id || steps > claims.len() {
                        ck.problem(
                            src,
                            whole_ref,
                            &field,
                            format!("`{}` ends up part of its own figure", part.id),
                        );
                        break;
                    }
                    match claims.get(next) {
                        Some(n) => at = n,
                        None => break,
                    }
                }
            }
        }
    }

    // Loops through `also_within` (the single-parent loops are reported by
    // check_place_hierarchy).
    let mut parents: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in &model.places {
        let up = parents.entry(p.id.as_str()).or_default();
        up.extend(p.within.as_deref());
        up.extend(p.also_within.iter().map(String::as_str));
    }
    for file in &dataset.reference {
        for p in &file.records.place {
            for q in &p.also_within {
                let start = p.id.get_ref().as_str();
                let mut stack = vec![q.get_ref().as_str()];
                let mut seen = HashSet::new();
                while let Some(at) = stack.pop() {
                    if at == start {
                        ck.problem(
                            &file.source,
                            q,
                            "place.also_within",
                            format!(
                                "`{}` lies within `{start}` already: the `within` chain would loop",
                                q.get_ref()
                            ),
                        );
                        break;
                    }
                    if seen.insert(at) {
                        stack.extend(parents.get(at).into_iter().flatten().copied());
                    }
                }
            }
        }
    }
}

/// A `curated` mark is attributed to the curators' source, so one must exist.
fn check_curator_source(ck: &mut Checker, dataset: &Dataset, model: &Model) {
    if model.curator_source().is_some() {
        return;
    }
    let reference = dataset.reference.iter().flat_map(|f| {
        let r = &f.records;
        r.actor
            .iter()
            .filter_map(|a| a.curated.as_ref())
            .chain(r.place.iter().filter_map(|p| p.curated.as_ref()))
            .chain(r.source.iter().filter_map(|s| s.curated.as_ref()))
            .map(move |c| (&f.source, c))
    });
    let reports = dataset.reports.iter().flat_map(|f| {
        let r = &f.records;
        r.report
            .curated
            .iter()
            .chain(r.incident.iter().filter_map(|i| i.curated.as_ref()))
            .map(move |c| (&f.source, c))
    });
    if let Some((src, at)) = reference.chain(reports).next() {
        ck.problem(
            src,
            at,
            "curated",
            "curated values are attributed to the curators: define a [[source]] with `type = \"curator\"` in reference/*.toml",
        );
    }
}

fn forbid_casualty_fields(ck: &mut Checker, src: &SourceText, c: &ClaimRecord, kind: ClaimKind) {
    let table = kind.table();
    ck.forbid(src, &c.casualty_type, &format!("{table}.type"), kind);
    ck.forbid(src, &c.group, &format!("{table}.group"), kind);
    ck.forbid(src, &c.count, &format!("{table}.count"), kind);
    ck.forbid(src, &c.min, &format!("{table}.min"), kind);
    ck.forbid(src, &c.max, &format!("{table}.max"), kind);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Loaded, ReferenceFile, ReportFileRecord};
    use std::sync::Arc;

    const REFERENCE: &str = r#"
[[actor]]
id = "islamic-state"
label = "Islamic State"
category = "rebel-group"

[[actor]]
id = "syrian-arab-army"
label = "Syrian Arab Army"
category = "state-forces"
country = "syria"

[[place]]
id = "syria"
label = "Syria"
type = "country"

[[place]]
id = "mayadeen"
label = "Mayadeen"
type = "town"
within = "syria"

[[source]]
id = "sohr"
label = "Syrian Observatory for Human Rights"
type = "monitor"
"#;

    const TEXT: &str = "The deadliest was on Wednesday, when IS targeted a group near the town of Mayadeen. \"There were 35 killed,\" he said.";

    fn report(body: &str) -> String {
        format!(
            "[report]\nid = \"r\"\nheadline = \"H\"\npublished = \"2018-05-27\"\npublisher = \"sohr\"\ntext = \"r.txt\"\n\n{body}"
        )
    }

    const INCIDENT: &str = r#"
[[incident]]
id = "mayadeen-attack"
label = "IS attack near Mayadeen"
event_type = "attack"
date = "Wednesday"
place = "mayadeen"
perpetrators = ["islamic-state"]
targets = ["syrian-arab-army"]
evidence = "The deadliest was on Wednesday, when IS targeted a group near the town of Mayadeen."
"#;

    fn dataset(reference: &str, report_toml: &str) -> Dataset {
        let rsrc = Arc::new(SourceText::new("reference/a.toml", reference.to_string()));
        let records: ReferenceFile = toml::from_str(reference).unwrap();
        let psrc = Arc::new(SourceText::new("reports/r.toml", report_toml.to_string()));
        let precords: ReportFileRecord = toml::from_str(report_toml).unwrap();
        Dataset {
            reference: vec![Loaded {
                source: rsrc,
                records,
            }],
            reports: vec![LoadedReport {
                source: psrc,
                records: precords,
                text: Some(TEXT.to_string()),
                text_path: "reports/r.txt".into(),
            }],
        }
    }

    fn problems(reference: &str, body: &str) -> Vec<String> {
        match validate(&dataset(reference, &report(body))) {
            Ok(_) => vec![],
            Err(p) => p.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn assert_one_problem(body: &str, expected: &str) -> String {
        let found = problems(REFERENCE, body);
        assert_eq!(
            found.len(),
            1,
            "expected one problem containing {expected:?}, got {found:#?}"
        );
        assert!(found[0].contains(expected), "{found:#?}");
        found[0].clone()
    }

    #[test]
    fn a_valid_report_resolves_its_relative_date() {
        let model = validate(&dataset(REFERENCE, &report(INCIDENT))).unwrap();
        let i = &model.reports[0].incidents[0];
        assert_eq!(
            i.date.unwrap().start,
            NaiveDate::from_ymd_opt(2018, 5, 23).unwrap()
        );
        assert_eq!(i.event_type, EventType::Attack);
    }

    #[test]
    fn exact_count_sets_min_and_max_and_bounds_set_one_side() {
        let body = format!(
            "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = 35\nevidence = \"There were 35 killed\"\n\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 9\nevidence = \"There were 35 killed\"\n"
        );
        let model = validate(&dataset(REFERENCE, &report(&body))).unwrap();
        let counts: Vec<Count> = model
            .claims()
            .map(|c| match &c.detail {
                ClaimDetail::Casualty { count, .. } => *count,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            counts,
            vec![
                Count {
                    min: Some(35),
                    max: Some(35)
                },
                Count {
                    min: Some(9),
                    max: None
                }
            ]
        );
    }

    #[test]
    fn unknown_actor_is_reported_with_line_and_field() {
        let body = INCIDENT.replace("\"islamic-state\"]", "\"isis\"]");
        let p = assert_one_problem(&body, "unknown actor id `isis`");
        assert!(p.starts_with("reports/r.toml:15:"), "{p}");
        assert!(p.contains("incident.perpetrators"), "{p}");
    }

    #[test]
    fn impossible_date_is_reported() {
        assert_one_problem(
            &INCIDENT.replace("\"Wednesday\"", "\"2018-02-30\""),
            "not a day of the calendar",
        );
    }

    #[test]
    fn negative_count_is_reported() {
        let body = format!(
            "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = -3\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(&body, "a count cannot be negative, found -3");
    }

    #[test]
    fn min_above_max_is_reported() {
        let body = format!(
            "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 7\nmax = 6\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(&body, "min (7) is greater than max (6)");
    }

    #[test]
    fn duplicate_ids_name_the_first_definition() {
        let p = assert_one_problem(
            &format!("{INCIDENT}{INCIDENT}"),
            "duplicate incident id `mayadeen-attack`: already defined at reports/r.toml:",
        );
        assert!(p.contains("incident.id"));
    }

    #[test]
    fn claim_about_a_missing_incident_is_reported() {
        let body = format!(
            "{INCIDENT}\n[[casualty_claim]]\nid = \"a\"\nincident = \"homs-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = 3\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(&body, "unknown incident id `homs-attack`");
    }

    #[test]
    fn evidence_must_be_verbatim() {
        let body = INCIDENT.replace("The deadliest was", "The deadliest one was");
        assert_one_problem(&body, "does not occur verbatim in reports/r.txt");
    }

    #[test]
    fn unknown_concept_lists_the_expected_values() {
        let p = assert_one_problem(
            &INCIDENT.replace("\"attack\"", "\"ambush\""),
            "unknown value `ambush` (expected one of: attack, armed-clash",
        );
        assert!(p.contains("incident.event_type"));
    }

    #[test]
    fn within_cycles_are_reported() {
        let reference = REFERENCE.replace(
            "type = \"country\"",
            "type = \"country\"\nwithin = \"mayadeen\"",
        );
        let found = problems(&reference, INCIDENT);
        assert!(
            found
                .iter()
                .any(|p| p.contains("loops through mayadeen, syria")),
            "{found:#?}"
        );
    }

    #[test]
    fn perpetrator_unknown_with_a_perpetrator_is_a_contradiction() {
        let body = INCIDENT.replace("targets =", "perpetrator_known = false\ntargets =");
        assert_one_problem(&body, "contradicts a listed perpetrator");
    }

    #[test]
    fn kind_specific_fields_are_checked() {
        let body = format!(
            "{INCIDENT}\n[[responsibility_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ncount = 3\nperpetrator = \"islamic-state\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(&body, "field not allowed in [[responsibility_claim]]");
    }

    #[test]
    fn ids_must_be_kebab_case() {
        assert_one_problem(
            &INCIDENT.replace("id = \"mayadeen-attack\"", "id = \"Mayadeen_Attack\""),
            "not kebab-case",
        );
    }

    // --- Seed fidelity (issue 11) -------------------------------------------------------------

    const CLAIM_35: &str = "\n[[casualty_claim]]\nid = \"a\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\ncount = 35\nevidence = \"There were 35 killed\"\n";

    #[test]
    fn fidelity_fields_are_read_into_the_claim() {
        let body = format!(
            "{INCIDENT}{CLAIM_35}\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 9\nquantity_text = \"35\"\nhedge = \"reportedly\"\npart_of_figure = \"a\"\nbased_on = [\"a\"]\nevidence = \"There were 35 killed\"\n"
        );
        let model = validate(&dataset(REFERENCE, &report(&body))).unwrap();
        let b = model.claims().find(|c| c.id == "b").unwrap();
        assert_eq!(b.fidelity.hedge.map(|h| h.local()), Some("Reportedly"));
        assert_eq!(b.fidelity.quantity_text.as_deref(), Some("35"));
        assert_eq!(b.fidelity.part_of_figure.as_deref(), Some("a"));
        assert_eq!(b.fidelity.based_on, vec!["a".to_string()]);
    }

    #[test]
    fn an_unknown_hedge_lists_the_hedges() {
        let body = format!(
            "{INCIDENT}{}",
            CLAIM_35.replace("count = 35", "count = 35\nhedge = \"maybe\"")
        );
        assert_one_problem(
            &body,
            "unknown value `maybe` (expected one of: reportedly, possibly",
        );
    }

    #[test]
    fn quantity_text_must_be_quoted_from_the_evidence() {
        let body = format!(
            "{INCIDENT}{}",
            CLAIM_35.replace("count = 35", "count = 35\nquantity_text = \"dozens\"")
        );
        assert_one_problem(&body, "\"dozens\" is not in the claim's `evidence`");
    }

    #[test]
    fn quantity_text_is_only_for_figures() {
        let body = format!(
            "{INCIDENT}\n[[responsibility_claim]]\nid = \"r\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\nperpetrator = \"islamic-state\"\nquantity_text = \"35\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(&body, "field not allowed in [[responsibility_claim]]");
    }

    #[test]
    fn a_part_cannot_exceed_its_whole_nor_be_part_of_a_non_casualty_claim() {
        let body = format!(
            "{INCIDENT}{CLAIM_35}\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\nmin = 40\npart_of_figure = \"a\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(
            &body,
            "a part of at least 40 cannot belong to a figure of at most 35",
        );
        let body = format!(
            "{INCIDENT}\n[[responsibility_claim]]\nid = \"r\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\nperpetrator = \"islamic-state\"\nevidence = \"There were 35 killed\"\n{}",
            CLAIM_35.replace("count = 35", "count = 3\npart_of_figure = \"r\"")
        );
        assert_one_problem(&body, "`r` is not a casualty claim");
    }

    #[test]
    fn figures_cannot_be_parts_of_each_other_in_a_loop() {
        let body = format!(
            "{INCIDENT}{}\n[[casualty_claim]]\nid = \"b\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\ntype = \"killed\"\npart_of_figure = \"a\"\nevidence = \"There were 35 killed\"\n",
            CLAIM_35.replace("count = 35", "part_of_figure = \"b\"")
        );
        let found = problems(REFERENCE, &body);
        assert!(
            found
                .iter()
                .any(|p| p.contains("ends up part of its own figure")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_link_hedge_needs_a_link_and_a_speaker_must_be_a_person() {
        let body = format!(
            "{INCIDENT}{}",
            CLAIM_35.replace("count = 35", "count = 35\nlink_hedge = \"apparently\"")
        );
        assert_one_problem(&body, "`link_hedge` qualifies the link to the incident");
        let body = format!(
            "{INCIDENT}{}",
            CLAIM_35.replace("count = 35", "count = 35\nvoiced_by = \"islamic-state\"")
        );
        assert_one_problem(&body, "`islamic-state` is not a person");
    }

    #[test]
    fn a_relay_is_someone_other_than_the_claimant() {
        let body = format!(
            "{INCIDENT}{}",
            CLAIM_35.replace("count = 35", "count = 35\nvia = \"sohr\"")
        );
        assert_one_problem(&body, "`via` names the claimant itself");
    }

    #[test]
    fn a_place_qualifier_belongs_to_a_control_or_presence_claim_with_a_place() {
        let body = format!(
            "{INCIDENT}\n[[presence_claim]]\nid = \"p\"\nincident = \"mayadeen-attack\"\nsource = \"sohr\"\nactor = \"islamic-state\"\nplace_qualifier = \"mainly in\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(
            &body,
            "`place_qualifier` says how the claim covers its `place`",
        );
    }

    #[test]
    fn occurrence_and_relation_claims_are_checked() {
        let body = format!(
            "{INCIDENT}\n[[occurrence_claim]]\nid = \"o\"\nsource = \"sohr\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(
            &body,
            "an occurrence claim says that an incident took place",
        );
        let body = format!(
            "{INCIDENT}\n[[relation_claim]]\nid = \"r\"\nsource = \"sohr\"\nactor = \"islamic-state\"\nrelation = \"hates\"\nother = \"syrian-arab-army\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(
            &body,
            "unknown value `hates` (expected one of: allied-with, backed-by)",
        );
        let body = format!(
            "{INCIDENT}\n[[relation_claim]]\nid = \"r\"\nsource = \"sohr\"\nactor = \"islamic-state\"\nrelation = \"allied-with\"\nevidence = \"There were 35 killed\"\n"
        );
        assert_one_problem(&body, "missing field `other`");
        let body = CLAIM_35.replace("count = 35", "count = 35\nrelation = \"allied-with\"");
        assert_one_problem(
            &format!("{INCIDENT}{body}"),
            "field not allowed in [[casualty_claim]]",
        );
    }

    #[test]
    fn curated_marks_need_a_known_field_with_a_value_and_a_curator_source() {
        let curator = format!(
            "{REFERENCE}\n[[source]]\nid = \"curators\"\nlabel = \"Curators\"\ntype = \"curator\"\n"
        );
        let body = INCIDENT.replace(
            "evidence =",
            "curated = { date = \"seeds/README.md\" }\nevidence =",
        );
        assert!(problems(&curator, &body).is_empty());
        let found = problems(REFERENCE, &body);
        assert!(
            found
                .iter()
                .any(|p| p.contains("define a [[source]] with `type = \"curator\"`")),
            "{found:#?}"
        );
        let bad = INCIDENT.replace(
            "evidence =",
            "curated = { colour = \"x\", summary = \"y\" }\nevidence =",
        );
        let found = problems(&curator, &bad);
        assert!(
            found
                .iter()
                .any(|p| p.contains("`colour` cannot be marked as curated here")),
            "{found:#?}"
        );
        let empty = INCIDENT.replace(
            "evidence =",
            "curated = { part_of = \"world knowledge\" }\nevidence =",
        );
        let found = problems(&curator, &empty);
        assert!(
            found
                .iter()
                .any(|p| p
                    .contains("`part_of` is marked as curated but the record gives it no value")),
            "{found:#?}"
        );
    }

    #[test]
    fn also_within_cannot_close_a_loop_and_joint_sources_name_what_they_join() {
        let reference = format!(
            "{REFERENCE}\n[[place]]\nid = \"east\"\nlabel = \"East\"\ntype = \"region\"\nwithin = \"syria\"\nalso_within = [\"mayadeen\"]\n"
        )
        .replace(
            "within = \"syria\"\n\n[[source]]",
            "within = \"syria\"\nalso_within = [\"east\"]\n\n[[source]]",
        );
        let found = problems(&reference, INCIDENT);
        assert!(
            found
                .iter()
                .any(|p| p.contains("the `within` chain would loop")),
            "{found:#?}"
        );
        let joint = format!(
            "{REFERENCE}\n[[source]]\nid = \"j\"\nlabel = \"J\"\ntype = \"joint\"\ncomprises = [\"sohr\"]\n"
        );
        assert_eq!(
            problems(&joint, INCIDENT),
            vec!["reference/a.toml:32:8: source.comprises: a joint attribution names the sources it joins: `comprises` needs two or more".to_string()]
        );
    }
}
