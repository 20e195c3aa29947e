//! `ckg extract`: an article's text → a draft report in the schema of `data/reports/*.toml`,
//! for an analyst to review. Pure functions, no I/O: the CLI reads the article and writes the
//! files.
//!
//! The pipeline per article: main text (`text::html_main_text` for a saved page) → sentences
//! (`text::sentences`, byte spans of the text) → per sentence: tokens, names
//! (`lexicon`), dates (`when`), event triggers, perpetrators and targets (`events`), casualty
//! figures (`casualty`, bounds by `quantity`), claimant, relay and hedge (`attribution`) →
//! incidents and claims assembled here (a current speaker carried across sentences, claims
//! attached to the incident of their sentence or the one just told) → `writer` (TOML).
//!
//! Invariants: every evidence is a byte-exact sentence of the text, every `quantity_text` a
//! substring of its evidence; no number, date precision, perpetrator or claimant that the
//! sentence's words do not give; whatever the rules could not decide is a review item.

mod attribution;
mod casualty;
mod events;
mod lexicon;
mod quantity;
pub mod text;
mod when;
mod writer;

pub use attribution::Claimant;
pub use lexicon::{Lexicon, normalise};
pub use text::Span;
pub use writer::{reference_toml, report_toml};

use crate::dates::PartialDate;
use crate::vocab::{CasualtyType, EventType, Hedge, PlaceType, SourceType};
use attribution::Attribution;
use lexicon::{Entity, Mention, specificity};

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("--published: {0}")]
    Published(String),
    #[error("the article has no text")]
    Empty,
}

/// What the caller knows about the article beyond its text.
#[derive(Debug, Clone)]
pub struct Options {
    /// The report id (kebab-case), also the file stem of the draft.
    pub id: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub published: String,
    /// The publisher's name as the user gave it (`AFP`, `Reuters`).
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// A value with the rule that produced it and how sure the rule is (0–1).
#[derive(Debug, Clone, PartialEq)]
pub struct Ruled<T> {
    pub value: T,
    pub rule: &'static str,
    pub confidence: f32,
}

fn ruled<T>(value: T, rule: &'static str, confidence: f32) -> Ruled<T> {
    Ruled {
        value,
        rule,
        confidence,
    }
}

#[derive(Debug, Clone)]
pub struct DraftIncident {
    pub id: String,
    pub event_type: Ruled<EventType>,
    /// Resolved form (`2018-05-23`, `2018-W21`…) and the text's words.
    pub date: Option<Ruled<String>>,
    pub date_text: Option<String>,
    /// Place id (curated, or proposed in the reference draft) and the text's words.
    pub place: Option<Ruled<String>>,
    pub place_text: Option<String>,
    pub location_qualifier: Option<String>,
    pub perpetrators: Vec<Ruled<String>>,
    pub perpetrator_stated_unknown: bool,
    pub targets: Vec<Ruled<String>>,
    pub evidence: Span,
}

#[derive(Debug, Clone)]
pub struct DraftCasualty {
    pub id: String,
    /// Index into `Draft::incidents`.
    pub incident: usize,
    pub incident_rule: &'static str,
    pub casualty_type: CasualtyType,
    pub group: Option<String>,
    pub group_text: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub quantity_text: String,
    pub bounds_rule: &'static str,
    pub source: Ruled<String>,
    /// The claimant's own words in the text, or `None` for the publisher's own statement.
    pub claimant_text: Option<String>,
    pub via: Option<String>,
    pub voiced_by: Option<String>,
    pub hedge: Option<Ruled<Hedge>>,
    /// Index into `Draft::casualties` of the figure this one is part of.
    pub part_of: Option<usize>,
    pub stated: Option<String>,
    pub evidence: Span,
    pub rule: &'static str,
}

#[derive(Debug, Clone)]
pub struct DraftResponsibility {
    pub id: String,
    pub incident: usize,
    pub source: String,
    pub perpetrator: String,
    pub evidence: Span,
}

/// A source, place or actor the draft names that the curated reference data lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSource {
    pub id: String,
    pub label: String,
    pub source_type: SourceType,
    pub actor: Option<String>,
}

/// A well-known actor (`lexicon::WELL_KNOWN_ACTORS`) the draft names.
#[derive(Debug, Clone, PartialEq)]
pub struct NewActor {
    pub id: String,
    pub label: String,
    pub category: crate::vocab::ActorCategory,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPlace {
    pub id: String,
    pub label: String,
    pub place_type: PlaceType,
    pub within: String,
    pub gazetteer: String,
}

/// What the analyst must decide: `about` names the field (`casualty_claim.{id}.source`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub about: String,
    pub item: String,
}

/// The draft of one report.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: String,
    /// The text the evidence indexes: the `.txt` to write beside the report.
    pub text: String,
    pub headline: String,
    pub published: String,
    pub publisher: String,
    pub url: Option<String>,
    pub dateline: Option<String>,
    pub cites: Vec<String>,
    pub incidents: Vec<DraftIncident>,
    pub casualties: Vec<DraftCasualty>,
    pub responsibilities: Vec<DraftResponsibility>,
    pub new_sources: Vec<NewSource>,
    pub new_places: Vec<NewPlace>,
    pub new_actors: Vec<NewActor>,
    pub review: Vec<ReviewItem>,
}

/// Kebab-case of a name, for ids.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in crate::gazetteer::fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_matches('-').to_string();
    if out.len() > 60 {
        out.truncate(60);
        out = out.trim_end_matches('-').to_string();
    }
    out
}

struct Sentence {
    span: Span,
    tokens: Vec<text::Token>,
    mentions: Vec<Mention>,
}

struct Builder<'a> {
    lex: &'a Lexicon,
    draft: Draft,
    publisher_name: Option<String>,
}

