//! What the user sends, as every layer knows it: the [`Outgoing`] writes, their delivery
//! state in the outbox ([`OutboxItem`], [`OutboxState`]) and the files that go with them
//! ([`OutgoingFile`]). A leaf: it depends on the help desk's model only, so the store, the
//! form and the outbox can all use it without depending on each other.

use serde::{Deserialize, Serialize};
use specta::Type;

mod file;

use crate::helpdesk::{NewRequest, RequestId};
pub use file::OutgoingFile;

/// A write the user asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Outgoing {
    NewRequest {
        request: NewRequest,
        #[serde(default)]
        attachments: Vec<OutgoingFile>,
    },
    Reply {
        #[specta(type = specta_typescript::Number)]
        request_id: RequestId,
        body: String,
        #[serde(default)]
        attachments: Vec<OutgoingFile>,
    },
    Solve {
        #[specta(type = specta_typescript::Number)]
        request_id: RequestId,
    },
}

impl Outgoing {
    /// The `kind` column.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Self::NewRequest { .. } => "new_request",
            Self::Reply { .. } => "reply",
            Self::Solve { .. } => "solve",
        }
    }

    /// The files that go with it.
    pub fn attachments(&self) -> &[OutgoingFile] {
        match self {
            Self::NewRequest { attachments, .. } | Self::Reply { attachments, .. } => attachments,
            Self::Solve { .. } => &[],
        }
    }

    /// The ticket it belongs to (none yet for a new request).
    pub fn request_id(&self) -> Option<RequestId> {
        match self {
            Self::NewRequest { .. } => None,
            Self::Reply { request_id, .. } | Self::Solve { request_id } => Some(*request_id),
        }
    }
}

/// Where an item is on its way to the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum OutboxState {
    /// Not sent yet (never tried, or the desk could not be reached).
    Waiting,
    /// Being sent, or its last send broke off with the outcome unknown: the next flush checks
    /// the desk before sending again.
    Sending,
    /// On the desk.
    Sent,
    /// Refused by the desk; see `last_error`. Kept until retried or discarded.
    Failed,
}

impl OutboxState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        [Self::Waiting, Self::Sending, Self::Sent, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// One row of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutboxItem {
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    pub outgoing: Outgoing,
    pub state: OutboxState,
    pub attempts: u32,
    /// Why the last attempt did not deliver it.
    pub last_error: Option<String>,
    /// When the user wrote it (this machine's clock).
    pub created_at: String,
    /// The request it created or updated, or the comment it became, once known.
    #[specta(type = Option<specta_typescript::Number>)]
    pub remote_id: Option<u64>,
    /// Sent with the write and kept with the item, so a resend is recognisable.
    #[serde(skip)]
    pub idempotency_key: String,
    #[serde(skip)]
    pub(crate) created_millis: i64,
}
