//! Attachments of synced comments: where to download each one, and the local copy once it
//! has been downloaded.

use rusqlite::{params, OptionalExtension};

use super::{sql_id, Store, StoreError};

/// What is known about one attachment of a synced comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub id: u64,
    pub file_name: String,
    pub content_type: Option<String>,
    pub content_url: Option<String>,
    /// The downloaded copy, if any.
    pub local_path: Option<String>,
}

impl Store {
    pub fn attachment(&self, id: u64) -> Result<Option<StoredAttachment>, StoreError> {
        self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT file_name, content_type, content_url, local_path \
                     FROM attachments WHERE id = ?1",
                    [sql_id(id)],
                    |row| {
                        Ok(StoredAttachment {
                            id,
                            file_name: row.get(0)?,
                            content_type: row.get(1)?,
                            content_url: row.get(2)?,
                            local_path: row.get(3)?,
                        })
                    },
                )
                .optional()?)
        })
    }

    /// Records where the downloaded copy of attachment `id` is.
    pub fn set_attachment_local_path(&self, id: u64, path: &str) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "UPDATE attachments SET local_path = ?2 WHERE id = ?1",
                params![sql_id(id), path],
            )?;
            Ok(())
        })
    }
}
