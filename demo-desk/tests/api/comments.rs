use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{
    assert_fields, ids_of, is_zendesk_time, start, CCD_REQUEST, EXPORT_REQUEST,
    OTHER_CUSTOMERS_REQUEST,
};

fn bodies(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|comment| comment["body"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn comments_list_only_public_comments_oldest_first_with_the_documented_fields() {
    let desk = start().await;
    let body = desk
        .get_json(&format!("/api/v2/requests/{EXPORT_REQUEST}/comments.json"))
        .await;
    let comments = body["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 4, "the internal note is not shown");
    assert_eq!(body["count"], 4);
    for comment in comments {
        assert_fields(
            comment,
            &[
                ("id", "number"),
                ("type", "string"),
                ("request_id", "number"),
                ("body", "string"),
                ("html_body", "string"),
                ("plain_body", "string"),
                ("public", "boolean"),
                ("author_id", "number"),
                ("attachments", "array"),
                ("created_at", "string"),
            ],
        );
        assert_eq!(comment["type"], "Comment");
        assert_eq!(comment["public"], true);
        assert_eq!(comment["request_id"].as_u64(), Some(EXPORT_REQUEST));
        assert!(comment["html_body"]
            .as_str()
            .unwrap()
            .starts_with("<div class=\"zd-comment\""));
        assert!(is_zendesk_time(comment["created_at"].as_str().unwrap()));
    }
    let created: Vec<&str> = comments
        .iter()
        .map(|c| c["created_at"].as_str().unwrap())
        .collect();
    let mut sorted = created.clone();
    sorted.sort();
    assert_eq!(created, sorted);
    assert!(bodies(&body["comments"])
        .iter()
        .all(|text| !text.starts_with("Internal")));
}

#[tokio::test]
async fn comments_since_returns_only_comments_at_or_after_that_time() {
    let desk = start().await;
    let all = desk
        .get_json(&format!("/api/v2/requests/{EXPORT_REQUEST}/comments.json"))
        .await;
    let third_at = all["comments"][2]["created_at"]
        .as_str()
        .unwrap()
        .to_owned();
    let since = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments.json?since={third_at}"
        ))
        .await;
    assert_eq!(
        ids_of(&since["comments"]),
        ids_of(&all["comments"])[2..].to_vec()
    );

    let bad = desk
        .get(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments.json?since=yesterday"
        ))
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_role_filter_separates_agents_from_end_users() {
    let desk = start().await;
    let agents = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments.json?role=agent&include=users"
        ))
        .await;
    let end_users = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments.json?role=end_user"
        ))
        .await;
    assert_eq!(agents["comments"].as_array().unwrap().len(), 2);
    assert_eq!(end_users["comments"].as_array().unwrap().len(), 2);
    let agent_ids = desk.handle.agent_ids();
    assert!(agents["comments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| agent_ids.contains(&c["author_id"].as_u64().unwrap())));
    assert!(end_users["comments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["author_id"].as_u64() == Some(desk.handle.demo_customer_id())));
    let users = agents["users"].as_array().unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["agent"], true);
}

#[tokio::test]
async fn comments_sort_newest_first_in_both_pagination_styles() {
    let desk = start().await;
    let all = ids_of(
        &desk
            .get_json(&format!("/api/v2/requests/{EXPORT_REQUEST}/comments.json"))
            .await["comments"],
    );
    let mut newest_first = all.clone();
    newest_first.reverse();

    let cursor = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments.json?sort=-created_at&page[size]=3"
        ))
        .await;
    assert_eq!(ids_of(&cursor["comments"]), newest_first[..3].to_vec());
    assert_eq!(cursor["meta"]["has_more"], true);

    let offset = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments.json?sort_by=created_at&sort_order=desc"
        ))
        .await;
    assert_eq!(ids_of(&offset["comments"]), newest_first);
}

#[tokio::test]
async fn one_comment_can_be_fetched_but_not_an_internal_note() {
    let desk = start().await;
    let all = ids_of(
        &desk
            .get_json(&format!("/api/v2/requests/{EXPORT_REQUEST}/comments.json"))
            .await["comments"],
    );
    let one = desk
        .get_json(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments/{}.json",
            all[1]
        ))
        .await;
    assert_eq!(one["comment"]["id"].as_u64(), Some(all[1]));

    // The seeded internal note sits between the second and third public comments.
    let note = all[1] + 1;
    let hidden = desk
        .get(&format!(
            "/api/v2/requests/{EXPORT_REQUEST}/comments/{note}.json"
        ))
        .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn comments_of_another_customers_request_are_forbidden_but_ccd_ones_are_readable() {
    let desk = start().await;
    let forbidden = desk
        .get(&format!(
            "/api/v2/requests/{OTHER_CUSTOMERS_REQUEST}/comments.json"
        ))
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let ccd = desk
        .get_json(&format!("/api/v2/requests/{CCD_REQUEST}/comments.json"))
        .await;
    assert_eq!(ccd["comments"].as_array().unwrap().len(), 2);
}
