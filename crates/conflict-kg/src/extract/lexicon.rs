//! What the extractor recognises by name: the curated actors, places and sources (labels and
//! aliases, `data/aliases.toml` names), persons who speak for a source, and gazetteer places;
//! and the matching of all of them in a sentence's tokens.
//!
//! Matching is longest-leftmost over token n-grams of the normalised forms. Short all-capital
//! names ("IS", "US", "SDF") match only as written, so the verb "is" is never Islamic State.
//! Gazetteer places are tried only on capitalised words not already inside an actor, person or
//! source name ("Bashar" in "Bashar al-Assad" is not a village), through the
//! transliteration-aware `name_key` that `ckg link` uses (Mayadin = Mayadeen).

use super::text::{Token, TokenKind};
use crate::gazetteer::{Gazetteer, fold, name_key};
use crate::model::Model;
use crate::vocab::{ActorCategory, PlaceType, SourceType};
use std::collections::HashMap;

/// What a name stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entity {
    Actor {
        id: String,
    },
    Place {
        id: String,
        place_type: PlaceType,
    },
    Source {
        id: String,
        source_type: SourceType,
        actor: Option<String>,
    },
    /// A gazetteer entry no curated place matches: proposed as a new place.
    GazetteerPlace {
        index: usize,
    },
    /// A well-known source the curated data does not have ([`WELL_KNOWN_SOURCES`]): proposed
    /// as a new source under its usual name, whatever form the text uses ("Sana", "SANA").
    Outlet {
        label: &'static str,
        source_type: SourceType,
    },
}

