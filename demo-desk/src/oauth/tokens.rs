//! `POST /oauth/tokens`: authorization codes and refresh tokens for token pairs, from a JSON
//! or form-encoded body.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::clients::client;
use super::scopes::Scopes;
use super::{forbid_caching, pkce, OAuthError};
use crate::clock::now_millis;
use crate::desk::Desk;
use crate::store::oauth::{self, IssuedTokens, Lifetimes};
use crate::zendesk::error::json_response;
use crate::DemoError;

/// The `expires_in` a client may ask for, in seconds (Zendesk's bounds).
const ACCESS_LIFETIME_BOUNDS: std::ops::RangeInclusive<i64> = 300..=172_800;
/// The `refresh_token_expires_in` a client may ask for: 7 to 90 days.
const REFRESH_LIFETIME_BOUNDS: std::ops::RangeInclusive<i64> = 604_800..=7_776_000;

type Parameters = HashMap<String, String>;

pub(crate) async fn token(
    State(desk): State<Arc<Desk>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let parameters = parameters_of(&headers, &body)?;
    let lifetimes = lifetimes(&desk, &parameters)?;
    let issued = match required(&parameters, "grant_type")? {
        "authorization_code" => exchange_code(&desk, parameters, lifetimes).await?,
        "refresh_token" => refresh(&desk, parameters, lifetimes).await?,
        other => {
            return Err(OAuthError::new(
                "unsupported_grant_type",
                format!(
                "grant_type {other:?} is not supported; use authorization_code or refresh_token"
            ),
            ))
        }
    };
    let mut response = json_response(
        StatusCode::OK,
        &json!({
            "access_token": issued.access_token,
            "token_type": "bearer",
            "scope": issued.row.scope,
            "refresh_token": issued.refresh_token,
            "expires_in": seconds_until(issued.row.expires_at_ms, issued.row.created_at_ms),
            "refresh_token_expires_in":
                seconds_until(issued.row.refresh_expires_at_ms, issued.row.created_at_ms),
        }),
    );
    forbid_caching(&mut response);
    Ok(response)
}

fn seconds_until(end_ms: i64, start_ms: i64) -> i64 {
    (end_ms - start_ms + 999).div_euclid(1000)
}

/// Zendesk documents JSON; clients also send form-encoded bodies, and both work.
fn parameters_of(headers: &HeaderMap, body: &[u8]) -> Result<Parameters, OAuthError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let looks_like_json = content_type.contains("json")
        || (content_type.is_empty() && body.trim_ascii_start().starts_with(b"{"));
    if !looks_like_json {
        return Ok(form_urlencoded::parse(body).into_owned().collect());
    }
    let value: Value = serde_json::from_slice(body).map_err(|error| {
        OAuthError::invalid_request(format!("the body is not valid JSON: {error}"))
    })?;
    let object = value
        .as_object()
        .ok_or_else(|| OAuthError::invalid_request("the body must be a JSON object"))?;
    Ok(object
        .iter()
        .filter_map(|(key, value)| {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                Value::Bool(flag) => flag.to_string(),
                _ => return None,
            };
            Some((key.clone(), text))
        })
        .collect())
}

fn optional<'a>(parameters: &'a Parameters, name: &str) -> Option<&'a str> {
    parameters
        .get(name)
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
}

fn required<'a>(parameters: &'a Parameters, name: &str) -> Result<&'a str, OAuthError> {
    optional(parameters, name)
        .ok_or_else(|| OAuthError::invalid_request(format!("{name} is required")))
}

/// The configured lifetimes, or the ones the request asks for within Zendesk's bounds.
fn lifetimes(desk: &Desk, parameters: &Parameters) -> Result<Lifetimes, OAuthError> {
    let asked =
        |name: &str, bounds: &std::ops::RangeInclusive<i64>| -> Result<Option<i64>, OAuthError> {
            let Some(text) = optional(parameters, name) else {
                return Ok(None);
            };
            match text.parse::<i64>() {
                Ok(seconds) if bounds.contains(&seconds) => Ok(Some(seconds * 1000)),
                _ => Err(OAuthError::invalid_request(format!(
                    "{name} must be a number of seconds from {} to {}",
                    bounds.start(),
                    bounds.end()
                ))),
            }
        };
    let millis = |duration: Duration| i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
    Ok(Lifetimes {
        access_ms: asked("expires_in", &ACCESS_LIFETIME_BOUNDS)?
            .unwrap_or_else(|| millis(desk.config.access_token_lifetime)),
        refresh_ms: asked("refresh_token_expires_in", &REFRESH_LIFETIME_BOUNDS)?
            .unwrap_or_else(|| millis(desk.config.refresh_token_lifetime)),
    })
}

