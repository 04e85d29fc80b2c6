//! Uploads (a token grouping files until a comment consumes it) and attachments (the files,
//! with their bytes).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use std::collections::HashMap;

use crate::file_kind::image_dimensions;
use crate::secret::random_token;
use crate::store::next_id;

/// Attachment ids look like Zendesk's, above 2^32.
pub(crate) const FIRST_ATTACHMENT_ID: i64 = 8_800_000_001;
/// Zendesk's upload tokens are 25 letters and digits.
const UPLOAD_TOKEN_LENGTH: usize = 25;
/// The secret part of a download URL.
const CONTENT_TOKEN_LENGTH: usize = 32;

/// An attachment without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttachmentRow {
    pub id: i64,
    pub upload_token: Option<String>,
    pub comment_id: Option<i64>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub content_token: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, upload_token, comment_id, file_name, content_type, size, width, \
                       height, content_token, created_at";

fn attachment_from_row(row: &Row<'_>) -> rusqlite::Result<AttachmentRow> {
    Ok(AttachmentRow {
        id: row.get(0)?,
        upload_token: row.get(1)?,
        comment_id: row.get(2)?,
        file_name: row.get(3)?,
        content_type: row.get(4)?,
        size: row.get(5)?,
        width: row.get(6)?,
        height: row.get(7)?,
        content_token: row.get(8)?,
        created_at: row.get(9)?,
    })
}

/// A file to store, its media type already decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewFile {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UploadRow {
    pub token: String,
    pub user_id: i64,
    pub expires_at_ms: i64,
    /// The comment that consumed the token, if one has.
    pub comment_id: Option<i64>,
}

/// Where a file goes: under an upload token, or straight onto a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner<'a> {
    Upload(&'a str),
    Comment(i64),
}

pub(crate) fn insert_attachment(
    connection: &Connection,
    file: &NewFile,
    owner: Owner<'_>,
    now: i64,
) -> rusqlite::Result<AttachmentRow> {
    let (upload_token, comment_id) = match owner {
        Owner::Upload(token) => (Some(token.to_owned()), None),
        Owner::Comment(id) => (None, Some(id)),
    };
    let dimensions = image_dimensions(&file.bytes);
    let row = AttachmentRow {
        id: next_id(connection, "attachments", FIRST_ATTACHMENT_ID)?,
        upload_token,
        comment_id,
        file_name: file.file_name.clone(),
        content_type: file.content_type.clone(),
        size: file.bytes.len() as i64,
        width: dimensions.map(|(width, _)| i64::from(width)),
        height: dimensions.map(|(_, height)| i64::from(height)),
        content_token: random_token(CONTENT_TOKEN_LENGTH),
        created_at: now,
    };
    connection.execute(
        &format!("INSERT INTO attachments ({COLUMNS}, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            row.id,
            row.upload_token,
            row.comment_id,
            row.file_name,
            row.content_type,
            row.size,
            row.width,
            row.height,
            row.content_token,
            row.created_at,
            file.bytes
        ],
    )?;
    Ok(row)
}

pub(crate) fn create_upload(
    connection: &Connection,
    user_id: i64,
    now_ms: i64,
    lifetime_ms: i64,
) -> rusqlite::Result<UploadRow> {
    let upload = UploadRow {
        token: random_token(UPLOAD_TOKEN_LENGTH),
        user_id,
        expires_at_ms: now_ms.saturating_add(lifetime_ms),
        comment_id: None,
    };
    connection.execute(
        "INSERT INTO uploads (token, user_id, created_at_ms, expires_at_ms) VALUES (?1, ?2, ?3, ?4)",
        params![upload.token, upload.user_id, now_ms, upload.expires_at_ms],
    )?;
    Ok(upload)
}

pub(crate) fn upload(connection: &Connection, token: &str) -> rusqlite::Result<Option<UploadRow>> {
    connection
        .query_row(
            "SELECT token, user_id, expires_at_ms, comment_id FROM uploads WHERE token = ?1",
            [token],
            |row| {
                Ok(UploadRow {
                    token: row.get(0)?,
                    user_id: row.get(1)?,
                    expires_at_ms: row.get(2)?,
                    comment_id: row.get(3)?,
                })
            },
        )
        .optional()
}

/// The upload `user_id` may still add files to, delete or attach: theirs, unconsumed and not
/// expired.
pub(crate) fn open_upload(
    connection: &Connection,
    token: &str,
    user_id: i64,
    now_ms: i64,
) -> rusqlite::Result<Result<UploadRow, UploadRefusal>> {
    Ok(match upload(connection, token)? {
        None => Err(UploadRefusal::Unknown),
        Some(upload) if upload.user_id != user_id => Err(UploadRefusal::Unknown),
        Some(upload) if upload.comment_id.is_some() => Err(UploadRefusal::AlreadyUsed),
        Some(upload) if upload.expires_at_ms <= now_ms => Err(UploadRefusal::Expired),
        Some(upload) => Ok(upload),
    })
}

