//! Casualty figures of a sentence: a figure paired with a word of killing or wounding in the
//! same clause ("35 pro-government forces killed", "killed at least 11 pro-regime forces",
//! "Three others were wounded", "a major general was killed"), the group whose people they
//! were (an actor named between the figure and the verb), and whether the figure is part of the
//! one before it ("including at least nine Russians").

use super::lexicon::Mention;
use super::quantity::{Quantity, quantities};
use super::text::{Token, TokenKind};
use crate::vocab::CasualtyType;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Casualty {
    /// Tokens of the figure's words (`quantity_text`); for "a major general" the whole phrase.
    pub start: usize,
    pub end: usize,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub casualty_type: CasualtyType,
    /// Actor id of the group, when a curated actor is named for it.
    pub group: Option<String>,
    /// The words naming the group ("civilians", "its servicemen").
    pub group_words: Option<(usize, usize)>,
    /// Index (in the returned list) of the figure this one is a part of.
    pub part_of: Option<usize>,
    pub rule: &'static str,
    pub quantity_rule: &'static str,
    /// Token of the word of killing or wounding.
    pub verb: usize,
}

impl Casualty {
    /// One person, the words `[start, end)` naming them and their group: at least one, at most
    /// `max` (one where the group is that person), of `kind` with its verb at `verb`; not part
    /// of another figure.
    fn one_person(
        mentions: &[Mention],
        (start, end): (usize, usize),
        kind: CasualtyType,
        verb: usize,
        max: Option<i64>,
        rule: &'static str,
    ) -> Casualty {
        Casualty {
            start,
            end,
            min: Some(1),
            max,
            casualty_type: kind,
            group: group_in(mentions, start, end),
            group_words: Some((start, end)),
            part_of: None,
            rule,
            quantity_rule: "one-person",
            verb,
        }
    }

    /// The figure `q` as a claim of `kind` with its verb at `verb`, its group named in the words
    /// from its end to `gend`; not part of another figure.
    fn of_figure(
        q: &Quantity,
        mentions: &[Mention],
        gend: usize,
        kind: CasualtyType,
        verb: usize,
        rule: &'static str,
    ) -> Casualty {
        Casualty {
            start: q.start,
            end: q.end,
            min: q.min,
            max: q.max,
            casualty_type: kind,
            group: group_in(mentions, q.end, gend),
            group_words: (q.end < gend).then_some((q.end, gend)),
            part_of: None,
            rule,
            quantity_rule: q.rule,
            verb,
        }
    }
}

fn kind_of(t: &Token) -> Option<CasualtyType> {
    match t.norm.as_str() {
        "killed" | "kill" | "kills" | "killing" | "dead" | "died" | "die" | "dies" | "dying"
        | "deaths" | "death" | "fatalities" | "slain" | "massacred" | "executed" | "beheaded"
        | "lives" | "martyred" | "assassinated" | "succumbed" | "perished" | "perish"
        | "murdered" | "murdering"
        // "the Russian Aerospace Forces have eliminated more than 3,000 militants": the
        // defence ministries' word for killed.
        | "eliminated" | "eliminating" | "eliminates" => Some(CasualtyType::Killed),
        "wounded" | "wounding" | "injured" | "injuring" | "injuries" | "hurt" | "injures"
        | "wounds" | "hospitalized" | "hospitalised" => Some(CasualtyType::Wounded),
        _ => None,
    }
}

/// Verbs that take the victims as object after them ("killed at least 11", "killing all 39").
fn transitive(t: &Token) -> bool {
    t.is_any(&[
        "killed",
        "killing",
        "kills",
        "wounded",
        "wounding",
        "injured",
        "injuring",
        "injures",
        "left",
        "leaving",
        "claimed",
        "claiming",
        "executed",
        "executing",
        "beheaded",
        "beheading",
        "assassinated",
        "murdered",
        "murdering",
        "eliminated",
        "eliminating",
        "eliminates",
    ])
}

/// "was killed", "were injured": the participle at `k` is passive and takes no object, so
/// in "a man was killed and two children were injured" the two are not killed.
fn passive(tokens: &[Token], k: usize) -> bool {
    (1..=2).any(|back| {
        k >= back
            && tokens[k - back].is_any(&["was", "were", "been", "be", "is", "are"])
            && (back == 1 || tokens[k - 1].is_any(&["also", "reportedly", "all", "allegedly"]))
    })
}

/// Verbs of other harms: a figure after them is not a casualty figure even when a verb of
/// killing comes shortly before ("wounding a resident and abducting three others").
fn other_harm(t: &Token) -> bool {
    t.is_any(&[
        "abducting",
        "abducted",
        "kidnapping",
        "kidnapped",
        "arresting",
        "arrested",
        "detaining",
        "detained",
        "capturing",
        "captured",
        "displacing",
        "displaced",
        "rescuing",
        "rescued",
        "evacuating",
        "evacuated",
        "freeing",
        "freed",
        "releasing",
        "released",
        "forcing",
        "forced",
    ])
}

/// "were killed and injured", "killed or wounded": one figure for both kinds, which gives
/// neither a number of its own.
fn joint_kinds(tokens: &[Token], k: usize, kind: CasualtyType) -> bool {
    tokens.get(k + 1).is_some_and(|t| t.is_any(&["and", "or"]))
        && tokens
            .get(k + 2)
            .and_then(kind_of)
            .is_some_and(|other| other != kind)
}

/// The figure at `start` stands in a list opened by "including" ("including 12 children and
/// nine women"), with nothing but words and "and" between.
fn in_including_list(tokens: &[Token], start: usize) -> bool {
    (start.saturating_sub(8)..start)
        .rev()
        .take_while(|&j| tokens[j].kind != TokenKind::Punct)
        .any(|j| tokens[j].is("including"))
}

/// A parenthesis opens between `from` and `at` and is still open at `at`.
fn in_parenthesis_after(tokens: &[Token], from: usize, at: usize) -> bool {
    tokens[from..at]
        .iter()
        .rposition(|t| t.is("(") || t.is(")"))
        .is_some_and(|p| tokens[from + p].is("("))
}

/// "lost 10 fighters".
const LOST: &[&str] = &["lost", "lose", "loses", "losing"];

/// Words between a figure's apposition and its verb ("…, have been killed").
const AUXILIARIES: &[&str] = &[
    "have",
    "has",
    "had",
    "been",
    "were",
    "was",
    "are",
    "is",
    "be",
    "also",
    "reportedly",
    "all",
];

/// The token that closes the apposition opened at `k` ("," or a dash) when the verb of a
/// casualty follows it ("727 people, mostly combatants but also 111 civilians, have been
/// killed"; "six people — five Iranians and a Syrian — were killed").
fn apposition_before_verb(tokens: &[Token], k: usize) -> Option<usize> {
    let open = &tokens[k];
    if open.kind != TokenKind::Punct || !open.is_any(&[",", "-"]) {
        return None;
    }
    let close = (k + 2..(k + 14).min(tokens.len())).find(|&j| tokens[j].norm == open.norm)?;
    let verb =
        (close + 1..(close + 5).min(tokens.len())).find(|&j| !tokens[j].is_any(AUXILIARIES))?;
    // "…, Damascus, killing 14 people": a participle after a comma is a clause of its own.
    let finite = !tokens[verb].norm.ends_with("ing");
    kind_of(&tokens[verb]).filter(|_| finite).map(|_| close)
}

fn clause_stop(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "," | ";" | ":")
        || t.is_any(&["said", "told", "according", "while", "but", "whereas"])
}

