use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{
    assert_fields, header, ids_of, is_zendesk_time, start, CLOSED_REQUEST, EXPORT_REQUEST,
    OTHER_CUSTOMERS_REQUEST, SEEDED_REQUESTS_OF_DANA, SIGN_IN_REQUEST, WEBHOOK_REQUEST,
};

fn assert_request_shape(request: &Value) {
    assert_fields(
        request,
        &[
            ("url", "string"),
            ("id", "number"),
            ("status", "string"),
            ("priority", "string|null"),
            ("type", "string|null"),
            ("subject", "string"),
            ("description", "string"),
            ("organization_id", "number|null"),
            ("via", "object"),
            ("custom_fields", "array"),
            ("fields", "array"),
            ("requester_id", "number"),
            ("collaborator_ids", "array"),
            ("email_cc_ids", "array"),
            ("is_public", "boolean"),
            ("due_at", "string|null"),
            ("can_be_solved_by_me", "boolean"),
            ("created_at", "string"),
            ("updated_at", "string"),
            ("recipient", "string|null"),
            ("followup_source_id", "number|null"),
            ("assignee_id", "number|null"),
            ("group_id", "number|null"),
            ("ticket_form_id", "number|null"),
            ("custom_status_id", "number|null"),
        ],
    );
    assert!(["new", "open", "pending", "hold", "solved", "closed"]
        .contains(&request["status"].as_str().unwrap()));
    assert!(is_zendesk_time(request["created_at"].as_str().unwrap()));
    assert!(is_zendesk_time(request["updated_at"].as_str().unwrap()));
    assert_fields(
        &request["via"],
        &[("channel", "string"), ("source", "object")],
    );
    assert!(request["id"].as_u64().unwrap() > u32::MAX as u64);
}

#[tokio::test]
async fn listing_requests_returns_only_the_callers_requests_with_every_documented_field() {
    let desk = start().await;
    let body = desk.get_json("/api/v2/requests.json").await;
    let requests = body["requests"].as_array().unwrap();
    assert_eq!(requests.len(), SEEDED_REQUESTS_OF_DANA);
    assert_eq!(body["count"], SEEDED_REQUESTS_OF_DANA);
    assert_eq!(body["next_page"], Value::Null);
    assert_eq!(body["previous_page"], Value::Null);
    for request in requests {
        assert_request_shape(request);
        assert_eq!(
            request["requester_id"].as_u64(),
            Some(desk.handle.demo_customer_id())
        );
        let url = request["url"].as_str().unwrap();
        assert_eq!(
            url,
            format!(
                "{}/api/v2/requests/{}.json",
                desk.handle.base_url(),
                request["id"]
            )
        );
    }
    let statuses: std::collections::BTreeSet<&str> = requests
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 6, "every status is seeded: {statuses:?}");
    let kinds: std::collections::BTreeSet<&str> = requests
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 4, "every type is seeded: {kinds:?}");
    assert!(requests
        .iter()
        .any(|r| r["subject"] == "Facture de mars : TVA incorrecte"));
}

#[tokio::test]
async fn paths_work_with_and_without_the_json_suffix() {
    let desk = start().await;
    let with = desk.get_json("/api/v2/requests.json").await;
    let without = desk.get_json("/api/v2/requests").await;
    assert_eq!(ids_of(&with["requests"]), ids_of(&without["requests"]));
    let one = desk
        .get_json(&format!("/api/v2/requests/{SIGN_IN_REQUEST}"))
        .await;
    assert_eq!(one["request"]["id"].as_u64(), Some(SIGN_IN_REQUEST));
}

#[tokio::test]
async fn the_status_filter_keeps_known_statuses_and_ignores_unknown_ones() {
    let desk = start().await;
    let body = desk
        .get_json("/api/v2/requests.json?status=open,pending,bogus")
        .await;
    let requests = body["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 5);
    assert!(requests
        .iter()
        .all(|r| r["status"] == "open" || r["status"] == "pending"));

    let unfiltered = desk.get_json("/api/v2/requests.json?status=bogus").await;
    assert_eq!(unfiltered["count"], SEEDED_REQUESTS_OF_DANA);
}

#[tokio::test]
async fn open_solved_and_ccd_lists_hold_what_their_names_say() {
    let desk = start().await;
    let open = desk.get_json("/api/v2/requests/open.json").await;
    assert_eq!(open["count"], 8);
    assert!(open["requests"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| ["new", "open", "pending", "hold"].contains(&r["status"].as_str().unwrap())));

    let solved = desk.get_json("/api/v2/requests/solved.json").await;
    assert_eq!(solved["count"], 4);

    let ccd = desk.get_json("/api/v2/requests/ccd.json").await;
    let ccd = ccd["requests"].as_array().unwrap();
    assert_eq!(ccd.len(), 1);
    assert_eq!(
        ccd[0]["subject"],
        "Shared workspace permissions for the design team"
    );
    assert!(ccd[0]["collaborator_ids"]
        .as_array()
        .unwrap()
        .contains(&json!(desk.handle.demo_customer_id())));
}

#[tokio::test]
async fn sorting_by_updated_at_desc_puts_the_latest_activity_first() {
    let desk = start().await;
    let body = desk
        .get_json("/api/v2/requests.json?sort_by=updated_at&sort_order=desc")
        .await;
    let updated: Vec<&str> = body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["updated_at"].as_str().unwrap())
        .collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted);

    let ascending = desk
        .get_json("/api/v2/requests.json?sort_by=created_at")
        .await;
    let created: Vec<&str> = ascending["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["created_at"].as_str().unwrap())
        .collect();
    let mut sorted = created.clone();
    sorted.sort();
    assert_eq!(created, sorted);
}

