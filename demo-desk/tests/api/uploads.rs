use base64::Engine;
use demo_desk::{AttachmentFile, DemoConfig};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

use crate::helpers::{
    assert_fields, header, is_zendesk_time, start, start_with, TestDesk, SIGN_IN_REQUEST,
};

/// A 3×2 PNG header: enough for the desk to read its size.
fn tiny_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&3u32.to_be_bytes());
    png.extend_from_slice(&2u32.to_be_bytes());
    png.extend_from_slice(b"\x08\x06\0\0\0rest-of-the-image");
    png
}

async fn upload(
    desk: &TestDesk,
    query: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    desk.as_dana(Method::POST, &format!("/api/v2/uploads.json?{query}"))
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

/// Uploads a file and returns the upload token.
async fn upload_token(desk: &TestDesk, name: &str, bytes: &[u8]) -> String {
    let response = upload(
        desk,
        &format!("filename={name}"),
        "text/plain",
        bytes.to_vec(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    body["upload"]["token"].as_str().unwrap().to_owned()
}

fn assert_attachment_shape(attachment: &Value) {
    assert_fields(
        attachment,
        &[
            ("id", "number"),
            ("url", "string"),
            ("file_name", "string"),
            ("content_url", "string"),
            ("mapped_content_url", "string"),
            ("content_type", "string"),
            ("size", "number"),
            ("width", "number|null"),
            ("height", "number|null"),
            ("inline", "boolean"),
            ("deleted", "boolean"),
            ("malware_access_override", "boolean"),
            ("malware_scan_result", "string"),
            ("thumbnails", "array"),
        ],
    );
    assert_eq!(attachment["malware_scan_result"], "not_scanned");
    assert!(attachment["id"].as_u64().unwrap() > u64::from(u32::MAX));
}

#[tokio::test]
async fn an_upload_is_201_with_location_a_token_and_full_attachment_objects() {
    let desk = start().await;
    let response = upload(&desk, "filename=screen%20shot.png", "image/png", tiny_png()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = header(&response, "location").to_owned();
    let body: Value = response.json().await.unwrap();
    let upload = &body["upload"];
    assert_fields(
        upload,
        &[
            ("token", "string"),
            ("expires_at", "string"),
            ("attachment", "object"),
            ("attachments", "array"),
        ],
    );
    assert!(is_zendesk_time(upload["expires_at"].as_str().unwrap()));
    let attachment = &upload["attachment"];
    assert_attachment_shape(attachment);
    assert_eq!(upload["attachments"], json!([attachment.clone()]));
    assert_eq!(attachment["file_name"], "screen shot.png");
    assert_eq!(attachment["content_type"], "image/png");
    assert_eq!(attachment["size"], tiny_png().len());
    assert_eq!(
        (attachment["width"].clone(), attachment["height"].clone()),
        (json!(3), json!(2))
    );
    let base = desk.handle.base_url();
    assert_eq!(
        location,
        format!("{base}/api/v2/attachments/{}.json", attachment["id"])
    );
    assert_eq!(attachment["url"], location);
    assert!(attachment["content_url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{base}/attachments/token/")));
    assert!(attachment["content_url"]
        .as_str()
        .unwrap()
        .ends_with("/?name=screen+shot.png"));
}

#[tokio::test]
async fn a_second_file_sent_with_the_token_joins_the_same_upload() {
    let desk = start().await;
    let token = upload_token(&desk, "one.log", b"first").await;
    let response = upload(
        &desk,
        &format!("filename=two.log&token={token}"),
        "text/plain",
        b"second".to_vec(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["upload"]["token"], token);
    assert_eq!(body["upload"]["attachment"]["file_name"], "two.log");
    let names: Vec<&str> = body["upload"]["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["one.log", "two.log"]);
}

#[tokio::test]
async fn uploaded_files_attach_to_a_new_request_and_download_with_their_bytes_and_type() {
    let desk = start().await;
    let response = upload(&desk, "filename=shot.png", "image/png", tiny_png()).await;
    let token = response.json::<Value>().await.unwrap()["upload"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let created = desk
        .post(
            "/api/v2/requests.json",
            &json!({"request": {
                "subject": "Screenshot of the error",
                "comment": {"body": "See the attached screenshot.", "uploads": [token]}
            }}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = created.json::<Value>().await.unwrap()["request"]["id"]
        .as_u64()
        .unwrap();

    let comments = desk
        .get_json(&format!("/api/v2/requests/{id}/comments.json"))
        .await;
    let attachments = comments["comments"][0]["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1);
    assert_attachment_shape(&attachments[0]);
    assert_eq!(attachments[0]["file_name"], "shot.png");
    assert_eq!(attachments[0]["width"], 3);

    let comment_id = comments["comments"][0]["id"].as_u64().unwrap();
    let one = desk
        .get_json(&format!("/api/v2/requests/{id}/comments/{comment_id}.json"))
        .await;
    assert_eq!(one["comment"]["attachments"], json!(attachments));

    // As on Zendesk, the content URL redirects to another host (here `localhost` for the
    // desk's `127.0.0.1`) whose signed link is the credential: none needed, none accepted.
    let content_url = attachments[0]["content_url"].as_str().unwrap();
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let redirect = no_redirects.get(content_url).send().await.unwrap();
    assert_eq!(redirect.status(), StatusCode::FOUND);
    let location = header(&redirect, "location");
    assert!(location.starts_with("http://localhost:"), "{location}");
    let with_token = no_redirects
        .get(location)
        .bearer_auth("the desk's token")
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), StatusCode::BAD_REQUEST);
    let download = desk.http.get(content_url).send().await.unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(header(&download, "content-type"), "image/png");
    assert!(header(&download, "content-disposition").contains("shot.png"));
    assert_eq!(download.bytes().await.unwrap().to_vec(), tiny_png());
}

#[tokio::test]
async fn a_reply_with_uploads_attaches_them_to_the_new_comment() {
    let desk = start().await;
    let token = upload_token(&desk, "app.log", b"ERROR: sign-in failed").await;
    let reply = desk
        .put(
            &format!("/api/v2/requests/{SIGN_IN_REQUEST}.json"),
            &json!({"request": {"comment": {"body": "Here is the log.", "uploads": [token]}}}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::OK);
    let comments = desk
        .get_json(&format!("/api/v2/requests/{SIGN_IN_REQUEST}/comments.json"))
        .await;
    let last = comments["comments"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["body"], "Here is the log.");
    assert_eq!(last["attachments"][0]["file_name"], "app.log");
    assert_eq!(last["attachments"][0]["content_type"], "text/plain");
    assert_eq!(comments["comments"][0]["attachments"], json!([]));
}

#[tokio::test]
async fn an_upload_token_works_once_and_a_refused_request_is_not_created() {
    let desk = start().await;
    let token = upload_token(&desk, "a.txt", b"a").await;
    let first = desk.create_request_with_uploads("First", &[&token]).await;
    assert_eq!(first.status(), StatusCode::CREATED);

    let count_before = desk.get_json("/api/v2/requests.json").await["count"].clone();
    let again = desk.create_request_with_uploads("Second", &[&token]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["error"], "RecordInvalid");
    let detail = &body["details"]["uploads"][0];
    assert_eq!(detail["error"], "InvalidValue");
    assert!(detail["description"].as_str().unwrap().contains(&token));
    assert!(detail["description"].as_str().unwrap().contains("already"));
    assert_eq!(
        desk.get_json("/api/v2/requests.json").await["count"],
        count_before
    );

    let unknown = desk
        .create_request_with_uploads("Third", &["not-a-token"])
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_expired_upload_token_is_422_and_its_files_are_gone() {
    let desk = start_with(DemoConfig {
        upload_token_lifetime: Duration::from_millis(300),
        ..DemoConfig::default()
    })
    .await;
    let response = upload(&desk, "filename=late.txt", "text/plain", b"late".to_vec()).await;
    let body: Value = response.json().await.unwrap();
    let token = body["upload"]["token"].as_str().unwrap().to_owned();
    let content_url = body["upload"]["attachment"]["content_url"]
        .as_str()
        .unwrap()
        .to_owned();
    tokio::time::sleep(Duration::from_millis(400)).await;

    let refused = desk
        .create_request_with_uploads("Too late", &[&token])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    assert!(body["details"]["uploads"][0]["description"]
        .as_str()
        .unwrap()
        .contains("expired"));
    let download = desk.http.get(&content_url).send().await.unwrap();
    assert_eq!(download.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_over_the_size_limit_are_413() {
    let desk = start_with(DemoConfig {
        max_upload_bytes: 1024,
        ..DemoConfig::default()
    })
    .await;
    let at_limit = upload(
        &desk,
        "filename=ok.bin",
        "application/octet-stream",
        vec![7; 1024],
    )
    .await;
    assert_eq!(at_limit.status(), StatusCode::CREATED);
    let over = upload(
        &desk,
        "filename=big.bin",
        "application/octet-stream",
        vec![7; 2048],
    )
    .await;
    assert_eq!(over.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        header(&over, "content-type"),
        "application/json; charset=utf-8"
    );
    let body: Value = over.json().await.unwrap();
    assert_eq!(body["error"], "AttachmentTooLarge");
}

#[tokio::test]
async fn deleting_an_upload_is_204_and_its_token_and_files_stop_working() {
    let desk = start().await;
    let response = upload(
        &desk,
        "filename=oops.txt",
        "text/plain",
        b"wrong file".to_vec(),
    )
    .await;
    let body: Value = response.json().await.unwrap();
    let token = body["upload"]["token"].as_str().unwrap().to_owned();
    let content_url = body["upload"]["attachment"]["content_url"]
        .as_str()
        .unwrap()
        .to_owned();

    let path = format!("/api/v2/uploads/{token}.json");
    let deleted = desk.as_dana(Method::DELETE, &path).send().await.unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert!(deleted.bytes().await.unwrap().is_empty());
    let again = desk.as_dana(Method::DELETE, &path).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let used = desk
        .create_request_with_uploads("After delete", &[&token])
        .await;
    assert_eq!(used.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        desk.http.get(&content_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn uploading_needs_credentials_and_a_filename() {
    let desk = start().await;
    let anonymous = desk
        .anonymous(Method::POST, "/api/v2/uploads.json?filename=a.txt")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let nameless = upload(&desk, "", "text/plain", b"x".to_vec()).await;
    assert_eq!(nameless.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn agent_replies_from_the_back_office_may_carry_attachments() {
    let desk = start().await;
    let content = b"Step 1: open Settings.\n".to_vec();
    let response = desk
        .back_office(
            &format!("/_demo/requests/{SIGN_IN_REQUEST}/agent_reply"),
            &json!({
                "body": "Please follow the attached steps.",
                "attachments": [{
                    "file_name": "steps.txt",
                    "content_type": "text/plain",
                    "content_base64": base64::engine::general_purpose::STANDARD.encode(&content),
                }]
            }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let posted: Value = response.json().await.unwrap();
    let attachment = &posted["comment"]["attachments"][0];
    assert_attachment_shape(attachment);
    let download = desk
        .http
        .get(attachment["content_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(header(&download, "content-type"), "text/plain");
    assert_eq!(download.bytes().await.unwrap().to_vec(), content);

    let comment_id = desk
        .handle
        .agent_reply_with_attachments(
            SIGN_IN_REQUEST,
            "And a screenshot.",
            vec![AttachmentFile {
                file_name: "settings.png".into(),
                content_type: None,
                bytes: tiny_png(),
            }],
        )
        .await
        .unwrap();
    let comment = desk
        .get_json(&format!(
            "/api/v2/requests/{SIGN_IN_REQUEST}/comments/{comment_id}.json"
        ))
        .await;
    assert_eq!(
        comment["comment"]["attachments"][0]["content_type"],
        "image/png"
    );
}

impl TestDesk {
    async fn create_request_with_uploads(
        &self,
        subject: &str,
        tokens: &[&str],
    ) -> reqwest::Response {
        self.post(
            "/api/v2/requests.json",
            &json!({"request": {
                "subject": subject,
                "comment": {"body": "With files.", "uploads": tokens}
            }}),
        )
        .await
    }
}
