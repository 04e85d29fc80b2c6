//! Users (customers and agents) and the bearer tokens that sign them in.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::Role;
use crate::store::next_id;

/// Users created by the desk itself (collaborators added by email) continue after the seeded
/// ones.
pub(crate) const FIRST_USER_ID: i64 = 20_000_000_001;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub locale: String,
    pub time_zone: String,
    pub iana_time_zone: String,
    pub organization_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Zendesk's user tags; the demo customer's name their plan (`plan_premium`).
    pub tags: Vec<String>,
}

const COLUMNS: &str = "id, name, email, role, locale, time_zone, iana_time_zone, organization_id, \
                       created_at, updated_at, tags";

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<UserRow> {
    let role: String = row.get(3)?;
    Ok(UserRow {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::EndUser),
        locale: row.get(4)?,
        time_zone: row.get(5)?,
        iana_time_zone: row.get(6)?,
        organization_id: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        tags: serde_json::from_str(&row.get::<_, String>(10)?).unwrap_or_default(),
    })
}

pub(crate) fn insert(connection: &Connection, user: &UserRow) -> rusqlite::Result<()> {
    connection.execute(
        &format!(
            "INSERT INTO users ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        ),
        params![
            user.id,
            user.name,
            user.email,
            user.role.as_str(),
            user.locale,
            user.time_zone,
            user.iana_time_zone,
            user.organization_id,
            user.created_at,
            user.updated_at,
            serde_json::to_string(&user.tags).unwrap_or_else(|_| "[]".into())
        ],
    )?;
    Ok(())
}

pub(crate) fn by_id(connection: &Connection, id: i64) -> rusqlite::Result<Option<UserRow>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
            [id],
            user_from_row,
        )
        .optional()
}

pub(crate) fn by_email(connection: &Connection, email: &str) -> rusqlite::Result<Option<UserRow>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE lower(email) = lower(?1)"),
            [email],
            user_from_row,
        )
        .optional()
}

/// The users with these ids, in the order given, skipping unknown ones and repeats.
pub(crate) fn by_ids(connection: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<UserRow>> {
    let mut seen = std::collections::HashSet::new();
    let mut users = Vec::new();
    for id in ids {
        if seen.insert(*id) {
            if let Some(user) = by_id(connection, *id)? {
                users.push(user);
            }
        }
    }
    Ok(users)
}

pub(crate) fn agents(connection: &Connection) -> rusqlite::Result<Vec<UserRow>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM users WHERE role IN ('agent', 'admin') ORDER BY id"
    ))?;
    let agents = statement.query_map([], user_from_row)?;
    agents.collect()
}

/// The end user with this email, created on first mention as Zendesk does for CCs.
pub(crate) fn find_or_create_end_user(
    connection: &Connection,
    email: &str,
    name: Option<&str>,
    now: i64,
) -> rusqlite::Result<UserRow> {
    if let Some(user) = by_email(connection, email)? {
        return Ok(user);
    }
    let fallback_name = email.split('@').next().unwrap_or(email);
    let user = UserRow {
        id: next_id(connection, "users", FIRST_USER_ID)?,
        name: name.unwrap_or(fallback_name).to_owned(),
        email: email.to_owned(),
        role: Role::EndUser,
        locale: "en-US".into(),
        time_zone: "UTC".into(),
        iana_time_zone: "Etc/UTC".into(),
        organization_id: None,
        created_at: now,
        updated_at: now,
        tags: Vec::new(),
    };
    insert(connection, &user)?;
    Ok(user)
}

/// Replaces a user's tags, as an agent does in Zendesk's user profile.
pub(crate) fn set_tags(
    connection: &Connection,
    id: i64,
    tags: &[String],
    now: i64,
) -> rusqlite::Result<usize> {
    connection.execute(
        "UPDATE users SET tags = ?2, updated_at = ?3 WHERE id = ?1",
        params![
            id,
            serde_json::to_string(tags).unwrap_or_else(|_| "[]".into()),
            now
        ],
    )
}

pub(crate) fn insert_token(
    connection: &Connection,
    token: &str,
    user_id: i64,
    now: i64,
) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO api_tokens (token, user_id, created_at) VALUES (?1, ?2, ?3)",
        params![token, user_id, now],
    )?;
    Ok(())
}

pub(crate) fn by_token(connection: &Connection, token: &str) -> rusqlite::Result<Option<UserRow>> {
    connection
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM users WHERE id = \
                 (SELECT user_id FROM api_tokens WHERE token = ?1)"
            ),
            [token],
            user_from_row,
        )
        .optional()
}

pub(crate) fn token_of(connection: &Connection, user_id: i64) -> rusqlite::Result<Option<String>> {
    connection
        .query_row(
            "SELECT token FROM api_tokens WHERE user_id = ?1 ORDER BY created_at LIMIT 1",
            [user_id],
            |row| row.get(0),
        )
        .optional()
}
