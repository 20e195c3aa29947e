//! Who says a sentence's facts: the claimant ("according to X", "X said", "said X", "X told
//! AFP", "X reported"), a relay between the claimant and the publisher ("the ministry
//! confirmed …, Al-Monitor reported"; "told Al-Monitor"), the person voicing it ("said
//! Observatory head Rami Abdel Rahman"), and the hedge ("reportedly", "could have").
//!
//! Pronouns and definite descriptions ("he", "it", "the source") are the current speaker,
//! which the caller carries from sentence to sentence. Nothing is guessed: a sentence with no
//! cue has no attribution here; the caller decides (the publisher's own statement, marked for
//! review).

use super::lexicon::{Lexicon, Mention};
use super::text::{Token, TokenKind};
use crate::vocab::{Hedge, SourceType};

/// Who a claim is from.
#[derive(Debug, Clone, PartialEq)]
pub enum Claimant {
    /// A curated source.
    Known(String),
    /// Not in the curated sources: the words of the text naming it, and a guessed type.
    New {
        words: String,
        source_type: SourceType,
        actor: Option<String>,
    },
}

/// An attribution found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Attribution {
    pub claimant: Claimant,
    pub relay: Option<Claimant>,
    /// A person (actor id) speaking for the claimant.
    pub voiced_by: Option<String>,
    pub rule: &'static str,
    pub confidence: f32,
}

const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "confirmed",
    "confirms",
    "announced",
    "announces",
    "stated",
    "states",
    "added",
    "acknowledged",
    "acknowledges",
    "quoted",
    "wrote",
    "tweeted",
    "estimated",
    "estimates",
    "documented",
    "documents",
    "saying",
    "stating",
    "suggest",
    "suggests",
    "suggested",
    "maintained",
    "maintains",
    "insisted",
    "insists",
    "revealed",
    "reveals",
    "disclosed",
    "discloses",
    "informed",
    "informs",
    // "Islamist sources mention more than forty dead".
    "mention",
    "mentions",
    "mentioned",
    // "the United Nations denounced the killing of four aid workers": who condemns a toll
    // gives it.
    "denounced",
    "condemned",
    "deplored",
    // "Syrian state media on Wednesday accused Israel of carrying out an air strike … that
    // killed two Syrian soldiers": who accuses gives the toll.
    "accused",
    "accuses",
];

/// Verbs whose hearer follows "to" ("revealed to Al Jazeera", "confirmed to AFP"): that
/// outlet is a relay, as the one after "told" is.
const TO_VERBS: &[&str] = &["revealed", "disclosed", "confirmed", "explained"];

/// Words after a speaker's possessive that name where it spoke, not another speaker ("the
/// ministry's Twitter account", "the group's statement").
const CHANNELS: &[&str] = &[
    "twitter",
    "telegram",
    "facebook",
    "official",
    "account",
    "channel",
    "website",
    "statement",
    "page",
    "social",
    "media",
    "site",
];
/// Words after a speaker's name (no possessive) that name what it issued, not another speaker
/// ("a Hashd al-Shaabi press release", "an SDF statement").
const RELEASES: &[&str] = &[
    "statement",
    "press",
    "release",
    "report",
    "communique",
    "announcement",
];
const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "the source",
    "the monitor",
    "the ministry",
    "the official",
    "the group",
    "the observatory",
    "the news agency",
    "the state news agency",
    "the agency",
    "the war monitor",
    "the monitoring group",
    "the report",
    "the statement",
    // "The collective said at least 10 fighters were killed" (Deir ez-Zor 24, named before).
    "the collective",
    "the outlet",
    "the network",
    // "“A number of smugglers were killed …,” its statement said": the current speaker's
    // (the subject rule drops "statement" with the time words before a verb).
    "its",
    "their",
    "his",
    "her",
];

/// The hedge of a sentence's statements, if its words give one, with the rule.
pub(super) fn hedge(tokens: &[Token]) -> Option<(Hedge, &'static str)> {
    for (i, t) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).map_or("", |n| n.norm.as_str());
        let h = match t.norm.as_str() {
            "reportedly" => Some((Hedge::Reportedly, "hedge-reportedly")),
            "purportedly" | "purporting" | "purported" => {
                Some((Hedge::Purportedly, "hedge-purportedly"))
            }
            // The scheme has no "allegedly" of its own: an allegation is a purported fact.
            "allegedly" => Some((Hedge::Purportedly, "hedge-allegedly")),
            "apparently" | "appeared" | "appears" => Some((Hedge::Apparently, "hedge-apparently")),
            "possibly" | "likely" | "probably" => Some((Hedge::Possibly, "hedge-possibly")),
            "could" | "may" | "might" if matches!(next, "have" | "be") => {
                Some((Hedge::Possibly, "hedge-modal"))
            }
            "estimate" | "estimated" | "estimates" => Some((Hedge::Estimated, "hedge-estimated")),
            _ => None,
        };
        if h.is_some() {
            return h;
        }
    }
    None
}

fn is_clause_break(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "," | ";" | ":" | "\"" | "(" | ")")
        || t.is_any(&[
            "that", "when", "while", "but", "although", "though", "after", "as", "which", "who",
        ])
}

fn is_time_word(t: &Token) -> bool {
    t.is_weekday()
        || t.is_any(&[
            "on",
            "today",
            "yesterday",
            "last",
            "this",
            "week",
            "month",
            "earlier",
            "later",
            "also",
            "previously",
            "recently",
            "separately",
            "again",
            "still",
            "has",
            "have",
            "had",
            "in",
            "a",
            "statement",
        ])
}

/// The sentence an attribution is read from: its text, its tokens, the lexicon's mentions
/// in it, and the lexicon. Every reader of a speaker takes it whole.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    lex: &'a Lexicon,
}

/// A party named by tokens `[a, b)`.
struct Party {
    start: usize,
    claimant: Option<Claimant>,
    voiced_by: Option<String>,
    pronoun: bool,
}

impl Party {
    /// A speaker no curated record or lexicon knows, by the text's `words`, of `source_type`.
    fn unknown(start: usize, words: String, source_type: SourceType) -> Party {
        Party {
            start,
            claimant: Some(Claimant::New {
                words,
                source_type,
                actor: None,
            }),
            voiced_by: None,
            pronoun: false,
        }
    }
}

