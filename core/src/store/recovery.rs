//! A damaged ticket store never locks the user out: [`Store::open_or_recover`] checks the
//! file at open (`PRAGMA quick_check`), and a file SQLite cannot read or that fails the check is
//! set aside (`helpline.sqlite3.damaged`, with its `-wal` and `-shm`) and replaced by a fresh
//! store. What the user wrote and did not send comes first: the unsent outbox items and the
//! drafts that can still be read from the damaged copy are carried over; the ticket cache
//! itself is simply synced again from the desk.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError};
use crate::damaged::{set_aside, DamageLog, DamagedFile, DamagedFileKind};

/// An outbox row as the damaged store held it.
struct SalvagedItem {
    kind: String,
    request_id: Option<i64>,
    payload: String,
    idempotency_key: String,
    state: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: i64,
    updated_at: i64,
}

struct SalvagedDraft {
    key: String,
    subject: Option<String>,
    body: String,
    saved_at: i64,
}

impl Store {
    /// Opens the store at `path`, replacing a damaged one as this module describes; the
    /// replacement is recorded in `log`.
    pub fn open_or_recover(path: impl AsRef<Path>, log: &DamageLog) -> Result<Self, StoreError> {
        let path = path.as_ref();
        match Self::open(path) {
            Ok(store) => match store.read(quick_check) {
                Ok(None) => return Ok(store),
                Ok(Some(problem)) => {
                    tracing::error!(path = %path.display(), %problem, "the ticket store is damaged");
                }
                Err(error) if is_damage(&error) => {}
                Err(error) => return Err(error),
            },
            Err(error) if is_damage(&error) => {
                tracing::error!(path = %path.display(), %error, "the ticket store cannot be read");
            }
            Err(error) => return Err(error),
        }
        let (items, drafts) = salvage(path);
        let kept_at = set_aside_with_journal(path).map_err(|source| StoreError::SetAside {
            path: path.to_path_buf(),
            source,
        })?;
        let store = Self::open(path)?;
        store.write(|transaction| {
            for item in &items {
                transaction.execute(
                    "INSERT OR IGNORE INTO outbox (kind, request_id, payload, idempotency_key, \
                     state, attempts, last_error, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    rusqlite::params![
                        item.kind,
                        item.request_id,
                        item.payload,
                        item.idempotency_key,
                        item.state,
                        item.attempts,
                        item.last_error,
                        item.created_at,
                        item.updated_at
                    ],
                )?;
            }
            for draft in &drafts {
                transaction.execute(
                    "INSERT OR REPLACE INTO drafts (key, subject, body, saved_at) \
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![draft.key, draft.subject, draft.body, draft.saved_at],
                )?;
            }
            Ok(())
        })?;
        log.record(DamagedFile {
            kind: DamagedFileKind::TicketStore,
            kept_at: kept_at.display().to_string(),
            outbox_items_kept: items.len() as u32,
            drafts_kept: drafts.len() as u32,
        });
        Ok(store)
    }
}

/// `None` when SQLite finds the file sound, else its first complaint.
fn quick_check(connection: &Connection) -> Result<Option<String>, StoreError> {
    let verdict: String = connection.query_row("PRAGMA quick_check(1)", [], |row| row.get(0))?;
    Ok((verdict != "ok").then_some(verdict))
}

/// Errors that say the file is not a sound database (as opposed to a folder not writable, or
/// a store from a newer Helpline, which must not be thrown away).
fn is_damage(error: &StoreError) -> bool {
    let sqlite = match error {
        StoreError::Open { source, .. } | StoreError::Sqlite(source) => source,
        StoreError::TooNew { .. } | StoreError::Unreadable(_) | StoreError::SetAside { .. } => {
            return false
        }
    };
    matches!(
        sqlite.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// What can still be read of the unsent work; anything unreadable is skipped.
fn salvage(path: &Path) -> (Vec<SalvagedItem>, Vec<SalvagedDraft>) {
    let Ok(connection) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return (Vec::new(), Vec::new());
    };
    let items = connection
        .prepare(
            "SELECT kind, request_id, payload, idempotency_key, state, attempts, last_error, \
             created_at, updated_at FROM outbox WHERE state != 'sent' ORDER BY id",
        )
        .and_then(|mut statement| {
            statement
                .query_map([], |row| {
                    Ok(SalvagedItem {
                        kind: row.get(0)?,
                        request_id: row.get(1)?,
                        payload: row.get(2)?,
                        idempotency_key: row.get(3)?,
                        state: row.get(4)?,
                        attempts: row.get(5)?,
                        last_error: row.get(6)?,
                        created_at: row.get(7)?,
                        updated_at: row.get(8)?,
                    })
                })?
                .filter_map(Result::ok)
                .map(Ok)
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default();
    let drafts = connection
        .prepare("SELECT key, subject, body, saved_at FROM drafts")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| {
                    Ok(SalvagedDraft {
                        key: row.get(0)?,
                        subject: row.get(1)?,
                        body: row.get(2)?,
                        saved_at: row.get(3)?,
                    })
                })?
                .filter_map(Result::ok)
                .map(Ok)
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default();
    (items, drafts)
}

/// Sets the store aside with its journal files, which belong to it: a fresh store must never
/// replay a damaged one's write-ahead log.
fn set_aside_with_journal(path: &Path) -> std::io::Result<PathBuf> {
    let aside = set_aside(path)?;
    for suffix in ["-wal", "-shm"] {
        let mut journal = path.as_os_str().to_owned();
        journal.push(suffix);
        let journal = PathBuf::from(journal);
        if journal.exists() {
            let mut moved = aside.as_os_str().to_owned();
            moved.push(suffix);
            std::fs::rename(&journal, PathBuf::from(moved))?;
        }
    }
    Ok(aside)
}