/// The casualty figures of a sentence.
pub(super) fn casualties(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    persons: &std::collections::HashSet<String>,
) -> Vec<Casualty> {
    let qs = quantities(tokens);
    let mut out: Vec<Casualty> = Vec::new();
    let mut of_quantity: Vec<Option<usize>> = Vec::new();
    for (qi, q) in qs.iter().enumerate() {
        // "at least three civilians (two children and a woman) were killed": a figure inside a
        // parenthesis after this one does not end its reach.
        let next_q = qs[qi + 1..]
            .iter()
            .find(|n| !in_parenthesis_after(tokens, q.end, n.start))
            .map_or(tokens.len(), |n| n.start);
        if let Some(c) = pair(tokens, mentions, q, next_q, &out) {
            out.push(c);
            of_quantity.push(Some(out.len() - 1));
        } else {
            of_quantity.push(None);
        }
    }
    coordinated_before(tokens, mentions, &qs, &of_quantity, &mut out);
    among_next(tokens, mentions, &qs, &of_quantity, &mut out);
    of_them_after(tokens, mentions, &qs, &of_quantity, &mut out);
    per_source_after(tokens, mentions, &qs, &of_quantity, &mut out);
    per_place_after(tokens, mentions, &qs, &of_quantity, &mut out);
    singular(tokens, mentions, &qs, &mut out);
    definite_person(tokens, mentions, &mut out);
    named_person(tokens, mentions, persons, &mut out);
    unknown_named_person(text, tokens, mentions, &mut out);
    zero(tokens, mentions, &qs, &mut out);
    others(tokens, &qs, &mut out);
    // "Two of the former leaders were killed and a third was wounded": an ordinal counts
    // one person more, exactly.
    for c in out.iter_mut() {
        if c.quantity_rule == "one-person"
            && c.max.is_none()
            && tokens[c.start].is_any(&["a", "an"])
            && tokens.get(c.start + 1).is_some_and(|t| {
                t.is_any(&[
                    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                    "tenth",
                ])
            })
        {
            c.max = Some(1);
        }
    }
    // "the Feb. 6 earthquake that killed more than 50,000 people": a disaster's toll is no
    // casualty of the conflict.
    let natural = |c: &Casualty| {
        (c.verb.saturating_sub(4)..c.verb.min(tokens.len())).any(|j| tokens[j].is_any(DISASTERS))
    };
    // Sorted by position; `part_of` indexes follow their figures.
    let mut order: Vec<usize> = (0..out.len()).filter(|&i| !natural(&out[i])).collect();
    order.sort_by_key(|&i| out[i].start);
    let mut new_index = vec![None; out.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = Some(new);
    }
    let mut sorted: Vec<Casualty> = order.iter().map(|&i| out[i].clone()).collect();
    for c in &mut sorted {
        c.part_of = c.part_of.and_then(|p| new_index[p]);
    }
    sorted
}

/// Natural disasters, whose tolls are not the conflict's.
const DISASTERS: &[&str] = &[
    "earthquake",
    "earthquakes",
    "quake",
    "quakes",
    "flood",
    "floods",
    "flooding",
    "storm",
    "landslide",
    "avalanche",
];

/// "two civilians and three members of the SDF lost their lives": a figure with no word of
/// its own, joined by "and" to the next figure that has one, shares it; so does each figure
/// of a list before it ("35 members of government forces, 32 fighters loyal to Assad and four
/// civilians have been killed"), right to left.
fn coordinated_before(
    tokens: &[Token],
    mentions: &[Mention],
    qs: &[Quantity],
    of_quantity: &[Option<usize>],
    out: &mut Vec<Casualty>,
) {
    let mut paired = of_quantity.to_vec();
    for qi in (0..qs.len().saturating_sub(1)).rev() {
        let (q, q2) = (&qs[qi], &qs[qi + 1]);
        let Some(n) = paired[qi + 1].filter(|_| paired[qi].is_none()) else {
            continue;
        };
        let next = out[n].clone();
        // "one corpse and three wounded people": a word right after the next figure is that
        // figure's only. A comma joins only within a list that "and" closes.
        // The list opens a clause ("…, 35 members of government forces, 32 fighters … and
        // four civilians"), not "the two Turkish attacks, two civilians and three members".
        let opens_clause = q.start == 0
            || tokens[q.start - 1].kind == TokenKind::Punct
            || tokens[q.start - 1].is_any(&["that", "said", "says"]);
        let joined = q2.start >= 2
            && (tokens[q2.start - 1].is("and")
                || (tokens[q2.start - 1].is(",")
                    && opens_clause
                    && next.rule == "coordinated-with-next-figure"));
        if !matches!(
            next.rule,
            "figure-before-casualty-word" | "coordinated-with-next-figure"
        ) || next.verb <= q2.end
            || !joined
            || q2.start - 1 - q.end > 6
            || !plain_gap(&tokens[q.end..q2.start - 1])
        {
            continue;
        }
        out.push(Casualty {
            start: q.start,
            end: q.end,
            min: q.min,
            max: q.max,
            casualty_type: next.casualty_type,
            group: group_in(mentions, q.end, q2.start - 1),
            group_words: (q.end < q2.start - 1).then_some((q.end, q2.start - 1)),
            part_of: None,
            rule: "coordinated-with-next-figure",
            quantity_rule: q.rule,
            verb: next.verb,
        });
        paired[qi] = Some(out.len() - 1);
        // "at least 16 children and 11 women were among the dead": "at least" covers both.
        out[n].max = covered_max(q.rule, out[n].quantity_rule, out[n].max);
    }
}

/// The maximum of an exact figure `max` joined to a figure whose qualifier is `joined_rule`:
/// none when that one is "at least", which covers both ("at least 24 SDF fighters and 15
/// civilians", "at least six people — five Iranians and a Syrian").
fn covered_max(joined_rule: &str, rule: &str, max: Option<i64>) -> Option<i64> {
    if joined_rule == "at-least" && rule == "exact-numeral" {
        None
    } else {
        max
    }
}

/// Each figure with no casualty of its own right before one that has one: the two figures
/// and the index of the second's casualty in `out`.
fn unpaired_before_paired<'q>(
    qs: &'q [Quantity],
    of_quantity: &[Option<usize>],
) -> Vec<(&'q Quantity, &'q Quantity, usize)> {
    (0..qs.len().saturating_sub(1))
        .filter(|&qi| of_quantity[qi].is_none())
        .filter_map(|qi| of_quantity[qi + 1].map(|n| (&qs[qi], &qs[qi + 1], n)))
        .collect()
}

/// Nothing between two figures that would end the first's clause: no punctuation, no verb of
/// killing or wounding, no clause stop.
fn plain_gap(between: &[Token]) -> bool {
    !between
        .iter()
        .any(|t| t.kind == TokenKind::Punct || kind_of(t).is_some() || clause_stop(t))
}

/// "killed 10 members of the Kurdish forces, called the Asayish, and six civilians": a gap
/// whose only punctuation is the commas of an apposition, with no verb of its own.
fn apposition_gap(between: &[Token]) -> bool {
    between.iter().filter(|t| t.is(",")).count() <= 2
        && !between.iter().any(|t| {
            (t.kind == TokenKind::Punct && !t.is(","))
                || kind_of(t).is_some()
                || (clause_stop(t) && !t.is(","))
                || t.is_any(&["was", "were", "is", "are", "has", "have", "had"])
        })
}

/// "Eight Iranians were among 15 foreign pro-regime fighters killed": a figure that is among
/// the next figure is a part of it, of its type.
fn among_next(
    tokens: &[Token],
    mentions: &[Mention],
    qs: &[Quantity],
    of_quantity: &[Option<usize>],
    out: &mut Vec<Casualty>,
) {
    for (q, q2, next) in unpaired_before_paired(qs, of_quantity) {
        if q2.start < 2
            || !tokens[q2.start - 1].is("among")
            || !tokens[q2.start - 2].is_any(&["were", "was", "are", "is"])
            || q2.start - q.end > 6
            || !plain_gap(&tokens[q.end..q2.start])
        {
            continue;
        }
        let whole = out[next].clone();
        out.push(Casualty {
            part_of: Some(next),
            ..Casualty::of_figure(
                q,
                mentions,
                q2.start - 2,
                whole.casualty_type,
                whole.verb,
                "among-next-figure",
            )
        });
    }
}

/// "of them" or "of whom" at `k`, right after a figure ("13 of them civilians").
fn of_them_at(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| t.is("of"))
        && tokens
            .get(k + 1)
            .is_some_and(|t| t.is_any(&["them", "whom"]))
}

/// "19 people had died in the blast, 13 of them civilians", "the death of five people, three
/// of whom were Syrian": a figure of "them" after a comma is a part of the figure before it,
/// of its type.
fn of_them_after(
    tokens: &[Token],
    mentions: &[Mention],
    qs: &[Quantity],
    of_quantity: &[Option<usize>],
    out: &mut Vec<Casualty>,
) {
    for qi in 1..qs.len() {
        let q = &qs[qi];
        if of_quantity[qi].is_some()
            || q.start == 0
            || !tokens[q.start - 1].is(",")
            || !of_them_at(tokens, q.end)
        {
            continue;
        }
        let Some((pi, whole)) = (0..qi)
            .rev()
            .find_map(|pi| of_quantity[pi].map(|w| (pi, w)))
        else {
            continue;
        };
        let between = &tokens[qs[pi].end..q.start - 1];
        if between.len() > 10 || between.iter().any(|t| t.is_any(&[".", ";", ":"])) {
            continue;
        }
        let whole_c = out[whole].clone();
        if whole_c.part_of.is_some() {
            continue;
        }
        // The group is the words after "of them" up to the clause's end.
        let gend = (q.end + 2..tokens.len())
            .find(|&j| tokens[j].kind == TokenKind::Punct || clause_stop(&tokens[j]))
            .unwrap_or(tokens.len());
        out.push(Casualty {
            part_of: Some(whole),
            group: group_in(mentions, q.end + 2, gend),
            group_words: (q.end + 2 < gend).then_some((q.end + 2, gend)),
            ..Casualty::of_figure(
                q,
                mentions,
                q.end,
                whole_c.casualty_type,
                whole_c.verb,
                "of-them-after-figure",
            )
        });
    }
}

