//! The platform status kept between runs (each Statuspage document as fetched, with its
//! validators), the incident states already announced, and the customer's plan facts.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{sync_state, Store, StoreError};
use crate::profile::CustomerFacts;

/// The first successful status fetch happened: incidents seen after it are news.
const STATUS_BASELINE: &str = "status_baseline_ms";

/// One stored Statuspage document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusDocument {
    pub body: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When the page last confirmed it (a `304` counts).
    pub checked_at_ms: i64,
}

/// What was last announced about an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Announced {
    pub status: String,
    pub update_id: Option<String>,
}

impl Store {
    pub(crate) fn status_document(&self, name: &str) -> Result<Option<StatusDocument>, StoreError> {
        self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT body, etag, last_modified, checked_at_ms FROM status_documents \
                     WHERE name = ?1",
                    [name],
                    |row| {
                        Ok(StatusDocument {
                            body: row.get(0)?,
                            etag: row.get(1)?,
                            last_modified: row.get(2)?,
                            checked_at_ms: row.get(3)?,
                        })
                    },
                )
                .optional()?)
        })
    }

    pub(crate) fn save_status_document(
        &self,
        name: &str,
        document: &StatusDocument,
    ) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO status_documents (name, body, etag, last_modified, checked_at_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET \
                 body = excluded.body, etag = excluded.etag, \
                 last_modified = excluded.last_modified, checked_at_ms = excluded.checked_at_ms",
                params![
                    name,
                    document.body,
                    document.etag,
                    document.last_modified,
                    document.checked_at_ms
                ],
            )?;
            Ok(())
        })
    }

    /// The page answered "not modified" at `checked_at_ms`.
    pub(crate) fn confirm_status_document(
        &self,
        name: &str,
        checked_at_ms: i64,
    ) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "UPDATE status_documents SET checked_at_ms = ?2 WHERE name = ?1",
                params![name, checked_at_ms],
            )?;
            Ok(())
        })
    }

    pub(crate) fn status_announced(&self) -> Result<HashMap<String, Announced>, StoreError> {
        self.read(|connection| {
            let mut statement = connection
                .prepare("SELECT incident_id, status, update_id FROM status_announced")?;
            let rows = statement.query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    Announced {
                        status: row.get(1)?,
                        update_id: row.get(2)?,
                    },
                ))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Records what was announced (or, for the baseline, seen) in one transaction, and marks
    /// the baseline as set.
    pub(crate) fn record_status_announced(
        &self,
        announced: &[(String, Announced)],
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.write(|transaction| {
            for (id, state) in announced {
                transaction.execute(
                    "INSERT INTO status_announced (incident_id, status, update_id) \
                     VALUES (?1, ?2, ?3) ON CONFLICT (incident_id) DO UPDATE SET \
                     status = excluded.status, update_id = excluded.update_id",
                    params![id, state.status, state.update_id],
                )?;
            }
            if sync_state::get(transaction, STATUS_BASELINE)?.is_none() {
                sync_state::set(transaction, STATUS_BASELINE, now_ms)?;
            }
            Ok(())
        })
    }

    pub(crate) fn status_baseline_set(&self) -> Result<bool, StoreError> {
        Ok(self
            .read(|connection| sync_state::get(connection, STATUS_BASELINE))?
            .is_some())
    }

    /// What the desk last said about the customer, for the plan rule.
    pub fn customer_facts(&self) -> Result<Option<CustomerFacts>, StoreError> {
        let stored: Option<String> = self.read(|connection| {
            Ok(connection
                .query_row("SELECT facts FROM customer_facts WHERE id = 1", [], |row| {
                    row.get(0)
                })
                .optional()?)
        })?;
        // Facts that no longer parse are as good as none: the next sync asks again.
        Ok(stored.and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// When the customer's facts were last read from the desk (local clock).
    pub(crate) fn customer_facts_fetched_at_ms(&self) -> Result<Option<i64>, StoreError> {
        self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT fetched_at_ms FROM customer_facts WHERE id = 1",
                    [],
                    |row| row.get(0),
                )
                .optional()?)
        })
    }

    pub fn save_customer_facts(&self, facts: &CustomerFacts) -> Result<(), StoreError> {
        let text = serde_json::to_string(facts).unwrap_or_default();
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO customer_facts (id, facts, fetched_at_ms) VALUES (1, ?1, ?2) \
                 ON CONFLICT (id) DO UPDATE SET facts = excluded.facts, \
                 fetched_at_ms = excluded.fetched_at_ms",
                params![text, super::local_now_millis()],
            )?;
            Ok(())
        })
    }
}
