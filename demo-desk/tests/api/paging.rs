use demo_desk::RequestDraft;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use crate::helpers::{ids_of, start, start_empty, TestDesk};

/// Follows `links.next` from `first_path` to the end; returns every page's body.
async fn walk_forward(desk: &TestDesk, first_path: &str) -> Vec<Value> {
    let mut pages = vec![desk.get_json(first_path).await];
    while pages.last().unwrap()["meta"]["has_more"] == true {
        let next = pages.last().unwrap()["links"]["next"]
            .as_str()
            .expect("a next link while has_more")
            .to_owned();
        assert!(
            next.starts_with(&desk.handle.base_url()),
            "absolute: {next}"
        );
        let response = desk
            .http
            .get(&next)
            .bearer_auth(desk.handle.demo_token())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        pages.push(response.json().await.unwrap());
    }
    pages
}

/// Requests spread over the past ten days, three to a second so that ties need the id.
fn drafts(count: usize) -> Vec<RequestDraft> {
    let start = SystemTime::now() - Duration::from_secs(10 * 24 * 3600);
    (0..count)
        .map(|index| {
            let slot = (index * 7919) % count / 3;
            let mut draft = RequestDraft::new(format!("Imported request {index}"), "Imported.");
            draft.created_at = Some(start + Duration::from_secs(slot as u64 * 60));
            draft
        })
        .collect()
}

