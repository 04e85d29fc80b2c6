//! Signing in to a Zendesk desk the way native apps should (RFC 8252, OAuth with PKCE): the
//! system browser shows the desk's own sign-in and consent pages, then sends the browser back
//! to a one-shot page served on a loopback port with an authorization code, which the app
//! trades (with its PKCE verifier) for the OAuth tokens. Helpline never sees a password.
//!
//! [`PendingSignIn::start`] listens and builds the address to open; [`PendingSignIn::finish`]
//! waits for the browser. The caller decides how long to wait and whether to cancel (drop the
//! future); dropping the [`PendingSignIn`] stops the loopback server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::Query;
use axum::response::Html;
use axum::routing::get;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use reqwest::Url;
use serde_json::json;
use tokio::sync::oneshot;

use crate::zendesk::{account_url, post_grant, token_url};
use crate::{DeskAccount, Helpdesk, HelpdeskError, OAuthTokens, User, ZendeskClient};

/// Helpline's own OAuth client, registered on the vendor's desk as a public client (no
/// secret, PKCE required, loopback redirects).
pub const HELPLINE_OAUTH_CLIENT_ID: &str = "helpline_desktop";

/// What the app asks for: reading and writing the user's own requests.
const SCOPES: [&str; 2] = ["read", "write"];

/// The loopback page the browser comes back to.
const CALLBACK_PATH: &str = "/signed-in";

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("{0}")]
    InvalidAddress(String),
    #[error("No help desk answers at {host}: {reason}. Check the address (the one you open in a browser to see your requests), then your connection")]
    Unreachable { host: String, reason: String },
    #[error("{0} answered, but not as a Zendesk help desk. Check the address: it is the one you open in a browser to see your requests")]
    NotADesk(String),
    #[error("Helpline could not wait for the browser on this computer ({0}). Check that programs may listen on 127.0.0.1, then try again")]
    Listen(String),
    #[error("The help desk refused the sign-in: {0}. Try again, and choose Allow in the browser")]
    Refused(String),
    #[error("The browser came back from another sign-in. Start again from Helpline")]
    WrongState,
    #[error("The help desk did not accept the sign-in ({0}). Start again from Helpline")]
    CodeRejected(String),
    #[error(transparent)]
    Desk(#[from] HelpdeskError),
}

impl From<SignInError> for crate::WireError {
    fn from(error: SignInError) -> Self {
        use crate::ErrorCode;
        let code = match &error {
            SignInError::Desk(desk) => desk.code(),
            SignInError::InvalidAddress(_) | SignInError::NotADesk(_) => ErrorCode::InvalidInput,
            SignInError::Unreachable { .. } => ErrorCode::Offline,
            SignInError::Listen(_) => ErrorCode::Internal,
            SignInError::Refused(_) | SignInError::WrongState | SignInError::CodeRejected(_) => {
                ErrorCode::AuthExpired
            }
        };
        crate::WireError::new(code, error.to_string())
    }
}

/// The desk's address from what the user typed: `acme` means `https://acme.zendesk.com`,
/// `help.acme.com` gains `https://`, and only the origin is kept (a pasted page address works).
pub fn desk_address(typed: &str) -> Result<Url, SignInError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(SignInError::InvalidAddress(
            "Enter your help desk's address, like https://yourcompany.zendesk.com".to_owned(),
        ));
    }
    let is_subdomain = typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let text = if is_subdomain {
        format!("https://{}.zendesk.com", typed.to_ascii_lowercase())
    } else if typed.contains("://") {
        typed.to_owned()
    } else {
        format!("https://{typed}")
    };
    let url = account_url(&text).map_err(|error| SignInError::InvalidAddress(error.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(SignInError::InvalidAddress(format!(
            "{typed:?} has no host name. Use the address you open in a browser, like https://yourcompany.zendesk.com"
        )));
    }
    let origin = url.origin().ascii_serialization();
    Ok(Url::parse(&origin).expect("an origin is a URL"))
}

/// A signed-in desk: where, as whom, and the tokens to keep in the keyring.
#[derive(Debug)]
pub struct SignedIn {
    pub account: DeskAccount,
    pub tokens: OAuthTokens,
    pub user: User,
}

/// What the browser brought back in the query of the loopback page.
type CallbackQuery = HashMap<String, String>;