#[tokio::test]
async fn another_customers_request_is_forbidden_and_an_unknown_one_not_found() {
    let desk = start().await;
    let forbidden = desk
        .get(&format!("/api/v2/requests/{OTHER_CUSTOMERS_REQUEST}.json"))
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let body: Value = forbidden.json().await.unwrap();
    assert_eq!(body["error"], "Forbidden");
    assert!(body["description"].is_string());

    for path in [
        "/api/v2/requests/9999999999.json",
        "/api/v2/requests/abc.json",
    ] {
        let missing = desk.get(path).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = missing.json().await.unwrap();
        assert_eq!(
            body,
            json!({"error": "RecordNotFound", "description": "Not found"})
        );
    }
}

#[tokio::test]
async fn showing_with_include_users_sideloads_the_people_on_the_request() {
    let desk = start().await;
    let body = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}.json?include=users"
        ))
        .await;
    assert_request_shape(&body["request"]);
    assert_eq!(body["request"]["can_be_solved_by_me"], true);
    let users = body["users"].as_array().unwrap();
    assert_eq!(users.len(), 2);
    for user in users {
        assert_fields(
            user,
            &[
                ("id", "number"),
                ("name", "string"),
                ("photo", "null|object"),
                ("agent", "boolean"),
            ],
        );
    }
    assert!(users.iter().any(|u| u["agent"] == true));

    let problem = desk
        .get_json(&format!("/api/v2/requests/{WEBHOOK_REQUEST}.json"))
        .await;
    assert_eq!(problem["request"]["type"], "problem");
    assert_eq!(problem["request"]["can_be_solved_by_me"], false);
}