fn known_client(parameters: &Parameters) -> Result<String, OAuthError> {
    let client_id = required(parameters, "client_id")?;
    client(client_id)
        .map(|client| client.identifier.to_owned())
        .ok_or_else(|| {
            OAuthError::new(
                "invalid_client",
                format!("no OAuth client is registered as {client_id:?}"),
            )
        })
}

async fn exchange_code(
    desk: &Desk,
    parameters: Parameters,
    lifetimes: Lifetimes,
) -> Result<IssuedTokens, OAuthError> {
    let client_id = known_client(&parameters)?;
    let code = required(&parameters, "code")?.to_owned();
    let redirect_uri = required(&parameters, "redirect_uri")?.to_owned();
    let verifier = required(&parameters, "code_verifier")?.to_owned();
    desk.store
        .run(move |connection| {
            redeem_code(
                connection,
                &client_id,
                &code,
                &redirect_uri,
                &verifier,
                lifetimes,
            )
        })
        .await?
}

/// Checks the code against everything the authorization fixed, then spends it. A wrong
/// verifier leaves the code unspent, so the rightful client can still use it.
fn redeem_code(
    connection: &mut Connection,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    lifetimes: Lifetimes,
) -> Result<Result<IssuedTokens, OAuthError>, DemoError> {
    let now = now_millis();
    let transaction = connection.transaction()?;
    let Some(grant) = oauth::code(&transaction, code)? else {
        return Ok(Err(OAuthError::invalid_grant(
            "the authorization code is not valid",
        )));
    };
    let refusal = if grant.used {
        Some("the authorization code has already been used")
    } else if grant.expires_at_ms <= now {
        Some("the authorization code has expired")
    } else if grant.client_id != client_id {
        Some("the authorization code was issued to another client")
    } else if grant.redirect_uri != redirect_uri {
        Some("redirect_uri does not match the one of the authorization request")
    } else if !pkce::verifies(verifier, &grant.code_challenge) {
        Some("code_verifier does not match the code_challenge")
    } else {
        None
    };
    if let Some(description) = refusal {
        return Ok(Err(OAuthError::invalid_grant(description)));
    }
    oauth::mark_code_used(&transaction, code)?;
    let issued = oauth::issue(
        &transaction,
        client_id,
        grant.user_id,
        &grant.scope,
        lifetimes,
        now,
    )?;
    transaction.commit()?;
    Ok(Ok(issued))
}

/// Rotation: the new pair replaces the old one, whose access and refresh tokens both stop
/// working. An optional `scope` may narrow the grant, never widen it.
async fn refresh(
    desk: &Desk,
    parameters: Parameters,
    lifetimes: Lifetimes,
) -> Result<IssuedTokens, OAuthError> {
    let client_id = known_client(&parameters)?;
    let refresh_token = required(&parameters, "refresh_token")?.to_owned();
    let narrowed = optional(&parameters, "scope").map(Scopes::parse);
    desk.store
        .run(move |connection| rotate(connection, &client_id, &refresh_token, narrowed, lifetimes))
        .await?
}

fn rotate(
    connection: &mut Connection,
    client_id: &str,
    refresh_token: &str,
    narrowed: Option<Scopes>,
    lifetimes: Lifetimes,
) -> Result<Result<IssuedTokens, OAuthError>, DemoError> {
    let now = now_millis();
    let transaction = connection.transaction()?;
    let Some(old) = oauth::by_refresh_token(&transaction, refresh_token)? else {
        return Ok(Err(OAuthError::invalid_grant(
            "the refresh token is not valid",
        )));
    };
    let refusal = if old.revoked {
        Some("the refresh token has been used or revoked")
    } else if old.refresh_expires_at_ms <= now {
        Some("the refresh token has expired")
    } else if old.client_id != client_id {
        Some("the refresh token was issued to another client")
    } else {
        None
    };
    if let Some(description) = refusal {
        return Ok(Err(OAuthError::invalid_grant(description)));
    }
    let scope = match narrowed {
        Some(asked) if !Scopes::parse(&old.scope).contains_all(&asked) => {
            return Ok(Err(OAuthError::new(
                "invalid_scope",
                "a refresh may narrow the scope, not widen it",
            )))
        }
        Some(asked) => asked.to_parameter(),
        None => old.scope.clone(),
    };
    oauth::revoke(&transaction, old.id)?;
    let issued = oauth::issue(&transaction, client_id, old.user_id, &scope, lifetimes, now)?;
    transaction.commit()?;
    Ok(Ok(issued))
}
