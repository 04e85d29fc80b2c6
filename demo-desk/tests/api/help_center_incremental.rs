use demo_desk::DemoConfig;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::{assert_fields, start, start_with, HELP_CENTER_ARTICLES};

#[tokio::test]
async fn incremental_export_is_401_anonymous_and_403_for_end_users_by_default() {
    let desk = start().await;
    let path = "/api/v2/help_center/incremental/articles.json?start_time=0";
    let anonymous = desk.anonymous(Method::GET, path).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let dana = desk.get(path).await;
    assert_eq!(dana.status(), StatusCode::FORBIDDEN);
    let body: Value = dana.json().await.unwrap();
    assert_eq!(body["error"], "Forbidden");
}

#[tokio::test]
async fn incremental_export_when_allowed_lists_changes_since_start_time() {
    let desk = start_with(DemoConfig {
        end_users_may_export_articles: true,
        ..DemoConfig::default()
    })
    .await;
    let all = desk
        .get_json("/api/v2/help_center/incremental/articles.json?start_time=0")
        .await;
    assert_fields(
        &all,
        &[
            ("articles", "array"),
            ("next_page", "null|string"),
            ("end_time", "number"),
            ("count", "number"),
        ],
    );
    assert_eq!(all["count"], HELP_CENTER_ARTICLES);
    assert_eq!(
        all["next_page"],
        Value::Null,
        "fewer than 1,000: the last page"
    );
    let articles = all["articles"].as_array().unwrap();
    assert!(articles.iter().all(|a| a["locale"] == "en-us"));
    let times: Vec<&str> = articles
        .iter()
        .map(|a| a["updated_at"].as_str().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|pair| pair[0] <= pair[1]),
        "oldest change first"
    );

    let end_time = all["end_time"].as_i64().unwrap();
    let since = desk
        .get_json(&format!(
            "/api/v2/help_center/incremental/articles.json?start_time={end_time}"
        ))
        .await;
    assert_eq!(since["count"], 1, "the start time is inclusive");
    assert_eq!(since["articles"][0]["id"], articles.last().unwrap()["id"]);

    let missing = desk
        .get("/api/v2/help_center/incremental/articles.json")
        .await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
}
