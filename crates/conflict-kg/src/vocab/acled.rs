//! The ACLED codes of the concept schemes: the event type and sub-event type of each event
//! type, the actor type (`inter1`/`inter2` code) of each actor category, and what an ACLED
//! `sub_event_type`, `inter` value or `time_precision` is imported as. `ontology/ckg.ttl` states
//! the same mappings (`ckg:acledEventType`, `ckg:acledSubEventType`, `ckg:acledInterCode`;
//! checked equal by `tests/ontology.rs`).

use super::{ActorCategory, DatePrecision, EventType};

const BATTLES: &str = "Battles";
const EXPLOSIONS: &str = "Explosions/Remote violence";
const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";
const PROTESTS: &str = "Protests";
const RIOTS: &str = "Riots";
const STRATEGIC: &str = "Strategic developments";

impl EventType {
    /// ACLED's `event_type`, `None` where ACLED has no equivalent (aggregates).
    pub const fn acled_event_type(self) -> Option<&'static str> {
        use EventType::*;
        Some(match self {
            Attack | ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
                BATTLES
            }
            ChemicalWeapon | AirStrike | SuicideBomb | Shelling | RemoteExplosive | Grenade => {
                EXPLOSIONS
            }
            SexualViolence | AttackOnCivilians | Abduction => VIOLENCE_AGAINST_CIVILIANS,
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => PROTESTS,
            ViolentDemonstration | MobViolence => RIOTS,
            Agreement | Arrests | ChangeToGroup | DisruptedWeaponsUse | BaseEstablished
            | Looting | NegotiatedWithdrawal | OtherDevelopment | MilitaryDeployment
            | MaterialSupport | Accident => STRATEGIC,
            AttackSeries => return None,
        })
    }

    /// ACLED's `sub_event_type`, `None` where ACLED has no equivalent (aggregates).
    pub const fn acled_sub_event_type(self) -> Option<&'static str> {
        use EventType::*;
        Some(match self {
            Attack | ArmedClash => "Armed clash",
            GovernmentRegainsTerritory => "Government regains territory",
            NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
            ChemicalWeapon => "Chemical weapon",
            AirStrike => "Air/drone strike",
            SuicideBomb => "Suicide bomb",
            Shelling => "Shelling/artillery/missile attack",
            RemoteExplosive => "Remote explosive/landmine/IED",
            Grenade => "Grenade",
            SexualViolence => "Sexual violence",
            AttackOnCivilians => "Attack",
            Abduction => "Abduction/forced disappearance",
            PeacefulProtest => "Peaceful protest",
            ProtestWithIntervention => "Protest with intervention",
            ExcessiveForceAgainstProtesters => "Excessive force against protesters",
            ViolentDemonstration => "Violent demonstration",
            MobViolence => "Mob violence",
            Agreement => "Agreement",
            Arrests => "Arrests",
            ChangeToGroup => "Change to group/activity",
            DisruptedWeaponsUse => "Disrupted weapons use",
            BaseEstablished => "Headquarters or base established",
            Looting => "Looting/property destruction",
            NegotiatedWithdrawal => "Non-violent transfer of territory",
            OtherDevelopment | MilitaryDeployment | MaterialSupport | Accident => "Other",
            AttackSeries => return None,
        })
    }

    /// The concept an ACLED `sub_event_type` is imported as (case-insensitive; ACLED's
    /// "protestors" spelling is accepted). Two ACLED sub-event types correspond to several of
    /// our concepts, and import takes the general one: "Armed clash" → `ckg:ArmedClash` (not
    /// `ckg:Attack`, which curators use when a report says who attacked whom) and "Other" →
    /// `ckg:OtherDevelopment` (not deployments, material support or accidents, which need a
    /// reading of the notes).
    pub fn from_acled(sub_event_type: &str) -> Option<EventType> {
        let wanted = sub_event_type
            .trim()
            .to_lowercase()
            .replace("protestors", "protesters");
        match wanted.as_str() {
            "armed clash" => Some(EventType::ArmedClash),
            "other" => Some(EventType::OtherDevelopment),
            _ => EventType::ALL.iter().copied().find(|c| {
                c.acled_sub_event_type()
                    .is_some_and(|s| s.to_lowercase() == wanted)
            }),
        }
    }
}

/// ACLED's actor-type names as written in exports since 2024 (`inter1` = "State forces"…),
/// by inter code.
pub const ACLED_INTER_NAMES: &[(u8, &str)] = &[
    (1, "State forces"),
    (2, "Rebel group"),
    (3, "Political militia"),
    (4, "Identity militia"),
    (5, "Rioters"),
    (6, "Protesters"),
    (7, "Civilians"),
    (8, "External/Other forces"),
];