impl Builder<'_> {
    fn source_id(&mut self, c: &Claimant) -> String {
        match c {
            Claimant::Known(id) => id.clone(),
            Claimant::New {
                words,
                source_type,
                actor,
            } => {
                let base = slug(words);
                let base = if base.is_empty() {
                    "unnamed-source".to_string()
                } else {
                    base
                };
                // "Activists report …" and "…, according to activists": one source, whatever
                // the case its words take at a sentence's start.
                if let Some(s) = self
                    .draft
                    .new_sources
                    .iter()
                    .find(|s| s.label.to_lowercase() == words.to_lowercase())
                {
                    return s.id.clone();
                }
                let mut id = base.clone();
                let mut n = 2;
                while self.lex.source_labels.contains_key(&id)
                    || self.draft.new_sources.iter().any(|s| s.id == id)
                {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                self.draft.new_sources.push(NewSource {
                    id: id.clone(),
                    label: words.clone(),
                    source_type: *source_type,
                    actor: actor.clone(),
                });
                self.draft.review.push(ReviewItem {
                    about: format!("source.{id}"),
                    item: format!(
                        "new source \"{words}\" (type {} {}) proposed in the reference draft: check it, or replace it by a curated source",
                        source_type.id(),
                        if lexicon::is_well_known(words) { "as the well-known source is" } else { "guessed from its words" }
                    ),
                });
                id
            }
        }
    }

    fn cite(&mut self, id: &str) {
        if id != self.draft.publisher && !self.draft.cites.iter().any(|c| c == id) {
            self.draft.cites.push(id.to_string());
        }
    }

    /// The id the next incident of the draft gets.
    fn next_incident_id(&self, opts: &Options) -> String {
        format!("{}-incident-{}", opts.id, self.draft.incidents.len() + 1)
    }

    /// A new incident of the sentence `span`, numbered after the draft's others: its type, the
    /// date and place its words give, who did it and to whom.
    fn incident(
        &mut self,
        opts: &Options,
        event_type: Ruled<EventType>,
        date: Option<&when::DateMention>,
        place_mention: Option<&(&Mention, String)>,
        (perps, targets): (events::RuledActors, events::RuledActors),
        (text, toks, span): (&str, &[text::Token], text::Span),
    ) -> DraftIncident {
        let words = |a: usize, e: usize| text[toks[a].span.start..toks[e - 1].span.end].to_string();
        let place = place_mention.and_then(|(m, _)| m.place().and_then(|e| self.place_id(e)));
        DraftIncident {
            id: self.next_incident_id(opts),
            event_type,
            date: date.map(|d| ruled(d.value.clone(), d.rule, 0.8)),
            date_text: date.map(|d| words(d.start, d.end)),
            location_qualifier: place.as_ref().and(place_mention.map(|(_, q)| q.clone())),
            place: place.map(|(id, rule, c)| ruled(id, rule, c)),
            place_text: place_mention.map(|(m, _)| words(m.start, m.end)),
            perpetrators: perps.into_iter().map(|(a, r)| ruled(a, r, 0.7)).collect(),
            perpetrator_stated_unknown: false,
            targets: targets.into_iter().map(|(a, r)| ruled(a, r, 0.6)).collect(),
            evidence: span,
        }
    }

    fn place_id(&mut self, e: &Entity) -> Option<(String, &'static str, f32)> {
        match e {
            Entity::Place { id, .. } => Some((id.clone(), "curated-place-name", 0.9)),
            Entity::GazetteerPlace { index } => {
                let g = self.lex.gazetteer()?;
                let entry = &g.entries[*index];
                // Proposed only within a curated country: GeoNames' code → the curated id.
                let within = match entry.country.as_str() {
                    "SY" => "syria",
                    "IQ" => "iraq",
                    _ => return None,
                };
                if !self.lex.place_labels.contains_key(within) {
                    return None;
                }
                let id = slug(&entry.name);
                if self.lex.place_labels.contains_key(&id) {
                    return Some((id, "gazetteer-name-key", 0.6));
                }
                if !self.draft.new_places.iter().any(|p| p.id == id) {
                    let place_type = match entry.feature_code.as_str() {
                        "ADM1" => PlaceType::Governorate,
                        "ADM2" => PlaceType::District,
                        "ADM3" => PlaceType::Subdistrict,
                        "PPLC" | "PPLA" | "PPLA2" => PlaceType::City,
                        _ => PlaceType::Town,
                    };
                    self.draft.new_places.push(NewPlace {
                        id: id.clone(),
                        label: entry.name.clone(),
                        place_type,
                        within: within.into(),
                        gazetteer: format!("geonames:{}", entry.id),
                    });
                    self.draft.review.push(ReviewItem {
                        about: format!("place.{id}"),
                        item: format!("new place \"{}\" from the gazetteer (GeoNames {} {}, population {}) proposed in the reference draft, within `{within}`: check its type and parent", entry.name, entry.id, entry.feature_code, entry.population),
                    });
                }
                Some((id, "gazetteer-name-key", 0.6))
            }
            _ => None,
        }
    }
}

/// Place nouns and adjectives between a locative word and the place ("near the town of").
const PLACE_WORDS: &[&str] = &[
    "the",
    "town",
    "city",
    "village",
    "province",
    "governorate",
    "region",
    "area",
    "areas",
    "of",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "neighbouring",
    "neighboring",
    "countryside",
    "outskirts",
    "desert",
    "district",
    "camp",
    "countrys",
    "country",
    "capital",
    "oil",
    "field",
    // "in the Syrian city of Hama", "the Turkish-occupied northwestern Syrian city of Afrin".
    "syrian",
    "iraqi",
    "kurdish",
    "turkish-occupied",
    "rebel-held",
    "opposition-held",
    "government-held",
    "besieged",
    "restive",
    "border",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "rural",
    "nearby",
    // "on rebel districts of the northern city of Aleppo", "in a rebel-held southern
    // neighborhood of Aleppo", "in eastern parts of Aleppo".
    "a",
    "rebel",
    "districts",
    "neighborhood",
    "neighbourhood",
    "neighborhoods",
    "neighbourhoods",
    "parts",
    "suburbs",
    // "in the ancient city of Palmyra", "the coastal city of Latakia".
    "ancient",
    "historic",
    "coastal",
    "port",
    "strategic",
    "embattled",
];

/// Compass words that combine with hyphens into an adjective ("west-central", "north-eastern").
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// A word that may stand between a locative word and the place: one of [`PLACE_WORDS`], a
/// compass compound ("west-central") or who holds the place ("IS-held", "SDF-controlled").
fn is_place_word(t: &text::Token) -> bool {
    t.is_any(PLACE_WORDS)
        || (t.norm.contains('-') && t.norm.split('-').all(|p| COMPASS.contains(&p)))
        || ["-held", "-controlled", "-occupied"]
            .iter()
            .any(|s| t.norm.ends_with(s) && t.norm.len() > s.len())
}
const LOCATIVES: &[&[&str]] = &[
    &["on", "the", "outskirts", "of"],
    &["north", "of"],
    &["south", "of"],
    &["east", "of"],
    &["west", "of"],
    &["northeast", "of"],
    &["northwest", "of"],
    &["southeast", "of"],
    &["southwest", "of"],
    &["near"],
    &["outside"],
    &["around"],
    &["in"],
    &["at"],
    &["across"],
    &["inside"],
    &["into"],
    // "artillery fire on Afrin", "barrel bombs on the northern city of Aleppo": the target.
    &["on"],
];

/// Verbs whose object is the scene ("a Turkish drone targeted the city of Kobani", "militants
/// pounded capital Damascus"): the event was in it.
const SCENE_VERBS: &[&str] = &[
    "targeted",
    "targeting",
    "struck",
    "shelled",
    "pounded",
    "bombed",
    "stormed",
    "captured",
    "seized",
    "attacked",
];

