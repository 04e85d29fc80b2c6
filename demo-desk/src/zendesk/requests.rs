//! `/api/v2/requests`: listing, showing and searching the signed-in end user's requests.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::sync::Arc;

use super::auth::SignedIn;
use super::context::RequestContext;
use super::error::{json_response, ApiError};
use super::input::CollaboratorRef;
use super::paging::{envelope, fetch, offset_paging_from, paging_from, Paging, SUPPORT_PER_PAGE};
use super::render::{request_json, sideloaded_user_json};
use crate::desk::Desk;
use crate::model::RequestStatus;
use crate::store::requests::{self, request_from_row, RequestFilter, RequestRow};
use crate::store::users::{self, UserRow};
use crate::store::Order;
use crate::DemoError;

/// Zendesk caps search at 1,000 results.
const MAX_SEARCH_RESULTS: i64 = 1000;

pub(crate) fn parse_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ApiError::NotFound)
}

/// The request if the user may see it: 404 when it does not exist, 403 when it is someone
/// else's.
pub(crate) fn visible_request(
    connection: &Connection,
    id: i64,
    user_id: i64,
) -> Result<Result<RequestRow, ApiError>, DemoError> {
    Ok(match requests::by_id(connection, id)? {
        None => Err(ApiError::NotFound),
        Some(request) if !request.is_visible_to(user_id) => Err(ApiError::Forbidden),
        Some(request) => Ok(request),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListScope {
    Requested,
    Unsolved,
    Solved,
    CopiedIn,
}

pub(crate) async fn list_requests(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, user, context, ListScope::Requested).await
}

pub(crate) async fn list_open_requests(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, user, context, ListScope::Unsolved).await
}

pub(crate) async fn list_solved_requests(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, user, context, ListScope::Solved).await
}

pub(crate) async fn list_ccd_requests(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, user, context, ListScope::CopiedIn).await
}

/// `sort_by=updated_at|created_at` (default `created_at`), `sort_order=asc|desc` (default
/// `asc`); unknown values fall back to the defaults. The name goes into cursors.
fn request_order(context: &RequestContext) -> (Order, String) {
    let column = match context.param("sort_by") {
        Some("updated_at") => "updated_at",
        _ => "created_at",
    };
    let descending = context.param("sort_order") == Some("desc");
    let name = if descending {
        format!("-{column}")
    } else {
        column.to_owned()
    };
    (Order { column, descending }, name)
}

/// `status=open,pending`: the statuses named, ignoring unknown ones (none known: no filter).
fn statuses_param(context: &RequestContext) -> Vec<RequestStatus> {
    context
        .param("status")
        .map(|list| {
            list.split(',')
                .filter_map(|status| RequestStatus::parse(status.trim()))
                .collect()
        })
        .unwrap_or_default()
}

fn unsolved_statuses() -> Vec<RequestStatus> {
    RequestStatus::ALL
        .iter()
        .copied()
        .filter(|status| status.is_unsolved())
        .collect()
}

async fn list(
    desk: Arc<Desk>,
    user: UserRow,
    context: RequestContext,
    scope: ListScope,
) -> Result<Response, ApiError> {
    let (order, order_name) = request_order(&context);
    let paging = paging_from(&context, &order_name, SUPPORT_PER_PAGE)?;
    let mut filter = RequestFilter::for_user(user.id);
    filter.statuses = match scope {
        ListScope::Unsolved => unsolved_statuses(),
        ListScope::Solved => vec![RequestStatus::Solved, RequestStatus::Closed],
        ListScope::Requested | ListScope::CopiedIn => statuses_param(&context),
    };
    filter.ccd = scope == ListScope::CopiedIn;
    respond_with_page(desk, context, filter, order, order_name, paging).await
}

