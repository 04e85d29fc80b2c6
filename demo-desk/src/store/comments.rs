//! Comments: the conversation of a request.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::store::{next_id, Listing, Order, Position};

/// Comment ids are larger still than request ids, as on a real account.
pub(crate) const FIRST_COMMENT_ID: i64 = 31_000_000_001;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommentRow {
    pub id: i64,
    pub request_id: i64,
    pub author_id: i64,
    pub body: String,
    pub html_body: String,
    pub public: bool,
    pub via_channel: String,
    pub created_at: i64,
}

impl CommentRow {
    pub(crate) fn position(&self) -> Position {
        Position {
            sort_value: self.created_at,
            id: self.id,
        }
    }
}

const COLUMNS: &str = "id, request_id, author_id, body, html_body, public, via_channel, created_at";

pub(crate) fn comment_from_row(row: &Row<'_>) -> rusqlite::Result<CommentRow> {
    Ok(CommentRow {
        id: row.get(0)?,
        request_id: row.get(1)?,
        author_id: row.get(2)?,
        body: row.get(3)?,
        html_body: row.get(4)?,
        public: row.get(5)?,
        via_channel: row.get(6)?,
        created_at: row.get(7)?,
    })
}

/// The text of a new comment, before it gets an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewComment {
    pub author_id: i64,
    pub body: String,
    pub html_body: String,
    pub public: bool,
    pub via_channel: String,
    pub created_at: i64,
}

/// Appends a comment and moves the request's `updated_at` to it.
pub(crate) fn append(
    connection: &Connection,
    request_id: i64,
    comment: &NewComment,
) -> rusqlite::Result<CommentRow> {
    let id = next_id(connection, "comments", FIRST_COMMENT_ID)?;
    connection.execute(
        &format!("INSERT INTO comments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            id,
            request_id,
            comment.author_id,
            comment.body,
            comment.html_body,
            comment.public,
            comment.via_channel,
            comment.created_at
        ],
    )?;
    crate::store::requests::touch(connection, request_id, comment.created_at)?;
    Ok(CommentRow {
        id,
        request_id,
        author_id: comment.author_id,
        body: comment.body.clone(),
        html_body: comment.html_body.clone(),
        public: comment.public,
        via_channel: comment.via_channel.clone(),
        created_at: comment.created_at,
    })
}

pub(crate) fn public_by_id(
    connection: &Connection,
    request_id: i64,
    comment_id: i64,
) -> rusqlite::Result<Option<CommentRow>> {
    connection
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM comments WHERE id = ?1 AND request_id = ?2 AND public = 1"
            ),
            [comment_id, request_id],
            comment_from_row,
        )
        .optional()
}

/// Which of a request's public comments a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommentFilter {
    pub request_id: i64,
    /// Only comments created at or after this second.
    pub since: Option<i64>,
    /// `Some(true)` only agents' comments, `Some(false)` only end users'.
    pub by_agents: Option<bool>,
}

impl CommentFilter {
    pub(crate) fn listing(&self, descending: bool) -> Listing {
        let mut filter = "request_id = ? AND public = 1".to_owned();
        let mut params = vec![Value::Integer(self.request_id)];
        if let Some(since) = self.since {
            filter.push_str(" AND created_at >= ?");
            params.push(Value::Integer(since));
        }
        if let Some(by_agents) = self.by_agents {
            let membership = if by_agents { "IN" } else { "NOT IN" };
            filter.push_str(&format!(
                " AND author_id {membership} (SELECT id FROM users WHERE role IN ('agent', 'admin'))"
            ));
        }
        Listing {
            table: "comments",
            columns: COLUMNS,
            filter,
            params,
            order: Order {
                column: "created_at",
                descending,
            },
        }
    }
}