/// The locative words before a place mention ("near", "south of"), if the place is the scene;
/// "in" for the object of a verb of [`SCENE_VERBS`], unless the place is only the possessor of
/// the object ("attacked Iraq's eastern Diyala province", "targeted Iraq's minorities").
fn locative(tokens: &[text::Token], start: usize, possessive: bool) -> Option<String> {
    let mut k = start;
    while k > 0 && is_place_word(&tokens[k - 1]) && start - k < 8 {
        // "south of" must not be swallowed as place words.
        if tokens[k - 1].is("of")
            && k >= 2
            && tokens[k - 2].is_any(&[
                "north",
                "south",
                "east",
                "west",
                "northeast",
                "northwest",
                "southeast",
                "southwest",
                "outskirts",
            ])
        {
            break;
        }
        k -= 1;
    }
    for l in LOCATIVES {
        if k >= l.len()
            && l.iter()
                .enumerate()
                .all(|(i, w)| tokens[k - l.len() + i].is(w))
        {
            return Some(l.join(" "));
        }
    }
    // Not a perfect ("the group has targeted Qamishli … in the past"): a habit, no scene.
    let perfect = k >= 2 && tokens[k - 2].is_any(&["has", "have", "had"]);
    (k > 0 && tokens[k - 1].is_any(SCENE_VERBS) && !perfect && !possessive)
        .then(|| "in".to_string())
}

