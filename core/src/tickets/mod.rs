//! [`Tickets`]: everything the ticket screens do, in one place — read the cache, keep drafts,
//! queue writes, fetch attachments, and keep the cache in step with the desk on a schedule
//! ([`Tickets::run`]). The app's commands and the CLI are thin layers over it.

mod attachments;
mod background;
pub use background::SLOW_ANSWER;
mod happenings;
mod schedule;
mod search;
mod views;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use specta::Type;

use crate::helpdesk::{Capabilities, Helpdesk, HelpdeskError, RequestId};
use crate::outbox::{Outbox, OutboxError, OutboxItem, Outgoing, OutgoingFile, Staging};
use crate::store::{DraftKey, ReplyDraft, Store, TicketQuery, TicketSummary};
use crate::sync::{SyncEngine, SyncEvent};
use crate::ticket_form::{FieldProblem, NewTicketForm, TicketFields};
use crate::{StoreError, WireError};
pub use attachments::{AttachmentFile, ImagePreview, MAX_PREVIEW_BYTES};
pub use schedule::{
    budget_floor, next_sync_after, Activity, SyncOutcome, ACTIVE_FOR, BUDGET_SHARE_PERCENT,
    SYNC_ACTIVE, SYNC_BUSY, SYNC_QUIET,
};
pub use search::{TicketSearchError, TicketSearchHit, MOST_TICKET_HITS};
pub use views::{CommentView, TicketDetail};

/// How the cache stands with the desk, for the status line of the ticket screens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub state: SyncState,
    /// Why the last attempt failed, in words for the user.
    pub message: Option<String>,
    /// When the cache was last brought up to date (RFC 3339), `None` before the first sync.
    pub last_synced_at: Option<String>,
    /// Writes not on the desk yet (waiting or sending).
    pub waiting: u32,
    /// Writes the desk refused, kept for the user to retry or discard.
    pub failed: u32,
    /// Tickets with a reply the user has not opened yet (the navigation's badge).
    pub unread: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum SyncState {
    /// Not synced yet in this run.
    Starting,
    Syncing,
    UpToDate,
    /// The desk cannot be reached; the cache and the outbox keep working.
    Offline,
    /// The desk asked Helpline to slow down, or had a problem; it tries again by itself.
    Retrying,
    /// The desk no longer accepts the sign-in.
    SignedOut,
}

/// What the ticket screens hear after each sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketsUpdate {
    pub status: SyncStatus,
    /// New agent replies, status changes, new requests since the last update.
    pub events: Vec<SyncEvent>,
}

/// The answer to sending the new-ticket form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SubmitOutcome {
    /// Saved in the outbox; it goes to the desk as soon as it can.
    Queued { item: Box<OutboxItem> },
    /// Nothing was queued; the draft is kept.
    Invalid { problems: Vec<FieldProblem> },
}

