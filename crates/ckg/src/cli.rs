//! Command-line arguments, declared and nothing else. `main.rs` dispatches them.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use conflict_kg::{ExportFormat, OutputFormat};
use std::path::PathBuf;

/// `--format` of `ckg query`, checked by clap against the library's one table of names
/// (`OutputFormat::ALL`, with aliases): an unknown name is a usage error listing them.
fn query_format() -> impl TypedValueParser<Value = OutputFormat> {
    let names = OutputFormat::ALL.map(|f| PossibleValue::new(f.name()).aliases(f.aliases()));
    PossibleValuesParser::new(names)
        .map(|name| OutputFormat::parse(&name).expect("clap accepted one of the names"))
}

/// What `ckg export` writes: RDF in one of the library's formats, or incidents as GeoJSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Rdf(ExportFormat),
    GeoJson,
}

impl ExportChoice {
    /// The choice of a name (or alias), any case.
    pub fn parse(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("geojson") {
            return Some(Self::GeoJson);
        }
        ExportFormat::parse(name).map(Self::Rdf)
    }

    /// The choice a file extension names; `None` for any other (or no) extension.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("geojson"))
        {
            return Some(Self::GeoJson);
        }
        ExportFormat::from_path(path).map(Self::Rdf)
    }

    /// The extensions `-o` understands, as `.ttl .trig … .geojson`.
    pub fn extensions() -> String {
        ExportFormat::ALL
            .iter()
            .map(|f| f.extension())
            .chain(["geojson"])
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `--format` of `ckg export`: the library's RDF formats (`ExportFormat::ALL`) and geojson.
fn export_format() -> impl TypedValueParser<Value = ExportChoice> {
    let names = ExportFormat::ALL
        .map(|f| PossibleValue::new(f.name()).aliases(f.aliases()))
        .into_iter()
        .chain([PossibleValue::new("geojson")]);
    PossibleValuesParser::new(names)
        .map(|name| ExportChoice::parse(&name).expect("clap accepted one of the names"))
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when the reader of stdout goes away, e.g. `ckg query … | head`)
  1  error: invalid data, SPARQL syntax error, store in use or unreadable, server refused or
     unreachable…
  2  usage error: unknown command or option, missing argument
  3  `ckg push` only: a graph was sent but its verification failed (the server's triple count
     differs from the store's, or the server marked its count as partial)";

/// conflict-kg: build a knowledge graph of conflict incidents, actors, places and sources from
/// curated reports, keeping who claimed every fact and where it was published.
#[derive(Debug, Parser)]
#[command(name = "ckg", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line, then checks what clap's declarations cannot say (which
    /// options go together); a usage error exits with code 2, as clap's own do.
    pub fn parse_checked() -> Self {
        let cli = Self::parse();
        if let Command::Push(args) = &cli.command {
            if let Err(message) = args.check() {
                Self::command()
                    .error(clap::error::ErrorKind::ArgumentConflict, message)
                    .exit();
            }
        }
        cli
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the ontology and every file of the data directory into the store, all or nothing.
    ///
    /// Validates first (as `ckg validate`) and touches nothing if any problem is found. The
    /// ontology, reference and report graphs are replaced in one transaction, so a failed or
    /// killed build leaves the previous store as it was; graphs written by other commands are
    /// kept. When the curated place hierarchy changed since a dataset was imported, the same
    /// transaction recomputes that import's derived governorates and its per-governorate,
    /// per-month counts (listed as "refreshed"); an import made before these counts existed
    /// records no hierarchy and is listed as "stale?" (import it again). Which curated place a
    /// dataset name stands for is decided at import time: import again to decide it anew.
    /// Ends with a summary of what the store holds.
    Build(BuildArgs),
    /// Check the data files and report every problem with file:line:column; write nothing.
    Validate(DataArg),
    /// Run a SPARQL query over the union of all graphs.
    ///
    /// The prefixes rdf rdfs owl xsd skos sem prov geo schema dcterms time ckg geof uom gn wd
    /// and the instance prefixes incident: actor: place: source: report: claim: graph: link: are
    /// predeclared. GeoSPARQL functions (geof:distance, geof:sfWithin…) are available.
    Query(QueryArgs),
    /// Write the store, or one graph of it, as RDF; or the incidents as GeoJSON.
    Export(ExportArgs),
    /// Link curated places (and actors) to a gazetteer: GeoNames or Wikidata.
    ///
    /// Reads the gazetteer's own published files, matches every place of the data directory
    /// (spellings normalised, candidates filtered by country, parent governorate and feature
    /// type), and replaces the gazetteer's link graph ({base}graph/link/geonames or …/wikidata)
    /// in one transaction: skos:exactMatch when confident, skos:closeMatch when plausible, with
    /// score, matched name and provenance; exact GeoNames matches give the place a geometry.
    /// Overrides in DATA/links.toml always win. With --names, reconciles a TSV of names instead
    /// and writes nothing to the store.
    Link(LinkArgs),
    /// Import an event dataset (ACLED or UCDP GED, CSV as downloaded) into its own graph.
    ///
    /// Each file goes to `{base}graph/import/{acled|ucdp}/{name}`, its name the kebab-case of
    /// the file stem (or --name). Importing a file again replaces that graph with the same
    /// triples. Dataset actors and places are reconciled with the curated ones (the alias
    /// table data/aliases.toml; places by name within their admin area), so one query spans
    /// curated reports and datasets.
    #[command(after_long_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Compact the store's files: smaller and faster to query after removals; never bigger.
    ///
    /// Runs RocksDB's compaction over a copy of the store (hard links, so cheap) and swaps the
    /// copy in only if it is smaller; otherwise the store is left exactly as it was and the
    /// message says why. The triples do not change. Worth running after importing a dataset
    /// again into a store that holds bigger ones (the replaced quads leave tombstones). On a
    /// store just imported it gains nothing: the bulk loader's files are compressed, and
    /// compaction would rewrite them uncompressed (about twice the size). Takes the store's
    /// write lock: a second writer gets "store in use". On a store of millions of quads it
    /// takes a minute or more; it prints the size before and after.
    Optimize(StoreArg),
    /// Push the store's named graphs to a triple-store server (Graph Store Protocol), verified.
    ///
    /// Each named graph of the store (or each --graph) replaces the graph of the same IRI on the
    /// server: the first batch by PUT, the rest by POST, as N-Triples with Content-Length, blank
    /// nodes turned into stable IRIs ({base}.well-known/genid/…). After each graph its triple
    /// count on the server (a SPARQL COUNT through the query endpoint, with no timeout) must
    /// equal the store's. Pushing twice leaves the server as pushing once. Connection errors
    /// and 5xx answers are retried with backoff; 4xx answers stop the push at once.
    #[command(after_long_help = PUSH_HELP)]
    Push(PushArgs),
    /// Serve the store over HTTP, read-only: a SPARQL endpoint, graph downloads, every
    /// instance IRI as a page, and a web page to query and map it.
    ///
    /// Routes: /sparql (SPARQL 1.1 Protocol: GET, POST form, POST application/sparql-query;
    /// a plain GET is the service description), /store?graph=IRI and /store?default (Graph
    /// Store Protocol reads, GET and HEAD), /id/{incident,actor,place,claim,report,source}/…
    /// (Linked Data: HTML for a browser, Turtle, JSON-LD, N-Triples… by Accept), / (the web
    /// page). Queries run as `ckg query` runs them: predeclared prefixes, GeoSPARQL functions,
    /// the union of all graphs as the default graph. After `ckg build`, `link` or `import`
    /// change the store, the server answers from the new data within a second, without a
    /// restart; queries running meanwhile finish on the old data.
    #[command(after_long_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Draft a report from an article's text, for an analyst to review (rule-based, offline).
    ///
    /// For each ARTICLE (plain text, or an HTML page saved from a browser, whose main text is
    /// kept) writes to DIR: `<id>.toml`, a report in the schema of data/reports/*.toml marked
    /// `status = "draft"`, each value with the rule that produced it and a confidence, and a
    /// [[review]] item for everything the rules could not decide; `<id>.txt`, the text the
    /// evidence quotes byte for byte; `<id>.reference-draft.toml`, the sources, actors and
    /// places it names that data/reference/ lacks. Incidents (event type, date resolved against
    /// --published with only the precision the words give, place and qualifier, perpetrators
    /// and targets only where the sentence says who did it), casualty claims (killed/wounded,
    /// group, bounds from the qualifier, claimant, relay, hedge) and responsibility claims.
    #[command(after_long_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
}

const SERVE_HELP: &str = "\
Limits (each answer says which one struck; none truncates silently):
  --timeout S     a query running longer gets 503 with a message naming the limit (at
                  the latest one second after it, even for a query that computes in
                  memory and never stops by itself: see --workers). Answers
                  over 1 MiB are streamed; if the limit strikes after streaming began, the
                  connection is closed without ending the chunked transfer, so no client
                  can take the answer as complete.
  --max-rows N    at most N solutions or triples; a cut answer carries the header
                  `X-CKG-Truncated: max-rows=N` and, in JSON and XML results, a head link
                  `urn:conflict-kg:truncated:max-rows=N` (a comment in Turtle, N-Triples,
                  N-Quads, TriG). Every answer carries `X-SPARQL-MaxRows: N`.
  --workers N     queries answered at once (default: four per core, at least 16); a slow
                  query holds one worker, the others go on. A query that overran its
                  --timeout while computing in memory is given up: a new worker takes its
                  place (at most N at once), and the stuck one ends with its query. A client
                  that closes its connection stops its query.
  --queue N       connections waiting for a worker; beyond that, 503 at once.
  --max-query B   the longest query text, in bytes (413 beyond).
  --max-body B    the largest request body, also after gzip decoding (413 beyond).
  --cache-mib M   answers kept for the same query, Accept header and row cap on the same
                  data (default 64 MiB; 0: none). A build, link or import makes a new store
                  generation, and no answer of an older one is ever served. Not kept: queries
                  using RAND, NOW, UUID, STRUUID, BNODE or SERVICE, answers over an eighth of
                  the cache, and any answer under --max-rows 0 (streamed, never held
                  whole). Header X-CKG-Cache: hit or miss.
Safety: read-only (no update endpoint: 403), SERVICE (federated queries) is off unless
--allow-service (the server never fetches other URLs), bound to 127.0.0.1 unless --bind
says otherwise, CORS only with --cors, answers gzip-compressed when the client asks
(Accept-Encoding: gzip).

Examples:
  ckg serve                                   http://127.0.0.1:7878/
  ckg serve --bind 0.0.0.0:8080 --cors '*'    reachable by others, from any web page
  curl -H 'Accept: text/csv' --data-urlencode query@queries/russian-losses.rq \\
       http://127.0.0.1:7878/sparql";

const EXTRACT_HELP: &str = "\
What it does not do:
  - It does not guess. A figure gets only the bounds its words entail (\"dozens\" = at least
    24, \"about 40\" = no bound); a date only the precision of its words; a perpetrator only
    when the sentence says who did it (\"IS attacked\", \"killed by IS\", \"a Turkish drone
    targeted\"); a claim with no claimant in its sentence (or carried from
    a speaker just quoted) is the publisher's own, marked for review.
  - No statistical model, no coreference beyond \"the attack\" / the same day, no arithmetic
    (\"two … and another two\" are two claims, never four), no control, presence, relation,
    strength or occurrence claims, no `linked_by`, no summaries.
  - It proposes, never decides, new sources, actors and places: a claimant not in
    data/reference goes into the reference draft in the text's words (the usual agencies,
    monitors and UN bodies, such as SANA, Anadolu or the Local Coordination Committees, under
    their usual name); an actor only when it is one of the war's well-known ones (Turkey,
    Israel, Hezbollah, HTS, the YPG, the Peshmerga…), never a name it does not know.
  - It never edits data/: the drafts go to -o DIR. `ckg build` refuses a draft until the
    analyst deletes `status = \"draft\"` (or builds it into a separate draft graph with
    --drafts). Accuracy measured on real articles: README.md, \"Adding a report\".";

const PUSH_HELP: &str = "\
Servers (GSP-URL, and the query endpoint derived from it):
  oxigraph server   http://HOST:7878/store                        → …/query
  Virtuoso          http://HOST:8890/sparql-graph-crud-auth       → …/sparql-auth
                    (Digest auth: --user dba --password-env VAR --auth digest)
  Fuseki            http://HOST:3030/DATASET/data                 → …/DATASET/sparql
  GraphDB / RDF4J   http://HOST:7200/repositories/ID/rdf-graphs/service → …/repositories/ID
  (oxigraph and Virtuoso are tested; Fuseki and GraphDB follow their documentation, untested.)
  Any other layout: give --query-endpoint.

Credentials:
  The password (or bearer token) is read from the environment variable named by
  --password-env, never from the command line. --auth defaults to digest when --user is
  given (Basic sends the password in clear over http).

Not atomic:
  A graph sent in several batches is replaced step by step on every server. A push that
  stops half-way (server down, killed) leaves that graph partial on the server; push again
  and its PUT replaces it. The verification says whether the server matches the store.

Exit codes:
  0  every graph pushed and verified
  1  error: store missing or in use, bad URL, the server refused a request (4xx: wrong URL,
     credentials, permissions), the server unreachable or failing (5xx) after every attempt
  2  usage error
  3  verification failed: the server's triple count of a graph differs from the store's, or
     its count was marked partial (Virtuoso's X-SQL-State) or cut

Examples:
  ckg push http://127.0.0.1:7878/store
  VIRTUOSO_PASSWORD=… ckg push http://127.0.0.1:8890/sparql-graph-crud-auth \\
      --user dba --password-env VIRTUOSO_PASSWORD --auth digest
  ckg push http://127.0.0.1:7878/store --graph https://w3id.org/conflict-kg/id/graph/reference
  ckg push http://127.0.0.1:7878/store --dry-run               the plan, nothing sent";

/// How `ckg push` authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthScheme {
    /// HTTP Basic, sent with every request (use it over https).
    Basic,
    /// HTTP Digest (RFC 7616; Virtuoso's -auth endpoints).
    Digest,
    /// Authorization: Bearer TOKEN, the token read from --password-env.
    Bearer,
}

const IMPORT_HELP: &str = "\
How an import writes:
  Rows stream from the CSV file into a staged copy of the store (a RocksDB checkpoint made of
  hard links), which replaces the store in one step once every row is in. A bad row, an error
  or an interrupted import leave the store as it was.

Bad rows:
  By default any malformed row (bad date, missing id, unparsable coordinates, wrong number of
  fields, bytes that are not UTF-8, an event id already used by an earlier row…) stops the
  import before anything is written, and every bad row is listed as FILE:LINE:COLUMN: column:
  found `…`, expected … (LINE counts the header as line 1; COLUMN is the field's position in
  the row). With --skip-bad-rows the good rows are imported and the bad ones are copied to the
  rejects file (default FILE.rejects.csv beside the input) with two more columns, ckg_line and
  ckg_reason.

Updating a dataset:
  ACLED revises and deletes events between exports. Import a newer export of the same dataset
  under the same name (--name acled-syria) and its graph is replaced whole: changed events are
  updated and deleted ones disappear. A different name makes a second, separate graph.

Derived data:
  Beside what each row states, the import writes two derived triples per event, marked as such
  in the ontology (ckg:DerivedProperty): ckg:derivedGovernorate (the governorates its place lies
  in, as ckg:place/ckg:within* finds them) and ckg:derivedFatalities (the figure of the
  dataset's own casualty claim); and, after the last row, an aggregate: one ckg:IncidentCount
  per governorate and month with the number of the file's events there (a few thousand
  triples). They are rebuilt with the graph; a build that changes the curated place hierarchy
  recomputes the governorates and counts (reconciliation itself stays as imported: import
  again to redo it). queries/import/ shows them in use.

Examples:
  ckg import acled 2024-syria.csv                       graph …/graph/import/acled/2024-syria
  ckg import acled new-export.csv --name 2024-syria     update that graph
  ckg import ucdp ged-syria.csv --skip-bad-rows
  ckg import acled big.csv --dry-run                    check every row, write nothing
  ckg import acled big.csv --nquads big.nq              convert only";

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files: plain UTF-8 text (headline on the first line) or saved HTML pages.
    #[arg(value_name = "ARTICLE", required = true)]
    pub articles: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD, YYYY-MM or YYYY): relative dates resolve against it.
    #[arg(long, value_name = "DATE")]
    pub published: String,
    /// The publisher's name (a curated source such as AFP, or a new one proposed).
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// Where the article was found (written in the draft's header).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Output directory for the drafts (created if missing).
    #[arg(long, short = 'o', value_name = "DIR", default_value = "drafts")]
    pub output: PathBuf,
    /// A GeoNames dump (or extract) for places the curated data lacks; repeat the option for
    /// several (default: the Syria and the Iraq extracts). Its places are proposed only within
    /// a curated country (Syria, Iraq).
    #[arg(
        long,
        value_name = "FILE",
        default_values = [
            "data/gazetteer/geonames-SY-extract.txt",
            "data/gazetteer/geonames-IQ-extract.txt",
        ]
    )]
    pub gazetteer: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Debug, Args)]