#[tokio::test]
async fn creating_a_request_returns_201_with_location_and_the_new_request() {
    let desk = start().await;
    let response = desk
        .post(
            "/api/v2/requests.json",
            &json!({"request": {
                "subject": "Sync stops after sleep",
                "comment": {"body": "After waking the laptop the app shows 'offline' until restart."},
                "priority": "normal",
                "type": "incident",
                "custom_fields": [{"id": 360011122233u64, "value": "win11"}],
                "collaborators": ["teamlead@example.org"]
            }}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = header(&response, "location").to_owned();
    let body: Value = response.json().await.unwrap();
    let request = &body["request"];
    assert_request_shape(request);
    assert_eq!(request["url"], location);
    assert_eq!(request["status"], "new");
    assert_eq!(request["subject"], "Sync stops after sleep");
    assert_eq!(
        request["description"],
        "After waking the laptop the app shows 'offline' until restart."
    );
    assert_eq!(request["via"]["channel"], "api");
    assert_eq!(request["priority"], "normal");
    assert_eq!(request["type"], "incident");
    assert_eq!(
        request["custom_fields"],
        json!([{"id": 360011122233u64, "value": "win11"}])
    );
    assert_eq!(request["fields"], request["custom_fields"]);
    assert_eq!(request["collaborator_ids"].as_array().unwrap().len(), 1);
    assert_eq!(request["email_cc_ids"], request["collaborator_ids"]);
    assert_eq!(request["can_be_solved_by_me"], false);

    let id = request["id"].as_u64().unwrap();
    let comments = desk
        .get_json(&format!("/api/v2/requests/{id}/comments.json"))
        .await;
    assert_eq!(comments["comments"][0]["body"], request["description"]);
    assert_eq!(
        comments["comments"][0]["author_id"].as_u64(),
        Some(desk.handle.demo_customer_id())
    );
}

#[tokio::test]
async fn creating_a_request_without_subject_or_comment_is_422_record_invalid() {
    let desk = start().await;
    let response = desk
        .post(
            "/api/v2/requests.json",
            &json!({"request": {"priority": "high"}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "RecordInvalid");
    assert_eq!(body["description"], "Record validation errors");
    let subject = &body["details"]["subject"][0];
    assert_fields(subject, &[("description", "string"), ("error", "string")]);
    assert!(body["details"]["description"].is_array());

    let bad_priority = desk
        .post(
            "/api/v2/requests.json",
            &json!({"request": {"subject": "x", "comment": {"body": "y"}, "priority": "asap"}}),
        )
        .await;
    assert_eq!(bad_priority.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = bad_priority.json().await.unwrap();
    assert!(body["details"]["priority"].is_array());
}

#[tokio::test]
async fn malformed_json_is_400() {
    let desk = start().await;
    let response = desk
        .as_dana(reqwest::Method::POST, "/api/v2/requests.json")
        .header("content-type", "application/json")
        .body("{\"request\": {\"subject\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn replying_appends_a_public_comment_bumps_updated_at_and_reopens_pending() {
    let desk = start().await;
    let before = desk
        .get_json(&format!("/api/v2/requests/{WEBHOOK_REQUEST}.json"))
        .await;
    assert_eq!(before["request"]["status"], "pending");
    let response = desk
        .put(
            &format!("/api/v2/requests/{WEBHOOK_REQUEST}.json"),
            &json!({"request": {"comment": {"body": "Still happening on 2.3.1"}}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let after: Value = response.json().await.unwrap();
    assert_eq!(after["request"]["status"], "open");
    assert!(
        after["request"]["updated_at"].as_str().unwrap()
            > before["request"]["updated_at"].as_str().unwrap()
    );
    let comments = desk
        .get_json(&format!(
            "/api/v2/requests/{WEBHOOK_REQUEST}/comments.json?sort=-created_at&page[size]=1"
        ))
        .await;
    assert_eq!(comments["comments"][0]["body"], "Still happening on 2.3.1");
    assert_eq!(comments["comments"][0]["public"], true);
}

#[tokio::test]
async fn solving_is_silently_ignored_until_an_agent_is_assigned() {
    let desk = start().await;
    let request = desk
        .create_request("Printer on fire", "It is on fire.")
        .await;
    let id = request["id"].as_u64().unwrap();
    let path = format!("/api/v2/requests/{id}.json");

    let ignored = desk.put(&path, &json!({"request": {"solved": true}})).await;
    assert_eq!(ignored.status(), StatusCode::OK);
    let ignored: Value = ignored.json().await.unwrap();
    assert_eq!(ignored["request"]["status"], "new");
    assert_eq!(ignored["request"]["can_be_solved_by_me"], false);

    desk.handle.assign(id).await.unwrap();
    let assigned = desk.get_json(&path).await;
    assert_eq!(assigned["request"]["can_be_solved_by_me"], true);
    assert_eq!(assigned["request"]["status"], "open");

    let solved = desk
        .put(&path, &json!({"request": {"solved": "true"}}))
        .await;
    let solved: Value = solved.json().await.unwrap();
    assert_eq!(solved["request"]["status"], "solved");
    assert_eq!(solved["request"]["can_be_solved_by_me"], false);
}

#[tokio::test]
async fn updating_a_closed_request_is_422() {
    let desk = start().await;
    let response = desk
        .put(
            &format!("/api/v2/requests/{CLOSED_REQUEST}.json"),
            &json!({"request": {"comment": {"body": "One more thing"}}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "RecordInvalid");
    assert!(body["details"]["status"].is_array());
}

#[tokio::test]
async fn updating_another_customers_request_is_forbidden() {
    let desk = start().await;
    let response = desk
        .put(
            &format!("/api/v2/requests/{OTHER_CUSTOMERS_REQUEST}.json"),
            &json!({"request": {"comment": {"body": "hi"}}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn additional_collaborators_are_added_to_the_request() {
    let desk = start().await;
    let response = desk
        .put(
            &format!("/api/v2/requests/{SIGN_IN_REQUEST}.json"),
            &json!({"request": {"additional_collaborators": ["it@example.com", {"name": "Kim", "email": "kim@example.com"}]}}),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["request"]["collaborator_ids"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn search_finds_requests_by_words_in_subject_or_description() {
    let desk = start().await;
    let csv = desk
        .get_json("/api/v2/requests/search.json?query=csv")
        .await;
    assert_eq!(ids_of(&csv["requests"]), vec![EXPORT_REQUEST]);
    assert_eq!(csv["count"], 1);
    assert!(csv.get("next_page").is_some() && csv.get("previous_page").is_some());

    let french = desk
        .get_json("/api/v2/requests/search.json?query=facture%20TVA")
        .await;
    assert_eq!(french["count"], 1);

    let by_status = desk
        .get_json("/api/v2/requests/search.json?query=status:closed")
        .await;
    assert_eq!(by_status["count"], 2);

    let beyond = desk
        .get("/api/v2/requests/search.json?query=the&page=11&per_page=100")
        .await;
    assert_eq!(beyond.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn offset_pages_beyond_the_hundredth_are_400() {
    let desk = start().await;
    let response = desk.get("/api/v2/requests.json?page=101&per_page=1").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn listing_with_include_users_sideloads_requesters_assignees_and_ccs() {
    let desk = start().await;
    let body = desk
        .get_json("/api/v2/requests/ccd.json?include=users")
        .await;
    let mut names: Vec<&str> = body["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Alex Martin", "Dana Demo", "Sam Rivera"]);
    let without = desk.get_json("/api/v2/requests/ccd.json").await;
    assert!(without.get("users").is_none());
}
