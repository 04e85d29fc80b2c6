//! What agents do to requests: reply, change status, take (assign); and bulk import.

use rusqlite::Connection;
use std::time::SystemTime;

use super::Desk;
use crate::clock::{now_seconds, system_time_millis};
use crate::comment_text::{html_from_text, text_from_html};
use crate::file_kind::media_type;
use crate::model::{Priority, RequestKind, RequestStatus};
use crate::seed::{DEMO_CUSTOMER_ID, SUPPORT_GROUP_ID};
use crate::store::attachments::{self, AttachmentRow, NewFile, Owner};
use crate::store::comments::{self, CommentRow, NewComment};
use crate::store::next_id;
use crate::store::requests::{self, RequestRow, FIRST_REQUEST_ID};
use crate::store::users::{self, UserRow};
use crate::DemoError;

/// An agent named by id or email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AgentRef {
    Id(i64),
    Email(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AgentReply {
    pub body: String,
    pub html_body: Option<String>,
    /// `None`: the assignee, or else the first agent.
    pub author: Option<AgentRef>,
    pub attachments: Vec<AttachmentFile>,
}

/// A file an agent attaches to a reply (see
/// [`DemoHandle::agent_reply_with_attachments`](crate::DemoHandle::agent_reply_with_attachments)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    pub file_name: String,
    /// `None`: guessed from the file name's extension.
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// A request to put straight into the database (see
/// [`DemoHandle::import_requests`](crate::DemoHandle::import_requests)), as if its requester
/// had written it at `created_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDraft {
    pub subject: String,
    /// The first comment, which is also the description.
    pub body: String,
    /// `None`: the demo customer.
    pub requester_id: Option<u64>,
    pub status: RequestStatus,
    pub priority: Option<Priority>,
    pub kind: Option<RequestKind>,
    /// `None`: now. Also the `updated_at`.
    pub created_at: Option<SystemTime>,
}

impl RequestDraft {
    /// A new, normal-priority question from the demo customer, written now.
    pub fn new(subject: impl Into<String>, body: impl Into<String>) -> Self {
        RequestDraft {
            subject: subject.into(),
            body: body.into(),
            requester_id: None,
            status: RequestStatus::New,
            priority: Some(Priority::Normal),
            kind: Some(RequestKind::Question),
            created_at: None,
        }
    }
}

fn request_for_agent(connection: &Connection, id: i64) -> Result<RequestRow, DemoError> {
    let request = requests::by_id(connection, id)?.ok_or(DemoError::not_found("request", id))?;
    if request.status == RequestStatus::Closed {
        return Err(DemoError::RequestClosed(id as u64));
    }
    Ok(request)
}

fn resolve_agent(
    connection: &Connection,
    agent: Option<&AgentRef>,
    fallback: Option<i64>,
) -> Result<UserRow, DemoError> {
    let user = match agent {
        Some(AgentRef::Id(id)) => users::by_id(connection, *id)?,
        Some(AgentRef::Email(email)) => users::by_email(connection, email)?,
        None => match fallback {
            Some(id) => users::by_id(connection, id)?,
            None => users::agents(connection)?.into_iter().next(),
        },
    };
    match user {
        Some(user) if user.role.is_agent() => Ok(user),
        Some(user) => Err(DemoError::invalid(format!(
            "{} ({}) is not an agent",
            user.name, user.id
        ))),
        None => Err(DemoError::invalid("no such agent")),
    }
}

