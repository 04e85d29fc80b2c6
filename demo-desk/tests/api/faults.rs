use demo_desk::Fault;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

use crate::helpers::{header, start};

#[tokio::test]
async fn an_injected_429_carries_retry_after_and_zero_remaining() {
    let desk = start().await;
    desk.handle
        .inject(Fault {
            status: Some(429),
            retry_after_s: Some(7),
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();
    let refused = desk.get("/api/v2/requests.json").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&refused, "retry-after"), "7");
    assert_eq!(header(&refused, "x-rate-limit-remaining"), "0");
    assert!(header(&refused, "content-type").starts_with("text/plain"));
    assert_eq!(
        desk.get("/api/v2/requests.json").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_injected_503_applies_to_count_requests_under_its_prefix_only() {
    let desk = start().await;
    desk.handle
        .inject(Fault {
            route_prefix: Some("/api/v2/requests".into()),
            status: Some(503),
            retry_after_s: Some(2),
            count: Some(2),
            ..Fault::default()
        })
        .unwrap();
    assert_eq!(
        desk.get("/api/v2/users/me.json").await.status(),
        StatusCode::OK
    );
    for _ in 0..2 {
        let response = desk.get("/api/v2/requests.json").await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(header(&response, "retry-after"), "2");
    }
    assert_eq!(
        desk.get("/api/v2/requests.json").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn injected_latency_delays_the_response() {
    let desk = start().await;
    desk.handle
        .inject(Fault {
            latency_ms: Some(300),
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();
    let started = Instant::now();
    assert_eq!(
        desk.get("/status/api/v2/status.json").await.status(),
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn a_dropped_connection_fails_while_reading_the_body_after_the_work_is_done() {
    let desk = start().await;
    desk.handle
        .inject(Fault {
            route_prefix: Some("/api/v2/requests".into()),
            drop_after_headers: true,
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();
    let response = desk
        .post(
            "/api/v2/requests.json",
            &json!({"request": {"subject": "Did the zebra form arrive?", "comment": {"body": "Ambiguous."}}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.bytes().await.is_err(), "the body never completes");

    // The server did create it: the case a client must reconcile before resending.
    let search = desk
        .get_json("/api/v2/requests/search.json?query=zebra")
        .await;
    assert_eq!(search["count"], 1);
}

#[tokio::test]
async fn the_malformed_json_fault_truncates_the_body() {
    let desk = start().await;
    desk.handle
        .inject(Fault {
            malformed_json: true,
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();
    let response = desk.get("/api/v2/requests.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, "content-type").starts_with("application/json"));
    let text = response.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn faults_injected_over_http_apply_until_cleared() {
    let desk = start().await;
    let injected = desk
        .back_office("/_demo/faults", &json!({"status": 500}))
        .await;
    assert_eq!(injected.status(), StatusCode::CREATED);
    let body: Value = injected.json().await.unwrap();
    assert!(body["fault"]["id"].is_number());
    for _ in 0..3 {
        assert_eq!(
            desk.get("/api/v2/requests.json").await.status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
    let cleared = desk
        .http
        .delete(desk.url("/_demo/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        desk.get("/api/v2/requests.json").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn unsupported_fault_statuses_are_refused() {
    let desk = start().await;
    let response = desk
        .back_office("/_demo/faults", &json!({"status": 404}))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(desk
        .handle
        .inject(Fault {
            status: Some(302),
            ..Fault::default()
        })
        .is_err());
}

#[tokio::test]
async fn a_stale_cursor_fault_refuses_the_next_cursor_but_not_a_first_page() {
    let desk = start().await;
    desk.handle
        .inject(Fault {
            stale_cursor: true,
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();
    let first = desk.get("/api/v2/requests.json?page[size]=2").await;
    assert_eq!(first.status(), StatusCode::OK, "a first page has no cursor");
    let page: serde_json::Value = first.json().await.unwrap();
    let after = page["meta"]["after_cursor"].as_str().unwrap().to_owned();
    let stale = desk
        .get(&format!(
            "/api/v2/requests.json?page[size]=2&page[after]={after}"
        ))
        .await;
    assert_eq!(stale.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = stale.json().await.unwrap();
    assert_eq!(body["error"], "InvalidPaginationParameter");
    let retried = desk
        .get(&format!(
            "/api/v2/requests.json?page[size]=2&page[after]={after}"
        ))
        .await;
    assert_eq!(retried.status(), StatusCode::OK, "the fault was used up");
}
