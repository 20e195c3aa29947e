//! Reconciling a list of names (`ckg link geonames --names NAMES.tsv`), as OpenRefine-style
//! reconciliation does: each `mention` (optionally with its `governorate`) goes through the same
//! matcher, and the answers are written as TSV (`mention geonameid name score match`). Nothing is
//! written to the store.

use super::matcher::{Matcher, Query, Wanted};
use super::{Decision, LinkError};
use crate::diag::{Problem, Problems};
use crate::vocab::PlaceType;
use std::path::Path;

/// One reconciled mention (`--names`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    pub mention: String,
    pub geonameid: Option<String>,
    pub name: Option<String>,
    pub score: Option<f64>,
    pub decision: Decision,
}

/// Reads a names TSV (header with `mention` and optional `governorate`) and matches every row.
pub fn reconcile(
    path: &Path,
    text: &str,
    matcher: &Matcher<'_>,
    country: &str,
) -> Result<Vec<Reconciled>, LinkError> {
    let problem = |line: usize, column: usize, field: &str, message: String| {
        LinkError::Invalid(Problems::from(vec![Problem {
            location: crate::diag::Location {
                file: path.to_path_buf(),
                line,
                column,
            },
            field: field.to_string(),
            message,
        }]))
    };
    // TSV as spreadsheets save it: tab-separated, no quoting (a quote is part of the name).
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Reading a &str with no quoting and rows of any length cannot fail.
    let mut records = reader.records().filter_map(Result::ok);
    let Some(header) = records.next() else {
        return Err(problem(
            1,
            1,
            "header",
            "found an empty file, expected a header line with a `mention` column".into(),
        ));
    };
    let header: Vec<String> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let Some(mention_col) = header.iter().position(|h| h == "mention") else {
        return Err(problem(
            1,
            1,
            "header",
            format!(
                "found columns `{}`, expected a `mention` column (and optionally `governorate`)",
                header.join("`, `")
            ),
        ));
    };
    let gov_col = header.iter().position(|h| h == "governorate");
    let mut out = Vec::new();
    for record in records {
        // 0-based, as the problems below add 1.
        let i = record.position().map_or(0, |p| p.line() as usize - 1);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cols: Vec<&str> = record.iter().map(|f| f.trim_end_matches('\r')).collect();
        let mention = cols.get(mention_col).map_or("", |m| m.trim());
        if mention.is_empty() {
            return Err(problem(
                i + 1,
                mention_col + 1,
                "mention",
                "found nothing, expected a place name".into(),
            ));
        }
        let (admin1, admin1_name) = match gov_col.and_then(|c| cols.get(c)).map(|g| g.trim()) {
            Some(g) if !g.is_empty() => match matcher.admin1_code(country, &[g.to_string()]) {
                Some((code, name)) => (Some(code), Some(name)),
                None => {
                    return Err(problem(
                        i + 1,
                        gov_col.unwrap_or(0) + 1,
                        "governorate",
                        format!(
                            "found `{g}`, expected the name of a first-level division of {country} (as in the admin1 codes file or the dump's ADM1 rows)"
                        ),
                    ));
                }
            },
            _ => (None, None),
        };
        // "… Governorate", "… province": the mention says what it is.
        let says_governorate = mention.split_whitespace().any(|w| {
            crate::gazetteer::GOVERNORATE_WORDS
                .iter()
                .any(|g| w.eq_ignore_ascii_case(g))
        });
        let outcome = matcher.decide(&Query {
            names: vec![mention.to_string()],
            wanted: if says_governorate {
                Wanted::Place(PlaceType::Governorate)
            } else {
                Wanted::AnyPlace
            },
            country: Some(country.to_string()),
            admin1,
            admin1_name,
            near: None,
        });
        let chosen = outcome.chosen.as_ref();
        out.push(Reconciled {
            mention: mention.to_string(),
            geonameid: chosen.map(|s| matcher.gazetteer.entries[s.entry].id.clone()),
            name: chosen.map(|s| matcher.gazetteer.entries[s.entry].name.clone()),
            score: chosen.map(|s| s.score),
            decision: outcome.decision,
        });
    }
    Ok(out)
}

/// Writes reconciled mentions as TSV: `mention geonameid name score match` (no quoting: tabs
/// and line breaks inside a name become spaces).
pub fn write_reconciled(rows: &[Reconciled], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Never)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(["mention", "geonameid", "name", "score", "match"])?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for r in rows {
        w.write_record([
            clean(&r.mention),
            r.geonameid.clone().unwrap_or_default(),
            clean(r.name.as_deref().unwrap_or("")),
            r.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
            r.decision.name().to_string(),
        ])?;
    }
    w.flush()
}
