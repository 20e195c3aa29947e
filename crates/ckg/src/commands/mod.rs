//! One module per subcommand: each turns its arguments into calls of the library and prints
//! the outcome. Only this layer prints, and only it uses `anyhow`. Errors are reported once, by
//! [`report_error`]: input problems (file:line:column) one a line, then the error and its causes.

/// `println!` that returns the write error instead of panicking on it: a closed stdout
/// (`ckg import … | head`) becomes a broken-pipe error, which `main` turns into a silent exit 0
/// (ripgrep's way). Every command prints through it.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

pub mod build;
pub mod export;
pub mod extract;
pub mod fault;
pub mod import;
pub mod link;
pub mod optimize;
pub mod progress;
pub mod push;
pub mod query;
pub mod serve;
pub mod validate;

use crate::cli::BaseArg;
use conflict_kg::{Base, Problems};
use std::io;
use std::process::ExitCode;

/// Whether the error is stdout's reader going away (`ckg query … | head`): not a failure.
/// Every stage error keeps its io error as a `#[source]`, so looking down the chain finds it.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Prints an error to stderr: the input problems it carries (if any) one a line, then
/// `error: …` and each cause that adds something.
pub fn report_error(e: &anyhow::Error) {
    if let Some(problems) = e.chain().find_map(|c| c.downcast_ref::<Problems>()) {
        for p in problems.iter() {
            eprintln!("{p}");
        }
        if let Some(note) = problems.note() {
            eprintln!("{note}");
        }
    }
    let top = e.to_string();
    eprintln!("error: {top}");
    let mut shown = top;
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !shown.contains(&text) {
            eprintln!("  caused by: {text}");
            shown.push('\n');
            shown.push_str(&text);
        }
    }
}

/// The exit code of a failed command: 3 for a push whose verification failed, 1 otherwise
/// (2, usage errors, is clap's).
pub fn exit_code(e: &anyhow::Error) -> ExitCode {
    let verification = e.chain().any(|c| {
        c.downcast_ref::<conflict_kg::push::PushError>()
            .is_some_and(|p| p.is_verification())
    });
    if verification {
        ExitCode::from(3)
    } else {
        ExitCode::FAILURE
    }
}

pub fn base(arg: &BaseArg) -> anyhow::Result<Base> {
    Ok(Base::new(&arg.base)?)
}
