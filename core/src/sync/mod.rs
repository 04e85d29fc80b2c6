//! [`SyncEngine`]: brings the store up to date with the desk, cheaply, and says what changed.
//!
//! One [`sync_once`](SyncEngine::sync_once):
//!
//! 1. lists the user's requests most recently updated first, page after page, until the first
//!    request not newer than the stored watermark — with nothing changed that is one request;
//! 2. fetches comments only for requests that changed, `since` the newest comment already
//!    stored (Zendesk's `since` is inclusive, so a same-second comment is not missed; known
//!    comments are skipped);
//! 3. writes everything in one transaction, with the new watermark — or, when a thread cannot
//!    be read, what was read before it without moving the watermark
//!    ([`SyncError::Interrupted`]), so the next sync reads only the rest;
//! 4. returns [`SyncEvent`]s computed from the difference: new agent replies, status changes,
//!    new requests. The first sync only establishes the baseline and announces nothing; a
//!    per-ticket watermark of announced comments (`notified`) means nothing is announced twice.
//!
//! The desk stamps times in whole seconds, so a change in the same second as a listing could
//! hide behind an unchanged `updated_at`. The watermark is therefore the desk's own clock at
//! the listing (its `Date` header) minus [`CLOCK_MARGIN_S`], and a request updated within that
//! margin of its last comment fetch is fetched again. This costs at most one extra comments
//! request right after a change, and nothing when idle.

mod apply;

use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;
use specta::Type;

use crate::helpdesk::{
    CommentId, Helpdesk, HelpdeskError, Request, RequestId, RequestStatus, Thread, UserId,
};
use crate::store::{sync_state, tickets, Store, StoreError};
use crate::WireError;

/// Seconds of the desk's clock a listing is not trusted to have seen completely.
pub const CLOCK_MARGIN_S: i64 = 2;

