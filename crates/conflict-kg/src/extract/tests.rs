//! Unit tests of the assembled extractor on a small curated model: the seed sentences that
//! exercise each rule, and the "never invent" invariants.

use super::*;
use crate::model::{Actor, Model, Place, Source};
use crate::vocab::{ActorCategory, PlaceType, SourceType};

fn actor(id: &str, label: &str, aliases: &[&str], person: bool) -> Actor {
    Actor {
        id: id.into(),
        label: label.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        category: if person {
            ActorCategory::Individual
        } else {
            ActorCategory::RebelGroup
        },
        person,
        rank: None,
        member_of: vec![],
        part_of: vec![],
        allied_with: vec![],
        country: None,
        description: None,
        speaks_for: if id == "rami" {
            vec!["sohr".into()]
        } else {
            vec![]
        },
        curated: vec![],
    }
}

fn lexicon() -> Lexicon {
    let model = Model {
        actors: vec![
            actor("islamic-state", "Islamic State", &["IS", "Daesh"], false),
            actor(
                "pro-government-forces",
                "Pro-government forces",
                &["pro-regime forces"],
                false,
            ),
            actor("rami", "Rami Abdel Rahman", &["Abdel Rahman"], true),
        ],
        places: vec![
            Place {
                id: "syria".into(),
                label: "Syria".into(),
                aliases: vec![],
                place_type: PlaceType::Country,
                within: None,
                description: None,
                also_within: vec![],
                overlaps: vec![],
                curated: vec![],
            },
            Place {
                id: "mayadeen".into(),
                label: "Mayadeen".into(),
                aliases: vec![],
                place_type: PlaceType::Town,
                within: Some("syria".into()),
                description: None,
                also_within: vec![],
                overlaps: vec![],
                curated: vec![],
            },
        ],
        sources: vec![
            Source {
                id: "afp".into(),
                label: "Agence France-Presse".into(),
                aliases: vec!["AFP".into()],
                source_type: SourceType::NewsAgency,
                actor: None,
                country: None,
                description: None,
                based_in: None,
                comprises: vec![],
                curated: vec![],
            },
            Source {
                id: "sohr".into(),
                label: "Syrian Observatory for Human Rights".into(),
                aliases: vec!["the Observatory".into()],
                source_type: SourceType::Monitor,
                actor: None,
                country: None,
                description: None,
                based_in: None,
                comprises: vec![],
                curated: vec![],
            },
        ],
        reports: vec![],
        draft_reference: vec![],
    };
    Lexicon::new(&model, &[], None)
}

fn draft(text: &str) -> Draft {
    let opts = Options {
        id: "r".into(),
        published: "2018-05-27".into(),
        publisher: Some("AFP".into()),
        url: None,
    };
    extract(text, &lexicon(), &opts).unwrap()
}

#[test]
fn a_figure_gets_its_qualifier_bounds_claimant_and_incident() {
    let d = draft(
        "Headline\n\nOn Tuesday, at least 26 pro-regime forces were killed in a surprise IS attack near Mayadeen, according to the Observatory.\n",
    );
    assert_eq!(d.incidents.len(), 1);
    let i = &d.incidents[0];
    assert_eq!(i.event_type.value, EventType::Attack);
    assert_eq!(i.date.as_ref().unwrap().value, "2018-05-22");
    assert_eq!(i.place.as_ref().unwrap().value, "mayadeen");
    assert_eq!(i.location_qualifier.as_deref(), Some("near"));
    assert_eq!(i.perpetrators[0].value, "islamic-state");
    let c = &d.casualties[0];
    assert_eq!((c.min, c.max), (Some(26), None));
    assert_eq!(c.source.value, "sohr");
    assert_eq!(c.group.as_deref(), Some("pro-government-forces"));
    assert_eq!(c.quantity_text, "at least 26");
}

#[test]
fn a_quoted_speaker_is_carried_to_the_next_sentences_and_a_person_names_the_source() {
    let d = draft(
        "H\n\nIS attacked Mayadeen on Wednesday.\n\n\"There were 35 killed. Some were troops,\" said Observatory head Rami Abdel Rahman.\n\nThe remaining 26 were all Syrian forces, he told AFP.\n",
    );
    let claims: Vec<(&str, Option<&str>, Option<&str>)> = d
        .casualties
        .iter()
        .map(|c| {
            (
                c.source.value.as_str(),
                c.voiced_by.as_deref(),
                c.via.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        claims,
        [("sohr", Some("rami"), None)],
        "the 26 'were all Syrian forces' is no casualty word"
    );
}

#[test]
fn no_cue_means_the_publisher_with_a_review_item_and_vague_words_give_no_number() {
    let d = draft("H\n\nAn IS attack near Mayadeen killed about 40 people.\n");
    let c = &d.casualties[0];
    assert_eq!(c.source.value, "afp");
    assert_eq!((c.min, c.max), (None, None));
    assert!(d.review.iter().any(|r| r.about.ends_with(".source")));
    assert!(d.review.iter().any(|r| r.about.ends_with(".min")));
}

#[test]
fn a_named_actor_near_an_event_is_no_perpetrator() {
    let d = draft(
        "H\n\nSeven pro-regime forces were killed in an attack near Mayadeen, where IS is active.\n",
    );
    assert!(
        d.incidents[0].perpetrators.is_empty(),
        "{:?}",
        d.incidents[0].perpetrators
    );
}

#[test]
fn every_evidence_and_figure_is_in_the_text() {
    let text = "H\n\nIn a “surprise” raid near Mayadeen, up to six pro-regime forces could have been killed, the\u{a0}Observatory said.\n";
    let d = draft(text);
    for c in &d.casualties {
        let ev = c.evidence.of(&d.text);
        assert!(d.text.contains(ev) && ev.contains(&c.quantity_text));
        assert_eq!(
            c.hedge.as_ref().map(|h| h.value),
            Some(crate::vocab::Hedge::Possibly)
        );
    }
    assert_eq!(d.casualties[0].max, Some(6));
    assert_eq!(d.casualties[0].source.value, "sohr");
}
