//! Forward-only schema migrations, numbered by SQLite's `user_version`.

use rusqlite::Connection;

use crate::DemoError;

/// Each entry moves the schema one version forward. Never edit a released entry: add one.
const MIGRATIONS: &[&str] = &[SCHEMA_V1];

const SCHEMA_V1: &str = "
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    locale          TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    iana_time_zone  TEXT NOT NULL,
    organization_id INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    token      TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY,
    subject            TEXT NOT NULL,
    description        TEXT NOT NULL,
    status             TEXT NOT NULL,
    priority           TEXT,
    type               TEXT,
    due_at             INTEGER,
    requester_id       INTEGER NOT NULL REFERENCES users(id),
    assignee_id        INTEGER REFERENCES users(id),
    group_id           INTEGER,
    organization_id    INTEGER,
    via_channel        TEXT NOT NULL,
    recipient          TEXT,
    followup_source_id INTEGER,
    ticket_form_id     INTEGER,
    custom_fields      TEXT NOT NULL DEFAULT '[]',
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX requests_by_requester_updated ON requests(requester_id, updated_at, id);
CREATE INDEX requests_by_requester_created ON requests(requester_id, created_at, id);

CREATE TABLE request_collaborators (
    request_id INTEGER NOT NULL REFERENCES requests(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX collaborators_by_user ON request_collaborators(user_id);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    author_id   INTEGER NOT NULL REFERENCES users(id),
    body        TEXT NOT NULL,
    html_body   TEXT NOT NULL,
    public      INTEGER NOT NULL,
    via_channel TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX comments_by_request ON comments(request_id, created_at, id);

CREATE TABLE idempotency_keys (
    scope         TEXT NOT NULL,
    key           TEXT NOT NULL,
    body_digest   TEXT NOT NULL,
    response_body TEXT NOT NULL,
    location      TEXT NOT NULL,
    request_id    INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE status_components (
    id          INTEGER PRIMARY KEY,
    public_id   TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT,
    position    INTEGER NOT NULL,
    status      TEXT NOT NULL,
    showcase    INTEGER NOT NULL,
    start_date  TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Statuspage models a scheduled maintenance as an incident with a schedule, and so do we:
-- rows with scheduled_for set are maintenances.
CREATE TABLE status_incidents (
    id              INTEGER PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    status          TEXT NOT NULL,
    impact          TEXT NOT NULL,
    shortlink       TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    started_at      INTEGER NOT NULL,
    monitoring_at   INTEGER,
    resolved_at     INTEGER,
    scheduled_for   INTEGER,
    scheduled_until INTEGER
);

CREATE TABLE status_incident_components (
    incident_id  INTEGER NOT NULL REFERENCES status_incidents(id),
    component_id INTEGER NOT NULL REFERENCES status_components(id),
    PRIMARY KEY (incident_id, component_id)
);

CREATE TABLE status_incident_updates (
    id                  INTEGER PRIMARY KEY,
    public_id           TEXT NOT NULL UNIQUE,
    incident_id         INTEGER NOT NULL REFERENCES status_incidents(id),
    status              TEXT NOT NULL,
    body                TEXT NOT NULL,
    affected_components TEXT,
    created_at          INTEGER NOT NULL,
    display_at          INTEGER NOT NULL
);
";

/// The schema version this build writes.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(connection: &mut Connection) -> Result<(), DemoError> {
    let found: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(DemoError::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1)?;
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_harmless() {
        let mut connection = Connection::open_in_memory().unwrap();
        migrate(&mut connection).unwrap();
        migrate(&mut connection).unwrap();
        let version: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_database_from_a_newer_build_is_refused() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut connection),
            Err(DemoError::SchemaTooNew { .. })
        ));
    }
}
