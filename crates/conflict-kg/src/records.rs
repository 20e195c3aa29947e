//! Stage 1: the TOML files of `data/` read into typed records that remember where each value
//! was written. No checking beyond the syntax and the shape of each file: references, dates and
//! counts are the model's job.
//!
//! Invariant: every problem found is collected (all files are read) before returning, so a user
//! fixes a whole batch at once.

use crate::diag::{Problem, Problems, SourceText};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// A value with the byte range it was written at.
pub(crate) type S<T> = Spanned<T>;

/// `curated = { field = "where the curators took it from" }`: which fields of a record hold
/// values from outside the report text, each with its origin (issue 11). The key `record`
/// marks the whole record as the curators'.
pub(crate) type Curated = BTreeMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(#[source] Problems),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorRecord {
    pub id: S<String>,
    pub label: S<String>,
    #[serde(default)]
    pub aliases: Vec<S<String>>,
    pub category: S<String>,
    #[serde(default)]
    pub person: bool,
    pub rank: Option<S<String>>,
    #[serde(default)]
    pub member_of: Vec<S<String>>,
    #[serde(default)]
    pub part_of: Vec<S<String>>,
    #[serde(default)]
    pub allied_with: Vec<S<String>>,
    pub country: Option<S<String>>,
    pub description: Option<S<String>>,
    /// Persons: source ids they speak for ("Observatory head Rami Abdel Rahman").
    #[serde(default)]
    pub speaks_for: Vec<S<String>>,
    pub curated: Option<S<Curated>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlaceRecord {
    pub id: S<String>,
    pub label: S<String>,
    #[serde(default)]
    pub aliases: Vec<S<String>>,
    #[serde(rename = "type")]
    pub place_type: S<String>,
    pub within: Option<S<String>>,
    pub description: Option<S<String>>,
    /// Further parents, when a place lies in two places that do not nest (Deir ez-Zor in Syria
    /// and in eastern Syria).
    #[serde(default)]
    pub also_within: Vec<S<String>>,
    /// Places sharing ground with this one without either containing the other.
    #[serde(default)]
    pub overlaps: Vec<S<String>>,
    pub curated: Option<S<Curated>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceRecord {
    pub id: S<String>,
    pub label: S<String>,
    #[serde(default)]
    pub aliases: Vec<S<String>>,
    #[serde(rename = "type")]
    pub source_type: S<String>,
    pub actor: Option<S<String>>,
    pub country: Option<S<String>>,
    pub description: Option<S<String>>,
    /// The place the source is based in (a newspaper's city).
    pub based_in: Option<S<String>>,
    /// A joint attribution ("Moscow and a monitor said"): the source ids it names together.
    #[serde(default)]
    pub comprises: Vec<S<String>>,
    pub curated: Option<S<Curated>>,
}

/// A file under `reference/`: any mix of actors, places and sources.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReferenceFile {
    /// `"draft"`: records `ckg extract` proposed, not yet reviewed (`build` refuses them).
    pub status: Option<S<String>>,
    #[serde(default)]
    pub actor: Vec<ActorRecord>,
    #[serde(default)]
    pub place: Vec<PlaceRecord>,
    #[serde(default)]
    pub source: Vec<SourceRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportRecord {
    pub id: S<String>,
    /// `"draft"`: drafted by `ckg extract`, not yet reviewed (`build` refuses it).
    pub status: Option<S<String>>,
    pub headline: S<String>,
    pub published: S<String>,
    pub publisher: S<String>,
    #[serde(default)]
    pub cites: Vec<S<String>>,
    pub text: S<String>,
    pub dateline: Option<S<String>>,
    pub curated: Option<S<Curated>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IncidentRecord {
    pub id: S<String>,
    pub label: S<String>,
    pub event_type: S<String>,
    pub date: Option<S<String>>,
    pub date_text: Option<S<String>>,
    pub place: Option<S<String>>,
    pub location_qualifier: Option<S<String>>,
    #[serde(default)]
    pub perpetrators: Vec<S<String>>,
    pub perpetrator_known: Option<S<bool>>,
    #[serde(default)]
    pub targets: Vec<S<String>>,
    pub part_of: Option<S<String>>,
    pub summary: Option<S<String>>,
    pub evidence: S<String>,
    /// Further places, for a series spread over several ("IS attacks in Badia al-Sukhnah and
    /// Badia al-Sham").
    #[serde(default)]
    pub also_places: Vec<S<String>>,
    /// Further sentences establishing the incident (the caption that names the At-Taym field).
    #[serde(default)]
    pub also_evidence: Vec<S<String>>,
    pub curated: Option<S<Curated>>,
}

/// A claim table row: the common fields plus the kind-specific ones, in one flat TOML table.
///
/// `serde(flatten)` and `deny_unknown_fields` do not combine, so the kind-specific fields are
/// all listed here and the model rejects those that do not belong to the claim's kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimRecord {
    pub id: S<String>,
    pub source: S<String>,
    pub evidence: S<String>,
    pub incident: Option<S<String>>,
    pub stated: Option<S<String>>,
    pub note: Option<S<String>>,
    pub linked_by: Option<S<String>>,
    pub link_evidence: Option<S<String>>,
    // casualty
    #[serde(rename = "type")]
    pub casualty_type: Option<S<String>>,
    pub group: Option<S<String>>,
    pub count: Option<S<i64>>,
    pub min: Option<S<i64>>,
    pub max: Option<S<i64>>,
    // responsibility
    pub perpetrator: Option<S<String>>,
    // control / presence / strength
    pub actor: Option<S<String>>,
    pub place: Option<S<String>>,
    // Seed fidelity (issue 11), any kind unless said otherwise.
    /// The source that passed the claimant's statement on to the report.
    pub via: Option<S<String>>,
    /// The person (actor id) who spoke for the claimant.
    pub voiced_by: Option<S<String>>,
    /// Hedge concept of the claim ("reportedly").
    pub hedge: Option<S<String>>,
    /// Hedge concept of the incident link ("it appeared to be").
    pub link_hedge: Option<S<String>>,
    /// Casualty and strength claims: the figure's words, a substring of the evidence.
    pub quantity_text: Option<S<String>>,
    /// Casualty claims: the id of the casualty claim whose figure includes this one.
    pub part_of_figure: Option<S<String>>,
    /// Claim ids this claim rests on.
    #[serde(default)]
    pub based_on: Vec<S<String>>,
    /// Control and presence claims: the incident that ended what they state.
    pub until: Option<S<String>>,
    /// Control and presence claims: how they cover their place, in the text's words.
    pub place_qualifier: Option<S<String>>,
    // relation
    pub relation: Option<S<String>>,
    pub other: Option<S<String>>,
}

/// The kinds of claim, one TOML array each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    Casualty,
    Responsibility,
    Control,
    Presence,
    Strength,
    /// "Source S says incident I took place" (issue 11).
    Occurrence,
    /// "Source S says actor A is allied with / backed by actor B" (issue 11).
    Relation,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Casualty,
        ClaimKind::Responsibility,
        ClaimKind::Control,
        ClaimKind::Presence,
        ClaimKind::Strength,
        ClaimKind::Occurrence,
        ClaimKind::Relation,
    ];

    /// The TOML array name.
    pub fn table(self) -> &'static str {
        match self {
            ClaimKind::Casualty => "casualty_claim",
            ClaimKind::Responsibility => "responsibility_claim",
            ClaimKind::Control => "control_claim",
            ClaimKind::Presence => "presence_claim",
            ClaimKind::Strength => "strength_claim",
            ClaimKind::Occurrence => "occurrence_claim",
            ClaimKind::Relation => "relation_claim",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportFileRecord {
    pub report: ReportRecord,
    #[serde(default)]
    pub incident: Vec<IncidentRecord>,
    #[serde(default)]
    pub casualty_claim: Vec<ClaimRecord>,
    #[serde(default)]
    pub responsibility_claim: Vec<ClaimRecord>,
    #[serde(default)]
    pub control_claim: Vec<ClaimRecord>,
    #[serde(default)]
    pub presence_claim: Vec<ClaimRecord>,
    #[serde(default)]
    pub strength_claim: Vec<ClaimRecord>,
    #[serde(default)]
    pub occurrence_claim: Vec<ClaimRecord>,
    #[serde(default)]
    pub relation_claim: Vec<ClaimRecord>,
    /// Open review items of a draft: what the extractor could not decide.
    #[serde(default)]
    pub review: Vec<ReviewRecord>,
}

/// `[[review]]`: one open question of a draft, about one field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewRecord {
    pub about: S<String>,
    pub item: S<String>,
}

impl ReportFileRecord {
    pub(crate) fn claims(&self, kind: ClaimKind) -> &[ClaimRecord] {
        match kind {
            ClaimKind::Casualty => &self.casualty_claim,
            ClaimKind::Responsibility => &self.responsibility_claim,
            ClaimKind::Control => &self.control_claim,
            ClaimKind::Presence => &self.presence_claim,
            ClaimKind::Strength => &self.strength_claim,
            ClaimKind::Occurrence => &self.occurrence_claim,
            ClaimKind::Relation => &self.relation_claim,
        }
    }
}

/// A parsed file with its text (for positions).
#[derive(Debug)]
pub(crate) struct Loaded<T> {
    pub source: Arc<SourceText>,
    pub records: T,
}

/// A report file, with the text of the report it describes when that could be read.
#[derive(Debug)]
pub(crate) struct LoadedReport {
    pub source: Arc<SourceText>,
    pub records: ReportFileRecord,
    /// The report's text (`text = …`), `None` when it could not be read (a problem is recorded).
    pub text: Option<String>,
    /// The text file's path relative to the data directory, as written in the graph.
    pub text_path: String,
}

/// Everything read from a data directory.
#[derive(Debug, Default)]
pub(crate) struct Dataset {
    pub reference: Vec<Loaded<ReferenceFile>>,
    pub reports: Vec<LoadedReport>,
}

/// The file name ending of a reference draft beside its report (`<id>.reference-draft.toml`).
pub(crate) const REFERENCE_DRAFT_SUFFIX: &str = ".reference-draft.toml";

/// Lists the `.toml` files of a folder, sorted, or nothing when the folder does not exist.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, RecordsError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let io = |source| RecordsError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The text of `path`; `None` (and a problem at the first bad byte) when it is not UTF-8.
fn read(path: &Path, problems: &mut Problems) -> Result<Option<String>, RecordsError> {
    let bytes = std::fs::read(path).map_err(|source| RecordsError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            problems.push(not_utf8(path, e.as_bytes(), e.utf8_error()));
            Ok(None)
        }
    }
}

