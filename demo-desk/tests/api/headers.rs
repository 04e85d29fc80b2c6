use demo_desk::DemoConfig;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{header, start, start_with, EXPORT_REQUEST};

#[tokio::test]
async fn every_zendesk_response_carries_the_version_request_id_and_budget_headers() {
    let desk = start().await;
    let responses = vec![
        desk.get("/api/v2/requests.json").await,
        desk.get("/api/v2/requests/1.json").await,
        desk.anonymous(Method::GET, "/api/v2/requests.json")
            .send()
            .await
            .unwrap(),
        desk.get("/api/v2/no/such/endpoint.json").await,
        desk.post("/api/v2/requests.json", &json!({})).await,
    ];
    let mut request_ids = std::collections::HashSet::new();
    for response in &responses {
        assert_eq!(
            header(response, "content-type"),
            "application/json; charset=utf-8"
        );
        assert_eq!(header(response, "x-zendesk-api-version"), "v2");
        request_ids.insert(header(response, "x-request-id").to_owned());
        for name in [
            "x-rate-limit",
            "x-rate-limit-remaining",
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
        ] {
            header(response, name).parse::<u64>().expect(name);
        }
        assert_eq!(header(response, "x-rate-limit"), "700");
    }
    assert_eq!(
        request_ids.len(),
        responses.len(),
        "a fresh request id each time"
    );
}

#[tokio::test]
async fn unknown_api_paths_are_404_invalid_endpoint() {
    let desk = start().await;
    let response = desk.get("/api/v2/no/such/endpoint.json").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "InvalidEndpoint");
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304_and_a_change_gets_a_new_etag() {
    let desk = start_with(DemoConfig::default()).await;
    let path = format!("/api/v2/requests/{EXPORT_REQUEST}/comments.json");
    let first = desk.get(&path).await;
    let etag = header(&first, "etag").to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");

    let unchanged = desk
        .as_dana(Method::GET, &path)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&unchanged, "etag"), etag);
    assert_eq!(header(&unchanged, "x-zendesk-api-version"), "v2");
    assert!(unchanged.bytes().await.unwrap().is_empty());

    desk.handle
        .agent_reply(EXPORT_REQUEST, "An update.")
        .await
        .unwrap();
    let changed = desk
        .as_dana(Method::GET, &path)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(header(&changed, "etag"), etag);
}

#[tokio::test]
async fn writes_carry_no_etag() {
    let desk = start().await;
    let created = desk
        .post(
            "/api/v2/requests.json",
            &json!({"request": {"subject": "x", "comment": {"body": "y"}}}),
        )
        .await;
    assert!(created.headers().get("etag").is_none());
}