/// Sources that report the war's tolls again and again, by their usual name and the forms
/// texts use, for articles that cite them before any curated report does. A curated source
/// of the same name wins. The type is what the source is (a news agency, a monitor, a UN
/// body), not a guess from the sentence's words.
pub(crate) const WELL_KNOWN_SOURCES: &[(&str, SourceType, &[&str])] = &[
    (
        "Syrian Arab News Agency",
        SourceType::NewsAgency,
        &["SANA", "Sana", "Syrian Arab News Agency"],
    ),
    (
        "Anadolu Agency",
        SourceType::NewsAgency,
        &["Anadolu Agency", "Anadolu", "Anadolu news agency"],
    ),
    ("Reuters", SourceType::NewsAgency, &["Reuters"]),
    // Syria's state news channel.
    (
        "Al-Ikhbariya",
        SourceType::NewsAgency,
        &["Al-Ikhbariya", "Al-Ikhbariah", "Al Ikhbariya", "Ikhbariya"],
    ),
    (
        "Associated Press",
        SourceType::NewsAgency,
        &["Associated Press", "The Associated Press"],
    ),
    (
        "Islamic Republic News Agency",
        SourceType::NewsAgency,
        &["IRNA", "Islamic Republic News Agency"],
    ),
    (
        "Tasnim News Agency",
        SourceType::NewsAgency,
        &["Tasnim", "Tasnim News Agency"],
    ),
    (
        "Fars News Agency",
        SourceType::NewsAgency,
        &["Fars News Agency"],
    ),
    (
        "Mehr News Agency",
        SourceType::NewsAgency,
        &["Mehr News Agency"],
    ),
    (
        "Hawar News Agency",
        SourceType::NewsAgency,
        &["Hawar News Agency", "ANHA", "Hawar news"],
    ),
    (
        "North Press Agency",
        SourceType::NewsAgency,
        &["North Press Agency", "North Press"],
    ),
    ("Rudaw", SourceType::OnlineOutlet, &["Rudaw"]),
    // The Islamic State's own news agency: its claims are the group's.
    (
        "Amaq News Agency",
        SourceType::ArmedGroup,
        &["Amaq", "Amaq News Agency", "A'maq"],
    ),
    (
        "Deutsche Presse-Agentur",
        SourceType::NewsAgency,
        &["Deutsche Presse-Agentur", "DPA", "dpa"],
    ),
    (
        "Xinhua",
        SourceType::NewsAgency,
        &["Xinhua", "Xinhua News Agency"],
    ),
    ("TASS", SourceType::NewsAgency, &["TASS", "Tass"]),
    (
        "RIA Novosti",
        SourceType::NewsAgency,
        &["RIA Novosti", "RIA"],
    ),
    ("Interfax", SourceType::NewsAgency, &["Interfax"]),
    ("Sputnik", SourceType::NewsAgency, &["Sputnik"]),
    (
        "WAFA",
        SourceType::NewsAgency,
        &["WAFA", "Wafa", "Palestinian News and Information Agency"],
    ),
    (
        "Rojava Information Center",
        SourceType::Monitor,
        &[
            "Rojava Information Center",
            "Rojava Information Centre",
            "RIC",
        ],
    ),
    (
        "Kurdistan 24",
        SourceType::OnlineOutlet,
        &["Kurdistan 24", "Kurdistan24"],
    ),
    ("Enab Baladi", SourceType::OnlineOutlet, &["Enab Baladi"]),
    ("Nour News", SourceType::OnlineOutlet, &["Nour News"]),
    // Broadcasters and papers that tolls are attributed to ("According to Al Jazeera").
    (
        "Al Jazeera",
        SourceType::OnlineOutlet,
        &["Al Jazeera", "Al-Jazeera", "Aljazeera", "Al Jazeera Arabic"],
    ),
    (
        "Al Arabiya",
        SourceType::OnlineOutlet,
        &["Al Arabiya", "Al-Arabiya"],
    ),
    (
        "Al-Manar",
        SourceType::OnlineOutlet,
        &["Al-Manar", "Al Manar"],
    ),
    (
        "Sky News Arabia",
        SourceType::OnlineOutlet,
        &["Sky News Arabia"],
    ),
    (
        "Asharq Al-Awsat",
        SourceType::Newspaper,
        &["Asharq Al-Awsat", "Asharq al-Awsat"],
    ),
    ("Al-Watan", SourceType::Newspaper, &["Al-Watan", "Al Watan"]),
    ("Orient News", SourceType::OnlineOutlet, &["Orient News"]),
    (
        "Step News Agency",
        SourceType::NewsAgency,
        &["Step News Agency", "Step News"],
    ),
    (
        "Local Coordination Committees",
        SourceType::Monitor,
        &["Local Coordination Committees", "LCC"],
    ),
    (
        "Syrian Network for Human Rights",
        SourceType::Monitor,
        &[
            "Syrian Network for Human Rights",
            "Syrian Network of Human Rights",
            "SNHR",
        ],
    ),
    (
        "Violations Documentation Center",
        SourceType::Monitor,
        &[
            "Violations Documentation Center",
            "Violations Documentation Centre",
            "VDC",
        ],
    ),
    ("Airwars", SourceType::Monitor, &["Airwars"]),
    (
        "United Nations",
        SourceType::Official,
        &["United Nations", "UN"],
    ),
    ("UNICEF", SourceType::Official, &["UNICEF"]),
    (
        "World Health Organization",
        SourceType::Official,
        &["World Health Organization", "WHO"],
    ),
    (
        "Syria Civil Defence (White Helmets)",
        SourceType::Official,
        &[
            "White Helmets",
            "White Helmet",
            "Syria Civil Defence",
            "Syrian Civil Defence",
            "Syrian Civil Defense",
            "Syrian Civil Defenses",
            "Syria Civil Defense",
        ],
    ),
    (
        "Syrian Arab Red Crescent",
        SourceType::Official,
        &["Syrian Arab Red Crescent", "SARC"],
    ),
    (
        "Turkish Ministry of National Defence",
        SourceType::Government,
        &[
            "Turkish Ministry of National Defence",
            "Turkish Ministry of National Defense",
            "Turkish National Defence Ministry",
            "Turkish National Defense Ministry",
            "Turkey's National Defense Ministry",
            "Turkey's National Defence Ministry",
            "Turkish Defence Ministry",
            "Turkish Defense Ministry",
            "Turkey's Defense Ministry",
            "Turkey's Defence Ministry",
        ],
    ),
    (
        "Russian Centre for Reconciliation",
        SourceType::Military,
        &[
            "Russian reconciliation center",
            "Russian reconciliation centre",
            "Russian Center for Reconciliation",
            "Russian Centre for Reconciliation",
            "Russian Center for the Reconciliation of the Opposing Sides",
        ],
    ),
];

