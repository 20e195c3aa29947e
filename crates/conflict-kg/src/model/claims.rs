//! The checks of one claim table (casualty, responsibility, control, presence, strength,
//! occurrence, relation): its fields for its kind, references, counts, dates and evidence.

use super::fidelity::*;
use super::validate::*;
use super::*;

pub(super) fn claim(
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
