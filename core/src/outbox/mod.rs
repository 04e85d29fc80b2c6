//! [`Outbox`]: the user's writes (new request, reply, solve), delivered exactly once.
//!
//! [`Outbox::enqueue`] writes the item, with a generated idempotency key, to SQLite before
//! anything is sent, so nothing typed is lost to a crash, a restart or a network outage.
//! [`Outbox::flush`] sends the waiting items in order:
//!
//! - delivered → `sent`, and the desk's copy of the request goes into the store;
//! - the desk unreachable, busy or signed out → the item waits and the flush stops (later
//!   items keep their order) with the error;
//! - the connection broke after the write left → the item stays `sending`; the next flush
//!   first *reconciles*: it looks on the desk for a request with the same subject and
//!   description created by the user since the item was written, or for the user's comment
//!   with the same body, or for the request already solved, and sends again only when it is
//!   not there;
//! - refused by the desk (validation, closed ticket, not solvable) → `failed` with the desk's
//!   message; the item is kept for [`retry`](Outbox::retry) or [`discard`](Outbox::discard).

pub(crate) mod files;
mod lock;
mod reconcile;

use std::sync::Arc;

use crate::helpdesk::{Helpdesk, HelpdeskError, Request, UploadToken};
pub use crate::outgoing::{OutboxItem, OutboxState, Outgoing, OutgoingFile};
use crate::store::{outbox as rows, tickets, Store, StoreError};
use crate::{ErrorCode, WireError};
pub use files::{Staging, MAX_ATTACHMENT_BYTES};

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error(transparent)]
    Helpdesk(#[from] HelpdeskError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something the user must fix before it can be queued.
    #[error("{0}")]
    Invalid(String),
    #[error("there is no outbox item {0} that can be changed (it may have been sent already)")]
    NoSuchItem(i64),
    #[error("cannot lock the outbox ({path}): {source}. Check that the data folder is writable")]
    Lock {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl From<crate::sync::SyncError> for OutboxError {
    fn from(error: crate::sync::SyncError) -> Self {
        match error {
            crate::sync::SyncError::Helpdesk(error)
            | crate::sync::SyncError::Interrupted { error, .. } => error.into(),
            crate::sync::SyncError::Store(error) => error.into(),
        }
    }
}

impl From<OutboxError> for WireError {
    fn from(error: OutboxError) -> Self {
        match error {
            OutboxError::Helpdesk(error) => error.into(),
            OutboxError::Store(error) => error.into(),
            OutboxError::Invalid(message) => WireError::new(ErrorCode::InvalidInput, message),
            error @ OutboxError::NoSuchItem(_) => {
                WireError::new(ErrorCode::NotFound, error.to_string())
            }
            error @ OutboxError::Lock { .. } => {
                WireError::new(ErrorCode::Internal, error.to_string())
            }
        }
    }
}

/// What one flush did. Items still waiting are in [`Outbox::items`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlushReport {
    pub sent: Vec<OutboxItem>,
    pub failed: Vec<OutboxItem>,
}

/// How an item reached the desk.
enum Delivered {
    /// The request as the desk now has it (created, replied to or solved), and for a reply the
    /// comment it became when that could be found.
    Request(Request, Option<u64>),
    /// A comment found by reconciliation.
    Comment(u64),
}

pub struct Outbox {
    helpdesk: Arc<dyn Helpdesk>,
    store: Store,
    /// The outgoing folder: every attached file is read and deleted through it.
    staging: Staging,
    /// One flush at a time in this process; [`lock::FlushLock`] does the same across
    /// processes (the app and the CLI on one data folder).
    flushing: tokio::sync::Mutex<()>,
}

impl Outbox {
    pub fn new(helpdesk: Arc<dyn Helpdesk>, store: Store, staging: Staging) -> Self {
        Self {
            helpdesk,
            store,
            staging,
            flushing: tokio::sync::Mutex::new(()),
        }
    }

    pub fn staging(&self) -> &Staging {
        &self.staging
    }

    /// Stores a write to send; nothing goes on the network here. Its files must be staged in
    /// the outgoing folder (`Invalid` otherwise: they come from the UI).
    pub fn enqueue(&self, mut outgoing: Outgoing) -> Result<OutboxItem, OutboxError> {
        validate(&outgoing)?;
        match &mut outgoing {
            Outgoing::NewRequest { attachments, .. } | Outgoing::Reply { attachments, .. } => {
                *attachments = self.staging.verify(attachments)?;
            }
            Outgoing::Solve { .. } => {}
        }
        Ok(self
            .store
            .write(|transaction| rows::insert(transaction, &outgoing))?)
    }

    /// Every item, oldest first, sent ones included.
    pub fn items(&self) -> Result<Vec<OutboxItem>, OutboxError> {
        Ok(self.store.read(rows::all)?)
    }

    /// Items not on the desk yet (waiting or sending), and items the desk refused.
    pub fn counts(&self) -> Result<(u32, u32), OutboxError> {
        Ok(self.store.read(rows::counts)?)
    }

    /// Puts a failed item back in line for the next flush.
    pub fn retry(&self, id: i64) -> Result<(), OutboxError> {
        match self
            .store
            .write(|transaction| rows::retry(transaction, id))?
        {
            true => Ok(()),
            false => Err(OutboxError::NoSuchItem(id)),
        }
    }

    /// Deletes an item that is waiting or failed, with its staged files.
    pub fn discard(&self, id: i64) -> Result<(), OutboxError> {
        let item = self.store.read(|connection| rows::item(connection, id))?;
        match self
            .store
            .write(|transaction| rows::discard(transaction, id))?
        {
            true => {
                if let Some(item) = item {
                    self.staging.remove(item.outgoing.attachments());
                }
                Ok(())
            }
            false => Err(OutboxError::NoSuchItem(id)),
        }
    }

    /// Sends the waiting items in order. Stops at the first error that is not the item's own
    /// fault (offline, rate limited, signed out, outcome unknown) and returns it; the item and
    /// those after it stay for the next flush.
    pub async fn flush(&self) -> Result<FlushReport, OutboxError> {
        let _one_at_a_time = self.flushing.lock().await;
        // Read what waits only once no other process can be sending it.
        let _one_process_at_a_time = lock::FlushLock::acquire(self.store.path()).await?;
        let mut report = FlushReport::default();
        for item in self.store.read(rows::pending)? {
            let (error, phase) = match self.deliver(&item).await {
                Ok(delivered) => {
                    report.sent.push(self.record_sent(&item, delivered)?);
                    continue;
                }
                // Discarded by the user since the flush began: nothing to send.
                Err((OutboxError::NoSuchItem(_), _)) => continue,
                Err((OutboxError::Helpdesk(error), phase)) => (error, phase),
                // A staged file went missing: only the user can fix that.
                Err((OutboxError::Invalid(message), _)) => {
                    report.failed.extend(self.record_failed(&item, &message)?);
                    continue;
                }
                Err((other, _)) => return Err(other),
            };
            let message = error.to_string();
            if error.is_transient() {
                let state = state_after(&item, &error, phase);
                self.store.write(|transaction| {
                    rows::set_state(transaction, item.id, state, Some(&message), None)
                })?;
                tracing::info!(item = item.id, %message, "outbox flush stopped");
                return Err(error.into());
            }
            report.failed.extend(self.record_failed(&item, &message)?);
        }
        Ok(report)
    }

    async fn deliver(&self, item: &OutboxItem) -> Result<Delivered, (OutboxError, Phase)> {
        if item.state == OutboxState::Sending {
            let found = self
                .reconcile(item)
                .await
                .map_err(|error| (error, Phase::Checking))?;
            if let Some(found) = found {
                tracing::info!(item = item.id, "outbox item was already on the desk");
                return Ok(found);
            }
        }
        let uploads = self
            .upload(item)
            .await
            .map_err(|error| (error, Phase::Preparing))?;
        let request = self
            .send(item, &uploads)
            .await
            .map_err(|error| (error, Phase::Sending))?;
        let comment_id = match item.outgoing {
            Outgoing::Reply { .. } => self.locate_reply(item).await,
            Outgoing::NewRequest { .. } | Outgoing::Solve { .. } => None,
        };
        Ok(Delivered::Request(request, comment_id))
    }

    /// Sends the item's files. Uploads are not committed to anything until the write claims
    /// them, so an interrupted item simply uploads again.
    async fn upload(&self, item: &OutboxItem) -> Result<Vec<UploadToken>, OutboxError> {
        let mut tokens = Vec::new();
        for file in item.outgoing.attachments() {
            let bytes = self.staging.read(file)?;
            let token = self
                .helpdesk
                .upload(&file.file_name, &file.content_type, &bytes)
                .await
                .map_err(|error| match error {
                    // Nothing depends on an upload whose answer was lost: send it again later.
                    HelpdeskError::UnknownOutcome(reason) => HelpdeskError::Offline(reason),
                    other => other,
                })?;
            tokens.push(token);
        }
        Ok(tokens)
    }

    /// Marks the item `sending` (committed before the HTTP call), then sends it. The mark is
    /// conditional: an item discarded meanwhile is not sent.
    async fn send(
        &self,
        item: &OutboxItem,
        uploads: &[UploadToken],
    ) -> Result<Request, OutboxError> {
        let claimed = self
            .store
            .write(|transaction| rows::begin_attempt(transaction, item.id))?;
        if !claimed {
            return Err(OutboxError::NoSuchItem(item.id));
        }
        let helpdesk = &self.helpdesk;
        let request = match &item.outgoing {
            Outgoing::NewRequest { request, .. } => {
                helpdesk
                    .create_request(request, uploads, &item.idempotency_key)
                    .await?
            }
            Outgoing::Reply {
                request_id, body, ..
            } => {
                helpdesk
                    .add_comment(*request_id, body, uploads, Some(&item.idempotency_key))
                    .await?
            }
            Outgoing::Solve { request_id } => helpdesk.solve(*request_id).await?,
        };
        Ok(request)
    }

    /// Sets the item aside as `failed`, with why, until the user retries or discards it.
    fn record_failed(
        &self,
        item: &OutboxItem,
        message: &str,
    ) -> Result<Option<OutboxItem>, OutboxError> {
        tracing::warn!(item = item.id, %message, "outbox item cannot be delivered");
        Ok(self.store.write(|transaction| {
            rows::set_state(
                transaction,
                item.id,
                OutboxState::Failed,
                Some(message),
                None,
            )?;
            rows::item(transaction, item.id)
        })?)
    }

    fn record_sent(
        &self,
        item: &OutboxItem,
        delivered: Delivered,
    ) -> Result<OutboxItem, OutboxError> {
        let sent = self.store.write(|transaction| {
            let remote_id = match &delivered {
                Delivered::Request(request, comment_id) => {
                    // Comments are left to the next sync (its `since` covers this change).
                    tickets::upsert_request(transaction, request, None)?;
                    match item.outgoing {
                        Outgoing::NewRequest { .. } => Some(request.id),
                        Outgoing::Reply { .. } => *comment_id,
                        Outgoing::Solve { .. } => None,
                    }
                }
                Delivered::Comment(id) => Some(*id),
            };
            rows::set_state(transaction, item.id, OutboxState::Sent, None, remote_id)?;
            rows::item(transaction, item.id)
        })?;
        self.staging.remove(item.outgoing.attachments());
        sent.ok_or(OutboxError::NoSuchItem(item.id))
    }
}

/// Where a delivery stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Looking on the desk for an earlier send whose outcome was unknown.
    Checking,
    /// Uploading the item's files.
    Preparing,
    Sending,
}

/// The state an item waits in after a transient error: an unknown outcome (now, or still
/// unresolved because the check itself failed) must be reconciled before any resend; a send
/// that was refused or never left simply waits.
fn state_after(item: &OutboxItem, error: &HelpdeskError, phase: Phase) -> OutboxState {
    match (error, phase) {
        (HelpdeskError::UnknownOutcome(_), _) => OutboxState::Sending,
        (_, Phase::Checking) => item.state,
        (_, Phase::Preparing | Phase::Sending) => OutboxState::Waiting,
    }
}

fn validate(outgoing: &Outgoing) -> Result<(), OutboxError> {
    let blank = |text: &str| text.trim().is_empty();
    match outgoing {
        Outgoing::NewRequest { request, .. } if blank(&request.subject) => Err(
            OutboxError::Invalid("Type a subject for your request".into()),
        ),
        Outgoing::NewRequest { request, .. } if blank(&request.body) => Err(OutboxError::Invalid(
            "Describe the problem before sending".into(),
        )),
        Outgoing::Reply { body, .. } if blank(body) => {
            Err(OutboxError::Invalid("Type a reply before sending".into()))
        }
        _ => Ok(()),
    }
}
