//! The one fault-injection hook: `CKG_FAULT_PAUSE_BEFORE_COMMIT=FILE` makes a writing command
//! (`build`, `link`, `import`) create FILE once everything is staged and then wait 30 s before it
//! commits (or, for `import`, swaps the staged store in), so a test can kill it at its last
//! moment and check that the store is as it was.

use std::time::Duration;

pub const PAUSE_ENV: &str = "CKG_FAULT_PAUSE_BEFORE_COMMIT";

/// Called just before a commit; does nothing unless the test hook is set.
pub fn pause_before_commit() {
    if let Some(marker) = std::env::var_os(PAUSE_ENV) {
        let _ = std::fs::write(&marker, b"staged\n");
        std::thread::sleep(Duration::from_secs(30));
    }
}
