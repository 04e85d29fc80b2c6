use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::{assert_fields, start};

#[tokio::test]
async fn search_results_are_articles_with_em_snippets_and_offset_fields() {
    let desk = start().await;
    let body = desk
        .get_anonymous_json("/api/v2/help_center/articles/search.json?query=proxy")
        .await;
    assert_fields(
        &body,
        &[
            ("results", "array"),
            ("count", "number"),
            ("next_page", "null|string"),
            ("previous_page", "null|string"),
            ("page", "number"),
            ("per_page", "number"),
            ("page_count", "number"),
        ],
    );
    assert_eq!(body["per_page"], 25);
    let results = body["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert_eq!(results[0]["id"], 1030, "the proxy article ranks first");
    for result in results {
        assert_eq!(result["result_type"], "article");
        assert_eq!(result["locale"], "en-us");
        let snippet = result["snippet"].as_str().unwrap();
        assert!(snippet.to_lowercase().contains("<em>prox"), "{snippet}");
        assert!(!snippet.contains("<p>"), "snippets are text: {snippet}");
    }
}

#[tokio::test]
async fn search_follows_the_locale_and_every_long_word_must_match() {
    let desk = start().await;
    let french = desk
        .get_anonymous_json("/api/v2/help_center/articles/search.json?query=pare-feu&locale=fr")
        .await;
    let results = french["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["locale"] == "fr"));
    assert_eq!(results[0]["id"], 1030, "a title match ranks first");
    assert!(results.iter().any(|r| r["snippet"]
        .as_str()
        .unwrap()
        .contains("<em>pare</em>-<em>feu</em>")));

    let everywhere = desk
        .get_anonymous_json(
            "/api/v2/help_center/articles/search.json?query=helpline&locale=*&per_page=100",
        )
        .await;
    let locales: std::collections::HashSet<&str> = everywhere["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locale"].as_str().unwrap())
        .collect();
    assert_eq!(locales.len(), 2);

    let nothing = desk
        .get_anonymous_json("/api/v2/help_center/articles/search.json?query=proxy+zeppelin")
        .await;
    assert_eq!(nothing["count"], 0);
}

#[tokio::test]
async fn search_filters_by_section_category_and_labels() {
    let desk = start().await;
    let sections = desk
        .get_anonymous_json("/api/v2/help_center/en-us/sections.json")
        .await;
    let troubleshooting = &sections["sections"][4];
    let section_id = troubleshooting["id"].as_u64().unwrap();
    let category_id = troubleshooting["category_id"].as_u64().unwrap();

    let in_section = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/articles/search.json?section={section_id}"
        ))
        .await;
    assert_eq!(in_section["count"], 7);
    let in_category = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/articles/search.json?query=notifications&category={category_id}"
        ))
        .await;
    assert!(in_category["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["section_id"] == section_id));

    let labelled = desk
        .get_anonymous_json("/api/v2/help_center/articles/search.json?label_names=URGENT,keyring")
        .await;
    let results = labelled["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let labels = result["label_names"].as_array().unwrap();
        assert!(
            labels.iter().any(|l| l == "urgent" || l == "keyring"),
            "OR, any case"
        );
    }
}

#[tokio::test]
async fn search_pages_by_offset_and_refuses_pages_past_1000_results() {
    let desk = start().await;
    let first = desk
        .get_anonymous_json("/api/v2/help_center/articles/search.json?query=ticket&per_page=2")
        .await;
    assert_eq!(first["results"].as_array().unwrap().len(), 2);
    assert!(first["count"].as_u64().unwrap() > 2);
    let second = desk.follow_json(first["next_page"].as_str().unwrap()).await;
    assert_eq!(second["page"], 2);
    assert_ne!(second["results"][0]["id"], first["results"][0]["id"]);

    let beyond = desk
        .anonymous(
            Method::GET,
            "/api/v2/help_center/articles/search.json?query=ticket&per_page=25&page=41",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn search_needs_a_query_or_a_filter() {
    let desk = start().await;
    let response = desk
        .anonymous(Method::GET, "/api/v2/help_center/articles/search.json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "InvalidSearchParameter");
}
