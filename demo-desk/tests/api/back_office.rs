use demo_desk::{DemoConfig, RequestStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

use crate::helpers::{
    start, start_with, TestDesk, CLOSED_REQUEST, SEEDED_REQUESTS_OF_DANA, SIGN_IN_REQUEST,
};

#[tokio::test]
async fn an_agent_reply_from_the_back_office_appears_in_comments_with_an_agent_author() {
    let desk = start().await;
    let response = desk
        .back_office(
            &format!("/_demo/requests/{SIGN_IN_REQUEST}/agent_reply"),
            &json!({"body": "We reset your password; please try again."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let posted: Value = response.json().await.unwrap();
    assert_eq!(
        posted["request"]["status"], "open",
        "a new request is opened"
    );

    let comments = desk
        .get_json(&format!(
            "/api/v2/requests/{SIGN_IN_REQUEST}/comments.json?include=users"
        ))
        .await;
    let last = comments["comments"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["body"], "We reset your password; please try again.");
    assert_eq!(last["id"], posted["comment"]["id"]);
    let author = last["author_id"].as_u64().unwrap();
    assert!(desk.handle.agent_ids().contains(&author));
    let author_profile = comments["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|user| user["id"].as_u64() == Some(author))
        .unwrap()
        .clone();
    assert_eq!(author_profile["agent"], true);

    let by_email = desk
        .back_office(
            &format!("/_demo/requests/{SIGN_IN_REQUEST}/agent_reply"),
            &json!({"html_body": "<p>Merci !</p>", "author": "camille.roy@acme-cloud.example"}),
        )
        .await;
    let by_email: Value = by_email.json().await.unwrap();
    assert_eq!(by_email["comment"]["body"], "Merci !");
    assert_eq!(
        by_email["comment"]["author_id"].as_u64(),
        Some(desk.handle.agent_ids()[1])
    );
}

#[tokio::test]
async fn status_changes_from_the_back_office_show_in_the_requests_api() {
    let desk = start().await;
    let path = format!("/api/v2/requests/{SIGN_IN_REQUEST}.json");
    for status in ["pending", "hold", "solved"] {
        let response = desk
            .back_office(
                &format!("/_demo/requests/{SIGN_IN_REQUEST}/status"),
                &json!({ "status": status }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(desk.get_json(&path).await["request"]["status"], status);
    }
    let back_to_new = desk
        .back_office(
            &format!("/_demo/requests/{SIGN_IN_REQUEST}/status"),
            &json!({"status": "new"}),
        )
        .await;
    assert_eq!(back_to_new.status(), StatusCode::UNPROCESSABLE_ENTITY);

    desk.handle
        .set_status(SIGN_IN_REQUEST, RequestStatus::Closed)
        .await
        .unwrap();
    let reply = desk
        .put(&path, &json!({"request": {"comment": {"body": "Hello?"}}}))
        .await;
    assert_eq!(reply.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(desk
        .handle
        .agent_reply(CLOSED_REQUEST, "Too late")
        .await
        .is_err());
}

#[tokio::test]
async fn assigning_from_the_back_office_lets_the_customer_solve() {
    let desk = start().await;
    let response = desk
        .back_office(
            &format!("/_demo/requests/{SIGN_IN_REQUEST}/assign"),
            &json!({}),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["request"]["can_be_solved_by_me"], true);
    assert!(body["request"]["assignee_id"].is_number());
}

#[tokio::test]
async fn unknown_requests_are_404_in_the_back_office() {
    let desk = start().await;
    let response = desk
        .back_office("/_demo/requests/123/agent_reply", &json!({"body": "Hi"}))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn wait_for_comments(desk: &TestDesk, id: u64, count: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let comments = desk
            .get_json(&format!("/api/v2/requests/{id}/comments.json"))
            .await;
        if comments["comments"].as_array().unwrap().len() >= count {
            return comments;
        }
        assert!(Instant::now() < deadline, "no automatic reply after 5 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn new_requests_get_an_automatic_agent_reply_in_their_language_after_the_delay() {
    let desk = start_with(DemoConfig {
        agent_reply_delay: Some(Duration::from_millis(200)),
        ..DemoConfig::default()
    })
    .await;
    let english = desk
        .create_request("Cannot export my data", "The export button does nothing.")
        .await;
    let french = desk
        .create_request(
            "Impossible d'exporter mes données",
            "Le bouton d'export ne fait rien depuis ce matin.",
        )
        .await;
    let english_id = english["id"].as_u64().unwrap();
    let french_id = french["id"].as_u64().unwrap();

    let right_away = desk
        .get_json(&format!("/api/v2/requests/{english_id}/comments.json"))
        .await;
    assert_eq!(right_away["comments"].as_array().unwrap().len(), 1);

    let comments = wait_for_comments(&desk, english_id, 2).await;
    let reply = &comments["comments"][1];
    assert!(reply["body"]
        .as_str()
        .unwrap()
        .starts_with("Thanks — we are looking into it"));
    assert!(desk
        .handle
        .agent_ids()
        .contains(&reply["author_id"].as_u64().unwrap()));
    assert_eq!(
        desk.get_json(&format!("/api/v2/requests/{english_id}.json"))
            .await["request"]["status"],
        "open"
    );

    let comments = wait_for_comments(&desk, french_id, 2).await;
    assert!(comments["comments"][1]["body"]
        .as_str()
        .unwrap()
        .starts_with("Merci"));
}

#[tokio::test]
async fn reset_restores_the_seeded_state() {
    let desk = start().await;
    let created = desk
        .create_request("Short-lived", "Gone after reset.")
        .await;
    let response = desk.back_office("/_demo/reset", &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list = desk.get_json("/api/v2/requests.json").await;
    assert_eq!(list["count"], SEEDED_REQUESTS_OF_DANA);
    let gone = desk
        .get(&format!("/api/v2/requests/{}.json", created["id"]))
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    desk.handle.reset().await.unwrap();
    assert_eq!(
        desk.get_json("/api/v2/requests.json").await["count"],
        SEEDED_REQUESTS_OF_DANA
    );
}

#[tokio::test]
async fn the_back_office_describes_the_ids_a_script_needs() {
    let desk = start().await;
    let body: Value = desk
        .http
        .get(desk.url("/_demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["demo_token"], desk.handle.demo_token());
    assert_eq!(body["components"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn back_office_writes_must_be_json_so_no_web_page_can_send_them() {
    let desk = start().await;
    let before = desk.get_json("/api/v2/requests.json").await["count"].clone();
    // What a form or a `text/plain` fetch from any web page may send without a preflight.
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let response = desk
            .http
            .post(desk.url(&format!("/_demo/requests/{SIGN_IN_REQUEST}/agent_reply")))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(r#"{"body": "from a web page"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
    }
    let reset = desk
        .http
        .post(desk.url("/_demo/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let thread = desk
        .get_json(&format!("/api/v2/requests/{SIGN_IN_REQUEST}/comments.json"))
        .await;
    assert!(!thread.to_string().contains("from a web page"));
    assert_eq!(
        desk.get_json("/api/v2/requests.json").await["count"],
        before
    );
}

#[tokio::test]
async fn requests_for_other_host_names_are_turned_away() {
    let desk = start().await;
    for host in ["evil.example", "rebound.evil.example:8765", "192.168.1.20"] {
        let response = desk
            .as_dana(reqwest::Method::GET, "/api/v2/requests.json")
            .header(reqwest::header::HOST, host)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::MISDIRECTED_REQUEST, "{host}");
        let back_office = desk
            .http
            .get(desk.url("/_demo"))
            .header(reqwest::header::HOST, host)
            .send()
            .await
            .unwrap();
        assert_eq!(
            back_office.status(),
            StatusCode::MISDIRECTED_REQUEST,
            "{host}"
        );
    }
    let fine = desk.get("/api/v2/requests.json").await;
    assert_eq!(fine.status(), StatusCode::OK);
}

#[tokio::test]
async fn each_install_has_its_own_token_kept_across_resets() {
    let first = start().await;
    let second = start().await;
    assert_ne!(first.handle.demo_token(), second.handle.demo_token());
    assert!(first.handle.demo_token().len() >= 32);
    first.handle.reset().await.unwrap();
    let me = first.get_json("/api/v2/users/me.json").await;
    assert_eq!(
        me["user"]["name"], "Dana Demo",
        "the token still works after a reset"
    );
}

#[tokio::test]
async fn a_database_with_the_old_well_known_token_gets_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        db_path: Some(dir.path().join("demo-desk.sqlite3")),
        ..DemoConfig::default()
    };
    let desk = demo_desk::DemoDesk::start(config.clone()).await.unwrap();
    desk.shutdown().await;
    use sha2::Digest as _;
    let legacy: String = sha2::Sha256::digest(b"helpline demo-desk: Dana Demo")
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let connection = rusqlite::Connection::open(dir.path().join("demo-desk.sqlite3")).unwrap();
    connection
        .execute("UPDATE api_tokens SET token = ?1", [&legacy])
        .unwrap();
    drop(connection);
    let desk = demo_desk::DemoDesk::start(config).await.unwrap();
    assert_ne!(desk.demo_token(), legacy);
    assert!(desk.demo_token().len() >= 32);
}
