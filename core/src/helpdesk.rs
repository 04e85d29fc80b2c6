//! The help desk as Helpline sees it: a [`Helpdesk`] trait with honest [`Capabilities`], the
//! typed models it speaks ([`Request`], [`Comment`], [`User`], [`RequestStatus`], …) and its
//! error, [`HelpdeskError`].
//!
//! Zendesk ([`ZendeskClient`](crate::ZendeskClient)) is the first backend; the models
//! deserialise Zendesk's JSON directly and ignore fields they do not use. The sync engine and
//! the outbox only ever talk to a `dyn Helpdesk`, so a backend without, say, uploads says so in
//! its capabilities and the UI hides the button.

mod error;
mod model;
mod pages;
mod traffic;

use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;
use specta::Type;

pub use error::HelpdeskError;
pub use model::{
    Attachment, Comment, CommentId, CustomFieldValue, NewRequest, PageCursor, Person, Request,
    RequestId, RequestPage, RequestStatus, Thread, User, UserId,
};
pub(crate) use pages::PageBudget;
pub use pages::MAX_LIST_PAGES;
pub use traffic::{RateBudget, Traffic};

/// Names a file sent with [`Helpdesk::upload`] until a comment claims it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadToken(pub String);

/// What a backend can do, so the UI shows only what works. Honest: a feature the API has but
/// this client does not implement yet is `false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// The requester may mark a request solved (per request, when the desk allows it).
    pub can_solve: bool,
    /// New requests may copy other people in.
    pub can_cc: bool,
    /// A closed request can be followed up by a new one that links to it.
    pub followups: bool,
    /// Files can be attached to requests and replies.
    pub uploads: bool,
    /// The desk documents that a repeated create with the same `Idempotency-Key` is not
    /// duplicated. When `false` the key is still sent, but the outbox does not rely on it.
    pub idempotency_keys: bool,
}

/// The operations the sync engine and the outbox need from a help desk, as the signed-in end
/// user.
///
/// Reads may be retried freely by an implementation. Writes must never be retried blindly:
/// when a write may have reached the desk but its answer was lost, an implementation returns
/// [`HelpdeskError::UnknownOutcome`] and the caller reconciles before sending again.
#[async_trait]
pub trait Helpdesk: Send + Sync {
    fn capabilities(&self) -> Capabilities;

    /// The signed-in user; [`HelpdeskError::AuthExpired`] when the desk does not know the
    /// credentials.
    async fn me(&self) -> Result<User, HelpdeskError>;

    /// One page of the user's requests, most recently updated first. `None` asks for the first
    /// page; the page says where the next one is.
    async fn list_requests_page(
        &self,
        cursor: Option<&PageCursor>,
    ) -> Result<RequestPage, HelpdeskError>;

    async fn request(&self, id: RequestId) -> Result<Request, HelpdeskError>;

    /// The public comments of a request created at or after `since` (all when `None`),
    /// oldest first, with their authors.
    async fn comments_since(
        &self,
        id: RequestId,
        since: Option<Timestamp>,
    ) -> Result<Thread, HelpdeskError>;

    /// Opens a request; `uploads` are tokens from [`upload`](Helpdesk::upload), attached to its
    /// first comment.
    async fn create_request(
        &self,
        new: &NewRequest,
        uploads: &[UploadToken],
        idempotency_key: &str,
    ) -> Result<Request, HelpdeskError>;

    /// Adds a public reply from the user, with the files of `uploads`; returns the request as
    /// updated.
    async fn add_comment(
        &self,
        id: RequestId,
        body: &str,
        uploads: &[UploadToken],
        idempotency_key: Option<&str>,
    ) -> Result<Request, HelpdeskError>;

    /// Sends a file ahead of the comment that will carry it. An upload no comment claims
    /// expires on the desk, so sending one again after an interruption is harmless.
    async fn upload(
        &self,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<UploadToken, HelpdeskError>;

    /// The bytes of an attachment, from its `content_url`.
    async fn download(&self, content_url: &str) -> Result<Vec<u8>, HelpdeskError>;

    /// Marks the request solved; [`HelpdeskError::NotSolvable`] when the desk did not solve
    /// it (Zendesk ignores the request silently until an agent holds the ticket).
    async fn solve(&self, id: RequestId) -> Result<Request, HelpdeskError>;

    /// Requests sent and the desk's stated allowance, for the background schedule. A backend
    /// that cannot tell reports nothing, and the schedule keeps its own pace.
    fn traffic(&self) -> Traffic {
        Traffic::default()
    }
}
