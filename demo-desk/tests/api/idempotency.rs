use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{header, start};

fn new_request() -> Value {
    json!({"request": {"subject": "Exactly once", "comment": {"body": "Sent by the outbox."}}})
}

#[tokio::test]
async fn repeating_a_create_with_the_same_idempotency_key_replays_the_first_response() {
    let desk = start().await;
    let send = |body: Value| {
        desk.as_dana(reqwest::Method::POST, "/api/v2/requests.json")
            .header("Idempotency-Key", "outbox-7f3a")
            .json(&body)
            .send()
    };
    let first = send(new_request()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    assert_eq!(header(&first, "x-idempotency-lookup"), "miss");
    let first_location = header(&first, "location").to_owned();
    let first: Value = first.json().await.unwrap();

    // The same body with its keys in another order is the same request.
    let reordered =
        json!({"request": {"comment": {"body": "Sent by the outbox."}, "subject": "Exactly once"}});
    let second = send(reordered).await.unwrap();
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(header(&second, "x-idempotency-lookup"), "hit");
    assert_eq!(header(&second, "location"), first_location);
    let second: Value = second.json().await.unwrap();
    assert_eq!(second, first);

    let list = desk.get_json("/api/v2/requests.json").await;
    let copies = list["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["subject"] == "Exactly once")
        .count();
    assert_eq!(copies, 1);
}

#[tokio::test]
async fn reusing_an_idempotency_key_with_another_body_is_400_idempotent_request_error() {
    let desk = start().await;
    let send = |subject: &str| {
        desk.as_dana(reqwest::Method::POST, "/api/v2/requests.json")
            .header("Idempotency-Key", "outbox-key-1")
            .json(&json!({"request": {"subject": subject, "comment": {"body": "x"}}}))
            .send()
    };
    assert_eq!(send("First").await.unwrap().status(), StatusCode::CREATED);
    let mismatch = send("Second").await.unwrap();
    assert_eq!(mismatch.status(), StatusCode::BAD_REQUEST);
    let body: Value = mismatch.json().await.unwrap();
    assert_eq!(body["error"], "IdempotentRequestError");
    assert!(body["description"].is_string());
}

#[tokio::test]
async fn creates_without_a_key_are_never_deduplicated() {
    let desk = start().await;
    let a = desk.create_request("Twice", "Same text").await;
    let b = desk.create_request("Twice", "Same text").await;
    assert_ne!(a["id"], b["id"]);
}
