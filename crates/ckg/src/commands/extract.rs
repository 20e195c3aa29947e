//! `ckg extract`: read each article, draft its report with the library's extractor, write
//! the draft, its text and its reference draft atomically, and print what was found.

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
    let gazetteer = if args.gazetteer.is_file() {
        let (g, _) = geonames::read_dump(
            &args.gazetteer,
            &geonames::Filter::default(),
            &conflict_kg::Silent,
        )?;
        Some(g)
    } else {
        eprintln!(
            "note: no gazetteer at {}: only curated places are recognised",
            args.gazetteer.display()
        );
        None
    };
    let lexicon = Lexicon::new(&model, &names, gazetteer);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    for article in &args.articles {
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
        let draft = extract::extract(&input, &lexicon, &opts)
            .with_context(|| format!("cannot extract {}", article.display()))?;
        let dir = &args.output;
        write(&dir.join(format!("{id}.txt")), &draft.text)?;
        write(
            &dir.join(format!("{id}.reference-draft.toml")),
            &extract::reference_toml(&draft),
        )?;
        write(
            &dir.join(format!("{id}.toml")),
            &extract::report_toml(&draft, &article.display().to_string()),
        )?;
        outln!(
            "{}: {} incidents, {} casualty claims, {} responsibility claims, {} new sources, {} new places, {} review items → {}",
            article.display(),
            draft.incidents.len(),
            draft.casualties.len(),
            draft.responsibilities.len(),
            draft.new_sources.len(),
            draft.new_places.len(),
            draft.review.len(),
            dir.join(format!("{id}.toml")).display()
        );
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

fn write(path: &Path, content: &str) -> anyhow::Result<()> {
    conflict_kg::write_atomically(path, |w| {
        use std::io::Write;
        w.write_all(content.as_bytes())
    })
    .with_context(|| format!("cannot write {}", path.display()))
}
