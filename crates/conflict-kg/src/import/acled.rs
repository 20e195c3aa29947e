//! ACLED exports (CSV, the columns as ACLED publishes them) → quads.
//!
//! Columns are found by name (any order, any case), so the 2023+ export (`event_id_cnty`,
//! `disorder_type`, `civilian_targeting`, `tags`…) and older ones (`data_id`,
//! `event_id_no_cnty`, `iso3`, upper-case names) all work; columns the mapping does not use are
//! ignored. Each row becomes:
//! - `incident:acled-{event_id_cnty}`: type from `sub_event_type` ([`EventTypeConcept::from_acled`]),
//!   `ckg:startDate`/`ckg:endDate`/`ckg:datePrecision` from `event_date` and `time_precision`
//!   (1: that day; 2: ACLED codes the middle of the week it knows, so the day ± 3 days, week;
//!   3: the calendar month of the date, month), `ckg:place` the most specific of
//!   country → admin1 → admin2 → admin3 → location, `ckg:geoPrecision` = `geo_precision`,
//!   `ckg:summary` = `notes`, `ckg:recordedIn source:acled`, `ckg:datasetId`;
//! - `ckg:participant` for actor1, actor2 and every associated actor (ACLED: the actor columns
//!   "do not imply directionality"), actors categorised from `inter1`/`inter2`;
//! - `claim:acled-{event_id_cnty}-fatalities`: a casualty claim (killed, min = max =
//!   `fatalities`, no group: ACLED counts everyone) `ckg:claimedBy source:acled`, with the row's
//!   `source` column as `ckg:sourceNote`;
//! - the location's coordinates as `geo:asWKT "POINT(longitude latitude)"`;
//! - the derived shortcuts `ckg:derivedGovernorate` (the governorates of the place) and
//!   `ckg:derivedFatalities` (`fatalities`) on the incident (see the emitter).
//!
//! Unused: `year` (from the date), `event_type` (implied by the sub-event type), `disorder_type`,
//! `interaction`, `civilian_targeting`, `iso`, `region`, `source_scale`, `tags`, `timestamp`.

use super::dataset::Dataset;
use super::emitter::{CasualtyFigure, Emitter, IncidentFacts, Role};
use super::fields::{Binder, Fault, Faults, Header, Row, coordinate, integer_in, required};
use super::reconcile::PlaceLevel;
use super::{DatasetKind, ImportError};
use crate::vocab::{ActorCategory, DatePrecision, EventType};
use chrono::{Datelike, Duration, NaiveDate};
use std::path::Path;

/// The ACLED dataset.
pub(super) struct Acled;

/// Column positions of one ACLED file.
pub(super) struct Columns {
    event_id: usize,
    event_date: usize,
    time_precision: usize,
    sub_event_type: usize,
    actor1: usize,
    assoc_actor_1: Option<usize>,
    inter1: Option<usize>,
    actor2: Option<usize>,
    assoc_actor_2: Option<usize>,
    inter2: Option<usize>,
    country: usize,
    admin1: Option<usize>,
    admin2: Option<usize>,
    admin3: Option<usize>,
    location: usize,
    latitude: usize,
    longitude: usize,
    geo_precision: usize,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: usize,
}

/// One ACLED row, checked. Optional columns a file lacks read as empty.
pub(super) struct Event<'r> {
    id: &'r str,
    /// `event_date`, and the span `time_precision` makes of it.
    date: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
    precision: DatePrecision,
    event_type: EventType,
    /// `sub_event_type` as written (the label's fallback).
    sub_event_type: &'r str,
    actor1: &'r str,
    inter1: Option<ActorCategory>,
    /// Empty when the event has no second actor.
    actor2: &'r str,
    inter2: Option<ActorCategory>,
    /// `assoc_actor_1`, `assoc_actor_2`: names separated by `;`.
    associated: [&'r str; 2],
    country: &'r str,
    admin1: &'r str,
    admin2: &'r str,
    admin3: &'r str,
    location: &'r str,
    latitude: f64,
    longitude: f64,
    geo_precision: u64,
    fatalities: u64,
    source: &'r str,
    notes: &'r str,
}

const EXPECTED_HEADER: &str = "an ACLED export header: event_id_cnty, event_date, \
                               time_precision, sub_event_type, actor1, country, location, \
                               latitude, longitude, geo_precision, fatalities…";

impl Dataset for Acled {
    const KIND: DatasetKind = DatasetKind::Acled;
    type Columns = Columns;
    type Event<'r> = Event<'r>;

