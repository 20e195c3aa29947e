//! The six SKOS concept schemes of `ontology/ckg.ttl` as Rust enums: [`EventType`],
//! [`ActorCategory`], [`PlaceType`], [`SourceType`], [`DatePrecision`], [`CasualtyType`]. Each
//! concept has its short id (used in `data/`), its local name in `ckg:` and its IRI; `ALL` lists
//! a scheme in the ontology's order (the order `validate` lists the ids in when one is unknown).
//! The mappings to dataset codes are in `acled.rs` and `ucdp.rs`.
//!
//! Code that decides by concept matches the enum exhaustively, so a new concept cannot silently
//! fall into a `_` arm. The ids and local names of a scheme are unique: a duplicate is an
//! unreachable pattern in the generated `match`es, which `-D warnings` rejects.

use oxigraph::model::NamedNodeRef;
use std::str::FromStr;

/// What every concept-scheme enum offers, for code generic over schemes (`model`'s checker,
/// the ontology tests). Each enum also has these as inherent `const fn`s.
pub trait ConceptScheme:
    Copy + Eq + std::hash::Hash + std::fmt::Debug + FromStr<Err = UnknownConcept> + 'static
{
    /// Every concept of the scheme, in the ontology's order.
    const ALL: &'static [Self];
    /// The `skos:ConceptScheme` (`ckg:EventTypeScheme`…).
    const SCHEME: NamedNodeRef<'static>;
    /// The short id used in `data/` (`attack`).
    fn id(self) -> &'static str;
    /// The local name in `ckg:` (`Attack`).
    fn local(self) -> &'static str;
    /// The concept's IRI (`ckg:Attack`).
    fn iri(self) -> NamedNodeRef<'static>;
}

/// An id that names no concept of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value `{found}` (expected one of: {})", .expected.join(", "))]
pub struct UnknownConcept {
    pub found: String,
    /// The scheme's ids, in its order.
    pub expected: &'static [&'static str],
}

/// Declares a concept-scheme enum: `Variant => "id", "LocalName";` per concept.
macro_rules! concept_scheme {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $scheme:expr;
        $( $(#[$variant_meta:meta])* $variant:ident => $id:literal, $local:literal; )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(
                #[doc = concat!("`", $id, "`, `ckg:", $local, "`.")]
                $(#[$variant_meta])*
                $variant,
            )*
        }

        impl $name {
            /// Every concept of the scheme, in the ontology's order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];
            /// The `skos:ConceptScheme` these concepts are in.
            pub const SCHEME: NamedNodeRef<'static> = $scheme;
            const IDS: &'static [&'static str] = &[$($id),*];

            /// The short id used in `data/`.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }

            /// The local name in `ckg:`.
            pub const fn local(self) -> &'static str {
                match self {
                    $(Self::$variant => $local,)*
                }
            }

            /// The concept's IRI, `ckg:{local}`.
            pub const fn iri(self) -> NamedNodeRef<'static> {
                match self {
                    $(Self::$variant => NamedNodeRef::new_unchecked(concat!(ckg_namespace!(), $local)),)*
                }
            }

            /// The concept a short id names.
            pub fn from_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The concept an IRI names (`ckg:{local}`).
            pub fn from_iri(iri: &str) -> Option<Self> {
                match iri.strip_prefix(ckg_namespace!())? {
                    $($local => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownConcept;

            /// Parses a short id.
            fn from_str(id: &str) -> Result<Self, UnknownConcept> {
                Self::from_id(id).ok_or_else(|| UnknownConcept {
                    found: id.to_string(),
                    expected: Self::IDS,
                })
            }
        }

        impl ConceptScheme for $name {
            const ALL: &'static [Self] = Self::ALL;
            const SCHEME: NamedNodeRef<'static> = Self::SCHEME;
            fn id(self) -> &'static str {
                Self::id(self)
            }
            fn local(self) -> &'static str {
                Self::local(self)
            }
            fn iri(self) -> NamedNodeRef<'static> {
                Self::iri(self)
            }
        }
    };
}

