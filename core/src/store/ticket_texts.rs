//! The words of each ticket, for the search over the user's own tickets: what changed since the
//! search last looked, and the list rows of the tickets it found.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::tickets::{summary_from_row, with_status, SUMMARY_COLUMNS};
use super::{from_sql_id, sql_id, Store, StoreError};
use crate::helpdesk::RequestId;
use crate::TicketSummary;

/// A ticket's searchable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketText {
    pub id: RequestId,
    pub subject: String,
    /// The description and every comment, oldest first.
    pub body: String,
    /// Desk seconds of its last activity.
    pub updated_at: i64,
}

/// How far the search has read the store: tickets active at or after `updated_at`, and
/// comments above `comment_id`, are new to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextsSeen {
    pub updated_at: i64,
    pub comment_id: i64,
    /// How many tickets there were: with the two above, tells "nothing changed" in one query.
    pub tickets: i64,
}

impl Store {
    /// The tickets whose text may have changed since `seen`, and how far that reads.
    pub fn ticket_texts_since(
        &self,
        seen: TextsSeen,
    ) -> Result<(Vec<TicketText>, TextsSeen), StoreError> {
        self.read(|connection| {
            // Searched on every keystroke: when nothing changed, one cheap query and no work.
            let (newest_comment, newest_activity, tickets): (i64, i64, i64) = connection
                .query_row(
                    "SELECT (SELECT coalesce(max(id), 0) FROM comments), \
                        (SELECT coalesce(max(updated_at), 0) FROM requests), \
                        (SELECT count(*) FROM requests)",
                    [],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )?;
            if (newest_comment, newest_activity, tickets)
                == (seen.comment_id, seen.updated_at, seen.tickets)
            {
                return Ok((Vec::new(), seen));
            }
            let mut changed = connection.prepare(
                "SELECT r.id, r.subject, r.description, r.updated_at FROM requests r \
                 WHERE r.updated_at >= ?1 \
                    OR EXISTS (SELECT 1 FROM comments c WHERE c.request_id = r.id AND c.id > ?2)",
            )?;
            let rows = changed
                .query_map([seen.updated_at, seen.comment_id], |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, i64>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut comments = connection.prepare(
                "SELECT body FROM comments WHERE request_id = ?1 ORDER BY created_at, id",
            )?;
            let mut texts = Vec::with_capacity(rows.len());
            let mut next = TextsSeen {
                updated_at: seen.updated_at,
                comment_id: newest_comment.max(seen.comment_id),
                tickets,
            };
            for (id, subject, description, updated_at) in rows {
                let mut body = description;
                for comment in comments.query_map([id], |row| row.get::<_, String>(0))? {
                    let comment = comment?;
                    // The first comment is the description itself.
                    if comment.trim() != body.trim() {
                        body.push_str("\n\n");
                        body.push_str(&comment);
                    }
                }
                next.updated_at = next.updated_at.max(updated_at);
                texts.push(TicketText {
                    id: from_sql_id(id),
                    subject,
                    body,
                    updated_at,
                });
            }
            Ok((texts, next))
        })
    }

    /// The list rows of `ids`, in that order (unknown ids are left out).
    pub fn summaries(&self, ids: &[RequestId]) -> Result<Vec<TicketSummary>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.read(|connection| {
            let placeholders = vec!["?"; ids.len()].join(", ");
            let mut statement = connection.prepare(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM requests r WHERE r.id IN ({placeholders})"
            ))?;
            let params = ids.iter().map(|id| Value::Integer(sql_id(*id)));
            let rows = statement
                .query_map(params_from_iter(params), summary_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut found: Vec<TicketSummary> = rows
                .into_iter()
                .map(with_status)
                .collect::<Result<_, _>>()?;
            found.sort_by_key(|summary| ids.iter().position(|id| *id == summary.id));
            Ok(found)
        })
    }
}
