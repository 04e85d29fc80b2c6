//! Forward-only migrations, numbered by `PRAGMA user_version`. A migration is never edited
//! once released: a change is a new entry at the end.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Migration `n` (from 1) brings the schema from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: the ticket cache, drafts, outbox and sync bookkeeping.
    r#"
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        is_agent INTEGER NOT NULL DEFAULT 0,
        email TEXT
    );

    CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        subject TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        priority TEXT,
        requester_id INTEGER NOT NULL,
        assignee_id INTEGER,
        can_be_solved_by_me INTEGER NOT NULL,
        created_at INTEGER NOT NULL,           -- desk seconds
        updated_at INTEGER NOT NULL,           -- desk seconds
        comments_synced_at INTEGER NOT NULL DEFAULT 0, -- desk seconds; 0: never
        last_read_comment_id INTEGER NOT NULL DEFAULT 0 -- local: newest comment seen
    );
    CREATE INDEX requests_by_activity ON requests (updated_at DESC, id DESC);

    CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
        author_id INTEGER NOT NULL,
        body TEXT NOT NULL,
        html_body TEXT,                        -- unsanitised, from the network
        public INTEGER NOT NULL,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX comments_by_request ON comments (request_id, created_at, id);

    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        content_type TEXT,
        size INTEGER,
        content_url TEXT,
        local_path TEXT                        -- set once downloaded
    );
    CREATE INDEX attachments_by_comment ON attachments (comment_id);

    CREATE TABLE drafts (
        key TEXT PRIMARY KEY,                  -- 'new' or 'reply:<request id>'
        subject TEXT,
        body TEXT NOT NULL,
        saved_at INTEGER NOT NULL              -- local milliseconds
    );

    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('new_request', 'reply', 'solve')),
        request_id INTEGER,
        payload TEXT NOT NULL,                 -- the Outgoing as JSON
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,           -- local milliseconds
        updated_at INTEGER NOT NULL,           -- local milliseconds
        remote_id INTEGER                      -- the request or comment it became
    );
    CREATE INDEX outbox_by_state ON outbox (state, id);

    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );

    CREATE TABLE notified (
        request_id INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
        last_comment_id INTEGER NOT NULL
    );
    "#,
    // 2: the ticket list counts each ticket's unsent outbox items; without this index that
    // read the whole outbox once per listed ticket (10,000 tickets: ~100 ms, see
    // `cargo xtask bench store`).
    r#"
    CREATE INDEX outbox_by_request ON outbox (request_id, state);
    "#,
    // 3: what kind of ticket it is — Zendesk's `type`, and the custom fields where a provider
    // profile keeps the form's kind (JSON as the desk sent it).
    r#"
    ALTER TABLE requests ADD COLUMN zendesk_type TEXT;
    ALTER TABLE requests ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '[]';
    "#,
    // 4: the newest comment by someone other than the user, kept as comments arrive, so the
    // list's unread mark is a comparison of two columns rather than a search of the thread
    // per row (10,000 tickets: ~14 ms → ~8 ms, see `cargo xtask bench store`).
    r#"
    ALTER TABLE requests ADD COLUMN newest_foreign_comment_id INTEGER NOT NULL DEFAULT 0;
    UPDATE requests SET newest_foreign_comment_id = coalesce(
        (SELECT max(c.id) FROM comments c WHERE c.request_id = requests.id
         AND c.author_id IS NOT (SELECT value FROM sync_state WHERE key = 'me')), 0);
    "#,
    // 5: the platform status as last fetched (each Statuspage document with its validators for
    // conditional requests), which incident states were already announced, and what the desk
    // says about the customer (tags, user fields) for the plan rule, so both work offline.
    r#"
    CREATE TABLE status_documents (
        name TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        checked_at_ms INTEGER NOT NULL
    );

    CREATE TABLE status_announced (
        incident_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        update_id TEXT
    );

    CREATE TABLE customer_facts (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        facts TEXT NOT NULL,
        fetched_at_ms INTEGER NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn version_of(connection: &Connection) -> Result<u32, StoreError> {
    Ok(connection.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Applies the missing migrations, each in its own transaction with its version bump.
pub(crate) fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found = version_of(connection)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index + 1;
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.execute_batch(&format!("PRAGMA user_version = {version}"))?;
        transaction.commit()?;
        tracing::info!(version, path = %path.display(), "ticket store migrated");
    }
    Ok(())
}