impl Desk {
    /// Posts a public agent comment with its attachments; a new request becomes open.
    pub(crate) async fn agent_reply(
        &self,
        request_id: i64,
        reply: AgentReply,
    ) -> Result<(RequestRow, CommentRow, Vec<AttachmentRow>), DemoError> {
        let max_bytes = self.config.max_upload_bytes;
        let files: Vec<NewFile> = reply
            .attachments
            .iter()
            .map(|file| {
                if file.bytes.len() as u64 > max_bytes {
                    return Err(DemoError::invalid(format!(
                        "{} is larger than the {max_bytes}-byte attachment limit",
                        file.file_name
                    )));
                }
                Ok(NewFile {
                    file_name: file.file_name.clone(),
                    content_type: media_type(file.content_type.as_deref(), &file.file_name),
                    bytes: file.bytes.clone(),
                })
            })
            .collect::<Result<_, _>>()?;
        self.store
            .run(move |connection| {
                let now = now_seconds();
                let transaction = connection.transaction()?;
                let request = request_for_agent(&transaction, request_id)?;
                let author =
                    resolve_agent(&transaction, reply.author.as_ref(), request.assignee_id)?;
                let (body, html_body) = match reply.html_body {
                    Some(html) if reply.body.trim().is_empty() => (text_from_html(&html), html),
                    Some(html) => (reply.body.trim().to_owned(), html),
                    None => (reply.body.trim().to_owned(), html_from_text(&reply.body)),
                };
                if body.is_empty() {
                    return Err(DemoError::invalid("the reply needs a body or an html_body"));
                }
                let comment = comments::append(
                    &transaction,
                    request_id,
                    &NewComment {
                        author_id: author.id,
                        body,
                        html_body,
                        public: true,
                        via_channel: "web".into(),
                        created_at: now,
                    },
                )?;
                let attached = files
                    .iter()
                    .map(|file| {
                        attachments::insert_attachment(
                            &transaction,
                            file,
                            Owner::Comment(comment.id),
                            now,
                        )
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                if request.status == RequestStatus::New {
                    requests::set_status(&transaction, request_id, RequestStatus::Open, now)?;
                }
                let request = requests::by_id(&transaction, request_id)?
                    .ok_or(DemoError::not_found("request", request_id))?;
                transaction.commit()?;
                Ok((request, comment, attached))
            })
            .await
    }

    pub(crate) async fn set_request_status(
        &self,
        request_id: i64,
        status: RequestStatus,
    ) -> Result<RequestRow, DemoError> {
        if status == RequestStatus::New {
            return Err(DemoError::invalid("a request cannot go back to new"));
        }
        self.store
            .run(move |connection| {
                let transaction = connection.transaction()?;
                request_for_agent(&transaction, request_id)?;
                requests::set_status(&transaction, request_id, status, now_seconds())?;
                let request = requests::by_id(&transaction, request_id)?
                    .ok_or(DemoError::not_found("request", request_id))?;
                transaction.commit()?;
                Ok(request)
            })
            .await
    }

    /// Gives the request to an agent (the first one unless named), which lets its requester
    /// solve it; a new request becomes open.
    pub(crate) async fn assign(
        &self,
        request_id: i64,
        agent: Option<AgentRef>,
    ) -> Result<RequestRow, DemoError> {
        self.store
            .run(move |connection| {
                let now = now_seconds();
                let transaction = connection.transaction()?;
                let request = request_for_agent(&transaction, request_id)?;
                let agent = resolve_agent(&transaction, agent.as_ref(), None)?;
                requests::set_assignee(&transaction, request_id, agent.id, SUPPORT_GROUP_ID, now)?;
                if request.status == RequestStatus::New {
                    requests::set_status(&transaction, request_id, RequestStatus::Open, now)?;
                }
                let request = requests::by_id(&transaction, request_id)?
                    .ok_or(DemoError::not_found("request", request_id))?;
                transaction.commit()?;
                Ok(request)
            })
            .await
    }

    pub(crate) async fn import_requests(
        &self,
        drafts: Vec<RequestDraft>,
    ) -> Result<Vec<i64>, DemoError> {
        self.store
            .run(move |connection| {
                let now = now_seconds();
                let transaction = connection.transaction()?;
                let mut ids = Vec::with_capacity(drafts.len());
                for draft in drafts {
                    let requester_id = draft.requester_id.map_or(DEMO_CUSTOMER_ID, |id| id as i64);
                    let requester = users::by_id(&transaction, requester_id)?
                        .ok_or(DemoError::not_found("user", requester_id))?;
                    let created_at = match draft.created_at {
                        Some(time) => system_time_millis(time)?.div_euclid(1000),
                        None => now,
                    };
                    let id = next_id(&transaction, "requests", FIRST_REQUEST_ID)?;
                    requests::insert(
                        &transaction,
                        &RequestRow {
                            id,
                            subject: draft.subject,
                            description: draft.body.clone(),
                            status: draft.status,
                            priority: draft.priority,
                            kind: draft.kind,
                            due_at: None,
                            requester_id,
                            assignee_id: None,
                            group_id: None,
                            organization_id: requester.organization_id,
                            via_channel: "api".into(),
                            recipient: None,
                            followup_source_id: None,
                            ticket_form_id: None,
                            custom_fields: serde_json::Value::Array(vec![]),
                            collaborator_ids: vec![],
                            created_at,
                            updated_at: created_at,
                        },
                    )?;
                    comments::append(
                        &transaction,
                        id,
                        &NewComment {
                            author_id: requester_id,
                            html_body: html_from_text(&draft.body),
                            body: draft.body,
                            public: true,
                            via_channel: "api".into(),
                            created_at,
                        },
                    )?;
                    ids.push(id);
                }
                transaction.commit()?;
                Ok(ids)
            })
            .await
    }
}
