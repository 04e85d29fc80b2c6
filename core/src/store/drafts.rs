//! Drafts: what the user is typing in the new-ticket form or a reply box, with the files
//! already attached, kept across restarts until sent or discarded.
//!
//! A draft is stored as JSON in `drafts.body` (the `subject` column mirrors the form's subject
//! for a quick look at the database), so the form can grow fields without a migration.

use rusqlite::{params, OptionalExtension};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use specta::Type;

use super::{local_now_millis, Store, StoreError};
use crate::helpdesk::RequestId;
use crate::outgoing::OutgoingFile;
use crate::ticket_form::NewTicketForm;

/// Which box a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DraftKey {
    /// The new-ticket form.
    NewRequest,
    /// The reply box of a ticket.
    Reply {
        #[specta(type = specta_typescript::Number)]
        request_id: RequestId,
    },
}

impl DraftKey {
    fn as_text(self) -> String {
        match self {
            Self::NewRequest => "new".to_owned(),
            Self::Reply { request_id } => format!("reply:{request_id}"),
        }
    }
}

/// What a reply box holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ReplyDraft {
    pub body: String,
    /// Files already copied into the outbox folder.
    pub attachments: Vec<OutgoingFile>,
}

impl ReplyDraft {
    pub fn is_empty(&self) -> bool {
        self.body.trim().is_empty() && self.attachments.is_empty()
    }
}

impl Store {
    pub fn save_reply_draft(&self, id: RequestId, draft: &ReplyDraft) -> Result<(), StoreError> {
        self.save_draft(DraftKey::Reply { request_id: id }, None, draft)
    }

    pub fn reply_draft(&self, id: RequestId) -> Result<Option<ReplyDraft>, StoreError> {
        self.draft(DraftKey::Reply { request_id: id })
    }

    pub fn save_ticket_draft(&self, form: &NewTicketForm) -> Result<(), StoreError> {
        self.save_draft(DraftKey::NewRequest, Some(&form.subject), form)
    }

    pub fn ticket_draft(&self) -> Result<Option<NewTicketForm>, StoreError> {
        self.draft(DraftKey::NewRequest)
    }

    /// Forgets a draft (it was sent, or the user discarded it). Its files are left alone: a
    /// sent draft's files now belong to the outbox item.
    pub fn delete_draft(&self, key: DraftKey) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute("DELETE FROM drafts WHERE key = ?1", [key.as_text()])?;
            Ok(())
        })
    }

    fn save_draft(
        &self,
        key: DraftKey,
        subject: Option<&str>,
        content: &impl Serialize,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(content)
            .map_err(|error| StoreError::Unreadable(error.to_string()))?;
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO drafts (key, subject, body, saved_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, \
                 body = excluded.body, saved_at = excluded.saved_at",
                params![key.as_text(), subject, json, local_now_millis()],
            )?;
            Ok(())
        })
    }

    /// A draft that cannot be read (written by an older build) is dropped rather than
    /// blocking the box it belongs to.
    fn draft<T: DeserializeOwned>(&self, key: DraftKey) -> Result<Option<T>, StoreError> {
        let json: Option<String> = self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT body FROM drafts WHERE key = ?1",
                    [key.as_text()],
                    |row| row.get(0),
                )
                .optional()?)
        })?;
        Ok(json.and_then(|json| match serde_json::from_str(&json) {
            Ok(draft) => Some(draft),
            Err(error) => {
                tracing::warn!(%error, key = key.as_text(), "an unreadable draft was ignored");
                None
            }
        }))
    }
}
