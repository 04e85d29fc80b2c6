//! SQLite storage: one connection behind a mutex, used from blocking tasks.
//!
//! One connection is enough for a demo server and makes every closure passed to
//! [`Store::run`] atomic with respect to the others, which the idempotency check relies on.

mod listing;
mod migrations;

pub(crate) mod attachments;
pub(crate) mod comments;
pub(crate) mod help_center;
pub(crate) mod idempotency;
pub(crate) mod oauth;
pub(crate) mod requests;
pub(crate) mod status;
pub(crate) mod users;

pub(crate) use listing::{KeysetPage, Listing, Order, Position, Window};

use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::DemoError;

#[derive(Clone)]
pub(crate) struct Store {
    connection: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database; `None` is a private in-memory one.
    pub(crate) fn open(path: Option<&Path>) -> Result<Store, DemoError> {
        let mut connection = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        connection.busy_timeout(Duration::from_secs(5))?;
        if path.is_some() {
            // WAL lets another process (a CLI, a test) read while the server writes.
            connection.pragma_update(None, "journal_mode", "WAL")?;
            connection.pragma_update(None, "synchronous", "NORMAL")?;
        }
        connection.pragma_update(None, "foreign_keys", true)?;
        migrations::migrate(&mut connection)?;
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Runs `work` with the connection on the blocking thread pool.
    pub(crate) async fn run<T, F>(&self, work: F) -> Result<T, DemoError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DemoError> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier closure leaves SQLite consistent (its transaction rolled
            // back on drop), so a poisoned lock is safe to reuse.
            let mut connection = connection
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut connection)
        })
        .await
        .map_err(|error| DemoError::Background(error.to_string()))?
    }
}

/// Brings a bare connection to the current schema, for unit tests of other modules.
#[cfg(test)]
pub(crate) fn migrate_for_tests(connection: &mut Connection) {
    migrations::migrate(connection).expect("migrations apply");
}

/// Picks the next id of `table`, starting at `first` so that ids look like Zendesk's
/// (large, above 2^32).
pub(crate) fn next_id(connection: &Connection, table: &str, first: i64) -> rusqlite::Result<i64> {
    let highest: Option<i64> =
        connection.query_row(&format!("SELECT MAX(id) FROM {table}"), [], |row| {
            row.get(0)
        })?;
    Ok(highest.map_or(first, |highest| (highest + 1).max(first)))
}
