//! [`Store`]: the SQLite cache of the user's tickets, and everything about them that must
//! survive a restart (drafts, the outbox, sync watermarks, what was already announced).
//!
//! Opened in WAL mode with a busy timeout and foreign keys on. The schema is versioned with
//! `PRAGMA user_version` and migrated forward at open; a file from a newer Helpline is refused
//! with [`StoreError::TooNew`] rather than misread. Tables: `users`, `requests`, `comments`,
//! `attachments` (metadata and local path), `drafts`, `outbox`, `sync_state` (watermarks),
//! `notified` (the newest comment announced, per ticket).
//!
//! Queries for the UI: [`Store::tickets`] (newest activity first, filtered, searched by
//! subject), [`Store::ticket`] (one ticket with its thread and unsent items), unread markers
//! ([`Store::mark_read`]) and drafts ([`Store::save_ticket_draft`],
//! [`Store::save_reply_draft`]).
//!
//! ```
//! use helpline_core::{Store, TicketFilter, TicketQuery};
//! let store = Store::open_in_memory()?;
//! assert!(store.tickets(&TicketQuery::new(TicketFilter::All))?.is_empty());
//! # Ok::<(), helpline_core::StoreError>(())
//! ```

mod attachments;
mod drafts;
#[cfg(feature = "fixtures")]
pub mod fixtures;
mod migrations;
pub(crate) mod outbox;
mod recovery;
pub(crate) mod status;
pub(crate) mod sync_state;
mod ticket_texts;
pub(crate) mod tickets;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, Transaction};

use crate::{ErrorCode, WireError};
pub use attachments::StoredAttachment;
pub use drafts::{DraftKey, ReplyDraft};
pub use migrations::SCHEMA_VERSION;
pub use ticket_texts::TextsSeen;
pub use tickets::{
    AttachmentView, StoredComment, StoredTicket, TicketFilter, TicketQuery, TicketSummary,
};

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot open the ticket store {path}: {source}. Check that the data folder is writable"
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the ticket store {path} was written by a newer Helpline (schema {found}; this version reads up to {supported}). Update Helpline, or move the file aside to start with an empty cache")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("the ticket store {path} is damaged and could not be moved aside ({source}). Move it out of the data folder by hand and start Helpline again")]
    SetAside {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the ticket store on this computer failed ({0}). What you wrote is kept; try again, or restart Helpline")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the ticket store holds a value this version cannot read: {0}")]
    Unreadable(String),
}

impl From<StoreError> for WireError {
    fn from(error: StoreError) -> Self {
        WireError::new(ErrorCode::Internal, error.to_string())
    }
}

/// A handle on the ticket database; clones share one connection.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        let open_error = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let connection = Connection::open(&path).map_err(open_error)?;
        connection
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(open_error)?;
        Self::prepare(connection, path)
    }

    /// A private database that lives as long as the handle (tests, previews).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let connection = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Self::prepare(connection, path)
    }

    fn prepare(mut connection: Connection, path: PathBuf) -> Result<Self, StoreError> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection.execute_batch("PRAGMA foreign_keys = ON")?;
        migrations::migrate(&mut connection, &path)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database (always [`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.read(migrations::version_of)
    }

    /// Runs `work` with the connection.
    pub(crate) fn read<T>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let connection = self.connection.lock().unwrap_or_else(|p| p.into_inner());
        work(&connection)
    }

    /// Runs `work` in one transaction, committed when it succeeds. The transaction takes the
    /// write lock at once (`BEGIN IMMEDIATE`): a deferred one that reads first and writes later
    /// fails at once with "database is locked", busy timeout or not, when another process (the
    /// CLI beside the app) wrote in between.
    pub(crate) fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|p| p.into_inner());
        let transaction =
            connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let result = work(&transaction)?;
        transaction.commit()?;
        Ok(result)
    }
}

/// Ids are below 2^53, so they fit SQLite's signed integers.
pub(crate) fn sql_id(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

pub(crate) fn from_sql_id(id: i64) -> u64 {
    u64::try_from(id).unwrap_or_default()
}

/// Milliseconds since 1970 on this machine's clock.
pub(crate) fn local_now_millis() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Seconds (the desk's precision) as Zendesk's time text.
pub(crate) fn time_text(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|time| time.to_string())
        .unwrap_or_default()
}

pub(crate) fn millis_text(millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis)
        .map(|time| time.to_string())
        .unwrap_or_default()
}