pub struct DataArg {
    /// The data directory (reference/*.toml, reports/*.toml).
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
}

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The store directory (created by `build`).
    #[arg(
        long,
        value_name = "DIR",
        env = "CKG_STORE",
        default_value = "ckg-store"
    )]
    pub store: PathBuf,
}

#[derive(Debug, Args)]
pub struct BaseArg {
    /// Base IRI of instance resources (incidents, actors, places…); must end with / or #.
    #[arg(long, value_name = "IRI", default_value = conflict_kg::vocab::DEFAULT_BASE)]
    pub base: String,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Also build draft reports (`status = "draft"`, from `ckg extract`) and draft reference
    /// files, each into a graph of its own ({base}graph/draft/report/{id},
    /// {base}graph/draft/reference), never into the curated graphs. Without it a build refuses
    /// drafts; a later build without it removes the draft graphs.
    #[arg(long)]
    pub drafts: bool,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A file holding the query (e.g. queries/conflicting-casualty-figures.rq).
    #[arg(value_name = "FILE.rq", conflicts_with = "query")]
    pub file: Option<PathBuf>,
    /// The query text itself.
    #[arg(long, short = 'q', value_name = "TEXT")]
    pub query: Option<String>,
    /// Output format: table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, nquads, trig,
    /// jsonld (CONSTRUCT/DESCRIBE). Default: table on a terminal, tsv otherwise (turtle for
    /// CONSTRUCT/DESCRIBE). Every format streams (memory stays bounded, `| head` returns at
    /// once); the table's column widths come from its first 200 rows, and a later value wider
    /// than its column is cut with … (the last line counts them; tsv keeps whole values).
    #[arg(long, short = 'f', value_name = "F", value_parser = query_format(), ignore_case = true)]
    pub format: Option<OutputFormat>,
    /// Stop the query after S seconds (decimals allowed) and fail with an error naming the
    /// limit (exit 1). Under a limit the answers are printed only once complete, so a stopped
    /// query prints nothing on stdout. Default: no limit.
    #[arg(long, value_name = "S", value_parser = positive_seconds)]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
    /// The address to listen on; port 0 picks a free port (printed at start).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Allow web pages from ORIGIN (or `*`, any) to query the server (CORS). Default: none.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Stop a query after S seconds (decimals allowed) and answer 503 naming the limit; 0: no
    /// limit.
    #[arg(long, value_name = "S", default_value = "30", value_parser = seconds_or_zero)]
    pub timeout: f64,
    /// Return at most N solutions or triples per query, saying so (header and body); 0: no cap.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_rows: u64,
    /// Worker threads: queries answered at the same time. Default: four per core, at least 16.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: Option<u16>,
    /// Connections that may wait for a worker before new ones get 503.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub queue: usize,
    /// The longest query text accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024)]
    pub max_query: usize,
    /// The largest request body accepted (after gzip decoding), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Keep up to MIB mebibytes of answers for the same query on the same data; 0: keep none.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub cache_mib: usize,
    /// Let SERVICE (federated queries) call other SPARQL endpoints. Off by default: anyone who
    /// can query the server could otherwise make it fetch any URL it can reach.
    #[arg(long)]
    pub allow_service: bool,
    /// The named queries offered on the web page (*.rq, subfolders too); skipped if absent.
    #[arg(long, value_name = "DIR", default_value = "queries")]
    pub queries: PathBuf,
}