/// Drafts a report from an article's text (plain, or HTML saved from a browser).
pub fn extract(input: &str, lex: &Lexicon, opts: &Options) -> Result<Draft, ExtractError> {
    let published = PartialDate::parse(&opts.published).map_err(ExtractError::Published)?;
    let text = if text::is_html(input) {
        text::html_main_text(input)
    } else {
        input.to_string()
    };
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let spans = text::sentences(&text);
    let headline = spans
        .first()
        .map(|s| s.of(&text).to_string())
        .unwrap_or_default();
    let mut b = Builder {
        lex,
        draft: Draft {
            id: opts.id.clone(),
            text: String::new(),
            headline,
            published: opts.published.clone(),
            publisher: String::new(),
            url: opts.url.clone(),
            dateline: None,
            cites: Vec::new(),
            incidents: Vec::new(),
            casualties: Vec::new(),
            responsibilities: Vec::new(),
            new_sources: Vec::new(),
            new_places: Vec::new(),
            new_actors: Vec::new(),
            review: Vec::new(),
        },
        publisher_name: opts.publisher.clone(),
    };
    // The publisher: a curated source by name, else proposed.
    let publisher = match &opts.publisher {
        Some(name) => {
            let toks = text::tokens(
                name,
                Span {
                    start: 0,
                    end: name.len(),
                },
            );
            let ms = lex.mentions(name, &toks);
            let whole = ms.iter().find(|m| m.start == 0 && m.end == toks.len());
            match (
                whole.and_then(|m| m.source()),
                whole.and_then(|m| m.outlet()),
            ) {
                (Some(id), _) => Claimant::Known(id.to_string()),
                // A well-known outlet ("Kurdistan 24", "Rudaw"): its usual name and its type.
                (None, Some((label, source_type))) => {
                    attribution::outlet_claimant(lex, label, source_type)
                }
                (None, None) => Claimant::New {
                    words: name.clone(),
                    source_type: SourceType::NewsAgency,
                    actor: None,
                },
            }
        }
        None => Claimant::New {
            words: format!("Publisher of {}", opts.id),
            source_type: SourceType::Anonymous,
            actor: None,
        },
    };
    b.draft.publisher = b.source_id(&publisher);
    if opts.publisher.is_none() {
        b.draft.review.push(ReviewItem {
            about: "report.publisher".into(),
            item: "no --publisher given: an anonymous publisher is proposed".into(),
        });
    }
    let publisher_id = b.draft.publisher.clone();

    let sentences: Vec<Sentence> = spans
        .iter()
        .map(|&span| {
            let tokens = text::tokens(&text, span);
            let mentions = lex.mentions(&text, &tokens);
            Sentence {
                span,
                tokens,
                mentions,
            }
        })
        .collect();

    // The one monitor the article names (if only one): "a war monitor said" is that monitor.
    let monitors: std::collections::BTreeSet<&str> = sentences
        .iter()
        .flat_map(|s| s.mentions.iter())
        .filter_map(|m| m.source())
        .filter(|id| lex.source_types.get(*id) == Some(&SourceType::Monitor))
        .collect();
    let named_monitor =
        (monitors.len() == 1).then(|| monitors.iter().next().expect("one").to_string());
    let resolve_monitor = |a: &mut Attribution| {
        if let (
            Claimant::New {
                source_type: SourceType::Monitor,
                words,
                ..
            },
            Some(m),
        ) = (&a.claimant, &named_monitor)
        {
            // A well-known monitor by its name ("the Local Coordination Committees") is itself.
            if lexicon::is_well_known(words) {
                return;
            }
            a.claimant = Claimant::Known(m.clone());
            a.rule = "descriptive-monitor-named-in-article";
            a.confidence = 0.7;
        }
    };
    let mut current: Option<Attribution> = None;
    // Named people the text quoted, by their last name ("Oleg Yegorov, deputy chief of …,
    // said" and then "According to Yegorov, …").
    let mut named_speakers: Vec<(String, Attribution)> = Vec::new();
    // Every claimant named so far, for definite descriptions of them.
    let mut speakers_seen: Vec<Claimant> = Vec::new();
    let mut last_incident: Option<(usize, usize)> = None; // (incident index, sentence index)
    // The last sentence whose figures have no claimant, and those claims.
    let mut unattributed: Option<(usize, Vec<usize>)> = None;
    let mut dateline_done = false;
    // The headline (a first line followed by a blank line) repeats the body; AFP's subheads
    // ("- IS claims attack -") are no sentences.
    let first_line = text.lines().next().unwrap_or("").trim();
    let headline_only = !first_line.ends_with(['.', '!', '?', '"', '”'])
        && first_line.split_whitespace().count() <= 25;
    let quotation_ends = quotation_ends(&text, &sentences);
    // Every sentence read so far, word for word.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (si, s) in sentences.iter().enumerate() {
        let toks = &s.tokens;
        let raw = s.span.of(&text);
        // A sentence the copy repeats word for word (a pasted paragraph twice) tells nothing new.
        let repeated = !seen.insert(raw) && toks.len() >= 6;
        if (si == 0 && headline_only)
            || (raw.starts_with("- ") && raw.ends_with(" -"))
            || is_heading(&text, s.span)
            || repeated
        {
            continue;
        }
        let mut mentions = s.mentions.clone();
        // A dateline ("Beirut (AFP) -") is where the report was filed, not where it happened.
        if !dateline_done
            && mentions
                .first()
                .is_some_and(|m| m.start == 0 && toks.get(m.end).is_some_and(|t| t.is("(")))
        {
            let m = mentions.remove(0);
            if let Some(Entity::Place { id, .. }) = m.place() {
                b.draft.dateline = Some(id.clone());
            }
            dateline_done = true;
        }
        let mut unresolved = Vec::new();
        let dates = when::dates(&text, toks, Some(published), &mut unresolved);
        for (a, e) in &unresolved {
            let words = &text[toks[*a].span.start..toks[*e - 1].span.end];
            b.draft.review.push(ReviewItem {
                about: format!("sentence {}", si + 1),
                item: format!("\"{words}\" cannot be resolved against the publication date {}: no date written", opts.published),
            });
        }
        let triggers = events::triggers(&text, toks);
        let found = casualty::casualties(&text, toks, &mentions, &lex.persons);
        // The attribution a sentence states, a pronoun ("he said") resolved to the current
        // speaker; one reading for this sentence and for the one that closes its quotation.
        let attributed = |tokens: &[text::Token], mentions: &[lexicon::Mention]| {
            attribution::attribution(&text, tokens, mentions, lex, Some(&publisher_id))
                .map(|(mut a, pronoun)| {
                    if pronoun {
                        if let Some(c) = &current {
                            a.claimant = c.claimant.clone();
                            a.voiced_by = c.voiced_by.clone();
                            a.relay = a.relay.or_else(|| c.relay.clone());
                        } else if matches!(&a.claimant, Claimant::New { words, .. } if !words.is_empty())
                        {
                            // "…, the state news agency reported" with no speaker before: the
                            // description's own words, less sure.
                            a.confidence = 0.4;
                            a.rule = "definite-description-no-antecedent";
                        } else {
                            a.confidence = 0.0;
                        }
                    }
                    a
                })
                .filter(|a| {
                    a.confidence > 0.0
                        && !matches!(&a.claimant, Claimant::New { words, .. } if words.is_empty())
                })
        };
        let attribution = attributed(toks, &mentions);
        let speaker_of = |n: &Sentence| {
            attributed(&n.tokens, &n.mentions)
                .or_else(|| last_name_of(&named_speakers, &n.tokens))
                .map(|a| Attribution {
                    rule: "quotation-speaker",
                    ..a
                })
        };
        // A sentence inside a quotation that closes in a later one: its speaker is named
        // where the quotation closes ("“There is a vegetable market … So far the death toll we
        // have received is 10 … In al-Rashdin …, an air strike left one woman killed,”
        // al-Shimale said."). A quotation that opens here and never closes: the next speaker
        // in three sentences.
        let opens_quote = toks.first().is_some_and(|t| t.is("\""))
            && toks.iter().filter(|t| t.is("\"")).count() % 2 == 1;
        let quoted = if attribution.is_some() {
            None
        } else if let Some(closer) = quotation_ends[si].filter(|&c| c - si <= 8) {
            speaker_of(&sentences[closer])
        } else if opens_quote {
            sentences[si + 1..].iter().take(3).find_map(speaker_of)
        } else {
            None
        };
        let by_last_name = || last_name_of(&named_speakers, toks);
        let mut own = attribution.clone().or(quoted).or_else(by_last_name);
        // "The Defence Ministry added": a definite description of a speaker named before
        // ("the Russian Ministry of Defence"), every word of it in that speaker's name.
        if let Some(a) = own.as_mut() {
            if let Some(earlier) = described_earlier(&a.claimant, &speakers_seen, lex) {
                a.claimant = earlier;
                a.rule = "definite-description-of-earlier-speaker";
            }
        }
        if let Some(a) = &own {
            if !speakers_seen.contains(&a.claimant) {
                speakers_seen.push(a.claimant.clone());
            }
        }
        // The last words of a speaker's names by which a later sentence may name it ("Rahman
        // said"): the capitalised words that end a new claimant's words, and the curated person
        // who voiced it ("…, said Rami Abdel Rahman, head of the … Observatory").
        if let Some(a) = &own {
            let of_words = match &a.claimant {
                Claimant::New { words, .. } => {
                    let all: Vec<&str> = words.split_whitespace().collect();
                    // "Damascus resident and activist Maath al-Shami"; "Abbas al-Obaidi": a
                    // particle before the family name keeps it a name.
                    let capitalised = |w: &&str| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            || ["al-", "el-"].iter().any(|p| w.starts_with(p))
                    };
                    let run = all.iter().rev().take_while(|w| capitalised(w)).count();
                    let names = &all[all.len() - run..];
                    let person = (2..=4).contains(&names.len())
                        && names[0].chars().next().is_some_and(char::is_uppercase);
                    names
                        .last()
                        .filter(|_| person)
                        .map(|l| lexicon::normalise(l))
                }
                Claimant::Known(_) => None,
            };
            let of_person = a
                .voiced_by
                .as_ref()
                .and_then(|p| lex.actor_labels.get(p))
                .and_then(|l| l.split_whitespace().last())
                .map(lexicon::normalise)
                .filter(|l| l.len() > 3);
            for last in [of_words, of_person].into_iter().flatten() {
                if !named_speakers.iter().any(|(n, _)| *n == last) {
                    named_speakers.push((last, a.clone()));
                }
            }
        }
        let described = own.as_ref().and_then(|a| match &a.claimant {
            Claimant::New {
                words,
                source_type: SourceType::Monitor,
                ..
            } => Some(words.clone()),
            _ => None,
        });
        if let Some(a) = own.as_mut() {
            resolve_monitor(a);
        }
        if let Some(a) = &own {
            current = Some(a.clone());
        }
        // An anaphoric opening ("Two were…", "Three others…", "He said") continues the speaker.
        let first = toks.iter().find(|t| t.kind != text::TokenKind::Punct);
        // A figure opens anaphorically only without a noun of its own ("Two were…", "Three
        // others…", "Two of them"), not "Three members of the SDF were killed…".
        let second = toks
            .iter()
            .filter(|t| t.kind != text::TokenKind::Punct)
            .nth(1);
        let anaphoric = first.is_some_and(|t| {
            let number = t.is_any(&[
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            ]);
            // "Moreover, 93 people were injured": the same account goes on.
            let goes_on = t.is_any(&["moreover", "furthermore", "additionally"])
                || (t.is("in") && second.is_some_and(|n| n.is("addition")));
            (t.is_any(&[
                "he", "she", "they", "it", "another", "others", "of", "among", "these", "those",
            ]) || goes_on
                || (number
                    && second.is_some_and(|n| {
                        n.is_any(&[
                            "others", "other", "more", "of", "were", "was", "had", "have", "died",
                            "are",
                        ])
                    })))
                || (t.norm == "the"
                    && toks.get(1).is_some_and(|n| {
                        // "The dead included 427 Druze fighters": the toll just given.
                        n.is_any(&[
                            "remaining",
                            "others",
                            "rest",
                            "dead",
                            "victims",
                            "casualties",
                        ])
                    }))
        });
        // A sentence that is all quotation ("\"Three soldiers were killed and a fourth was
        // injured.\"") after its speaker's sentence continues that speaker.
        let whole_quote = {
            let inner = raw
                .trim_end_matches(['.', ' '])
                .strip_prefix(['"', '“'])
                .and_then(|r| r.strip_suffix(['"', '”']));
            inner.is_some_and(|i| !i.contains(['"', '“', '”']))
        };
        let anaphoric = anaphoric || whole_quote;
        let speaker: Option<(Attribution, &'static str)> = match (&own, &current) {
            (Some(a), _) => Some((a.clone(), a.rule)),
            (None, Some(c)) if anaphoric && !found.is_empty() => Some((
                Attribution {
                    rule: "carried-speaker",
                    confidence: 0.5,
                    ..c.clone()
                },
                "carried-speaker",
            )),
            _ => None,
        };

        // --- the incident of this sentence --------------------------------------------------
        let main = events::main_trigger(&triggers);
        let event_date = dates.iter().find(|d| !d.stated && !d.compared);
        let place_mention = mentions
            .iter()
            .filter(|m| m.is_place())
            .filter_map(|m| {
                let possessive = |m: &Mention| {
                    let last = toks[m.end - 1].span.of(&text);
                    last.ends_with("'s") || last.ends_with("’s")
                };
                // "in Syria's coastal city of Jableh", "in Kirkuk's Bashir village": the place
                // after its possessor takes the possessor's locative.
                let after_possessor = || {
                    let mut k = m.start;
                    while k > 0 && is_place_word(&toks[k - 1]) && m.start - k < 8 {
                        k -= 1;
                    }
                    let owner = mentions
                        .iter()
                        .find(|o| o.end == k && o.is_place() && possessive(o))?;
                    locative(toks, owner.start, true)
                };
                locative(toks, m.start, possessive(m))
                    .or_else(after_possessor)
                    .map(|q| (m, q))
            })
            .max_by_key(|(m, _)| {
                let sp = match m.place() {
                    Some(Entity::Place { place_type, .. }) => specificity(*place_type),
                    _ => 6,
                };
                (sp, std::cmp::Reverse(m.start))
            });
        let same_incident = toks
            .windows(2)
            .any(|w| w[0].is("same") && w[1].is_any(&["incident", "attack"]));
        // "Elsewhere, … targeted the town of …", "In another attack, …": a new event, whatever
        // it shares with the one just told.
        let another = toks.first().is_some_and(|t| t.is("elsewhere"))
            || (toks.len() > 2
                && toks[0].is("in")
                && (toks[1].is("another") || (toks[1].is("a") && toks[2].is("separate"))));
        let mut incident: Option<(usize, &'static str)> = None;
        if let Some(t) = main {
            // An elaboration of the event just told: no date or place of its own, same type,
            // within two sentences ("The jihadists \"attacked a site…\"").
            let elaborates = place_mention.is_none()
                && event_date.is_none()
                && last_incident.is_some_and(|(i, at)| {
                    si - at <= 2 && b.draft.incidents[i].event_type.value == t.event_type
                });
            let generic = t.plural && event_date.is_none() && found.is_empty();
            let coreferent = !another
                && ((t.definite && place_mention.is_none() && event_date.is_none()) || elaborates)
                || same_incident;
            let merge_with = b.draft.incidents.iter().position(|inc| {
                event_date.is_some_and(|d| {
                    inc.date.as_ref().is_some_and(|x| x.value == d.value)
                        && d.precision == crate::vocab::DatePrecision::Day
                }) && (inc.event_type.value == t.event_type || t.event_type == EventType::Attack)
            });
            if coreferent {
                incident = last_incident.map(|(i, _)| (i, "refers-back-to-last-incident"));
            } else if generic {
                // "where IS attacks are common": no one event.
            } else if let Some(i) = merge_with {
                incident = Some((i, "same-type-and-day-as-earlier-incident"));
            } else if t.definite && last_incident.is_some() && event_date.is_none() && !another {
                incident = last_incident.map(|(i, _)| (i, "refers-back-to-last-incident"));
            } else if let Some((perps, targets)) = Some(events::perpetrators_and_targets(
                toks, &mentions, &triggers, lex,
            ))
            .filter(|(p, tg)| {
                event_date.is_some()
                    || place_mention.is_some()
                    || !p.is_empty()
                    || !tg.is_empty()
                    || !found.is_empty()
            }) {
                let inc = b.incident(
                    opts,
                    ruled(t.event_type, t.rule, 0.7),
                    event_date,
                    place_mention.as_ref(),
                    (perps, targets),
                    (&text, toks, s.span),
                );
                b.draft.incidents.push(inc);
                incident = Some((b.draft.incidents.len() - 1, "trigger-in-sentence"));
            }
        }
        if events::perpetrator_stated_unknown(toks) {
            if let Some((i, _)) = incident.or(last_incident.map(|(i, _)| (i, ""))) {
                if b.draft.incidents[i].perpetrators.is_empty() {
                    b.draft.incidents[i].perpetrator_stated_unknown = true;
                }
            }
        }
        if incident.is_none() && !found.is_empty() {
            incident = match last_incident {
                Some((i, at)) if si - at <= 3 && !another => Some((i, "nearest-earlier-incident")),
                _ => {
                    // "Syrian forces killed 200 people … in Homs": no kind of event, but the
                    // place and the one who killed, as a triggered incident has them.
                    let id = b.next_incident_id(opts);
                    b.draft.review.push(ReviewItem { about: format!("incident.{id}.event_type"), item: "the sentence reports casualties but names no kind of event: `attack` is a placeholder, choose the event type".into() });
                    let inc = b.incident(
                        opts,
                        ruled(EventType::Attack, "placeholder-no-trigger", 0.2),
                        event_date,
                        place_mention.as_ref(),
                        events::perpetrators_and_targets(toks, &mentions, &[], lex),
                        (&text, toks, s.span),
                    );
                    b.draft.incidents.push(inc);
                    Some((b.draft.incidents.len() - 1, "new-incident-for-casualties"))
                }
            };
        }
        if let Some((i, _)) = incident {
            last_incident = Some((i, si));
        }

        // --- responsibility ---------------------------------------------------------------
        if let (Some(actor), Some((i, _))) = (
            events::responsibility(toks, &mentions),
            incident.or(last_incident.map(|(i, _)| (i, ""))),
        ) {
            let src = match lex.source_of_actor.get(&actor) {
                Some(s) => s.clone(),
                None => {
                    let label = lex
                        .actor_labels
                        .get(&actor)
                        .cloned()
                        .unwrap_or_else(|| actor.clone());
                    b.source_id(&Claimant::New {
                        words: label,
                        source_type: SourceType::ArmedGroup,
                        actor: Some(actor.clone()),
                    })
                }
            };
            b.cite(&src);
            let id = format!(
                "{}-responsibility-{}",
                opts.id,
                b.draft.responsibilities.len() + 1
            );
            b.draft.responsibilities.push(DraftResponsibility {
                id,
                incident: i,
                source: src,
                perpetrator: actor,
                evidence: s.span,
            });
        }

        // --- a claimant named after the figures -------------------------------------------
        // "At least 25 civilians have been killed …" and then "According to the Syrian
        // Observatory, the deaths occurred during overnight raids": a sentence with a claimant
        // and no figure of its own, about "the deaths" just told with no claimant, names who
        // gave them; so does "Medical officials confirmed the casualty figures".
        let about_the_dead = toks.windows(2).any(|w| {
            w[0].is("the")
                && w[1].is_any(&[
                    "deaths",
                    "dead",
                    "killings",
                    "victims",
                    "casualties",
                    "casualty",
                    "toll",
                    "figures",
                ])
        }) && !toks.iter().any(|t| t.kind == text::TokenKind::Number);
        if let (true, true, Some(a), Some((at, claims))) = (
            found.is_empty(),
            about_the_dead,
            own.as_ref().filter(|a| a.rule != "carried-speaker"),
            unattributed.as_ref(),
        ) {
            if si - at <= 2 {
                let src = b.source_id(&a.claimant);
                let words = claimant_name(&a.claimant, lex);
                let via = a.relay.as_ref().map(|r| b.source_id(r));
                b.cite(&src);
                for &ci in claims {
                    let c = &mut b.draft.casualties[ci];
                    c.source = ruled(src.clone(), "claimant-named-after-figure", 0.5);
                    c.claimant_text = words.clone();
                    c.via = via.clone();
                    let about = format!("casualty_claim.{}.source", c.id);
                    if let Some(r) = b.draft.review.iter_mut().find(|r| r.about == about) {
                        r.item = format!(
                            "no claimant in the figure's sentence: written as the claimant of sentence {}, which speaks of the dead just told; check",
                            si + 1
                        );
                    }
                }
            }
            unattributed = None;
        }

        // --- casualty claims --------------------------------------------------------------
        // "SOHR confirmed a dozen deaths, while the LCC said 45 people were killed" (with or
        // without the comma), "Islamist sources mention more than forty dead; PYD sources
        // mention three dead": a clause with a speaker of its own speaks for its figures.
        let clause_speakers: Vec<(usize, usize, Attribution)> = {
            // "…, 7 according to the Syrian Observatory, and “15” according to other sources":
            // each toll of a list by source is a clause of its own.
            let mut cuts: Vec<usize> = (1..toks.len())
                .filter(|&j| toks[j].is_any(&["while", "whereas", ";"]))
                .chain(
                    found
                        .iter()
                        .filter_map(|c| casualty::figure_by_source(toks, c.start, c.end)),
                )
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            if cuts.is_empty() {
                Vec::new()
            } else {
                let bounds: Vec<usize> = std::iter::once(0)
                    .chain(cuts)
                    .chain(std::iter::once(toks.len()))
                    .collect();
                bounds
                    .windows(2)
                    .filter_map(|w| {
                        let (a, e) = (w[0], w[1]);
                        let ms: Vec<Mention> = mentions
                            .iter()
                            .filter(|m| m.start >= a && m.end <= e)
                            .map(|m| Mention {
                                start: m.start - a,
                                end: m.end - a,
                                entities: m.entities.clone(),
                            })
                            .collect();
                        let own = attribution::attribution(
                            &text,
                            &toks[a..e],
                            &ms,
                            lex,
                            Some(&publisher_id),
                        );
                        let mut at = match own {
                            Some((_, true)) => return None,
                            Some((at, false)) => at,
                            // "… while the Committees said at least 15 were killed": the last
                            // word of a speaker named before.
                            None => last_name_of(&named_speakers, &toks[a..e])?,
                        };
                        resolve_monitor(&mut at);
                        Some((a, e, at))
                    })
                    .collect()
            }
        };
        let stated = dates.iter().find(|d| d.stated).map(|d| d.value.clone());
        let first_index = b.draft.casualties.len();
        // A quotation ("“At dawn, … killing at least eight Syrian troops,” it added") restates
        // the figures of its speaker told before it.
        let opens_quote_mark = raw.starts_with(['"', '“']);
        let mut index_of: Vec<Option<usize>> = Vec::new();
        for c in &found {
            let Some((inc, inc_rule)) = incident else {
                break;
            };
            let n = b.draft.casualties.len() + 1;
            let id = format!("{}-casualty-{n}", opts.id);
            let quantity_text =
                text[toks[c.start].span.start..toks[c.end - 1].span.end].to_string();
            let in_clause = clause_speakers
                .iter()
                .find(|(a, e, _)| *a <= c.start && c.start < *e)
                .map(|(_, _, at)| (at.clone(), at.rule));
            let described = if in_clause.is_some() {
                None
            } else {
                described.clone()
            };
            let (source, claimant_text, via, voiced_by, rule, confidence) =
                match in_clause.as_ref().or(speaker.as_ref()) {
                    Some((a, rule)) => {
                        let src = b.source_id(&a.claimant);
                        let via = a.relay.as_ref().map(|r| b.source_id(r));
                        let words = described
                            .clone()
                            .or_else(|| claimant_name(&a.claimant, lex));
                        (src, words, via, a.voiced_by.clone(), *rule, a.confidence)
                    }
                    None => (
                        publisher_id.clone(),
                        None,
                        None,
                        None,
                        "no-claimant-publisher",
                        0.5,
                    ),
                };
            // An earlier sentence's claim of the same kind, incident and claimant.
            let same_claim = |o: &&DraftCasualty| {
                (o.incident == inc || opens_quote_mark)
                    && o.casualty_type == c.casualty_type
                    && o.source.value == source
            };
            let earlier = &b.draft.casualties[..first_index];
            // "one person has been killed …. In al-Rashdin …, an air strike left one woman
            // killed": one person and then another (their groups share no word), not the same
            // figure twice.
            const FILLER: &[&str] = &["one", "more", "a", "an", "the", "of", "was", "were"];
            let own_words: Vec<&str> = c.group_words.map_or(Vec::new(), |(a, e)| {
                toks[a..e]
                    .iter()
                    .filter(|t| t.kind == text::TokenKind::Word && !t.is_any(FILLER))
                    .map(|t| t.norm.as_str())
                    .collect()
            });
            let another_one = |o: &DraftCasualty| {
                (c.min, c.max) == (Some(1), Some(1))
                    && !own_words.is_empty()
                    && o.group_text.as_ref().is_some_and(|g| {
                        let theirs = lexicon::normalise(g);
                        !theirs.split(' ').any(|w| own_words.contains(&w))
                    })
            };
            let same_figure = |o: &DraftCasualty| {
                (o.min, o.max) == (c.min, c.max)
                    && (c.min.is_some() || c.max.is_some())
                    && !another_one(o)
            };
            // The same figure again (a lead and then its quotation): one claim. "The official
            // media provided no details on how the six children were killed": with no claimant
            // of its own, "the" before a figure told earlier names those people again; it is
            // no figure of the publisher's.
            let definite = c.start > 0
                && toks[c.start - 1].is("the")
                && in_clause.is_none()
                && speaker.is_none();
            if earlier.iter().filter(same_claim).any(&same_figure)
                || (definite
                    && earlier
                        .iter()
                        .any(|o| o.casualty_type == c.casualty_type && same_figure(o)))
            {
                index_of.push(None);
                continue;
            }
            // "At least three Iraqi troops have been killed …, a security source reported" and
            // then the source's "Three soldiers were killed": one claim, in the more precise
            // words (its slot and id stay the lead's).
            let sharpens = earlier.iter().position(|o| {
                same_claim(&o)
                    && o.bounds_rule == "at-least"
                    && o.max.is_none()
                    && c.min.is_some()
                    && o.min == c.min
                    && c.max == c.min
            });
            index_of.push(Some(sharpens.unwrap_or(b.draft.casualties.len())));
            let id = match sharpens {
                Some(oi) => b.draft.casualties[oi].id.clone(),
                None => id,
            };
            b.cite(&source);
            if let Some(v) = &via {
                b.cite(v);
            }
            // A sharpened claim keeps the lead's review items (same claimant, same id).
            match rule {
                _ if sharpens.is_some() => {}
                "no-claimant-publisher" => b.draft.review.push(ReviewItem { about: format!("casualty_claim.{id}.source"), item: "no claimant stated in the sentence: written as the publisher's own statement; check the sentences before it".into() }),
                "descriptive-monitor-named-in-article" => b.draft.review.push(ReviewItem {
                    about: format!("casualty_claim.{id}.source"),
                    item: format!(
                        "the sentence names \"{}\": written as the one monitor the article names; check",
                        described.as_deref().unwrap_or("")
                    ),
                }),
                "carried-speaker" => b.draft.review.push(ReviewItem { about: format!("casualty_claim.{id}.source"), item: "claimant carried over from an earlier sentence (no cue in this one): check".into() }),
                "definite-description-no-antecedent" => b.draft.review.push(ReviewItem { about: format!("casualty_claim.{id}.source"), item: "the sentence names its speaker only by a description no earlier sentence names (\"the state news agency\"): written by those words; check which source it is".into() }),
                _ => {}
            }
            let group_text = c.group_words.and_then(|(mut a, mut e)| {
                // The group's noun phrase without "of", "the number of" or the auxiliaries after it.
                while a < e
                    && toks[a].is_any(&[
                        "of", "the", "number", "them", "whom", "those", "were", "was",
                    ])
                {
                    a += 1;
                }
                while e > a
                    && toks[e - 1].is_any(&[
                        "were",
                        "was",
                        "have",
                        "has",
                        "been",
                        "could",
                        "may",
                        "might",
                        "also",
                        "reportedly",
                        "had",
                        "be",
                        "and",
                        "are",
                        "is",
                    ])
                {
                    e -= 1;
                }
                (a < e).then(|| text[toks[a].span.start..toks[e - 1].span.end].to_string())
            });
            if c.group.is_none() {
                b.draft.review.push(ReviewItem {
                    about: format!("casualty_claim.{id}.group"),
                    item: format!(
                        "no curated actor for the group {}: add `group` if one fits",
                        group_text
                            .as_deref()
                            .map_or("(not named)".to_string(), |g| format!("\"{g}\""))
                    ),
                });
            }
            if c.min.is_none() && c.max.is_none() {
                b.draft.review.push(ReviewItem {
                    about: format!("casualty_claim.{id}.min"),
                    item: format!(
                        "\"{quantity_text}\" gives no bound (rule {}): none written",
                        c.quantity_rule
                    ),
                });
            }
            if inc_rule == "nearest-earlier-incident" {
                b.draft.review.push(ReviewItem { about: format!("casualty_claim.{id}.incident"), item: "attached to the incident told just before (the sentence names no event): check".into() });
            }
            let claim = DraftCasualty {
                id,
                incident: inc,
                incident_rule: inc_rule,
                casualty_type: c.casualty_type,
                group: c.group.clone(),
                group_text,
                min: c.min,
                max: c.max,
                quantity_text,
                bounds_rule: c.quantity_rule,
                source: ruled(source, rule, confidence),
                claimant_text,
                via,
                voiced_by,
                hedge: {
                    // The hedge of the figure's own clause: around the figure and its verb.
                    let (a, e) = if c.verb >= c.end {
                        (c.start, c.verb + 1)
                    } else {
                        (c.verb, c.end)
                    };
                    attribution::hedge(&toks[a.saturating_sub(3)..(e + 1).min(toks.len())])
                        .map(|(h, r)| ruled(h, r, 0.8))
                },
                // Set below, once every figure of the sentence has its place.
                part_of: None,
                stated: stated.clone(),
                evidence: s.span,
                rule: c.rule,
            };
            match sharpens {
                Some(oi) => b.draft.casualties[oi] = claim,
                None => b.draft.casualties.push(claim),
            }
        }
        // Parts point to their whole's claim, which may come after them in the sentence
        // ("Eight Iranians were among 15 … killed").
        for (c, at) in found.iter().zip(&index_of) {
            if let Some(at) = at {
                b.draft.casualties[*at].part_of =
                    c.part_of.and_then(|p| index_of.get(p).copied().flatten());
            }
        }
        // The figures of this sentence written as the publisher's own, for a claimant named
        // just after them.
        if !found.is_empty() {
            let mine: Vec<usize> = (first_index..b.draft.casualties.len())
                .filter(|&ci| b.draft.casualties[ci].source.rule == "no-claimant-publisher")
                .collect();
            if !mine.is_empty() {
                unattributed = Some((si, mine));
            } else if own.is_some() {
                unattributed = None;
            }
        }
        let _ = &b.publisher_name;
    }
    b.draft.text = text;
    b.draft.new_actors = new_actors(&b.draft, lex);
    for a in &b.draft.new_actors {
        b.draft.review.push(ReviewItem {
            about: format!("actor.{}", a.id),
            item: format!(
                "new actor \"{}\" (a well-known actor, category {}) proposed in the reference draft: check it, or replace it by a curated actor",
                a.label,
                a.category.id()
            ),
        });
    }
    Ok(b.draft)
}

