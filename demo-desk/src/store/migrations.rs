//! Forward-only schema migrations, numbered by SQLite's `user_version`.

use rusqlite::Connection;

use crate::DemoError;

/// Each entry moves the schema one version forward. Never edit a released entry: add one.
const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3];

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

/// Phase 2: the Help Center, uploads and attachments, OAuth.
const SCHEMA_V2: &str = "
-- Help Center content, one row per translation: translations share the id, as in Zendesk.
CREATE TABLE hc_categories (
    id            INTEGER NOT NULL,
    locale        TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    position      INTEGER NOT NULL,
    source_locale TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (id, locale)
);

CREATE TABLE hc_sections (
    id            INTEGER NOT NULL,
    locale        TEXT NOT NULL,
    category_id   INTEGER NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    position      INTEGER NOT NULL,
    source_locale TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (id, locale)
);

CREATE TABLE hc_articles (
    id                  INTEGER NOT NULL,
    locale              TEXT NOT NULL,
    section_id          INTEGER NOT NULL,
    author_id           INTEGER NOT NULL,
    title               TEXT NOT NULL,
    -- The title's place in its locale's alphabetical order: title sorts then page by keyset
    -- on an integer like every other order.
    title_rank          INTEGER NOT NULL,
    body                TEXT NOT NULL,
    body_text           TEXT NOT NULL,
    label_names         TEXT NOT NULL DEFAULT '[]',
    position            INTEGER NOT NULL,
    promoted            INTEGER NOT NULL,
    draft               INTEGER NOT NULL,
    comments_disabled   INTEGER NOT NULL,
    vote_sum            INTEGER NOT NULL,
    vote_count          INTEGER NOT NULL,
    permission_group_id INTEGER NOT NULL,
    user_segment_id     INTEGER,
    source_locale       TEXT NOT NULL,
    outdated_locales    TEXT NOT NULL DEFAULT '[]',
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    edited_at           INTEGER NOT NULL,
    PRIMARY KEY (id, locale)
);
CREATE INDEX hc_articles_by_section ON hc_articles(section_id, locale);

-- An upload token groups the files sent under it until one comment consumes it.
CREATE TABLE uploads (
    token         TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    comment_id    INTEGER REFERENCES comments(id)
);

-- Files: uploaded (upload_token set) and, once attached, on a comment (comment_id set).
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    upload_token  TEXT REFERENCES uploads(token),
    comment_id    INTEGER REFERENCES comments(id),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    width         INTEGER,
    height        INTEGER,
    content_token TEXT NOT NULL UNIQUE,
    content       BLOB NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX attachments_by_comment ON attachments(comment_id, id);
CREATE INDEX attachments_by_upload ON attachments(upload_token, id);

-- Secrets are stored as SHA-256 digests; a database copy hands out no working credential.
CREATE TABLE oauth_codes (
    code_digest    TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL,
    user_id        INTEGER NOT NULL REFERENCES users(id),
    redirect_uri   TEXT NOT NULL,
    scope          TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at_ms  INTEGER NOT NULL,
    used           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE oauth_tokens (
    id                    INTEGER PRIMARY KEY,
    client_id             TEXT NOT NULL,
    user_id               INTEGER NOT NULL REFERENCES users(id),
    scope                 TEXT NOT NULL,
    access_digest         TEXT NOT NULL UNIQUE,
    access_prefix         TEXT NOT NULL,
    refresh_digest        TEXT NOT NULL UNIQUE,
    refresh_prefix        TEXT NOT NULL,
    created_at_ms         INTEGER NOT NULL,
    expires_at_ms         INTEGER NOT NULL,
    refresh_expires_at_ms INTEGER NOT NULL,
    used_at_ms            INTEGER,
    revoked               INTEGER NOT NULL DEFAULT 0
);
";

/// Users' tags (a JSON array), which a vendor's plan rule reads.
const SCHEMA_V3: &str = "
ALTER TABLE users ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
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
    fn a_version_1_database_gains_the_phase_2_tables_and_keeps_its_rows() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection.execute_batch(SCHEMA_V1).unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();
        connection
            .execute(
                "INSERT INTO users (id, name, email, role, locale, time_zone, iana_time_zone, \
                 created_at, updated_at) VALUES (1, 'A', 'a@example.com', 'end-user', 'en-US', \
                 'UTC', 'Etc/UTC', 0, 0)",
                [],
            )
            .unwrap();
        migrate(&mut connection).unwrap();
        for table in ["hc_articles", "uploads", "attachments", "oauth_tokens"] {
            let count: i64 = connection
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
                    row.get(0)
                })
                .unwrap();
            assert_eq!(count, 0, "{table}");
        }
        let users: i64 = connection
            .query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))
            .unwrap();
        assert_eq!(users, 1);
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