/// A number of seconds, 0 or more.
pub fn seconds_or_zero(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s >= 0.0 && s.is_finite() && s < 1e9 => Ok(s),
        _ => Err(format!("`{text}` is not a number of seconds (0 or more)")),
    }
}

/// A number of seconds greater than zero (and finite).
pub fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e9 => Ok(s),
        _ => Err(format!(
            "`{text}` is not a number of seconds greater than 0"
        )),
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format: turtle (default), trig, nquads, ntriples, jsonld; or geojson (incidents
    /// as points, located by `ckg link geonames`). Without --format, the extension of -o
    /// chooses (.ttl .trig .nq .nt .jsonld .geojson); any other extension is an error unless
    /// --format is given.
    #[arg(long, short = 'f', value_name = "F", value_parser = export_format(), ignore_case = true)]
    pub format: Option<ExportChoice>,
    /// Export only this named graph (e.g. https://w3id.org/conflict-kg/id/graph/reference).
    #[arg(long, short = 'g', value_name = "IRI")]
    pub graph: Option<String>,
    /// Write to this file (atomically: a temporary file renamed into place) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    #[command(subcommand)]
    pub gazetteer: LinkGazetteer,
}

#[derive(Debug, Subcommand)]
pub enum LinkGazetteer {
    /// Link places to GeoNames from a dump (allCountries.txt, SY.txt, cities500.txt…, or .zip).
    Geonames(GeonamesArgs),
    /// Link places and actors to Wikidata from a query-service result (.json/.tsv/.csv) or
    /// entity dump lines (.json/.jsonl).
    Wikidata(WikidataArgs),
}