async fn respond_with_page(
    desk: Arc<Desk>,
    context: RequestContext,
    filter: RequestFilter,
    order: Order,
    order_name: String,
    paging: Paging,
) -> Result<Response, ApiError> {
    let include_users = context.includes("users");
    let (fetched, people) = desk
        .store
        .run(move |connection| {
            let listing = filter.listing(order);
            let fetched = fetch(connection, &listing, &paging, request_from_row, |request| {
                request.position(order)
            })?;
            let people = if include_users {
                people_of(connection, fetched.items())?
            } else {
                vec![]
            };
            Ok((fetched, people))
        })
        .await?;
    let items = fetched
        .items()
        .iter()
        .map(|request| request_json(&context.base_url, request))
        .collect();
    let mut body = envelope(
        "requests",
        items,
        &fetched,
        &order_name,
        |request| request.position(order),
        &context,
    );
    if include_users {
        body.insert("users".into(), Value::Array(people));
    }
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}

/// The sideloaded profiles of everyone on these requests.
fn people_of(connection: &Connection, requests: &[RequestRow]) -> Result<Vec<Value>, DemoError> {
    let ids: Vec<i64> = requests
        .iter()
        .flat_map(|request| {
            std::iter::once(request.requester_id)
                .chain(request.assignee_id)
                .chain(request.collaborator_ids.iter().copied())
        })
        .collect();
    Ok(users::by_ids(connection, &ids)?
        .iter()
        .map(sideloaded_user_json)
        .collect())
}

pub(crate) async fn show_request(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let include_users = context.includes("users");
    let (request, people) = desk
        .store
        .run(move |connection| {
            let request = match visible_request(connection, id, user.id)? {
                Ok(request) => request,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let people = if include_users {
                people_of(connection, std::slice::from_ref(&request))?
            } else {
                vec![]
            };
            Ok(Ok((request, people)))
        })
        .await??;
    let mut body = Map::new();
    body.insert("request".into(), request_json(&context.base_url, &request));
    if include_users {
        body.insert("users".into(), Value::Array(people));
    }
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}
/// Resolves collaborators to user ids, creating end users for new emails and skipping
/// unknown ids and `except` (the requester).
pub(super) fn collaborator_ids(
    connection: &Connection,
    collaborators: &[CollaboratorRef],
    except: i64,
    now: i64,
) -> Result<Vec<i64>, DemoError> {
    let mut ids = Vec::new();
    for collaborator in collaborators {
        let id = match collaborator {
            CollaboratorRef::Id(id) => users::by_id(connection, *id)?.map(|user| user.id),
            CollaboratorRef::Email { email, name } => {
                Some(users::find_or_create_end_user(connection, email, name.as_deref(), now)?.id)
            }
        };
        if let Some(id) = id.filter(|id| *id != except && !ids.contains(id)) {
            ids.push(id);
        }
    }
    Ok(ids)
}
/// `GET /requests/search?query=…`: every word in the subject or description; `status:open`
/// words and `status=` filter by status, `cc_id=true` adds requests the caller is CC'd on.
/// Offset pagination only, at most 1,000 results.
pub(crate) async fn search_requests(
    State(desk): State<Arc<Desk>>,
    SignedIn(user): SignedIn,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let query = context.param("query").unwrap_or_default().to_owned();
    let mut filter = RequestFilter::for_user(user.id);
    filter.statuses = statuses_param(&context);
    filter.include_ccd = context.param("cc_id") == Some("true");
    for word in query.split_whitespace() {
        match word.strip_prefix("status:") {
            Some(status) => filter.statuses.extend(RequestStatus::parse(status)),
            None => filter.words.push(word.to_owned()),
        }
    }
    if filter.words.is_empty() && filter.statuses.is_empty() {
        return Err(ApiError::bad_request(
            "InvalidSearchParameter",
            "query is required",
        ));
    }
    let paging = offset_paging_from(&context, SUPPORT_PER_PAGE)?;
    if let Paging::Offset { page, per_page } = paging {
        if (page - 1) * per_page >= MAX_SEARCH_RESULTS {
            return Err(ApiError::Unprocessable {
                error: "InvalidPaginationParameter",
                description: format!(
                    "Search results are limited to {MAX_SEARCH_RESULTS}; narrow the query"
                ),
            });
        }
    }
    let order = Order {
        column: "updated_at",
        descending: true,
    };
    respond_with_page(desk, context, filter, order, "-updated_at".into(), paging).await
}
