//! `POST /api/v2/uploads` (raw bytes, one file per call, grouped under a token) and
//! `DELETE /api/v2/uploads/{token}`; attaching happens when a comment names the token.

use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::Arc;

use super::auth::SignedIn;
use super::context::RequestContext;
use super::error::{json_response, ApiError, FieldProblem};
use super::render::{attachment_json, attachment_url};
use super::requests::parse_id;
use crate::clock::{now_millis, zendesk_time};
use crate::desk::Desk;
use crate::file_kind::media_type;
use crate::store::attachments::{self, NewFile, Owner, UploadRefusal};

pub(crate) async fn create_upload(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let file_name = context
        .param("filename")
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .ok_or_else(|| ApiError::bad_request("InvalidValue", "the filename parameter is required"))?
        .to_owned();
    let max_bytes = desk.config.max_upload_bytes;
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    // Refuse before reading when the client says how much is coming.
    if declared_length.is_some_and(|length| length > max_bytes) {
        return Err(ApiError::TooLarge { max_bytes });
    }
    let limit = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::TooLarge { max_bytes })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let file = NewFile {
        content_type: media_type(content_type, &file_name),
        file_name,
        bytes: bytes.to_vec(),
    };
    let existing_token = context.param("token").map(str::to_owned);
    let lifetime_ms =
        i64::try_from(desk.config.upload_token_lifetime.as_millis()).unwrap_or(i64::MAX);

    let (upload, added, all) = desk
        .store
        .run(move |connection| {
            let now_ms = now_millis();
            let transaction = connection.transaction()?;
            attachments::forget_expired_uploads(&transaction, now_ms)?;
            let upload = match existing_token {
                None => attachments::create_upload(&transaction, user.id, now_ms, lifetime_ms)?,
                Some(token) => {
                    match attachments::open_upload(&transaction, &token, user.id, now_ms)? {
                        Ok(upload) => upload,
                        Err(refusal) => {
                            return Ok(Err(ApiError::RecordInvalid(vec![FieldProblem {
                                field: "token",
                                description: refusal.describe(&token),
                                error: "InvalidValue",
                            }])))
                        }
                    }
                }
            };
            let added = attachments::insert_attachment(
                &transaction,
                &file,
                Owner::Upload(&upload.token),
                now_ms.div_euclid(1000),
            )?;
            let all = attachments::of_upload(&transaction, &upload.token)?;
            transaction.commit()?;
            Ok(Ok((upload, added, all)))
        })
        .await??;

    let base_url = &context.base_url;
    let body = json!({
        "upload": {
            "token": upload.token,
            "expires_at": zendesk_time(upload.expires_at_ms.div_euclid(1000)),
            "attachment": attachment_json(base_url, &added),
            "attachments": all
                .iter()
                .map(|attachment| attachment_json(base_url, attachment))
                .collect::<Vec<Value>>(),
        }
    });
    let mut response = json_response(StatusCode::CREATED, &body);
    if let Ok(location) = HeaderValue::from_str(&attachment_url(base_url, added.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Deletes an unused upload and its files; 404 for tokens that are unknown, someone else's,
/// already attached or expired.
pub(crate) async fn delete_upload(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let deleted = desk
        .store
        .run(move |connection| {
            let transaction = connection.transaction()?;
            let open = attachments::open_upload(&transaction, &token, user.id, now_millis())?;
            if open.is_ok() {
                attachments::delete_upload(&transaction, &token)?;
            }
            transaction.commit()?;
            Ok(open.is_ok())
        })
        .await?;
    if deleted {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(ApiError::NotFound)
    }
}

/// `GET /api/v2/attachments/{id}` is for agents only; end users see attachments inside
/// comments.
pub(crate) async fn show_attachment(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    if !user.role.is_agent() {
        return Err(ApiError::Forbidden);
    }
    let attachment = desk
        .store
        .run(move |connection| Ok(attachments::by_id(connection, id)?))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(json_response(
        StatusCode::OK,
        &json!({"attachment": attachment_json(&context.base_url, &attachment)}),
    ))
}

/// The 422 for upload tokens a comment cannot use, one detail per token.
pub(crate) fn refused_uploads(refused: Vec<(String, UploadRefusal)>) -> ApiError {
    ApiError::RecordInvalid(
        refused
            .into_iter()
            .map(|(token, refusal)| FieldProblem {
                field: "uploads",
                description: refusal.describe(&token),
                error: "InvalidValue",
            })
            .collect(),
    )
}