impl ActorCategory {
    /// ACLED's actor-type (`inter1`/`inter2`) code 1–8, `None` where ACLED has no actor type
    /// for the category.
    pub const fn acled_inter(self) -> Option<u8> {
        use ActorCategory::*;
        Some(match self {
            StateForces | Government => 1,
            RebelGroup => 2,
            PoliticalMilitia => 3,
            IdentityMilitia => 4,
            Rioters => 5,
            Protesters => 6,
            Civilians => 7,
            ExternalForces | PrivateMilitaryCompany | Coalition => 8,
            Alliance | Individual => return None,
        })
    }

    /// The category an ACLED `inter1`/`inter2` value is imported as: a code 1–8 or its name
    /// ("State forces", case-insensitive). Codes shared by several of our categories take the
    /// general one: 1 → `ckg:StateForces` (not `ckg:Government`), 8 → `ckg:ExternalForces`
    /// (not PMC or coalition, which ACLED does not distinguish).
    pub fn from_acled(inter: &str) -> Option<ActorCategory> {
        let inter = inter.trim();
        let code: u8 = match inter.parse() {
            Ok(n) => n,
            Err(_) => {
                ACLED_INTER_NAMES
                    .iter()
                    .find(|(_, name)| name.eq_ignore_ascii_case(inter))?
                    .0
            }
        };
        Some(match code {
            1 => ActorCategory::StateForces,
            2 => ActorCategory::RebelGroup,
            3 => ActorCategory::PoliticalMilitia,
            4 => ActorCategory::IdentityMilitia,
            5 => ActorCategory::Rioters,
            6 => ActorCategory::Protesters,
            7 => ActorCategory::Civilians,
            8 => ActorCategory::ExternalForces,
            _ => return None,
        })
    }
}

impl DatePrecision {
    /// The date precision an ACLED `time_precision` is imported as: 1 → day, 2 → week,
    /// 3 → month.
    pub fn from_acled(time_precision: u8) -> Option<DatePrecision> {
        Some(match time_precision {
            1 => DatePrecision::Day,
            2 => DatePrecision::Week,
            3 => DatePrecision::Month,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_sub_event_types_shared_by_several_concepts_import_as_the_general_one() {
        assert_eq!(
            EventType::from_acled("Armed clash"),
            Some(EventType::ArmedClash)
        );
        assert_eq!(
            EventType::from_acled("Other"),
            Some(EventType::OtherDevelopment)
        );
        assert_eq!(
            EventType::from_acled("remote explosive/landmine/IED"),
            Some(EventType::RemoteExplosive)
        );
        assert_eq!(
            EventType::from_acled("Excessive force against protestors"),
            Some(EventType::ExcessiveForceAgainstProtesters)
        );
        assert_eq!(EventType::from_acled("Picnic"), None);
    }

    #[test]
    fn every_acled_sub_event_type_of_the_table_imports_as_a_concept_carrying_it() {
        for c in EventType::ALL {
            if let Some(sub) = c.acled_sub_event_type() {
                let imported = EventType::from_acled(sub).expect(sub);
                assert_eq!(imported.acled_sub_event_type(), Some(sub));
                assert_eq!(imported.acled_event_type(), c.acled_event_type());
            }
            assert_eq!(
                c.acled_event_type().is_some(),
                c.acled_sub_event_type().is_some(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn acled_inter_codes_and_names_import_as_one_category_each() {
        for (code, name) in ACLED_INTER_NAMES {
            let by_code = ActorCategory::from_acled(&code.to_string()).unwrap();
            let by_name = ActorCategory::from_acled(name).unwrap();
            assert_eq!(by_code, by_name, "{code} / {name}");
            assert_eq!(by_code.acled_inter(), Some(*code));
        }
        assert_eq!(
            ActorCategory::from_acled("1"),
            Some(ActorCategory::StateForces)
        );
        assert_eq!(
            ActorCategory::from_acled("8"),
            Some(ActorCategory::ExternalForces)
        );
        assert_eq!(ActorCategory::from_acled("9"), None);
        assert_eq!(ActorCategory::from_acled("Aliens"), None);
    }

    #[test]
    fn acled_time_precision_codes_map_to_date_precisions() {
        let got: Vec<_> = [0, 1, 2, 3, 4]
            .into_iter()
            .map(DatePrecision::from_acled)
            .collect();
        use DatePrecision::*;
        assert_eq!(got, [None, Some(Day), Some(Week), Some(Month), None]);
    }

    #[test]
    fn every_acled_sub_event_type_is_mapped() {
        let acled = [
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
            "Violent demonstration",
            "Mob violence",
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ];
        for sub in acled {
            assert!(
                EventType::ALL
                    .iter()
                    .any(|c| c.acled_sub_event_type() == Some(sub)),
                "ACLED sub-event type `{sub}` has no concept"
            );
        }
    }
}