    fn bind(header: &Header, file: &Path) -> Result<Columns, ImportError> {
        let mut b = Binder::new(header, file, EXPECTED_HEADER);
        let c = Columns {
            event_id: b.required("event_id_cnty"),
            event_date: b.required("event_date"),
            time_precision: b.required("time_precision"),
            sub_event_type: b.required("sub_event_type"),
            actor1: b.required("actor1"),
            assoc_actor_1: b.optional("assoc_actor_1"),
            inter1: b.optional("inter1"),
            actor2: b.optional("actor2"),
            assoc_actor_2: b.optional("assoc_actor_2"),
            inter2: b.optional("inter2"),
            country: b.required("country"),
            admin1: b.optional("admin1"),
            admin2: b.optional("admin2"),
            admin3: b.optional("admin3"),
            location: b.required("location"),
            latitude: b.required("latitude"),
            longitude: b.required("longitude"),
            geo_precision: b.required("geo_precision"),
            source: b.optional("source"),
            notes: b.optional("notes"),
            fatalities: b.required("fatalities"),
        };
        b.finish()?;
        Ok(c)
    }

    fn parse<'r>(c: &Columns, row: &Row<'r>) -> Result<Event<'r>, Vec<Fault>> {
        let mut f = Faults::default();
        let id = f.check(event_id(row, c.event_id));
        let date = f.check(parse_date(row, c.event_date));
        let time_precision = f.check(integer_in(
            row,
            c.time_precision,
            1..=3,
            "an ACLED time_precision: 1 (day), 2 (week) or 3 (month)",
        ));
        let event_type = f.check(sub_event_type(row, c.sub_event_type));
        let actor1 = f.check(required(row, c.actor1, "the name of an actor"));
        let inter1 = f.check(inter(row, c.inter1, row.get(c.actor1)));
        let actor2 = row.opt(c.actor2);
        let inter2 = f.check(inter(row, c.inter2, actor2));
        let country = f.check(required(row, c.country, "a country name"));
        let location = f.check(required(row, c.location, "a location name"));
        let latitude = f.check(coordinate(row, c.latitude, 90.0, "latitude"));
        let longitude = f.check(coordinate(row, c.longitude, 180.0, "longitude"));
        let geo_precision = f.check(integer_in(
            row,
            c.geo_precision,
            1..=3,
            "an ACLED geo_precision: 1, 2 or 3",
        ));
        let fatalities = f.check(integer_in(
            row,
            c.fatalities,
            0..=1_000_000,
            "a number of fatalities (a whole number, 0 or more)",
        ));
        f.finish(|| {
            let date = date?;
            let (start, end, precision) = date_span(date, time_precision? as u8);
            Some(Event {
                id: id?,
                date,
                start,
                end,
                precision,
                event_type: event_type?,
                sub_event_type: row.get(c.sub_event_type),
                actor1: actor1?,
                inter1: inter1?,
                actor2,
                inter2: inter2?,
                associated: [row.opt(c.assoc_actor_1), row.opt(c.assoc_actor_2)],
                country: country?,
                admin1: row.opt(c.admin1),
                admin2: row.opt(c.admin2),
                admin3: row.opt(c.admin3),
                location: location?,
                latitude: latitude?,
                longitude: longitude?,
                geo_precision: geo_precision?,
                fatalities: fatalities?,
                source: row.opt(c.source),
                notes: row.opt(c.notes),
            })
        })
    }

    fn id<'e>(c: &Columns, e: &'e Event<'_>) -> (usize, &'e str) {
        (c.event_id, e.id)
    }

    fn emit(e: &Event<'_>, out: &mut Emitter<'_>) {
        let place = out.place(&[
            (PlaceLevel::Country, e.country),
            (PlaceLevel::Admin1, e.admin1),
            (PlaceLevel::Admin2, e.admin2),
            (PlaceLevel::Admin3, e.admin3),
            (PlaceLevel::Location, e.location),
        ]);
        if let Some(p) = &place {
            out.geometry(p, e.longitude, e.latitude);
        }
        let label = format!(
            "{} in {}, {}",
            e.event_type
                .acled_sub_event_type()
                .unwrap_or(e.sub_event_type),
            e.location,
            e.date.format("%Y-%m-%d")
        );
        let incident = out.incident(
            &IncidentFacts {
                id: e.id,
                label,
                event_type: e.event_type,
                start: e.start,
                end: e.end,
                precision: e.precision,
                geo_precision: e.geo_precision,
                summary: Some(e.notes),
            },
            place.as_ref(),
        );
        let a1 = out.actor(e.actor1, e.inter1);
        out.role(&incident, Role::Participant, &a1);
        if !e.actor2.is_empty() {
            let a2 = out.actor(e.actor2, e.inter2);
            out.role(&incident, Role::Participant, &a2);
        }
        for names in e.associated {
            for name in names.split(';').map(str::trim) {
                if !name.is_empty() {
                    let a = out.actor(name, None);
                    out.role(&incident, Role::Participant, &a);
                }
            }
        }
        out.casualty_claim(
            &incident,
            e.id,
            CasualtyFigure {
                suffix: "fatalities",
                group: None,
                min: Some(e.fatalities),
                best: None,
                max: Some(e.fatalities),
                source_note: Some(e.source),
                total: true,
            },
        );
    }
}

