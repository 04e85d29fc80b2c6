//! Requests, comments, people and attachments: written by the sync (and the outbox), read as
//! rows — [`TicketSummary`] for the list, [`StoredTicket`] for one ticket. The ticket service
//! turns a stored ticket into what a screen shows
//! ([`TicketDetail`](crate::TicketDetail): the kind read through the provider profile, the
//! desk's HTML sanitised).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{from_sql_id, outbox, sql_id, sync_state, time_text, Store, StoreError};
use crate::helpdesk::{
    Comment, CommentId, Person, Request, RequestId, RequestStatus, User, UserId,
};
use crate::outgoing::OutboxItem;

/// Which tickets a list shows. The groups do not overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TicketFilter {
    /// Waiting on support: new, open, on hold.
    Open,
    /// Waiting on the user: pending.
    AwaitingReply,
    /// Solved or closed.
    Done,
    #[default]
    All,
}

impl TicketFilter {
    fn statuses(self) -> &'static [RequestStatus] {
        use RequestStatus::*;
        match self {
            Self::Open => &[New, Open, Hold],
            Self::AwaitingReply => &[Pending],
            Self::Done => &[Solved, Closed],
            Self::All => &RequestStatus::ALL,
        }
    }
}

/// A ticket list request from the UI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketQuery {
    pub filter: TicketFilter,
    /// Words that must all appear in the subject (case-insensitive); empty for none.
    #[serde(default)]
    pub search: String,
    #[serde(default)]
    pub limit: Option<u32>,
}

impl TicketQuery {
    pub fn new(filter: TicketFilter) -> Self {
        Self {
            filter,
            ..Self::default()
        }
    }

    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = text.into();
        self
    }
}

/// One line of the ticket list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketSummary {
    #[specta(type = specta_typescript::Number)]
    pub id: RequestId,
    pub subject: String,
    pub status: RequestStatus,
    pub created_at: String,
    /// The last activity, as the desk reports it.
    pub updated_at: String,
    /// A comment from someone else arrived since the user last opened the ticket.
    pub unread: bool,
    pub can_be_solved_by_me: bool,
    /// Replies or a solve written here and not sent yet.
    pub unsent: u32,
}

/// A ticket with its conversation, as stored: read in one go, so the thread and the unsent
/// items agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTicket {
    pub summary: TicketSummary,
    pub description: String,
    /// `low`, `normal`, `high` or `urgent`, when the desk set one.
    pub priority: Option<String>,
    /// Zendesk's `type` and the raw custom fields, from which a provider profile reads the kind.
    pub zendesk_type: Option<String>,
    pub custom_fields: Vec<serde_json::Value>,
    /// Oldest first.
    pub comments: Vec<StoredComment>,
    /// What the user wrote here that is not on the desk yet, oldest first.
    pub outgoing: Vec<OutboxItem>,
}

/// A comment as stored, with who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub id: CommentId,
    pub author_id: UserId,
    pub author_name: Option<String>,
    pub by_agent: bool,
    pub mine: bool,
    pub body: String,
    /// The desk's original HTML, from the network: never shown before it is sanitised (the
    /// store keeps the original, so a stricter policy applies to old comments too).
    pub html_body: Option<String>,
    pub created_at: String,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    #[specta(type = specta_typescript::Number)]
    pub id: u64,
    pub file_name: String,
    pub content_type: Option<String>,
    #[specta(type = Option<specta_typescript::Number>)]
    pub size: Option<u64>,
    /// Where the file is on disk, once downloaded.
    pub local_path: Option<String>,
}

/// What the sync needs to know about a request it already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalRequest {
    pub status: RequestStatus,
    pub updated_at: i64,
    /// Desk seconds when its comments were last fetched; 0 when never.
    pub comments_synced_at: i64,
    pub newest_comment_at: Option<i64>,
}

