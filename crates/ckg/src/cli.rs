//! Command-line arguments, declared and nothing else. `main.rs` dispatches them.

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    /// kept. Ends with a summary of what the store holds.
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
    /// Compact the store's files: smaller and faster to query after removals.
    ///
    /// Runs RocksDB's compaction over the whole store. The triples do not change. Worth running
    /// after importing a dataset again into a store that holds bigger ones (the replaced quads
    /// leave tombstones). It does nothing to a store just built or imported: RocksDB leaves the
    /// files the bulk loader wrote as they are. Takes the store's write lock: a second writer
    /// gets "store in use". On a store of millions of quads it takes a minute or more; it prints
    /// the size before and after.
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
}

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

Derived shortcuts:
  Beside what each row states, the import writes two derived triples per event, marked as such
  in the ontology (ckg:DerivedProperty): ckg:derivedGovernorate (the governorates its place lies
  in, as ckg:place/ckg:within* finds them) and ckg:derivedFatalities (the figure of the
  dataset's own casualty claim). They are rebuilt with the graph; after a build that changes
  the curated places, import again. queries/import/ shows them in use.

Examples:
  ckg import acled 2024-syria.csv                       graph …/graph/import/acled/2024-syria
  ckg import acled new-export.csv --name 2024-syria     update that graph
  ckg import ucdp ged-syria.csv --skip-bad-rows
  ckg import acled big.csv --dry-run                    check every row, write nothing
  ckg import acled big.csv --nquads big.nq              convert only";

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
    /// CONSTRUCT/DESCRIBE).
    #[arg(long, short = 'f', value_name = "F")]
    pub format: Option<String>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format: turtle (default), trig, nquads, ntriples, jsonld; or geojson (incidents
    /// as points, located by `ckg link geonames`). Without --format, the extension of -o
    /// chooses (.ttl .trig .nq .nt .jsonld .geojson).
    #[arg(long, short = 'f', value_name = "F")]
    pub format: Option<String>,
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
