//! `POST /api/v2/requests`, with `Idempotency-Key` support.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use rusqlite::Connection;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;

use super::auth::SignedIn;
use super::context::RequestContext;
use super::error::{json_response, ApiError, FieldProblem};
use super::input::{new_request_from, parse_json_body, NewRequestInput};
use super::render::{request_json, request_url};
use super::requests::collaborator_ids;
use super::uploads::refused_uploads;
use crate::auto_reply::looks_french;
use crate::clock::now_millis;
use crate::desk::Desk;
use crate::model::RequestStatus;
use crate::store::attachments;
use crate::store::comments::{self, NewComment};
use crate::store::idempotency::{self, StoredResponse};
use crate::store::next_id;
use crate::store::requests::{self, RequestRow, FIRST_REQUEST_ID};
use crate::store::users::UserRow;
use crate::DemoError;

const MAX_IDEMPOTENCY_KEY_LENGTH: usize = 255;

enum Creation {
    Created(StoredResponse),
    Replayed(StoredResponse),
    KeyReusedWithAnotherBody,
}

pub(crate) async fn create_request(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let json = parse_json_body(&body)?;
    let idempotency_key = match headers.get("idempotency-key") {
        None => None,
        Some(value) => {
            let key = value
                .to_str()
                .ok()
                .map(str::trim)
                .filter(|key| !key.is_empty() && key.len() <= MAX_IDEMPOTENCY_KEY_LENGTH)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "IdempotentRequestError",
                        "Idempotency-Key must be 1 to 255 visible characters",
                    )
                })?;
            Some((key.to_owned(), digest_of(&json)))
        }
    };
    let input = new_request_from(&json)?;
    let french = looks_french(&format!("{} {}", input.subject, input.comment.body));
    let base_url = context.base_url.clone();
    let uses_key = idempotency_key.is_some();
    let creation = desk
        .store
        .run(move |connection| {
            create_in_store(
                connection,
                &user,
                input,
                idempotency_key,
                &base_url,
                now_millis(),
            )
        })
        .await??;

    let (stored, lookup) = match creation {
        Creation::Created(stored) => {
            desk.schedule_auto_reply(stored.request_id, french);
            (stored, "miss")
        }
        Creation::Replayed(stored) => (stored, "hit"),
        Creation::KeyReusedWithAnotherBody => {
            return Err(ApiError::bad_request(
                "IdempotentRequestError",
                "Request parameters don't match the given idempotency key",
            ))
        }
    };
    let body: Value = serde_json::from_str(&stored.response_body)
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    let mut response = json_response(StatusCode::CREATED, &body);
    if let Ok(location) = HeaderValue::from_str(&stored.location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    if uses_key {
        response
            .headers_mut()
            .insert("x-idempotency-lookup", HeaderValue::from_static(lookup));
    }
    Ok(response)
}

/// A digest of the body that ignores key order and whitespace.
fn digest_of(json: &Value) -> String {
    let mut canonical = String::new();
    write_canonical(json, &mut canonical);
    Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Writes objects with sorted keys whatever the map type's own order is.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<(&String, &Value)> = object.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (index, (key, value)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                write_canonical(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}
fn create_in_store(
    connection: &mut Connection,
    requester: &UserRow,
    input: NewRequestInput,
    idempotency_key: Option<(String, String)>,
    base_url: &str,
    now_ms: i64,
) -> Result<Result<Creation, ApiError>, DemoError> {
    let now = now_ms.div_euclid(1000);
    let transaction = connection.transaction()?;
    let scope = requester.id.to_string();
    if let Some((key, digest)) = &idempotency_key {
        if let Some(stored) = idempotency::lookup(&transaction, &scope, key, now)? {
            transaction.commit()?;
            return Ok(Ok(if &stored.body_digest == digest {
                Creation::Replayed(stored)
            } else {
                Creation::KeyReusedWithAnotherBody
            }));
        }
    }
    if let Some(source_id) = input.followup_source_id {
        let source = requests::by_id(&transaction, source_id)?;
        let acceptable = source.is_some_and(|source| {
            source.is_visible_to(requester.id) && source.status == RequestStatus::Closed
        });
        if !acceptable {
            return Ok(Err(ApiError::RecordInvalid(vec![FieldProblem::invalid(
                "via_followup_source_id",
                "Follow-up source",
                &source_id.to_string(),
            )])));
        }
    }
    let collaborator_ids = collaborator_ids(&transaction, &input.collaborators, requester.id, now)?;
    let id = next_id(&transaction, "requests", FIRST_REQUEST_ID)?;
    requests::insert(
        &transaction,
        &RequestRow {
            id,
            subject: input.subject,
            description: input.comment.body.clone(),
            status: RequestStatus::New,
            priority: input.priority,
            kind: input.kind,
            due_at: input.due_at,
            requester_id: requester.id,
            assignee_id: None,
            group_id: None,
            organization_id: requester.organization_id,
            via_channel: "api".into(),
            recipient: input.recipient,
            followup_source_id: input.followup_source_id,
            ticket_form_id: input.ticket_form_id,
            custom_fields: input.custom_fields,
            collaborator_ids,
            created_at: now,
            updated_at: now,
        },
    )?;
    let comment = comments::append(
        &transaction,
        id,
        &NewComment {
            author_id: requester.id,
            body: input.comment.body,
            html_body: input.comment.html_body,
            public: true,
            via_channel: "api".into(),
            created_at: now,
        },
    )?;
    // Dropping the transaction on a refusal rolls the request back too.
    if let Err(refused) = attachments::attach_uploads(
        &transaction,
        &input.comment.uploads,
        requester.id,
        comment.id,
        now_ms,
    )? {
        return Ok(Err(refused_uploads(refused)));
    }
    let request = requests::by_id(&transaction, id)?.ok_or(DemoError::not_found("request", id))?;
    let stored = StoredResponse {
        body_digest: idempotency_key
            .as_ref()
            .map(|(_, digest)| digest.clone())
            .unwrap_or_default(),
        response_body: json!({"request": request_json(base_url, &request)}).to_string(),
        location: request_url(base_url, id),
        request_id: id,
    };
    if let Some((key, _)) = &idempotency_key {
        idempotency::remember(&transaction, &scope, key, &stored, now)?;
    }
    transaction.commit()?;
    Ok(Ok(Creation::Created(stored)))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idempotency_digest_ignores_key_order_and_spacing() {
        let a: Value =
            serde_json::from_str(r#"{"request":{"subject":"x","comment":{"body":"y"}}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{ "request" : { "comment": {"body":"y"}, "subject":"x" } }"#)
                .unwrap();
        let c: Value =
            serde_json::from_str(r#"{"request":{"subject":"z","comment":{"body":"y"}}}"#).unwrap();
        assert_eq!(digest_of(&a), digest_of(&b));
        assert_ne!(digest_of(&a), digest_of(&c));
    }
}