concept_scheme! {
    /// Event types (`ckg:EventTypeScheme`), covering every ACLED sub-event type plus a few
    /// curated ones ACLED does not code (accidents, aggregates of attacks).
    pub enum EventType in super::ckg::EVENT_TYPE_SCHEME;
    Attack => "attack", "Attack";
    ArmedClash => "armed-clash", "ArmedClash";
    GovernmentRegainsTerritory => "government-regains-territory", "GovernmentRegainsTerritory";
    NonStateActorOvertakesTerritory => "non-state-actor-overtakes-territory", "NonStateActorOvertakesTerritory";
    ChemicalWeapon => "chemical-weapon", "ChemicalWeapon";
    AirStrike => "air-strike", "AirStrike";
    SuicideBomb => "suicide-bomb", "SuicideBomb";
    Shelling => "shelling", "Shelling";
    RemoteExplosive => "remote-explosive", "RemoteExplosive";
    Grenade => "grenade", "Grenade";
    SexualViolence => "sexual-violence", "SexualViolence";
    AttackOnCivilians => "attack-on-civilians", "AttackOnCivilians";
    Abduction => "abduction", "Abduction";
    PeacefulProtest => "peaceful-protest", "PeacefulProtest";
    ProtestWithIntervention => "protest-with-intervention", "ProtestWithIntervention";
    ExcessiveForceAgainstProtesters => "excessive-force-against-protesters", "ExcessiveForceAgainstProtesters";
    ViolentDemonstration => "violent-demonstration", "ViolentDemonstration";
    MobViolence => "mob-violence", "MobViolence";
    Agreement => "agreement", "Agreement";
    Arrests => "arrests", "Arrests";
    ChangeToGroup => "change-to-group", "ChangeToGroup";
    DisruptedWeaponsUse => "disrupted-weapons-use", "DisruptedWeaponsUse";
    BaseEstablished => "base-established", "BaseEstablished";
    Looting => "looting", "LootingPropertyDestruction";
    NegotiatedWithdrawal => "negotiated-withdrawal", "NegotiatedWithdrawal";
    OtherDevelopment => "other-development", "OtherDevelopment";
    MilitaryDeployment => "military-deployment", "MilitaryDeployment";
    MaterialSupport => "material-support", "MaterialSupport";
    Accident => "accident", "Accident";
    AttackSeries => "attack-series", "AttackSeries";
}

concept_scheme! {
    /// Actor categories (`ckg:ActorCategoryScheme`), aligned with ACLED's eight actor types.
    pub enum ActorCategory in super::ckg::ACTOR_CATEGORY_SCHEME;
    StateForces => "state-forces", "StateForces";
    RebelGroup => "rebel-group", "RebelGroup";
    PoliticalMilitia => "political-militia", "PoliticalMilitia";
    IdentityMilitia => "identity-militia", "IdentityMilitia";
    Rioters => "rioters", "Rioters";
    Protesters => "protesters", "Protesters";
    Civilians => "civilians", "Civilians";
    ExternalForces => "external-forces", "ExternalForces";
    PrivateMilitaryCompany => "private-military-company", "PrivateMilitaryCompany";
    Coalition => "coalition", "Coalition";
    Government => "government", "Government";
    Alliance => "alliance", "Alliance";
    Individual => "individual", "Individual";
}

concept_scheme! {
    /// Place types (`ckg:PlaceTypeScheme`).
    pub enum PlaceType in super::ckg::PLACE_TYPE_SCHEME;
    Country => "country", "Country";
    Governorate => "governorate", "Governorate";
    District => "district", "District";
    Subdistrict => "subdistrict", "Subdistrict";
    City => "city", "City";
    Town => "town", "Town";
    Village => "village", "Village";
    Camp => "camp", "Camp";
    OilField => "oil-field", "OilField";
    Airbase => "airbase", "Airbase";
    MilitaryBase => "military-base", "MilitaryBase";
    Desert => "desert", "Desert";
    River => "river", "River";
    Region => "region", "Region";
    /// A named location of an event dataset whose kind the dataset does not say.
    Locality => "locality", "Locality";
    /// "a Russian-operated military hospital in Syria" (issue 11).
    Hospital => "hospital", "Hospital";
}

concept_scheme! {
    /// Source types (`ckg:SourceTypeScheme`).
    pub enum SourceType in super::ckg::SOURCE_TYPE_SCHEME;
    NewsAgency => "news-agency", "NewsAgency";
    Newspaper => "newspaper", "Newspaper";
    OnlineOutlet => "online-outlet", "OnlineOutlet";
    Monitor => "monitor", "Monitor";
    Government => "government", "GovernmentSource";
    Military => "military", "MilitarySource";
    Official => "official", "Official";
    OsintGroup => "osint-group", "OsintGroup";
    ArmedGroup => "armed-group", "ArmedGroupClaim";
    Anonymous => "anonymous", "AnonymousSource";
    LocalResidents => "local-residents", "LocalResidents";
    SocialMedia => "social-media", "SocialMedia";
    Dataset => "dataset", "Dataset";
    /// Sources a text names together ("Moscow and a monitor said", issue 11).
    Joint => "joint", "JointAttribution";
    /// The project's curators, for what they add from outside a report's text (issue 11).
    Curator => "curator", "Curator";
}