/// Whether a figure at `[start, end)` is one of a list of tolls by source: "…, 7 according to
/// the Syrian Observatory, and “15” according to other sources" (a comma or "and" before it,
/// "according to" right after it; quotation marks aside).
pub(super) fn figure_by_source(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    let mut a = start;
    while a > 0 && tokens[a - 1].is_any(&["\"", "and"]) {
        a -= 1;
    }
    let mut e = end;
    while tokens.get(e).is_some_and(|t| t.is("\"")) {
        e += 1;
    }
    (a > 0
        && tokens[a - 1].is(",")
        && tokens.get(e).is_some_and(|t| t.is("according"))
        && tokens.get(e + 1).is_some_and(|t| t.is("to")))
    .then_some(a - 1)
}

/// Whether token `i` is in the words of a claim already found.
fn covered(out: &[Casualty], i: usize) -> bool {
    out.iter().any(|c| c.start <= i && i < c.end)
}

/// The toll of the sentence nearest before `start` that is no part of another.
fn toll_before(out: &[Casualty], start: usize) -> Option<Casualty> {
    out.iter()
        .filter(|c| c.end < start && c.part_of.is_none())
        .max_by_key(|c| c.end)
        .cloned()
}

/// "The strikes killed 4 people, according to the Iraqi Popular Mobilization Authority, 7
/// according to the Syrian Observatory for Human Rights, and “15” according to other sources":
/// each figure after the first is the same toll by another source, of its type.
fn per_source_after(
    tokens: &[Token],
    mentions: &[Mention],
    qs: &[Quantity],
    of_quantity: &[Option<usize>],
    out: &mut Vec<Casualty>,
) {
    for qi in 1..qs.len() {
        let q = &qs[qi];
        if of_quantity[qi].is_some() || figure_by_source(tokens, q.start, q.end).is_none() {
            continue;
        }
        // The toll before: a figure of this sentence whose own source follows it.
        let Some(first) = toll_before(out, q.start) else {
            continue;
        };
        let follows_source = tokens[first.end..q.start]
            .windows(2)
            .any(|w| w[0].is("according") && w[1].is("to"));
        if !follows_source || out.iter().any(|c| c.start == q.start) {
            continue;
        }
        out.push(Casualty::of_figure(
            q,
            mentions,
            q.end,
            first.casualty_type,
            first.verb,
            "same-toll-by-another-source",
        ));
    }
}

/// Whether a place is named at `k` ("Idlib", "the city of Homs", "the Damascus suburb of …").
fn place_at(tokens: &[Token], mentions: &[Mention], k: usize) -> bool {
    let k = if tokens.get(k).is_some_and(|t| t.is("the")) {
        k + 1
    } else {
        k
    };
    mentions
        .iter()
        .any(|m| m.is_place() && (m.start == k || (m.start > k && m.start <= k + 3)))
}

/// "nine people were killed in the city of Homs, three in Homs province, two in Idlib and two
/// in Damascus": each figure after the first that stands with only a place ("three in Homs
/// province") is the same kind of toll, in that place.
fn per_place_after(
    tokens: &[Token],
    mentions: &[Mention],
    qs: &[Quantity],
    of_quantity: &[Option<usize>],
    out: &mut Vec<Casualty>,
) {
    for qi in 1..qs.len() {
        let q = &qs[qi];
        if of_quantity[qi].is_some()
            || q.start == 0
            || !tokens[q.start - 1].is_any(&[",", "and"])
            || !tokens.get(q.end).is_some_and(|t| t.is("in"))
            || !place_at(tokens, mentions, q.end + 1)
            || covered(out, q.start)
        {
            continue;
        }
        // The toll before: the nearest claim of this sentence, itself followed by "in" and a
        // place, with only places and figures of the list between.
        let Some(first) = toll_before(out, q.start) else {
            continue;
        };
        let between = &tokens[first.end..q.start];
        let first_in_place =
            (first.end..q.start).any(|j| tokens[j].is("in") && place_at(tokens, mentions, j + 1));
        if between.len() > 20
            || !first_in_place
            || between.iter().any(|t| {
                t.is_any(&[
                    ".",
                    ";",
                    ":",
                    "while",
                    "but",
                    "as",
                    "when",
                    "after",
                    "including",
                ]) || kind_of(t).is_some_and(|k| k != first.casualty_type)
            })
        {
            continue;
        }
        out.push(Casualty::of_figure(
            q,
            mentions,
            q.end,
            first.casualty_type,
            first.verb,
            "same-toll-in-another-place",
        ));
    }
}

/// "killing at least five civilians and injuring others", "and others were wounded": more
/// people of the kind, with no number (no bound written).
fn others(tokens: &[Token], qs: &[Quantity], out: &mut Vec<Casualty>) {
    for i in 0..tokens.len() {
        // "Three others were wounded" is the figure's noun, not a figure of its own.
        if !tokens[i].is("others") || qs.iter().any(|q| q.start <= i && i <= q.end) {
            continue;
        }
        if covered(out, i) {
            continue;
        }
        let before = (i > 0 && transitive(&tokens[i - 1]))
            .then(|| kind_of(&tokens[i - 1]))
            .flatten()
            .map(|k| (k, i - 1));
        let after = || {
            let were = i + 1;
            (tokens.get(were).is_some_and(|t| t.is_any(&["were", "are"])))
                .then(|| {
                    let v = if tokens.get(were + 1).is_some_and(|t| t.is("also")) {
                        were + 2
                    } else {
                        were + 1
                    };
                    tokens.get(v).and_then(kind_of).map(|k| (k, v))
                })
                .flatten()
        };
        // "Eight Iraqi civilians were killed and others wounded": the participle right after.
        let participle = || {
            (i > 0 && tokens[i - 1].is("and"))
                .then(|| tokens.get(i + 1).and_then(kind_of).map(|k| (k, i + 1)))
                .flatten()
        };
        let Some((kind, verb)) = before.or_else(after).or_else(participle) else {
            continue;
        };
        if joint_kinds(tokens, verb, kind) {
            continue;
        }
        out.push(Casualty {
            start: i,
            end: i + 1,
            min: None,
            max: None,
            casualty_type: kind,
            group: None,
            group_words: None,
            part_of: None,
            rule: "others-no-number",
            quantity_rule: "vague-no-bound",
            verb,
        });
    }
}

/// "causing no casualties" (none killed, none wounded), "no members of their group were
/// wounded": a figure of zero, which the words state.
fn zero(tokens: &[Token], mentions: &[Mention], qs: &[Quantity], out: &mut Vec<Casualty>) {
    for i in 0..tokens.len() {
        if !tokens[i].is("no") || qs.iter().any(|q| q.start <= i && i < q.end) {
            continue;
        }
        if tokens.get(i + 1).is_some_and(|t| t.is("casualties")) {
            for kind in [CasualtyType::Killed, CasualtyType::Wounded] {
                out.push(Casualty {
                    start: i,
                    end: i + 2,
                    min: Some(0),
                    max: Some(0),
                    casualty_type: kind,
                    group: None,
                    group_words: None,
                    part_of: None,
                    rule: "no-casualties",
                    quantity_rule: "zero",
                    verb: i + 1,
                });
            }
            continue;
        }
        // "no members of their group were wounded": the noun phrase, then "were" and the word.
        let Some(were) = (i + 2..(i + 8).min(tokens.len()))
            .find(|&k| tokens[k].is_any(&["were", "was", "had", "have", "has"]))
        else {
            continue;
        };
        // "no details on how the six children were killed": a clause of its own, and a figure
        // in it, make the noun phrase no group of people.
        if tokens[i + 1..were].iter().any(|t| {
            t.kind != TokenKind::Word
                || clause_stop(t)
                || kind_of(t).is_some()
                || t.is_any(&["that", "how", "why", "whether", "what"])
        }) || qs.iter().any(|q| q.start > i && q.start < were)
        {
            continue;
        }
        let v = (were + 1..(were + 3).min(tokens.len()))
            .find(|&k| kind_of(&tokens[k]).is_some() && tokens[k].kind == TokenKind::Word);
        let Some(v) = v.filter(|&v| tokens[were + 1..v].iter().all(|t| t.is("been"))) else {
            continue;
        };
        let kind = kind_of(&tokens[v]).expect("checked");
        if joint_kinds(tokens, v, kind) {
            continue;
        }
        out.push(Casualty {
            start: i,
            end: i + 2,
            min: Some(0),
            max: Some(0),
            casualty_type: kind,
            group: group_in(mentions, i + 1, were),
            group_words: Some((i + 1, were)),
            part_of: None,
            rule: "no-one-was-killed",
            quantity_rule: "zero",
            verb: v,
        });
    }
}

fn group_in(mentions: &[Mention], a: usize, b: usize) -> Option<String> {
    mentions
        .iter()
        .filter(|m| m.start >= a && m.end <= b)
        .find_map(|m| m.actor().map(str::to_string))
}

