//! UCDP GED exports (CSV, the columns of the GED codebook) → quads.
//!
//! Columns are found by name; those not used are ignored. Each row becomes:
//! - `incident:ucdp-{id}`: type from `type_of_violence` ([`EventTypeConcept::from_ucdp`]: 1
//!   state-based and 2 non-state → armed clash, 3 one-sided → attack on civilians), dates from
//!   `date_start`/`date_end` with `date_prec` mapped to a precision
//!   ([`vocab::date_precision_from_ucdp`]), `ckg:place` the most specific of country → `adm_1`
//!   → `adm_2` → `where_coordinates`, `ckg:geoPrecision` = `where_prec` (1–7, kept as given),
//!   `ckg:recordedIn source:ucdp`, `ckg:datasetId`;
//! - `side_a`/`side_b` as `ckg:participant` (state-based and non-state conflict), or as
//!   `ckg:perpetrator`/`ckg:target` (one-sided violence, where UCDP says who acted);
//! - `claim:ucdp-{id}-deaths`: low/best/high → `ckg:minCount`/`ckg:bestCount`/`ckg:maxCount`,
//!   with `source_article` as `ckg:sourceNote`; and one claim per side,
//!   `claim:ucdp-{id}-deaths-a`, `-deaths-b`, `-deaths-civilians`, `-deaths-unknown`, each a
//!   share of the best estimate (`ckg:bestCount`) with its group (side A, side B, civilians,
//!   none);
//! - the coordinates as `geo:asWKT`;
//! - the derived shortcuts `ckg:derivedGovernorate` (the governorates of the place) and
//!   `ckg:derivedFatalities` (`best`) on the incident (see the emitter).

use super::dataset::Dataset;
use super::emitter::{CasualtyFigure, Emitter, IncidentFacts, Role};
use super::fields::{Binder, Fault, Faults, Header, Row, coordinate, integer_in, required};
use super::reconcile::PlaceLevel;
use super::{DatasetKind, ImportError};
use crate::vocab::{ActorCategory, DatePrecision, EventType};
use chrono::NaiveDate;
use std::path::Path;

/// The UCDP GED dataset.
pub(super) struct Ucdp;

/// Column positions of one UCDP GED file.
pub(super) struct Columns {
    id: usize,
    type_of_violence: usize,
    side_a: usize,
    side_b: usize,
    country: usize,
    adm_1: Option<usize>,
    adm_2: Option<usize>,
    where_coordinates: Option<usize>,
    where_prec: usize,
    latitude: usize,
    longitude: usize,
    date_prec: usize,
    date_start: usize,
    date_end: usize,
    deaths_a: usize,
    deaths_b: usize,
    deaths_civilians: usize,
    deaths_unknown: usize,
    low: usize,
    best: usize,
    high: usize,
    source_article: Option<usize>,
}

/// One UCDP GED row, checked. Optional columns a file lacks read as empty.
pub(super) struct Event<'r> {
    /// As the incident's IRI has it (`278001.0` is `278001`).
    id: &'r str,
    /// `type_of_violence`: 1 state-based, 2 non-state, 3 one-sided.
    type_of_violence: u64,
    event_type: EventType,
    side_a: &'r str,
    side_b: &'r str,
    country: &'r str,
    adm_1: &'r str,
    adm_2: &'r str,
    where_coordinates: &'r str,
    where_prec: u64,
    latitude: f64,
    longitude: f64,
    precision: DatePrecision,
    start: NaiveDate,
    end: NaiveDate,
    deaths_a: u64,
    deaths_b: u64,
    deaths_civilians: u64,
    deaths_unknown: u64,
    low: u64,
    best: u64,
    high: u64,
    source_article: &'r str,
}

const EXPECTED_HEADER: &str = "a UCDP GED header: id, type_of_violence, side_a, side_b, \
                               country, where_prec, latitude, longitude, date_prec, date_start, \
                               date_end, deaths_a, deaths_b, deaths_civilians, deaths_unknown, \
                               low, best, high…";

const MAX_DEATHS: u64 = 10_000_000;

impl Dataset for Ucdp {
    const KIND: DatasetKind = DatasetKind::Ucdp;
    type Columns = Columns;
    type Event<'r> = Event<'r>;

