//! Date expressions of the data files and their resolution into spans with a precision.
//!
//! Pure functions, no I/O. Invariant: a span is never more precise than its text: "this week"
//! is a Monday–Sunday week with week precision, never a day; a relative expression is resolved
//! only against a publication date precise enough to support it.

use crate::vocab::DatePrecision;
use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};
use std::fmt;

/// A resolved date: first day, last day (none when open-ended) and precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
}

/// A publication date: a day, or only a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
}

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        match t.len() {
            10 => parse_day(t).map(PartialDate::Day),
            7 => parse_month(t).map(|(year, month)| PartialDate::Month { year, month }),
            4 => parse_year(t).map(PartialDate::Year),
            _ => Err(format!(
                "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found `{text}`"
            )),
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            PartialDate::Day(d) => d.year(),
            PartialDate::Month { year, .. } => year,
            PartialDate::Year(y) => y,
        }
    }

    fn month(&self) -> Option<u32> {
        match *self {
            PartialDate::Day(d) => Some(d.month()),
            PartialDate::Month { month, .. } => Some(month),
            PartialDate::Year(_) => None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PartialDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PartialDate::Year(y) => write!(f, "{y:04}"),
        }
    }
}

fn parse_year(t: &str) -> Result<i32, String> {
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        Ok(t.parse().expect("four digits"))
    } else {
        Err(format!("expected a year as YYYY, found `{t}`"))
    }
}

fn parse_month(t: &str) -> Result<(i32, u32), String> {
    let (y, m) = t
        .split_once('-')
        .ok_or_else(|| format!("expected a month as YYYY-MM, found `{t}`"))?;
    let year = parse_year(y)?;
    match m.parse::<u32>() {
        Ok(month @ 1..=12) if m.len() == 2 => Ok((year, month)),
        _ => Err(format!("`{t}` has no month {m}: months run from 01 to 12")),
    }
}

fn parse_day(t: &str) -> Result<NaiveDate, String> {
    let bytes = t.as_bytes();
    let shape_ok = t.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && t.bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(format!("expected a day as YYYY-MM-DD, found `{t}`"));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("`{t}` is not a day of the calendar"))
}

/// The calendar month `year-month` as a span of month precision (also ACLED's time_precision 3).
pub(crate) fn month_span(year: i32, month: u32) -> DateSpan {
    let start = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid month");
    DateSpan {
        start,
        end: Some(next.pred_opt().expect("not the first day ever")),
        precision: DatePrecision::Month,
    }
}

fn year_span(year: i32) -> Result<DateSpan, String> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| format!("year {year} is out of range"))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31)
        .ok_or_else(|| format!("year {year} is out of range"))?;
    Ok(DateSpan {
        start,
        end: Some(end),
        precision: DatePrecision::Year,
    })
}

fn day_span(day: NaiveDate) -> DateSpan {
    DateSpan {
        start: day,
        end: Some(day),
        precision: DatePrecision::Day,
    }
}

fn week_span(week: IsoWeek) -> DateSpan {
    let start =
        NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon).expect("valid week");
    DateSpan {
        start,
        end: Some(start + Days::new(6)),
        precision: DatePrecision::Week,
    }
}

fn parse_iso_week(t: &str) -> Result<DateSpan, String> {
    let (y, w) = t
        .split_once("-W")
        .ok_or_else(|| format!("expected an ISO week as YYYY-Www, found `{t}`"))?;
    let year = parse_year(y)?;
    let week: u32 = w
        .parse()
        .ok()
        .filter(|_| w.len() == 2)
        .ok_or_else(|| format!("expected an ISO week as YYYY-Www, found `{t}`"))?;
    let start = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
        .ok_or_else(|| format!("{year} has no ISO week {week}"))?;
    Ok(week_span(start.iso_week()))
}

/// Resolves an absolute expression (`2018-05-23`, `2020-W34`, `2018-03`, `2017`, a range
/// `A/B` of days, or an open start `2015/`).
fn resolve_absolute(t: &str) -> Option<Result<DateSpan, String>> {
    if let Some(start) = t.strip_suffix('/').or_else(|| t.strip_prefix("since ")) {
        return Some(resolve_absolute(start.trim())?.map(|s| DateSpan { end: None, ..s }));
    }
    if let Some((a, b)) = t.split_once('/') {
        return Some((|| {
            let start = parse_day(a.trim())?;
            let end = parse_day(b.trim())?;
            if end < start {
                return Err(format!("range `{t}` ends before it starts"));
            }
            Ok(DateSpan {
                start,
                end: Some(end),
                precision: DatePrecision::Day,
            })
        })());
    }
    let first = t.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    Some(if t.contains("-W") {
        parse_iso_week(t)
    } else {
        match t.len() {
            10 => parse_day(t).map(day_span),
            7 => parse_month(t).map(|(y, m)| month_span(y, m)),
            4 => parse_year(t).and_then(year_span),
            _ => Err(format!(
                "expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY or a range A/B, found `{t}`"
            )),
        }
    })
}