fn pair(
    tokens: &[Token],
    mentions: &[Mention],
    q: &Quantity,
    next_q: usize,
    before: &[Casualty],
) -> Option<Casualty> {
    // "including at least nine Russians": a part of the figure before it, of its type.
    let including = q.start > 0 && tokens[q.start - 1].is_any(&["including", "among"]);
    // "at least six people — five Iranians and a Syrian — were killed": a figure in the
    // apposition between the figure before it and that figure's verb is a part of it; "at
    // least" covers the parts.
    if let Some((i, whole)) = before.iter().enumerate().next_back().filter(|(_, p)| {
        // The apposition opens right after the whole's figure or its group ("727 people,
        // mostly combatants but also 111 civilians, have been killed").
        let opener = (p.end..q.start.min(p.end + 3)).find(|&j| tokens[j].is_any(&[",", "-"]));
        !including
            && p.verb > q.end
            && opener.is_some_and(|o| {
                q.start - o <= 7
                    && apposition_before_verb(tokens, o).is_some_and(|close| close >= q.end)
            })
    }) {
        // "At least 112 people, 92 of them civilians": a count "of them" is exact.
        let max = if of_them_at(tokens, q.end) {
            q.max
        } else {
            covered_max(whole.quantity_rule, q.rule, q.max)
        };
        return Some(Casualty {
            max,
            part_of: Some(i),
            ..Casualty::of_figure(
                q,
                mentions,
                group_end(tokens, q.end),
                whole.casualty_type,
                whole.verb,
                "apposition-part-of-figure",
            )
        });
    }
    // "two civilians were also killed on Saturday, one during army raids in Damascus and one
    // by gunfire in Homs": each "one" is one of the figure before, exactly.
    if q.min == Some(1)
        && q.max == Some(1)
        && q.start > 0
        && tokens[q.start - 1].is_any(&[",", "and"])
        && tokens.get(q.end).is_some_and(|t| {
            t.is_any(&[
                "during", "by", "in", "on", "from", "at", "near", "when", "after",
            ])
        })
    {
        if let Some((i, whole)) = before.iter().enumerate().rfind(|(_, c)| {
            c.part_of.is_none()
                && c.min.is_some_and(|m| m >= 2)
                && c.end < q.start
                && !tokens[c.end..q.start]
                    .iter()
                    .any(|t| t.is(";") || t.is("."))
        }) {
            return Some(Casualty {
                part_of: Some(i),
                ..Casualty::of_figure(
                    q,
                    mentions,
                    q.end,
                    whole.casualty_type,
                    whole.verb,
                    "one-of-figure-before",
                )
            });
        }
    }
    // "95 bodies had been identified", "at least five bodies lying in a street", "the bodies
    // of four children": the dead, counted by their bodies.
    let bodies = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| t.is_any(&["bodies", "corpses", "corpse", "body"]))
    };
    // "two charred bodies were retrieved": one adjective between.
    let after = if !bodies(q.end)
        && bodies(q.end + 1)
        && tokens[q.end].kind == TokenKind::Word
        && tokens[q.end].is_any(&["charred", "burned", "burnt", "mutilated", "decomposed"])
    {
        q.end + 1
    } else {
        q.end
    };
    if bodies(after) || (q.start >= 3 && tokens[q.start - 1].is("of") && bodies(q.start - 2)) {
        let verb = if bodies(after) { after } else { q.start - 2 };
        let gend = if bodies(after) {
            after + 1
        } else {
            group_end(tokens, q.end)
        };
        return Some(Casualty::of_figure(
            q,
            mentions,
            gend,
            CasualtyType::Killed,
            verb,
            "figure-of-bodies",
        ));
    }
    // Right after a verb of killing or wounding: "killing at least five civilians and
    // injuring others" is five killed, whatever comes after; "killed the 10 policemen": the
    // article between.
    let verb_at = if q.start > 1
        && tokens[q.start - 1].is("the")
        && q.min.is_some()
        && transitive(&tokens[q.start - 2])
    {
        q.start - 2
    } else {
        q.start.saturating_sub(1)
    };
    // "The ISIS fighters managed to kill 3 members of the force": a killing done, not meant
    // ("tried to kill" is not one).
    let done_infinitive = verb_at >= 2
        && tokens[verb_at].is_any(&["kill", "wound", "injure"])
        && tokens[verb_at - 1].is("to")
        && tokens[verb_at - 2].is_any(&["managed", "able"]);
    if q.start > 0
        && (transitive(&tokens[verb_at]) || done_infinitive)
        && !passive(tokens, verb_at)
        && !tokens[verb_at].is_any(&["left", "leaving", "claimed", "claiming"])
    {
        let k = verb_at;
        let kind = kind_of(&tokens[k])?;
        // "killed and wounded 20 people": one toll for both kinds, neither's figure. Without a
        // bound ("killed and injured an unspecified number of people") nothing is lost.
        if k >= 2
            && transitive(&tokens[k - 2])
            && kind_of(&tokens[k - 2]).is_some_and(|o| joint_kinds(tokens, k - 2, o))
            && (q.min.is_some() || q.max.is_some())
        {
            return None;
        }
        let gend = group_end(tokens, q.end);
        return Some(Casualty::of_figure(
            q,
            mentions,
            gend,
            kind,
            k,
            "casualty-verb-before-figure",
        ));
    }
    // "killed at least 24 SDF fighters and 15 civilians": the figure after "and" shares the
    // verb of the figure before it.
    // "…, as well as ten civilians": "as well as" joins as "and" does, after a comma too.
    let as_well_as = q.start >= 3 && words_at(tokens, q.start - 3, &["as", "well", "as"]);
    // "The victims include 86 children, 45 women, three journalists and two paramedics": a
    // comma joins too, within a list that goes on to another figure.
    let in_list = q.start > 0
        && tokens[q.start - 1].is(",")
        && next_q < tokens.len()
        && next_q > q.end
        && tokens[next_q - 1].is_any(&[",", "and"])
        && plain_gap(&tokens[q.end..next_q - 1]);
    if q.start > 0 && (tokens[q.start - 1].is("and") || as_well_as || in_list) {
        // "killed six soldiers in the southern province of Deraa on Saturday and at least
        // eight others": a longer gap only when nothing in it ends the clause.
        let join = if as_well_as { q.start - 3 } else { q.start - 1 };
        if let Some(prev) = before.last().filter(|p| {
            let gap_end = if as_well_as && tokens[join - 1].is(",") {
                join - 1
            } else {
                q.start
            };
            p.verb < p.start
                && p.end <= gap_end
                && (!in_list || tokens.get(p.end..q.start - 1).is_some_and(plain_gap))
                && (q.start - p.end <= 6
                    || (q.start - p.end <= 14 && plain_gap(&tokens[p.end..gap_end]))
                    || (q.start - p.end <= 14
                        && p.part_of.is_none()
                        && apposition_gap(&tokens[p.end..gap_end])))
        }) {
            let gend = (q.end..tokens.len())
                .find(|&j| {
                    clause_stop(&tokens[j])
                        || tokens[j].is_any(&[
                            "in", "on", "near", "at", "and", "during", "since", ".", "when",
                        ])
                })
                .unwrap_or(tokens.len());
            // "at least 24 SDF fighters and 15 civilians": "at least" covers both.
            let max = covered_max(prev.quantity_rule, q.rule, q.max);
            return Some(Casualty {
                max,
                ..Casualty::of_figure(
                    q,
                    mentions,
                    gend,
                    prev.casualty_type,
                    prev.verb,
                    "coordinated-figure",
                )
            });
        }
    }
    // Forward: "35 pro-government forces killed", "four of its servicemen were killed".
    let mut limit = (q.end + 14).min(next_q).min(tokens.len());
    let mut k = q.end;
    while k < limit {
        let t = &tokens[k];
        // "at least 10 people, including four members of the SNA, were killed": the
        // breakdown between commas is skipped (its figures are parts, found on their own).
        // "10 people, among them three children and a woman, lost their lives" too.
        if t.is(",")
            && tokens.get(k + 1).is_some_and(|n| {
                n.is("including")
                    || (n.is("among") && tokens.get(k + 2).is_some_and(|t| t.is("them")))
            })
        {
            // "five people, including a woman, a child and a man, were killed": the comma that
            // closes the breakdown is the one before the verb, when a list has commas of its own.
            let commas: Vec<usize> = (k + 2..(k + 16).min(tokens.len()))
                .filter(|&j| tokens[j].is(","))
                .collect();
            let before_verb = commas.iter().copied().find(|&j| {
                (j + 1..tokens.len())
                    .find(|&v| !tokens[v].is_any(AUXILIARIES))
                    .is_some_and(|v| v > j + 1 && kind_of(&tokens[v]).is_some())
            });
            if let Some(close) = before_verb.or(commas.first().copied()) {
                k = close + 1;
                limit = (k + 6).min(tokens.len());
                continue;
            }
            // "six people, including a “member of the regime forces” were killed": no closing
            // comma; the breakdown runs to the verb.
            if let Some(verb) = (k + 2..(k + 16).min(tokens.len()))
                .take_while(|&j| tokens[j].kind == TokenKind::Word || tokens[j].is("\""))
                .find(|&j| tokens[j].is_any(&["were", "was", "have", "had", "are"]))
            {
                k = verb;
                limit = (k + 5).min(tokens.len());
                continue;
            }
        }
        // A parenthesis is skipped whole ("the Syrian Democratic Forces (SDF) were killed");
        // a closing one ends the figure's clause ("(Kurdistan 24) – … killed").
        if let Some(close) = apposition_before_verb(tokens, k) {
            k = close + 1;
            limit = (k + 5).min(tokens.len());
            continue;
        }
        // "two fighters of the Popular Mobilization Forces (PMF, or Hashd al-Shaabi) were
        // killed": the parenthesis does not count against the figure's reach.
        if t.is("(") {
            match (k + 1..(k + 12).min(tokens.len())).find(|&j| tokens[j].is(")")) {
                Some(j) => {
                    limit = (limit + j + 1 - k).min(next_q).min(tokens.len());
                    k = j + 1;
                    continue;
                }
                None => break,
            }
        }
        // "The victims, including 12 children and nine women, were killed": a breakdown of a
        // toll with no figure of its own ends at its comma; the verb after it is its parts'.
        if t.is(",") && before.is_empty() && in_including_list(tokens, q.start) {
            let verb = (k + 1..tokens.len())
                .find(|&j| !tokens[j].is_any(AUXILIARIES))
                .filter(|&j| j > k + 1 && kind_of(&tokens[j]).is_some());
            if let Some(verb) = verb {
                k = verb;
                continue;
            }
        }
        // "Two Hezbollah fighters, who local sources said were killed near …, have been
        // buried": the relative clause about the figure's people holds its verb.
        if t.is(",") && tokens.get(k + 1).is_some_and(|n| n.is("who")) {
            let were = (k + 2..(k + 10).min(tokens.len()))
                .take_while(|&j| tokens[j].kind == TokenKind::Word)
                .find(|&j| tokens[j].is_any(&["were", "was", "had", "have", "has"]));
            if let Some(were) = were {
                k = were;
                limit = (k + 5).min(tokens.len());
                continue;
            }
        }
        if clause_stop(t) || t.is(")") {
            break;
        }
        // "One of its wounded fighters … died", "three of the wounded died": the wounded
        // named as a group are not this figure's harm; the verb after them is.
        if kind_of(t) == Some(CasualtyType::Wounded)
            && k > 0
            && tokens[k - 1].is_any(&["its", "their", "his", "her", "the"])
        {
            k += 1;
            continue;
        }
        // "killing the driver and two women accompanying him and wounding another person": an
        // active participle after the figure takes a victim of its own; the figure is not it.
        if t.is_any(&["killing", "wounding", "injuring"]) {
            break;
        }
        // "One civilian lost his life": one death, as "lost their lives" is.
        let lost_life = t.is("life")
            && k >= 2
            && tokens[k - 1].is_any(&["his", "her"])
            && tokens[k - 2].is_any(LOST);
        if let Some(kind) = kind_of(t).or(lost_life.then_some(CasualtyType::Killed)) {
            // "died of their wounds" is a death.
            let kind = if t.is("wounds") {
                if k > 0 && tokens[..k].iter().rev().take(4).any(|x| x.is("died")) {
                    break;
                } else {
                    kind
                }
            } else {
                kind
            };
            if joint_kinds(tokens, k, kind) {
                return None;
            }
            // "At least ten people were killed and 20 wounded": the second figure's verb is
            // left out, and "at least" with it.
            let elided = k == q.end
                && q.start > 0
                && tokens[q.start - 1].is("and")
                && before.last().is_some_and(|p| {
                    p.verb + 1 < q.start
                        && p.verb > p.end
                        && !tokens[p.verb + 1..q.start - 1]
                            .iter()
                            .any(|t| clause_stop(t) || kind_of(t).is_some())
                        && covered_max(p.quantity_rule, q.rule, q.max).is_none()
                });
            return Some(Casualty {
                max: if elided { None } else { q.max },
                ..Casualty::of_figure(q, mentions, k, kind, k, "figure-before-casualty-word")
            });
        }
        k += 1;
    }
    // "At least 19 people, including four Syrians and six Iraqis, were killed": the next
    // figure of the list is a part of the same whole.
    if q.start > 0 && tokens[q.start - 1].is("and") && in_including_list(tokens, q.start) {
        if let Some((w, whole)) = before
            .last()
            .filter(|c| c.rule == "including-part-of-figure")
            .and_then(|c| c.part_of)
            .map(|w| (w, &before[w]))
        {
            return Some(Casualty {
                part_of: Some(w),
                ..Casualty::of_figure(
                    q,
                    mentions,
                    group_end(tokens, q.end),
                    whole.casualty_type,
                    whole.verb,
                    "including-part-of-figure",
                )
            });
        }
    }
    // A part of the figure before it in the sentence, of its type.
    if including {
        if let Some((i, whole)) = before.iter().enumerate().next_back() {
            let gend = (q.end..tokens.len())
                .find(|&j| clause_stop(&tokens[j]) || tokens[j].is("."))
                .unwrap_or(tokens.len());
            return Some(Casualty {
                part_of: Some(i),
                ..Casualty::of_figure(
                    q,
                    mentions,
                    gend,
                    whole.casualty_type,
                    whole.verb,
                    "including-part-of-figure",
                )
            });
        }
    }
    // "left 91 persons dead: 37 civilians, …, and 61 members of …": the figures after the
    // colon break the figure before it down.
    if let Some(colon) = (0..q.start).rev().find(|&j| tokens[j].is(":")) {
        if let Some((i, whole)) = before
            .iter()
            .enumerate()
            .rfind(|(_, c)| c.end <= colon && c.verb < colon && c.part_of.is_none())
        {
            if !tokens[colon + 1..q.start]
                .iter()
                .any(|t| kind_of(t).is_some() || t.is(".") || clause_stop(t) && !t.is(","))
            {
                let gend = group_end(tokens, q.end);
                return Some(Casualty {
                    part_of: Some(i),
                    ..Casualty::of_figure(
                        q,
                        mentions,
                        gend,
                        whole.casualty_type,
                        whole.verb,
                        "colon-breakdown-part-of-figure",
                    )
                });
            }
        }
    }
    if let Some(c) = toll_risen_to(tokens, mentions, q) {
        return Some(c);
    }
    // "Hizbullah lost 10 fighters in Qusayr", "the armed group has now lost a total of almost
    // 110 fighters": a force that loses its fighters loses them dead.
    let lost_at = if q.start > 0 && tokens[q.start - 1].is_any(LOST) {
        Some(q.start - 1)
    } else if q.start >= 4 && words_at(tokens, q.start - 3, &["a", "total", "of"]) {
        Some(q.start - 4).filter(|&v| tokens[v].is_any(LOST))
    } else {
        None
    };
    if let Some(verb) = lost_at {
        if tokens.get(q.end).is_some_and(|t| {
            t.is_any(&[
                "fighters",
                "soldiers",
                "troops",
                "members",
                "men",
                "personnel",
                "servicemen",
                "militants",
                "officers",
            ])
        }) {
            let gend = group_end(tokens, q.end);
            return Some(Casualty::of_figure(
                q,
                mentions,
                gend,
                CasualtyType::Killed,
                verb,
                "lost-figure-of-fighters",
            ));
        }
    }
    // "the death toll among Islamic State fighters was as high as 41": the toll named, then
    // whose it is, then its figure, farther than the backward reach below.
    if q.start > 0 && tokens[q.start - 1].is_any(&["was", "is", "stood", "reached"]) {
        let toll = (q.start.saturating_sub(10)..q.start - 1)
            .rev()
            .take_while(|&j| tokens[j].kind != TokenKind::Punct && !other_harm(&tokens[j]))
            .find(|&j| tokens[j].is("toll") && j > 0 && tokens[j - 1].is("death"));
        if let Some(toll) = toll {
            let gend = group_end(tokens, q.end);
            return Some(Casualty::of_figure(
                q,
                mentions,
                gend,
                CasualtyType::Killed,
                toll,
                "death-toll",
            ));
        }
    }
    // Backward: "killed at least 11 pro-regime forces", "killing all 39 people on board",
    // "the death toll rose to 12"; not "1,200 people killed in Israel and 251 kidnapped",
    // whose figure has a harm of its own right after it.
    let own_harm = tokens.get(q.end).is_some_and(other_harm)
        || (tokens.get(q.end).is_some_and(|t| t.kind == TokenKind::Word)
            && tokens.get(q.end + 1).is_some_and(other_harm));
    let from = if own_harm {
        q.start
    } else {
        q.start.saturating_sub(5)
    };
    for k in (from..q.start).rev() {
        let t = &tokens[k];
        if t.kind == TokenKind::Punct && !including || other_harm(t) {
            break;
        }
        let toll = t.is("toll");
        // "The victims included 15 people foraging for truffles", "Among the victims were
        // four siblings", "The dead comprise 67 civilians": the dead.
        // "The dead also included 342 government security personnel"; "identified the dead
        // as two Turkish police gendarmes and two members of …".
        let also = k >= 2 && tokens[k - 1].is("also");
        let subject = k.checked_sub(if also { 2 } else { 1 });
        if k + 1 == q.start
            && t.is_any(&[
                "included",
                "include",
                "includes",
                "comprise",
                "comprised",
                "were",
                "as",
            ])
            && subject.is_some_and(|j| tokens[j].is_any(&["victims", "dead"]))
            && (t.is("were") == (k > 2 && tokens[k - 3].is("among")))
        {
            let gend = group_end(tokens, q.end);
            let (verb, rule) = if t.is("as") {
                (k - 1, "dead-identified-as-figure")
            } else {
                (k, "victims-included-figure")
            };
            return Some(Casualty::of_figure(
                q,
                mentions,
                gend,
                CasualtyType::Killed,
                verb,
                rule,
            ));
        }
        // "resulting in the death of at least 6 Syrian troops", "the killing of more than 100",
        // "the explosion claimed the lives of five civilians".
        let lives_taken = k >= 3
            && tokens[k - 1].is("lives")
            && tokens[k - 3..k - 1].iter().any(|v| {
                v.is_any(&[
                    "claimed", "claiming", "took", "taking", "cost", "costing", "claims", "takes",
                ])
            });
        // "in addition to the injury of dozens", "the wounding of 12 others": the wounded.
        let harm_of = if k + 1 != q.start || !t.is("of") {
            None
        } else if lives_taken
            || (k > 0 && tokens[k - 1].is_any(&["death", "deaths", "killing", "killings"]))
        {
            Some((CasualtyType::Killed, "death-of-figure"))
        } else if k > 1
            && tokens[k - 1].is_any(&["injury", "injuries", "injuring", "wounding"])
            && tokens[k - 2].is("the")
        {
            Some((CasualtyType::Wounded, "injury-of-figure"))
        } else {
            None
        };
        if let Some((kind, rule)) = harm_of {
            let gend = group_end(tokens, q.end);
            return Some(Casualty::of_figure(q, mentions, gend, kind, k - 1, rule));
        }
        // "Among the dead and wounded were two men": both kinds named together give neither.
        if k >= 2 && kind_of(&tokens[k - 2]).is_some_and(|o| joint_kinds(tokens, k - 2, o)) {
            return None;
        }
        if (transitive(t) && !passive(tokens, k)) || toll {
            let kind = if toll {
                CasualtyType::Killed
            } else {
                kind_of(t)?
            };
            if t.is_any(&["left", "leaving", "claimed", "claiming"])
                && !tokens
                    .get(q.end..)
                    .is_some_and(|r| r.iter().take(4).any(|x| kind_of(x).is_some()))
            {
                return None;
            }
            let gend = group_end(tokens, q.end);
            return Some(Casualty::of_figure(
                q,
                mentions,
                gend,
                kind,
                k,
                if toll {
                    "death-toll"
                } else {
                    "casualty-verb-before-figure"
                },
            ));
        }
    }
    // "three soldiers were killed in the strike, and seven members of militias …": a figure
    // after "and" with no verb of its own shares the passive verb of the figure before it.
    if q.start >= 2 && tokens[q.start - 1].is("and") {
        if let Some(prev) = before.last().filter(|p| {
            p.verb > p.end
                && q.start > p.verb
                && q.start - p.verb <= 8
                && !tokens[p.verb + 1..q.start - 1]
                    .iter()
                    .any(|t| kind_of(t).is_some() || clause_stop(t) && !t.is(","))
        }) {
            // Nothing of a verb of its own before a relative clause ("who were not Syrian").
            let own_verb = tokens[q.end..]
                .iter()
                .take_while(|t| !t.is_any(&["who", "which", "that", ".", ";"]))
                .any(|t| {
                    t.is_any(&["were", "was", "are", "is", "had", "have", "has"]) || other_harm(t)
                });
            if !own_verb {
                let gend = group_end(tokens, q.end);
                return Some(Casualty::of_figure(
                    q,
                    mentions,
                    gend,
                    prev.casualty_type,
                    prev.verb,
                    "coordinated-with-passive-figure-before",
                ));
            }
        }
    }
    None
}