    fn bind(header: &Header, file: &Path) -> Result<Columns, ImportError> {
        let mut b = Binder::new(header, file, EXPECTED_HEADER);
        let c = Columns {
            id: b.required("id"),
            type_of_violence: b.required("type_of_violence"),
            side_a: b.required("side_a"),
            side_b: b.required("side_b"),
            country: b.required("country"),
            adm_1: b.optional("adm_1"),
            adm_2: b.optional("adm_2"),
            where_coordinates: b.optional("where_coordinates"),
            where_prec: b.required("where_prec"),
            latitude: b.required("latitude"),
            longitude: b.required("longitude"),
            date_prec: b.required("date_prec"),
            date_start: b.required("date_start"),
            date_end: b.required("date_end"),
            deaths_a: b.required("deaths_a"),
            deaths_b: b.required("deaths_b"),
            deaths_civilians: b.required("deaths_civilians"),
            deaths_unknown: b.required("deaths_unknown"),
            low: b.required_any(&["low", "low_est"]),
            best: b.required_any(&["best", "best_est"]),
            high: b.required_any(&["high", "high_est"]),
            source_article: b.optional("source_article"),
        };
        b.finish()?;
        Ok(c)
    }

    fn parse<'r>(c: &Columns, row: &Row<'r>) -> Result<Event<'r>, Vec<Fault>> {
        let mut f = Faults::default();
        let id = f.check(event_id(row, c.id));
        let type_of_violence = f.check(integer_in(
            row,
            c.type_of_violence,
            1..=3,
            "a UCDP type_of_violence: 1 (state-based), 2 (non-state) or 3 (one-sided)",
        ));
        let side_a = f.check(required(row, c.side_a, "the name of side A"));
        let side_b = f.check(required(row, c.side_b, "the name of side B"));
        let country = f.check(required(row, c.country, "a country name"));
        let where_prec = f.check(integer_in(
            row,
            c.where_prec,
            1..=7,
            "a UCDP where_prec from 1 to 7",
        ));
        let latitude = f.check(coordinate(row, c.latitude, 90.0, "latitude"));
        let longitude = f.check(coordinate(row, c.longitude, 180.0, "longitude"));
        let date_prec = f.check(integer_in(
            row,
            c.date_prec,
            1..=5,
            "a UCDP date_prec from 1 to 5",
        ));
        let start = f.check(parse_date(row, c.date_start));
        let end = f.check(parse_date(row, c.date_end));
        let mut count = |column: usize, what: &str| {
            f.check(integer_in(
                row,
                column,
                0..=MAX_DEATHS,
                &format!("{what} (a whole number, 0 or more)"),
            ))
        };
        let deaths_a = count(c.deaths_a, "deaths of side A");
        let deaths_b = count(c.deaths_b, "deaths of side B");
        let deaths_civilians = count(c.deaths_civilians, "civilian deaths");
        let deaths_unknown = count(c.deaths_unknown, "deaths of unknown status");
        let low = count(c.low, "the low estimate of deaths");
        let best = count(c.best, "the best estimate of deaths");
        let high = count(c.high, "the high estimate of deaths");
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                f.push(Fault::new(
                    c.date_end,
                    row.get(c.date_end),
                    format!("a date not before date_start ({s})"),
                ));
            }
        }
        if let (Some(l), Some(b), Some(h)) = (low, best, high) {
            if !(l <= b && b <= h) {
                f.push(Fault::new(
                    c.best,
                    row.get(c.best),
                    format!("low ≤ best ≤ high (low is {l}, high is {h})"),
                ));
            }
        }
        f.finish(|| {
            let type_of_violence = type_of_violence?;
            Some(Event {
                id: id?,
                type_of_violence,
                event_type: EventType::from_ucdp(type_of_violence as u8)
                    .expect("type_of_violence is checked"),
                side_a: side_a?,
                side_b: side_b?,
                country: country?,
                adm_1: row.opt(c.adm_1),
                adm_2: row.opt(c.adm_2),
                where_coordinates: row.opt(c.where_coordinates),
                where_prec: where_prec?,
                latitude: latitude?,
                longitude: longitude?,
                precision: DatePrecision::from_ucdp(date_prec? as u8)
                    .expect("date_prec is checked"),
                start: start?,
                end: end?,
                deaths_a: deaths_a?,
                deaths_b: deaths_b?,
                deaths_civilians: deaths_civilians?,
                deaths_unknown: deaths_unknown?,
                low: low?,
                best: best?,
                high: high?,
                source_article: row.opt(c.source_article),
            })
        })
    }

    fn id<'e>(c: &Columns, e: &'e Event<'_>) -> (usize, &'e str) {
        (c.id, e.id)
    }

    fn emit(e: &Event<'_>, out: &mut Emitter<'_>) {
        let (country, adm_1, adm_2) = (e.country, e.adm_1, e.adm_2);
        let mut location = e.where_coordinates;
        // At where_prec 3–4 UCDP names the admin area itself as the place.
        if location == adm_1 || location == adm_2 || location == country {
            location = "";
        }
        let place = out.place(&[
            (PlaceLevel::Country, country),
            (PlaceLevel::Admin1, adm_1),
            (PlaceLevel::Admin2, adm_2),
            (PlaceLevel::Location, location),
        ]);
        if let Some(p) = &place {
            out.geometry(p, e.longitude, e.latitude);
        }
        let kind = match e.type_of_violence {
            1 => "State-based conflict",
            2 => "Non-state conflict",
            _ => "One-sided violence",
        };
        let where_text = [location, adm_2, adm_1, country]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or(country);
        let incident = out.incident(
            &IncidentFacts {
                id: e.id,
                label: format!(
                    "{kind}: {} – {}, {where_text}, {}",
                    e.side_a, e.side_b, e.start
                ),
                event_type: e.event_type,
                start: e.start,
                end: e.end,
                precision: e.precision,
                geo_precision: e.where_prec,
                summary: None,
            },
            place.as_ref(),
        );
        let a = out.actor(e.side_a, category(e.side_a));
        let b = out.actor(e.side_b, category(e.side_b));
        let (role_a, role_b) = if e.type_of_violence == 3 {
            (Role::Perpetrator, Role::Target)
        } else {
            (Role::Participant, Role::Participant)
        };
        out.role(&incident, role_a, &a);
        out.role(&incident, role_b, &b);
        out.casualty_claim(
            &incident,
            e.id,
            CasualtyFigure {
                suffix: "deaths",
                group: None,
                min: Some(e.low),
                best: Some(e.best),
                max: Some(e.high),
                source_note: Some(e.source_article),
                total: true,
            },
        );
        let civilians = out.actor(CIVILIANS, category(CIVILIANS));
        for (suffix, group, n) in [
            ("deaths-a", Some(a), e.deaths_a),
            ("deaths-b", Some(b), e.deaths_b),
            ("deaths-civilians", Some(civilians), e.deaths_civilians),
            ("deaths-unknown", None, e.deaths_unknown),
        ] {
            out.casualty_claim(
                &incident,
                e.id,
                CasualtyFigure {
                    suffix,
                    group,
                    min: None,
                    best: Some(n),
                    max: None,
                    source_note: None,
                    total: false,
                },
            );
        }
    }
}

/// UCDP's name for the civilians of one-sided violence (side B), also the group of
/// `deaths_civilians`.
const CIVILIANS: &str = "Civilians";

/// UCDP codes no actor types; two names say it: "Government of …" is a state's forces (side A
/// of every state-based conflict), "Civilians" the civilians. Other actors get no category.
fn category(name: &str) -> Option<ActorCategory> {
    if name.starts_with("Government of") {
        Some(ActorCategory::StateForces)
    } else if name == CIVILIANS {
        Some(ActorCategory::Civilians)
    } else {
        None
    }
}

fn event_id<'a>(row: &Row<'a>, column: usize) -> Result<&'a str, Fault> {
    let v = row.get(column);
    let v = v.strip_suffix(".0").unwrap_or(v);
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(v)
    } else {
        Err(Fault::new(column, v, "a UCDP GED event id such as 207734"))
    }
}

/// `2018-05-23`, also with the time UCDP's CSV appends (`2018-05-23 00:00:00.000`).
fn parse_date(row: &Row<'_>, column: usize) -> Result<NaiveDate, Fault> {
    let v = row.get(column);
    let day = v.split([' ', 'T']).next().unwrap_or("");
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| Fault::new(column, v, "a date such as 2018-05-23"))
}
