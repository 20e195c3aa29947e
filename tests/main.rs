//! The integration suite: one test binary (as ripgrep and just have), so RocksDB is linked once.
//! Each module is one feature; `common` holds the fluent `ckg` runner and the shared set-ups.

mod common;

mod bad_input;
mod bad_input_table;
mod cli;
mod deps;
mod extract;
mod geo;
mod golden;
mod import;
mod import_queries;
mod link;
mod ontology;
mod push;
mod queries;
mod query_limits;
mod reliability;
mod roundtrip;
mod seed_facts;
mod serve;
mod shacl;
