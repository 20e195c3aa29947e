//! Stage 3: the validated model turned into quads. Pure functions: the same model and base give
//! the same quads, in the same order, every time (instance IRIs come from ids, never from
//! counters or clocks).
//!
//! Graphs: `{base}graph/ontology` (the compiled-in `ontology/ckg.ttl`), `{base}graph/reference`
//! (actors, places, sources) and `{base}graph/report/{id}` (a report, its incidents and claims).

use crate::dates::{DateSpan, PartialDate};
use crate::iri::Base;
use crate::model::{
    Actor, Claim, ClaimDetail, Count, CuratedValue, Incident, Model, Place, Report, Source,
};
use crate::vocab::{ckg, dcterms, prov, rdf, rdfs, schema, skos, xsd};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    BlankNode, GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use std::collections::HashMap;

/// The ontology, compiled into the binary so code and ontology always travel together.
pub const ONTOLOGY_TTL: &str = include_str!("../../../ontology/ckg.ttl");

#[derive(Debug, thiserror::Error)]
pub enum RdfError {
    #[error("the compiled-in ontology does not parse: {0}")]
    Ontology(#[source] oxigraph::io::RdfSyntaxError),
}

fn string(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

fn english(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "en")
}

fn date(d: chrono::NaiveDate) -> Literal {
    Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE)
}

fn integer(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

fn boolean(b: bool) -> Literal {
    Literal::new_typed_literal(b.to_string(), xsd::BOOLEAN)
}

/// Quads of one graph, written through small helpers so each mapping reads as a list.
struct GraphWriter<'a> {
    graph: GraphName,
    out: &'a mut Vec<Quad>,
    /// The curators' source, to which `ckg:CuratedFact`s are attributed.
    curator: Option<NamedNode>,
}

impl GraphWriter<'_> {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.out.push(Quad::new(
            s.clone(),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn add_opt(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: Option<impl Into<Term>>) {
        if let Some(o) = o {
            self.add(s, p, o);
        }
    }

    fn add_all(
        &mut self,
        s: &NamedNode,
        p: NamedNodeRef<'_>,
        os: impl IntoIterator<Item = impl Into<Term>>,
    ) {
        for o in os {
            self.add(s, p, o);
        }
    }
}

/// Resolves source ids to IRIs: a source that is an actor shares the actor's IRI.
struct Iris<'a> {
    base: &'a Base,
    model: &'a Model,
}

impl Iris<'_> {
    fn source(&self, id: &str) -> NamedNode {
        match self
            .model
            .sources
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.actor.as_deref())
        {
            Some(actor) => self.base.actor(actor),
            None => self.base.source(id),
        }
    }
}

/// All quads for a model: reference graph then one graph per report (ontology not included).
pub(crate) fn model_quads(model: &Model, base: &Base) -> Vec<Quad> {
    let iris = Iris { base, model };
    let mut out = Vec::new();
    let curator = model.curator_source().map(|c| iris.source(&c.id));
    let mut w = GraphWriter {
        graph: base.reference_graph().into(),
        out: &mut out,
        curator: curator.clone(),
    };
    // Records of draft reference files go to the draft graph, never the curated one.
    let drafted = |pick: fn(&crate::model::DraftReference) -> &Vec<String>, id: &str| {
        model
            .draft_reference
            .iter()
            .any(|d| pick(d).iter().any(|x| x == id))
    };
    let mut drafts = Vec::new();
    for a in &model.actors {
        let w = &mut w;
        if drafted(|d| &d.actors, &a.id) {
            let mut dw = GraphWriter {
                graph: base.draft_reference_graph().into(),
                out: &mut drafts,
                curator: curator.clone(),
            };
            actor_quads(&mut dw, base, a);
            actor_fidelity_quads(&mut dw, &iris, a);
        } else {
            actor_quads(w, base, a);
            actor_fidelity_quads(w, &iris, a);
        }
    }
    for p in &model.places {
        if drafted(|d| &d.places, &p.id) {
            let mut dw = GraphWriter {
                graph: base.draft_reference_graph().into(),
                out: &mut drafts,
                curator: curator.clone(),
            };
            place_quads(&mut dw, base, p);
        } else {
            place_quads(&mut w, base, p);
        }
    }
    for s in &model.sources {
        if drafted(|d| &d.sources, &s.id) {
            let mut dw = GraphWriter {
                graph: base.draft_reference_graph().into(),
                out: &mut drafts,
                curator: curator.clone(),
            };
            source_quads(&mut dw, &iris, s);
        } else {
            source_quads(&mut w, &iris, s);
        }
    }
    for r in &model.reports {
        let graph = if r.draft.is_some() {
            base.draft_report_graph(&r.id)
        } else {
            base.report_graph(&r.id)
        };
        let mut w = GraphWriter {
            graph: graph.into(),
            out: &mut out,
            curator: curator.clone(),
        };
        report_quads(&mut w, &iris, r);
    }
    out.extend(drafts);
    out
}

