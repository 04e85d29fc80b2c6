//! OAuth sign-ins renew themselves: an expired access token is traded for a new pair (the
//! desk rotates both), the call goes through, the app hears the new pair, and a refresh token
//! the desk no longer honours reads as "sign in again".

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use demo_desk::{DemoConfig, DemoDesk, DemoHandle};
use helpline_core::{Helpdesk, HelpdeskError, OAuthTokens, TokenSink, ZendeskClient};
use sha2::{Digest as _, Sha256};

const REDIRECT_URI: &str = "http://127.0.0.1:53682/callback";

/// Signs Dana in through the desk's authorization endpoint with PKCE, as the app's browser
/// flow does, and returns the tokens.
async fn sign_in(desk: &DemoHandle) -> OAuthTokens {
    let verifier = format!(
        "{:032x}{:032x}",
        rand::random::<u128>(),
        rand::random::<u128>()
    );
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let authorize = reqwest::Url::parse_with_params(
        &format!("{}/oauth/authorizations/new", desk.base_url()),
        [
            ("response_type", "code"),
            ("client_id", desk.oauth_client_id()),
            ("redirect_uri", REDIRECT_URI),
            ("scope", "read write"),
            ("state", "s"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .unwrap();
    let authorized = http.get(authorize).send().await.unwrap();
    let location = authorized.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let code = reqwest::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(name, _)| name == "code")
        .map(|(_, value)| value.into_owned())
        .expect("a code in the redirect");
    http.post(format!("{}/oauth/tokens", desk.base_url()))
        .json(&serde_json::json!({
            "grant_type": "authorization_code",
            "client_id": desk.oauth_client_id(),
            "redirect_uri": REDIRECT_URI,
            "code": code,
            "code_verifier": verifier,
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[derive(Default)]
struct Kept(Mutex<Vec<OAuthTokens>>);

impl TokenSink for Kept {
    fn tokens_refreshed(&self, tokens: &OAuthTokens) {
        self.0.lock().unwrap().push(tokens.clone());
    }
}

async fn short_lived_desk() -> DemoHandle {
    DemoDesk::start(DemoConfig {
        access_token_lifetime: Duration::from_secs(1),
        ..DemoConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_once_and_the_new_pair_is_kept() {
    let desk = short_lived_desk().await;
    let tokens = sign_in(&desk).await;
    let kept = Arc::new(Kept::default());
    let client = ZendeskClient::with_oauth(
        &desk.zendesk_url(),
        tokens.clone(),
        desk.oauth_client_id(),
        Some(kept.clone()),
    )
    .unwrap();
    assert_eq!(client.me().await.unwrap().id, desk.demo_customer_id());

    tokio::time::sleep(Duration::from_millis(1500)).await;
    // Two calls at once after the expiry: one refresh serves both.
    let (first, second) = tokio::join!(client.me(), client.list_requests_page(None));
    assert_eq!(first.unwrap().id, desk.demo_customer_id());
    assert!(!second.unwrap().requests.is_empty());
    let renewed = kept.0.lock().unwrap().clone();
    assert_eq!(renewed.len(), 1, "one refresh for both calls");
    assert_ne!(renewed[0], tokens, "the desk rotated both tokens");
}

#[tokio::test]
async fn a_refresh_token_the_desk_no_longer_honours_asks_for_a_new_sign_in() {
    let desk = short_lived_desk().await;
    let mut tokens = sign_in(&desk).await;
    tokens.refresh_token = "revoked-or-made-up".into();
    let client =
        ZendeskClient::with_oauth(&desk.zendesk_url(), tokens, desk.oauth_client_id(), None)
            .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(client.me().await.unwrap_err(), HelpdeskError::AuthExpired);
}
