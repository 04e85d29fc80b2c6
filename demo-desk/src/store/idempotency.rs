//! Remembered `Idempotency-Key`s of request creation.

use rusqlite::{params, Connection, OptionalExtension};

/// Zendesk keeps a key for two hours.
pub(crate) const KEY_LIFETIME_SECONDS: i64 = 2 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredResponse {
    pub body_digest: String,
    pub response_body: String,
    pub location: String,
    pub request_id: i64,
}

/// The live entry for `key` in `scope` (the caller), forgetting expired ones on the way.
pub(crate) fn lookup(
    connection: &Connection,
    scope: &str,
    key: &str,
    now: i64,
) -> rusqlite::Result<Option<StoredResponse>> {
    connection.execute(
        "DELETE FROM idempotency_keys WHERE created_at <= ?1",
        [now - KEY_LIFETIME_SECONDS],
    )?;
    connection
        .query_row(
            "SELECT body_digest, response_body, location, request_id FROM idempotency_keys \
             WHERE scope = ?1 AND key = ?2",
            [scope, key],
            |row| {
                Ok(StoredResponse {
                    body_digest: row.get(0)?,
                    response_body: row.get(1)?,
                    location: row.get(2)?,
                    request_id: row.get(3)?,
                })
            },
        )
        .optional()
}

pub(crate) fn remember(
    connection: &Connection,
    scope: &str,
    key: &str,
    response: &StoredResponse,
    now: i64,
) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT OR REPLACE INTO idempotency_keys \
         (scope, key, body_digest, response_body, location, request_id, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            scope,
            key,
            response.body_digest,
            response.response_body,
            response.location,
            response.request_id,
            now
        ],
    )?;
    Ok(())
}
