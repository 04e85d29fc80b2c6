use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::{assert_fields, header, is_zendesk_time, start};

#[tokio::test]
async fn users_me_returns_the_demo_customer_for_the_demo_token() {
    let desk = start().await;
    let body = desk.get_json("/api/v2/users/me.json").await;
    let user = &body["user"];
    assert_eq!(user["id"].as_u64(), Some(desk.handle.demo_customer_id()));
    assert_eq!(user["name"], "Dana Demo");
    assert_eq!(user["email"], "dana@example.com");
    assert_eq!(user["role"], "end-user");
    assert_eq!(user["locale"], "en-US");
    assert_fields(
        user,
        &[
            ("id", "number"),
            ("url", "string"),
            ("name", "string"),
            ("email", "string"),
            ("created_at", "string"),
            ("updated_at", "string"),
            ("time_zone", "string"),
            ("iana_time_zone", "string"),
            ("photo", "null|object"),
            ("locale_id", "number"),
            ("locale", "string"),
            ("organization_id", "number|null"),
            ("role", "string"),
            ("verified", "boolean"),
            ("active", "boolean"),
            ("tags", "array"),
            ("user_fields", "object"),
        ],
    );
    assert!(is_zendesk_time(user["created_at"].as_str().unwrap()));
    assert!(user["url"]
        .as_str()
        .unwrap()
        .starts_with(&desk.handle.base_url()));
}

#[tokio::test]
async fn users_me_without_credentials_is_the_anonymous_user_not_a_401() {
    let desk = start().await;
    for path in ["/api/v2/users/me", "/api/v2/users/me.json"] {
        let response = desk.anonymous(Method::GET, path).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["user"]["id"], Value::Null);
        assert_eq!(body["user"]["name"], "Anonymous user");
        assert_eq!(body["user"]["role"], "end-user");
    }
}

#[tokio::test]
async fn an_unknown_bearer_token_gets_401_couldnt_authenticate_you() {
    let desk = start().await;
    for path in ["/api/v2/users/me.json", "/api/v2/requests.json"] {
        let response = desk
            .anonymous(Method::GET, path)
            .bearer_auth("not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            header(&response, "content-type"),
            "application/json; charset=utf-8"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": "Couldn't authenticate you"})
        );
    }
}

#[tokio::test]
async fn requests_endpoints_without_credentials_get_401() {
    let desk = start().await;
    for (method, path) in [
        (Method::GET, "/api/v2/requests.json"),
        (Method::GET, "/api/v2/requests/open.json"),
        (Method::GET, "/api/v2/requests/4294967400.json"),
        (Method::GET, "/api/v2/requests/4294967400/comments.json"),
        (Method::GET, "/api/v2/requests/search.json?query=csv"),
        (Method::POST, "/api/v2/requests.json"),
        (Method::PUT, "/api/v2/requests/4294967400.json"),
    ] {
        let response = desk
            .anonymous(method.clone(), path)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "Couldn't authenticate you");
    }
}
