//! What a ticket screen shows: [`TicketDetail`], built from the stored ticket with the kind read
//! through the provider profile and every comment's HTML sanitised on the way out.

use serde::Serialize;
use specta::Type;

use crate::helpdesk::{CommentId, UserId};
use crate::html::sanitize_comment_html;
use crate::outgoing::OutboxItem;
use crate::store::{AttachmentView, StoredComment, StoredTicket, TicketSummary};
use crate::ticket_form::{TicketFields, TicketKind};

/// A ticket with its conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketDetail {
    pub summary: TicketSummary,
    pub description: String,
    /// `low`, `normal`, `high` or `urgent`, when the desk set one.
    pub priority: Option<String>,
    /// What kind of ticket it is, as the provider profile reads it.
    pub kind: Option<TicketKind>,
    /// Oldest first.
    pub comments: Vec<CommentView>,
    /// What the user wrote here that is not on the desk yet, oldest first.
    pub outgoing: Vec<OutboxItem>,
}

/// A comment as shown: its text, and its HTML made inert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommentView {
    #[specta(type = specta_typescript::Number)]
    pub id: CommentId,
    #[specta(type = specta_typescript::Number)]
    pub author_id: UserId,
    pub author_name: Option<String>,
    pub by_agent: bool,
    pub mine: bool,
    pub body: String,
    /// Inert HTML, from [`sanitize_comment_html`]; `None` when the desk sent only text.
    pub html: Option<String>,
    pub created_at: String,
    pub attachments: Vec<AttachmentView>,
}

impl TicketDetail {
    /// The screen's view of `stored`, its kind read through `profile`.
    pub fn from_stored(stored: StoredTicket, profile: &TicketFields) -> Self {
        let kind = profile.kind_of(stored.zendesk_type.as_deref(), &stored.custom_fields);
        Self {
            summary: stored.summary,
            description: stored.description,
            priority: stored.priority,
            kind,
            comments: stored.comments.into_iter().map(CommentView::from).collect(),
            outgoing: stored.outgoing,
        }
    }
}

impl From<StoredComment> for CommentView {
    fn from(stored: StoredComment) -> Self {
        Self {
            id: stored.id,
            author_id: stored.author_id,
            author_name: stored.author_name,
            by_agent: stored.by_agent,
            mine: stored.mine,
            body: stored.body,
            html: stored.html_body.as_deref().map(sanitize_comment_html),
            created_at: stored.created_at,
            attachments: stored.attachments,
        }
    }
}