fn labels(
    w: &mut GraphWriter<'_>,
    s: &NamedNode,
    label: &str,
    aliases: &[String],
    description: Option<&str>,
) {
    w.add(s, rdfs::LABEL, english(label));
    w.add_all(s, skos::ALT_LABEL, aliases.iter().map(|a| english(a)));
    w.add_opt(s, rdfs::COMMENT, description.map(english));
}

fn actor_quads(w: &mut GraphWriter<'_>, base: &Base, a: &Actor) {
    let s = base.actor(&a.id);
    w.add(&s, rdf::TYPE, ckg::ACTOR);
    if a.person {
        w.add(&s, rdf::TYPE, ckg::PERSON);
    }
    labels(w, &s, &a.label, &a.aliases, a.description.as_deref());
    w.add(&s, ckg::ACTOR_CATEGORY, a.category.iri());
    w.add_opt(&s, ckg::RANK, a.rank.as_deref().map(string));
    w.add_all(
        &s,
        ckg::MEMBER_OF,
        a.member_of.iter().map(|m| base.actor(m)),
    );
    w.add_all(&s, ckg::PART_OF, a.part_of.iter().map(|m| base.actor(m)));
    w.add_all(
        &s,
        ckg::ALLIED_WITH,
        a.allied_with.iter().map(|m| base.actor(m)),
    );
    w.add_opt(
        &s,
        ckg::COUNTRY,
        a.country.as_deref().map(|c| base.place(c)),
    );
}

fn place_quads(w: &mut GraphWriter<'_>, base: &Base, p: &Place) {
    let s = base.place(&p.id);
    w.add(&s, rdf::TYPE, ckg::PLACE);
    labels(w, &s, &p.label, &p.aliases, p.description.as_deref());
    w.add(&s, ckg::PLACE_TYPE, p.place_type.iri());
    w.add_opt(&s, ckg::WITHIN, p.within.as_deref().map(|c| base.place(c)));
    place_fidelity_quads(w, base, &s, p);
}

fn source_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, src: &Source) {
    let s = iris.source(&src.id);
    w.add(&s, rdf::TYPE, ckg::SOURCE);
    if src.actor.is_none() {
        labels(w, &s, &src.label, &src.aliases, src.description.as_deref());
    } else {
        // The actor record already labels this resource; the source's names are extra names
        // (only those the actor does not carry already).
        let actor = iris
            .model
            .actors
            .iter()
            .find(|a| src.actor.as_ref() == Some(&a.id));
        let known = |n: &String| actor.is_some_and(|a| &a.label == n || a.aliases.contains(n));
        let extra = std::iter::once(&src.label)
            .chain(&src.aliases)
            .filter(|n| !known(n));
        w.add_all(&s, skos::ALT_LABEL, extra.map(|a| english(a)));
        w.add_opt(&s, rdfs::COMMENT, src.description.as_deref().map(english));
    }
    w.add(&s, ckg::SOURCE_TYPE, src.source_type.iri());
    w.add_opt(
        &s,
        ckg::COUNTRY,
        src.country.as_deref().map(|c| iris.base.place(c)),
    );
    source_fidelity_quads(w, iris, &s, src);
}