const RISING: &[&str] = &[
    "risen",
    "rose",
    "rises",
    "rising",
    "climbed",
    "climbs",
    "increased",
    "jumped",
    "raise",
    "raises",
    "raised",
    "raising",
    "bring",
    "brings",
    "brought",
    "bringing",
    "mounted",
];

/// A toll said to have grown to the figure, however far the toll word is ("the death toll from
/// a sectarian attack … in the town of Adra had risen to 28", "the number of people killed by
/// barrel bombs … has risen to more than 70", "raise the number of Russian military reported
/// killed in Syria to 26", "brings to 76 the number of Syrian troops … killed"). The kind is
/// the first word of killing or wounding after the toll word, else killed ("death toll").
fn toll_risen_to(tokens: &[Token], mentions: &[Mention], q: &Quantity) -> Option<Casualty> {
    if q.start < 2 || !tokens[q.start - 1].is("to") {
        return None;
    }
    let is_toll = |j: usize| {
        tokens[j].is("toll")
            || tokens[j].is("number") && tokens.get(j + 1).is_some_and(|n| n.is("of"))
    };
    let kind_after = |from: usize, to: usize| {
        tokens[from..to]
            .iter()
            .find_map(kind_of)
            .unwrap_or(CasualtyType::Killed)
    };
    // "brings to 76 the number of …": the toll after the figure.
    if tokens[q.start - 2].is_any(RISING) {
        let the = q.end;
        if tokens.get(the).is_some_and(|t| t.is("the"))
            && (the + 1..(the + 3).min(tokens.len())).any(is_toll)
        {
            let end = (the + 14).min(tokens.len());
            let stop = (the..end)
                .find(|&j| tokens[j].is(".") || tokens[j].is(";"))
                .unwrap_or(end);
            if tokens[the..stop].iter().any(|t| kind_of(t).is_some()) {
                let kind = kind_after(the, stop);
                return Some(Casualty::of_figure(
                    q,
                    mentions,
                    q.end,
                    kind,
                    q.start - 2,
                    "toll-brought-to-figure",
                ));
            }
        }
    }
    // "the toll … had risen to 28", "raise the number of … killed … to 26": a rising verb
    // and a toll word in the stretch before the figure.
    let from = (q.start.saturating_sub(30)..q.start - 1)
        .rev()
        .find(|&j| tokens[j].is(".") || tokens[j].is(";"))
        .map_or(q.start.saturating_sub(30), |j| j + 1);
    (from..q.start - 1).find(|&j| tokens[j].is_any(RISING))?;
    let toll = (from..q.start - 1).find(|&j| is_toll(j))?;
    let kind = if tokens[toll].is("toll") {
        // "the death toll", "the toll": deaths, unless its words say the wounded.
        if toll > 0 && tokens[toll - 1].is("death") {
            CasualtyType::Killed
        } else {
            kind_after(toll, q.start)
        }
    } else if tokens[toll..q.start].iter().any(|t| kind_of(t).is_some()) {
        kind_after(toll, q.start)
    } else {
        // "the number of refugees rose to 5,000": no casualties.
        return None;
    };
    Some(Casualty::of_figure(
        q,
        mentions,
        q.end,
        kind,
        toll,
        "toll-risen-to-figure",
    ))
}

