//! The one fault-injection hook: `CKG_FAULT_PAUSE_BEFORE_COMMIT=FILE` makes a writing command
//! (`build`, `link`, `import`) create FILE once everything is staged and then wait before it
//! commits (or, for `import`, swaps the staged store in), so a test can kill it at its last
//! moment and check that the store is as it was. `push` pauses at the same hook after the first
//! batch of a graph sent in several, so a test can kill the server half-way through a graph.
//! The wait lasts 30 s, or until the test removes FILE (then the command goes on at once).

use std::time::{Duration, Instant};

pub const PAUSE_ENV: &str = "CKG_FAULT_PAUSE_BEFORE_COMMIT";

/// Called just before a commit; does nothing unless the test hook is set.
pub fn pause_before_commit() {
    if let Some(marker) = std::env::var_os(PAUSE_ENV) {
        let _ = std::fs::write(&marker, b"staged\n");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) && std::path::Path::new(&marker).exists()
        {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
