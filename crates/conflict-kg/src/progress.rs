//! How far a long run is: the one progress interface every streaming reader reports through
//! (dataset imports, GeoNames dumps). Library code never prints; the CLI implements [`Progress`]
//! with a progress bar on a terminal.

/// Told how far a run is, every few thousand rows.
pub trait Progress {
    /// `rows` read so far, `bytes` of the input consumed (of the decompressed stream for a
    /// compressed input).
    fn advance(&self, rows: u64, bytes: u64);
    /// A new phase began after the rows were read (e.g. the bulk loader writing its indexes).
    fn phase(&self, _message: &str) {}
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _rows: u64, _bytes: u64) {}
}