/// A sign-in waiting for the browser.
pub struct PendingSignIn {
    desk: Url,
    client_id: String,
    redirect_uri: String,
    authorize_url: Url,
    state: CsrfToken,
    verifier: PkceCodeVerifier,
    callback: oneshot::Receiver<CallbackQuery>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for PendingSignIn {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl PendingSignIn {
    /// Checks that `desk` is a Zendesk desk, listens on a free loopback port and prepares the
    /// desk's consent page address.
    pub async fn start(desk: Url, client_id: Option<&str>) -> Result<Self, SignInError> {
        check_desk(&desk).await?;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|error| SignInError::Listen(error.to_string()))?;
        let port = listener
            .local_addr()
            .map_err(|error| SignInError::Listen(error.to_string()))?
            .port();
        let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK_PATH}");
        let client_id = client_id
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .unwrap_or(HELPLINE_OAUTH_CLIENT_ID)
            .to_owned();
        let authorize_page = desk
            .join("/oauth/authorizations/new")
            .expect("a path joins an origin");
        let client = BasicClient::new(ClientId::new(client_id.clone()))
            .set_auth_uri(AuthUrl::from_url(authorize_page))
            .set_redirect_uri(
                RedirectUrl::new(redirect_uri.clone()).expect("a loopback address is a URL"),
            );
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (authorize_url, state) = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(SCOPES.map(|scope| Scope::new(scope.to_owned())))
            .set_pkce_challenge(challenge)
            .url();
        let (sender, callback) = oneshot::channel();
        let server = tokio::spawn(serve_callback(listener, state.secret().clone(), sender));
        Ok(Self {
            desk,
            client_id,
            redirect_uri,
            authorize_url,
            state,
            verifier,
            callback,
            server,
        })
    }

    /// The page to open in the browser.
    pub fn authorize_url(&self) -> &Url {
        &self.authorize_url
    }

    /// Waits for the browser, trades the code for tokens and asks the desk who signed in.
    pub async fn finish(mut self) -> Result<SignedIn, SignInError> {
        let query = (&mut self.callback)
            .await
            .map_err(|_| SignInError::Listen("the loopback page stopped".to_owned()))?;
        if query.get("state").map(String::as_str) != Some(self.state.secret().as_str()) {
            return Err(SignInError::WrongState);
        }
        if let Some(error) = query.get("error") {
            let reason = query.get("error_description").unwrap_or(error);
            return Err(SignInError::Refused(reason.clone()));
        }
        let Some(code) = query.get("code") else {
            return Err(SignInError::Refused("no authorization code".to_owned()));
        };
        // The code and verifier go to the desk's token address and nowhere it redirects to.
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| HelpdeskError::Config(error.to_string()))?;
        let grant = json!({
            "grant_type": "authorization_code",
            "code": code,
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "code_verifier": self.verifier.secret(),
            "scope": SCOPES.join(" "),
        });
        let tokens = post_grant(&http, &token_url(&self.desk), &grant)
            .await?
            .map_err(SignInError::CodeRejected)?;
        let desk_url = self.desk.as_str().trim_end_matches('/').to_owned();
        let client = ZendeskClient::with_oauth(&desk_url, tokens.clone(), &self.client_id, None)?;
        let user = client.me().await?;
        Ok(SignedIn {
            account: DeskAccount {
                desk_url,
                client_id: self.client_id.clone(),
                user_name: user.name.clone(),
                user_email: user.email.clone(),
            },
            tokens,
            user,
        })
    }
}

/// Asks `users/me` without credentials, which a Zendesk desk answers with an anonymous user,
/// so that a mistyped address shows at once in Helpline, not as a broken page in the browser.
async fn check_desk(desk: &Url) -> Result<(), SignInError> {
    let host = desk.host_str().unwrap_or_default().to_owned();
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|error| HelpdeskError::Config(error.to_string()))?;
    let url = desk
        .join("/api/v2/users/me.json")
        .expect("a path joins an origin");
    let response = http
        .get(url)
        .send()
        .await
        .map_err(|error| SignInError::Unreachable {
            host: host.clone(),
            reason: reason_of(&error),
        })?;
    let is_desk = response.status().is_success()
        && response
            .json::<serde_json::Value>()
            .await
            .is_ok_and(|answer| answer.get("user").is_some_and(|user| user.is_object()));
    if is_desk {
        Ok(())
    } else {
        Err(SignInError::NotADesk(host))
    }
}

