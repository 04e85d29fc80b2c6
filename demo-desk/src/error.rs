//! The one error type of the crate.

use std::net::SocketAddr;

/// Why starting the desk or one of its back-office actions failed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the demo desk database failed: {0}")]
    Database(#[from] rusqlite::Error),
    #[error(
        "the database has schema version {found} but this demo-desk only knows up to {supported}; \
         use a newer demo-desk or delete the database file"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{kind} {id} does not exist")]
    NotFound { kind: &'static str, id: String },
    #[error("{0}")]
    InvalidInput(String),
    #[error("request {0} is closed; closed requests cannot be changed")]
    RequestClosed(u64),
    #[error("a background task of the demo desk failed: {0}")]
    Background(String),
}

impl DemoError {
    pub(crate) fn not_found(kind: &'static str, id: impl ToString) -> Self {
        DemoError::NotFound {
            kind,
            id: id.to_string(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        DemoError::InvalidInput(message.into())
    }
}