/// Actors the war's reports name again and again, by their usual name and the forms texts
/// use, for articles that name them before any curated report does: a draft that names one
/// proposes it as a new actor (`Draft::new_actors`), as it does a well-known source. A curated
/// actor with any of the names wins. The category is what the actor is, not a guess.
pub(crate) const WELL_KNOWN_ACTORS: &[(&str, ActorCategory, &[&str])] = &[
    (
        "Turkey",
        ActorCategory::Government,
        &[
            "Turkey",
            "Türkiye",
            "Turkiye",
            "Ankara",
            "Turkish government",
        ],
    ),
    (
        "Turkish Armed Forces",
        ActorCategory::ExternalForces,
        &[
            "Turkish Armed Forces",
            "Turkish army",
            "Turkish forces",
            "Turkish military",
            "Turkish troops",
            "Turkish soldiers",
            "Turkish commandos",
        ],
    ),
    (
        "Israel",
        ActorCategory::Government,
        &["Israel", "Israeli government"],
    ),
    (
        "Israel Defense Forces",
        ActorCategory::ExternalForces,
        &[
            "Israel Defense Forces",
            "IDF",
            "Israeli army",
            "Israeli military",
            "Israeli forces",
        ],
    ),
    // Not "Iran": the curated place's name.
    (
        "Iran",
        ActorCategory::Government,
        &["Tehran", "Iranian government"],
    ),
    (
        "Islamic Revolutionary Guard Corps",
        ActorCategory::ExternalForces,
        &[
            "Islamic Revolutionary Guard Corps",
            "IRGC",
            "Revolutionary Guards",
            "Revolutionary Guard",
            "Iranian Revolutionary Guards",
            "Iran's Revolutionary Guards",
        ],
    ),
    (
        "Hezbollah",
        ActorCategory::PoliticalMilitia,
        &["Hezbollah", "Hizbollah", "Hizbullah", "Lebanese Hezbollah"],
    ),
    (
        "Hayat Tahrir al-Sham",
        ActorCategory::RebelGroup,
        &["Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"],
    ),
    (
        "Nusra Front",
        ActorCategory::RebelGroup,
        &[
            "Nusra Front",
            "al-Nusra Front",
            "Jabhat al-Nusra",
            "al-Nusra",
            "Nusra",
        ],
    ),
    (
        "People's Protection Units (YPG)",
        ActorCategory::IdentityMilitia,
        &[
            "YPG",
            "People's Protection Units",
            "Kurdish People's Protection Units",
            "YPG/PKK",
        ],
    ),
    (
        "Kurdistan Workers' Party (PKK)",
        ActorCategory::RebelGroup,
        &["PKK", "Kurdistan Workers' Party"],
    ),
    (
        "Peshmerga",
        ActorCategory::StateForces,
        &["Peshmerga", "Kurdish Peshmerga", "Peshmerga forces"],
    ),
    (
        "Iraqi security forces",
        ActorCategory::StateForces,
        &[
            "Iraqi security forces",
            "Iraqi forces",
            "Iraqi army",
            "Iraqi troops",
        ],
    ),
    (
        "Popular Mobilization Forces",
        ActorCategory::StateForces,
        &[
            "Popular Mobilization Forces",
            "Popular Mobilisation Forces",
            "PMF",
            "Hashd al-Shaabi",
        ],
    ),
    (
        "Syrian National Army",
        ActorCategory::RebelGroup,
        &[
            "Syrian National Army",
            "SNA",
            "Turkish-backed Syrian National Army",
        ],
    ),
    (
        "Free Syrian Army",
        ActorCategory::RebelGroup,
        &["Free Syrian Army", "FSA"],
    ),
    (
        "Asayish",
        ActorCategory::StateForces,
        &["Asayish", "Asayesh"],
    ),
    (
        "Jaish al-Islam",
        ActorCategory::RebelGroup,
        &["Jaish al-Islam"],
    ),
    (
        "Ahrar al-Sham",
        ActorCategory::RebelGroup,
        &["Ahrar al-Sham"],
    ),
    (
        "Hurras al-Din",
        ActorCategory::RebelGroup,
        &["Hurras al-Din", "Hurras al-Deen"],
    ),
    (
        "Liwa al-Quds",
        ActorCategory::PoliticalMilitia,
        &["Liwa al-Quds"],
    ),
];