/// The innermost cause of a failed request, which names the actual problem (DNS, refused).
/// Why a desk could not be reached, in the words a user can act on: the resolver's and the
/// socket's own texts ("failed to lookup address information: Name or service not known") say
/// nothing to someone who typed an address.
fn reason_of(error: &reqwest::Error) -> String {
    let mut texts = Vec::new();
    let mut io_kind = None;
    let mut cause: Option<&dyn std::error::Error> = Some(error);
    while let Some(inner) = cause {
        texts.push(inner.to_string().to_lowercase());
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        cause = inner.source();
    }
    let said = |words: &[&str]| {
        texts
            .iter()
            .any(|text| words.iter().any(|word| text.contains(word)))
    };
    if error.is_timeout() {
        "it did not answer in time".into()
    } else if said(&[
        "dns error",
        "failed to lookup address",
        "name or service not known",
    ]) {
        "no computer has that name".into()
    } else if io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
        "the connection was refused".into()
    } else if said(&["certificate", "tls", "ssl"]) {
        "its security certificate is not trusted".into()
    } else {
        "the connection failed".into()
    }
}

/// Serves the loopback page until the first visit that carries this sign-in's `state`, whose
/// query it hands over. Any other visit (another local program, a stale tab) is answered 400
/// and ignored, so it cannot break the sign-in in progress.
async fn serve_callback(
    listener: tokio::net::TcpListener,
    expected_state: String,
    sender: oneshot::Sender<CallbackQuery>,
) {
    let sender = Arc::new(Mutex::new(Some(sender)));
    let page = move |Query(query): Query<CallbackQuery>| async move {
        if query.get("state") != Some(&expected_state) {
            tracing::warn!("the sign-in page was visited without this sign-in's state; ignored");
            return (
                axum::http::StatusCode::BAD_REQUEST,
                Html(
                    "<!doctype html><meta charset=utf-8><title>Helpline</title>\
                     <h1>Not this sign-in</h1><p>This answer belongs to no sign-in in progress in Helpline.</p>\
                     <p lang=fr>Cette réponse ne correspond à aucune connexion en cours dans Helpline.</p>",
                ),
            );
        }
        let refused = query.contains_key("error");
        if let Some(sender) = sender.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = sender.send(query);
        }
        (
            axum::http::StatusCode::OK,
            Html(if refused {
                "<!doctype html><meta charset=utf-8><title>Helpline</title>\
             <h1>Sign-in not completed</h1><p>Go back to Helpline to try again.</p>\
             <p lang=fr>Connexion non terminée : revenez dans Helpline pour réessayer.</p>"
            } else {
                "<!doctype html><meta charset=utf-8><title>Helpline</title>\
             <h1>You can close this tab</h1><p>Helpline is finishing your sign-in.</p>\
             <p lang=fr>Vous pouvez fermer cet onglet : Helpline termine la connexion.</p>"
            }),
        )
    };
    let router = axum::Router::new().route(CALLBACK_PATH, get(page));
    if let Err(error) = axum::serve(listener, router).await {
        tracing::warn!(%error, "the sign-in page on loopback stopped");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_addresses_become_desk_origins() {
        for (typed, expected) in [
            ("acme", "https://acme.zendesk.com/"),
            ("  Acme-EU ", "https://acme-eu.zendesk.com/"),
            ("help.acme.com", "https://help.acme.com/"),
            (
                "https://acme.zendesk.com/hc/en-us",
                "https://acme.zendesk.com/",
            ),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/"),
        ] {
            assert_eq!(desk_address(typed).unwrap().as_str(), expected, "{typed}");
        }
    }

    #[test]
    fn unusable_addresses_say_what_to_type() {
        for typed in [
            "",
            "   ",
            "http://acme.example.com",
            "ftp://acme.com",
            "https://",
        ] {
            let error = desk_address(typed).unwrap_err();
            assert!(
                matches!(error, SignInError::InvalidAddress(_)),
                "{typed}: {error:?}"
            );
        }
        let message = desk_address("").unwrap_err().to_string();
        assert!(
            message.contains("https://yourcompany.zendesk.com"),
            "{message}"
        );
    }
}