concept_scheme! {
    /// Date precisions (`ckg:DatePrecisionScheme`): how precise a resolved date is (`dates`).
    /// Ordered from the most precise.
    pub enum DatePrecision in super::ckg::DATE_PRECISION_SCHEME;
    Day => "day", "Day";
    Week => "week", "Week";
    Month => "month", "Month";
    Year => "year", "Year";
}

concept_scheme! {
    /// Casualty types (`ckg:CasualtyTypeScheme`).
    pub enum CasualtyType in super::ckg::CASUALTY_TYPE_SCHEME;
    Killed => "killed", "Killed";
    Wounded => "wounded", "Wounded";
}

concept_scheme! {
    /// Hedges (`ckg:HedgeScheme`, issue 11): how a text qualifies a statement's certainty, on the
    /// claim (`ckg:hedge`) or on its incident link (`ckg:incidentLinkHedge`).
    pub enum Hedge in super::ckg::HEDGE_SCHEME;
    Reportedly => "reportedly", "Reportedly";
    Possibly => "possibly", "Possibly";
    Purportedly => "purportedly", "Purportedly";
    Apparently => "apparently", "Apparently";
    Estimated => "estimated", "Estimated";
}

/// The relations a relation claim can state (issue 11): not a concept scheme, but the `ckg:`
/// property a claim names with `ckg:claimedRelation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    AlliedWith,
    BackedBy,
}

impl Relation {
    pub const ALL: &'static [Relation] = &[Relation::AlliedWith, Relation::BackedBy];

    /// The id used in `data/`.
    pub const fn id(self) -> &'static str {
        match self {
            Relation::AlliedWith => "allied-with",
            Relation::BackedBy => "backed-by",
        }
    }

    /// The relation's property.
    pub const fn property(self) -> NamedNodeRef<'static> {
        match self {
            Relation::AlliedWith => super::ckg::ALLIED_WITH,
            Relation::BackedBy => super::ckg::BACKED_BY,
        }
    }

    pub fn from_id(id: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl PlaceType {
    /// Whether a curated place of this type must name the place it lies in (`within`): all but
    /// a country and the kinds of area that may span countries (region, desert, river). The
    /// same rule is `shapes.ttl`'s `sh:or` on `ckg:within` (checked by `tests/ontology.rs`).
    pub const fn needs_within(self) -> bool {
        match self {
            PlaceType::Country | PlaceType::Region | PlaceType::Desert | PlaceType::River => false,
            PlaceType::Governorate
            | PlaceType::District
            | PlaceType::Subdistrict
            | PlaceType::City
            | PlaceType::Town
            | PlaceType::Village
            | PlaceType::Camp
            | PlaceType::OilField
            | PlaceType::Airbase
            | PlaceType::Hospital
            | PlaceType::MilitaryBase
            | PlaceType::Locality => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn locals<C: ConceptScheme>() -> impl Iterator<Item = &'static str> {
        C::ALL.iter().map(|c| c.local())
    }

    macro_rules! check {
        ($($scheme:ty),*) => {$(
            for (i, c) in <$scheme>::ALL.iter().enumerate() {
                assert_eq!(<$scheme>::from_id(c.id()), Some(*c));
                assert_eq!(c.id().parse::<$scheme>(), Ok(*c));
                assert_eq!(<$scheme>::from_iri(c.iri().as_str()), Some(*c));
                assert_eq!(c.iri().as_str(), format!("{}{}", super::super::CKG, c.local()));
                assert!(oxigraph::model::NamedNode::new(c.iri().as_str()).is_ok());
                // `ALL` is in declaration order.
                assert_eq!(*c as usize, i);
            }
        )*};
    }

    #[test]
    fn every_concept_round_trips_through_its_id_and_its_iri() {
        check!(
            EventType,
            ActorCategory,
            PlaceType,
            SourceType,
            DatePrecision,
            CasualtyType
        );
    }

    #[test]
    fn concept_local_names_do_not_collide_across_schemes() {
        let mut seen = HashSet::new();
        let all = locals::<EventType>()
            .chain(locals::<ActorCategory>())
            .chain(locals::<PlaceType>())
            .chain(locals::<SourceType>())
            .chain(locals::<DatePrecision>())
            .chain(locals::<CasualtyType>())
            .chain(locals::<Hedge>());
        for local in all {
            assert!(seen.insert(local), "ckg:{local} is in two schemes");
        }
    }

    #[test]
    fn an_unknown_id_lists_the_scheme_in_order() {
        let err = "hamlet".parse::<PlaceType>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown value `hamlet` (expected one of: country, governorate, district, \
             subdistrict, city, town, village, camp, oil-field, airbase, military-base, desert, \
             river, region, locality, hospital)"
        );
        assert_eq!(EventType::from_iri("https://example.org/Attack"), None);
    }
}