/// A nationality adjective right before an attack noun ("a Turkish drone targeted", "Israeli
/// missile strikes", "a Russian raid", "a regime air strike") says whose forces carried it
/// out: the adjective and a name of that state's actor (curated or well-known).
pub(crate) const ATTACKER_ADJECTIVES: &[(&str, &str)] = &[
    ("turkish", "Turkey"),
    ("israeli", "Israel"),
    ("russian", "Russia"),
    ("american", "United States"),
    ("iranian", "Iranian government"),
    ("regime", "Syrian regime"),
];

#[derive(Debug, Clone)]
struct Name {
    /// The name as curated (for the case-sensitive check of acronyms).
    written: String,
    case_sensitive: bool,
    entity: Entity,
}

/// The names the extractor knows.
#[derive(Debug, Default)]
pub struct Lexicon {
    names: HashMap<String, Vec<Name>>,
    longest: usize,
    /// Curated place keys (`name_key` of labels and aliases) → place id and type.
    place_keys: HashMap<String, (String, PlaceType)>,
    /// Curated persons' keys (`person_key` of labels and aliases) → actor id.
    person_keys: HashMap<String, String>,
    gazetteer: Option<Gazetteer>,
    pub(crate) actor_labels: HashMap<String, String>,
    pub(crate) place_labels: HashMap<String, String>,
    pub(crate) source_labels: HashMap<String, String>,
    /// Persons (actor id) → the source they speak for.
    pub(crate) speaks_for: HashMap<String, String>,
    /// Actor id → the source that is that actor (the Russian MoD states facts).
    pub(crate) source_of_actor: HashMap<String, String>,
    pub(crate) source_types: HashMap<String, SourceType>,
    pub(crate) place_parent: HashMap<String, String>,
    /// Every curated source id (new ones must not collide).
    pub(crate) source_ids: std::collections::HashSet<String>,
    /// Actors that are one person.
    pub(crate) persons: std::collections::HashSet<String>,
    /// Well-known actors the curated data lacks (id → category; the label is in
    /// `actor_labels`), not yet proposed by an earlier draft of the run.
    pub(crate) proposed_actors: HashMap<String, ActorCategory>,
}

/// One name found in a sentence: tokens `[start, end)` and everything it may stand for.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub entities: Vec<Entity>,
}

impl Mention {
    pub(crate) fn actor(&self) -> Option<&str> {
        self.entities.iter().find_map(|e| match e {
            Entity::Actor { id } => Some(id.as_str()),
            _ => None,
        })
    }
    pub(crate) fn source(&self) -> Option<&str> {
        self.entities.iter().find_map(|e| match e {
            Entity::Source { id, .. } => Some(id.as_str()),
            _ => None,
        })
    }
    /// A well-known source that is not curated: its usual name and type.
    pub(crate) fn outlet(&self) -> Option<(&'static str, SourceType)> {
        self.entities.iter().find_map(|e| match e {
            Entity::Outlet { label, source_type } => Some((*label, *source_type)),
            _ => None,
        })
    }
    pub(crate) fn is_place(&self) -> bool {
        self.entities
            .iter()
            .any(|e| matches!(e, Entity::Place { .. } | Entity::GazetteerPlace { .. }))
    }
    pub(crate) fn place(&self) -> Option<&Entity> {
        self.entities
            .iter()
            .find(|e| matches!(e, Entity::Place { .. } | Entity::GazetteerPlace { .. }))
    }
}

