use demo_desk::{DemoConfig, DemoDesk};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{start_with, SEEDED_REQUESTS_OF_DANA};

#[tokio::test]
async fn requests_survive_a_restart_when_db_path_is_set() {
    let folder = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        db_path: Some(folder.path().join("demo-desk.sqlite3")),
        ..DemoConfig::default()
    };
    let desk = start_with(config.clone()).await;
    let created = desk
        .create_request("Still here after a restart?", "Hope so.")
        .await;
    let id = created["id"].as_u64().unwrap();
    let token = desk.handle.demo_token().to_owned();
    desk.handle.shutdown().await;

    let again = DemoDesk::start(config).await.unwrap();
    assert_eq!(again.demo_token(), token);
    let http = reqwest::Client::new();
    let response = http
        .get(format!("{}/api/v2/requests/{id}.json", again.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["request"]["subject"], "Still here after a restart?");

    let list: Value = http
        .get(format!("{}/api/v2/requests.json", again.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["count"],
        SEEDED_REQUESTS_OF_DANA + 1,
        "the seed ran once"
    );
    again.shutdown().await;
}

#[tokio::test]
async fn attachments_and_the_help_center_survive_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        db_path: Some(folder.path().join("demo-desk.sqlite3")),
        ..DemoConfig::default()
    };
    let desk = start_with(config.clone()).await;
    let uploaded: Value = desk
        .as_dana(
            reqwest::Method::POST,
            "/api/v2/uploads.json?filename=kept.txt",
        )
        .header("content-type", "text/plain")
        .body("still here")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = uploaded["upload"]["token"].as_str().unwrap();
    let created = desk
        .post(
            "/api/v2/requests.json",
            &serde_json::json!({"request": {
                "subject": "Keep my file", "comment": {"body": "Attached.", "uploads": [token]}
            }}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let content_path = uploaded["upload"]["attachment"]["content_url"]
        .as_str()
        .unwrap()
        .trim_start_matches(&desk.handle.base_url())
        .to_owned();
    desk.handle.shutdown().await;

    let again = DemoDesk::start(config).await.unwrap();
    let http = reqwest::Client::new();
    let download = http
        .get(format!("{}{content_path}", again.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.text().await.unwrap(), "still here");
    let articles: Value = http
        .get(format!(
            "{}/api/v2/help_center/fr/articles.json",
            again.base_url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(articles["count"], 32, "the Help Center was written once");
    again.shutdown().await;
}