/// A claimant's name: a curated source's label, or the text's words for a new one.
fn claimant_name(c: &Claimant, lex: &Lexicon) -> Option<String> {
    match c {
        Claimant::Known(id) => lex.source_labels.get(id).cloned(),
        Claimant::New { words, .. } => Some(words.clone()),
    }
}

/// "According to Yegorov", "Yegorov added": the last name of a person named before (one of
/// `speakers`, by last name) with a cue of speech, as that person's attribution.
fn last_name_of(speakers: &[(String, Attribution)], toks: &[text::Token]) -> Option<Attribution> {
    toks.iter().enumerate().find_map(|(j, t)| {
        let (_, a) = speakers.iter().find(|(n, _)| t.is(n))?;
        // "According to Yegorov", "Yegorov added", "Mirkhan reported", "…, said
        // Abdullah."
        const VERBS: &[&str] = &[
            "said",
            "says",
            "added",
            "told",
            "stated",
            "noted",
            "reported",
            "confirmed",
        ];
        let cue = (j >= 2 && toks[j - 1].is("to") && toks[j - 2].is("according"))
            || toks.get(j + 1).is_some_and(|v| v.is_any(VERBS))
            || (j >= 1
                && toks[j - 1].is_any(&["said", "says", "added"])
                && toks.get(j + 1).is_none_or(|t| t.is_any(&[".", ","])));
        cue.then(|| Attribution {
            rule: "last-name-of-earlier-speaker",
            confidence: 0.6,
            ..a.clone()
        })
    })
}

