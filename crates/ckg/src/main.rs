//! `ckg`: wires the command line to the commands. Nothing else lives here.

mod cli;
mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse_checked();
    let result = match cli.command {
        cli::Command::Build(args) => commands::build::run(args),
        cli::Command::Validate(args) => commands::validate::run(args),
        cli::Command::Query(args) => commands::query::run(args),
        cli::Command::Export(args) => commands::export::run(args),
        cli::Command::Link(args) => commands::link::run(args),
        cli::Command::Import(args) => commands::import::run(args),
        cli::Command::Optimize(args) => commands::optimize::run(args),
        cli::Command::Push(args) => commands::push::run(args),
        cli::Command::Serve(args) => commands::serve::run(args),
        cli::Command::Extract(args) => commands::extract::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if commands::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            commands::report_error(&e);
            commands::exit_code(&e)
        }
    }
}