/// A word of a noun phrase that names people: no auxiliary, no verb of harm.
fn np_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && !t.is_any(AUXILIARIES) && kind_of(t).is_none() && !transitive(t)
}

/// "a young girl and a lady were killed": at `i` ("a"), a noun phrase of plain words, "and",
/// a second one opened by "a"/"an", then "were" and a passive verb of harm, or "died". The
/// "and", the "were" (or "died") and the verb.
fn two_singulars(tokens: &[Token], i: usize) -> Option<(usize, usize, usize)> {
    let plain = |k: usize| {
        np_word(&tokens[k]) && !tokens[k].is_any(&["and", "or", "of", "who", "that", "which"])
    };
    let end = |from: usize| {
        (from..(from + 4).min(tokens.len()))
            .take_while(|&k| plain(k))
            .last()
            .map(|k| k + 1)
    };
    let and = end(i + 1)?;
    if !tokens.get(and).is_some_and(|t| t.is("and"))
        || !tokens.get(and + 1).is_some_and(|t| t.is_any(&["a", "an"]))
    {
        return None;
    }
    let were = end(and + 2)?;
    // "a policeman and a civilian died": the intransitive verb is their own, no "were".
    if tokens
        .get(were)
        .is_some_and(|t| t.is_any(&["died", "perished"]))
    {
        return Some((and, were, were));
    }
    if !tokens.get(were).is_some_and(|t| t.is("were")) {
        return None;
    }
    let v = (were + 1..(were + 3).min(tokens.len()))
        .find(|&k| !tokens[k].is_any(BEFORE_THE_VERB) && !tokens[k].is("all"))?;
    kind_of(&tokens[v]).is_some().then_some((and, were, v))
}