/// For each sentence inside a quotation that closes in a later sentence, that sentence. A
/// quotation is inside from the mark that opens a sentence, or from before the sentence;
/// a paragraph that opens with a mark while a quotation is open continues it (the quotation
/// that runs over paragraphs), one that does not ends it.
fn quotation_ends(text: &str, sentences: &[Sentence]) -> Vec<Option<usize>> {
    let mut out = vec![None; sentences.len()];
    let mut pending: Vec<usize> = Vec::new();
    let mut inside = false;
    for (si, s) in sentences.iter().enumerate() {
        let new_paragraph = si > 0 && text[sentences[si - 1].span.end..s.span.start].contains('\n');
        let starts_with_mark = s.tokens.first().is_some_and(|t| t.is("\""));
        let mut marks = s
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is("\""))
            .map(|(j, _)| j);
        if inside && new_paragraph {
            if starts_with_mark {
                marks.next();
            } else {
                pending.clear();
                inside = false;
            }
        }
        if inside {
            pending.push(si);
        }
        for j in marks {
            if inside {
                inside = false;
                for p in pending.drain(..) {
                    if p != si {
                        out[p] = Some(si);
                    }
                }
            } else {
                inside = true;
                if j == 0 {
                    pending.push(si);
                }
            }
        }
    }
    out
}

