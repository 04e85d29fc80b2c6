//! `GET /oauth/authorizations/new`: approves at once, as Dana Demo, and redirects back with a
//! code.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use super::clients::client;
use super::scopes::Scopes;
use super::{forbid_caching, pkce, OAuthError, CODE_LIFETIME_MS};
use crate::clock::now_millis;
use crate::desk::Desk;
use crate::seed::DEMO_CUSTOMER_ID;
use crate::store::oauth::{self, CodeRow};
use crate::zendesk::context::RequestContext;

pub(crate) async fn authorize(State(desk): State<Arc<Desk>>, context: RequestContext) -> Response {
    match approve(&desk, &context).await {
        Ok(response) | Err(Refusal::Redirect(response)) => response,
        Err(Refusal::Direct(error)) => error.into_response(),
    }
}

enum Refusal {
    /// The client or redirect URI cannot be trusted: answer here, never redirect.
    Direct(OAuthError),
    /// Any other problem goes back to the client through its redirect URI.
    Redirect(Response),
}

impl From<OAuthError> for Refusal {
    fn from(error: OAuthError) -> Self {
        Refusal::Direct(error)
    }
}

async fn approve(desk: &Desk, context: &RequestContext) -> Result<Response, Refusal> {
    let client_id = context
        .param("client_id")
        .ok_or_else(|| OAuthError::new("invalid_client", "client_id is required"))?;
    let client = client(client_id).ok_or_else(|| {
        OAuthError::new(
            "invalid_client",
            format!("no OAuth client is registered as {client_id:?}"),
        )
    })?;
    let redirect_uri = context
        .param("redirect_uri")
        .ok_or_else(|| OAuthError::invalid_request("redirect_uri is required"))?;
    if !client.accepts_redirect(redirect_uri) {
        return Err(OAuthError::invalid_request(format!(
            "redirect_uri {redirect_uri:?} is not registered for {client_id}: it must be \
             http://127.0.0.1:PORT/… or http://localhost:PORT/…"
        ))
        .into());
    }
    let state = context.param("state");
    let refuse = |error: &str, description: &str| {
        Refusal::Redirect(redirect(
            redirect_uri,
            &[
                ("error", Some(error)),
                ("error_description", Some(description)),
                ("state", state),
            ],
        ))
    };
    if context.param("response_type") != Some("code") {
        return Err(refuse(
            "unsupported_response_type",
            "response_type must be code",
        ));
    }
    let Some(challenge) = context.param("code_challenge") else {
        return Err(refuse(
            "invalid_request",
            "code_challenge is required: public clients must use PKCE",
        ));
    };
    if context.param("code_challenge_method") != Some("S256") {
        return Err(refuse(
            "invalid_request",
            "code_challenge_method must be S256",
        ));
    }
    if !pkce::is_well_formed(challenge) {
        return Err(refuse(
            "invalid_request",
            "code_challenge must be 43 to 128 URL-safe characters",
        ));
    }
    let scope = Scopes::parse(context.param("scope").unwrap_or_default());
    if scope.is_empty() {
        return Err(refuse("invalid_scope", "scope is required"));
    }

    let grant = CodeRow {
        client_id: client.identifier.to_owned(),
        user_id: DEMO_CUSTOMER_ID,
        redirect_uri: redirect_uri.to_owned(),
        scope: scope.to_parameter(),
        code_challenge: challenge.to_owned(),
        expires_at_ms: now_millis() + CODE_LIFETIME_MS,
        used: false,
    };
    let code = desk
        .store
        .run(move |connection| Ok(oauth::insert_code(connection, &grant)?))
        .await
        .map_err(OAuthError::from)?;
    Ok(redirect(
        redirect_uri,
        &[("code", Some(code.as_str())), ("state", state)],
    ))
}

/// 302 to `target` with `parameters` added to its query (absent values left out).
fn redirect(target: &str, parameters: &[(&str, Option<&str>)]) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in parameters {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let separator = if target.contains('?') { '&' } else { '?' };
    let location = format!("{target}{separator}{}", query.finish());
    let mut response = StatusCode::FOUND.into_response();
    match HeaderValue::from_str(&location) {
        Ok(value) => {
            response.headers_mut().insert(header::LOCATION, value);
        }
        Err(_) => {
            return OAuthError::invalid_request("redirect_uri is not a valid URL").into_response()
        }
    }
    forbid_caching(&mut response);
    response
}
