//! Seed fidelity (issue 11): the checks of what a claim's or record's provenance adds: relays,
//! speakers, hedges, figure words, parts of figures, several parents and overlaps, and the marks
//! of what the curators added (with where it came from).

use super::validate::*;
use super::*;

// --- Seed fidelity (issue 11) ---------------------------------------------------------------

/// `curated = { field = "origin" }`: each key must be a field this record can have and has.
pub(super) fn curated(
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

pub(super) fn actor_speaks_for(ck: &mut Checker, src: &SourceText, a: &ActorRecord) -> Vec<String> {
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

pub(super) fn place_links(
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

pub(super) fn source_comprises(
    ck: &mut Checker,
    src: &SourceText,
    s: &SourceRecord,
) -> Vec<String> {
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
pub(super) fn claim_fidelity(
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
pub(super) fn check_claim_structure(ck: &mut Checker, dataset: &Dataset, model: &Model) {
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
pub(super) fn check_curator_source(ck: &mut Checker, dataset: &Dataset, model: &Model) {
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

pub(super) fn forbid_casualty_fields(
    ck: &mut Checker,
    src: &SourceText,
    c: &ClaimRecord,
    kind: ClaimKind,
) {
    let table = kind.table();
    ck.forbid(src, &c.casualty_type, &format!("{table}.type"), kind);
    ck.forbid(src, &c.group, &format!("{table}.group"), kind);
    ck.forbid(src, &c.count, &format!("{table}.count"), kind);
    ck.forbid(src, &c.min, &format!("{table}.min"), kind);
    ck.forbid(src, &c.max, &format!("{table}.max"), kind);
}