#[derive(Debug, thiserror::Error)]
pub enum TicketsError {
    #[error(transparent)]
    Outbox(#[from] OutboxError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Helpdesk(#[from] HelpdeskError),
    #[error("there is no ticket #{0} here; sync, or check the number")]
    NoSuchTicket(RequestId),
    #[error("there is no attachment {0} on the tickets here; sync and try again")]
    NoSuchAttachment(u64),
    /// Not an image, or too large to show: the user saves it instead.
    #[error("{0}")]
    NotPreviewable(String),
    #[error("cannot keep the downloaded file in {path}: {source}. Check that the data folder is writable")]
    Cache {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Search(#[from] TicketSearchError),
}

impl From<TicketsError> for WireError {
    fn from(error: TicketsError) -> Self {
        match error {
            TicketsError::Outbox(error) => error.into(),
            TicketsError::Store(error) => error.into(),
            TicketsError::Helpdesk(error) => error.into(),
            error @ (TicketsError::NoSuchTicket(_) | TicketsError::NoSuchAttachment(_)) => {
                WireError::new(crate::ErrorCode::NotFound, error.to_string())
            }
            TicketsError::NotPreviewable(message) => {
                WireError::new(crate::ErrorCode::InvalidInput, message)
            }
            error @ (TicketsError::Cache { .. } | TicketsError::Search(_)) => {
                WireError::new(crate::ErrorCode::Internal, error.to_string())
            }
        }
    }
}

/// Why a sync did not complete: the desk, or this computer.
enum Trouble {
    Desk(HelpdeskError),
    Local(String),
}

/// Where the ticket features keep their files.
#[derive(Debug, Clone)]
pub struct TicketsFolders {
    /// Attached files waiting to be sent (copies).
    pub outgoing: PathBuf,
    /// Downloaded attachments.
    pub downloads: PathBuf,
}

impl TicketsFolders {
    /// The folders inside the data folder.
    pub fn in_data_dir(data_dir: &std::path::Path) -> Self {
        Self {
            outgoing: data_dir.join("outgoing"),
            downloads: data_dir.join("attachments"),
        }
    }
}

pub struct Tickets {
    helpdesk: Arc<dyn Helpdesk>,
    store: Store,
    sync: SyncEngine,
    outbox: Outbox,
    profile: TicketFields,
    folders: TicketsFolders,
    status: Mutex<SyncStatus>,
    /// Wakes the schedule early: the user wrote something, or asked for a sync.
    wake: tokio::sync::Notify,
    search: search::TicketSearch,
    /// Requests the last sync sent (outbox included), for the allowance.
    last_sync_requests: AtomicU64,
}

impl Tickets {
    pub fn new(
        helpdesk: Arc<dyn Helpdesk>,
        store: Store,
        profile: TicketFields,
        folders: TicketsFolders,
    ) -> Result<Self, TicketsError> {
        let status = SyncStatus {
            state: SyncState::Starting,
            message: None,
            last_synced_at: store.last_synced_at()?,
            waiting: 0,
            failed: 0,
            unread: 0,
        };
        Ok(Self {
            sync: SyncEngine::new(helpdesk.clone(), store.clone()),
            outbox: Outbox::new(
                helpdesk.clone(),
                store.clone(),
                Staging::new(folders.outgoing.clone()),
            ),
            helpdesk,
            store,
            profile,
            folders,
            status: Mutex::new(status),
            wake: tokio::sync::Notify::new(),
            search: search::TicketSearch::new()?,
            last_sync_requests: AtomicU64::new(0),
        })
    }

    pub fn capabilities(&self) -> Capabilities {
        self.helpdesk.capabilities()
    }

    pub fn list(&self, query: &TicketQuery) -> Result<Vec<TicketSummary>, TicketsError> {
        Ok(self.store.tickets(query)?)
    }

    /// The user's tickets matching a help search, best first (at most [`MOST_TICKET_HITS`]).
    pub fn search(
        &self,
        query: &str,
        language: docs_index::Locale,
        limit: u32,
    ) -> Result<Vec<TicketSearchHit>, TicketsError> {
        Ok(self.search.search(&self.store, query, language, limit)?)
    }

    /// One ticket with its thread; opening it marks it read.
    pub fn open(&self, id: RequestId) -> Result<TicketDetail, TicketsError> {
        self.store.mark_read(id)?;
        let stored = self
            .store
            .ticket(id)?
            .ok_or(TicketsError::NoSuchTicket(id))?;
        Ok(TicketDetail::from_stored(stored, &self.profile))
    }

    pub fn reply_draft(&self, id: RequestId) -> Result<ReplyDraft, TicketsError> {
        Ok(self.store.reply_draft(id)?.unwrap_or_default())
    }

    pub fn save_reply_draft(&self, id: RequestId, draft: &ReplyDraft) -> Result<(), TicketsError> {
        if draft.is_empty() {
            self.store
                .delete_draft(DraftKey::Reply { request_id: id })?;
        } else {
            let mut draft = draft.clone();
            draft.attachments = self.outbox.staging().verify(&draft.attachments)?;
            self.store.save_reply_draft(id, &draft)?;
        }
        Ok(())
    }

    /// The saved new-ticket form, or an empty one.
    pub fn ticket_draft(&self) -> Result<NewTicketForm, TicketsError> {
        Ok(self.store.ticket_draft()?.unwrap_or_default())
    }

    pub fn save_ticket_draft(&self, form: &NewTicketForm) -> Result<(), TicketsError> {
        let mut form = form.clone();
        form.attachments = self.outbox.staging().verify(&form.attachments)?;
        Ok(self.store.save_ticket_draft(&form)?)
    }

    /// Forgets the new-ticket form, and the files attached to it.
    pub fn discard_ticket_draft(&self) -> Result<(), TicketsError> {
        if let Some(form) = self.store.ticket_draft()? {
            self.outbox.staging().remove(&form.attachments);
        }
        Ok(self.store.delete_draft(DraftKey::NewRequest)?)
    }

    /// Keeps a copy of a file the user attached (picked, dropped or pasted).
    pub fn attach(&self, file_name: &str, bytes: &[u8]) -> Result<OutgoingFile, TicketsError> {
        Ok(self.outbox.staging().stage_bytes(file_name, bytes)?)
    }

    /// Forgets a file the user removed from a draft before sending.
    pub fn detach(&self, file: &OutgoingFile) {
        // Resolved by id inside the outgoing folder: nothing else can be deleted from here.
        self.outbox.staging().remove(std::slice::from_ref(file));
    }

    /// Queues a reply and forgets its draft.
    pub fn reply(&self, id: RequestId, draft: ReplyDraft) -> Result<OutboxItem, TicketsError> {
        let item = self.queue_reply(id, draft)?;
        self.store
            .delete_draft(DraftKey::Reply { request_id: id })?;
        Ok(item)
    }

    /// Queues a reply, leaving the ticket's draft alone (the CLI: the app may be mid-sentence).
    pub fn queue_reply(
        &self,
        id: RequestId,
        reply: ReplyDraft,
    ) -> Result<OutboxItem, TicketsError> {
        let item = self.outbox.enqueue(Outgoing::Reply {
            request_id: id,
            body: reply.body,
            attachments: reply.attachments,
        })?;
        self.wake.notify_one();
        Ok(item)
    }

    /// Checks the form; when it passes, queues the request and forgets the draft, else keeps
    /// the form as the draft.
    pub fn submit(&self, form: NewTicketForm) -> Result<SubmitOutcome, TicketsError> {
        let outcome = self.queue_new(&form)?;
        match outcome {
            SubmitOutcome::Invalid { .. } => self.save_ticket_draft(&form)?,
            SubmitOutcome::Queued { .. } => self.store.delete_draft(DraftKey::NewRequest)?,
        }
        Ok(outcome)
    }

    /// "Talk to us": queues `question` as a low-priority question ticket, leaving the
    /// new-ticket draft alone.
    pub fn ask(&self, question: &str) -> Result<SubmitOutcome, TicketsError> {
        self.queue_new(&NewTicketForm::quick_question(question))
    }

    /// Checks the form and queues the request through the provider profile, leaving the
    /// new-ticket draft alone (the CLI).
    pub fn queue_new(&self, form: &NewTicketForm) -> Result<SubmitOutcome, TicketsError> {
        let problems = form.problems();
        if !problems.is_empty() {
            return Ok(SubmitOutcome::Invalid { problems });
        }
        let item = self.outbox.enqueue(Outgoing::NewRequest {
            request: self.profile.new_request(form),
            attachments: form.attachments.clone(),
        })?;
        self.wake.notify_one();
        Ok(SubmitOutcome::Queued {
            item: Box::new(item),
        })
    }

    /// Copies a file the user named (on the command line) into the outgoing folder.
    pub fn attach_path(&self, path: &std::path::Path) -> Result<OutgoingFile, TicketsError> {
        Ok(self.outbox.staging().stage_copy(path)?)
    }

    /// Everything in the outbox, oldest first, sent items included.
    pub fn outbox_items(&self) -> Result<Vec<OutboxItem>, TicketsError> {
        Ok(self.outbox.items()?)
    }

    /// Sends what waits in the outbox now; the report says what went and what was refused.
    pub async fn flush(&self) -> Result<crate::outbox::FlushReport, OutboxError> {
        self.outbox.flush().await
    }

    /// One sync with the desk, with its full report (the CLI prints it).
    pub async fn sync_once(&self) -> Result<crate::sync::SyncReport, crate::sync::SyncError> {
        self.sync.sync_once().await
    }

    /// The cache, for reads the screens do not need (the CLI's subjects and thread).
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn solve(&self, id: RequestId) -> Result<OutboxItem, TicketsError> {
        let item = self.outbox.enqueue(Outgoing::Solve { request_id: id })?;
        self.wake.notify_one();
        Ok(item)
    }

    pub fn retry(&self, item: i64) -> Result<(), TicketsError> {
        self.outbox.retry(item)?;
        self.wake.notify_one();
        Ok(())
    }

    pub fn discard(&self, item: i64) -> Result<(), TicketsError> {
        Ok(self.outbox.discard(item)?)
    }

    /// How the cache stands, with the unread count as of now (opening a ticket changes it).
    pub fn status(&self) -> SyncStatus {
        let mut status = self
            .status
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone();
        match self.store.unread_count() {
            Ok(unread) => status.unread = unread,
            Err(error) => tracing::warn!(%error, "cannot count the unread tickets"),
        }
        status
    }

    /// Asks the schedule to sync now.
    pub fn sync_soon(&self) {
        self.wake.notify_one();
    }

    /// Sends the outbox, then syncs; records and returns what happened. Never fails: a
    /// problem is reported in the status.
    pub async fn sync_now(&self) -> (TicketsUpdate, SyncOutcome) {
        self.set_state(SyncState::Syncing, None);
        let sent_before = self.helpdesk.traffic().requests_sent;
        let mut events = Vec::new();
        let flushed = self.outbox.flush().await.map(|_| ());
        let outcome = match flushed {
            // An outbox blocked by the desk is the same news as a failed sync.
            Err(OutboxError::Helpdesk(error)) => Err(Trouble::Desk(error)),
            Err(other) => Err(Trouble::Local(other.to_string())),
            Ok(()) => match self.sync.sync_once().await {
                Ok(report) => {
                    events = report.events;
                    Ok(())
                }
                Err(crate::sync::SyncError::Helpdesk(error)) => Err(Trouble::Desk(error)),
                Err(crate::sync::SyncError::Interrupted {
                    error,
                    events: read_before,
                }) => {
                    events = read_before;
                    Err(Trouble::Desk(error))
                }
                Err(crate::sync::SyncError::Store(error)) => Err(Trouble::Local(error.to_string())),
            },
        };
        let sent = self.helpdesk.traffic().requests_sent;
        self.last_sync_requests
            .store(sent.saturating_sub(sent_before), Ordering::Relaxed);
        let outcome = match outcome {
            Ok(()) => {
                if let Err(error) = self.store.record_synced_now() {
                    tracing::warn!(%error, "cannot record the sync time");
                }
                self.set_state(SyncState::UpToDate, None);
                SyncOutcome::Synced
            }
            // This computer's side failed (the store, a file, the outbox lock): said as such,
            // not as something the desk answered.
            Err(Trouble::Local(error)) => {
                tracing::warn!(%error, "ticket sync stopped on this computer");
                let message = format!("Helpline could not use its saved tickets on this computer ({error}). It tries again by itself; if this goes on, restart Helpline");
                self.set_state(SyncState::Retrying, Some(message));
                SyncOutcome::Failed
            }
            Err(Trouble::Desk(error)) => {
                tracing::info!(%error, "ticket sync did not complete");
                let state = match &error {
                    HelpdeskError::Offline(_) | HelpdeskError::UnknownOutcome(_) => {
                        SyncState::Offline
                    }
                    HelpdeskError::AuthExpired => SyncState::SignedOut,
                    _ => SyncState::Retrying,
                };
                self.set_state(state, Some(error.to_string()));
                SyncOutcome::from_error(&error)
            }
        };
        let update = TicketsUpdate {
            status: self.status(),
            events,
        };
        (update, outcome)
    }

    fn set_state(&self, state: SyncState, message: Option<String>) {
        let counts = self.outbox.counts();
        let last_synced_at = self.store.last_synced_at().ok().flatten();
        let mut status = self
            .status
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        status.state = state;
        status.message = message;
        if let Ok((waiting, failed)) = counts {
            status.waiting = waiting;
            status.failed = failed;
        }
        if last_synced_at.is_some() {
            status.last_synced_at = last_synced_at;
        }
    }
}