fn event_id<'a>(row: &Row<'a>, column: usize) -> Result<&'a str, Fault> {
    let v = row.get(column);
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(v)
    } else {
        Err(Fault::new(
            column,
            v,
            "an ACLED event id such as SYR12345 (letters, digits, - or _)",
        ))
    }
}

/// The date formats ACLED has used: ISO (API and current exports), "23 May 2018" (older
/// exports), "23-May-2018" and "23/05/2018" (spreadsheets).
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d/%m/%Y",
];

fn parse_date(row: &Row<'_>, column: usize) -> Result<NaiveDate, Fault> {
    let v = row.get(column);
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
        .ok_or_else(|| Fault::new(column, v, "a date such as 2018-05-23 or 23 May 2018"))
}

fn sub_event_type(row: &Row<'_>, column: usize) -> Result<EventType, Fault> {
    let v = row.get(column);
    EventType::from_acled(v).ok_or_else(|| {
        Fault::new(
            column,
            v,
            "an ACLED sub_event_type such as Armed clash, Air/drone strike or Attack",
        )
    })
}

/// `inter1`/`inter2`: empty (or ACLED's old 0) when there is no actor; else a code 1–8 or its
/// name.
fn inter(
    row: &Row<'_>,
    column: Option<usize>,
    actor: &str,
) -> Result<Option<ActorCategory>, Fault> {
    let Some(column) = column else {
        return Ok(None);
    };
    let v = row.get(column);
    if v.is_empty() || (actor.is_empty() && v == "0") {
        return Ok(None);
    }
    ActorCategory::from_acled(v.strip_suffix(".0").unwrap_or(v))
        .map(Some)
        .ok_or_else(|| {
            Fault::new(
                column,
                v,
                "an ACLED actor type: a code 1–8 or a name such as State forces",
            )
        })
}

/// Start, end and precision of an ACLED date with its `time_precision`.
fn date_span(date: NaiveDate, time_precision: u8) -> (NaiveDate, NaiveDate, DatePrecision) {
    let precision =
        DatePrecision::from_acled(time_precision).expect("time_precision is checked to be 1–3");
    match time_precision {
        2 => (
            date - Duration::days(3),
            date + Duration::days(3),
            precision,
        ),
        3 => {
            // The calendar month of the date.
            let month = crate::dates::month_span(date.year(), date.month());
            (
                month.start,
                month.end.expect("a month has an end"),
                precision,
            )
        }
        _ => (date, date, precision),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn time_precision_widens_the_date_to_its_week_or_month() {
        let (s, e, p) = date_span(d("2018-05-23"), 1);
        assert_eq!((s, e, p.id()), (d("2018-05-23"), d("2018-05-23"), "day"));
        let (s, e, p) = date_span(d("2018-05-23"), 2);
        assert_eq!((s, e, p.id()), (d("2018-05-20"), d("2018-05-26"), "week"));
        let (s, e, p) = date_span(d("2020-02-15"), 3);
        assert_eq!((s, e, p.id()), (d("2020-02-01"), d("2020-02-29"), "month"));
        let (s, e, _) = date_span(d("2019-12-15"), 3);
        assert_eq!((s, e), (d("2019-12-01"), d("2019-12-31")));
    }

    #[test]
    fn acled_dates_are_read_in_every_format_acled_has_used() {
        for text in ["2018-05-23", "23 May 2018", "23-May-2018", "23/05/2018"] {
            let row = Row::of(vec![text]);
            assert_eq!(parse_date(&row, 0).unwrap(), d("2018-05-23"), "{text}");
        }
        let row = Row::of(vec!["2018-13-45"]);
        assert!(parse_date(&row, 0).is_err());
    }
}
