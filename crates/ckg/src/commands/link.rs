//! `ckg link geonames|wikidata`: read the gazetteer, match the curated places (and actors),
//! replace the gazetteer's link graph, print what was linked; or, with `--names`, reconcile a
//! TSV of names and print TSV.

use crate::cli::{GeonamesArgs, LinkArgs, LinkCommon, LinkGazetteer, WikidataArgs};
use anyhow::Context;
use conflict_kg::KgStore;
use conflict_kg::Model;
use conflict_kg::gazetteer::{Gazetteer, geonames, name_key, wikidata};
use conflict_kg::link::{self, Decision, GazetteerKind, Matcher, ReportFormat, write_report};
use conflict_kg::write_atomically;
use std::io::Write;
use std::time::Instant;

pub fn run(args: LinkArgs) -> anyhow::Result<()> {
    match args.gazetteer {
        LinkGazetteer::Geonames(a) => geonames(a),
        LinkGazetteer::Wikidata(a) => wikidata(a),
    }
}

fn load_model(common: &LinkCommon) -> anyhow::Result<Model> {
    Ok(conflict_kg::load(&common.data.data)?)
}

fn overrides(common: &LinkCommon, model: &Model) -> anyhow::Result<Vec<link::Override>> {
    Ok(link::read_overrides(
        &common.data.data.join("links.toml"),
        model,
    )?)
}

fn geonames(args: GeonamesArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let common = &args.common;
    // admin1 names check parents; admin2 names label candidates in reasons and the report.
    let mut admin: Option<geonames::AdminNames> = None;
    for path in [&args.admin1, &args.admin2].into_iter().flatten() {
        admin
            .get_or_insert_with(Default::default)
            .extend(geonames::read_admin_names(path)?);
    }
    let countries: Vec<String> = args
        .countries
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .collect();
    let progress = super::progress::Report::for_input(&common.dump, true);

    if let Some(names_path) = &args.names {
        let text = std::fs::read_to_string(names_path)
            .with_context(|| format!("cannot read {}", names_path.display()))?;
        let filter = geonames::Filter {
            countries: countries.clone(),
            names: text
                .lines()
                .flat_map(|l| l.split('\t'))
                .map(name_key)
                .collect(),
        };
        let (gazetteer, _) = geonames::read_dump(&common.dump, &filter, &progress)?;
        progress.finish();
        let matcher = Matcher::new(&gazetteer, admin.as_ref());
        let country = countries
            .first()
            .map_or(link::DEFAULT_COUNTRY, String::as_str);
        let rows = link::reconcile(names_path, &text, &matcher, country)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        link::write_reconciled(&rows, &mut out)?;
        out.flush()?;
        return Ok(());
    }

    let model = load_model(common)?;
    let overrides = overrides(common, &model)?;
    let filter = geonames::Filter {
        countries,
        names: link::wanted_keys(&model),
    };
    let (gazetteer, rows) = geonames::read_dump(&common.dump, &filter, &progress)?;
    progress.finish();
    eprintln!(
        "read {} rows of {}, kept {}",
        rows,
        common.dump.display(),
        gazetteer.len()
    );
    let matcher = Matcher::new(&gazetteer, admin.as_ref());
    finish(
        common,
        &model,
        &gazetteer,
        &matcher,
        GazetteerKind::GeoNames,
        &overrides,
        started,
    )
}

fn wikidata(args: WikidataArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let common = &args.common;
    let model = load_model(common)?;
    let overrides = overrides(common, &model)?;
    let gazetteer = wikidata::read(&common.dump)?;
    eprintln!(
        "read {} entities from {}",
        gazetteer.len(),
        common.dump.display()
    );
    let matcher = Matcher::new(&gazetteer, None);
    finish(
        common,
        &model,
        &gazetteer,
        &matcher,
        GazetteerKind::Wikidata,
        &overrides,
        started,
    )
}

fn finish(
    common: &LinkCommon,
    model: &Model,
    gazetteer: &Gazetteer,
    matcher: &Matcher<'_>,
    kind: GazetteerKind,
    overrides: &[link::Override],
    started: Instant,
) -> anyhow::Result<()> {
    let base = super::base(&common.base)?;
    let links = link::link_model(model, matcher, kind, overrides);
    let quads = link::link_quads(&links, gazetteer, kind, &common.dump, &base);
    let store = KgStore::open(&common.store.store)?;
    let graph = base.link_graph(kind);
    if !common.allow_empty {
        link::check_replacement(&store, &graph, kind, gazetteer)?;
    }
    store.replace_graph(&graph, &quads, super::fault::pause_before_commit)?;

    // The report describes what was committed, so it is written after the commit.
    if let Some(path) = &common.report {
        write_atomically(path, |w| {
            write_report(&links, gazetteer, ReportFormat::from_path(path), w)
        })
        .with_context(|| format!("cannot write the report {}", path.display()))?;
    }
    let count = |d: Decision| links.iter().filter(|l| l.decision == d).count();
    outln!(
        "linked {} to {} ({})",
        common.store.store.display(),
        kind.name(),
        common.dump.display()
    );
    for l in &links {
        let what = match (&l.entry_id, l.entry) {
            (Some(id), Some(i)) => format!(
                "{id} {}{}",
                gazetteer.entries[i].name,
                match (l.method, l.score) {
                    (link::Method::Override, _) => " (override in links.toml)".to_string(),
                    (_, Some(s)) => format!(" ({s:.3})"),
                    (_, None) => String::new(),
                }
            ),
            (Some(id), None) => id.clone(),
            _ => match l.candidates.first() {
                Some(c) => format!(
                    "— best candidate {} {}: {}",
                    gazetteer.entries[c.entry].id, gazetteer.entries[c.entry].name, l.reason
                ),
                None => format!("— {}", l.reason),
            },
        };
        outln!("  {:<5}  {:<32} {what}", l.decision.name(), l.target.id());
    }
    outln!(
        "  {} exact, {} close, {} unresolved; {} quads in <{}>",
        count(Decision::Exact),
        count(Decision::Close),
        count(Decision::None),
        quads.len(),
        graph.as_str()
    );
    if let Some(path) = &common.report {
        outln!("  review report: {}", path.display());
    }
    outln!("  time {:.2} s", started.elapsed().as_secs_f64());
    Ok(())
}