pub(crate) fn local_request(
    connection: &Connection,
    id: RequestId,
) -> Result<Option<LocalRequest>, StoreError> {
    let row = connection
        .query_row(
            "SELECT status, updated_at, comments_synced_at, \
             (SELECT max(created_at) FROM comments WHERE request_id = r.id) \
             FROM requests r WHERE id = ?1",
            [sql_id(id)],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                ))
            },
        )
        .optional()?;
    row.map(
        |(status, updated_at, comments_synced_at, newest_comment_at)| {
            Ok(LocalRequest {
                status: parse_status(&status)?,
                updated_at,
                comments_synced_at,
                newest_comment_at,
            })
        },
    )
    .transpose()
}

/// Inserts or refreshes a request. An older copy never overwrites a newer one (a slow sync
/// racing the outbox). `comments_synced_at` is kept unless given.
pub(crate) fn upsert_request(
    connection: &Connection,
    request: &Request,
    comments_synced_at: Option<i64>,
) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO requests (id, subject, description, status, priority, requester_id, \
         assignee_id, can_be_solved_by_me, created_at, updated_at, comments_synced_at, \
         zendesk_type, custom_fields) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?11, 0), ?12, ?13) \
         ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, \
         description = excluded.description, status = excluded.status, \
         priority = excluded.priority, assignee_id = excluded.assignee_id, \
         zendesk_type = excluded.zendesk_type, custom_fields = excluded.custom_fields, \
         can_be_solved_by_me = excluded.can_be_solved_by_me, \
         updated_at = excluded.updated_at, \
         comments_synced_at = coalesce(?11, comments_synced_at) \
         WHERE excluded.updated_at >= requests.updated_at",
        params![
            sql_id(request.id),
            request.subject,
            request.description,
            request.status.as_str(),
            request.priority,
            sql_id(request.requester_id),
            request.assignee_id.map(sql_id),
            request.can_be_solved_by_me,
            request.created_at.as_second(),
            request.updated_at.as_second(),
            comments_synced_at,
            request.zendesk_type,
            serde_json::Value::Array(request.custom_fields.clone()).to_string(),
        ],
    )?;
    Ok(())
}

/// Stores a comment and its attachments' metadata; `true` when it was not known yet.
pub(crate) fn insert_comment(
    connection: &Connection,
    request_id: RequestId,
    comment: &Comment,
) -> Result<bool, StoreError> {
    let inserted = connection.execute(
        "INSERT OR IGNORE INTO comments (id, request_id, author_id, body, html_body, public, \
         created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            sql_id(comment.id),
            sql_id(request_id),
            sql_id(comment.author_id),
            comment.body,
            comment.html_body,
            comment.public,
            comment.created_at.as_second(),
        ],
    )? == 1;
    if inserted {
        // Unread marks compare this with the newest comment the user has seen. Before the
        // user is known every comment counts as someone else's, as `me_or_nobody` reads it.
        connection.execute(
            "UPDATE requests SET newest_foreign_comment_id = max(newest_foreign_comment_id, ?2) \
             WHERE id = ?1 AND ?3 IS NOT (SELECT value FROM sync_state WHERE key = 'me')",
            params![
                sql_id(request_id),
                sql_id(comment.id),
                sql_id(comment.author_id)
            ],
        )?;
    }
    for attachment in &comment.attachments {
        connection.execute(
            "INSERT OR IGNORE INTO attachments (id, comment_id, file_name, content_type, size, \
             content_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                sql_id(attachment.id),
                sql_id(comment.id),
                attachment.file_name,
                attachment.content_type,
                attachment.size.map(sql_id),
                attachment.content_url,
            ],
        )?;
    }
    Ok(inserted)
}

pub(crate) fn upsert_person(connection: &Connection, person: &Person) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO users (id, name, is_agent) VALUES (?1, ?2, ?3) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, is_agent = excluded.is_agent",
        params![sql_id(person.id), person.name, person.agent],
    )?;
    Ok(())
}

pub(crate) fn upsert_user(connection: &Connection, user: &User) -> Result<(), StoreError> {
    let is_agent = matches!(user.role.as_str(), "agent" | "admin");
    connection.execute(
        "INSERT INTO users (id, name, is_agent, email) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, is_agent = excluded.is_agent, \
         email = excluded.email",
        params![sql_id(user.id), user.name, is_agent, user.email],
    )?;
    Ok(())
}