fn published(p: PartialDate) -> Literal {
    match p {
        PartialDate::Day(d) => date(d),
        PartialDate::Month { .. } => Literal::new_typed_literal(p.to_string(), xsd::G_YEAR_MONTH),
        PartialDate::Year(_) => Literal::new_typed_literal(p.to_string(), xsd::G_YEAR),
    }
}

fn report_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, r: &Report) {
    let base = iris.base;
    let s = base.report(&r.id);
    w.add(&s, rdf::TYPE, ckg::REPORT);
    w.add(&s, schema::HEADLINE, english(&r.headline));
    w.add(&s, schema::DATE_PUBLISHED, published(r.published));
    w.add(&s, schema::PUBLISHER, iris.source(&r.publisher));
    w.add_all(&s, ckg::CITES, r.cites.iter().map(|c| iris.source(c)));
    w.add_opt(
        &s,
        ckg::DATELINE,
        r.dateline.as_deref().map(|p| base.place(p)),
    );
    w.add(&s, dcterms::SOURCE, string(&r.text_path));
    let facts = Curated {
        base,
        kind: "report",
        id: &r.id,
    };
    curated_quads(w, &facts, &s, &r.curated, report_field_predicates);
    for i in &r.incidents {
        incident_quads(w, iris, &s, i);
    }
    for c in &r.claims {
        claim_quads(w, iris, &s, c);
    }
}

fn date_quads(w: &mut GraphWriter<'_>, s: &NamedNode, span: &DateSpan) {
    w.add(s, ckg::START_DATE, date(span.start));
    w.add_opt(s, ckg::END_DATE, span.end.map(date));
    w.add(s, ckg::DATE_PRECISION, span.precision.iri());
}

fn incident_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, report: &NamedNode, i: &Incident) {
    let base = iris.base;
    let s = base.incident(&i.id);
    w.add(&s, rdf::TYPE, ckg::INCIDENT);
    w.add(&s, rdfs::LABEL, english(&i.label));
    w.add(&s, ckg::EVENT_TYPE, i.event_type.iri());
    if let Some(span) = &i.date {
        date_quads(w, &s, span);
    }
    w.add_opt(&s, ckg::DATE_TEXT, i.date_text.as_deref().map(string));
    w.add_opt(
        &s,
        ckg::PLACE_PROP,
        i.place.as_deref().map(|p| base.place(p)),
    );
    w.add_opt(
        &s,
        ckg::LOCATION_QUALIFIER,
        i.location_qualifier.as_deref().map(string),
    );
    w.add_all(
        &s,
        ckg::PERPETRATOR,
        i.perpetrators.iter().map(|a| base.actor(a)),
    );
    w.add_opt(&s, ckg::PERPETRATOR_KNOWN, i.perpetrator_known.map(boolean));
    w.add_all(&s, ckg::TARGET, i.targets.iter().map(|a| base.actor(a)));
    w.add_opt(
        &s,
        ckg::SUB_EVENT_OF,
        i.part_of.as_deref().map(|p| base.incident(p)),
    );
    w.add_opt(&s, ckg::SUMMARY, i.summary.as_deref().map(string));
    w.add(&s, ckg::EVIDENCE, string(&i.evidence));
    w.add(&s, ckg::DESCRIBED_IN, report.clone());
    incident_fidelity_quads(w, base, &s, i);
}

fn count_quads(w: &mut GraphWriter<'_>, s: &NamedNode, count: &Count) {
    w.add_opt(s, ckg::MIN_COUNT, count.min.map(integer));
    w.add_opt(s, ckg::MAX_COUNT, count.max.map(integer));
}

