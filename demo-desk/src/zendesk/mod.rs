//! The Zendesk side: `/api/v2/...`, as an end user sees it.

pub(crate) mod auth;
mod comments;
pub(crate) mod context;
mod create_request;
pub(crate) mod error;
pub(crate) mod headers;
pub(crate) mod help_center;
mod input;
mod oauth_tokens;
mod paging;
pub(crate) mod rate_limit;
pub(crate) mod render;
mod requests;
mod update_request;
mod uploads;
mod users;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{delete, get, post};
use axum::Router;
use std::sync::Arc;

use crate::desk::Desk;
use error::ApiError;

/// The routes under `/api/v2` (paths arrive without `.json`; the server strips it).
pub(crate) fn router(desk: Arc<Desk>) -> Router<Arc<Desk>> {
    Router::new()
        .route("/users/me", get(users::me))
        .route(
            "/requests",
            get(requests::list_requests).post(create_request::create_request),
        )
        .route("/requests/open", get(requests::list_open_requests))
        .route("/requests/solved", get(requests::list_solved_requests))
        .route("/requests/ccd", get(requests::list_ccd_requests))
        .route("/requests/search", get(requests::search_requests))
        .route(
            "/requests/{id}",
            get(requests::show_request).put(update_request::update_request),
        )
        .route("/requests/{id}/comments", get(comments::list_comments))
        .route(
            "/requests/{id}/comments/{comment_id}",
            get(comments::show_comment),
        )
        .route("/uploads", post(uploads::create_upload))
        .route("/uploads/{token}", delete(uploads::delete_upload))
        .route("/attachments/{id}", get(uploads::show_attachment))
        .route("/oauth/tokens/current", get(oauth_tokens::current_token))
        .nest("/help_center", help_center::router())
        .fallback(|| async { ApiError::InvalidEndpoint })
        // Innermost first: the ETag sees the handler's body; the budget counts every call,
        // 304s included; the version and request id go on everything, 429s included.
        .layer(from_fn(headers::conditional_get))
        .layer(from_fn_with_state(desk, rate_limit::limit_rate))
        .layer(from_fn(headers::zendesk_headers))
}
