//! `/api/v2/requests/{id}/comments`: the public conversation of a request.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};
use std::sync::Arc;

use super::auth::SignedIn;
use super::context::RequestContext;
use super::error::{json_response, ApiError};
use super::paging::{envelope, fetch, paging_from, SUPPORT_PER_PAGE};
use super::render::{comment_json, sideloaded_user_json};
use super::requests::{parse_id, visible_request};
use crate::clock::parse_time_millis;
use crate::desk::Desk;
use crate::store::attachments;
use crate::store::comments::{self, comment_from_row, CommentFilter, CommentRow};
use crate::store::users;

/// Lists public comments, oldest first unless asked otherwise. Filters: `since` (at or after
/// that time) and `role=agent|end_user`. Cursor order: `sort=created_at|-created_at`; offset
/// order: `sort_by=created_at` with `sort_order=asc|desc`.
pub(crate) async fn list_comments(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let request_id = parse_id(&id)?;
    let since = match context.param("since") {
        None => None,
        Some(text) => Some(
            parse_time_millis(text)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "InvalidValue",
                        format!("since must be an ISO 8601 time, got {text:?}"),
                    )
                })?
                .div_euclid(1000),
        ),
    };
    let by_agents = match context.param("role") {
        Some("agent") => Some(true),
        Some("end_user") => Some(false),
        _ => None,
    };
    let descending =
        context.param("sort") == Some("-created_at") || context.param("sort_order") == Some("desc");
    let order_name = if descending {
        "-created_at"
    } else {
        "created_at"
    };
    let paging = paging_from(&context, order_name, SUPPORT_PER_PAGE)?;
    let include_users = context.includes("users");
    let filter = CommentFilter {
        request_id,
        since,
        by_agents,
    };

    let (fetched, people, files) = desk
        .store
        .run(move |connection| {
            if let Err(refusal) = visible_request(connection, request_id, user.id)? {
                return Ok(Err(refusal));
            }
            let listing = filter.listing(descending);
            let fetched = fetch(
                connection,
                &listing,
                &paging,
                comment_from_row,
                CommentRow::position,
            )?;
            let ids: Vec<i64> = fetched.items().iter().map(|comment| comment.id).collect();
            let files = attachments::of_comments(connection, &ids)?;
            let people = if include_users {
                let authors: Vec<i64> = fetched
                    .items()
                    .iter()
                    .map(|comment| comment.author_id)
                    .collect();
                users::by_ids(connection, &authors)?
                    .iter()
                    .map(sideloaded_user_json)
                    .collect()
            } else {
                vec![]
            };
            Ok(Ok((fetched, people, files)))
        })
        .await??;

    let items = fetched
        .items()
        .iter()
        .map(|comment| {
            let attached = files.get(&comment.id).map_or(&[][..], Vec::as_slice);
            comment_json(&context.base_url, comment, attached)
        })
        .collect();
    let mut body = envelope(
        "comments",
        items,
        &fetched,
        order_name,
        CommentRow::position,
        &context,
    );
    if include_users {
        body.insert("users".into(), Value::Array(people));
    }
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}

pub(crate) async fn show_comment(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    Path((id, comment_id)): Path<(String, String)>,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let request_id = parse_id(&id)?;
    let comment_id = parse_id(&comment_id)?;
    let (comment, mut files) = desk
        .store
        .run(move |connection| {
            if let Err(refusal) = visible_request(connection, request_id, user.id)? {
                return Ok(Err(refusal));
            }
            let Some(comment) = comments::public_by_id(connection, request_id, comment_id)? else {
                return Ok(Err(ApiError::NotFound));
            };
            let files = attachments::of_comments(connection, &[comment.id])?;
            Ok(Ok((comment, files)))
        })
        .await??;
    let attached = files.remove(&comment.id).unwrap_or_default();
    Ok(json_response(
        StatusCode::OK,
        &json!({"comment": comment_json(&context.base_url, &comment, &attached)}),
    ))
}
