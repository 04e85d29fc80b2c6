use demo_desk::DemoConfig;
use reqwest::{Method, StatusCode};

use crate::helpers::{header, start_with};

#[tokio::test]
async fn exceeding_the_per_minute_budget_is_429_text_plain_with_retry_after() {
    let desk = start_with(DemoConfig {
        rate_limit_per_minute: 3,
        ..DemoConfig::default()
    })
    .await;
    for remaining in ["2", "1", "0"] {
        let response = desk.get("/api/v2/requests.json").await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(&response, "x-rate-limit"), "3");
        assert_eq!(header(&response, "x-rate-limit-remaining"), remaining);
        assert_eq!(header(&response, "ratelimit-remaining"), remaining);
    }
    let refused = desk.get("/api/v2/requests.json").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(header(&refused, "content-type").starts_with("text/plain"));
    assert_eq!(header(&refused, "x-rate-limit-remaining"), "0");
    let retry_after: u64 = header(&refused, "retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    assert_eq!(
        refused.text().await.unwrap(),
        "Number of allowed API requests per minute exceeded"
    );
}

#[tokio::test]
async fn every_client_of_the_account_shares_its_budget_and_anonymous_callers_have_another() {
    let desk = start_with(DemoConfig {
        rate_limit_per_minute: 2,
        ..DemoConfig::default()
    })
    .await;
    desk.get("/api/v2/users/me.json").await;
    // Another app of the same account, with its own token.
    let other_app = desk
        .anonymous(Method::GET, "/api/v2/users/me.json")
        .bearer_auth("another-apps-token")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&other_app, "x-rate-limit-remaining"), "0");
    assert_eq!(
        desk.get("/api/v2/users/me.json").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let anonymous = || desk.anonymous(Method::GET, "/api/v2/users/me.json").send();
    assert_eq!(anonymous().await.unwrap().status(), StatusCode::OK);
    assert_eq!(anonymous().await.unwrap().status(), StatusCode::OK);
    assert_eq!(
        anonymous().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn the_back_office_counts_the_api_requests_received_refused_ones_included() {
    let desk = start_with(DemoConfig {
        rate_limit_per_minute: 2,
        ..DemoConfig::default()
    })
    .await;
    for _ in 0..3 {
        desk.get("/api/v2/requests.json").await;
    }
    desk.anonymous(Method::GET, "/api/v2/help_center/articles.json")
        .send()
        .await
        .unwrap();
    let counted = desk.get_anonymous_json("/_demo/traffic").await;
    assert_eq!(counted, serde_json::json!({"support": 3, "helpCenter": 1}));
    assert_eq!(desk.handle.api_requests().support, 3);
}
