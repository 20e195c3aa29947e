//! The review report of a linking run (`ckg link … --report FILE`): one row per curated place or
//! actor with the decision, the chosen entry, its score and matched name, the reason, and the
//! best candidates (runners-up, or for an unresolved place what came closest and why it was
//! refused), so a person can confirm a link or write an override in `data/links.toml`.
//! CSV (RFC 4180) or Markdown, chosen by the file's extension (`.md` → Markdown).

use super::{Decision, Linked, Method};
use crate::gazetteer::Gazetteer;
use std::io::{self, Write};
use std::path::Path;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Csv,
    Markdown,
}

impl ReportFormat {
    /// `.md`/`.markdown` → Markdown, anything else → CSV.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Self::Markdown
            }
            _ => Self::Csv,
        }
    }
}

const HEADER: [&str; 9] = [
    "id",
    "label",
    "type",
    "match",
    "method",
    "entry",
    "matched_name",
    "score",
    "reason",
];

fn cells(l: &Linked, g: &Gazetteer) -> Vec<String> {
    let candidates = l
        .candidates
        .iter()
        .filter(|c| l.entry != Some(c.entry))
        .take(3)
        .map(|c| {
            let e = &g.entries[c.entry];
            format!(
                "{} {} ({:.3}{})",
                e.id,
                e.name,
                c.score,
                c.rejected
                    .as_deref()
                    .map(|r| format!("; refused: {r}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(" | ");
    vec![
        l.target.id().to_string(),
        l.label.clone(),
        l.kind.clone(),
        l.decision.name().to_string(),
        match l.method {
            Method::Automatic => "automatic",
            Method::Override => "override",
        }
        .to_string(),
        l.entry_id.clone().unwrap_or_default(),
        l.matched_name.clone().unwrap_or_default(),
        l.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
        l.reason.clone(),
        candidates,
    ]
}

/// Writes the report: linked rows first (exact, then close), then the unresolved ones.
pub fn write_report(
    links: &[Linked],
    g: &Gazetteer,
    format: ReportFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut rows: Vec<&Linked> = links.iter().collect();
    rows.sort_by_key(|l| (l.decision, l.target.clone()));
    let header: Vec<&str> = HEADER.iter().copied().chain(["candidates"]).collect();
    match format {
        ReportFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut *out);
            w.write_record(&header)?;
            for l in rows {
                w.write_record(cells(l, g))?;
            }
            w.flush()?;
        }
        ReportFormat::Markdown => {
            let count = |d: Decision| links.iter().filter(|l| l.decision == d).count();
            writeln!(out, "# Gazetteer links: {}\n", g.source)?;
            writeln!(
                out,
                "{} exact, {} close, {} unresolved (of {}).\n",
                count(Decision::Exact),
                count(Decision::Close),
                count(Decision::None),
                links.len()
            )?;
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(header.len()))?;
            for l in rows {
                let line: Vec<String> = cells(l, g)
                    .iter()
                    .map(|c| c.replace('|', "\\|").replace('\n', " "))
                    .collect();
                writeln!(out, "| {} |", line.join(" | "))?;
            }
        }
    }
    Ok(())
}
