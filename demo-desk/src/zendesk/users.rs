//! `/api/v2/users/me`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::auth::Caller;
use super::context::RequestContext;
use super::error::json_response;
use super::render::{anonymous_user_json, user_json};

/// The caller, or Zendesk's anonymous user (still a 200) when no credentials came. Clients
/// tell them apart by `id` being null.
pub(crate) async fn me(caller: Caller, context: RequestContext) -> Response {
    let user = match caller {
        Caller::Anonymous => anonymous_user_json(),
        Caller::User(user) => user_json(&context.base_url, &user),
    };
    json_response(StatusCode::OK, &json!({ "user": user }))
}
