//! `GET /api/v2/oauth/tokens/current`: the calling token's properties.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::auth::{Authenticated, Grant};
use super::context::RequestContext;
use super::error::json_response;
use crate::clock::zendesk_time;
use crate::oauth::clients::client;
use crate::oauth::scopes::Scopes;

/// The record id the demo's static token reports (OAuth tokens count up from the next one).
const DEMO_TOKEN_RECORD_ID: i64 = crate::store::oauth::FIRST_TOKEN_ID - 1;
/// Zendesk shows only the first ten characters of a token.
pub(crate) const SHOWN_PREFIX_LENGTH: usize = 10;

pub(crate) async fn current_token(caller: Authenticated, context: RequestContext) -> Response {
    let url = |id: i64| format!("{}/api/v2/oauth/tokens/{id}.json", context.base_url);
    let time = |millis: i64| Value::from(zendesk_time(millis.div_euclid(1000)));
    let token = match &caller.grant {
        Grant::OAuth(row) => json!({
            "id": row.id,
            "url": url(row.id),
            "client_id": client(&row.client_id).map(|client| client.id),
            "user_id": row.user_id,
            "token": row.access_prefix,
            "refresh_token": row.refresh_prefix,
            "scopes": Scopes::parse(&row.scope).to_list(),
            "created_at": time(row.created_at_ms),
            "expires_at": time(row.expires_at_ms),
            "refresh_token_expires_at": time(row.refresh_expires_at_ms),
            "used_at": row.used_at_ms.map_or(Value::Null, time),
        }),
        // The static token is a non-expiring token of no registered client.
        Grant::DemoToken { shown } => json!({
            "id": DEMO_TOKEN_RECORD_ID,
            "url": url(DEMO_TOKEN_RECORD_ID),
            "client_id": null,
            "user_id": caller.user.id,
            "token": shown,
            "refresh_token": null,
            "scopes": Scopes::everything().to_list(),
            "created_at": zendesk_time(caller.user.created_at),
            "expires_at": null,
            "refresh_token_expires_at": null,
            "used_at": zendesk_time(crate::clock::now_seconds()),
        }),
    };
    json_response(StatusCode::OK, &json!({ "token": token }))
}