fn party(s: Sentence<'_>, a: usize, b: usize) -> Option<Party> {
    let Sentence {
        text,
        tokens,
        mentions,
        lex,
    } = s;
    // "On May 25 United Nations ceasefire observers documented": the time before the subject
    // is not its name.
    let mut a = a;
    if tokens
        .get(a)
        .is_some_and(|t| t.is_any(&["on", "in", "at", "since", "by"]))
    {
        let mut j = a + 1;
        while j < b
            && (tokens[j].kind == TokenKind::Number
                || tokens[j].is_month()
                || tokens[j].is_weekday()
                || tokens[j].is_any(&["late", "early", "mid", ","]))
        {
            j += 1;
        }
        if j > a + 1 {
            a = j;
        }
    }
    // "a Hashd al-Shaabi press release", "an SDF statement": the one named before the words
    // of its channel.
    let mut named_end = b;
    while named_end > a + 1 && tokens[named_end - 1].is_any(RELEASES) {
        named_end -= 1;
    }
    let b = if named_end < b && mentions.iter().any(|m| m.start >= a && m.end == named_end) {
        named_end
    } else {
        b
    };
    if a >= b {
        return None;
    }
    let words: Vec<&Token> = tokens[a..b]
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .collect();
    if words.is_empty() {
        return None;
    }
    let phrase = words
        .iter()
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let named = mentions.iter().any(|m| {
        m.start >= a
            && m.end <= b
            && (m.source().is_some() || m.actor().is_some() || m.outlet().is_some())
    });
    // "the ministry's Twitter account": the ministry (the possessive is dropped by the
    // tokenizer; the channel words after it are not a speaker of their own).
    let speaker_words = {
        let mut n = words.len();
        while n > 2 && words[n - 1].is_any(CHANNELS) {
            n -= 1;
        }
        let possessive = n < words.len() && {
            let raw = words[n - 1].span.of(text);
            raw.ends_with("'s") || raw.ends_with("’s") || raw.ends_with(['\'', '’'])
        };
        if possessive {
            words[..n]
                .iter()
                .map(|t| t.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            phrase.clone()
        }
    };
    if PRONOUNS.contains(&speaker_words.as_str()) && !named {
        // "the state news agency reported": the current speaker; with none, the description's
        // own words ("he", "the statement" name no one by themselves).
        let described = speaker_words.starts_with("the ")
            && !matches!(speaker_words.as_str(), "the report" | "the statement");
        let claimant = described
            .then(|| guess_type(&speaker_words))
            .flatten()
            .map(|source_type| Claimant::New {
                words: text[tokens[a].span.start..tokens[b - 1].span.end]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
                source_type,
                actor: None,
            });
        return Some(Party {
            start: a,
            claimant,
            voiced_by: None,
            pronoun: true,
        });
    }
    let raw = text[tokens[a].span.start..tokens[b - 1].span.end]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    // A quotation mark whose pair the trimming took ("an anonymous "official source"): none.
    let quotes = |c: char| matches!(c, '"' | '“' | '”');
    let raw = if raw.chars().filter(|&c| quotes(c)).count() % 2 == 1 {
        raw.replace(quotes, "")
    } else {
        raw
    };
    let inside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.start >= a && m.end <= b)
        .collect();
    // Two parties credited together ("Moscow and a monitor"): one joint source.
    let joint = words.iter().any(|t| t.is("and"))
        && (inside.len() >= 2
            || (inside.len() == 1 && words.len() > inside[0].end - inside[0].start + 1));
    // "an officer and a doctor said": two kinds of speaker, neither curated.
    let two_kinds = || {
        let half = |w: &[&Token]| {
            guess_type(
                &w.iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .is_some()
        };
        words
            .iter()
            .position(|t| t.is("and"))
            .is_some_and(|and| and > 0 && half(&words[..and]) && half(&words[and + 1..]))
    };
    let joint = joint || (inside.is_empty() && words.len() <= 8 && two_kinds());
    if joint && !inside.iter().any(|m| m.end - m.start == words.len()) {
        return Some(Party {
            start: a,
            claimant: Some(Claimant::New {
                words: raw,
                source_type: SourceType::Joint,
                actor: None,
            }),
            voiced_by: None,
            pronoun: false,
        });
    }
    for m in &inside {
        if let Some(actor) = m.actor() {
            if let Some(source) = lex.speaks_for.get(actor) {
                return Some(Party {
                    start: a,
                    claimant: Some(Claimant::Known(source.clone())),
                    voiced_by: Some(actor.to_string()),
                    pronoun: false,
                });
            }
        }
    }
    for m in &inside {
        if let Some(source) = m.source() {
            return Some(Party {
                start: a,
                claimant: Some(Claimant::Known(source.to_string())),
                voiced_by: None,
                pronoun: false,
            });
        }
        if let Some(actor) = m.actor() {
            if let Some(source) = lex.source_of_actor.get(actor) {
                return Some(Party {
                    start: a,
                    claimant: Some(Claimant::Known(source.clone())),
                    voiced_by: None,
                    pronoun: false,
                });
            }
        }
    }
    // A well-known source the curated data lacks: proposed under its usual name (or the one
    // an earlier article of the run proposed).
    // "the official SANA news agency", "Syria's state news agency SANA"; not "United Nations
    // ceasefire observers", who are the speaker.
    let outlet = inside.iter().find_map(|m| {
        // "The White Helmet rescue team in western Aleppo": where it works is not its kind.
        let after_is_kind = tokens[m.end..b]
            .iter()
            .take_while(|t| !t.is_any(&["in", "at", "from"]))
            .all(|t| {
                t.kind == TokenKind::Punct
                    || t.is_any(&[
                        "news",
                        "agency",
                        "media",
                        "outlet",
                        "channel",
                        "tv",
                        "website",
                        "rescue",
                        "team",
                        "teams",
                        "volunteers",
                        // "according to a Reuters tally": its count is its claim.
                        "tally",
                        "count",
                        "figures",
                        "report",
                        "toll",
                    ])
            });
        m.outlet().filter(|_| after_is_kind)
    });
    if let Some((label, source_type)) = outlet {
        let claimant = outlet_claimant(lex, label, source_type);
        return Some(Party {
            start: a,
            claimant: Some(claimant),
            voiced_by: None,
            pronoun: false,
        });
    }
    // Only a noun phrase that names a kind of speaker becomes a new source, or a named actor
    // speaking for itself ("the Revolutionary Guards confirmed").
    let core = words.len() - usize::from(words[0].is_any(&["the", "a", "an"]));
    let actor = inside
        .iter()
        .find(|m| m.end - m.start == words.len() || m.end - m.start == core)
        .and_then(|m| m.actor())
        .map(str::to_string);
    let source_type = guess_type(&phrase).or(actor.as_ref().map(|_| SourceType::ArmedGroup))?;
    // A long name is a name when its words are ("the Russian Center for Reconciliation of the
    // Opposing Sides in Syria"), not a clause that happens to hold a kind of speaker.
    let title_case = words
        .iter()
        .all(|t| t.capitalised(text) || t.is_any(&["the", "of", "for", "in", "and"]));
    if raw.split_whitespace().count() > if title_case { 14 } else { 10 } {
        return None;
    }
    // An actor speaking for itself is named as the actor is ("the SDF said" → "Syrian
    // Democratic Forces"), so that one actor is one source whatever form the text uses.
    let raw = match actor.as_ref().and_then(|a| lex.actor_labels.get(a)) {
        Some(label) => label.clone(),
        None => raw,
    };
    Some(Party {
        start: a,
        claimant: Some(Claimant::New {
            words: raw,
            source_type,
            actor,
        }),
        voiced_by: None,
        pronoun: false,
    })
}

/// `"Reliable sources reported to the Observatory that 23 … were killed," the watchdog group
/// said`: a quotation that opens the sentence is its outer speaker's, whatever cues it holds
/// inside. The index of that speaker's cue, if earlier cues are all inside the quotation.
fn outer_speaker<T>(tokens: &[Token], cues: &[(usize, &'static str, Party, T)]) -> Option<usize> {
    if !tokens.first().is_some_and(|t| t.is("\"")) {
        return None;
    }
    let close = (1..tokens.len()).find(|&j| tokens[j].is("\""))?;
    let outer = cues.iter().position(|c| c.0 > close)?;
    let p = &cues[outer].2;
    (outer > 0 && (p.claimant.is_some() || p.pronoun)).then_some(outer)
}

/// A well-known source by its usual name: the source a curated record or an earlier article
/// of the run gave that name, else a new one of its own type.
pub(super) fn outlet_claimant(lex: &Lexicon, label: &str, source_type: SourceType) -> Claimant {
    match lex.source_labelled(label) {
        Some(id) => Claimant::Known(id.to_string()),
        None => Claimant::New {
            words: label.to_string(),
            source_type,
            actor: None,
        },
    }
}

/// The source type a describing phrase suggests ("a Syrian military source" → anonymous).
fn guess_type(phrase: &str) -> Option<SourceType> {
    let has = |w: &str| phrase.split(' ').any(|x| x == w);
    Some(if has("source") || has("sources") {
        SourceType::Anonymous
    } else if has("ministry")
        || has("government")
        || has("governor")
        || has("authorities")
        || has("authority")
        || has("presidency")
        || has("administration")
    {
        SourceType::Government
    } else if has("army")
        || has("military")
        || has("command")
        || has("spokesman")
        || has("spokesperson")
        || has("forces")
        || has("guards")
        || has("guard")
        || has("police")
        || has("officer")
        || has("officers")
    {
        SourceType::Military
    } else if has("official")
        || has("officials")
        || has("minister")
        || has("commander")
        || has("commanders")
        || has("mayor")
        || has("president")
        || has("director")
        || has("head")
        || has("chief")
        || has("observers")
        || has("envoy")
        || has("ambassador")
        || has("councilman")
        || has("councilmen")
        || has("councillor")
        || has("councilor")
        || has("council")
        || has("lawmaker")
        || has("lawmakers")
        || has("legislator")
        // "the city administrator said" (War in Context quoting Rudaw, 29 Nov 2014).
        || has("administrator")
        || has("administrators")
        || has("chairman")
        || has("deputy")
        || has("representative")
        || has("representatives")
        || has("prosecutor")
        || has("spokeswoman")
    {
        SourceType::Official
    } else if (has("press") || has("media")) && (has("center") || has("centre") || has("office")) {
        // "the SDF Press Center wrote": a party's press office, no monitor.
        SourceType::Official
    } else if has("monitor")
        || has("monitors")
        || has("monitoring")
        || has("observatory")
        || has("watchdog")
        || has("centre")
        || has("center")
        || has("institute")
        || has("ngo")
        || has("ngos")
        || has("group") && (has("rights") || has("activist") || has("monitoring"))
    {
        SourceType::Monitor
    } else if has("reports") || has("report") {
        SourceType::Anonymous
    } else if has("newspaper") || has("daily") {
        SourceType::Newspaper
    } else if has("agency")
        // "Iran's PressTV reported", "AlalamTV": a channel by its name.
        || phrase.split(' ').any(|w| w.len() > 3 && w.ends_with("tv"))
        // "The New Arab's Arabic-language sister service, Al-Araby Al-Jadeed, reported".
        || has("service") && (has("sister") || has("news"))
        || has("outlet")
        || has("news")
        || has("media")
        || has("tv")
        || has("television")
        || has("channel")
        || has("station")
        || has("fm")
    {
        SourceType::NewsAgency
    } else if has("residents")
        || has("resident")
        || has("locals")
        || has("witnesses")
        || has("witness")
        || has("eyewitnesses")
        || has("eyewitness")
        || has("activists")
        || has("activist")
        || has("opponents")
        // "Zouhir al-Shimale, a local journalist, told Al Jazeera": a witness on the ground.
        || has("journalist")
        || has("journalists")
        // "Al-Mayadeen correspondent reported".
        || has("correspondent")
        || has("correspondents")
    {
        SourceType::LocalResidents
    } else if has("medics")
        || has("doctors")
        || has("doctor")
        || has("nurse")
        || has("paramedics")
        || has("hospital")
        || has("medical")
        || has("rescuers")
        || has("rescue")
        // "local aid organization the Kurdish Red Crescent".
        || has("aid")
        || has("crescent")
    {
        SourceType::Official
    } else {
        return None;
    })
}

/// "Essam Al-Amin, head of the Al-Mowasat Hospital in Damascus, told …": a name (capitalised
/// words) followed by descriptions between commas, right before the verb at `k`. The name is
/// the claimant; the description gives its type.
fn appositive_subject(s: Sentence<'_>, k: usize) -> Option<Party> {
    let Sentence {
        text,
        tokens,
        mentions,
        ..
    } = s;
    // "The Aleppo Media Center, an activist collective …, also said": the adverb is skipped.
    let k = if k > 1 && tokens[k - 1].is("also") {
        k - 1
    } else {
        k
    };
    if k == 0 || !tokens[k - 1].is(",") {
        return None;
    }
    let mut close = k - 1;
    let mut description = String::new();
    for _ in 0..3 {
        // The segment before the comma at `close` (a parenthesis in it is skipped whole).
        let mut j = close;
        let open = loop {
            if j == 0 {
                return None;
            }
            j -= 1;
            if tokens[j].is(")") {
                j = (0..j).rev().find(|&o| tokens[o].is("("))?;
                continue;
            }
            if tokens[j].is(",") {
                break j;
            }
            if tokens[j].is(".") || tokens[j].is(";") {
                return None;
            }
        };
        // A parenthesis inside ("(division of the Russian defense ministry)") is not counted.
        let parenthesised: usize = {
            let mut n = 0;
            let mut depth = 0;
            for t in &tokens[open + 1..close] {
                if t.is("(") {
                    depth += 1;
                }
                if depth > 0 {
                    n += 1;
                }
                if t.is(")") {
                    depth -= 1;
                }
            }
            n
        };
        if close - open - parenthesised > 16 {
            return None;
        }
        let segment = &tokens[open + 1..close];
        // "An opposition war monitor, the Syrian Observatory for Human Rights, said": the
        // segment is itself the name.
        let names_segment = |m: &&Mention| {
            m.start > open
                && m.end <= close
                && (m.source().is_some() || m.outlet().is_some())
                && (close - open - 1) - (m.end - m.start) <= 1
        };
        if mentions.iter().any(|m| names_segment(&m)) {
            if let Some(p) = party(s, open + 1, close) {
                if p.claimant.is_some() {
                    return Some(p);
                }
            }
        }
        // "The British-based Syrian Observatory for Human Rights, which relies on …, said":
        // a relative clause; the subject is the phrase before it.
        if segment.first().is_some_and(|t| t.is_any(&["which", "who"])) {
            let start = (0..open)
                .rev()
                .find(|&j| is_clause_break(&tokens[j]) && !tokens[j].is_any(&["that", "as"]))
                .map_or(0, |j| j + 1);
            return party(s, start, open).filter(|p| p.claimant.is_some());
        }
        // "Spokesman of the Kurdish Asayish forces in Qamishli, Ali Hassan, confirmed": the
        // segment right before the verb is a name no lexicon knows, the words before it say
        // what kind of speaker it is.
        if description.is_empty()
            && (2..=4).contains(&segment.len())
            && is_person_name(text, segment)
            && !mentions.iter().any(|m| m.start < close && m.end > open)
        {
            let start = (0..open)
                .rev()
                .find(|&j| is_clause_break(&tokens[j]) || tokens[j].kind == TokenKind::Punct)
                .map_or(0, |j| j + 1);
            let before: Vec<&str> = tokens[start..open]
                .iter()
                .map(|t| t.norm.as_str())
                .collect();
            if start < open {
                if let Some(source_type) = guess_type(&before.join(" ")) {
                    let words = text[segment[0].span.start..tokens[close - 1].span.end].to_string();
                    return Some(Party::unknown(open + 1, words, source_type));
                }
            }
        }
        let words: Vec<&str> = segment.iter().map(|t| t.norm.as_str()).collect();
        description = format!("{} {description}", words.join(" "));
        // The name before this description: up to five capitalised words after a break (and
        // before its acronym: "The Syrian Observatory for Human Rights (SOHR), a UK-based war
        // monitor, reported").
        let open = if open > 1 && tokens[open - 1].is(")") {
            (0..open - 1)
                .rev()
                .find(|&o| tokens[o].is("("))
                .unwrap_or(open)
        } else {
            open
        };
        let start = (0..open)
            .rev()
            .find(|&j| {
                is_clause_break(&tokens[j])
                    || tokens[j].kind == TokenKind::Punct && !tokens[j].is("-")
            })
            .map_or(0, |j| j + 1);
        let name = &tokens[start..open];
        // "Meanwhile, the Syrian defense authority, in a statement …, put the toll at": an
        // adverb opening the sentence is no name; the segment after it is the speaker.
        if name.len() == 1
            && name[0].is_any(&[
                "meanwhile",
                "however",
                "moreover",
                "separately",
                "earlier",
                "later",
                "also",
                "elsewhere",
                "furthermore",
                "additionally",
            ])
        {
            return party(s, open + 1, close).filter(|p| p.claimant.is_some());
        }
        let is_name = name.len() <= 5 && is_person_name(text, name);
        // "The U.K.-based Syrian Observatory for Human Rights and the Local Coordination
        // Committees, two opposition groups …, said": not one name, but names of sources.
        let holds_source = mentions.iter().any(|m| {
            m.start >= start && m.end <= open && (m.source().is_some() || m.outlet().is_some())
        });
        if is_name || holds_source && open - start <= 16 {
            if let Some(p) = party(s, start, open) {
                if p.claimant.is_some() {
                    return Some(p);
                }
            }
            if !is_name {
                return None;
            }
            let source_type = guess_type(description.trim())?;
            let words = text[tokens[start].span.start..tokens[open - 1].span.end].to_string();
            return Some(Party::unknown(start, words, source_type));
        }
        close = open;
    }
    None
}

/// Capitalised words (and the particles of Arabic names: "al", "bin", "al-Obaidi"), the first
/// capitalised: a person's name as the text writes it.
fn is_person_name(text: &str, name: &[Token]) -> bool {
    name.iter().all(|t| {
        t.kind == TokenKind::Word
            && (t.capitalised(text)
                || t.is_any(&["al", "bin", "ibn", "abu", "abdel", "el"])
                || t.norm.starts_with("al-")
                || t.norm.starts_with("el-"))
    }) && name.first().is_some_and(|t| t.capitalised(text))
}

/// `…," said Bashar Ja'afari, Syria's United Nations envoy, while speaking`: a name no lexicon
/// knows (two to four capitalised words, "al-" names too) right after the verb at `from - 1`,
/// then a description between commas that names a kind of speaker. The name is the claimant.
fn named_speaker_after(s: Sentence<'_>, from: usize) -> Option<Party> {
    let Sentence {
        text,
        tokens,
        mentions,
        ..
    } = s;
    let name_word =
        |t: &Token| t.kind == TokenKind::Word && (t.capitalised(text) || t.norm.starts_with("al-"));
    let end = (from..tokens.len())
        .take_while(|&j| name_word(&tokens[j]))
        .last()?
        + 1;
    if !(2..=4).contains(&(end - from))
        || !tokens.get(end).is_some_and(|t| t.is(","))
        || mentions.iter().any(|m| m.start < end && m.end > from)
    {
        return None;
    }
    let close = (end + 1..(end + 10).min(tokens.len())).find(|&j| is_clause_break(&tokens[j]))?;
    let description = tokens[end + 1..close]
        .iter()
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let source_type = guess_type(&description)?;
    Some(Party::unknown(
        from,
        text[tokens[from].span.start..tokens[end - 1].span.end].to_string(),
        source_type,
    ))
}

/// "chief of the Russian Center for reconciliation of the conflicting sides Alexey Bakin said":
/// a name of two or three capitalised words no lexicon knows, right before the verb at `e`,
/// after a description of the speaker; the name is the claimant, the description its type.
fn described_name_before(s: Sentence<'_>, e: usize) -> Option<Party> {
    let Sentence {
        text,
        tokens,
        mentions,
        ..
    } = s;
    // The whole run of capitalised words before the verb: two or three, a person's name, not
    // "Qara Tapa Municipal Council".
    // "Captain Ahmed al-Essawi told": the particles of Arabic names belong to the run.
    let capital = |t: &Token| {
        t.kind == TokenKind::Word
            && (t.capitalised(text) || t.norm.starts_with("al-") || t.norm.starts_with("el-"))
    };
    let mut name_start = (0..e).rev().take_while(|&j| capital(&tokens[j])).last()?;
    while name_start < e && !tokens[name_start].capitalised(text) {
        name_start += 1;
    }
    if name_start == e {
        return None;
    }
    // "Maj. Gen. Ali Ibrahim Daboun told", "Major General Ali Daboun said": a military rank
    // before the name describes the speaker as a description does.
    while name_start + 2 < e && tokens[name_start].is_any(RANKS) {
        name_start += 1;
    }
    let title = (0..name_start)
        .rev()
        .take_while(|&j| tokens[j].is_any(RANKS) || tokens[j].is("."))
        .last()
        .unwrap_or(name_start);
    let ranked = (title..name_start).any(|j| tokens[j].is_any(RANKS));
    if ranked
        && (2..=3).contains(&(e - name_start))
        && !mentions.iter().any(|m| m.start < e && m.end > title)
    {
        return Some(Party::unknown(
            name_start,
            text[tokens[name_start].span.start..tokens[e - 1].span.end].to_string(),
            SourceType::Military,
        ));
    }
    // "the Syrian Observatory for Human Right said": the end of an organisation's name.
    if name_start > 0 && tokens[name_start - 1].is_any(&["for", "of"]) {
        return None;
    }
    if !(2..=3).contains(&(e - name_start))
        || tokens[e - 1].is_any(&[
            "council",
            "committee",
            "ministry",
            "agency",
            "forces",
            "army",
            "command",
            "centre",
            "center",
            "office",
            "group",
            "front",
        ])
    {
        return None;
    }
    if mentions.iter().any(|m| m.start < e && m.end > name_start) {
        return None;
    }
    let from = (name_start.saturating_sub(16)..name_start)
        .rev()
        .find(|&j| is_clause_break(&tokens[j]))
        .map_or(name_start.saturating_sub(16), |j| j + 1);
    if from >= name_start {
        return None;
    }
    let description: Vec<&str> = tokens[from..name_start]
        .iter()
        .map(|t| t.norm.as_str())
        .collect();
    // The description must start with a word of a role, not end a clause of its own.
    let source_type = guess_type(description.first().copied().unwrap_or(""))
        .or_else(|| guess_type(&description[..description.len().min(3)].join(" ")))?;
    Some(Party::unknown(
        name_start,
        text[tokens[name_start].span.start..tokens[e - 1].span.end].to_string(),
        source_type,
    ))
}

/// Military ranks, whole and abbreviated, as they stand before a name.
const RANKS: &[&str] = &[
    "gen",
    "general",
    "maj",
    "major",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "sgt",
    "sergeant",
];

/// "The Syrian Observatory for Human Rights, in an updated toll, said": where the aside
/// between the commas before the verb at `k` opens, when it opens with "in" or "on" right
/// after a named source (so it is the source's aside, not the end of what was said).
fn source_aside(tokens: &[Token], mentions: &[Mention], k: usize) -> Option<usize> {
    if k < 4 || !tokens[k - 1].is(",") {
        return None;
    }
    let open = (k.saturating_sub(10)..k - 1)
        .rev()
        .find(|&j| tokens[j].is(","))?;
    (tokens[open + 1].is_any(&["in", "on"])
        && mentions
            .iter()
            .any(|m| m.end == open && (m.source().is_some() || m.outlet().is_some())))
    .then_some(open)
}

/// Where the clause that starts at `from` ends: the next clause break, or one of `stops`.
fn clause_end(tokens: &[Token], from: usize, stops: &[&str]) -> usize {
    (from..tokens.len())
        .find(|&j| is_clause_break(&tokens[j]) || tokens[j].is_any(stops))
        .unwrap_or(tokens.len())
}

/// Whether `c` is the report's publisher itself, or the wire service its id names ("told
/// Reuters" in `the-jerusalem-post-reuters`'s text is no relay).
fn is_publisher(c: &Claimant, publisher: Option<&str>) -> bool {
    let Some(p) = publisher else {
        return false;
    };
    match c {
        Claimant::Known(id) => id == p,
        Claimant::New { words, .. } => {
            let id = super::slug(words);
            !id.is_empty() && format!("-{p}-").contains(&format!("-{id}-"))
        }
    }
}

/// A news agency, newspaper or online outlet: a source that carries others' words (a relay)
/// as well as its own.
fn is_news_medium(t: SourceType) -> bool {
    matches!(
        t,
        SourceType::NewsAgency | SourceType::OnlineOutlet | SourceType::Newspaper
    )
}

/// Whether the curated source `id` is a news medium.
fn known_news_medium(lex: &Lexicon, id: &str) -> bool {
    lex.source_types
        .get(id)
        .copied()
        .is_some_and(is_news_medium)
}

/// Whether a claimant, curated or new, is a news medium.
fn any_news_medium(lex: &Lexicon, c: &Claimant) -> bool {
    match c {
        Claimant::Known(id) => known_news_medium(lex, id),
        Claimant::New { source_type, .. } => is_news_medium(*source_type),
    }
}

/// "in a statement carried by the state-run SANA news agency": the news medium that carried
/// the claimant's words (a few words of description may stand between "by" and its name) is
/// their relay, unless it is the publisher or the claimant itself.
fn carried_by(
    s: Sentence<'_>,
    publisher: Option<&str>,
    claimant: Option<&Claimant>,
) -> Option<Claimant> {
    let Sentence {
        tokens,
        mentions,
        lex,
        ..
    } = s;
    let by = (1..tokens.len()).find(|&j| {
        tokens[j].is("by") && tokens[j - 1].is_any(&["carried", "published", "broadcast", "aired"])
    })?;
    let m = mentions.iter().find(|m| {
        m.start > by
            && m.start <= by + 5
            && tokens[by + 1..m.start]
                .iter()
                .all(|t| t.kind == TokenKind::Word || t.is("-"))
    })?;
    let relay = match (m.source(), m.outlet()) {
        (Some(id), _) if known_news_medium(lex, id) => Claimant::Known(id.to_string()),
        (None, Some((label, t))) if is_news_medium(t) => outlet_claimant(lex, label, t),
        _ => return None,
    };
    (!is_publisher(&relay, publisher) && claimant != Some(&relay)).then_some(relay)
}

/// The subject of the verb of saying at `k` (`aside`: where a source's aside between commas
/// opens before it; `passive_cited`: "X was cited as saying"): the nearest name before the
/// verb, a described name, or the whole clause subject.
fn subject_of(
    s: Sentence<'_>,
    k: usize,
    aside: Option<usize>,
    passive_cited: bool,
) -> Option<Party> {
    let Sentence {
        tokens, mentions, ..
    } = s;
    let mut e = k;
    // "A hospital official, however, told DPA": the adverb between commas is no
    // part of the subject.
    if e >= 3
        && tokens[e - 1].is(",")
        && tokens[e - 2].is_any(&["however", "meanwhile", "though", "too", "also"])
        && tokens[e - 3].is(",")
    {
        e -= 3;
    }
    // "A police source, speaking on condition of anonymity, said", "a security
    // official, who asked not to be named, told AFP": the aside between commas is no
    // part of the subject.
    if let Some(open) = aside {
        e = open;
    } else if e >= 3 && tokens[e - 1].is(",") {
        // "The Russian Defence Ministry's Centre for Syrian Reconciliation, also known as the
        // Russian Centre for …, reported": a second name is an aside too.
        if let Some(open) = (e.saturating_sub(20)..e - 1).rev().find(|&j| {
            tokens[j].is(",")
                && tokens.get(j + 1).is_some_and(|t| {
                    t.is_any(&["speaking", "requesting", "asking", "declining", "who"])
                        || (t.is_any(&["also", "better", "formerly"])
                            && tokens.get(j + 2).is_some_and(|n| n.is("known")))
                        || (t.is("known") && tokens.get(j + 2).is_some_and(|n| n.is("as")))
                })
        }) {
            if !tokens[open + 1..e - 1].iter().any(|t| t.is(",")) && open > 0 {
                e = open;
            }
        }
    }
    // "…, security officials who spoke on condition of anonymity in line with regulations,
    // told The Associated Press": the relative clause before the comma is no part of the
    // subject; the subject is before "who".
    if e >= 3 && tokens[e - 1].is(",") {
        let open = (0..e - 1)
            .rev()
            .find(|&j| is_clause_break(&tokens[j]) && !tokens[j].is("who"))
            .map_or(0, |j| j + 1);
        if let Some(who) = (open + 1..e - 1).find(|&j| tokens[j].is("who")) {
            e = who;
        }
    }
    // "SANA went on to cite an anonymous official source who said": the one before
    // "who".
    // "… reported by Syrian state media, which said on Tuesday that": the speaker
    // named right before ", which" (after "by", "to" or a clause break).
    let relative = (e >= 3 && tokens[e - 1].is_any(&["which", "who"]) && tokens[e - 2].is(","))
        .then(|| {
            let end = e - 2;
            let start = (end.saturating_sub(6)..end)
                .rev()
                .find(|&j| is_clause_break(&tokens[j]) || tokens[j].is_any(&["by", "to"]))
                .map_or(end.saturating_sub(6), |j| j + 1);
            party(s, start, end).filter(|p| p.claimant.is_some() && !p.pronoun)
        })
        .flatten();
    if e >= 2 && tokens[e - 1].is("who") {
        e -= 1;
    }
    while e > 0 && is_time_word(&tokens[e - 1]) && !tokens[e - 1].is("that") {
        e -= 1;
    }
    // "Kurdish commanders have told Rudaw", "The autonomous Kurdish administration
    // … meanwhile gave a toll of 29": an auxiliary or an adverb before the verb is
    // no part of the subject.
    while e > 1
        && (tokens[e - 1].is_any(&[
            "have",
            "has",
            "had",
            "meanwhile",
            "also",
            "later",
            "earlier",
            "separately",
        ]) || (passive_cited && tokens[e - 1].is_any(&["was", "were"])))
    {
        e -= 1;
    }
    // "The Syrian Observatory for Human Rights (SOHR) reported": the parenthesis
    // right before the verb is in the subject.
    let subject_end = e;
    if e > 0 && tokens[e - 1].is(")") {
        if let Some(open) = (0..e - 1).rev().find(|&j| tokens[j].is("(")) {
            e = open;
        }
    }
    let mut a = e;
    // "an anonymous "official source" who said": a short quotation ends the subject.
    if a > 1 && tokens[a - 1].is("\"") {
        if let Some(open) = (a.saturating_sub(7)..a - 1)
            .rev()
            .find(|&j| tokens[j].is("\""))
        {
            a = open;
        }
    }
    // "SANA went on to cite an anonymous source who said": the one cited.
    // "MOSUL, Iraq (AP) — An Iraqi provincial official says", "Shafaq News/ A security source
    // reported": a dash or a slash ends it.
    while a > 0
        && !is_clause_break(&tokens[a - 1])
        && !tokens[a - 1].is_any(&["cite", "cited", "quote", "quoted"])
        && !tokens[a - 1].is_any(&["-", "—", "–", "--", "/"])
        && e - a < 12
    {
        a -= 1;
        // "Local security forces (Asayish) said": the parenthesis is in the subject.
        if a > 0 && tokens[a - 1].is(")") {
            if let Some(open) = (0..a - 1).rev().find(|&j| tokens[j].is("(")) {
                a = open;
            }
        }
    }
    // The nearest name before the verb ("the Assad regime-allied Palestinian Liwa
    // Al-Quds militia said": before its head noun), else the whole clause subject.
    let head_noun = e > 0
        && tokens[e - 1].is_any(&[
            "militia",
            "group",
            "movement",
            "faction",
            "organisation",
            "organization",
        ]);
    relative
        .or_else(|| {
            mentions
                .iter()
                .filter(|m| m.start >= a && (m.end == e || head_noun && m.end + 1 == e))
                .find_map(|m| party(s, m.start, m.end))
        })
        .or_else(|| described_name_before(s, e))
        .or_else(|| party(s, a, subject_end))
        .or_else(|| {
            // "Abdel Rahman described the explosion as “massive” and said at least
            // 14 …", "The Syrian Observatory … described the confrontations as …,
            // stating, …": the speaker that opens the sentence says it too.
            let second_verb = e > 0
                && (tokens[e - 1].is("and")
                    || (tokens[e - 1].is(",") && tokens[k].is_any(&["saying", "stating"])));
            if !second_verb {
                return None;
            }
            mentions
                .iter()
                .find(|m| (m.start == 0 || (m.start == 1 && tokens[0].is("the"))) && m.end < e)
                .and_then(|m| party(s, m.start, m.end))
                .filter(|p| p.claimant.is_some())
        })
}

/// The attribution a sentence states, if any. `publisher` is the report's publisher (a relay
/// that is the publisher itself is no relay: "he told AFP" in an AFP report).
pub(super) fn attribution(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    lex: &Lexicon,
    publisher: Option<&str>,
) -> Option<(Attribution, bool)> {
    let s = Sentence {
        text,
        tokens,
        mentions,
        lex,
    };
    let mut cues: Vec<Cue> = Vec::new();
    // "SANA reported citing a source from Homs police", "Quoting a police official, SANA
    // said": the one cited is the claimant, the speaker its relay.
    let mut cited: Option<Party> = None;
    let n = tokens.len();
    let mut k = 0;
    while k < n {
        let t = &tokens[k];
        if t.is_any(&["citing", "quoting"]) && cited.is_none() {
            let b = clause_end(tokens, k + 1, &["saying", "."]);
            // "CIT said up to six …, quoting social media reports of a funeral": what a
            // speaker bases its own figure on (reports, footage) is no claimant.
            let evidence = tokens[k + 1..b].iter().any(|t| {
                t.is_any(&[
                    "reports", "report", "footage", "video", "videos", "images", "photos", "posts",
                    "pictures",
                ])
            });
            if let Some(p) =
                party(s, k + 1, b).filter(|p| p.claimant.is_some() && !p.pronoun && !evidence)
            {
                cited = Some(p);
                k = b;
                continue;
            }
        }
        if t.is("according") && tokens.get(k + 1).is_some_and(|t| t.is("to")) {
            let b = clause_end(tokens, k + 2, &["."]);
            // "according to anonymous sources talking to Turkey's Anadolu Agency": the sources
            // are the claimant, the agency they spoke to its relay.
            let to_relay = (k + 3..b).find(|&j| {
                (tokens[j].is_any(&["talking", "speaking"])
                    && tokens.get(j + 1).is_some_and(|n| n.is("to")))
                    || (tokens[j].is_any(&["quoted", "cited"])
                        && tokens.get(j + 1).is_some_and(|n| n.is("by")))
            });
            let (end, relay) = match to_relay {
                Some(j) => (
                    j,
                    party(s, j + 2, b)
                        .and_then(|p| p.claimant)
                        .filter(|c| !is_publisher(c, publisher)),
                ),
                None => (b, None),
            };
            // "according to a statement issued by the General Command of the Internal Security
            // Forces": the one who issued it.
            let from = (k + 3..(k + 6).min(end))
                .find(|&j| {
                    tokens[j].is("by")
                        && tokens[j - 1].is_any(&["issued", "released", "published", "posted"])
                        && tokens[k + 2..j - 1]
                            .iter()
                            .any(|t| t.is_any(&["statement", "report", "communique"]))
                })
                .map_or(k + 2, |by| by + 1);
            if let Some(p) = party(s, from, end) {
                cues.push((k, "according-to", p, relay));
            }
            k = b;
            continue;
        }
        // "X claimed that …" reports a statement; "IS claimed the attack" is responsibility.
        // "The Observatory claimed at least 50 soldiers were killed": a figure follows.
        // "a pro-ISIS outlet claimed “dozens” were killed": the figure may stand quoted.
        let figure_word = |n: &Token| {
            n.kind == TokenKind::Number
                || n.is_any(&[
                    "at", "more", "over", "up", "nearly", "almost", "about", "around", "two",
                    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                ])
        };
        let claimed_that = t.is_any(&["claimed", "claims"])
            && tokens.get(k + 1).is_some_and(|n| {
                n.is("that")
                    || figure_word(n)
                    || (n.is("\"") && tokens.get(k + 2).is_some_and(figure_word))
            });
        // "officially reported killed": a participle of the toll, not a report.
        // "social media reports of a funeral": a noun, not a report.
        let noun = t.is_any(&["reports", "estimates", "documents", "states"])
            && tokens.get(k + 1).is_some_and(|n| n.is("of"));
        let participle = noun
            || t.is_any(&["reported", "confirmed", "documented"])
                && tokens.get(k + 1).is_some_and(|n| {
                    n.is_any(&["killed", "dead", "wounded", "injured", "missing", "slain"])
                });
        // "The Observatory put the death toll at nine": a statement of a figure.
        // "… gave a toll of five killed", "… published an official death toll at 6".
        let put_toll = t.is_any(&[
            "put",
            "puts",
            "putting",
            "gave",
            "gives",
            "giving",
            "published",
            "publishes",
            // "SANA news agency placed the death toll at five".
            "placed",
            "places",
            "placing",
        ]) && tokens[k + 1..n.min(k + 5)]
            .iter()
            .any(|t| t.is_any(&["toll", "number"]));
        // "SANA quoted a medical source saying that …": the one quoted is the claimant, the
        // one quoting its relay.
        // "SANA cited a security source as saying that …": the same, with "as".
        let cited_as = t.is_any(&["cited", "cites"]) && {
            let b = clause_end(tokens, k + 1, &["as", "."]);
            tokens.get(b).is_some_and(|a| a.is("as"))
                && tokens
                    .get(b + 1)
                    .is_some_and(|v| v.is_any(&["saying", "stating", "telling"]))
        };
        // "the Russian Defence Ministry was cited as saying": the one cited is the subject, as
        // with "said".
        let passive_cited = k > 0
            && t.is_any(&["cited", "quoted"])
            && tokens[k - 1].is_any(&["was", "were"])
            && tokens.get(k + 1).is_some_and(|n| n.is("as"));
        if (t.is_any(&["quoted", "quotes"]) || cited_as) && !passive_cited {
            let mut b = clause_end(tokens, k + 1, &["saying", "as", "."]);
            // "cited a security source on Thursday as saying": the day is not the source's.
            while b > k + 2 && is_time_word(&tokens[b - 1]) {
                b -= 1;
            }
            if let Some(q) = party(s, k + 1, b).filter(|p| p.claimant.is_some() && !p.pronoun) {
                let quoting = mentions
                    .iter()
                    .rev()
                    .filter(|m| m.end <= k && m.end + 3 >= k)
                    .find_map(|m| party(s, m.start, m.end))
                    .and_then(|p| p.claimant)
                    .filter(|c| !is_publisher(c, publisher));
                cues.push((k, "quoted-speaker", q, quoting));
                k = b;
                continue;
            }
        }
        // "Hezbollah issued statements on Monday announcing the death of two of its fighters".
        let issued = t.is("issued")
            && tokens
                .get(k + 1)
                .is_some_and(|n| n.is_any(&["a", "statements", "statement"]));
        // "Activists report at least 38 people killed": "report" after a plural subject, before
        // a figure or "that", is the verb (elsewhere it is the noun).
        let plural_report = k > 0
            && t.is("report")
            && tokens[k - 1].kind == TokenKind::Word
            && tokens[k - 1].norm.ends_with('s')
            && tokens
                .get(k + 1)
                .is_some_and(|n| n.is("that") || figure_word(n));
        if (t.is_any(VERBS) || claimed_that || put_toll || issued || passive_cited || plural_report)
            && !participle
        {
            // Inverted: `…," said X.` / `…, X said.` handled by the subject rule below; not
            // "The Syrian Observatory …, in an updated toll, said", whose comma closes an aside.
            let aside = source_aside(tokens, mentions, k);
            let inverted = k > 0
                && aside.is_none()
                && (tokens[k - 1].is(",") || tokens[k - 1].is("\"") || tokens[k - 1].is("'"));
            // "… in the Manbij area on Monday reported the Syrian Observatory for Human
            // Rights.": no comma, but a named source ends the sentence after the verb.
            let inverted = inverted
                || (k > 0
                    && t.is_any(&["reported", "said"])
                    && tokens[k - 1].kind == TokenKind::Word
                    && mentions.iter().any(|m| {
                        (m.start == k + 1 || (m.start == k + 2 && tokens[k + 1].is("the")))
                            && (m.source().is_some() || m.outlet().is_some())
                            && tokens[m.end..].iter().all(|t| t.kind == TokenKind::Punct)
                    }));
            // The object of "told": the relay.
            let told_to = |from: usize| -> Option<Claimant> {
                let from = if tokens[k].is_any(&["told", "tells", "informed", "informs"]) {
                    from
                } else if tokens[k].is_any(TO_VERBS) && tokens.get(from).is_some_and(|t| t.is("to"))
                {
                    from + 1
                } else {
                    return None;
                };
                if let Some(src) = mentions
                    .iter()
                    .find(|m| m.start == from)
                    .and_then(|m| m.source())
                {
                    let relay = Claimant::Known(src.to_string());
                    return (!is_publisher(&relay, publisher)).then_some(relay);
                }
                // "told local Syrian outlet Al-Watan Online that …": an outlet not curated.
                let b = clause_end(tokens, from, &["."]);
                match party(s, from, b)?.claimant? {
                    c @ Claimant::New { source_type, .. }
                        if is_news_medium(source_type) && !is_publisher(&c, publisher) =>
                    {
                        Some(c)
                    }
                    _ => None,
                }
            };
            // `…," said X` names the speaker after the verb; `…, told AFP` names the hearer,
            // and `…, said on his social media account` no one.
            let after = if inverted && !tokens[k].is_any(&["told", "tells", "informed", "informs"])
            {
                let b = clause_end(tokens, k + 1, &["."]);
                let starts_with_preposition = tokens.get(k + 1).is_some_and(|t| {
                    t.is_any(&["on", "in", "at", "during", "to", "after", "from"])
                });
                // "…, a UK-based war monitor, said eight government troops … died Thursday":
                // the comma closed an apposition; what follows "said" is what was said.
                let tells_deaths = tokens[k + 1..b].iter().any(|t| {
                    t.is_any(&[
                        "died", "killed", "wounded", "injured", "dead", "were", "was", "had",
                    ])
                });
                (!starts_with_preposition && !tells_deaths)
                    .then(|| party(s, k + 1, b).or_else(|| named_speaker_after(s, k + 1)))
                    .flatten()
                    .map(|p| (p, told_to(b)))
            } else {
                None
            };
            // "Suleiman Bseis, a resident of Qastoun, said government forces attacked …": a
            // name and its description open the sentence, so the comma closed the description.
            let appositive = appositive_subject(s, k);
            let after = after.filter(|_| appositive.as_ref().is_none_or(|p| p.start != 0));
            if let Some((p, relay)) = after {
                cues.push((k, "said-speaker-after", p, relay));
            } else if let Some(p) = appositive {
                let relay = told_to(k + 1);
                cues.push((k, "said-named-speaker-with-description", p, relay));
            } else {
                let p = subject_of(s, k, aside, passive_cited);
                if let Some(p) = p {
                    let relay = told_to(k + 1);
                    cues.push((k, "said-subject", p, relay));
                }
            }
        }
        k += 1;
    }
    choose(s, publisher, cues, cited)
}

/// A cue of attribution: where its verb or phrase stands, its rule, its party and the relay
/// it names.
type Cue = (usize, &'static str, Party, Option<Claimant>);

/// The attribution among a sentence's cues: the one cited ("citing a source") first, then an
/// outlet reporting last as relay, the outer speaker of an opening quotation, "according to",
/// else the first verb.
fn choose(
    s: Sentence<'_>,
    publisher: Option<&str>,
    cues: Vec<Cue>,
    cited: Option<Party>,
) -> Option<(Attribution, bool)> {
    let Sentence { tokens, lex, .. } = s;
    if let Some(c) = cited {
        let relay = cues
            .first()
            .and_then(|(_, _, p, _)| p.claimant.clone())
            .filter(|r| !is_publisher(r, publisher));
        return Some((
            Attribution {
                claimant: c.claimant.expect("filtered"),
                relay,
                voiced_by: c.voiced_by,
                rule: "citing-source",
                confidence: 0.7,
            },
            false,
        ));
    }
    if cues.is_empty() {
        return None;
    }
    let is_media =
        |c: &Option<Claimant>| matches!(c, Some(Claimant::Known(id)) if known_news_medium(lex, id));
    // "the ministry confirmed …, Al-Monitor reported": the outlet reporting last is the relay.
    let last = cues.len() - 1;
    let (chosen, relay_from_report) = if cues.len() >= 2
        && tokens[cues[last].0].is_any(&["reported", "reports", "quoted"])
        && is_media(&cues[last].2.claimant)
        && cues[last].2.claimant != cues[0].2.claimant
        && !cues[last]
            .2
            .claimant
            .as_ref()
            .is_some_and(|c| is_publisher(c, publisher))
    {
        (0, cues[last].2.claimant.clone())
    } else if cues.len() >= 2
        && tokens.get(cues[0].0 + 1).is_some_and(|t| t.is(":"))
        && cues[0]
            .2
            .claimant
            .as_ref()
            .is_some_and(|c| any_news_medium(lex, c))
        && cues[last].2.claimant.is_some()
        && cues[last].2.claimant != cues[0].2.claimant
    {
        // "Rudaw reports: Turkish bombardment … has wounded …, the city administrator said":
        // the outlet that opens with a colon carries the speaker who says it.
        (last, cues[0].2.claimant.clone())
    } else if let Some(outer) = outer_speaker(tokens, &cues) {
        (outer, None)
    } else {
        // "according to" wins over verbs; among verbs the first.
        match cues.iter().position(|c| c.1 == "according-to") {
            // "…, a provincial police source said, according to Xinhua": the news medium
            // right after a speaker's verb is the one its words came through.
            Some(i)
                if i > 0
                    && (cues[i - 1].2.claimant.is_some() || cues[i - 1].2.pronoun)
                    && tokens[cues[i - 1].0 + 1..cues[i].0]
                        .iter()
                        .all(|t| t.is(","))
                    && cues[i].2.claimant.as_ref().is_some_and(|c| {
                        !is_publisher(c, publisher) && any_news_medium(lex, c)
                    }) =>
            {
                (i - 1, cues[i].2.claimant.clone())
            }
            Some(i) => (i, None),
            None => (0, None),
        }
    };
    let (_, rule, p, told) = &cues[chosen];
    let relay = relay_from_report
        .or_else(|| told.clone())
        .or_else(|| carried_by(s, publisher, p.claimant.as_ref()));
    let confidence = if p.pronoun {
        0.6
    } else if matches!(p.claimant, Some(Claimant::Known(_))) {
        0.9
    } else {
        0.6
    };
    let _ = p.start;
    Some((
        Attribution {
            claimant: p.claimant.clone().unwrap_or(Claimant::New {
                words: String::new(),
                source_type: SourceType::Anonymous,
                actor: None,
            }),
            relay,
            voiced_by: p.voiced_by.clone(),
            rule: if p.pronoun {
                "pronoun-current-speaker"
            } else {
                rule
            },
            confidence,
        },
        p.pronoun,
    ))
}
