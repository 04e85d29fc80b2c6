//! When the next sync runs. Polling is the only way an end user's client hears of replies
//! (Zendesk offers webhooks to admins only), so the schedule balances freshness against the
//! desk's allowance, which is per account and shared with every other client of it: an idle
//! sync costs one request, four a minute at most while a conversation is going on, and never
//! more than [`BUDGET_SHARE_PERCENT`] of the allowance the desk states (a legacy Essential
//! desk allows 10 a minute, so there one sync a minute).

use std::time::{Duration, Instant};

use crate::helpdesk::{HelpdeskError, RateBudget};

/// Between syncs while a conversation is going on: a ticket changed in the last
/// [`ACTIVE_FOR`].
pub const SYNC_ACTIVE: Duration = Duration::from_secs(15);
/// How long after its last change a ticket keeps the schedule at [`SYNC_ACTIVE`].
pub const ACTIVE_FOR: Duration = Duration::from_secs(10 * 60);
/// Between syncs while a ticket waits on support or a write waits to be sent: a reply is
/// heard of within this (plus the sync itself).
pub const SYNC_BUSY: Duration = Duration::from_secs(25);
/// Between syncs when every ticket is with the user or done.
pub const SYNC_QUIET: Duration = Duration::from_secs(5 * 60);
/// The share of the desk's per-minute allowance background syncs may use.
pub const BUDGET_SHARE_PERCENT: u32 = 10;
/// The longest wait the allowance can impose, however small it is.
const BUDGET_WAIT_CAP: Duration = Duration::from_secs(10 * 60);
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

/// How likely a change is soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// A ticket changed within [`ACTIVE_FOR`]: replies tend to come in runs.
    Recent,
    /// A ticket waits on support, or a write waits to be sent.
    Open,
    /// Every ticket is with the user or done.
    Quiet,
}

/// The wait before the next sync, before the allowance is considered. `failures` counts
/// consecutive failed syncs (this one included).
pub fn next_sync_after(outcome: SyncOutcome, failures: u32, activity: Activity) -> Duration {
    match outcome {
        SyncOutcome::Synced => match activity {
            Activity::Recent => SYNC_ACTIVE,
            Activity::Open => SYNC_BUSY,
            Activity::Quiet => SYNC_QUIET,
        },
        SyncOutcome::RateLimited(Some(wait)) => wait.clamp(BACKOFF_FIRST, BACKOFF_CAP),
        SyncOutcome::RateLimited(None) | SyncOutcome::Failed => {
            let doublings = failures.saturating_sub(1).min(8);
            (BACKOFF_FIRST * 2u32.pow(doublings)).min(BACKOFF_CAP)
        }
        SyncOutcome::SignedOut => BACKOFF_CAP,
    }
}

/// The shortest wait that keeps syncs costing `requests_per_sync` within
/// [`BUDGET_SHARE_PERCENT`] of the stated allowance; and, when the account's other clients
/// have left less than that share of the current window, the rest of the window.
pub fn budget_floor(requests_per_sync: u64, budget: Option<&RateBudget>, now: Instant) -> Duration {
    let Some(budget) = budget else {
        return Duration::ZERO;
    };
    let share_per_minute =
        f64::from(budget.limit_per_minute) * f64::from(BUDGET_SHARE_PERCENT) / 100.0;
    let pace = Duration::from_secs_f64(60.0 * requests_per_sync.max(1) as f64 / share_per_minute);
    let crowded = budget.remaining.is_some_and(|left| {
        u64::from(left) * 100 < u64::from(budget.limit_per_minute) * u64::from(BUDGET_SHARE_PERCENT)
    });
    let window_left = match budget.resets_in {
        Some(resets_in) if crowded => {
            resets_in.saturating_sub(now.saturating_duration_since(budget.seen_at))
        }
        _ => Duration::ZERO,
    };
    pace.max(window_left).min(BUDGET_WAIT_CAP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pace_follows_how_likely_a_change_is() {
        let synced = |activity| next_sync_after(SyncOutcome::Synced, 0, activity);
        assert_eq!(synced(Activity::Recent), SYNC_ACTIVE);
        assert_eq!(synced(Activity::Open), SYNC_BUSY);
        assert_eq!(synced(Activity::Quiet), SYNC_QUIET);
        // Four requests a minute at most for idle syncs, and a reply heard of within 30 s.
        assert!(SYNC_ACTIVE >= Duration::from_secs(15));
        assert!(SYNC_BUSY < Duration::from_secs(30));
    }

    #[test]
    fn failures_back_off_exponentially_up_to_five_minutes() {
        let waits: Vec<u64> = (1..=7)
            .map(|failures| {
                next_sync_after(SyncOutcome::Failed, failures, Activity::Recent).as_secs()
            })
            .collect();
        assert_eq!(waits, [10, 20, 40, 80, 160, 300, 300]);
    }

    #[test]
    fn a_rate_limit_is_honoured_within_bounds() {
        let wait = |seconds| {
            next_sync_after(
                SyncOutcome::RateLimited(Some(Duration::from_secs(seconds))),
                1,
                Activity::Open,
            )
            .as_secs()
        };
        assert_eq!((wait(1), wait(45), wait(3600)), (10, 45, 300));
    }

    fn budget(
        limit: u32,
        remaining: Option<u32>,
        resets_in_s: Option<u64>,
        seen_at: Instant,
    ) -> RateBudget {
        RateBudget {
            limit_per_minute: limit,
            remaining,
            resets_in: resets_in_s.map(Duration::from_secs),
            seen_at,
        }
    }

    #[test]
    fn syncs_keep_to_a_tenth_of_the_stated_allowance() {
        let now = Instant::now();
        let floor =
            |requests, limit| budget_floor(requests, Some(&budget(limit, None, None, now)), now);
        // Legacy Essential, 10 a minute: one request a minute.
        assert_eq!(floor(1, 10), Duration::from_secs(60));
        assert_eq!(floor(3, 10), Duration::from_secs(180));
        // Team, 200 a minute: the usual pace is far inside it.
        assert_eq!(floor(1, 200), Duration::from_secs(3));
        assert!(floor(2, 200) < SYNC_ACTIVE);
        // A sync that sent nothing still counts as one; a tiny allowance is capped.
        assert_eq!(floor(0, 10), Duration::from_secs(60));
        assert_eq!(floor(50, 1), BUDGET_WAIT_CAP);
        // Nothing stated: the schedule keeps its own pace.
        assert_eq!(budget_floor(5, None, now), Duration::ZERO);
    }

    #[test]
    fn an_allowance_others_have_used_up_waits_for_its_window_to_reset() {
        let now = Instant::now();
        let crowded = budget(700, Some(20), Some(40), now);
        assert_eq!(
            budget_floor(1, Some(&crowded), now),
            Duration::from_secs(40)
        );
        let roomy = budget(700, Some(300), Some(40), now);
        assert!(budget_floor(1, Some(&roomy), now) < Duration::from_secs(1));
        // The window's reset counts from when the desk said it.
        let later = now + Duration::from_secs(30);
        assert_eq!(
            budget_floor(1, Some(&crowded), later),
            Duration::from_secs(10)
        );
    }
}
