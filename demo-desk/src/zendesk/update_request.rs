//! `PUT /api/v2/requests/{id}`: reply, solve, add CCs.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::Connection;
use serde_json::json;
use std::sync::Arc;

use super::auth::SignedIn;
use super::context::RequestContext;
use super::error::{json_response, ApiError};
use super::input::{parse_json_body, request_update_from, RequestUpdateInput};
use super::render::request_json;
use super::requests::{collaborator_ids, parse_id, visible_request};
use super::uploads::refused_uploads;
use crate::clock::now_millis;
use crate::desk::Desk;
use crate::model::RequestStatus;
use crate::store::attachments;
use crate::store::comments::{self, NewComment};
use crate::store::requests::{self, RequestRow};
use crate::store::users::UserRow;
use crate::DemoError;

pub(crate) async fn update_request(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
    context: RequestContext,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let input = request_update_from(&parse_json_body(&body)?)?;
    let request = desk
        .store
        .run(move |connection| update_in_store(connection, &user, id, input, now_millis()))
        .await??;
    Ok(json_response(
        StatusCode::OK,
        &json!({"request": request_json(&context.base_url, &request)}),
    ))
}

fn update_in_store(
    connection: &mut Connection,
    user: &UserRow,
    id: i64,
    input: RequestUpdateInput,
    now_ms: i64,
) -> Result<Result<RequestRow, ApiError>, DemoError> {
    let now = now_ms.div_euclid(1000);
    let transaction = connection.transaction()?;
    let request = match visible_request(&transaction, id, user.id)? {
        Ok(request) => request,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if request.status == RequestStatus::Closed {
        return Ok(Err(DemoError::RequestClosed(id as u64).into()));
    }
    if let Some(comment) = input.comment {
        let appended = comments::append(
            &transaction,
            id,
            &NewComment {
                author_id: user.id,
                body: comment.body,
                html_body: comment.html_body,
                public: true,
                via_channel: "api".into(),
                created_at: now,
            },
        )?;
        if let Err(refused) = attachments::attach_uploads(
            &transaction,
            &comment.uploads,
            user.id,
            appended.id,
            now_ms,
        )? {
            return Ok(Err(refused_uploads(refused)));
        }
        // A customer's reply puts a request waiting on them, or one they thought solved,
        // back in the agents' queue.
        if matches!(
            request.status,
            RequestStatus::Pending | RequestStatus::Solved
        ) {
            requests::set_status(&transaction, id, RequestStatus::Open, now)?;
        }
    }
    if !input.additional_collaborators.is_empty() {
        let ids = collaborator_ids(
            &transaction,
            &input.additional_collaborators,
            request.requester_id,
            now,
        )?;
        requests::add_collaborators(&transaction, id, &ids)?;
        requests::touch(&transaction, id, now)?;
    }
    let current = requests::by_id(&transaction, id)?.ok_or(DemoError::not_found("request", id))?;
    // Zendesk ignores `solved` silently (200, status unchanged) when the caller may not solve.
    if input.solved && current.requester_id == user.id && current.can_be_solved_by_requester() {
        requests::set_status(&transaction, id, RequestStatus::Solved, now)?;
    }
    let updated = requests::by_id(&transaction, id)?.ok_or(DemoError::not_found("request", id))?;
    transaction.commit()?;
    Ok(Ok(updated))
}
