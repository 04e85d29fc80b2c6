//! OAuth authorization codes and token pairs, stored as digests of their secrets.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::secret::{digest_hex, random_token};
use crate::store::next_id;

pub(crate) const FIRST_TOKEN_ID: i64 = 70_000_000_001;
const SECRET_LENGTH: usize = 64;
/// Zendesk shows only the first ten characters of a token once issued.
const SHOWN_PREFIX_LENGTH: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeRow {
    pub client_id: String,
    pub user_id: i64,
    pub redirect_uri: String,
    pub scope: String,
    pub code_challenge: String,
    pub expires_at_ms: i64,
    pub used: bool,
}

/// Stores a new authorization code; returns the code to hand to the client.
pub(crate) fn insert_code(connection: &Connection, grant: &CodeRow) -> rusqlite::Result<String> {
    let code = random_token(SECRET_LENGTH);
    connection.execute(
        "INSERT INTO oauth_codes (code_digest, client_id, user_id, redirect_uri, scope, \
         code_challenge, expires_at_ms, used) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            digest_hex(&code),
            grant.client_id,
            grant.user_id,
            grant.redirect_uri,
            grant.scope,
            grant.code_challenge,
            grant.expires_at_ms,
            grant.used
        ],
    )?;
    Ok(code)
}

pub(crate) fn code(connection: &Connection, code: &str) -> rusqlite::Result<Option<CodeRow>> {
    connection
        .query_row(
            "SELECT client_id, user_id, redirect_uri, scope, code_challenge, expires_at_ms, used \
             FROM oauth_codes WHERE code_digest = ?1",
            [digest_hex(code)],
            |row| {
                Ok(CodeRow {
                    client_id: row.get(0)?,
                    user_id: row.get(1)?,
                    redirect_uri: row.get(2)?,
                    scope: row.get(3)?,
                    code_challenge: row.get(4)?,
                    expires_at_ms: row.get(5)?,
                    used: row.get(6)?,
                })
            },
        )
        .optional()
}

pub(crate) fn mark_code_used(connection: &Connection, code: &str) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE oauth_codes SET used = 1 WHERE code_digest = ?1",
        [digest_hex(code)],
    )?;
    Ok(())
}

/// An access/refresh token pair as stored (secrets only as their shown prefixes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenRow {
    pub id: i64,
    pub client_id: String,
    pub user_id: i64,
    pub scope: String,
    pub access_prefix: String,
    pub refresh_prefix: String,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
    pub refresh_expires_at_ms: i64,
    pub used_at_ms: Option<i64>,
    pub revoked: bool,
}

const TOKEN_COLUMNS: &str = "id, client_id, user_id, scope, access_prefix, refresh_prefix, \
     created_at_ms, expires_at_ms, refresh_expires_at_ms, used_at_ms, revoked";

fn token_from_row(row: &Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        id: row.get(0)?,
        client_id: row.get(1)?,
        user_id: row.get(2)?,
        scope: row.get(3)?,
        access_prefix: row.get(4)?,
        refresh_prefix: row.get(5)?,
        created_at_ms: row.get(6)?,
        expires_at_ms: row.get(7)?,
        refresh_expires_at_ms: row.get(8)?,
        used_at_ms: row.get(9)?,
        revoked: row.get(10)?,
    })
}

/// A freshly issued pair: the only moment the secrets exist in clear.
pub(crate) struct IssuedTokens {
    pub row: TokenRow,
    pub access_token: String,
    pub refresh_token: String,
}

/// How long a new pair lives, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lifetimes {
    pub access_ms: i64,
    pub refresh_ms: i64,
}

pub(crate) fn issue(
    connection: &Connection,
    client_id: &str,
    user_id: i64,
    scope: &str,
    lifetimes: Lifetimes,
    now_ms: i64,
) -> rusqlite::Result<IssuedTokens> {
    let access_token = random_token(SECRET_LENGTH);
    let refresh_token = random_token(SECRET_LENGTH);
    let row = TokenRow {
        id: next_id(connection, "oauth_tokens", FIRST_TOKEN_ID)?,
        client_id: client_id.to_owned(),
        user_id,
        scope: scope.to_owned(),
        access_prefix: access_token[..SHOWN_PREFIX_LENGTH].to_owned(),
        refresh_prefix: refresh_token[..SHOWN_PREFIX_LENGTH].to_owned(),
        created_at_ms: now_ms,
        expires_at_ms: now_ms.saturating_add(lifetimes.access_ms),
        refresh_expires_at_ms: now_ms.saturating_add(lifetimes.refresh_ms),
        used_at_ms: None,
        revoked: false,
    };
    connection.execute(
        "INSERT INTO oauth_tokens (id, client_id, user_id, scope, access_digest, access_prefix, \
         refresh_digest, refresh_prefix, created_at_ms, expires_at_ms, refresh_expires_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            row.id,
            row.client_id,
            row.user_id,
            row.scope,
            digest_hex(&access_token),
            row.access_prefix,
            digest_hex(&refresh_token),
            row.refresh_prefix,
            row.created_at_ms,
            row.expires_at_ms,
            row.refresh_expires_at_ms
        ],
    )?;
    Ok(IssuedTokens {
        row,
        access_token,
        refresh_token,
    })
}

fn by_digest(
    connection: &Connection,
    column: &str,
    secret: &str,
) -> rusqlite::Result<Option<TokenRow>> {
    connection
        .query_row(
            &format!("SELECT {TOKEN_COLUMNS} FROM oauth_tokens WHERE {column} = ?1"),
            [digest_hex(secret)],
            token_from_row,
        )
        .optional()
}

pub(crate) fn by_access_token(
    connection: &Connection,
    token: &str,
) -> rusqlite::Result<Option<TokenRow>> {
    by_digest(connection, "access_digest", token)
}

pub(crate) fn by_refresh_token(
    connection: &Connection,
    token: &str,
) -> rusqlite::Result<Option<TokenRow>> {
    by_digest(connection, "refresh_digest", token)
}

/// Ends both halves of a pair.
pub(crate) fn revoke(connection: &Connection, id: i64) -> rusqlite::Result<()> {
    connection.execute("UPDATE oauth_tokens SET revoked = 1 WHERE id = ?1", [id])?;
    Ok(())
}

pub(crate) fn mark_used(connection: &Connection, id: i64, now_ms: i64) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE oauth_tokens SET used_at_ms = ?2 WHERE id = ?1",
        [id, now_ms],
    )?;
    Ok(())
}