/// Lower case, typographic quotes folded, possessive `'s` dropped, one space between tokens:
/// the form both names and text are compared in.
pub fn normalise(name: &str) -> String {
    let span = super::text::Span {
        start: 0,
        end: name.len(),
    };
    super::text::tokens(name, span)
        .iter()
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// English words that are also place names somewhere, never taken from the gazetteer (and
/// the month and weekday names, by `Token::is_month`/`is_weekday`).
const NOT_PLACES: &[&str] = &[
    "the",
    "this",
    "that",
    "there",
    "they",
    "video",
    "major",
    "general",
    "colonel",
    "president",
    "minister",
    "ministry",
    "observatory",
    "state",
    "group",
    "forces",
    "army",
    "credit",
    "handout",
    "photo",
    "three",
    "many",
    "most",
    "some",
    "russian",
    "syrian",
    "american",
    "iranian",
    "iraqi",
    "turkish",
    "kurdish",
    "arab",
    "islamic",
    "coalition",
    "government",
    "officials",
    "official",
    "sunni",
    "shia",
    "shiite",
    "alawite",
    "christian",
    "reuters",
    "associated",
    "press",
    "news",
    "agency",
    "times",
    "post",
    "afp",
    "monitor",
];

/// Whether `label` is the usual name of one of the [`WELL_KNOWN_SOURCES`].
pub(crate) fn is_well_known(label: &str) -> bool {
    WELL_KNOWN_SOURCES.iter().any(|(l, _, _)| *l == label)
}

impl Lexicon {
    /// The curated names of `model`, the dataset names of `aliases` (dataset name → actor id),
    /// and optionally a gazetteer for places the curated data does not have.
    pub fn new(model: &Model, aliases: &[(String, String)], gazetteer: Option<Gazetteer>) -> Self {
        let mut lex = Lexicon::default();
        for a in &model.actors {
            lex.actor_labels.insert(a.id.clone(), a.label.clone());
            if a.person || a.category == crate::vocab::ActorCategory::Individual {
                lex.persons.insert(a.id.clone());
            }
            for n in std::iter::once(&a.label).chain(&a.aliases) {
                lex.add(n, Entity::Actor { id: a.id.clone() });
                // A proper name, every word capitalised ("a lieutenant general" is a
                // description, not a name to spell otherwise).
                let proper = n.split_whitespace().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || w.starts_with("al-")
                        || w.starts_with("el-")
                });
                if proper && lex.persons.contains(&a.id) {
                    let key = person_key(n);
                    if key.len() >= 8 {
                        lex.person_keys.entry(key).or_insert_with(|| a.id.clone());
                    }
                }
            }
            if let Some(s) = a.speaks_for.first() {
                lex.speaks_for.insert(a.id.clone(), s.clone());
            }
        }
        for (name, id) in aliases {
            lex.add(name, Entity::Actor { id: id.clone() });
        }
        for p in &model.places {
            lex.place_labels.insert(p.id.clone(), p.label.clone());
            if let Some(w) = &p.within {
                lex.place_parent.insert(p.id.clone(), w.clone());
            }
            for n in std::iter::once(&p.label).chain(&p.aliases) {
                let e = Entity::Place {
                    id: p.id.clone(),
                    place_type: p.place_type,
                };
                lex.add(n, e);
                let key = name_key(n);
                if !key.is_empty() {
                    let slot = lex
                        .place_keys
                        .entry(key)
                        .or_insert((p.id.clone(), p.place_type));
                    // Prefer the more precise of two places sharing a name (city over governorate).
                    if specificity(p.place_type) > specificity(slot.1) {
                        *slot = (p.id.clone(), p.place_type);
                    }
                }
            }
        }
        for s in &model.sources {
            lex.source_ids.insert(s.id.clone());
            if s.source_type == SourceType::Curator {
                continue;
            }
            lex.add_source(&s.id, &s.label, s.source_type, s.actor.as_ref(), &s.aliases);
        }
        for (label, source_type, names) in WELL_KNOWN_SOURCES {
            let curated = std::iter::once(label)
                .chain(names.iter())
                .any(|n| lex.names.contains_key(&normalise(n)));
            if curated {
                continue;
            }
            for n in names.iter() {
                lex.add(
                    n,
                    Entity::Outlet {
                        label,
                        source_type: *source_type,
                    },
                );
            }
        }
        for (label, category, names) in WELL_KNOWN_ACTORS {
            // Only a curated actor of the name wins: "Turkey" the curated place stays a place
            // too, the mention carrying both.
            let curated = std::iter::once(label).chain(names.iter()).any(|n| {
                lex.names
                    .get(&normalise(n))
                    .is_some_and(|v| v.iter().any(|x| matches!(x.entity, Entity::Actor { .. })))
            });
            let id = super::slug(label);
            if curated || lex.actor_labels.contains_key(&id) {
                continue;
            }
            lex.actor_labels.insert(id.clone(), label.to_string());
            lex.proposed_actors.insert(id.clone(), *category);
            for n in names.iter() {
                lex.add(n, Entity::Actor { id: id.clone() });
            }
        }
        lex.gazetteer = gazetteer;
        lex
    }

    /// The actor a nationality adjective before an attack noun names (`ATTACKER_ADJECTIVES`).
    pub(crate) fn attacker_adjective(&self, word: &str) -> Option<&str> {
        let (_, name) = ATTACKER_ADJECTIVES.iter().find(|(a, _)| *a == word)?;
        self.names
            .get(&normalise(name))?
            .iter()
            .find_map(|n| match &n.entity {
                Entity::Actor { id } => Some(id.as_str()),
                _ => None,
            })
    }

    /// Takes in the sources and places `draft` proposes, as a later run reads them from its
    /// reference draft, so that the next articles of the same run refer to them instead of
    /// proposing them again under the same id (two reference drafts defining `reuters` are a
    /// duplicate that `ckg validate` rejects).
    pub fn learn(&mut self, draft: &super::Draft) {
        for a in &draft.new_actors {
            self.proposed_actors.remove(&a.id);
        }
        for s in &draft.new_sources {
            self.source_ids.insert(s.id.clone());
            self.add_source(&s.id, &s.label, s.source_type, s.actor.as_ref(), &[]);
        }
        for p in &draft.new_places {
            // Known by id only: the next article naming it reaches it through the gazetteer
            // again and then reuses the proposed id.
            self.place_labels.insert(p.id.clone(), p.label.clone());
            self.place_parent.insert(p.id.clone(), p.within.clone());
        }
    }

    fn add_source(
        &mut self,
        id: &str,
        label: &str,
        source_type: SourceType,
        actor: Option<&String>,
        aliases: &[String],
    ) {
        self.source_labels.insert(id.to_string(), label.to_string());
        self.source_types.insert(id.to_string(), source_type);
        if let Some(a) = actor {
            self.source_of_actor.insert(a.clone(), id.to_string());
        }
        let e = Entity::Source {
            id: id.to_string(),
            source_type,
            actor: actor.cloned(),
        };
        // A label in our words may still be the text's words without its gloss ("Moscow and
        // a monitor (joint attribution in AFP's lead)").
        // "US official (unnamed) speaking to Al-Monitor": one article's unnamed speaker; its
        // words ("a US official") in another article are someone else.
        let (label, gloss) = label.split_once(" (").unwrap_or((label, ""));
        if !gloss.starts_with("unnamed") {
            self.add(label, e.clone());
        }
        for n in aliases {
            self.add(n, e.clone());
        }
    }

    fn add(&mut self, written: &str, entity: Entity) {
        let key = normalise(written);
        if key.is_empty() {
            return;
        }
        let n = key.split(' ').count();
        self.longest = self.longest.max(n);
        let case_sensitive = written.len() <= 5
            && written
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let slot = self.names.entry(key).or_default();
        match slot.iter_mut().find(|x| x.entity == entity) {
            // "SANA" (an acronym, matched as written) and then "Sana": either form matches.
            Some(x) if x.case_sensitive && !case_sensitive => {
                x.case_sensitive = false;
                x.written = written.to_string();
            }
            Some(_) => {}
            None => slot.push(Name {
                written: written.to_string(),
                case_sensitive,
                entity,
            }),
        }
    }

    /// The curated ids a name stands for exactly (after normalisation): actors, the source
    /// that is an actor named ("The Pentagon" names the actor and so its source), places,
    /// sources, and the id a well-known source is proposed under. Used by evaluations to
    /// compare names with ids.
    pub fn ids_for(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .names
            .get(&normalise(name))
            .into_iter()
            .flatten()
            .flat_map(|n| match &n.entity {
                Entity::Actor { id } => {
                    let mut ids = vec![id.clone()];
                    ids.extend(self.source_of_actor.get(id).cloned());
                    ids
                }
                Entity::Place { id, .. } | Entity::Source { id, .. } => vec![id.clone()],
                // The id a well-known source is proposed under.
                Entity::Outlet { label, .. } => vec![super::slug(label)],
                Entity::GazetteerPlace { .. } => Vec::new(),
            })
            .collect();
        if let Some((id, _)) = self.place_keys.get(&name_key(name)) {
            out.push(id.clone());
        }
        out
    }

    /// Every name (normalised) that stands for `id`.
    /// The nationality adjectives that name actor `id` before an attack noun.
    pub fn adjectives_of(&self, id: &str) -> Vec<String> {
        ATTACKER_ADJECTIVES
            .iter()
            .filter(|(adjective, _)| self.attacker_adjective(adjective) == Some(id))
            .map(|(adjective, _)| adjective.to_string())
            .collect()
    }

    pub fn names_of(&self, id: &str) -> Vec<String> {
        self.names
            .iter()
            .filter(|(_, v)| {
                v.iter().any(|n| matches!(&n.entity, Entity::Actor { id: x } | Entity::Place { id: x, .. } | Entity::Source { id: x, .. } if x == id))
            })
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// The id of a source (curated, or proposed by an earlier article of the run) whose label
    /// is `label`.
    pub(crate) fn source_labelled(&self, label: &str) -> Option<&str> {
        self.source_labels
            .iter()
            .find(|(_, l)| l.as_str() == label)
            .map(|(id, _)| id.as_str())
    }

    /// The preferred label of a curated actor, place or source.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.actor_labels
            .get(id)
            .or_else(|| self.place_labels.get(id))
            .or_else(|| self.source_labels.get(id))
            .map(String::as_str)
    }

    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.gazetteer.as_ref()
    }

    /// The names in `tokens` (of the sentence whose text is `text`), left to right.
    pub(crate) fn mentions(&self, text: &str, tokens: &[Token]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        'outer: while i < tokens.len() {
            if tokens[i].kind == TokenKind::Punct {
                i += 1;
                continue;
            }
            let max = self.longest.min(tokens.len() - i);
            for n in (1..=max).rev() {
                let window = &tokens[i..i + n];
                if window.iter().any(|t| t.kind == TokenKind::Punct) {
                    continue;
                }
                let key = window
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(names) = self.names.get(&key) {
                    let raw = &text[window[0].span.start..window[n - 1].span.end];
                    let entities: Vec<Entity> = names
                        .iter()
                        .filter(|nm| !nm.case_sensitive || raw.starts_with(nm.written.as_str()))
                        .map(|nm| nm.entity.clone())
                        .collect();
                    if !entities.is_empty() {
                        out.push(Mention {
                            start: i,
                            end: i + n,
                            entities,
                        });
                        i += n;
                        continue 'outer;
                    }
                }
            }
            i += 1;
        }
        self.gazetteer_mentions(text, tokens, &mut out);
        out.sort_by_key(|m| m.start);
        out
    }

    /// Capitalised words (with articles such as al-, ez- inside) not already a name: curated
    /// places by `name_key`, then gazetteer populated places and admin areas.
    fn gazetteer_mentions(&self, text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
        let covered = |i: usize, out: &Vec<Mention>| out.iter().any(|m| m.start <= i && i < m.end);
        let mut i = 0;
        while i < tokens.len() {
            if covered(i, out)
                || tokens[i].kind != TokenKind::Word
                || !tokens[i].capitalised(text)
                || tokens[i].is_month()
                || tokens[i].is_weekday()
                || NOT_PLACES.contains(&tokens[i].norm.as_str())
            {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (1..=3usize).rev() {
                if i + n > tokens.len() {
                    continue;
                }
                let w = &tokens[i..i + n];
                if w.iter().enumerate().any(|(k, t)| {
                    t.kind != TokenKind::Word
                        || covered(i + k, out)
                        || !(t.capitalised(text) || (k + 1 < n && t.norm.len() <= 3))
                }) {
                    continue;
                }
                let raw = &text[w[0].span.start..w[n - 1].span.end];
                let key = name_key(raw);
                if key.len() < 4 {
                    continue;
                }
                // "Rami Abdul-Rahman", "Rami Abdelrahman": a curated person by another
                // transliteration of the name.
                if let Some(id) = self.person_keys.get(&person_key(raw)) {
                    found = Some((n, Entity::Actor { id: id.clone() }));
                    break;
                }
                if let Some((id, place_type)) = self.place_keys.get(&key) {
                    found = Some((
                        n,
                        Entity::Place {
                            id: id.clone(),
                            place_type: *place_type,
                        },
                    ));
                    break;
                }
                if let Some(g) = &self.gazetteer {
                    if let Some(index) = best_gazetteer_entry(g, &key) {
                        found = Some((n, Entity::GazetteerPlace { index }));
                        break;
                    }
                }
            }
            match found {
                Some((n, e)) => {
                    out.push(Mention {
                        start: i,
                        end: i + n,
                        entities: vec![e],
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

/// The key two transliterations of one person's name share: `name_key` with the Arabic "Abd"
/// compounds written one way (Abdel Rahman = Abdul-Rahman = Abdelrahman = Abdurrahman).
fn person_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // "Abd al-Rahman", "Abd el Rahman".
        if w == "abd"
            && words
                .get(i + 1)
                .is_some_and(|n| ["al", "el", "ul", "ur", "ar"].contains(n))
        {
            out.push(format!("abd{}", words.get(i + 2).copied().unwrap_or("")));
            i += 3;
            continue;
        }
        let prefix = [
            "abdul", "abdel", "abdal", "abdur", "abder", "abdar", "abdol",
        ]
        .iter()
        .find(|p| w.starts_with(*p));
        match prefix {
            Some(p) => {
                let mut rest = &w[p.len()..];
                if rest.is_empty() {
                    // "Abdul Rahman".
                    rest = words.get(i + 1).copied().unwrap_or("");
                    i += 1;
                }
                out.push(format!("abd{rest}"));
            }
            None => out.push(w.to_string()),
        }
        i += 1;
    }
    name_key(&out.join(" "))
}

/// The gazetteer entry a name most likely means: a populated place or an administrative area,
/// the most populous first; hamlets of no recorded population are not taken from running text.
fn best_gazetteer_entry(g: &Gazetteer, key: &str) -> Option<usize> {
    g.lookup(key)
        .iter()
        .map(|&(i, _)| i)
        .filter(|&i| {
            let e = &g.entries[i];
            (e.feature_class == "P" && (e.population >= 1000 || e.feature_code.starts_with("PPLA")))
                || (e.feature_class == "A" && e.feature_code.starts_with("ADM"))
        })
        .max_by_key(|&i| g.entries[i].population)
}

/// How precise a place type is, for choosing the place an incident happened at.
pub(super) fn specificity(t: PlaceType) -> u8 {
    match t {
        PlaceType::Country => 1,
        PlaceType::Region | PlaceType::Desert | PlaceType::River => 2,
        PlaceType::Governorate => 3,
        PlaceType::District => 4,
        PlaceType::Subdistrict => 5,
        PlaceType::City => 6,
        PlaceType::Town
        | PlaceType::Village
        | PlaceType::Camp
        | PlaceType::OilField
        | PlaceType::Airbase
        | PlaceType::MilitaryBase
        | PlaceType::Locality
        | PlaceType::Hospital => 7,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_person_s_transliterations_share_one_key() {
        let k = super::person_key;
        let rami = k("Rami Abdel Rahman");
        for other in [
            "Rami Abdul-Rahman",
            "Rami Abdul Rahman",
            "Rami Abdelrahman",
            "Rami Abdurrahman",
            "Rami Abd al-Rahman",
        ] {
            assert_eq!(k(other), rami, "{other}");
        }
        assert_ne!(k("Rami Abdel Karim"), rami);
    }
}
