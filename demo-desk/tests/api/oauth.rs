use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use demo_desk::DemoConfig;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::time::Duration;

use crate::helpers::{assert_fields, header, start, start_with, TestDesk};

const REDIRECT_URI: &str = "http://127.0.0.1:53682/callback";

struct Pkce {
    verifier: String,
    challenge: String,
}

fn pkce() -> Pkce {
    let verifier = format!(
        "{:032x}{:032x}",
        rand::random::<u128>(),
        rand::random::<u128>()
    );
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    Pkce {
        verifier,
        challenge,
    }
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn query_of(location: &str) -> HashMap<String, String> {
    let query = location.split_once('?').map_or("", |(_, query)| query);
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Calls the authorization endpoint with these parameters over the defaults.
async fn authorize_with(desk: &TestDesk, overrides: &[(&str, &str)]) -> Response {
    let pkce = pkce();
    let mut parameters: Vec<(&str, String)> = vec![
        ("response_type", "code".into()),
        ("client_id", desk.handle.oauth_client_id().into()),
        ("redirect_uri", REDIRECT_URI.into()),
        ("scope", "read write".into()),
        ("state", "xyz-123".into()),
        ("code_challenge", pkce.challenge.clone()),
        ("code_challenge_method", "S256".into()),
    ];
    for (name, value) in overrides {
        parameters.retain(|(known, _)| known != name);
        if !value.is_empty() {
            parameters.push((name, (*value).to_owned()));
        }
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &parameters {
        query.append_pair(name, value);
    }
    no_redirects()
        .get(desk.url(&format!("/oauth/authorizations/new?{}", query.finish())))
        .send()
        .await
        .unwrap()
}

/// Authorizes `scope` and returns the code with the verifier that goes with it.
async fn authorize(desk: &TestDesk, scope: &str) -> (String, Pkce) {
    let pkce = pkce();
    let response = authorize_with(
        desk,
        &[
            ("scope", scope),
            ("code_challenge", pkce.challenge.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = header(&response, "location");
    assert!(
        location.starts_with(&format!("{REDIRECT_URI}?")),
        "{location}"
    );
    let query = query_of(location);
    assert_eq!(query["state"], "xyz-123");
    (query["code"].clone(), pkce)
}

async fn token_request(desk: &TestDesk, body: &Value) -> Response {
    desk.http
        .post(desk.url("/oauth/tokens"))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn exchange(desk: &TestDesk, code: &str, verifier: &str) -> Response {
    token_request(
        desk,
        &json!({
            "grant_type": "authorization_code",
            "code": code,
            "client_id": desk.handle.oauth_client_id(),
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        }),
    )
    .await
}

/// The whole flow for `scope`; returns the token response body.
async fn sign_in(desk: &TestDesk, scope: &str) -> Value {
    let (code, pkce) = authorize(desk, scope).await;
    let response = exchange(desk, &code, &pkce.verifier).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn refresh(desk: &TestDesk, refresh_token: &str) -> Response {
    token_request(
        desk,
        &json!({
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": desk.handle.oauth_client_id(),
        }),
    )
    .await
}

async fn call(desk: &TestDesk, method: Method, path: &str, token: &str) -> Response {
    let request = desk
        .http
        .request(method.clone(), desk.url(path))
        .bearer_auth(token);
    let request = if method == Method::POST {
        request.json(&json!({"request": {"subject": "Via OAuth", "comment": {"body": "Hello."}}}))
    } else {
        request
    };
    request.send().await.unwrap()
}

async fn assert_oauth_error(response: Response, error: &str) -> Value {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(header(&response, "cache-control"), "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], error, "{body}");
    assert!(body["error_description"].is_string());
    body
}

#[tokio::test]
async fn the_full_pkce_flow_gives_a_bearer_token_that_signs_in_as_dana() {
    let desk = start().await;
    let (code, pkce) = authorize(&desk, "read write").await;
    let response = exchange(&desk, &code, &pkce.verifier).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "cache-control"), "no-store");
    assert_eq!(
        header(&response, "content-type"),
        "application/json; charset=utf-8"
    );
    let tokens: Value = response.json().await.unwrap();
    assert_fields(
        &tokens,
        &[
            ("access_token", "string"),
            ("token_type", "string"),
            ("scope", "string"),
            ("refresh_token", "string"),
            ("expires_in", "number"),
            ("refresh_token_expires_in", "number"),
        ],
    );
    assert_eq!(tokens["token_type"], "bearer");
    assert_eq!(tokens["scope"], "read write");
    assert_eq!(tokens["expires_in"], 7200);
    assert_eq!(tokens["refresh_token_expires_in"], 30 * 24 * 3600);

    let access = tokens["access_token"].as_str().unwrap();
    let me = call(&desk, Method::GET, "/api/v2/users/me.json", access).await;
    let me: Value = me.json().await.unwrap();
    assert_eq!(
        me["user"]["id"].as_u64(),
        Some(desk.handle.demo_customer_id())
    );
    let created = call(&desk, Method::POST, "/api/v2/requests.json", access).await;
    assert_eq!(created.status(), StatusCode::CREATED);

    let current = call(
        &desk,
        Method::GET,
        "/api/v2/oauth/tokens/current.json",
        access,
    )
    .await;
    assert_eq!(current.status(), StatusCode::OK);
    let current: Value = current.json().await.unwrap();
    let token = &current["token"];
    assert_fields(
        token,
        &[
            ("id", "number"),
            ("url", "string"),
            ("client_id", "number"),
            ("user_id", "number"),
            ("token", "string"),
            ("refresh_token", "string"),
            ("scopes", "array"),
            ("created_at", "string"),
            ("expires_at", "string"),
            ("refresh_token_expires_at", "string"),
            ("used_at", "string|null"),
        ],
    );
    assert_eq!(token["scopes"], json!(["read", "write"]));
    assert_eq!(token["token"], access[..10]);
    assert_eq!(
        token["user_id"].as_u64(),
        Some(desk.handle.demo_customer_id())
    );
}

#[tokio::test]
async fn the_token_endpoint_also_takes_form_encoded_bodies() {
    let desk = start().await;
    let (code, pkce) = authorize(&desk, "read").await;
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", &code)
        .append_pair("client_id", desk.handle.oauth_client_id())
        .append_pair("redirect_uri", REDIRECT_URI)
        .append_pair("code_verifier", &pkce.verifier)
        .finish();
    let response = desk
        .http
        .post(desk.url("/oauth/tokens"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    assert_eq!(tokens["scope"], "read");
}

#[tokio::test]
async fn a_wrong_verifier_is_invalid_grant_and_a_code_works_only_once() {
    let desk = start().await;
    let (code, pkce) = authorize(&desk, "read write").await;
    let wrong = exchange(&desk, &code, &self::pkce().verifier).await;
    let body = assert_oauth_error(wrong, "invalid_grant").await;
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .contains("code_verifier"));

    let right = exchange(&desk, &code, &pkce.verifier).await;
    assert_eq!(
        right.status(),
        StatusCode::OK,
        "a wrong guess does not burn the code"
    );
    let reused = exchange(&desk, &code, &pkce.verifier).await;
    let body = assert_oauth_error(reused, "invalid_grant").await;
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .contains("already been used"));

    let unknown = exchange(&desk, "not-a-code", &pkce.verifier).await;
    assert_oauth_error(unknown, "invalid_grant").await;
}

#[tokio::test]
async fn the_code_is_bound_to_its_redirect_uri_and_client() {
    let desk = start().await;
    let (code, pkce) = authorize(&desk, "read").await;
    let elsewhere = token_request(
        &desk,
        &json!({
            "grant_type": "authorization_code",
            "code": code,
            "client_id": desk.handle.oauth_client_id(),
            "redirect_uri": "http://127.0.0.1:1/other",
            "code_verifier": pkce.verifier,
        }),
    )
    .await;
    assert_oauth_error(elsewhere, "invalid_grant").await;
    let stranger = token_request(
        &desk,
        &json!({
            "grant_type": "authorization_code",
            "code": code,
            "client_id": "someone_else",
            "redirect_uri": REDIRECT_URI,
            "code_verifier": pkce.verifier,
        }),
    )
    .await;
    assert_oauth_error(stranger, "invalid_client").await;
}

#[tokio::test]
async fn refreshing_rotates_the_pair_and_the_old_tokens_stop_working() {
    let desk = start().await;
    let first = sign_in(&desk, "read write").await;
    let old_access = first["access_token"].as_str().unwrap();
    let old_refresh = first["refresh_token"].as_str().unwrap();

    let response = refresh(&desk, old_refresh).await;
    assert_eq!(response.status(), StatusCode::OK);
    let second: Value = response.json().await.unwrap();
    let new_access = second["access_token"].as_str().unwrap();
    assert_ne!(new_access, old_access);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(second["scope"], "read write");

    let replayed = refresh(&desk, old_refresh).await;
    assert_oauth_error(replayed, "invalid_grant").await;
    let old = call(&desk, Method::GET, "/api/v2/requests.json", old_access).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = call(&desk, Method::GET, "/api/v2/requests.json", new_access).await;
    assert_eq!(new.status(), StatusCode::OK);

    let third = refresh(&desk, second["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        third.status(),
        StatusCode::OK,
        "the new refresh token works"
    );
}

#[tokio::test]
async fn an_expired_access_token_gets_401_and_its_refresh_token_still_renews_it() {
    let desk = start_with(DemoConfig {
        // Long enough for the first call to land inside it on a busy machine.
        access_token_lifetime: Duration::from_secs(2),
        ..DemoConfig::default()
    })
    .await;
    let tokens = sign_in(&desk, "read").await;
    assert_eq!(tokens["expires_in"], 2);
    let access = tokens["access_token"].as_str().unwrap();
    let fresh = call(&desk, Method::GET, "/api/v2/requests.json", access).await;
    assert_eq!(fresh.status(), StatusCode::OK);

    tokio::time::sleep(Duration::from_millis(2200)).await;
    let expired = call(&desk, Method::GET, "/api/v2/requests.json", access).await;
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let body: Value = expired.json().await.unwrap();
    assert_eq!(body, json!({"error": "Couldn't authenticate you"}));

    let renewed = refresh(&desk, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(renewed.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_read_only_token_cannot_create_a_request() {
    let desk = start().await;
    let tokens = sign_in(&desk, "read").await;
    let access = tokens["access_token"].as_str().unwrap();
    let listed = call(&desk, Method::GET, "/api/v2/requests.json", access).await;
    assert_eq!(listed.status(), StatusCode::OK);
    let refused = call(&desk, Method::POST, "/api/v2/requests.json", access).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "Forbidden");
    let upload = desk
        .http
        .post(desk.url("/api/v2/uploads.json?filename=a.txt"))
        .bearer_auth(access)
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn resource_scopes_limit_a_token_to_its_resources() {
    let desk = start().await;
    let help_only = sign_in(&desk, "hc:read").await;
    let help_only = help_only["access_token"].as_str().unwrap();
    let articles = call(
        &desk,
        Method::GET,
        "/api/v2/help_center/en-us/articles.json",
        help_only,
    )
    .await;
    assert_eq!(articles.status(), StatusCode::OK);
    let requests = call(&desk, Method::GET, "/api/v2/requests.json", help_only).await;
    assert_eq!(requests.status(), StatusCode::FORBIDDEN);
    let me = call(&desk, Method::GET, "/api/v2/users/me.json", help_only).await;
    assert_eq!(me.status(), StatusCode::OK, "any token may ask who it is");

    let requests_only = sign_in(&desk, "requests:read requests:write").await;
    let requests_only = requests_only["access_token"].as_str().unwrap();
    let created = call(&desk, Method::POST, "/api/v2/requests.json", requests_only).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let help = call(
        &desk,
        Method::GET,
        "/api/v2/help_center/en-us/articles.json",
        requests_only,
    )
    .await;
    assert_eq!(help.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_static_demo_token_keeps_every_scope_and_never_expires() {
    let desk = start().await;
    let current = desk.get_json("/api/v2/oauth/tokens/current.json").await;
    assert_eq!(current["token"]["scopes"], json!(["read", "write"]));
    assert_eq!(current["token"]["expires_at"], Value::Null);
    assert_eq!(current["token"]["token"], desk.handle.demo_token()[..10]);
    let anonymous = desk
        .anonymous(Method::GET, "/api/v2/oauth/tokens/current.json")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_clients_and_foreign_redirects_are_refused_without_redirecting() {
    let desk = start().await;
    let unknown = authorize_with(&desk, &[("client_id", "nobody")]).await;
    assert!(unknown.headers().get("location").is_none());
    assert_oauth_error(unknown, "invalid_client").await;
    for redirect in ["https://evil.example/cb", "http://192.168.1.2:8080/cb", ""] {
        let refused = authorize_with(&desk, &[("redirect_uri", redirect)]).await;
        assert!(refused.headers().get("location").is_none(), "{redirect}");
        assert_oauth_error(refused, "invalid_request").await;
    }
    let localhost = authorize_with(&desk, &[("redirect_uri", "http://localhost:8123/")]).await;
    assert_eq!(localhost.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn other_authorization_problems_go_back_to_the_client_with_its_state() {
    let desk = start().await;
    for (overrides, error) in [
        (vec![("code_challenge", "")], "invalid_request"),
        (vec![("code_challenge_method", "plain")], "invalid_request"),
        (
            vec![("response_type", "token")],
            "unsupported_response_type",
        ),
        (vec![("scope", "")], "invalid_scope"),
    ] {
        let response = authorize_with(&desk, &overrides).await;
        assert_eq!(response.status(), StatusCode::FOUND, "{overrides:?}");
        let query = query_of(header(&response, "location"));
        assert_eq!(query["error"], error, "{overrides:?}");
        assert_eq!(query["state"], "xyz-123");
        assert!(!query.contains_key("code"));
    }
}

#[tokio::test]
async fn malformed_token_requests_get_oauth_errors() {
    let desk = start().await;
    let unsupported = token_request(&desk, &json!({"grant_type": "password"})).await;
    assert_oauth_error(unsupported, "unsupported_grant_type").await;
    let missing = token_request(
        &desk,
        &json!({"grant_type": "authorization_code", "client_id": desk.handle.oauth_client_id()}),
    )
    .await;
    assert_oauth_error(missing, "invalid_request").await;
    let no_grant = token_request(&desk, &json!({})).await;
    assert_oauth_error(no_grant, "invalid_request").await;
}
