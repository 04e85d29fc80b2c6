//! [`Tickets::run`]: the background sync, paced by [`next_sync_after`] and held within the
//! desk's allowance by [`budget_floor`].

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::schedule::{budget_floor, next_sync_after, Activity, SyncOutcome, ACTIVE_FOR};
use super::{SyncState, Tickets, TicketsUpdate};
use crate::store::TicketQuery;
use crate::TicketFilter;

/// How long a sync may go unanswered before the status says the desk is not answering. A desk
/// that takes the connection and then hangs would otherwise show "Syncing…" for as long as
/// the HTTP timeouts and retries take (up to a minute and a half).
pub const SLOW_ANSWER: Duration = Duration::from_secs(8);

impl Tickets {
    /// [`sync_now`](Self::sync_now), and when it has not finished within [`SLOW_ANSWER`],
    /// `on_slow` hears a status that says the desk is not answering (offline, the saved tickets
    /// shown) while the sync goes on to its end.
    pub async fn sync_now_telling_slow(
        &self,
        on_slow: impl FnOnce(TicketsUpdate),
    ) -> (TicketsUpdate, SyncOutcome) {
        let sync = self.sync_now();
        tokio::pin!(sync);
        tokio::select! {
            done = &mut sync => return done,
            () = tokio::time::sleep(SLOW_ANSWER) => {}
        }
        self.set_state(
            SyncState::Offline,
            Some(format!(
                "The help desk has not answered for {} seconds. Helpline keeps trying; your saved tickets are shown meanwhile",
                SLOW_ANSWER.as_secs()
            )),
        );
        on_slow(TicketsUpdate {
            status: self.status(),
            events: Vec::new(),
        });
        sync.await
    }

    /// Keeps the cache in step with the desk until the task is dropped: syncs at once, then
    /// at [`pace`](Self::pace), and early when woken by a write or
    /// [`sync_soon`](Self::sync_soon). `on_update` hears every result.
    pub async fn run(&self, on_update: impl Fn(TicketsUpdate)) {
        let mut failures = 0;
        loop {
            let (update, outcome) = self.sync_now_telling_slow(&on_update).await;
            failures = match outcome {
                SyncOutcome::Synced => 0,
                _ => failures + 1,
            };
            on_update(update);
            let wait = self.pace(outcome, failures);
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = self.wake.notified() => {
                    // Let a burst of writes (reply + solve) go out together.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    }

    /// The wait after a sync that ended with `outcome` (`failures` in a row, this one
    /// included): the schedule for the tickets' activity, slowed to what the desk's stated
    /// allowance affords for a sync as costly as the last one.
    pub fn pace(&self, outcome: SyncOutcome, failures: u32) -> Duration {
        let activity = self.activity();
        let wanted = next_sync_after(outcome, failures, activity);
        let requests = self.last_sync_requests.load(Ordering::Relaxed);
        let traffic = self.helpdesk.traffic();
        let floor = budget_floor(requests, traffic.budget.as_ref(), Instant::now());
        if floor > wanted {
            tracing::debug!(
                ?wanted,
                ?floor,
                requests,
                limit = traffic.budget.map(|budget| budget.limit_per_minute),
                "syncing less often to stay within the desk's allowance"
            );
        }
        wanted.max(floor)
    }

    /// How likely a change is soon, from the stored tickets and the outbox.
    pub fn activity(&self) -> Activity {
        let newest = |filter| {
            self.store.tickets(&TicketQuery {
                // One is enough to know.
                limit: Some(1),
                ..TicketQuery::new(filter)
            })
        };
        let recently = Timestamp::now() - ACTIVE_FOR;
        let changed_recently = newest(TicketFilter::All).is_ok_and(|tickets| {
            tickets.first().is_some_and(|ticket| {
                ticket
                    .updated_at
                    .parse::<Timestamp>()
                    .is_ok_and(|at| at > recently)
            })
        });
        if changed_recently {
            return Activity::Recent;
        }
        // A store that cannot answer is treated as busy: better one request too many than a
        // reply heard of five minutes late.
        let open = self.status().waiting > 0
            || newest(TicketFilter::Open).map_or(true, |open| !open.is_empty());
        if open {
            Activity::Open
        } else {
            Activity::Quiet
        }
    }
}
