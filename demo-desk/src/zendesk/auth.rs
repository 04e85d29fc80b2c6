//! Who is calling: `Authorization: Bearer <token>`, or nobody.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use std::sync::Arc;

use super::error::ApiError;
use crate::desk::Desk;
use crate::store::users::{self, UserRow};

pub(crate) enum Caller {
    /// No credentials, or a scheme this phase does not check (Zendesk treats Basic
    /// credentials as anonymous while end-user password access is off, its default).
    Anonymous,
    User(UserRow),
}

impl FromRequestParts<Arc<Desk>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Caller::Anonymous);
        };
        let value = value.to_str().map_err(|_| ApiError::Unauthenticated)?;
        let Some((scheme, token)) = value.split_once(' ') else {
            return Err(ApiError::Unauthenticated);
        };
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Ok(Caller::Anonymous);
        }
        let token = token.trim().to_owned();
        let user = desk
            .store
            .run(move |connection| Ok(users::by_token(connection, &token)?))
            .await?;
        user.map(Caller::User).ok_or(ApiError::Unauthenticated)
    }
}

/// A caller that must be signed in; anonymous calls get 401.
pub(crate) struct SignedIn(pub UserRow);

impl FromRequestParts<Arc<Desk>> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, ApiError> {
        match Caller::from_request_parts(parts, desk).await? {
            Caller::User(user) => Ok(SignedIn(user)),
            Caller::Anonymous => Err(ApiError::Unauthenticated),
        }
    }
}