/// `(updated_at, id)` in the order served.
fn keys_of(pages: &[Value]) -> Vec<(String, u64)> {
    pages
        .iter()
        .flat_map(|page| page["requests"].as_array().unwrap().clone())
        .map(|request| {
            (
                request["updated_at"].as_str().unwrap().to_owned(),
                request["id"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn assert_newest_first(keys: &[(String, u64)]) {
    for pair in keys.windows(2) {
        assert!(
            pair[0] > pair[1],
            "out of order: {:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
}

#[tokio::test]
async fn cursor_pages_carry_meta_and_links_and_walk_both_ways() {
    let desk = start().await;
    let first = desk
        .get_json("/api/v2/requests.json?sort_by=updated_at&sort_order=desc&page[size]=5")
        .await;
    assert_eq!(first["requests"].as_array().unwrap().len(), 5);
    assert_eq!(first["meta"]["has_more"], true);
    assert!(first["meta"]["after_cursor"].is_string());
    assert!(first["meta"]["before_cursor"].is_string());
    assert_eq!(first["links"]["prev"], Value::Null);
    let next = first["links"]["next"].as_str().unwrap();
    assert!(next.contains("page%5Bafter%5D=") && next.contains("page%5Bsize%5D=5"));
    assert!(next.contains("sort_by=updated_at") && next.contains("sort_order=desc"));
    assert!(first.get("count").is_none() && first.get("next_page").is_none());

    let second: Value = desk
        .http
        .get(next)
        .bearer_auth(desk.handle.demo_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(second["requests"].as_array().unwrap().len(), 5);
    let prev = second["links"]["prev"].as_str().unwrap();
    assert!(prev.contains("page%5Bbefore%5D="));
    let back: Value = desk
        .http
        .get(prev)
        .bearer_auth(desk.handle.demo_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ids_of(&back["requests"]), ids_of(&first["requests"]));
    assert_eq!(
        back["meta"]["has_more"], false,
        "nothing before the first page"
    );

    let all = walk_forward(
        &desk,
        "/api/v2/requests.json?sort_by=updated_at&sort_order=desc&page[size]=5",
    )
    .await;
    assert_eq!(all.len(), 3);
    let last = all.last().unwrap();
    assert_eq!(last["requests"].as_array().unwrap().len(), 2);
    assert_eq!(last["links"]["next"], Value::Null);
}

#[tokio::test]
async fn paging_through_1000_requests_with_cursors_returns_each_exactly_once_in_order() {
    let desk = start_empty().await;
    let imported: HashSet<u64> = desk
        .handle
        .import_requests(drafts(1000))
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(imported.len(), 1000);

    let pages = walk_forward(
        &desk,
        "/api/v2/requests.json?sort_by=updated_at&sort_order=desc&page%5Bsize%5D=100",
    )
    .await;
    assert_eq!(pages.len(), 10);
    let keys = keys_of(&pages);
    assert_eq!(keys.len(), 1000);
    let served: HashSet<u64> = keys.iter().map(|(_, id)| *id).collect();
    assert_eq!(served, imported, "every request exactly once");
    assert_newest_first(&keys);
}

#[tokio::test]
async fn requests_created_between_page_fetches_neither_skip_nor_repeat_existing_ones() {
    let desk = start_empty().await;
    let imported: Vec<u64> = desk.handle.import_requests(drafts(300)).await.unwrap();

    let mut next =
        Some(desk.url("/api/v2/requests.json?sort_by=updated_at&sort_order=desc&page[size]=50"));
    let mut pages = Vec::new();
    let mut created = 0;
    while let Some(url) = next {
        let page: Value = desk
            .http
            .get(&url)
            .bearer_auth(desk.handle.demo_token())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        next = page["links"]["next"].as_str().map(str::to_owned);
        pages.push(page);
        desk.create_request(&format!("Written while paging {created}"), "New.")
            .await;
        created += 1;
    }
    let keys = keys_of(&pages);
    let served: Vec<u64> = keys.iter().map(|(_, id)| *id).collect();
    let unique: HashSet<u64> = served.iter().copied().collect();
    assert_eq!(unique.len(), served.len(), "no request twice");
    let old_served: Vec<u64> = served
        .iter()
        .copied()
        .filter(|id| imported.contains(id))
        .collect();
    assert_eq!(
        old_served.len(),
        imported.len(),
        "no existing request skipped"
    );
    assert_newest_first(&keys);
    assert!(created >= 6);
}

#[tokio::test]
async fn offset_pages_carry_next_previous_and_count() {
    let desk = start().await;
    let second = desk
        .get_json("/api/v2/requests.json?page=2&per_page=5")
        .await;
    assert_eq!(second["requests"].as_array().unwrap().len(), 5);
    assert_eq!(second["count"], 12);
    let next = second["next_page"].as_str().unwrap();
    let previous = second["previous_page"].as_str().unwrap();
    assert!(next.starts_with(&desk.handle.base_url()));
    assert!(next.contains("page=3") && next.contains("per_page=5"));
    assert!(previous.contains("page=1"));
    let third = desk
        .get_json("/api/v2/requests.json?page=3&per_page=5")
        .await;
    assert_eq!(third["requests"].as_array().unwrap().len(), 2);
    assert_eq!(third["next_page"], Value::Null);
}

#[tokio::test]
async fn bad_page_sizes_and_tampered_cursors_are_400() {
    let desk = start().await;
    for path in [
        "/api/v2/requests.json?page[size]=101",
        "/api/v2/requests.json?page[size]=0",
        "/api/v2/requests.json?page[after]=bm90IGEgY3Vyc29y",
    ] {
        let response = desk.get(path).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
    }
    // A cursor made for one sort order does not page another.
    let page = desk
        .get_json("/api/v2/requests.json?sort_by=updated_at&page[size]=2")
        .await;
    let cursor = page["meta"]["after_cursor"].as_str().unwrap();
    let response = desk
        .get(&format!(
            "/api/v2/requests.json?sort_by=created_at&page[size]=2&page[after]={cursor}"
        ))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_empty_list_has_null_cursors_and_links() {
    let desk = start_empty().await;
    let body = desk.get_json("/api/v2/requests.json?page[size]=10").await;
    assert_eq!(
        body,
        serde_json::json!({
            "requests": [],
            "meta": {"has_more": false, "after_cursor": null, "before_cursor": null},
            "links": {"next": null, "prev": null}
        })
    );
}
