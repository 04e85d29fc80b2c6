//! Drafts: what the user is typing in the new-ticket form or a reply box, kept across
//! restarts until sent or discarded.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{local_now_millis, millis_text, Store, StoreError};
use crate::helpdesk::RequestId;

/// Which box a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DraftKey {
    /// The new-ticket form.
    NewRequest,
    /// The reply box of a ticket.
    Reply {
        #[specta(type = f64)]
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

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    /// Only the new-ticket form has one.
    #[serde(default)]
    pub subject: Option<String>,
    pub body: String,
    /// When it was last saved (set by the store).
    #[serde(default)]
    pub saved_at: String,
}

impl Store {
    /// Saves (replaces) the draft for `key`.
    pub fn save_draft(&self, key: DraftKey, draft: &Draft) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO drafts (key, subject, body, saved_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, \
                 body = excluded.body, saved_at = excluded.saved_at",
                params![key.as_text(), draft.subject, draft.body, local_now_millis()],
            )?;
            Ok(())
        })
    }

    pub fn draft(&self, key: DraftKey) -> Result<Option<Draft>, StoreError> {
        self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT subject, body, saved_at FROM drafts WHERE key = ?1",
                    [key.as_text()],
                    |row| {
                        Ok(Draft {
                            subject: row.get(0)?,
                            body: row.get(1)?,
                            saved_at: millis_text(row.get(2)?),
                        })
                    },
                )
                .optional()?)
        })
    }

    pub fn delete_draft(&self, key: DraftKey) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute("DELETE FROM drafts WHERE key = ?1", [key.as_text()])?;
            Ok(())
        })
    }
}
