//! `ckg push GSP-URL`: the store's named graphs to a triple-store server, verified; the plan
//! with --dry-run; a progress bar on a terminal (over triples sent), retries told on stderr, a
//! summary at the end.

use crate::cli::{AuthScheme, PushArgs};
use anyhow::Context;
use conflict_kg::KgStore;
use conflict_kg::push::{self, Auth, Client, Endpoints, GraphPlan, Plan, Retry, Step};
use indicatif::{HumanBytes, ProgressBar, ProgressStyle};
use oxigraph::model::NamedNode;
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// The progress bar (hidden when stderr is not a terminal; retries are told either way).
struct Bar {
    bar: ProgressBar,
    graphs: usize,
}

impl push::Progress for Bar {
    fn graph(&self, index: usize, plan: &GraphPlan) {
        self.bar.set_message(format!(
            "graph {}/{}: {}",
            index + 1,
            self.graphs,
            plan.graph.as_str()
        ));
    }

    fn sent(&self, triples: u64, _bytes: u64) {
        self.bar.inc(triples);
    }

    fn retry(&self, step: Step, attempt: u32, attempts: u32, delay: Duration, why: &str) {
        self.bar.suspend(|| {
            eprintln!(
                "push: {step}: {why}; trying again in {:.1} s (attempt {} of {attempts})",
                delay.as_secs_f64(),
                attempt + 1
            );
        });
    }
}

pub fn run(args: PushArgs) -> anyhow::Result<()> {
    let base = super::base(&args.base)?;
    let endpoints = Endpoints::new(&args.url, args.query_endpoint.as_deref())?;
    let graphs = args
        .graphs
        .iter()
        .map(|g| NamedNode::new(g).with_context(|| format!("--graph `{g}` is not a valid IRI")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let store = KgStore::open_read_only(&args.store.store)?;
    let batch = args.batch.unwrap_or(endpoints.kind().default_batch());
    let plan = Plan::new(&store, endpoints, &graphs, batch)?;
    if args.dry_run {
        let mut out = std::io::stdout().lock();
        print_plan(&mut out, &args, &plan)?;
        return Ok(out.flush()?);
    }
    let client = Client::new(
        auth(&args)?,
        Retry {
            attempts: args.attempts.max(1),
            ..Retry::default()
        },
    );
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(plan.triples()).with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} triples {per_sec} {msg}",
            )
            .expect("a valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let progress = Bar {
        bar,
        graphs: plan.graphs.len(),
    };
    let hooks = push::Hooks {
        after_first_batch: &super::fault::pause_before_commit,
    };
    let result = push::push(&store, &plan, &base, &client, &progress, &hooks);
    progress.bar.finish_and_clear();
    let summary = result?;
    let mut out = std::io::stdout().lock();
    print_summary(&mut out, &args, &plan, &summary)?;
    Ok(out.flush()?)
}

fn auth(args: &PushArgs) -> anyhow::Result<Auth> {
    let secret = || -> anyhow::Result<String> {
        let var = args
            .password_env
            .as_deref()
            .expect("cli.rs checks --password-env comes with --user and bearer");
        Ok(push::secret_from_env(var)?)
    };
    let user = || {
        args.user
            .clone()
            .expect("cli.rs checks --user comes with basic/digest")
    };
    Ok(match args.auth_scheme() {
        None => Auth::None,
        Some(AuthScheme::Basic) => Auth::Basic {
            user: user(),
            password: secret()?,
        },
        Some(AuthScheme::Digest) => Auth::Digest {
            user: user(),
            password: secret()?,
        },
        Some(AuthScheme::Bearer) => Auth::Bearer { token: secret()? },
    })
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn print_plan(out: &mut impl Write, args: &PushArgs, plan: &Plan) -> std::io::Result<()> {
    let e = &plan.endpoints;
    writeln!(
        out,
        "plan: push {} to {} ({})",
        args.store.store.display(),
        e.gsp(),
        e.kind().label()
    )?;
    writeln!(out, "  verified through {}", e.query())?;
    let auth = match args.auth_scheme() {
        None => "none".to_owned(),
        Some(AuthScheme::Bearer) => format!(
            "bearer token from ${}",
            args.password_env.as_deref().unwrap_or("")
        ),
        Some(s) => format!(
            "{} as {}, password from ${}",
            if s == AuthScheme::Basic {
                "basic"
            } else {
                "digest"
            },
            args.user.as_deref().unwrap_or(""),
            args.password_env.as_deref().unwrap_or("")
        ),
    };
    writeln!(out, "  auth {auth}")?;
    writeln!(out, "  {:>10}  {:>7}  graph", "triples", "batches")?;
    for g in &plan.graphs {
        writeln!(
            out,
            "  {:>10}  {:>7}  {}",
            g.triples,
            g.batches,
            g.graph.as_str()
        )?;
    }
    writeln!(
        out,
        "  {} ({} triples) in {} of at most {} triples: for each graph, PUT the first, POST the \
         rest, then COUNT on the server",
        plural(plan.graphs.len() as u64, "graph", "graphs"),
        plan.triples(),
        plural(plan.requests(), "request", "requests"),
        plan.batch
    )?;
    writeln!(out, "dry run: nothing sent")
}

fn print_summary(
    out: &mut impl Write,
    args: &PushArgs,
    plan: &Plan,
    s: &push::Summary,
) -> std::io::Result<()> {
    let secs = s.elapsed.as_secs_f64().max(1e-9);
    writeln!(
        out,
        "pushed {} to {} ({})",
        args.store.store.display(),
        plan.endpoints.gsp(),
        plan.endpoints.kind().label()
    )?;
    for g in &s.graphs {
        writeln!(
            out,
            "  verified {:>10} triples  {:>4} {}  {}  (the server had {} before)",
            g.triples,
            g.batches,
            if g.batches == 1 { "batch  " } else { "batches" },
            g.graph.as_str(),
            g.server_before
        )?;
    }
    writeln!(out, "  graphs     {:>10}", s.graphs.len())?;
    writeln!(out, "  triples    {:>10}", s.triples)?;
    writeln!(
        out,
        "  bytes      {:>10}  ({})",
        s.bytes,
        HumanBytes(s.bytes)
    )?;
    writeln!(
        out,
        "  requests   {:>10}  ({} retried)",
        s.requests, s.retries
    )?;
    writeln!(
        out,
        "  time       {:>10.2} s  ({:.0} triples/s)",
        secs,
        s.triples as f64 / secs
    )?;
    writeln!(
        out,
        "  verified: every graph's triple count on the server equals the store's (SPARQL COUNT \
         through {})",
        plan.endpoints.query()
    )
}
