//! OAuth sign-ins renew themselves: an expired access token is traded for a new pair (the
//! desk rotates both), the call goes through, the app hears the new pair, and a refresh token
//! the desk no longer honours reads as "sign in again".

use std::sync::{Arc, Mutex};
use std::time::Duration;

use demo_desk::{DemoConfig, DemoDesk, DemoHandle};
use helpline_core::{Helpdesk, HelpdeskError, OAuthTokens, TokenSink, ZendeskClient};

/// Signs Dana in through the browser flow and returns the tokens.
async fn sign_in(desk: &DemoHandle) -> OAuthTokens {
    crate::signin::sign_in(desk).await.tokens
}

#[derive(Default)]
struct Kept(Mutex<Vec<OAuthTokens>>);

impl TokenSink for Kept {
    fn tokens_refreshed(&self, tokens: &OAuthTokens) {
        self.0.lock().unwrap().push(tokens.clone());
    }
}

/// Access tokens live `lifetime`: the renewed one too, so a test that uses it must finish its
/// calls within that time, even on a loaded machine.
async fn short_lived_desk(lifetime: Duration) -> DemoHandle {
    DemoDesk::start(DemoConfig {
        access_token_lifetime: lifetime,
        ..DemoConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_once_and_the_new_pair_is_kept() {
    // Long enough that the renewed token outlives the two calls (with 1 s, a loaded machine
    // saw it expire too and renew twice).
    let desk = short_lived_desk(Duration::from_secs(3)).await;
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

    tokio::time::sleep(Duration::from_millis(3500)).await;
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
    let desk = short_lived_desk(Duration::from_secs(1)).await;
    let mut tokens = sign_in(&desk).await;
    tokens.refresh_token = "revoked-or-made-up".into();
    let client =
        ZendeskClient::with_oauth(&desk.zendesk_url(), tokens, desk.oauth_client_id(), None)
            .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(client.me().await.unwrap_err(), HelpdeskError::AuthExpired);
}
