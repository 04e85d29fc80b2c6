//! Sync bookkeeping: named watermarks, the signed-in user, and the newest comment announced
//! per ticket.

use rusqlite::{params, Connection, OptionalExtension};

use super::{from_sql_id, sql_id, Store, StoreError};
use crate::helpdesk::{CommentId, RequestId, UserId};

/// Desk seconds: requests updated at or before this were fully synced.
pub(crate) const REQUESTS_WATERMARK: &str = "requests_watermark";
/// The signed-in user's id.
pub(crate) const ME: &str = "me";
/// This machine's clock (milliseconds) at the end of the last successful sync.
const LAST_SYNCED: &str = "last_synced_local_ms";

pub(crate) fn get(connection: &Connection, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT value FROM sync_state WHERE key = ?1",
            [key],
            |row| row.get(0),
        )
        .optional()?)
}

pub(crate) fn set(connection: &Connection, key: &str, value: i64) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(crate) fn my_id(connection: &Connection) -> Result<Option<UserId>, StoreError> {
    Ok(get(connection, ME)?.map(from_sql_id))
}

/// The newest comment already announced (or part of the baseline) on a ticket.
pub(crate) fn last_notified(
    connection: &Connection,
    request_id: RequestId,
) -> Result<Option<CommentId>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT last_comment_id FROM notified WHERE request_id = ?1",
            [sql_id(request_id)],
            |row| row.get::<_, i64>(0),
        )
        .optional()?
        .map(from_sql_id))
}

/// Moves the ticket's notification watermark forward (never back).
pub(crate) fn set_notified(
    connection: &Connection,
    request_id: RequestId,
    comment_id: CommentId,
) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO notified (request_id, last_comment_id) VALUES (?1, ?2) \
         ON CONFLICT (request_id) DO UPDATE \
         SET last_comment_id = max(last_comment_id, excluded.last_comment_id)",
        params![sql_id(request_id), sql_id(comment_id)],
    )?;
    Ok(())
}

impl Store {
    /// The signed-in user's id, once a sync or the outbox has asked the desk.
    pub fn my_user_id(&self) -> Result<Option<UserId>, StoreError> {
        self.read(my_id)
    }

    /// When the last successful sync ended (this machine's clock, RFC 3339).
    pub fn last_synced_at(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .read(|connection| get(connection, LAST_SYNCED))?
            .map(super::millis_text))
    }

    /// Records that a sync just succeeded.
    pub fn record_synced_now(&self) -> Result<(), StoreError> {
        self.write(|transaction| set(transaction, LAST_SYNCED, super::local_now_millis()))
    }

    /// The requests watermark (desk seconds), `None` before the first complete sync.
    pub fn requests_watermark(&self) -> Result<Option<i64>, StoreError> {
        self.read(|connection| get(connection, REQUESTS_WATERMARK))
    }
}
