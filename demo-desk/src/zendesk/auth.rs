//! Who is calling: `Authorization: Bearer <token>` (the demo's static token or an OAuth
//! access token), or nobody; and whether the token's scopes cover the call.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use std::sync::Arc;

use super::error::ApiError;
use crate::clock::now_millis;
use crate::desk::Desk;
use crate::oauth::scopes::{self, Scopes};
use crate::server::RequestedPath;
use crate::store::oauth::{self, TokenRow};
use crate::store::users::{self, UserRow};

pub(crate) enum Caller {
    /// No credentials, or a scheme the demo does not check (Zendesk treats Basic
    /// credentials as anonymous while end-user password access is off, its default).
    Anonymous,
    User(UserRow),
}

/// How a signed-in caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Grant {
    /// The demo customer's long-lived token (its first characters, as Zendesk shows a token):
    /// every scope, no expiry.
    DemoToken {
        shown: String,
    },
    OAuth(TokenRow),
}

impl Grant {
    pub(crate) fn scopes(&self) -> Scopes {
        match self {
            Grant::DemoToken { .. } => Scopes::everything(),
            Grant::OAuth(token) => Scopes::parse(&token.scope),
        }
    }
}

/// A caller with valid credentials whose scopes cover this call.
pub(crate) struct Authenticated {
    pub user: UserRow,
    pub grant: Grant,
}

impl FromRequestParts<Arc<Desk>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, ApiError> {
        Ok(match authenticate(parts, desk).await? {
            Some(authenticated) => Caller::User(authenticated.user),
            None => Caller::Anonymous,
        })
    }
}

/// A caller that must be signed in; anonymous calls get 401.
pub(crate) struct SignedIn(pub UserRow);

impl FromRequestParts<Arc<Desk>> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, ApiError> {
        match authenticate(parts, desk).await? {
            Some(authenticated) => Ok(SignedIn(authenticated.user)),
            None => Err(ApiError::Unauthenticated),
        }
    }
}

impl FromRequestParts<Arc<Desk>> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, ApiError> {
        authenticate(parts, desk)
            .await?
            .ok_or(ApiError::Unauthenticated)
    }
}

/// `Ok(None)` without credentials; 401 for unknown, expired or rotated-out tokens; 403 when
/// the token's scopes do not cover the call.
async fn authenticate(parts: &Parts, desk: &Desk) -> Result<Option<Authenticated>, ApiError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| ApiError::Unauthenticated)?;
    let Some((scheme, token)) = value.split_once(' ') else {
        return Err(ApiError::Unauthenticated);
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Ok(None);
    }
    let token = token.trim().to_owned();
    let authenticated = desk
        .store
        .run(move |connection| {
            if let Some(user) = users::by_token(connection, &token)? {
                let shown = token
                    .chars()
                    .take(super::oauth_tokens::SHOWN_PREFIX_LENGTH)
                    .collect();
                return Ok(Some(Authenticated {
                    user,
                    grant: Grant::DemoToken { shown },
                }));
            }
            let now = now_millis();
            let Some(row) = oauth::by_access_token(connection, &token)? else {
                return Ok(None);
            };
            if row.revoked || row.expires_at_ms <= now {
                return Ok(None);
            }
            oauth::mark_used(connection, row.id, now)?;
            Ok(
                users::by_id(connection, row.user_id)?.map(|user| Authenticated {
                    user,
                    grant: Grant::OAuth(row),
                }),
            )
        })
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let path = parts
        .extensions
        .get::<RequestedPath>()
        .map_or_else(|| parts.uri.path().to_owned(), |path| path.0.clone());
    let path = path.strip_suffix(".json").unwrap_or(&path);
    if let Some(requirement) = scopes::requirement(&parts.method, path) {
        if !authenticated.grant.scopes().allows(requirement) {
            return Err(ApiError::Forbidden);
        }
    }
    Ok(Some(authenticated))
}