fn claim_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, report: &NamedNode, c: &Claim) {
    let base = iris.base;
    let s = base.claim(&c.id);
    let class = match c.detail {
        ClaimDetail::Casualty { .. } => ckg::CASUALTY_CLAIM,
        ClaimDetail::Responsibility { .. } => ckg::RESPONSIBILITY_CLAIM,
        ClaimDetail::Control { .. } => ckg::CONTROL_CLAIM,
        ClaimDetail::Presence { .. } => ckg::PRESENCE_CLAIM,
        ClaimDetail::Strength { .. } => ckg::STRENGTH_CLAIM,
        ClaimDetail::Occurrence => ckg::OCCURRENCE_CLAIM,
        ClaimDetail::Relation { .. } => ckg::RELATION_CLAIM,
    };
    w.add(&s, rdf::TYPE, ckg::CLAIM);
    w.add(&s, rdf::TYPE, class);
    w.add_opt(
        &s,
        ckg::ABOUT_INCIDENT,
        c.incident.as_deref().map(|i| base.incident(i)),
    );
    w.add(&s, ckg::CLAIMED_BY, iris.source(&c.source));
    w.add(&s, ckg::REPORTED_IN, report.clone());
    w.add(&s, ckg::EVIDENCE, string(&c.evidence));
    w.add_opt(&s, ckg::STATED_ON, c.stated.map(date));
    w.add_opt(&s, rdfs::COMMENT, c.note.as_deref().map(english));
    if let Some((by, words)) = &c.linked_by {
        w.add(&s, ckg::INCIDENT_LINKED_BY, iris.source(by));
        w.add(&s, ckg::INCIDENT_LINK_EVIDENCE, string(words));
    }
    match &c.detail {
        ClaimDetail::Casualty {
            casualty_type,
            group,
            count,
        } => {
            w.add(&s, ckg::CASUALTY_TYPE, casualty_type.iri());
            w.add_opt(
                &s,
                ckg::CASUALTY_GROUP,
                group.as_deref().map(|g| base.actor(g)),
            );
            count_quads(w, &s, count);
        }
        ClaimDetail::Responsibility { perpetrator } => {
            w.add(&s, ckg::CLAIMED_PERPETRATOR, base.actor(perpetrator));
        }
        ClaimDetail::Control { actor, place } => {
            w.add(&s, ckg::ABOUT_ACTOR, base.actor(actor));
            w.add(&s, ckg::ABOUT_PLACE, base.place(place));
        }
        ClaimDetail::Presence { actor, place } => {
            w.add(&s, ckg::ABOUT_ACTOR, base.actor(actor));
            w.add_opt(
                &s,
                ckg::ABOUT_PLACE,
                place.as_deref().map(|p| base.place(p)),
            );
        }
        ClaimDetail::Strength {
            actor,
            place,
            count,
        } => {
            w.add(&s, ckg::ABOUT_ACTOR, base.actor(actor));
            w.add_opt(
                &s,
                ckg::ABOUT_PLACE,
                place.as_deref().map(|p| base.place(p)),
            );
            count_quads(w, &s, count);
        }
        ClaimDetail::Occurrence => {}
        ClaimDetail::Relation {
            actor,
            relation,
            other,
        } => {
            w.add(&s, ckg::ABOUT_ACTOR, base.actor(actor));
            w.add(&s, ckg::CLAIMED_RELATION, relation.property());
            w.add(&s, ckg::RELATED_ACTOR, base.actor(other));
        }
    }
    claim_fidelity_quads(w, iris, &s, c);
}

// --- Seed fidelity (issue 11) ---------------------------------------------------------------

