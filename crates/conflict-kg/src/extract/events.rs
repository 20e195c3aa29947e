//! What happened: event triggers ("attack", "air strike", "roadside IED", "clashes",
//! "crashed") → the project's event types, and who did it to whom, only where the sentence's
//! grammar says so: "IS targeted X", "attacks by Islamic State", "a surprise IS attack",
//! "mortar fire from the Islamic State". An actor merely named near an event is no perpetrator.

use super::lexicon::{Lexicon, Mention};
use super::text::{Token, TokenKind};
use crate::vocab::EventType;

/// Actor ids, each with the rule that found it.
pub(super) type RuledActors = Vec<(String, &'static str)>;

/// An event trigger at token `at`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Trigger {
    /// A plural noun ("attacks", "raids"): often no one event ("where IS attacks are common").
    pub plural: bool,
    pub at: usize,
    pub end: usize,
    pub event_type: EventType,
    pub rule: &'static str,
    /// "the attack", "the assault", "Wednesday's attack": refers back to an event already told.
    pub definite: bool,
}

/// Trigger words, longest first, and the event type they mean.
const TRIGGERS: &[(&[&str], EventType, &str)] = &[
    (
        &["suicide", "bombing"],
        EventType::SuicideBomb,
        "trigger-suicide",
    ),
    (
        &["suicide", "bomber"],
        EventType::SuicideBomb,
        "trigger-suicide",
    ),
    (
        &["suicide", "attack"],
        EventType::SuicideBomb,
        "trigger-suicide",
    ),
    (
        &["suicide", "car", "bomb"],
        EventType::SuicideBomb,
        "trigger-suicide",
    ),
    (
        &["car", "bomb"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (
        &["roadside", "bomb"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (
        &["improvised", "explosive", "device"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (
        &["explosive", "device"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (&["ied"], EventType::RemoteExplosive, "trigger-explosive"),
    (
        &["landmine"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (
        &["land", "mine"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (
        &["explosion"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (&["blast"], EventType::RemoteExplosive, "trigger-explosive"),
    (
        &["bombing"],
        EventType::RemoteExplosive,
        "trigger-explosive",
    ),
    (&["air", "strike"], EventType::AirStrike, "trigger-air"),
    (&["air", "strikes"], EventType::AirStrike, "trigger-air"),
    (&["airstrike"], EventType::AirStrike, "trigger-air"),
    (&["airstrikes"], EventType::AirStrike, "trigger-air"),
    (&["air", "raid"], EventType::AirStrike, "trigger-air"),
    (&["air", "raids"], EventType::AirStrike, "trigger-air"),
    (&["drone", "strike"], EventType::AirStrike, "trigger-air"),
    (&["drone", "strikes"], EventType::AirStrike, "trigger-air"),
    (&["drone"], EventType::AirStrike, "trigger-air"),
    (&["warplanes"], EventType::AirStrike, "trigger-air"),
    (&["shelling"], EventType::Shelling, "trigger-shelling"),
    (&["shelled"], EventType::Shelling, "trigger-shelling"),
    (
        &["artillery", "fire"],
        EventType::Shelling,
        "trigger-shelling",
    ),
    (&["mortar", "fire"], EventType::Shelling, "trigger-shelling"),
    (&["rocket", "fire"], EventType::Shelling, "trigger-shelling"),
    (
        &["rocket", "attack"],
        EventType::Shelling,
        "trigger-shelling",
    ),
    (
        &["missile", "strike"],
        EventType::Shelling,
        "trigger-shelling",
    ),
    (
        &["wave", "of", "attacks"],
        EventType::AttackSeries,
        "trigger-series",
    ),
    (
        &["series", "of", "attacks"],
        EventType::AttackSeries,
        "trigger-series",
    ),
    (&["clashes"], EventType::ArmedClash, "trigger-clash"),
    (&["clashed"], EventType::ArmedClash, "trigger-clash"),
    (&["fighting"], EventType::ArmedClash, "trigger-clash"),
    (&["gunfight"], EventType::ArmedClash, "trigger-clash"),
    (&["attack"], EventType::Attack, "trigger-attack"),
    (&["attacks"], EventType::Attack, "trigger-attack"),
    (&["attacked"], EventType::Attack, "trigger-attack"),
    (&["assault"], EventType::Attack, "trigger-attack"),
    (&["assaults"], EventType::Attack, "trigger-attack"),
    (&["ambush"], EventType::Attack, "trigger-attack"),
    (&["ambushed"], EventType::Attack, "trigger-attack"),
    (&["targeted"], EventType::Attack, "trigger-attack"),
    (&["raid"], EventType::Attack, "trigger-attack"),
    (&["raids"], EventType::Attack, "trigger-attack"),
    (&["stormed"], EventType::Attack, "trigger-attack"),
    (&["gunmen"], EventType::Attack, "trigger-attack"),
    (&["crashed"], EventType::Accident, "trigger-accident"),
    (&["crash"], EventType::Accident, "trigger-accident"),
    (&["kidnapped"], EventType::Abduction, "trigger-abduction"),
    (&["abducted"], EventType::Abduction, "trigger-abduction"),
    (&["arrested"], EventType::Arrests, "trigger-arrests"),
    (&["detained"], EventType::Arrests, "trigger-arrests"),
    (
        &["captured"],
        EventType::NonStateActorOvertakesTerritory,
        "trigger-territory",
    ),
    (
        &["seized"],
        EventType::NonStateActorOvertakesTerritory,
        "trigger-territory",
    ),
    (
        &["recaptured"],
        EventType::GovernmentRegainsTerritory,
        "trigger-territory",
    ),
    (
        &["withdrawal"],
        EventType::NegotiatedWithdrawal,
        "trigger-withdrawal",
    ),
    (
        &["bussed", "out"],
        EventType::NegotiatedWithdrawal,
        "trigger-withdrawal",
    ),
];

/// How strongly a type describes a sentence when several triggers are present.
fn priority(t: EventType) -> u8 {
    match t {
        EventType::SuicideBomb => 9,
        EventType::RemoteExplosive => 8,
        EventType::AirStrike => 7,
        EventType::Shelling => 6,
        EventType::AttackSeries => 5,
        EventType::ArmedClash => 4,
        EventType::Attack => 3,
        _ => 2,
    }
}

/// The triggers of a sentence, left to right.
pub(super) fn triggers(text: &str, tokens: &[Token]) -> Vec<Trigger> {
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < tokens.len() {
        for (words, event_type, rule) in TRIGGERS {
            if i + words.len() <= tokens.len()
                && words.iter().enumerate().all(|(k, w)| tokens[i + k].is(w))
            {
                let prev = if i > 0 {
                    tokens[i - 1].norm.as_str()
                } else {
                    ""
                };
                let definite = matches!(
                    prev,
                    "the" | "this" | "that" | "these" | "those" | "recent" | "latest"
                ) || (i > 0
                    && text[tokens[i - 1].span.start..tokens[i - 1].span.end].ends_with("'s"))
                    || (i > 0
                        && text[tokens[i - 1].span.start..tokens[i - 1].span.end].ends_with("’s"));
                // "the same incident" and "attack" used as a verb of wanting ("to attack") are no events.
                if prev == "to" && *event_type == EventType::Attack {
                    i += 1;
                    continue 'outer;
                }
                let last = words[words.len() - 1];
                out.push(Trigger {
                    plural: matches!(
                        last,
                        "attacks" | "raids" | "assaults" | "strikes" | "airstrikes"
                    ),
                    at: i,
                    end: i + words.len(),
                    event_type: *event_type,
                    rule,
                    definite,
                });
                i += words.len();
                continue 'outer;
            }
        }
        i += 1;
    }
    out
}

/// The trigger that types the sentence's event.
pub(super) fn main_trigger(triggers: &[Trigger]) -> Option<Trigger> {
    triggers
        .iter()
        .copied()
        .max_by_key(|t| (priority(t.event_type), std::cmp::Reverse(t.at)))
}

const VERBS: &[&str] = &[
    "attacked",
    "targeted",
    "shelled",
    "struck",
    "bombed",
    "ambushed",
    "stormed",
    "launched",
    "hit",
    "raided",
    "killed",
    "seized",
    "captured",
    "detonated",
    "fired",
    "executed",
    "shot",
    "kidnapped",
    "abducted",
    "carried",
    "waged",
    "waging",
    "dropped",
    "pounded",
];

/// Verbs between an actor and an attack noun that make the attack someone else's ("Ankara
/// blamed Saturday's attacks", "the army repelled IS attacks").
const NOT_THE_ATTACKERS_VERBS: &[&str] = &[
    "blamed",
    "blames",
    "blaming",
    "accused",
    "accuses",
    "condemned",
    "condemns",
    "denied",
    "denies",
    "said",
    "says",
    "reported",
    "reports",
    "repelled",
    "repels",
    "thwarted",
    "foiled",
    "prevented",
    "survived",
    "escaped",
];

/// The first words of triggers that name an attack an adjective can own ("Turkish drone",
/// "Israeli strikes", "Russian raid", "regime shelling").
const ATTACK_NOUNS: &[&str] = &[
    "air",
    "airstrike",
    "airstrikes",
    "drone",
    "warplanes",
    "shelling",
    "artillery",
    "mortar",
    "rocket",
    "missile",
    "raid",
    "raids",
    "attack",
    "attacks",
    "bombardment",
    "strike",
    "strikes",
];

/// Whether the actor named from token `start` is the object of something before it, inside the
/// subject of a later verb: "rebels fighting to oust President Bashar al-Assad killed …",
/// "Rocket fire from areas of joint control between regime forces and the Syrian Democratic
/// Forces targeted …". Titles, "the", "and" and other names joined to it are passed over.
fn governed(tokens: &[Token], mentions: &[Mention], start: usize) -> bool {
    let mut k = start;
    while k > 0 {
        let p = &tokens[k - 1];
        if let Some(m) = mentions.iter().find(|m| m.end == k && m.start < k) {
            k = m.start;
            continue;
        }
        if p.is_any(&[
            "the",
            "and",
            "president",
            "leader",
            "king",
            "prime",
            "minister",
            "former",
            "late",
            "general",
            "commander",
            "chief",
            "regime",
            "forces",
        ]) {
            k -= 1;
            continue;
        }
        return p.is_any(&[
            "between", "from", "of", "against", "with", "to", "for", "among",
        ]) || (k > 1 && tokens[k - 2].is("to") && p.kind == TokenKind::Word);
    }
    false
}

/// Who the sentence says did it, and to whom: actor ids with the rule.
pub(super) fn perpetrators_and_targets(
    tokens: &[Token],
    mentions: &[Mention],
    triggers: &[Trigger],
    lex: &Lexicon,
) -> (RuledActors, RuledActors) {
    let mut perps: RuledActors = Vec::new();
    let mut targets: RuledActors = Vec::new();
    let push = |v: &mut RuledActors, id: &str, rule| {
        if !v.iter().any(|(x, _)| x == id) {
            v.push((id.to_string(), rule));
        }
    };
    let is_trigger_at = |k: usize| triggers.iter().any(|t| t.at == k);
    for m in mentions {
        let Some(actor) = m.actor() else { continue };
        // "The Islamic State (IS) militant group executed": the abbreviation in parentheses
        // after the name is part of it.
        let end = match tokens.get(m.end) {
            Some(t) if t.is("(") => (m.end + 1..(m.end + 4).min(tokens.len()))
                .find(|&j| tokens[j].is(")"))
                .map_or(m.end, |j| j + 1),
            _ => m.end,
        };
        let m = &Mention { end, ..m.clone() };
        // "IS attack", "a surprise IS attack", "IS guerilla raids".
        if (m.end..(m.end + 3).min(tokens.len()))
            .find(|&k| is_trigger_at(k))
            .is_some_and(|k| {
                // "Ankara blamed Saturday's attacks on the YPG": a verb between is no IS attack.
                tokens[m.end..k].iter().all(|t| {
                    t.kind == TokenKind::Word
                        && !t.is_any(&["and", "on", "against", "in", "of", "to"])
                        && !t.is_any(NOT_THE_ATTACKERS_VERBS)
                })
            })
        {
            let k = (m.end..(m.end + 3).min(tokens.len()))
                .find(|&k| is_trigger_at(k))
                .expect("found");
            let trigger = triggers.iter().find(|t| t.at == k).expect("a trigger");
            if matches!(
                tokens[k].norm.as_str(),
                "attack"
                    | "attacks"
                    | "assault"
                    | "assaults"
                    | "raid"
                    | "raids"
                    | "air"
                    | "airstrike"
                    | "airstrikes"
                    | "shelling"
                    | "ambush"
                    | "drone"
                    | "bombing"
                    | "suicide"
                    | "mortar"
                    | "rocket"
                    | "artillery"
            ) && !trigger.rule.is_empty()
            {
                push(&mut perps, actor, "actor-before-trigger");
                continue;
            }
        }
        // "attacks by Islamic State", "killed by IS", "fire from the Islamic State".
        if m.start > 0 && tokens[m.start - 1].is_any(&["by", "from"]) {
            let by = m.start - 1;
            let near_trigger = triggers.iter().any(|t| t.end <= by && by - t.end <= 6)
                || (by > 0
                    && tokens[by - 1].is_any(&[
                        "killed", "wounded", "injured", "claimed", "carried", "fire", "blamed",
                        "targeted", "attacked",
                    ]));
            // "the environs of the capital held by rebels": who holds a place did not do it.
            let holder = by > 0
                && tokens[by - 1].is_any(&[
                    "held",
                    "controlled",
                    "run",
                    "backed",
                    "supported",
                    "dominated",
                    "occupied",
                ]);
            if near_trigger && !holder && (tokens[by].is("by") || tokens[by - 1].is("fire")) {
                push(&mut perps, actor, "by-actor-after-trigger");
                continue;
            }
        }
        // "IS targeted X", "the jihadists ramped up their hit-and-run attacks on Y".
        let verb = (m.end..(m.end + 5).min(tokens.len())).find(|&k| {
            tokens[k].is_any(VERBS)
                || (tokens[k].is("ramped") && tokens.get(k + 1).is_some_and(|t| t.is("up")))
        });
        // A participle ("forces killed in", "was hit by") is passive, not the actor's deed.
        let verb = verb.filter(|&v| {
            !(tokens[v].is_any(&[
                "killed", "hit", "struck", "shot", "executed", "captured", "seized",
            ]) && !tokens.get(v + 2).is_some_and(|n| n.is("least"))
                && tokens.get(v + 1).is_none_or(|n| {
                    n.kind == TokenKind::Punct
                        || n.is_any(&[
                            "in", "by", "on", "at", "near", "during", "while", "when", "after",
                            "since", "this", "last",
                        ])
                }))
        });
        if let Some(v) = verb.filter(|_| !governed(tokens, mentions, m.start)) {
            if tokens[m.end..v].iter().all(|t| {
                t.is_any(&[
                    "also",
                    "then",
                    "reportedly",
                    "had",
                    "has",
                    "have",
                    "allegedly",
                    "militants",
                    "fighters",
                    "jihadists",
                    "members",
                    "cells",
                    "gunmen",
                    "troops",
                    "forces",
                    "helicopters",
                    "aircraft",
                    "warplanes",
                    "jets",
                    "planes",
                    "group",
                    // "The Islamic State militant group executed", "an Islamic State fighter
                    // detonated", "Islamic State Terrorists attacked".
                    "militant",
                    "terrorist",
                    "terrorists",
                    "terror",
                    "fighter",
                    "suicide",
                    "bomber",
                    "bombers",
                    "member",
                    "cell",
                    "extremists",
                    "insurgents",
                ])
            }) {
                push(&mut perps, actor, "actor-subject-of-attack-verb");
                // The object: the first actor after the verb in the same clause.
                if let Some(obj) = mentions.iter().find(|o| {
                    o.start > v
                        && o.start <= v + 8
                        && !tokens[v..o.start].iter().any(|t| t.is(",") || t.is(";"))
                        && o.actor().is_some()
                }) {
                    push(
                        &mut targets,
                        obj.actor().expect("checked"),
                        "object-of-attack-verb",
                    );
                }
                continue;
            }
        }
    }
    // "a Turkish drone targeted a car", "Israeli missile strikes", "a regime air strike": the
    // state whose forces the adjective names; not "a Turkish drone was shot down".
    // The weakest cue, so only when no actor is named as the attacker, and only for the
    // sentence's main event ("a regime air strike …, and a Russian raid …" tells two; "IS
    // attacks …, prompting Russian airstrikes" names its attacker).
    if let Some(t) = main_trigger(triggers).filter(|t| {
        perps.is_empty()
            && !t.rule.is_empty()
            && t.event_type != EventType::ArmedClash
            && ATTACK_NOUNS.iter().any(|w| tokens[t.at].is(w))
    }) {
        let mut k = t.at;
        while k > 0
            && tokens[k - 1].is_any(&["missile", "missiles", "rocket", "artillery", "heavy"])
        {
            k -= 1;
        }
        let downed = tokens[t.end..]
            .iter()
            .take(4)
            .any(|x| x.is_any(&["down", "downed", "intercepted", "crashed", "shot"]));
        // "A suspected Israeli airstrike": a suspicion names nobody.
        let suspected = k > 1
            && tokens[k - 2].is_any(&["suspected", "alleged", "presumed", "apparent", "reported"]);
        if let Some(actor) = (k > 0 && !downed && !suspected)
            .then(|| lex.attacker_adjective(&tokens[k - 1].norm))
            .flatten()
        {
            push(&mut perps, actor, "adjective-before-attack");
        }
    }
    // "attacks on regime positions", "assault against the army": the target.
    for t in triggers {
        if let Some(on) = tokens.get(t.end) {
            // "an attack on May 3, IS fighters …": a date after "on" is no target.
            let dated = tokens.get(t.end + 1).is_some_and(|n| {
                n.kind == TokenKind::Number
                    || n.is_any(&crate::dates::MONTHS)
                    || crate::dates::WEEKDAYS.iter().any(|(w, _)| n.is(w))
            });
            if on.is_any(&["on", "against", "targeting"]) && !dated {
                if let Some(obj) = mentions.iter().find(|o| {
                    o.start > t.end
                        && o.start <= t.end + 4
                        && o.actor().is_some()
                        && !tokens[t.end..o.start]
                            .iter()
                            .any(|x| x.kind == TokenKind::Punct)
                }) {
                    push(
                        &mut targets,
                        obj.actor().expect("checked"),
                        "trigger-on-actor",
                    );
                }
            }
        }
    }
    targets.retain(|(t, _)| !perps.iter().any(|(p, _)| p == t));
    (perps, targets)
}

/// The sentence says the perpetrator is not known ("It is not clear who carried out",
/// "no group has claimed", "unidentified gunmen").
pub(super) fn perpetrator_stated_unknown(tokens: &[Token]) -> bool {
    let text: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let joined = text.join(" ");
    [
        "not clear who",
        "unclear who",
        "no group has claimed",
        "no one has claimed",
        "no one claimed",
        "no group claimed",
        "not known who",
        "unknown who",
        "unidentified gunmen",
        "unknown gunmen",
        "unknown assailants",
        "unidentified assailants",
        "has not been claimed",
        "no immediate claim",
    ]
    .iter()
    .any(|p| joined.contains(p))
}

/// "IS claimed …", "… claimed by IS", "claimed responsibility": the actor claiming.
pub(super) fn responsibility(tokens: &[Token], mentions: &[Mention]) -> Option<String> {
    for m in mentions {
        let Some(actor) = m.actor() else { continue };
        let after = (m.end..(m.end + 3).min(tokens.len()))
            .find(|&k| tokens[k].is_any(&["claimed", "claims"]));
        if let Some(k) = after {
            if tokens[m.end..k].iter().all(|t| {
                t.kind == TokenKind::Word
                    && t.is_any(&["itself", "group", "later", "also", "has", "have", "had"])
            }) {
                return Some(actor.to_string());
            }
        }
        if m.start > 1 && tokens[m.start - 1].is("by") && tokens[m.start - 2].is("claimed") {
            return Some(actor.to_string());
        }
    }
    None
}