#[derive(Debug, Args)]
pub struct LinkCommon {
    /// The gazetteer file.
    #[arg(long, value_name = "FILE")]
    pub dump: PathBuf,
    /// Write a review report (every place, its match, score, reason and best candidates): CSV,
    /// or Markdown when FILE ends in .md.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Replace the link graph even when the file yields no entry, or lacks most of the entries
    /// the current links point to (by default that is an error: an empty or truncated download
    /// must not wipe good links).
    #[arg(long)]
    pub allow_empty: bool,
    #[command(flatten)]
    pub data: DataArg,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct GeonamesArgs {
    #[command(flatten)]
    pub common: LinkCommon,
    /// GeoNames admin1CodesASCII.txt (names of governorates), used to check parents.
    #[arg(long, value_name = "FILE")]
    pub admin1: Option<PathBuf>,
    /// GeoNames admin2Codes.txt (names of districts), shown next to candidates' admin codes in
    /// reasons and the review report.
    #[arg(long, value_name = "FILE")]
    pub admin2: Option<PathBuf>,
    /// Countries (ISO alpha-2, comma-separated) whose rows are all kept from the dump; rows of
    /// other countries are kept only when one of their names is a curated name.
    #[arg(long, value_name = "CC,…", default_value = conflict_kg::link::DEFAULT_COUNTRY, value_delimiter = ',')]
    pub countries: Vec<String>,
    /// Reconcile the names of this TSV (header with `mention` and optionally `governorate`)
    /// and print TSV (mention, geonameid, name, score, match); writes nothing to the store.
    #[arg(long, value_name = "NAMES.tsv")]
    pub names: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct WikidataArgs {
    #[command(flatten)]
    pub common: LinkCommon,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub dataset: ImportDataset,
}

#[derive(Debug, Subcommand)]
pub enum ImportDataset {
    /// An ACLED export (event_id_cnty, event_date, time_precision, sub_event_type, actor1…;
    /// older exports with data_id / event_id_no_cnty too).
    #[command(after_long_help = IMPORT_HELP)]
    Acled(ImportFileArgs),
    /// A UCDP GED file (id, type_of_violence, side_a, side_b, where_prec, date_prec,
    /// date_start, date_end, deaths_a…, low, best, high…).
    #[command(after_long_help = IMPORT_HELP)]
    Ucdp(ImportFileArgs),
}

#[derive(Debug, Args)]
pub struct ImportFileArgs {
    /// The CSV file, as downloaded.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The import name, which names the graph (default: the kebab-case of the file stem). Use
    /// the same name for a newer export of the same dataset to replace the old one.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Import the good rows and write the bad ones to the rejects file instead of failing.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Where rejected rows go (default: FILE.rejects.csv beside the input).
    #[arg(long, value_name = "FILE", requires = "skip_bad_rows")]
    pub rejects: Option<PathBuf>,
    /// Read, check and convert every row; write nothing.
    #[arg(long, conflicts_with = "nquads")]
    pub dry_run: bool,
    /// Convert only: write the quads to this N-Quads file, touch no store.
    #[arg(long, value_name = "OUT.nq")]
    pub nquads: Option<PathBuf>,
    /// Memory target of the bulk loader, in MB (RocksDB's own memory comes on top).
    #[arg(long, value_name = "MB", default_value_t = conflict_kg::import::DEFAULT_MAX_MEMORY_MB)]
    pub max_memory: usize,
    #[command(flatten)]
    pub data: DataArg,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The server's Graph Store Protocol URL (see the list of servers below).
    #[arg(value_name = "GSP-URL")]
    pub url: String,
    /// The SPARQL query endpoint used to verify each graph (default: derived from GSP-URL for
    /// oxigraph server, Virtuoso, Fuseki and GraphDB).
    #[arg(long, value_name = "URL")]
    pub query_endpoint: Option<String>,
    /// Push only this named graph (repeat for more); default: every named graph of the store.
    #[arg(long = "graph", short = 'g', value_name = "IRI")]
    pub graphs: Vec<String>,
    /// The user to authenticate as (Basic or Digest).
    #[arg(long, value_name = "U", requires = "password_env")]
    pub user: Option<String>,
    /// The name of the environment variable holding the password (or the bearer token).
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// The authentication scheme (default: digest when --user is given, none otherwise).
    #[arg(long, value_enum, value_name = "basic|digest|bearer")]
    pub auth: Option<AuthScheme>,
    /// At most this many triples a request: a bigger graph is sent as a PUT and POSTs
    /// [default: 100000; 500000 for oxigraph server, whose bulk loader takes them]
    #[arg(long, value_name = "TRIPLES")]
    pub batch: Option<u64>,
    /// Tries per request on connection errors and 5xx answers (waiting 0.5 s, then twice as
    /// long each time, at most 8 s).
    #[arg(long, value_name = "N", default_value_t = 6)]
    pub attempts: u32,
    /// Print the plan (graphs, triples, batches, URLs) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

impl PushArgs {
    /// The authentication scheme: --auth, else digest with --user, else none.
    pub fn auth_scheme(&self) -> Option<AuthScheme> {
        self.auth.or(self.user.as_ref().map(|_| AuthScheme::Digest))
    }

    fn check(&self) -> Result<(), String> {
        match (self.auth_scheme(), &self.user, &self.password_env) {
            (Some(AuthScheme::Bearer), Some(_), _) => {
                Err("--auth bearer takes no --user (the token is in --password-env)".into())
            }
            (Some(AuthScheme::Bearer), None, None) => Err(
                "--auth bearer needs --password-env VAR (the variable holding the token)".into(),
            ),
            (Some(AuthScheme::Basic | AuthScheme::Digest), None, _) => {
                Err("--auth basic and --auth digest need --user and --password-env".into())
            }
            (None, None, Some(_)) => {
                Err("--password-env needs --user (or --auth bearer for a token)".into())
            }
            _ => Ok(()),
        }
    }
}