fn claim_fidelity_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, s: &NamedNode, c: &Claim) {
    let base = iris.base;
    let f = &c.fidelity;
    w.add_opt(s, ckg::VIA, f.via.as_deref().map(|v| iris.source(v)));
    w.add_opt(
        s,
        ckg::VOICED_BY,
        f.voiced_by.as_deref().map(|a| base.actor(a)),
    );
    w.add_opt(s, ckg::HEDGE, f.hedge.map(|h| h.iri()));
    w.add_opt(s, ckg::INCIDENT_LINK_HEDGE, f.link_hedge.map(|h| h.iri()));
    w.add_opt(
        s,
        ckg::QUANTITY_TEXT,
        f.quantity_text.as_deref().map(string),
    );
    w.add_opt(
        s,
        ckg::PART_OF_FIGURE,
        f.part_of_figure.as_deref().map(|p| base.claim(p)),
    );
    w.add_all(s, ckg::BASED_ON, f.based_on.iter().map(|b| base.claim(b)));
    w.add_opt(
        s,
        ckg::HELD_UNTIL,
        f.until.as_deref().map(|i| base.incident(i)),
    );
    w.add_opt(
        s,
        ckg::PLACE_QUALIFIER,
        f.place_qualifier.as_deref().map(string),
    );
}

fn actor_fidelity_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, a: &Actor) {
    let s = iris.base.actor(&a.id);
    w.add_all(
        &s,
        ckg::SPEAKS_FOR,
        a.speaks_for.iter().map(|id| iris.source(id)),
    );
    let facts = Curated {
        base: iris.base,
        kind: "actor",
        id: &a.id,
    };
    curated_quads(w, &facts, &s, &a.curated, actor_field_predicates);
}

fn place_fidelity_quads(w: &mut GraphWriter<'_>, base: &Base, s: &NamedNode, p: &Place) {
    w.add_all(s, ckg::WITHIN, p.also_within.iter().map(|c| base.place(c)));
    w.add_all(s, ckg::OVERLAPS, p.overlaps.iter().map(|c| base.place(c)));
    let facts = Curated {
        base,
        kind: "place",
        id: &p.id,
    };
    curated_quads(w, &facts, s, &p.curated, place_field_predicates);
}

fn source_fidelity_quads(w: &mut GraphWriter<'_>, iris: &Iris<'_>, s: &NamedNode, src: &Source) {
    w.add_opt(
        s,
        ckg::BASED_IN,
        src.based_in.as_deref().map(|p| iris.base.place(p)),
    );
    w.add_all(
        s,
        ckg::COMPRISES,
        src.comprises.iter().map(|c| iris.source(c)),
    );
    let facts = Curated {
        base: iris.base,
        kind: "source",
        id: &src.id,
    };
    curated_quads(w, &facts, s, &src.curated, source_field_predicates);
}

fn incident_fidelity_quads(w: &mut GraphWriter<'_>, base: &Base, s: &NamedNode, i: &Incident) {
    w.add_all(
        s,
        ckg::PLACE_PROP,
        i.also_places.iter().map(|p| base.place(p)),
    );
    w.add_all(s, ckg::EVIDENCE, i.also_evidence.iter().map(|e| string(e)));
    let facts = Curated {
        base,
        kind: "incident",
        id: &i.id,
    };
    curated_quads(w, &facts, s, &i.curated, incident_field_predicates);
}

/// The record whose curated fields are being written: its kind and id name their IRIs.
struct Curated<'a> {
    base: &'a Base,
    kind: &'a str,
    id: &'a str,
}

/// One `ckg:CuratedFact` per curated field, `{base}curated/{kind}.{id}.{field}`: the resource,
/// the properties whose values on it are the curators', who (the source of type `curator`) and
/// where the curators took them from.
fn curated_quads(
    w: &mut GraphWriter<'_>,
    record: &Curated<'_>,
    s: &NamedNode,
    values: &[CuratedValue],
    predicates: fn(&str) -> Vec<NamedNodeRef<'static>>,
) {
    let curator = w.curator.clone();
    for v in values {
        let fact = record.base.curated(record.kind, record.id, &v.field);
        w.add(&fact, rdf::TYPE, ckg::CURATED_FACT);
        w.add(&fact, ckg::CURATED_RESOURCE, s.clone());
        w.add_all(&fact, ckg::CURATED_PROPERTY, predicates(&v.field));
        w.add_opt(&fact, prov::WAS_ATTRIBUTED_TO, curator.clone());
        w.add(&fact, ckg::ORIGIN, string(&v.origin));
    }
}

