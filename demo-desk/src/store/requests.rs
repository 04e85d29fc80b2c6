//! Requests (the end user's view of tickets) and their collaborators.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Priority, RequestKind, RequestStatus};
use crate::store::{Listing, Order, Position};

/// Request ids start above 2^32, as real Zendesk ids do, so clients never squeeze them into
/// 32 bits.
pub(crate) const FIRST_REQUEST_ID: i64 = 4_294_967_400;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RequestRow {
    pub id: i64,
    pub subject: String,
    pub description: String,
    pub status: RequestStatus,
    pub priority: Option<Priority>,
    pub kind: Option<RequestKind>,
    pub due_at: Option<i64>,
    pub requester_id: i64,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub via_channel: String,
    pub recipient: Option<String>,
    pub followup_source_id: Option<i64>,
    pub ticket_form_id: Option<i64>,
    /// `[{id, value}]`, as sent.
    pub custom_fields: serde_json::Value,
    pub collaborator_ids: Vec<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl RequestRow {
    /// Zendesk lets the requester solve a request once an agent holds it, except problems
    /// (which other tickets hang off).
    pub(crate) fn can_be_solved_by_requester(&self) -> bool {
        self.assignee_id.is_some()
            && self.kind != Some(RequestKind::Problem)
            && self.status.is_unsolved()
    }

    pub(crate) fn is_visible_to(&self, user_id: i64) -> bool {
        self.requester_id == user_id || self.collaborator_ids.contains(&user_id)
    }

    pub(crate) fn position(&self, order: Order) -> Position {
        let sort_value = if order.column == "updated_at" {
            self.updated_at
        } else {
            self.created_at
        };
        Position {
            sort_value,
            id: self.id,
        }
    }
}

pub(crate) const COLUMNS: &str = "id, subject, description, status, priority, type, due_at, \
     requester_id, assignee_id, group_id, organization_id, via_channel, recipient, \
     followup_source_id, ticket_form_id, custom_fields, created_at, updated_at, \
     (SELECT group_concat(user_id) FROM request_collaborators c WHERE c.request_id = requests.id)";

pub(crate) fn request_from_row(row: &Row<'_>) -> rusqlite::Result<RequestRow> {
    let status: String = row.get(3)?;
    let priority: Option<String> = row.get(4)?;
    let kind: Option<String> = row.get(5)?;
    let custom_fields: String = row.get(15)?;
    let collaborators: Option<String> = row.get(18)?;
    let mut collaborator_ids: Vec<i64> = collaborators
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.parse().ok())
        .collect();
    collaborator_ids.sort_unstable();
    Ok(RequestRow {
        id: row.get(0)?,
        subject: row.get(1)?,
        description: row.get(2)?,
        status: RequestStatus::parse(&status).unwrap_or(RequestStatus::Open),
        priority: priority.as_deref().and_then(Priority::parse),
        kind: kind.as_deref().and_then(RequestKind::parse),
        due_at: row.get(6)?,
        requester_id: row.get(7)?,
        assignee_id: row.get(8)?,
        group_id: row.get(9)?,
        organization_id: row.get(10)?,
        via_channel: row.get(11)?,
        recipient: row.get(12)?,
        followup_source_id: row.get(13)?,
        ticket_form_id: row.get(14)?,
        custom_fields: serde_json::from_str(&custom_fields)
            .unwrap_or_else(|_| serde_json::Value::Array(vec![])),
        collaborator_ids,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
    })
}

/// Inserts the request row and its collaborators (the first comment is the caller's job).
pub(crate) fn insert(connection: &Connection, request: &RequestRow) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO requests (id, subject, description, status, priority, type, due_at, \
         requester_id, assignee_id, group_id, organization_id, via_channel, recipient, \
         followup_source_id, ticket_form_id, custom_fields, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            request.id,
            request.subject,
            request.description,
            request.status.as_str(),
            request.priority.map(Priority::as_str),
            request.kind.map(RequestKind::as_str),
            request.due_at,
            request.requester_id,
            request.assignee_id,
            request.group_id,
            request.organization_id,
            request.via_channel,
            request.recipient,
            request.followup_source_id,
            request.ticket_form_id,
            request.custom_fields.to_string(),
            request.created_at,
            request.updated_at
        ],
    )?;
    add_collaborators(connection, request.id, &request.collaborator_ids)
}

pub(crate) fn by_id(connection: &Connection, id: i64) -> rusqlite::Result<Option<RequestRow>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM requests WHERE id = ?1"),
            [id],
            request_from_row,
        )
        .optional()
}

pub(crate) fn add_collaborators(
    connection: &Connection,
    request_id: i64,
    user_ids: &[i64],
) -> rusqlite::Result<()> {
    let mut statement = connection.prepare(
        "INSERT OR IGNORE INTO request_collaborators (request_id, user_id) VALUES (?1, ?2)",
    )?;
    for user_id in user_ids {
        statement.execute([request_id, *user_id])?;
    }
    Ok(())
}

pub(crate) fn set_status(
    connection: &Connection,
    id: i64,
    status: RequestStatus,
    now: i64,
) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE requests SET status = ?2, updated_at = max(updated_at, ?3) WHERE id = ?1",
        params![id, status.as_str(), now],
    )?;
    Ok(())
}

pub(crate) fn set_assignee(
    connection: &Connection,
    id: i64,
    assignee_id: i64,
    group_id: i64,
    now: i64,
) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE requests SET assignee_id = ?2, group_id = ?3, updated_at = max(updated_at, ?4) \
         WHERE id = ?1",
        params![id, assignee_id, group_id, now],
    )?;
    Ok(())
}

pub(crate) fn touch(connection: &Connection, id: i64, now: i64) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE requests SET updated_at = max(updated_at, ?2) WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Which of a user's requests a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestFilter {
    pub user_id: i64,
    /// Requests the user is CC'd on rather than requested.
    pub ccd: bool,
    /// Also those the user is CC'd on (search's `cc_id=true`).
    pub include_ccd: bool,
    /// Empty means every status.
    pub statuses: Vec<RequestStatus>,
    /// Every word must appear in the subject or the description.
    pub words: Vec<String>,
}

impl RequestFilter {
    pub(crate) fn for_user(user_id: i64) -> Self {
        RequestFilter {
            user_id,
            ccd: false,
            include_ccd: false,
            statuses: vec![],
            words: vec![],
        }
    }

    pub(crate) fn listing(&self, order: Order) -> Listing {
        let ccd = "id IN (SELECT request_id FROM request_collaborators WHERE user_id = ?)";
        let mut filter = match (self.ccd, self.include_ccd) {
            (true, _) => ccd.to_owned(),
            (false, true) => format!("(requester_id = ? OR {ccd})"),
            (false, false) => "requester_id = ?".to_owned(),
        };
        let mut params = vec![Value::Integer(self.user_id)];
        if !self.ccd && self.include_ccd {
            params.push(Value::Integer(self.user_id));
        }
        if !self.statuses.is_empty() {
            let placeholders = vec!["?"; self.statuses.len()].join(", ");
            filter.push_str(&format!(" AND status IN ({placeholders})"));
            params.extend(
                self.statuses
                    .iter()
                    .map(|status| Value::Text(status.as_str().to_owned())),
            );
        }
        for word in &self.words {
            filter.push_str(" AND (subject LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')");
            let pattern = format!("%{}%", escape_like(word));
            params.push(Value::Text(pattern.clone()));
            params.push(Value::Text(pattern));
        }
        Listing {
            table: "requests",
            columns: COLUMNS,
            filter,
            params,
            order,
        }
    }
}

fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
