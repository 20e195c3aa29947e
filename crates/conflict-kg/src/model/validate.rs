//! The checker (problems collected with their positions, the ids of every kind) and the checks
//! of records, reports, incidents, dates and the place and incident hierarchies; `validate` runs
//! them all in two passes (ids first) and builds the [`Model`].

use super::claims::claim;
use super::fidelity::*;
use super::*;

/// The kinds of id, each its own namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Actor,
    Place,
    Source,
    Report,
    Incident,
    Claim,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Place => "place",
            Kind::Source => "source",
            Kind::Report => "report",
            Kind::Incident => "incident",
            Kind::Claim => "claim",
        }
    }

    pub(super) fn defined_in(self) -> &'static str {
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
pub(super) struct Checker {
    problems: Problems,
    ids: HashMap<Kind, HashMap<String, String>>,
}

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl Checker {
    pub(super) fn problem<T>(
        &mut self,
        src: &SourceText,
        at: &S<T>,
        field: &str,
        message: impl Into<String>,
    ) {
        self.problems
            .push(src.problem(at.span().start, field, message));
    }

    /// Registers a definition; reports bad shapes and duplicates.
    pub(super) fn define(&mut self, kind: Kind, src: &SourceText, id: &S<String>, field: &str) {
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

    pub(super) fn exists(&self, kind: Kind, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|t| t.contains_key(id))
    }

    /// Checks a reference and returns its value.
    pub(super) fn reference(
        &mut self,
        kind: Kind,
        src: &SourceText,
        r: &S<String>,
        field: &str,
    ) -> String {
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

    pub(super) fn references(
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

    pub(super) fn opt_reference(
        &mut self,
        kind: Kind,
        src: &SourceText,
        r: &Option<S<String>>,
        field: &str,
    ) -> Option<String> {
        r.as_ref().map(|r| self.reference(kind, src, r, field))
    }

    /// The concept of scheme `C` a short id names, or a problem listing the scheme's ids.
    pub(super) fn concept<C: ConceptScheme>(
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

    pub(super) fn relation(
        &mut self,
        src: &SourceText,
        v: &S<String>,
        field: &str,
    ) -> Option<Relation> {
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

    pub(super) fn text(&mut self, src: &SourceText, v: &S<String>, field: &str) -> String {
        if v.get_ref().trim().is_empty() {
            self.problem(src, v, field, "must not be empty");
        }
        v.get_ref().clone()
    }

    /// Checks that `v` occurs verbatim in the report text.
    pub(super) fn verbatim(
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

    pub(super) fn count(
        &mut self,
        src: &SourceText,
        v: &Option<S<i64>>,
        field: &str,
    ) -> Option<u64> {
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

    pub(super) fn figures(&mut self, src: &SourceText, c: &ClaimRecord, table: &str) -> Count {
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

    pub(super) fn forbid<T>(
        &mut self,
        src: &SourceText,
        v: &Option<S<T>>,
        field: &str,
        kind: ClaimKind,
    ) {
        if let Some(v) = v {
            self.problem(
                src,
                v,
                field,
                format!("field not allowed in [[{}]]", kind.table()),
            );
        }
    }

    pub(super) fn require<'a>(
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

/// `status` may only say `"draft"` (a reviewed file has no status at all).
fn check_status(ck: &mut Checker, src: &SourceText, status: &S<String>, field: &str) -> bool {
    if status.get_ref() == "draft" {
        return true;
    }
    ck.problem(
        src,
        status,
        field,
        format!(
            "found `{}`, expected \"draft\" (a reviewed file has no `status`: delete the line)",
            status.get_ref()
        ),
    );
    false
}

/// A draft report's mark and review items; `None` for a reviewed report.
fn draft_status(ck: &mut Checker, report: &LoadedReport) -> Option<DraftStatus> {
    let src = &report.source;
    let status = report.records.report.status.as_ref();
    let review = &report.records.review;
    let Some(status) = status else {
        if let Some(r) = review.first() {
            ck.problem(src, &r.about, "review", "open review items in a report that is not a draft: settle them and delete the [[review]] tables, or mark the report `status = \"draft\"`");
        }
        return None;
    };
    if !check_status(ck, src, status, "report.status") {
        return None;
    }
    let at = src.location(status.span().start);
    Some(DraftStatus {
        file: at.file,
        line: at.line,
        review: review
            .iter()
            .map(|r| ReviewItem {
                line: src.location(r.about.span().start).line,
                about: r.about.get_ref().clone(),
                item: r.item.get_ref().clone(),
            })
            .collect(),
    })
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
        if let Some(status) = &file.records.status {
            if check_status(&mut ck, src, status, "status") {
                model.draft_reference.push(DraftReference {
                    file: src.location(status.span().start).file,
                    line: src.location(status.span().start).line,
                    actors: file
                        .records
                        .actor
                        .iter()
                        .map(|a| a.id.get_ref().clone())
                        .collect(),
                    places: file
                        .records
                        .place
                        .iter()
                        .map(|p| p.id.get_ref().clone())
                        .collect(),
                    sources: file
                        .records
                        .source
                        .iter()
                        .map(|s| s.id.get_ref().clone())
                        .collect(),
                });
            }
        }
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

pub(super) fn strings(v: &[S<String>]) -> Vec<String> {
    v.iter().map(|s| s.get_ref().clone()).collect()
}

pub(super) fn opt_string(v: &Option<S<String>>) -> Option<String> {
    v.as_ref().map(|s| s.get_ref().clone())
}

pub(super) fn actor(ck: &mut Checker, src: &SourceText, a: &ActorRecord) -> Actor {
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
                ("label", true),
                ("description", a.description.is_some()),
                ("aliases", !a.aliases.is_empty()),
                ("category", true),
                ("part_of", !a.part_of.is_empty()),
                ("allied_with", !a.allied_with.is_empty()),
                ("country", a.country.is_some()),
                ("member_of", !a.member_of.is_empty()),
                ("rank", a.rank.is_some()),
            ],
        ),
    }
}

pub(super) fn place(ck: &mut Checker, src: &SourceText, p: &PlaceRecord) -> Place {
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
                ("label", true),
                ("aliases", !p.aliases.is_empty()),
                ("description", p.description.is_some()),
                ("type", true),
                ("within", p.within.is_some()),
                ("also_within", !p.also_within.is_empty()),
                ("overlaps", !p.overlaps.is_empty()),
            ],
        ),
    }
}

pub(super) fn source(ck: &mut Checker, src: &SourceText, s: &SourceRecord) -> Source {
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
                ("label", true),
                ("aliases", !s.aliases.is_empty()),
                ("description", s.description.is_some()),
                ("type", true),
                ("country", s.country.is_some()),
                ("based_in", s.based_in.is_some()),
                ("comprises", !s.comprises.is_empty()),
            ],
        ),
    }
}

/// Reports a cycle in `within`, once per cycle, at the place record that closes it.
pub(super) fn check_place_hierarchy(ck: &mut Checker, dataset: &Dataset, model: &Model) {
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
pub(super) fn check_incident_nesting(ck: &mut Checker, dataset: &Dataset, model: &Model) {
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

pub(super) fn report_(ck: &mut Checker, report: &LoadedReport) -> Option<Report> {
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
    let draft = draft_status(ck, report);
    Some(Report {
        draft,
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

pub(super) fn resolve_date(
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

pub(super) fn incident(
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
