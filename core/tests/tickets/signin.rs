//! Signing in through the browser: the app's loopback page receives the desk's answer, the
//! code and PKCE verifier buy tokens, and the desk says who signed in. The "browser" here is
//! an HTTP client that follows the desk's redirect, as a real one does after "Allow".

use demo_desk::{DemoDesk, DemoHandle};
use helpline_core::{
    desk_address, Helpdesk, PendingSignIn, SignInError, SignedIn, ZendeskClient,
    HELPLINE_OAUTH_CLIENT_ID,
};
use reqwest::Url;

/// Opens `url` like a browser: follows redirects, to the app's loopback page in the end.
pub async fn browse(url: &Url) -> reqwest::Response {
    reqwest::get(url.clone()).await.expect("the page loads")
}

/// Signs the demo customer in as the app does.
pub async fn sign_in(desk: &DemoHandle) -> SignedIn {
    let pending = start_sign_in(desk).await;
    let page = browse(pending.authorize_url()).await;
    assert!(page.status().is_success(), "{}", page.status());
    pending.finish().await.unwrap()
}

async fn start_sign_in(desk: &DemoHandle) -> PendingSignIn {
    PendingSignIn::start(desk_address(&desk.base_url()).unwrap(), None)
        .await
        .unwrap()
}

/// The app's loopback page with `pairs` in its query, as a desk sends the browser back.
fn back_to_app(pending: &PendingSignIn, pairs: &[(&str, &str)]) -> Url {
    let mut url = Url::parse(&query_value(pending.authorize_url(), "redirect_uri")).unwrap();
    url.query_pairs_mut().extend_pairs(pairs);
    url
}

fn query_value(url: &Url, name: &str) -> String {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
        .unwrap_or_else(|| panic!("no {name} in {url}"))
}

#[tokio::test]
async fn a_browser_sign_in_yields_tokens_that_work_and_names_the_user() {
    let desk = DemoDesk::start(Default::default()).await.unwrap();
    assert_eq!(HELPLINE_OAUTH_CLIENT_ID, desk.oauth_client_id());
    let signed_in = sign_in(&desk).await;

    assert_eq!(signed_in.user.id, desk.demo_customer_id());
    assert_eq!(signed_in.account.desk_url, desk.base_url());
    assert_eq!(signed_in.account.client_id, HELPLINE_OAUTH_CLIENT_ID);
    let client = ZendeskClient::with_oauth(
        &signed_in.account.desk_url,
        signed_in.tokens.clone(),
        &signed_in.account.client_id,
        None,
    )
    .unwrap();
    let page = client.list_requests_page(None).await.unwrap();
    assert!(
        !page.requests.is_empty(),
        "the customer's requests are readable"
    );
}

#[tokio::test]
async fn the_consent_page_asks_for_pkce_and_the_apps_scopes_on_loopback() {
    let desk = DemoDesk::start(Default::default()).await.unwrap();
    let pending = PendingSignIn::start(desk_address(&desk.base_url()).unwrap(), Some("  "))
        .await
        .unwrap();
    let url = pending.authorize_url();
    assert_eq!(url.path(), "/oauth/authorizations/new");
    assert_eq!(query_value(url, "client_id"), HELPLINE_OAUTH_CLIENT_ID);
    assert_eq!(query_value(url, "code_challenge_method"), "S256");
    assert_eq!(query_value(url, "scope"), "read write");
    assert!(query_value(url, "redirect_uri").starts_with("http://127.0.0.1:"));
    assert!(query_value(url, "state").len() >= 16);
}