/// The property a curated `label`, `aliases` or `description` marks: what `labels` writes.
fn label_field_predicate(field: &str) -> Option<NamedNodeRef<'static>> {
    match field {
        "label" => Some(rdfs::LABEL),
        "aliases" => Some(skos::ALT_LABEL),
        "description" => Some(rdfs::COMMENT),
        _ => None,
    }
}

fn actor_field_predicates(field: &str) -> Vec<NamedNodeRef<'static>> {
    vec![label_field_predicate(field).unwrap_or(match field {
        "category" => ckg::ACTOR_CATEGORY,
        "part_of" => ckg::PART_OF,
        "allied_with" => ckg::ALLIED_WITH,
        "country" => ckg::COUNTRY,
        "member_of" => ckg::MEMBER_OF,
        "rank" => ckg::RANK,
        _ => rdf::TYPE,
    })]
}

fn place_field_predicates(field: &str) -> Vec<NamedNodeRef<'static>> {
    vec![label_field_predicate(field).unwrap_or(match field {
        "type" => ckg::PLACE_TYPE,
        "within" | "also_within" => ckg::WITHIN,
        "overlaps" => ckg::OVERLAPS,
        _ => rdf::TYPE,
    })]
}

fn source_field_predicates(field: &str) -> Vec<NamedNodeRef<'static>> {
    vec![label_field_predicate(field).unwrap_or(match field {
        "type" => ckg::SOURCE_TYPE,
        "country" => ckg::COUNTRY,
        "based_in" => ckg::BASED_IN,
        "comprises" => ckg::COMPRISES,
        _ => rdf::TYPE,
    })]
}

fn report_field_predicates(field: &str) -> Vec<NamedNodeRef<'static>> {
    vec![match field {
        "published" => schema::DATE_PUBLISHED,
        "headline" => schema::HEADLINE,
        "publisher" => schema::PUBLISHER,
        _ => ckg::DATELINE,
    }]
}

fn incident_field_predicates(field: &str) -> Vec<NamedNodeRef<'static>> {
    match field {
        "date" => vec![ckg::START_DATE, ckg::END_DATE, ckg::DATE_PRECISION],
        "event_type" => vec![ckg::EVENT_TYPE],
        "place" | "also_places" => vec![ckg::PLACE_PROP],
        "location_qualifier" => vec![ckg::LOCATION_QUALIFIER],
        "perpetrators" => vec![ckg::PERPETRATOR],
        "targets" => vec![ckg::TARGET],
        _ => vec![ckg::SUB_EVENT_OF],
    }
}

