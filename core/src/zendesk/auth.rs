//! Who the client is on the desk: a fixed bearer token, or OAuth tokens it refreshes itself.
//!
//! With OAuth, a 401 makes the transport trade the refresh token for a new pair at the
//! account's `/oauth/tokens` (Zendesk rotates both) and send the request again, once. A write
//! refused with 401 was not done, so resending it is safe. Concurrent calls that hit the same
//! expiry refresh once: a refresh only happens when the token that failed is still current.
//! The new pair goes to a [`TokenSink`] so the app can keep it (in the OS keyring).

use std::sync::{Arc, RwLock};

use reqwest::{StatusCode, Url};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::HelpdeskError;

/// The tokens of an OAuth sign-in.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthTokens {
    pub access_token: String,
    pub refresh_token: String,
}

impl std::fmt::Debug for OAuthTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OAuthTokens(<redacted>)")
    }
}

/// Hears about every refreshed pair, to store it where the next start finds it.
pub trait TokenSink: Send + Sync {
    fn tokens_refreshed(&self, tokens: &OAuthTokens);
}

/// How the client signs its requests.
#[derive(Clone)]
pub enum Credentials {
    /// A token that is used as it is (scripts, the demo desk's customer token).
    Bearer(String),
    /// An OAuth sign-in by the public client `client_id`, refreshed when it expires.
    OAuth {
        tokens: OAuthTokens,
        client_id: String,
        sink: Option<Arc<dyn TokenSink>>,
    },
}

/// The current access token and, for OAuth, how to get the next one.
pub(crate) struct Auth {
    access: RwLock<String>,
    refresher: Option<Refresher>,
}

struct Refresher {
    token_url: Url,
    client_id: String,
    refresh_token: tokio::sync::Mutex<String>,
    sink: Option<Arc<dyn TokenSink>>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    refresh_token: String,
}

impl Auth {
    pub(crate) fn new(credentials: Credentials, account: &Url) -> Self {
        match credentials {
            Credentials::Bearer(token) => Self {
                access: RwLock::new(token),
                refresher: None,
            },
            Credentials::OAuth {
                tokens,
                client_id,
                sink,
            } => {
                let token_url = token_url(account);
                Self {
                    access: RwLock::new(tokens.access_token),
                    refresher: Some(Refresher {
                        token_url,
                        client_id,
                        refresh_token: tokio::sync::Mutex::new(tokens.refresh_token),
                        sink,
                    }),
                }
            }
        }
    }

    pub(crate) fn access_token(&self) -> String {
        self.access
            .read()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone()
    }

    pub(crate) fn can_refresh(&self) -> bool {
        self.refresher.is_some()
    }

    /// Replaces `failed` (the token a 401 answered) with a fresh one, unless another call
    /// already did. `AuthExpired` when the desk no longer honours the refresh token.
    pub(crate) async fn refresh(
        &self,
        http: &reqwest::Client,
        failed: &str,
    ) -> Result<(), HelpdeskError> {
        let Some(refresher) = &self.refresher else {
            return Err(HelpdeskError::AuthExpired);
        };
        let mut refresh_token = refresher.refresh_token.lock().await;
        if self.access_token() != failed {
            return Ok(());
        }
        let grant = json!({
            "grant_type": "refresh_token",
            "client_id": refresher.client_id,
            "refresh_token": *refresh_token,
        });
        let answer = post_grant(http, &refresher.token_url, &grant)
            .await?
            .map_err(|_refusal| HelpdeskError::AuthExpired)?;
        *refresh_token = answer.refresh_token.clone();
        *self
            .access
            .write()
            .unwrap_or_else(|poison| poison.into_inner()) = answer.access_token.clone();
        tracing::info!("the help desk sign-in was renewed");
        if let Some(sink) = &refresher.sink {
            sink.tokens_refreshed(&answer);
        }
        Ok(())
    }
}

/// The desk's token endpoint for the account at `desk`.
pub(crate) fn token_url(desk: &Url) -> Url {
    let mut url = desk.clone();
    url.set_path("/oauth/tokens");
    url.set_query(None);
    url
}

#[derive(Deserialize)]
struct GrantRefusal {
    error: Option<String>,
    error_description: Option<String>,
}

/// Trades a grant (an authorization code, a refresh token) for a new pair at `token_url`.
/// The inner `Err` is the desk's refusal of the grant, in its own words; the outer one is a
/// desk that could not be reached or answered nonsense.
pub(crate) async fn post_grant(
    http: &reqwest::Client,
    token_url: &Url,
    grant: &serde_json::Value,
) -> Result<Result<OAuthTokens, String>, HelpdeskError> {
    let response = http
        .post(token_url.clone())
        .json(grant)
        .send()
        .await
        .map_err(|error| HelpdeskError::Offline(error.to_string()))?;
    match response.status() {
        StatusCode::OK => {}
        StatusCode::BAD_REQUEST | StatusCode::UNAUTHORIZED => {
            let refusal: Option<GrantRefusal> = response.json().await.ok();
            let reason = refusal
                .and_then(|refusal| refusal.error_description.or(refusal.error))
                .unwrap_or_else(|| "the grant was refused".to_owned());
            return Ok(Err(reason));
        }
        status => {
            return Err(HelpdeskError::Server {
                status: status.as_u16(),
                message: "the sign-in could not be completed".into(),
            })
        }
    }
    let answer: TokenAnswer = response
        .json()
        .await
        .map_err(|error| HelpdeskError::Protocol(format!("token answer: {error}")))?;
    Ok(Ok(OAuthTokens {
        access_token: answer.access_token,
        refresh_token: answer.refresh_token,
    }))
}
