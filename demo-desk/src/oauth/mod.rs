//! OAuth 2 for the demo account: the authorization code flow with PKCE (the demo approves
//! every authorization as Dana Demo) and refresh tokens that rotate.
//!
//! `GET /oauth/authorizations/new` and `POST /oauth/tokens` live here; checking bearer tokens
//! and scopes on API calls is in [`crate::zendesk::auth`].

mod authorize;
pub(crate) mod clients;
pub(crate) mod pkce;
pub(crate) mod scopes;
mod tokens;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use std::sync::Arc;

use crate::desk::Desk;
use crate::zendesk::error::json_response;
use crate::DemoError;

/// Zendesk's codes are valid for 120 seconds.
pub(crate) const CODE_LIFETIME_MS: i64 = 120_000;

/// The routes under `/oauth`.
pub(crate) fn router() -> Router<Arc<Desk>> {
    Router::new()
        .route("/authorizations/new", get(authorize::authorize))
        .route("/tokens", post(tokens::token))
}

/// An OAuth error response (RFC 6749 §5.2): `{"error", "error_description"}`.
#[derive(Debug)]
pub(crate) struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    pub(crate) fn new(error: &'static str, description: impl Into<String>) -> Self {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error,
            description: description.into(),
        }
    }

    pub(crate) fn invalid_request(description: impl Into<String>) -> Self {
        OAuthError::new("invalid_request", description)
    }

    pub(crate) fn invalid_grant(description: impl Into<String>) -> Self {
        OAuthError::new("invalid_grant", description)
    }
}

impl From<DemoError> for OAuthError {
    fn from(error: DemoError) -> Self {
        tracing::error!(%error, "demo desk OAuth failure");
        OAuthError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: error.to_string(),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut response = json_response(
            self.status,
            &json!({"error": self.error, "error_description": self.description}),
        );
        forbid_caching(&mut response);
        response
    }
}

/// Token responses must not be cached (RFC 6749 §5.1).
pub(crate) fn forbid_caching(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}