/// The ontology's quads, in `{base}graph/ontology`.
///
/// The parser names blank nodes (`owl:unionOf` lists) at random; they are renamed `o1`, `o2`…
/// in order of first appearance so every build writes exactly the same quads.
pub(crate) fn ontology_quads(base: &Base) -> Result<Vec<Quad>, RdfError> {
    let quads = RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(base.ontology_graph())
        .for_slice(ONTOLOGY_TTL.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(RdfError::Ontology)?;
    let mut names: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut rename = |b: &BlankNode| -> BlankNode {
        let next = names.len() + 1;
        names
            .entry(b.clone())
            .or_insert_with(|| BlankNode::new_unchecked(format!("o{next}")))
            .clone()
    };
    Ok(quads
        .into_iter()
        .map(|q| {
            let subject = match q.subject {
                NamedOrBlankNode::BlankNode(b) => rename(&b).into(),
                other => other,
            };
            let object = match q.object {
                Term::BlankNode(b) => rename(&b).into(),
                other => other,
            };
            Quad::new(subject, q.predicate, object, q.graph_name)
        })
        .collect())
}

/// Everything `ckg build` writes: the ontology and the model.
pub fn build_quads(model: &Model, base: &Base) -> Result<Vec<Quad>, RdfError> {
    let mut quads = ontology_quads(base)?;
    quads.extend(model_quads(model, base));
    Ok(quads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Claim, ClaimDetail, Count, Report, Source};
    use crate::vocab::{ActorCategory, CasualtyType, Hedge, SourceType};

    fn model() -> Model {
        let category = ActorCategory::StateForces;
        let mod_actor = Actor {
            id: "russian-mod".into(),
            label: "Russian Ministry of Defence".into(),
            aliases: vec!["Moscow's defence ministry".into()],
            category,
            person: false,
            rank: None,
            member_of: vec![],
            part_of: vec![],
            allied_with: vec![],
            country: None,
            description: None,
            speaks_for: vec![],
            curated: vec![],
        };
        let source = Source {
            id: "mod".into(),
            label: "Russian Ministry of Defence".into(),
            aliases: vec!["MoD".into()],
            source_type: SourceType::Government,
            actor: Some("russian-mod".into()),
            country: None,
            description: None,
            based_in: None,
            comprises: vec![],
            curated: vec![],
        };
        let claim = Claim {
            id: "c".into(),
            source: "mod".into(),
            evidence: "four of its servicemen were killed".into(),
            incident: Some("i".into()),
            stated: None,
            note: None,
            linked_by: None,
            detail: ClaimDetail::Casualty {
                casualty_type: CasualtyType::Killed,
                group: Some("russian-mod".into()),
                count: Count {
                    min: Some(4),
                    max: Some(4),
                },
            },
            fidelity: Default::default(),
        };
        Model {
            actors: vec![mod_actor],
            places: vec![],
            sources: vec![source],
            reports: vec![Report {
                draft: None,
                id: "r".into(),
                headline: "H".into(),
                published: PartialDate::Year(2018),
                publisher: "mod".into(),
                cites: vec![],
                text_path: "reports/r.txt".into(),
                dateline: None,
                incidents: vec![],
                claims: vec![claim],
                curated: vec![],
            }],
            draft_reference: vec![],
        }
    }

    fn objects(quads: &[Quad], s: &str, p: &str) -> Vec<String> {
        quads
            .iter()
            .filter(|q| {
                q.subject == NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(s))
                    && q.predicate.as_str() == p
            })
            .map(|q| q.object.to_string())
            .collect()
    }

    #[test]
    fn an_exact_count_sets_min_and_max_and_the_claim_lives_in_its_report_graph() {
        let quads = model_quads(&model(), &Base::default());
        let claim = "https://w3id.org/conflict-kg/id/claim/c";
        let int = |n: &str| format!("\"{n}\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assert_eq!(
            objects(&quads, claim, ckg::MIN_COUNT.as_str()),
            vec![int("4")]
        );
        assert_eq!(
            objects(&quads, claim, ckg::MAX_COUNT.as_str()),
            vec![int("4")]
        );
        let graphs: Vec<String> = quads
            .iter()
            .filter(|q| q.subject.to_string() == format!("<{claim}>"))
            .map(|q| q.graph_name.to_string())
            .collect();
        assert!(
            graphs
                .iter()
                .all(|g| g == "<https://w3id.org/conflict-kg/id/graph/report/r>")
        );
    }

    #[test]
    fn a_source_that_is_an_actor_shares_its_iri_and_adds_only_new_names() {
        let quads = model_quads(&model(), &Base::default());
        let actor = "https://w3id.org/conflict-kg/id/actor/russian-mod";
        let claimed_by = objects(
            &quads,
            "https://w3id.org/conflict-kg/id/claim/c",
            ckg::CLAIMED_BY.as_str(),
        );
        assert_eq!(claimed_by, vec![format!("<{actor}>")]);
        let types = objects(
            &quads,
            actor,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        );
        assert!(types.contains(&ckg::SOURCE.to_string()));
        assert!(types.contains(&ckg::ACTOR.to_string()));
        let alt = objects(
            &quads,
            actor,
            "http://www.w3.org/2004/02/skos/core#altLabel",
        );
        assert_eq!(alt.len(), 2, "{alt:?}"); // the actor's alias and the source's new alias "MoD"
    }

    #[test]
    fn a_month_precise_publication_is_a_g_year_month() {
        let lit = published(PartialDate::Month {
            year: 2020,
            month: 8,
        });
        assert_eq!(
            lit.to_string(),
            "\"2020-08\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"
        );
    }

    #[test]
    fn the_ontology_parses_with_stable_blank_node_names() {
        let a = ontology_quads(&Base::default()).unwrap();
        let b = ontology_quads(&Base::default()).unwrap();
        assert!(a.len() > 500);
        assert_eq!(a, b);
    }

    #[test]
    fn a_relayed_hedged_claim_names_its_relay_and_hedge() {
        let mut m = model();
        let relay = Source {
            id: "al-monitor".into(),
            label: "Al-Monitor".into(),
            aliases: vec![],
            source_type: SourceType::OnlineOutlet,
            actor: None,
            country: None,
            description: None,
            based_in: None,
            comprises: vec![],
            curated: vec![],
        };
        m.sources.push(relay);
        let c = &mut m.reports[0].claims[0];
        c.fidelity.via = Some("al-monitor".into());
        c.fidelity.hedge = Some(Hedge::Reportedly);
        c.fidelity.quantity_text = Some("four".into());
        let quads = model_quads(&m, &Base::default());
        let claim = "https://w3id.org/conflict-kg/id/claim/c";
        assert_eq!(
            objects(&quads, claim, ckg::VIA.as_str()),
            vec!["<https://w3id.org/conflict-kg/id/source/al-monitor>".to_string()]
        );
        assert_eq!(
            objects(&quads, claim, ckg::HEDGE.as_str()),
            vec![Hedge::Reportedly.iri().to_string()]
        );
        assert_eq!(
            objects(&quads, claim, ckg::QUANTITY_TEXT.as_str()),
            vec!["\"four\"".to_string()]
        );
    }

    #[test]
    fn a_curated_value_is_a_curated_fact_attributed_to_the_curators_with_its_origin() {
        let mut m = model();
        m.sources.push(Source {
            id: "curators".into(),
            label: "conflict-kg curators".into(),
            aliases: vec![],
            source_type: SourceType::Curator,
            actor: None,
            country: None,
            description: None,
            based_in: None,
            comprises: vec![],
            curated: vec![],
        });
        m.reports[0].curated = vec![CuratedValue {
            field: "published".into(),
            origin: "seeds/README.md".into(),
        }];
        let quads = model_quads(&m, &Base::default());
        let fact = "https://w3id.org/conflict-kg/id/curated/report.r.published";
        assert_eq!(
            objects(&quads, fact, ckg::CURATED_RESOURCE.as_str()),
            vec!["<https://w3id.org/conflict-kg/id/report/r>".to_string()]
        );
        assert_eq!(
            objects(&quads, fact, ckg::CURATED_PROPERTY.as_str()),
            vec!["<http://schema.org/datePublished>".to_string()]
        );
        assert_eq!(
            objects(&quads, fact, "http://www.w3.org/ns/prov#wasAttributedTo"),
            vec!["<https://w3id.org/conflict-kg/id/source/curators>".to_string()]
        );
        assert_eq!(
            objects(&quads, fact, ckg::ORIGIN.as_str()),
            vec!["\"seeds/README.md\"".to_string()]
        );
    }
}