/// The English weekday names, lower case, with their `Weekday` (also used by `extract`).
pub(crate) const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The English month names, lower case, January first (also used by `extract`).
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn need_day(expr: &str, published: Option<PartialDate>) -> Result<NaiveDate, String> {
    match published {
        Some(PartialDate::Day(d)) => Ok(d),
        Some(p) => Err(format!(
            "`{expr}` is relative to the publication day, but the report's publication date \
             `{p}` has no day: give an absolute date"
        )),
        None => Err(format!(
            "`{expr}` is relative, but there is no publication date to resolve it against"
        )),
    }
}

/// Resolves a date expression, relative ones against the report's publication date.
pub(crate) fn resolve(expr: &str, published: Option<PartialDate>) -> Result<DateSpan, String> {
    let t = expr.trim();
    if let Some(result) = resolve_absolute(t) {
        return result;
    }
    let lower = t.to_ascii_lowercase();
    // "since last Sunday": an open span from that day.
    if let Some(rest) = lower.strip_prefix("since ") {
        return resolve(rest, published).map(|s| DateSpan { end: None, ..s });
    }
    let lower = lower.strip_prefix("on ").unwrap_or(&lower);
    // "last Sunday" in a Sunday's paper is a week before; otherwise the latest Sunday.
    let (lower, strictly_before) = match lower.strip_prefix("last ") {
        Some(w) if WEEKDAYS.iter().any(|(name, _)| *name == w) => (w, true),
        _ => (lower, false),
    };
    if let Some(&(_, weekday)) = WEEKDAYS.iter().find(|(name, _)| *name == lower) {
        let day = need_day(expr, published)?;
        let back = (7 + day.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let back = if back == 0 && strictly_before {
            7
        } else {
            back
        };
        return Ok(day_span(day - Days::new(u64::from(back))));
    }
    if let Some(index) = MONTHS.iter().position(|m| *m == lower) {
        let month = index as u32 + 1;
        let p = published
            .ok_or_else(|| format!("`{expr}` is relative, but there is no publication date"))?;
        let year = match p.month() {
            Some(pm) if month > pm => p.year() - 1,
            Some(_) => p.year(),
            None => {
                return Err(format!(
                    "`{expr}` needs the publication month to know which year is meant; \
                     the report only gives `{p}`: give an absolute date"
                ));
            }
        };
        return Ok(month_span(year, month));
    }
    match lower {
        "today" => need_day(expr, published).map(day_span),
        "yesterday" => need_day(expr, published).map(|d| day_span(d - Days::new(1))),
        "this week" => need_day(expr, published).map(|d| week_span(d.iso_week())),
        "last week" => need_day(expr, published).map(|d| week_span((d - Days::new(7)).iso_week())),
        "this month" | "last month" => {
            let p = published
                .ok_or_else(|| format!("`{expr}` is relative, but there is no publication date"))?;
            let (year, month) = match (p, lower) {
                (PartialDate::Year(_), _) => {
                    return Err(format!(
                        "`{expr}` needs the publication month; the report only gives `{p}`"
                    ));
                }
                (PartialDate::Day(d), "this month") => (d.year(), d.month()),
                (PartialDate::Month { year, month }, "this month") => (year, month),
                (_, _) => {
                    let (y, m) = (p.year(), p.month().expect("not a bare year"));
                    if m == 1 { (y - 1, 12) } else { (y, m - 1) }
                }
            };
            Ok(month_span(year, month))
        }
        "this year" => published
            .ok_or_else(|| format!("`{expr}` is relative, but there is no publication date"))
            .and_then(|p| year_span(p.year())),
        "last year" => published
            .ok_or_else(|| format!("`{expr}` is relative, but there is no publication date"))
            .and_then(|p| year_span(p.year() - 1)),
        _ => Err(format!(
            "`{expr}` is not a date expression: expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY, a \
             range A/B, an open start `YYYY/`, a weekday, a month name, today, yesterday, \
             this/last week, this/last month or this/last year"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn afp() -> Option<PartialDate> {
        Some(PartialDate::Day(d("2018-05-27"))) // a Sunday
    }

    #[test]
    fn last_weekday_is_strictly_before_publication_and_since_opens_a_span() {
        // 2025-07-20 was a Sunday.
        let p = Some(PartialDate::Day(d("2025-07-20")));
        assert_eq!(resolve("Sunday", p).unwrap().start, d("2025-07-20"));
        assert_eq!(resolve("last Sunday", p).unwrap().start, d("2025-07-13"));
        assert_eq!(resolve("last Thursday", p).unwrap().start, d("2025-07-17"));
        let since = resolve("since last Sunday", p).unwrap();
        assert_eq!((since.start, since.end), (d("2025-07-13"), None));
    }

    #[test]
    fn weekday_resolves_to_the_latest_such_day_on_or_before_publication() {
        let wed = resolve("Wednesday", afp()).unwrap();
        assert_eq!(
            (wed.start, wed.end, wed.precision),
            (d("2018-05-23"), Some(d("2018-05-23")), DatePrecision::Day)
        );
        assert_eq!(resolve("on Tuesday", afp()).unwrap().start, d("2018-05-22"));
        assert_eq!(resolve("Sunday", afp()).unwrap().start, d("2018-05-27"));
        assert_eq!(resolve("Saturday", afp()).unwrap().start, d("2018-05-26"));
    }

    #[test]
    fn this_week_is_a_week_not_a_day() {
        let w = resolve("this week", afp()).unwrap();
        assert_eq!(
            (w.start, w.end, w.precision),
            (d("2018-05-21"), Some(d("2018-05-27")), DatePrecision::Week)
        );
    }

    #[test]
    fn iso_week_34_of_2020_is_17_to_23_august() {
        let w = resolve("2020-W34", None).unwrap();
        assert_eq!(
            (w.start, w.end, w.precision),
            (d("2020-08-17"), Some(d("2020-08-23")), DatePrecision::Week)
        );
    }

    #[test]
    fn month_names_resolve_to_the_latest_such_month_not_after_publication() {
        let m = resolve("March", afp()).unwrap();
        assert_eq!(
            (m.start, m.end, m.precision),
            (d("2018-03-01"), Some(d("2018-03-31")), DatePrecision::Month)
        );
        let dec = resolve("December", afp()).unwrap();
        assert_eq!(dec.start, d("2017-12-01"));
        let april = resolve(
            "April",
            Some(PartialDate::Month {
                year: 2020,
                month: 8,
            }),
        )
        .unwrap();
        assert_eq!(april.start, d("2020-04-01"));
    }

    #[test]
    fn absolute_forms_keep_their_precision() {
        assert_eq!(resolve("2018-03", None).unwrap().end, Some(d("2018-03-31")));
        assert_eq!(resolve("2016-02", None).unwrap().end, Some(d("2016-02-29")));
        let y = resolve("2017", None).unwrap();
        assert_eq!(
            (y.start, y.end, y.precision),
            (d("2017-01-01"), Some(d("2017-12-31")), DatePrecision::Year)
        );
        let r = resolve("2018-05-26/2018-05-27", None).unwrap();
        assert_eq!(
            (r.start, r.end, r.precision),
            (d("2018-05-26"), Some(d("2018-05-27")), DatePrecision::Day)
        );
    }

    #[test]
    fn open_start_has_no_end() {
        for e in ["since 2015", "2015/"] {
            let s = resolve(e, None).unwrap();
            assert_eq!(
                (s.start, s.end, s.precision),
                (d("2015-01-01"), None, DatePrecision::Year)
            );
        }
    }

    #[test]
    fn last_month_and_last_year_are_relative_to_publication() {
        let p = Some(PartialDate::Month {
            year: 2020,
            month: 1,
        });
        assert_eq!(resolve("last month", p).unwrap().start, d("2019-12-01"));
        assert_eq!(resolve("last year", afp()).unwrap().start, d("2017-01-01"));
        assert_eq!(resolve("yesterday", afp()).unwrap().start, d("2018-05-26"));
    }

    #[test]
    fn impossible_dates_are_rejected_with_the_reason() {
        assert!(
            resolve("2018-02-30", None)
                .unwrap_err()
                .contains("not a day of the calendar")
        );
        assert!(
            resolve("2018-13", None)
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            resolve("2021-W53", None)
                .unwrap_err()
                .contains("no ISO week 53")
        );
        assert!(
            resolve("2018-05-27/2018-05-26", None)
                .unwrap_err()
                .contains("ends before it starts")
        );
        assert!(
            resolve("soonish", afp())
                .unwrap_err()
                .contains("not a date expression")
        );
    }

    #[test]
    fn relative_dates_need_a_precise_enough_publication_date() {
        let month_only = Some(PartialDate::Month {
            year: 2020,
            month: 8,
        });
        assert!(
            resolve("this week", month_only)
                .unwrap_err()
                .contains("has no day")
        );
        assert!(
            resolve("Wednesday", None)
                .unwrap_err()
                .contains("no publication date")
        );
        assert!(
            resolve("March", Some(PartialDate::Year(2020)))
                .unwrap_err()
                .contains("publication month")
        );
    }

    #[test]
    fn publication_dates_parse_at_three_precisions() {
        assert_eq!(
            PartialDate::parse("2018-05-27").unwrap(),
            PartialDate::Day(d("2018-05-27"))
        );
        assert_eq!(
            PartialDate::parse("2020-08").unwrap(),
            PartialDate::Month {
                year: 2020,
                month: 8
            }
        );
        assert_eq!(PartialDate::parse("2020").unwrap(), PartialDate::Year(2020));
        assert!(PartialDate::parse("27/05/2018").is_err());
    }
}