/// Adverbs between "was" and a verb of killing or wounding ("was also reportedly killed",
/// "was seriously wounded").
const BEFORE_THE_VERB: &[&str] = &[
    "also",
    "reportedly",
    "later",
    "then",
    "badly",
    "seriously",
    "fatally",
];

/// Nouns of one person's role ("the pilot", "the bodyguard").
const PERSON_NOUNS: &[&str] = &[
    "pilot",
    "co-pilot",
    "driver",
    "bodyguard",
    "commander",
    "officer",
    "soldier",
    "journalist",
    "photographer",
    "cameraman",
    "reporter",
    "doctor",
    "nurse",
    "mayor",
    "governor",
    "colonel",
    "brigadier",
    "lieutenant",
    "spokesman",
    "imam",
    "priest",
    "boy",
    "girl",
    "woman",
    "man",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
];

/// "the pilot was killed", "The bodyguard was killed instantly": the one person the text
/// refers to, so exactly one (the group is that person, data/README.md "Vague quantities").
fn definite_person(tokens: &[Token], mentions: &[Mention], out: &mut Vec<Casualty>) {
    for i in 0..tokens.len() {
        if !tokens[i].is("the") || covered(out, i) {
            continue;
        }
        // Up to two modifiers, then the role noun, then "was".
        let Some(noun) = (i + 1..(i + 4).min(tokens.len()))
            .take_while(|&k| tokens[k].kind == TokenKind::Word && !tokens[k].is_any(AUXILIARIES))
            .find(|&k| tokens[k].is_any(PERSON_NOUNS))
        else {
            continue;
        };
        if !tokens.get(noun + 1).is_some_and(|t| t.is("was")) {
            continue;
        }
        let Some(v) =
            (noun + 2..(noun + 5).min(tokens.len())).find(|&k| kind_of(&tokens[k]).is_some())
        else {
            continue;
        };
        if !tokens[noun + 2..v]
            .iter()
            .all(|t| t.is_any(BEFORE_THE_VERB))
        {
            continue;
        }
        out.push(Casualty::one_person(
            mentions,
            (i, noun + 1),
            kind_of(&tokens[v]).expect("checked"),
            v,
            Some(1),
            "definite-person-was-killed",
        ));
    }
}

fn words_at(tokens: &[Token], i: usize, w: &[&str]) -> bool {
    w.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.is(w)))
}

/// "a major general was killed", "A local commander … was also reportedly killed": one person of
/// the group, so at least 1 of it (a minimum, no maximum).
fn singular(tokens: &[Token], mentions: &[Mention], qs: &[Quantity], out: &mut Vec<Casualty>) {
    for i in 0..tokens.len() {
        // "…, a pro-Assad militia, was" is an apposition, not a second person.
        if !tokens[i].is_any(&["a", "an", "another"])
            || qs.iter().any(|q| q.start <= i && i < q.end)
        {
            continue;
        }
        // "killing 25 people, including a White Helmets volunteer", "including a woman and a
        // child": one person, a part of the figure before it.
        let part_whole = if i > 0 && tokens[i - 1].is("including") {
            out.iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.end < i
                        && i - c.end <= 8
                        && tokens[i - 2].is(",")
                        && !tokens[c.end..i - 2]
                            .iter()
                            .any(|t| clause_stop(t) || t.is("."))
                })
                .max_by_key(|(_, c)| c.end)
                .map(|(w, _)| w)
        } else if i > 0 && tokens[i - 1].is_any(&["and", ","]) {
            // "including a woman and a child", "including a woman, a child and a man"; "six
            // people — five Iranians and a Syrian —".
            out.iter()
                .find(|c| {
                    (c.end == i - 1 && c.rule == "including-one-person")
                        || (c.rule == "apposition-part-of-figure"
                            && c.group_words.map_or(c.end, |(_, e)| e) == i - 1)
                })
                .and_then(|c| c.part_of)
        } else {
            None
        };
        if let Some(w) = part_whole {
            let np_end = (i + 1..(i + 5).min(tokens.len()))
                .find(|&k| {
                    tokens[k].kind != TokenKind::Word
                        || tokens[k].is_any(&["in", "on", "near", "at", "and", "of", "from", "who"])
                })
                .unwrap_or(tokens.len().min(i + 5));
            if np_end > i + 1 && !covered(out, i) {
                let whole = out[w].clone();
                out.push(Casualty {
                    part_of: Some(w),
                    ..Casualty::one_person(
                        mentions,
                        (i, np_end),
                        whole.casualty_type,
                        whole.verb,
                        None,
                        "including-one-person",
                    )
                });
            }
            continue;
        }
        // "a lieutenant colonel and two soldiers died": one person joined to a figure whose
        // verb comes after it.
        let np_and = (i + 1..(i + 6).min(tokens.len()))
            .take_while(|&k| np_word(&tokens[k]))
            .find(|&k| tokens[k].is("and"));
        if let Some(and) = np_and.filter(|&a| a > i + 1) {
            if let Some(next) = out
                .iter()
                .find(|c| c.start == and + 1 && c.verb > c.end && c.part_of.is_none())
                .cloned()
            {
                if !covered(out, i) {
                    out.push(Casualty::one_person(
                        mentions,
                        (i, and),
                        next.casualty_type,
                        next.verb,
                        None,
                        "indefinite-singular-and-figure",
                    ));
                }
                continue;
            }
        }
        // "took the life of a woman": one person killed.
        let life_of = i >= 3
            && tokens[i - 1].is("of")
            && tokens[i - 2].is("life")
            && tokens[i - 3].is("the")
            && i >= 4
            && tokens[i - 4].is_any(&["took", "claimed", "cost", "taking", "claiming", "costing"]);
        if life_of && !covered(out, i) {
            let np_end = (i + 1..(i + 5).min(tokens.len()))
                .find(|&k| {
                    tokens[k].kind != TokenKind::Word
                        || tokens[k].is_any(&["in", "on", "near", "at", "and", "of", "from"])
                })
                .unwrap_or(tokens.len().min(i + 5));
            out.push(Casualty::one_person(
                mentions,
                (i, np_end),
                CasualtyType::Killed,
                i - 4,
                None,
                "life-of-indefinite-singular",
            ));
            continue;
        }
        // "killed a child", "killing a woman": one person, the verb's object.
        if i > 0
            && transitive(&tokens[i - 1])
            && !tokens[i - 1].is_any(&["left", "leaving", "claimed", "claiming"])
        {
            let np_end = (i + 1..(i + 5).min(tokens.len()))
                .find(|&k| {
                    tokens[k].kind != TokenKind::Word
                        || tokens[k].is_any(&[
                            "in", "on", "near", "at", "and", "of", "from", "during", "when", "as",
                        ])
                })
                .unwrap_or(tokens.len().min(i + 5));
            let counted = tokens.get(i + 1).is_some_and(|t| {
                t.is_any(&[
                    "total", "number", "few", "dozen", "handful", "series", "further", "hundred",
                    "thousand", "score", "wave", "string",
                ])
            });
            if np_end > i + 1 && !counted && !covered(out, i) {
                if let Some(kind) = kind_of(&tokens[i - 1]) {
                    out.push(Casualty::one_person(
                        mentions,
                        (i, np_end),
                        kind,
                        i - 1,
                        // One person of the group, not the group's toll: no maximum
                        // (data/README.md, "Vague quantities").
                        None,
                        "verb-then-indefinite-singular",
                    ));
                }
            }
            continue;
        }
        // "a young girl and a lady were killed": two people, one each, the verb theirs.
        if let Some((and, were, v)) = two_singulars(tokens, i) {
            if !covered(out, i) {
                let kind = kind_of(&tokens[v]).expect("checked");
                for np in [(i, and), (and + 1, were)] {
                    out.push(Casualty::one_person(
                        mentions,
                        np,
                        kind,
                        v,
                        None,
                        "two-indefinite-singulars-were-harmed",
                    ));
                }
            }
            continue;
        }
        // The noun phrase runs to "was"; nothing in it may be a figure or another verb.
        let Some(was) = (i + 1..(i + 16).min(tokens.len()))
            .find(|&k| tokens[k].is_any(&["was", "has", "had", "is"]))
        else {
            continue;
        };
        // "Firas al-Naasan, who was leading a local group working for …, was killed": the one
        // in the relative clause is not the one the verb is about.
        let in_relative_clause = tokens[was - 1].is(",")
            && (0..i)
                .rev()
                .take_while(|&j| !tokens[j].is(","))
                .any(|j| tokens[j].is_any(&["who", "which", "whose"]));
        // "…, a pro-Assad militia, was" is an apposition, not a second person.
        if was == i + 1
            || in_relative_clause
            || (tokens[was - 1].is(",") && i > 0 && tokens[i - 1].is(","))
            || tokens[i + 1..was].iter().any(|t| {
                t.is_any(&[
                    "and", "were", "said", "told", "that", "who", "which", "when",
                ]) || t.kind == TokenKind::Number
            })
            // "As a result of the clash, one Syrian soldier was killed": the figure is "one".
            || qs.iter().any(|q| q.start > i && q.start < was)
        {
            continue;
        }
        let Some(v) =
            (was + 1..(was + 5).min(tokens.len())).find(|&k| kind_of(&tokens[k]).is_some())
        else {
            continue;
        };
        // "An explosion in Syria has killed an official": the subject of an active verb is
        // the killer, not the victim ("has died", "has been killed" are the victim's).
        if tokens[was].is_any(&["has", "had", "is"])
            && transitive(&tokens[v])
            && !tokens[was + 1..v].iter().any(|t| t.is("been"))
        {
            continue;
        }
        // "a police colonel was among the dead": one of them, as "was killed" says.
        let among = v == was + 3
            && tokens[was].is("was")
            && tokens[was + 1].is("among")
            && tokens[was + 2].is_any(&["the", "those"]);
        if !among
            && !tokens[was + 1..v].iter().all(|t| {
                t.is_any(BEFORE_THE_VERB) || t.is_any(&["been", "allegedly", "apparently"])
            })
        {
            continue;
        }
        // The noun phrase up to a comma is the one person ("A local commander of …, a militia, was").
        let np_end = (i + 1..was).find(|&k| tokens[k].is(",")).unwrap_or(was);
        if covered(out, i) {
            continue;
        }
        let kind = kind_of(&tokens[v]).expect("checked");
        let first_np_end = (i + 1..np_end)
            .find(|&k| tokens[k].is_any(&["of", "from", "in", "with"]))
            .unwrap_or(np_end);
        out.push(Casualty {
            end: first_np_end,
            ..Casualty::one_person(
                mentions,
                (i, np_end),
                kind,
                v,
                None,
                "indefinite-singular-was-killed",
            )
        });
    }
}

