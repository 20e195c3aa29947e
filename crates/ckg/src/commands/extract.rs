//! `ckg extract`: read each article, draft its report with the library's extractor, write
//! the draft, its text and its reference draft atomically, and print what was found. The files
//! of up to `BATCH` articles are made durable together (`write_batch_atomically`: one sync pass
//! instead of one per file); an error still writes the articles drafted before it.

use crate::cli::ExtractArgs;
use anyhow::Context;
use conflict_kg::extract::{self, Lexicon, Options};
use conflict_kg::gazetteer::geonames;
use conflict_kg::import::AliasTable;
use std::path::Path;

pub fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let model = conflict_kg::load(&args.data.data)?;
    let aliases = AliasTable::load(&args.data.data, &model)?;
    let names: Vec<(String, String)> = aliases
        .names()
        .map(|(n, a)| (n.to_string(), a.to_string()))
        .collect();
    let (present, missing): (Vec<&Path>, Vec<&Path>) = args
        .gazetteer
        .iter()
        .map(|p| p.as_path())
        .partition(|p| p.is_file());
    for p in &missing {
        eprintln!(
            "note: no gazetteer at {}: its places are not recognised (only curated places and \
             the other gazetteers)",
            p.display()
        );
    }
    let gazetteer = if present.is_empty() {
        None
    } else {
        let filter = geonames::Filter::default();
        Some(geonames::read_dumps(&present, &filter, &conflict_kg::Silent)?.0)
    };
    let mut lexicon = Lexicon::new(&model, &names, gazetteer);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    let mut pending: Vec<(std::path::PathBuf, String)> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for article in &args.articles {
        if let Err(e) = draft_one(&args, &mut lexicon, article, &mut pending, &mut lines) {
            flush(&mut pending, &mut lines)?;
            return Err(e);
        }
        if pending.len() >= 3 * BATCH {
            flush(&mut pending, &mut lines)?;
        }
    }
    flush(&mut pending, &mut lines)
}

/// Articles whose files are made durable together.
const BATCH: usize = 128;

/// Writes the pending files (one durability pass) and then prints their articles' lines.
fn flush(
    pending: &mut Vec<(std::path::PathBuf, String)>,
    lines: &mut Vec<String>,
) -> anyhow::Result<()> {
    if !pending.is_empty() {
        conflict_kg::write_batch_atomically(pending).map_err(|(path, e)| {
            anyhow::Error::new(e).context(format!("cannot write {}", path.display()))
        })?;
    }
    pending.clear();
    for line in lines.drain(..) {
        outln!("{line}");
    }
    Ok(())
}

/// Drafts one article into `pending` (its text, reference draft and draft) and `lines`, and
/// teaches `lexicon` the sources and places it proposes.
fn draft_one(
    args: &ExtractArgs,
    lexicon: &mut Lexicon,
    article: &Path,
    pending: &mut Vec<(std::path::PathBuf, String)>,
    lines: &mut Vec<String>,
) -> anyhow::Result<()> {
    {
        let input = std::fs::read_to_string(article).with_context(|| {
            format!(
                "cannot read {} (expected UTF-8 text or HTML)",
                article.display()
            )
        })?;
        let id = report_id(article, &args.published);
        let opts = Options {
            id: id.clone(),
            published: args.published.clone(),
            publisher: args.publisher.clone(),
            url: args.url.clone(),
        };
        let draft = extract::extract(&input, lexicon, &opts)
            .with_context(|| format!("cannot extract {}", article.display()))?;
        // The next articles refer to what this one proposes (one reference draft defines it).
        lexicon.learn(&draft);
        let dir = &args.output;
        pending.push((dir.join(format!("{id}.txt")), draft.text.clone()));
        pending.push((
            dir.join(format!("{id}.reference-draft.toml")),
            extract::reference_toml(&draft),
        ));
        pending.push((
            dir.join(format!("{id}.toml")),
            extract::report_toml(&draft, &article.display().to_string()),
        ));
        lines.push(format!(
            "{}: {} incidents, {} casualty claims, {} responsibility claims, {} new sources, {} new places, {} review items → {}",
            article.display(),
            draft.incidents.len(),
            draft.casualties.len(),
            draft.responsibilities.len(),
            draft.new_sources.len(),
            draft.new_places.len(),
            draft.review.len(),
            dir.join(format!("{id}.toml")).display()
        ));
    }
    Ok(())
}

/// The report id: the kebab-case file stem, prefixed with the publication date unless it
/// starts with a year already.
fn report_id(article: &Path, published: &str) -> String {
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = extract::slug(&stem);
    let slug = if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    };
    if slug.len() >= 4 && slug[..4].bytes().all(|b| b.is_ascii_digit()) {
        slug
    } else {
        format!("{}-{slug}", extract::slug(published))
    }
}