/// Something the user may want to hear about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SyncEvent {
    /// An agent added a public comment (or someone the desk did not identify, but not the
    /// user).
    NewAgentReply {
        #[specta(type = specta_typescript::Number)]
        request_id: RequestId,
        #[specta(type = specta_typescript::Number)]
        comment_id: CommentId,
    },
    StatusChanged {
        #[specta(type = specta_typescript::Number)]
        request_id: RequestId,
        from: RequestStatus,
        to: RequestStatus,
    },
    /// A request the store did not know (opened on the web, or by an agent for the user).
    NewRequest {
        #[specta(type = specta_typescript::Number)]
        request_id: RequestId,
    },
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub events: Vec<SyncEvent>,
    /// This was the first sync: everything was stored and nothing announced.
    pub baseline: bool,
    /// Requests newer than the watermark.
    pub requests_changed: usize,
    /// Requests whose comments were fetched.
    pub threads_fetched: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Helpdesk(#[from] HelpdeskError),
    /// The desk stopped answering part-way: what was read is stored, `events` says what it
    /// brought (announce them: they will not come again), and the next sync reads the rest.
    #[error("{error} (what was read before is saved; the rest follows on the next sync)")]
    Interrupted {
        error: HelpdeskError,
        events: Vec<SyncEvent>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<SyncError> for WireError {
    fn from(error: SyncError) -> Self {
        match error {
            SyncError::Helpdesk(error) | SyncError::Interrupted { error, .. } => error.into(),
            SyncError::Store(error) => error.into(),
        }
    }
}

/// A changed request and, when fetched, its new comments.
pub(crate) struct Fetched {
    pub request: Request,
    pub thread: Option<Thread>,
}

pub struct SyncEngine {
    helpdesk: Arc<dyn Helpdesk>,
    store: Store,
    /// One sync at a time in this process.
    syncing: tokio::sync::Mutex<()>,
}

impl SyncEngine {
    pub fn new(helpdesk: Arc<dyn Helpdesk>, store: Store) -> Self {
        Self {
            helpdesk,
            store,
            syncing: tokio::sync::Mutex::new(()),
        }
    }

    pub async fn sync_once(&self) -> Result<SyncReport, SyncError> {
        let _one_at_a_time = self.syncing.lock().await;
        let me = known_user_id(&*self.helpdesk, &self.store).await?;
        self.refresh_customer_facts().await?;
        let watermark = self.store.requests_watermark()?;
        let (changed, server_time) = self.changed_requests(watermark).await?;

        // Without the desk's clock, the newest `updated_at` seen is the best watermark.
        let newest_seen = changed.iter().map(|r| r.updated_at.as_second()).max();
        let listed_at = server_time.map(Timestamp::as_second);
        let new_watermark = listed_at
            .map(|now| now - CLOCK_MARGIN_S)
            .or(newest_seen.max(watermark))
            .unwrap_or(0);

        // Threads are read one request at a time, newest first. One that fails (a rate limit
        // the account's other clients used up, a dropped connection) stops the reading, but
        // what was read is kept: on a desk allowing fewer requests a minute than there are
        // tickets, a first sync that started over each time would never end.
        let mut fetched = Vec::with_capacity(changed.len());
        let mut stopped_by = None;
        for request in changed {
            let local = self
                .store
                .read(|connection| tickets::local_request(connection, request.id))?;
            let thread = match needs_comments(&request, local.as_ref()) {
                true => {
                    let since = local
                        .and_then(|local| local.newest_comment_at)
                        .and_then(|seconds| Timestamp::from_second(seconds).ok());
                    match self.helpdesk.comments_since(request.id, since).await {
                        Ok(thread) => Some(thread),
                        Err(error) => {
                            stopped_by = Some(error);
                            break;
                        }
                    }
                }
                false => None,
            };
            fetched.push(Fetched { request, thread });
        }

        let report = SyncReport {
            baseline: watermark.is_none(),
            requests_changed: fetched.len(),
            threads_fetched: fetched.iter().filter(|f| f.thread.is_some()).count(),
            events: Vec::new(),
        };
        let events = self.store.write(|transaction| {
            let context = apply::Context {
                me,
                baseline: report.baseline,
                listed_at,
            };
            let events = apply::apply(transaction, &context, &fetched)?;
            // The requests not read yet are older than the new watermark: only a complete
            // sync may move it.
            if stopped_by.is_none() {
                sync_state::set(transaction, sync_state::REQUESTS_WATERMARK, new_watermark)?;
            }
            Ok(events)
        })?;
        tracing::debug!(
            changed = report.requests_changed,
            events = events.len(),
            complete = stopped_by.is_none(),
            "synced tickets"
        );
        match stopped_by {
            None => Ok(SyncReport { events, ..report }),
            Some(error) => Err(SyncError::Interrupted { error, events }),
        }
    }

    /// The requests updated after `watermark` (all of them when `None`), and the desk's clock
    /// when it answered the first page.
    async fn changed_requests(
        &self,
        watermark: Option<i64>,
    ) -> Result<(Vec<Request>, Option<Timestamp>), HelpdeskError> {
        let mut changed = Vec::new();
        let mut cursor = None;
        let mut server_time = None;
        let mut budget = crate::helpdesk::PageBudget::new("requests");
        loop {
            budget.take()?;
            let page = self.helpdesk.list_requests_page(cursor.as_ref()).await?;
            server_time = server_time.or(page.server_time);
            for request in page.requests {
                if watermark.is_some_and(|mark| request.updated_at.as_second() <= mark) {
                    return Ok((changed, server_time));
                }
                changed.push(request);
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => return Ok((changed, server_time)),
            }
        }
    }
}

/// Whether a listed request's comments may have changed since they were last fetched.
fn needs_comments(request: &Request, local: Option<&tickets::LocalRequest>) -> bool {
    let Some(local) = local else { return true };
    let updated_at = request.updated_at.as_second();
    local.comments_synced_at == 0
        || updated_at > local.updated_at
        || updated_at + CLOCK_MARGIN_S >= local.comments_synced_at
}

impl SyncEngine {
    /// Reads the customer's tags and fields again when they are older than
    /// [`CUSTOMER_FACTS_EVERY`]: a vendor moves a customer to another plan now and then, and
    /// one request every few hours notices. A failure here does not stop the sync.
    async fn refresh_customer_facts(&self) -> Result<(), SyncError> {
        let fetched_at = self.store.customer_facts_fetched_at_ms()?;
        let due = fetched_at.is_none_or(|at| {
            crate::store::local_now_millis() - at >= CUSTOMER_FACTS_EVERY.as_millis() as i64
        });
        if !due {
            return Ok(());
        }
        match self.helpdesk.me().await {
            Ok(me) => self.store.save_customer_facts(&me.facts)?,
            Err(HelpdeskError::AuthExpired) => return Err(HelpdeskError::AuthExpired.into()),
            Err(error) => tracing::info!(%error, "the customer's plan facts could not be read"),
        }
        Ok(())
    }
}

/// How often the customer's tags and user fields (their plan) are read again.
pub const CUSTOMER_FACTS_EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// The signed-in user's id: stored after the first time the desk is asked.
pub(crate) async fn known_user_id(
    helpdesk: &dyn Helpdesk,
    store: &Store,
) -> Result<UserId, SyncError> {
    if let Some(id) = store.my_user_id()? {
        return Ok(id);
    }
    let me = helpdesk.me().await?;
    store.write(|transaction| {
        tickets::upsert_user(transaction, &me)?;
        sync_state::set(transaction, sync_state::ME, crate::store::sql_id(me.id))
    })?;
    store.save_customer_facts(&me.facts)?;
    Ok(me.id)
}
