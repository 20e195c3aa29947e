//! One thread for every deadline of the process: a query's time limit (`limits::Watchdog`) and
//! the server's own answer to a query that overran it (`serve`). Scheduling is an insert into
//! a map under a mutex and dropping the returned [`Scheduled`] takes the action out again, so
//! a query that ends in time costs no thread (the first round spawned two per request; what
//! that cost `ckg serve` on small queries is in `bench/RESULTS-serve.md`).
//!
//! Actions run on the timer's thread, one after the other: they must be short (set a flag,
//! cancel a token, write a few hundred bytes to a socket).

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

type Action = Box<dyn FnOnce() + Send>;

struct Timer {
    due: Mutex<Due>,
    changed: Condvar,
}

#[derive(Default)]
struct Due {
    next_id: u64,
    actions: BTreeMap<(Instant, u64), Action>,
}

/// An action waiting for its deadline; dropping it before then cancels it.
pub(crate) struct Scheduled {
    key: (Instant, u64),
}

impl Drop for Scheduled {
    fn drop(&mut self) {
        if let Some(timer) = timer() {
            let removed = lock(&timer.due).actions.remove(&self.key);
            // Dropped outside the lock: an action may own things whose drop takes time.
            drop(removed);
        }
    }
}

fn lock(m: &Mutex<Due>) -> std::sync::MutexGuard<'_, Due> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The process's timer, started on first use; `None` if its thread could not be started.
fn timer() -> Option<&'static Timer> {
    static TIMER: OnceLock<Option<&'static Timer>> = OnceLock::new();
    *TIMER.get_or_init(|| {
        let timer: &'static Timer = Box::leak(Box::new(Timer {
            due: Mutex::new(Due::default()),
            changed: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("ckg-timer".into())
            .spawn(move || run(timer))
            .ok()
            .map(|_| timer)
    })
}

fn run(timer: &Timer) {
    let mut due = lock(&timer.due);
    loop {
        let now = Instant::now();
        let next = due.actions.keys().next().copied();
        due = match next {
            Some(key) if key.0 <= now => {
                let action = due.actions.remove(&key);
                drop(due);
                if let Some(action) = action {
                    action();
                }
                lock(&timer.due)
            }
            Some(key) => {
                let wait = key.0 - now;
                timer
                    .changed
                    .wait_timeout(due, wait)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
            None => timer.changed.wait(due).unwrap_or_else(|e| e.into_inner()),
        };
    }
}

/// Runs `action` on the timer's thread after `delay`, unless the result is dropped first.
/// `None` if the timer's thread could not be started (the caller decides what that means).
pub(crate) fn after(delay: Duration, action: impl FnOnce() + Send + 'static) -> Option<Scheduled> {
    let timer = timer()?;
    let deadline = Instant::now()
        .checked_add(delay)
        .unwrap_or_else(|| Instant::now() + Duration::from_secs(365 * 24 * 3600));
    let mut due = lock(&timer.due);
    let key = (deadline, due.next_id);
    due.next_id += 1;
    let first = due.actions.keys().next().is_none_or(|k| *k > key);
    due.actions.insert(key, Box::new(action));
    drop(due);
    if first {
        timer.changed.notify_one();
    }
    Some(Scheduled { key })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn actions_run_at_their_deadline_in_order_and_dropped_ones_never() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let push = |n: u32| {
            let log = Arc::clone(&log);
            move || log.lock().unwrap().push(n)
        };
        let started = Instant::now();
        let _late = after(Duration::from_millis(120), push(2));
        let _early = after(Duration::from_millis(40), push(1));
        let dropped = after(Duration::from_millis(80), push(99));
        drop(dropped);
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(*log.lock().unwrap(), vec![1, 2]);
        assert!(started.elapsed() >= Duration::from_millis(120));
    }

    #[test]
    fn many_short_lived_deadlines_leave_nothing_behind() {
        let fired = Arc::new(AtomicUsize::new(0));
        for _ in 0..10_000 {
            let fired = Arc::clone(&fired);
            let s = after(Duration::from_secs(60), move || {
                fired.fetch_add(1, Ordering::SeqCst);
            });
            drop(s);
        }
        assert_eq!(fired.load(Ordering::SeqCst), 0);
        let left = timer().map(|t| lock(&t.due).actions.len());
        // Other tests of this binary may have deadlines of their own pending, never 10,000.
        assert!(left.is_some_and(|n| n < 100), "{left:?}");
    }
}