/// Where a file stops being UTF-8: its first bad byte, by line and column (in characters).
fn not_utf8(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> Problem {
    let good = &bytes[..e.valid_up_to()];
    let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
    Problem {
        location: crate::diag::Location {
            file: path.to_path_buf(),
            line: good.iter().filter(|&&b| b == b'\n').count() + 1,
            column,
        },
        field: String::new(),
        message: format!(
            "found the byte 0x{:02X}, which is not UTF-8 (expected UTF-8 text)",
            bytes[e.valid_up_to()]
        ),
    }
}

/// Parses one TOML text; a syntax or shape error becomes a problem at its position.
fn parse<T: for<'de> Deserialize<'de>>(source: &SourceText) -> Result<T, Problem> {
    source.parse_toml()
}

/// Reads `reference/*.toml` and `reports/*.toml` (with each report's text) under `data_dir`.
pub(crate) fn read_dataset(data_dir: &Path) -> Result<Dataset, RecordsError> {
    if !data_dir.is_dir() {
        return Err(RecordsError::Io {
            path: data_dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such data directory"),
        });
    }
    let mut problems = Problems::default();
    let mut dataset = Dataset::default();

    for path in toml_files(&data_dir.join("reference"))? {
        let Some(text) = read(&path, &mut problems)? else {
            continue;
        };
        let source = Arc::new(SourceText::new(&path, text));
        match parse::<ReferenceFile>(&source) {
            Ok(records) => dataset.reference.push(Loaded { source, records }),
            Err(p) => problems.push(p),
        }
    }

    let reports_dir = data_dir.join("reports");
    for path in toml_files(&reports_dir)? {
        let Some(text) = read(&path, &mut problems)? else {
            continue;
        };
        let source = Arc::new(SourceText::new(&path, text));
        // A draft's proposed actors, places and sources live beside it (`ckg extract`).
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(REFERENCE_DRAFT_SUFFIX))
        {
            match parse::<ReferenceFile>(&source) {
                Ok(records) => dataset.reference.push(Loaded { source, records }),
                Err(p) => problems.push(p),
            }
            continue;
        }
        let records = match parse::<ReportFileRecord>(&source) {
            Ok(r) => r,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let text_field = &records.report.text;
        let text_file = reports_dir.join(text_field.get_ref());
        let text = match std::fs::read(&text_file).map(String::from_utf8) {
            Ok(Ok(t)) => Some(t),
            Ok(Err(e)) => {
                problems.push(not_utf8(&text_file, e.as_bytes(), e.utf8_error()));
                None
            }
            Err(e) => {
                problems.push(source.problem(
                    text_field.span().start,
                    "report.text",
                    format!(
                        "cannot read the report text {}: {e} (expected a file beside {})",
                        text_file.display(),
                        path.display()
                    ),
                ));
                None
            }
        };
        let text_path = format!("reports/{}", text_field.get_ref());
        dataset.reports.push(LoadedReport {
            source,
            records,
            text,
            text_path,
        });
    }

    if dataset.reference.is_empty() && dataset.reports.is_empty() && problems.is_empty() {
        problems.push(Problem {
            location: crate::diag::Location {
                file: data_dir.to_path_buf(),
                line: 1,
                column: 1,
            },
            field: String::new(),
            message: "no data: expected TOML files under reference/ and reports/".into(),
        });
    }
    problems.into_result().map_err(RecordsError::Invalid)?;
    Ok(dataset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, Problem> {
        parse(&SourceText::new("t.toml", text.to_string()))
    }

    #[test]
    fn unknown_fields_are_problems_with_their_position() {
        let err = parse_str::<ReferenceFile>(
            "[[actor]]\nid = \"is\"\nlabel = \"Islamic State\"\ncategory = \"rebel-group\"\ncolour = \"black\"\n",
        )
        .unwrap_err();
        assert_eq!(err.location.line, 5, "{err}");
        assert!(err.message.contains("unknown field `colour`"), "{err}");
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let err = parse_str::<ReferenceFile>("[[actor]]\nid = \"is\nlabel = 3\n").unwrap_err();
        assert_eq!(err.location.line, 2, "{err}");
    }

    #[test]
    fn missing_required_fields_are_named() {
        let err =
            parse_str::<ReferenceFile>("[[place]]\nid = \"x\"\ntype = \"town\"\n").unwrap_err();
        assert!(err.message.contains("missing field `label`"), "{err}");
    }

    #[test]
    fn spans_are_kept_for_values() {
        let file: ReferenceFile =
            parse_str("[[place]]\nid = \"mayadeen\"\nlabel = \"Mayadeen\"\ntype = \"town\"\n")
                .unwrap();
        assert_eq!(file.place[0].id.span().start, 15);
    }
}