/// Whether a user is known to be an agent: `None` when the store has never seen them.
pub(crate) fn is_agent(connection: &Connection, id: UserId) -> Result<Option<bool>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT is_agent FROM users WHERE id = ?1",
            [sql_id(id)],
            |row| row.get(0),
        )
        .optional()?)
}

pub(crate) fn newest_comment_id(
    connection: &Connection,
    request_id: RequestId,
) -> Result<Option<CommentId>, StoreError> {
    let newest: Option<i64> = connection.query_row(
        "SELECT max(id) FROM comments WHERE request_id = ?1",
        [sql_id(request_id)],
        |row| row.get(0),
    )?;
    Ok(newest.map(from_sql_id))
}

/// Marks every comment of the ticket as seen.
pub(crate) fn mark_read(connection: &Connection, request_id: RequestId) -> Result<(), StoreError> {
    connection.execute(
        "UPDATE requests SET last_read_comment_id = \
         coalesce((SELECT max(id) FROM comments WHERE request_id = ?1), 0) WHERE id = ?1",
        [sql_id(request_id)],
    )?;
    Ok(())
}

pub(super) const SUMMARY_COLUMNS: &str = "r.id, r.subject, r.status, r.created_at, r.updated_at, \
     r.can_be_solved_by_me, \
     r.newest_foreign_comment_id > r.last_read_comment_id, \
     (SELECT count(*) FROM outbox o WHERE o.request_id = r.id AND o.state != 'sent')";

pub(super) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<(TicketSummary, String)> {
    let status: String = row.get(2)?;
    Ok((
        TicketSummary {
            id: from_sql_id(row.get(0)?),
            subject: row.get(1)?,
            status: RequestStatus::New,
            created_at: time_text(row.get(3)?),
            updated_at: time_text(row.get(4)?),
            can_be_solved_by_me: row.get(5)?,
            unread: row.get(6)?,
            unsent: row.get(7)?,
        },
        status,
    ))
}

pub(super) fn with_status(
    (mut summary, status): (TicketSummary, String),
) -> Result<TicketSummary, StoreError> {
    summary.status = parse_status(&status)?;
    Ok(summary)
}

fn parse_status(text: &str) -> Result<RequestStatus, StoreError> {
    RequestStatus::parse(text).ok_or_else(|| StoreError::Unreadable(format!("status {text:?}")))
}

/// `%word%` with LIKE's wildcards taken literally.
fn like_pattern(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The user id comparisons use; -1 (nobody) before the first sync.
fn me_or_nobody(connection: &Connection) -> Result<i64, StoreError> {
    Ok(sync_state::my_id(connection)?.map(sql_id).unwrap_or(-1))
}

/// A comment's plain text, when the store has it.
pub(crate) fn comment_text(
    connection: &Connection,
    id: CommentId,
) -> Result<Option<String>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT body FROM comments WHERE id = ?1",
            [sql_id(id)],
            |row| row.get(0),
        )
        .optional()?)
}

/// A request's subject, when the store has it.
pub(crate) fn subject(
    connection: &Connection,
    id: RequestId,
) -> Result<Option<String>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT subject FROM requests WHERE id = ?1",
            [sql_id(id)],
            |row| row.get(0),
        )
        .optional()?)
}

