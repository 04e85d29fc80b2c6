//! When the next sync runs. Polling is the only way an end user's client hears of replies
//! (Zendesk offers webhooks to admins only), so the schedule balances freshness against the
//! desk's rate limits: an idle sync costs one request, and 30 s while something is open is
//! two requests a minute — far inside any plan's limit.

use std::time::Duration;

use crate::helpdesk::HelpdeskError;

/// Between syncs while a ticket waits on support or a write waits to be sent.
pub const SYNC_BUSY: Duration = Duration::from_secs(30);
/// Between syncs when every ticket is with the user or done.
pub const SYNC_QUIET: Duration = Duration::from_secs(5 * 60);
/// The longest wait after repeated failures.
const BACKOFF_CAP: Duration = Duration::from_secs(5 * 60);
const BACKOFF_FIRST: Duration = Duration::from_secs(10);

/// How the last sync ended, as far as the schedule cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutcome {
    Synced,
    /// Offline, server errors: back off.
    Failed,
    /// The desk said when to come back.
    RateLimited(Option<Duration>),
    /// Waiting will not help; the user must sign in again. Check rarely.
    SignedOut,
}

impl SyncOutcome {
    pub(crate) fn from_error(error: &HelpdeskError) -> Self {
        match error {
            HelpdeskError::RateLimited { retry_after } => Self::RateLimited(*retry_after),
            HelpdeskError::AuthExpired => Self::SignedOut,
            _ => Self::Failed,
        }
    }
}

/// The wait before the next sync. `failures` counts consecutive failed syncs (this one
/// included); `busy` says something may change soon.
pub fn next_sync_after(outcome: SyncOutcome, failures: u32, busy: bool) -> Duration {
    match outcome {
        SyncOutcome::Synced if busy => SYNC_BUSY,
        SyncOutcome::Synced => SYNC_QUIET,
        SyncOutcome::RateLimited(Some(wait)) => wait.clamp(BACKOFF_FIRST, BACKOFF_CAP),
        SyncOutcome::RateLimited(None) | SyncOutcome::Failed => {
            let doublings = failures.saturating_sub(1).min(8);
            (BACKOFF_FIRST * 2u32.pow(doublings)).min(BACKOFF_CAP)
        }
        SyncOutcome::SignedOut => BACKOFF_CAP,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_desks_are_polled_often_and_quiet_ones_rarely() {
        assert_eq!(next_sync_after(SyncOutcome::Synced, 0, true), SYNC_BUSY);
        assert_eq!(next_sync_after(SyncOutcome::Synced, 0, false), SYNC_QUIET);
    }

    #[test]
    fn failures_back_off_exponentially_up_to_five_minutes() {
        let waits: Vec<u64> = (1..=7)
            .map(|failures| next_sync_after(SyncOutcome::Failed, failures, true).as_secs())
            .collect();
        assert_eq!(waits, [10, 20, 40, 80, 160, 300, 300]);
    }

    #[test]
    fn a_rate_limit_is_honoured_within_bounds() {
        let wait = |seconds| {
            next_sync_after(
                SyncOutcome::RateLimited(Some(Duration::from_secs(seconds))),
                1,
                true,
            )
            .as_secs()
        };
        assert_eq!((wait(1), wait(45), wait(3600)), (10, 45, 300));
    }
}
