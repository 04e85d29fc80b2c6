//! The help desk's objects, shaped after Zendesk's end-user API (`request`, `comment`, `user`).
//! Field names are Zendesk's; unknown fields are ignored, and nullable text reads as empty.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use specta::Type;

/// Zendesk ids are 64-bit and exceed 2^32, but stay below 2^53 (so a JavaScript number holds
/// them exactly).
pub type RequestId = u64;
pub type CommentId = u64;
pub type UserId = u64;

/// A request's status, as Zendesk spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum RequestStatus {
    New,
    Open,
    Pending,
    Hold,
    Solved,
    Closed,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 6] = [
        Self::New,
        Self::Open,
        Self::Pending,
        Self::Hold,
        Self::Solved,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Hold => "hold",
            Self::Solved => "solved",
            Self::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// Solved and closed requests are done from the customer's point of view.
    pub fn is_done(self) -> bool {
        matches!(self, Self::Solved | Self::Closed)
    }
}

/// A request (a ticket seen by its requester).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: RequestId,
    #[serde(default, deserialize_with = "null_as_default")]
    pub subject: String,
    /// The text of the first comment.
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    pub status: RequestStatus,
    #[serde(default)]
    pub priority: Option<String>,
    pub requester_id: UserId,
    #[serde(default)]
    pub assignee_id: Option<UserId>,
    /// Zendesk sets this once an agent holds the request (and it is not a problem ticket).
    #[serde(default)]
    pub can_be_solved_by_me: bool,
    /// Zendesk's `type`: `question`, `incident`, `problem` or `task`.
    #[serde(default, rename = "type")]
    pub zendesk_type: Option<String>,
    /// `[{id, value}]` as the desk sent them; values may be text, numbers, booleans or lists.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: Vec<serde_json::Value>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A public comment on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub author_id: UserId,
    /// Plain text.
    #[serde(default, deserialize_with = "null_as_default")]
    pub body: String,
    /// HTML from the network: sanitise before showing it.
    #[serde(default)]
    pub html_body: Option<String>,
    #[serde(default = "public_by_default")]
    pub public: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub attachments: Vec<Attachment>,
    pub created_at: Timestamp,
}

/// A file attached to a comment, as metadata (the bytes are downloaded separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: u64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub file_name: String,
    #[serde(default)]
    pub content_url: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub size: Option<u64>,
}

/// Someone who wrote in a thread, as sideloaded with the comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: UserId,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Agents and admins.
    #[serde(default)]
    pub agent: bool,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: Option<String>,
    /// `end-user`, `agent` or `admin`.
    pub role: String,
    /// The account's tags and user fields: what a vendor's plan rule reads.
    #[serde(default)]
    pub facts: crate::profile::CustomerFacts,
}

/// The comments of a request and the people who wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thread {
    /// Oldest first.
    pub comments: Vec<Comment>,
    pub people: Vec<Person>,
}

/// Where the next page of a listing is; opaque to callers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageCursor(pub(crate) String);

/// One page of requests, most recently updated first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPage {
    pub requests: Vec<Request>,
    pub next: Option<PageCursor>,
    /// The desk's clock when it answered (its `Date` header), when it said. Comparing the
    /// desk's times with the desk's clock keeps the sync watermark free of local clock skew.
    pub server_time: Option<Timestamp>,
}

/// What the user typed to open a request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NewRequest {
    pub subject: String,
    pub body: String,
    /// Email addresses to copy in.
    #[serde(default)]
    pub cc_emails: Vec<String>,
    /// The closed request this one follows up.
    #[serde(default)]
    #[specta(type = Option<specta_typescript::Number>)]
    pub followup_of: Option<RequestId>,
    /// Zendesk's `type`: `question`, `incident`, `problem` or `task`.
    #[serde(default)]
    pub kind: Option<String>,
    /// `low`, `normal`, `high` or `urgent`.
    #[serde(default)]
    pub priority: Option<String>,
    /// Values for the desk's custom ticket fields, as the provider profile maps the form.
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldValue>,
}

/// One custom ticket field's value, as Zendesk's `custom_fields: [{id, value}]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CustomFieldValue {
    #[specta(type = specta_typescript::Number)]
    pub id: u64,
    pub value: String,
}

fn public_by_default() -> bool {
    true
}

/// Zendesk sends `null` for some text and list fields that are usually present.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zendesk_request_reads_with_nulls_and_unknown_fields() {
        let request: Request = serde_json::from_value(serde_json::json!({
            "id": 4_294_967_400u64, "subject": null, "description": "It breaks",
            "status": "pending", "priority": null, "requester_id": 20_000_000_001u64,
            "assignee_id": null, "can_be_solved_by_me": false, "via": {"channel": "api"},
            "created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-02T09:00:00Z"
        }))
        .unwrap();
        assert_eq!(request.subject, "");
        assert_eq!(request.status, RequestStatus::Pending);
        assert_eq!(request.updated_at.as_second(), 1_772_442_000);
    }

    #[test]
    fn statuses_round_trip_through_their_wire_spelling() {
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RequestStatus::parse("Open"), None);
    }
}