impl Store {
    /// The tickets matching `query`, newest activity first.
    pub fn tickets(&self, query: &TicketQuery) -> Result<Vec<TicketSummary>, StoreError> {
        self.read(|connection| {
            let mut params = Vec::new();
            let statuses = query.filter.statuses();
            let placeholders = vec!["?"; statuses.len()].join(", ");
            params.extend(statuses.iter().map(|s| Value::Text(s.as_str().to_owned())));
            let mut sql = format!(
                "SELECT {SUMMARY_COLUMNS} FROM requests r WHERE r.status IN ({placeholders})"
            );
            for word in query.search.split_whitespace() {
                sql.push_str(" AND r.subject LIKE ? ESCAPE '\\'");
                params.push(Value::Text(like_pattern(word)));
            }
            sql.push_str(" ORDER BY r.updated_at DESC, r.id DESC LIMIT ?");
            params.push(Value::Integer(query.limit.map_or(-1, i64::from)));
            let mut statement = connection.prepare(&sql)?;
            let rows = statement
                .query_map(params_from_iter(params), summary_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter().map(with_status).collect()
        })
    }

    /// One ticket with its comments (oldest first) and unsent items; `None` when unknown.
    pub fn ticket(&self, id: RequestId) -> Result<Option<StoredTicket>, StoreError> {
        self.read(|connection| {
            let me = me_or_nobody(connection)?;
            let Some(summary) = connection
                .query_row(
                    &format!("SELECT {SUMMARY_COLUMNS} FROM requests r WHERE r.id = ?1"),
                    [sql_id(id)],
                    summary_from_row,
                )
                .optional()?
            else {
                return Ok(None);
            };
            let (description, priority, zendesk_type, custom_fields): (
                String,
                Option<String>,
                Option<String>,
                String,
            ) = connection.query_row(
                "SELECT description, priority, zendesk_type, custom_fields \
                 FROM requests WHERE id = ?1",
                [sql_id(id)],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )?;
            Ok(Some(StoredTicket {
                summary: with_status(summary)?,
                description,
                priority,
                zendesk_type,
                custom_fields: serde_json::from_str(&custom_fields).unwrap_or_default(),
                comments: comments_of(connection, id, me)?,
                outgoing: outbox::unsent_for_request(connection, id)?,
            }))
        })
    }

    /// How many tickets have a comment from someone else that the user has not opened yet.
    pub fn unread_count(&self) -> Result<u32, StoreError> {
        self.read(|connection| {
            Ok(connection.query_row(
                "SELECT count(*) FROM requests \
                 WHERE newest_foreign_comment_id > last_read_comment_id",
                [],
                |row| row.get(0),
            )?)
        })
    }

    /// Records that the user has seen every comment of the ticket (clears its unread mark).
    pub fn mark_read(&self, id: RequestId) -> Result<(), StoreError> {
        self.write(|transaction| mark_read(transaction, id))
    }
}

fn comments_of(
    connection: &Connection,
    request_id: RequestId,
    me: i64,
) -> Result<Vec<StoredComment>, StoreError> {
    let mut attachments = connection.prepare(
        "SELECT a.comment_id, a.id, a.file_name, a.content_type, a.size, a.local_path \
         FROM attachments a JOIN comments c ON c.id = a.comment_id \
         WHERE c.request_id = ?1 ORDER BY a.id",
    )?;
    let attachments = attachments
        .query_map([sql_id(request_id)], |row| {
            Ok((
                from_sql_id(row.get(0)?),
                AttachmentView {
                    id: from_sql_id(row.get(1)?),
                    file_name: row.get(2)?,
                    content_type: row.get(3)?,
                    size: row.get::<_, Option<i64>>(4)?.map(from_sql_id),
                    local_path: row.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<(CommentId, AttachmentView)>>>()?;
    let mut comments = connection.prepare(
        "SELECT c.id, c.author_id, u.name, \
         coalesce(u.is_agent, c.author_id != ?2), c.body, c.created_at, c.html_body \
         FROM comments c LEFT JOIN users u ON u.id = c.author_id \
         WHERE c.request_id = ?1 ORDER BY c.created_at, c.id",
    )?;
    let comments = comments
        .query_map(params![sql_id(request_id), me], |row| {
            let id = from_sql_id(row.get(0)?);
            let author: i64 = row.get(1)?;
            Ok(StoredComment {
                id,
                author_id: from_sql_id(author),
                author_name: row.get(2)?,
                by_agent: row.get(3)?,
                mine: author == me,
                body: row.get(4)?,
                html_body: row.get(6)?,
                created_at: time_text(row.get(5)?),
                attachments: attachments
                    .iter()
                    .filter(|(comment, _)| *comment == id)
                    .map(|(_, attachment)| attachment.clone())
                    .collect(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(comments)
}
