//! Progress on stderr for the long commands (`import`, `link geonames`): a bar over the input's
//! bytes on a terminal; elsewhere (a log, CI) one line every million rows, or nothing.

use conflict_kg::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

/// What a command shows while it reads `input`.
pub enum Report {
    /// A bar over the bytes of the input (stderr is a terminal).
    Bar(ProgressBar),
    /// `  … N rows read` every million rows (stderr is not a terminal; `lines` was asked for).
    Lines,
    Silent,
}

impl Report {
    /// A bar when stderr is a terminal; otherwise lines (when `lines`) or nothing.
    pub fn for_input(input: &Path, lines: bool) -> Report {
        if !std::io::stderr().is_terminal() {
            return if lines { Report::Lines } else { Report::Silent };
        }
        let len = std::fs::metadata(input).map_or(0, |m| m.len());
        let bar = ProgressBar::new(len).with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
            )
            .expect("a valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Report::Bar(bar)
    }

    /// Clears the bar, if any, before the summary is printed.
    pub fn finish(&self) {
        if let Report::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Report {
    fn advance(&self, rows: u64, bytes: u64) {
        match self {
            Report::Bar(bar) => {
                // A compressed input decompresses past its file size.
                if bytes > bar.length().unwrap_or(0) {
                    bar.set_length(bytes);
                }
                bar.set_position(bytes);
                bar.set_message(format!("{rows} rows"));
            }
            Report::Lines if rows.is_multiple_of(1 << 20) => eprintln!("  … {rows} rows read"),
            Report::Lines | Report::Silent => {}
        }
    }

    fn phase(&self, message: &str) {
        if let Report::Bar(bar) = self {
            bar.set_message(message.to_string());
        }
    }
}
