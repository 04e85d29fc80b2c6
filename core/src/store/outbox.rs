//! Outbox rows. An item is written (with its idempotency key) before anything is sent, and
//! changes state only through these functions.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_sql_id, local_now_millis, millis_text, sql_id, StoreError};
use crate::helpdesk::RequestId;
use crate::outgoing::{OutboxItem, OutboxState, Outgoing};

const COLUMNS: &str =
    "id, payload, state, attempts, last_error, created_at, remote_id, idempotency_key";

/// A row as read, before its payload and state are parsed.
struct RawItem {
    id: i64,
    payload: String,
    state: String,
    attempts: u32,
    last_error: Option<String>,
    created_millis: i64,
    remote_id: Option<i64>,
    idempotency_key: String,
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<RawItem> {
    Ok(RawItem {
        id: row.get(0)?,
        payload: row.get(1)?,
        state: row.get(2)?,
        attempts: row.get(3)?,
        last_error: row.get(4)?,
        created_millis: row.get(5)?,
        remote_id: row.get(6)?,
        idempotency_key: row.get(7)?,
    })
}

fn finish_item(raw: RawItem) -> Result<OutboxItem, StoreError> {
    let outgoing = serde_json::from_str(&raw.payload)
        .map_err(|error| StoreError::Unreadable(format!("outbox item {}: {error}", raw.id)))?;
    let state = OutboxState::parse(&raw.state)
        .ok_or_else(|| StoreError::Unreadable(format!("outbox state {:?}", raw.state)))?;
    Ok(OutboxItem {
        id: raw.id,
        outgoing,
        state,
        attempts: raw.attempts,
        last_error: raw.last_error,
        created_at: millis_text(raw.created_millis),
        remote_id: raw.remote_id.map(from_sql_id),
        idempotency_key: raw.idempotency_key,
        created_millis: raw.created_millis,
    })
}

fn select(
    connection: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<OutboxItem>, StoreError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE {condition} ORDER BY id"
    ))?;
    let rows = statement
        .query_map(params, item_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(finish_item).collect()
}

/// Writes a new item in state `waiting`, with a fresh idempotency key.
pub(crate) fn insert(
    connection: &Connection,
    outgoing: &Outgoing,
) -> Result<OutboxItem, StoreError> {
    let payload = serde_json::to_string(outgoing).expect("an outgoing item serialises");
    let key = uuid::Uuid::new_v4().to_string();
    let now = local_now_millis();
    connection.execute(
        "INSERT INTO outbox (kind, request_id, payload, idempotency_key, state, created_at, \
         updated_at) VALUES (?1, ?2, ?3, ?4, 'waiting', ?5, ?5)",
        params![
            outgoing.kind(),
            outgoing.request_id().map(sql_id),
            payload,
            key,
            now
        ],
    )?;
    let id = connection.last_insert_rowid();
    item(connection, id)?
        .ok_or_else(|| StoreError::Unreadable(format!("outbox item {id} vanished")))
}

pub(crate) fn item(connection: &Connection, id: i64) -> Result<Option<OutboxItem>, StoreError> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"),
            [id],
            item_from_row,
        )
        .optional()?
        .map(finish_item)
        .transpose()
}

pub(crate) fn all(connection: &Connection) -> Result<Vec<OutboxItem>, StoreError> {
    select(connection, "1", [])
}

/// How many items wait to be delivered (waiting or sending), and how many the desk refused,
/// counted in SQL: sent items stay in the table and are not worth reading here.
pub(crate) fn counts(connection: &Connection) -> Result<(u32, u32), StoreError> {
    Ok(connection.query_row(
        "SELECT coalesce(sum(state IN ('waiting', 'sending')), 0), \
         coalesce(sum(state = 'failed'), 0) FROM outbox",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// Items to deliver, oldest first: waiting, and sending (interrupted or unknown outcome).
pub(crate) fn pending(connection: &Connection) -> Result<Vec<OutboxItem>, StoreError> {
    select(connection, "state IN ('waiting', 'sending')", [])
}

pub(crate) fn unsent_for_request(
    connection: &Connection,
    request_id: RequestId,
) -> Result<Vec<OutboxItem>, StoreError> {
    select(
        connection,
        "request_id = ?1 AND state != 'sent'",
        [sql_id(request_id)],
    )
}

/// Remote ids that sent items of this kind already account for, so reconciliation never
/// credits one desk object to two items.
pub(crate) fn claimed_remote_ids(
    connection: &Connection,
    outgoing: &Outgoing,
) -> Result<Vec<u64>, StoreError> {
    let mut statement = connection.prepare(
        "SELECT remote_id FROM outbox WHERE kind = ?1 AND state = 'sent' AND remote_id IS NOT NULL",
    )?;
    let ids = statement
        .query_map([outgoing.kind()], |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids.into_iter().map(from_sql_id).collect())
}

/// Marks the item as being sent, before the HTTP call; `false` when it is no longer waiting
/// to be delivered (discarded, or sent meanwhile), and then it must not be sent.
pub(crate) fn begin_attempt(connection: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(connection.execute(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2 \
         WHERE id = ?1 AND state IN ('waiting', 'sending')",
        params![id, local_now_millis()],
    )? == 1)
}

/// Whether the user solved `request_id` from here (a sent solve): its status change is their
/// own doing, not news.
pub(crate) fn solved_from_here(
    connection: &Connection,
    request_id: RequestId,
) -> Result<bool, StoreError> {
    Ok(connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE kind = 'solve' AND request_id = ?1 \
         AND state = 'sent')",
        [sql_id(request_id)],
        |row| row.get(0),
    )?)
}

/// Sent replies on `request_id` whose comment on the desk is not known (its lookup after the
/// send failed): reconciliation counts them against the matching comments it finds.
pub(crate) fn sent_replies_without_comment(
    connection: &Connection,
    request_id: RequestId,
) -> Result<Vec<OutboxItem>, StoreError> {
    select(
        connection,
        "kind = 'reply' AND request_id = ?1 AND state = 'sent' AND remote_id IS NULL",
        [sql_id(request_id)],
    )
}

pub(crate) fn set_state(
    connection: &Connection,
    id: i64,
    state: OutboxState,
    last_error: Option<&str>,
    remote_id: Option<u64>,
) -> Result<(), StoreError> {
    connection.execute(
        "UPDATE outbox SET state = ?2, last_error = ?3, \
         remote_id = coalesce(?4, remote_id), updated_at = ?5 WHERE id = ?1",
        params![
            id,
            state.as_str(),
            last_error,
            remote_id.map(sql_id),
            local_now_millis()
        ],
    )?;
    Ok(())
}

/// Deletes a waiting or failed item; `false` when there is none in those states.
pub(crate) fn discard(connection: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(connection.execute(
        "DELETE FROM outbox WHERE id = ?1 AND state IN ('waiting', 'failed')",
        [id],
    )? == 1)
}

/// Puts a failed item back in line; `false` when it was not failed.
pub(crate) fn retry(connection: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(connection.execute(
        "UPDATE outbox SET state = 'waiting', updated_at = ?2 WHERE id = ?1 AND state = 'failed'",
        params![id, local_now_millis()],
    )? == 1)
}