#[tokio::test]
async fn refusing_in_the_browser_is_reported_in_the_desks_words() {
    let desk = DemoDesk::start(Default::default()).await.unwrap();
    let pending = start_sign_in(&desk).await;
    let state = query_value(pending.authorize_url(), "state");
    let back = back_to_app(
        &pending,
        &[
            ("error", "access_denied"),
            ("error_description", "The end-user denied the request"),
            ("state", &state),
        ],
    );
    let page = browse(&back).await.text().await.unwrap();
    assert!(page.contains("Go back to Helpline"), "{page}");
    let error = pending.finish().await.unwrap_err();
    assert!(
        matches!(&error, SignInError::Refused(reason) if reason.contains("denied")),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_answer_for_another_sign_in_is_ignored_and_the_real_one_still_works() {
    let desk = DemoDesk::start(Default::default()).await.unwrap();
    let pending = start_sign_in(&desk).await;
    // Another local program (or a stale tab) visits the loopback page first.
    for forged in [
        vec![("code", "stolen"), ("state", "someone-elses")],
        vec![("code", "stolen")],
        vec![("error", "access_denied")],
    ] {
        let page = browse(&back_to_app(&pending, &forged)).await;
        assert_eq!(
            page.status(),
            reqwest::StatusCode::BAD_REQUEST,
            "{forged:?}"
        );
    }
    let page = browse(pending.authorize_url()).await;
    assert!(page.status().is_success(), "{}", page.status());
    let signed_in = pending.finish().await.unwrap();
    assert_eq!(signed_in.user.id, desk.demo_customer_id());
}

#[tokio::test]
async fn a_code_the_desk_rejects_is_reported() {
    let desk = DemoDesk::start(Default::default()).await.unwrap();
    let pending = start_sign_in(&desk).await;
    let state = query_value(pending.authorize_url(), "state");
    browse(&back_to_app(
        &pending,
        &[("code", "made-up"), ("state", &state)],
    ))
    .await;
    let error = pending.finish().await.unwrap_err();
    assert!(matches!(error, SignInError::CodeRejected(_)), "{error:?}");
}

#[tokio::test]
async fn an_address_where_no_desk_answers_is_refused_before_the_browser_opens() {
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let unreachable = desk_address(&format!("http://{closed}")).unwrap();
    let error = PendingSignIn::start(unreachable, None)
        .await
        .err()
        .expect("nobody answers");
    assert!(
        matches!(&error, SignInError::Unreachable { host, .. } if host == "127.0.0.1"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "No help desk answers at 127.0.0.1: the connection was refused. Check the address (the one \
         you open in a browser to see your requests), then your connection",
        "in words a user can act on, without the socket's own text"
    );
}

#[tokio::test]
async fn a_web_server_that_is_not_a_desk_is_refused_before_the_browser_opens() {
    // Any other web site: it answers every path with a page of its own.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let site = axum::Router::new().fallback(|| async {
        (
            axum::http::StatusCode::NOT_FOUND,
            axum::response::Html("<h1>Not here</h1>"),
        )
    });
    tokio::spawn(async move { axum::serve(listener, site).await });

    let error = PendingSignIn::start(desk_address(&format!("http://{address}")).unwrap(), None)
        .await
        .err()
        .expect("not a desk");
    assert!(matches!(error, SignInError::NotADesk(_)), "{error:?}");
}

/// A "desk" that answers as Zendesk for the address check, but whose token endpoint redirects
/// elsewhere; and the elsewhere, which counts what reaches it.
async fn desk_whose_token_endpoint_redirects(
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use axum::response::{IntoResponse, Redirect};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let reached = Arc::new(AtomicUsize::new(0));
    let elsewhere = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let elsewhere_url = format!("http://{}/steal", elsewhere.local_addr().unwrap());
    let counter = reached.clone();
    tokio::spawn(async move {
        let app = axum::Router::new().fallback(move || {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                "{}"
            }
        });
        axum::serve(elsewhere, app).await.unwrap();
    });
    let desk = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let desk_url = format!("http://{}", desk.local_addr().unwrap());
    tokio::spawn(async move {
        let app = axum::Router::new()
            .route(
                "/api/v2/users/me.json",
                axum::routing::get(|| async {
                    axum::Json(
                        serde_json::json!({ "user": { "id": null, "name": "Anonymous user" } }),
                    )
                }),
            )
            .route(
                "/oauth/tokens",
                axum::routing::post(move || {
                    let target = elsewhere_url.clone();
                    async move { Redirect::temporary(&target).into_response() }
                }),
            );
        axum::serve(desk, app).await.unwrap();
    });
    (desk_url, reached)
}

#[tokio::test]
async fn the_code_is_traded_at_the_desk_only_never_where_it_redirects() {
    let (desk_url, reached) = desk_whose_token_endpoint_redirects().await;
    let pending = PendingSignIn::start(desk_address(&desk_url).unwrap(), None)
        .await
        .unwrap();
    let state = query_value(pending.authorize_url(), "state");
    browse(&back_to_app(
        &pending,
        &[("code", "the-code"), ("state", &state)],
    ))
    .await;
    let error = pending.finish().await.unwrap_err();
    assert!(!matches!(error, SignInError::WrongState), "{error:?}");
    assert_eq!(
        reached.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the code and verifier went to where the desk redirected"
    );
}