/// Why an upload token cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UploadRefusal {
    /// Never issued, deleted, or someone else's.
    Unknown,
    AlreadyUsed,
    Expired,
}

impl UploadRefusal {
    pub(crate) fn describe(self, token: &str) -> String {
        match self {
            UploadRefusal::Unknown => format!("Uploads: {token} is not a valid upload token"),
            UploadRefusal::AlreadyUsed => {
                format!("Uploads: {token} has already been attached to a comment")
            }
            UploadRefusal::Expired => format!("Uploads: {token} has expired"),
        }
    }
}

pub(crate) fn of_upload(
    connection: &Connection,
    token: &str,
) -> rusqlite::Result<Vec<AttachmentRow>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE upload_token = ?1 ORDER BY id"
    ))?;
    let rows = statement.query_map([token], attachment_from_row)?;
    rows.collect()
}

/// The attachments of these comments, by comment id, each list in upload order.
pub(crate) fn of_comments(
    connection: &Connection,
    comment_ids: &[i64],
) -> rusqlite::Result<HashMap<i64, Vec<AttachmentRow>>> {
    let mut by_comment: HashMap<i64, Vec<AttachmentRow>> = HashMap::new();
    if comment_ids.is_empty() {
        return Ok(by_comment);
    }
    let placeholders = vec!["?"; comment_ids.len()].join(", ");
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE comment_id IN ({placeholders}) ORDER BY id"
    ))?;
    let params: Vec<Value> = comment_ids.iter().map(|id| Value::Integer(*id)).collect();
    for row in statement.query_map(params_from_iter(params.iter()), attachment_from_row)? {
        let row = row?;
        if let Some(comment_id) = row.comment_id {
            by_comment.entry(comment_id).or_default().push(row);
        }
    }
    Ok(by_comment)
}

/// Checks every token first and attaches none unless all are usable; returns each refused
/// token with the reason.
pub(crate) fn attach_uploads(
    connection: &Connection,
    tokens: &[String],
    user_id: i64,
    comment_id: i64,
    now_ms: i64,
) -> rusqlite::Result<Result<(), Vec<(String, UploadRefusal)>>> {
    let mut refused = Vec::new();
    for token in tokens {
        if let Err(refusal) = open_upload(connection, token, user_id, now_ms)? {
            refused.push((token.clone(), refusal));
        }
    }
    if !refused.is_empty() {
        return Ok(Err(refused));
    }
    for token in tokens {
        connection.execute(
            "UPDATE uploads SET comment_id = ?2 WHERE token = ?1",
            params![token, comment_id],
        )?;
        connection.execute(
            "UPDATE attachments SET comment_id = ?2 WHERE upload_token = ?1",
            params![token, comment_id],
        )?;
    }
    Ok(Ok(()))
}

pub(crate) fn delete_upload(connection: &Connection, token: &str) -> rusqlite::Result<()> {
    connection.execute("DELETE FROM attachments WHERE upload_token = ?1", [token])?;
    connection.execute("DELETE FROM uploads WHERE token = ?1", [token])?;
    Ok(())
}

/// Deletes uploads that expired unused, with their files, as Zendesk does.
pub(crate) fn forget_expired_uploads(connection: &Connection, now_ms: i64) -> rusqlite::Result<()> {
    let expired = "SELECT token FROM uploads WHERE comment_id IS NULL AND expires_at_ms <= ?1";
    connection.execute(
        &format!("DELETE FROM attachments WHERE upload_token IN ({expired})"),
        [now_ms],
    )?;
    connection.execute(
        "DELETE FROM uploads WHERE comment_id IS NULL AND expires_at_ms <= ?1",
        [now_ms],
    )?;
    Ok(())
}

/// A file to download by the secret in its URL, with its bytes. Files of uploads that
/// expired unused are gone.
pub(crate) fn content(
    connection: &Connection,
    content_token: &str,
    now_ms: i64,
) -> rusqlite::Result<Option<(AttachmentRow, Vec<u8>)>> {
    connection
        .query_row(
            &format!(
                "SELECT {COLUMNS}, content FROM attachments WHERE content_token = ?1 \
                 AND (comment_id IS NOT NULL OR upload_token IN \
                      (SELECT token FROM uploads WHERE expires_at_ms > ?2))"
            ),
            params![content_token, now_ms],
            |row| Ok((attachment_from_row(row)?, row.get(10)?)),
        )
        .optional()
}

pub(crate) fn by_id(connection: &Connection, id: i64) -> rusqlite::Result<Option<AttachmentRow>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM attachments WHERE id = ?1"),
            [id],
            attachment_from_row,
        )
        .optional()
}