/// The earlier claimant that `c`, a definite description ("The Defence Ministry"), refers to:
/// the last one whose name holds every word of the description after "the" (spelling variants
/// folded: defense/defence, center/centre), and only if there is one such.
fn described_earlier(c: &Claimant, seen: &[Claimant], lex: &Lexicon) -> Option<Claimant> {
    let Claimant::New { words, .. } = c else {
        return None;
    };
    let fold = |w: &str| -> String {
        match w {
            "defense" => "defence".into(),
            "center" => "centre".into(),
            w => w.to_string(),
        }
    };
    let norm = lexicon::normalise(words);
    let mut description = norm.split(' ');
    if description.next() != Some("the") {
        return None;
    }
    let content: Vec<String> = description.map(fold).collect();
    if content.is_empty() {
        return None;
    }
    let matches: Vec<&Claimant> = seen
        .iter()
        .filter(|e| *e != c)
        .filter(|e| {
            claimant_name(e, lex).is_some_and(|n| {
                let name: Vec<String> = lexicon::normalise(&n).split(' ').map(fold).collect();
                content.iter().all(|w| name.contains(w))
            })
        })
        .collect();
    (matches.len() == 1).then(|| matches[0].clone())
}

/// The well-known actors the draft uses that the curated data lacks, in order of first use.
fn new_actors(d: &Draft, lex: &Lexicon) -> Vec<NewActor> {
    let used = d
        .incidents
        .iter()
        .flat_map(|i| i.perpetrators.iter().chain(&i.targets).map(|a| &a.value))
        .chain(d.casualties.iter().filter_map(|c| c.group.as_ref()))
        .chain(d.responsibilities.iter().map(|r| &r.perpetrator))
        .chain(d.new_sources.iter().filter_map(|s| s.actor.as_ref()));
    let mut out: Vec<NewActor> = Vec::new();
    for id in used {
        if let (Some(category), Some(label)) =
            (lex.proposed_actors.get(id), lex.actor_labels.get(id))
        {
            if !out.iter().any(|a| &a.id == id) {
                out.push(NewActor {
                    id: id.clone(),
                    label: label.clone(),
                    category: *category,
                });
            }
        }
    }
    out
}

/// A subheading: a paragraph of one line, of at most 25 words, without a sentence's final
/// stop ("SOHR: 4 members of SMO killed"). Like the headline, it repeats the body.
fn is_heading(text: &str, span: text::Span) -> bool {
    let line = span.of(text);
    let before = &text[..span.start];
    let after = &text[span.end..];
    let own_paragraph = (before.is_empty() || before.ends_with("\n\n"))
        && (after.trim().is_empty() || after.starts_with("\n\n"));
    // A text cut off mid-sentence ("… said at least six people — five Iranians and a Syrian —
    // were killed in") ends on a word no heading ends on.
    let last = line.split_whitespace().last().unwrap_or("");
    let cut_off = [
        "in", "of", "the", "a", "an", "and", "or", "to", "at", "on", "by", "for", "with", "from",
        "that", "as", "its", "their", "his", "her", "were", "was", "had", "have", "has",
    ]
    .contains(&last);
    own_paragraph
        && !line.contains('\n')
        && !line.trim_end().ends_with(['.', '!', '?', '"', '”', '\''])
        && line.split_whitespace().count() <= 25
        && !cut_off
}

#[cfg(test)]
mod tests;