/// "Major General Vyacheslav Gladkikh was killed": one named person.
fn named_person(
    tokens: &[Token],
    mentions: &[Mention],
    persons: &std::collections::HashSet<String>,
    out: &mut Vec<Casualty>,
) {
    for m in mentions {
        let Some(actor) = m.actor().filter(|a| persons.contains(*a)) else {
            continue;
        };
        let mut k = m.end;
        if tokens.get(k).is_some_and(|t| t.is_any(&["was", "has"])) {
            k += 1;
            while tokens
                .get(k)
                .is_some_and(|t| t.is_any(&["also", "reportedly", "been", "later"]))
            {
                k += 1;
            }
        }
        let Some(kind) = tokens.get(k).and_then(kind_of) else {
            continue;
        };
        if k == m.end && !tokens[k].is("died") {
            continue;
        }
        if out.iter().any(|c| c.start < m.end && m.start < c.end) {
            continue;
        }
        out.push(Casualty {
            group: Some(actor.to_string()),
            ..Casualty::one_person(
                mentions,
                (m.start, m.end),
                kind,
                k,
                Some(1),
                "named-person-was-killed",
            )
        });
    }
}

/// "Nader al-Mafaalani was killed by unknown gunmen", "Aida Ibrahim al-Hoshan, a woman
/// residing in the town of Mahja, was shot and killed", "Ahmed Mahmoud al-Jaouni lost his
/// life": a person's name no lexicon knows (two to five capitalised words, "al-" names
/// included) opening the sentence or a clause, and a verb of their death or wounding. One
/// person, who is the group: exactly one.
fn unknown_named_person(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    out: &mut Vec<Casualty>,
) {
    let name_word = |t: &Token| {
        t.kind == TokenKind::Word
            && (t.capitalised(text)
                || ["al-", "el-", "abu", "bin", "ibn", "abdel"]
                    .iter()
                    .any(|p| t.norm.starts_with(p)))
    };
    // "Unidentified gunmen assassinated Mohammad Maher Al-Rifai, a former officer": the name
    // as the object of an active verb of killing.
    let object_of = |i: usize| {
        i > 0
            && tokens[i - 1].is_any(&[
                "assassinated",
                "assassinating",
                "killed",
                "killing",
                "executed",
                "executing",
                "beheaded",
                "beheading",
                "murdered",
                "murdering",
            ])
            && !passive(tokens, i - 1)
    };
    let mut i = 0;
    while i < tokens.len() {
        let opens = i == 0 || tokens[i - 1].is_any(&[",", "\"", ":"]) || object_of(i);
        if !opens || !tokens[i].capitalised(text) || !name_word(&tokens[i]) {
            i += 1;
            continue;
        }
        let end = (i..tokens.len())
            .take_while(|&j| name_word(&tokens[j]))
            .last()
            .map_or(i, |j| j + 1);
        let n = end - i;
        let known = mentions.iter().any(|m| m.start < end && m.end > i);
        if !(2..=5).contains(&n) || known || out.iter().any(|c| c.start < end && i < c.end) {
            i = end.max(i + 1);
            continue;
        }
        // The object ends its clause or opens an apposition: no noun of a group after it
        // ("killed Free Syrian Army fighters" is no one named), nor a day ("killed Monday").
        if object_of(i) {
            let ends = tokens.get(end).is_none_or(|t| {
                t.kind == TokenKind::Punct
                    || t.is_any(&[
                        "in", "on", "near", "at", "and", "while", "after", "during", "with", "by",
                        "from", "outside", "inside", "last", "this", "early", "late",
                    ])
            });
            if ends
                && !tokens[i..end]
                    .iter()
                    .any(|t| t.is_weekday() || t.is_month())
            {
                out.push(Casualty {
                    group: None,
                    ..Casualty::one_person(
                        mentions,
                        (i, end),
                        CasualtyType::Killed,
                        i - 1,
                        Some(1),
                        "named-person-object-of-killing",
                    )
                });
            }
            i = end;
            continue;
        }
        // An apposition after the name: ", a woman residing in the town of Mahja,"; a relative
        // clause: ", who was leading a local group,".
        let mut k = end;
        if tokens.get(k).is_some_and(|t| t.is(",")) {
            let relative = tokens.get(k + 1).is_some_and(|t| t.is("who"));
            let reach = if relative { 25 } else { 15 };
            if let Some(close) = (k + 1..(k + reach).min(tokens.len())).find(|&j| tokens[j].is(","))
            {
                if !tokens[k + 1..close]
                    .iter()
                    .any(|t| (t.is_any(AUXILIARIES) && !relative) || kind_of(t).is_some())
                {
                    k = close + 1;
                }
            }
        }
        let at = |j: usize, w: &str| tokens.get(j).is_some_and(|t| t.is(w));
        let verb = if at(k, "died") {
            Some((k, CasualtyType::Killed))
        } else if at(k, "lost") && tokens.get(k + 2).is_some_and(|t| t.is("life")) {
            Some((k + 2, CasualtyType::Killed))
        } else if at(k, "was") {
            let mut v = k + 1;
            while tokens.get(v).is_some_and(|t| t.is_any(BEFORE_THE_VERB)) {
                v += 1;
            }
            // "was shot dead", "was shot to death", "was fatally shot", "was shot and killed".
            let shot_dead = at(v, "shot")
                && (at(v + 1, "dead")
                    || (at(v + 1, "to") && at(v + 2, "death"))
                    || tokens[v - 1].is("fatally"));
            if shot_dead {
                Some((v, CasualtyType::Killed))
            } else if at(v, "shot") && at(v + 1, "and") {
                tokens
                    .get(v + 2)
                    .and_then(kind_of)
                    .map(|kind| (v + 2, kind))
            } else {
                tokens.get(v).and_then(kind_of).map(|kind| (v, kind))
            }
        } else {
            None
        };
        if let Some((v, kind)) = verb {
            out.push(Casualty {
                group: None,
                ..Casualty::one_person(
                    mentions,
                    (i, end),
                    kind,
                    v,
                    Some(1),
                    "unknown-named-person-was-killed",
                )
            });
        }
        i = end;
    }
}

/// Where the group after a figure ends: at the end of its clause, or at the first word that
/// starts a place, a time or another clause ("… five civilians in Idlib", "… and injuring").
fn group_end(tokens: &[Token], from: usize) -> usize {
    (from..tokens.len())
        .find(|&j| {
            clause_stop(&tokens[j])
                || tokens[j].is_any(&[
                    "in", "on", "near", "at", "and", "during", "since", ".", "when", "who",
                    "after", "as", "while",
                ])
        })
        .unwrap_or(tokens.len())
}
