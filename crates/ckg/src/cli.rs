//! Command-line arguments, declared and nothing else. `main.rs` dispatches them.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when the reader of stdout goes away, e.g. `ckg query … | head`)
  1  error: invalid data, SPARQL syntax error, store in use or unreadable…
  2  usage error: unknown command or option, missing argument";

/// conflict-kg: build a knowledge graph of conflict incidents, actors, places and sources from
/// curated reports, keeping who claimed every fact and where it was published.
#[derive(Debug, Parser)]
#[command(name = "ckg", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
