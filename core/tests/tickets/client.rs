//! The Zendesk client on its own: paging, errors, retries, budgets.

use std::time::{Duration, Instant};

use demo_desk::Fault;
use helpline_core::{
    ErrorCode, Helpdesk, HelpdeskError, NewRequest, WireError, ZendeskClient, ZendeskConfig,
};

use crate::helpers::{self, SEEDED_REQUESTS, SIGN_IN_REQUEST};

#[tokio::test]
async fn requests_are_listed_newest_activity_first_across_cursor_pages() {
    let setup = helpers::start().await;
    let mut config = ZendeskConfig::new(setup.desk.zendesk_url(), setup.desk.demo_token());
    config.page_size = 5;
    let client = ZendeskClient::with_config(config).unwrap();

    let mut pages = 0;
    let mut requests = Vec::new();
    let mut cursor = None;
    loop {
        let page = client.list_requests_page(cursor.as_ref()).await.unwrap();
        assert!(page.server_time.is_some(), "the desk's Date header is read");
        pages += 1;
        requests.extend(page.requests);
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(requests.len(), SEEDED_REQUESTS);
    assert!(requests
        .windows(2)
        .all(|pair| pair[0].updated_at >= pair[1].updated_at));
    assert_eq!(client.requests_sent(), 3);
}

#[tokio::test]
async fn rate_limited_desk_is_retried_after_retry_after() {
    let setup = helpers::start().await;
    setup
        .desk
        .inject(Fault {
            route_prefix: Some("/api/v2/requests".into()),
            status: Some(429),
            retry_after_s: Some(1),
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();

    let started = Instant::now();
    let page = setup.client.list_requests_page(None).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
    assert!(!page.requests.is_empty());
    assert_eq!(setup.client.requests_sent(), 2, "one refused, one answered");
}

#[tokio::test]
async fn a_long_retry_after_is_reported_not_waited_for() {
    let setup = helpers::start().await;
    setup
        .desk
        .inject(Fault {
            status: Some(429),
            retry_after_s: Some(120),
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();

    let error = setup.client.list_requests_page(None).await.unwrap_err();
    assert_eq!(
        error,
        HelpdeskError::RateLimited {
            retry_after: Some(Duration::from_secs(120))
        }
    );
    assert_eq!(WireError::from(error).code, ErrorCode::RateLimited);
    assert_eq!(setup.client.requests_sent(), 1);
}

#[tokio::test]
async fn server_errors_on_reads_are_retried_with_backoff() {
    let setup = helpers::start().await;
    setup
        .desk
        .inject(Fault {
            status: Some(500),
            count: Some(2),
            ..Fault::default()
        })
        .unwrap();
    let request = setup.client.request(SIGN_IN_REQUEST).await.unwrap();
    assert_eq!(request.id, SIGN_IN_REQUEST);
    assert_eq!(setup.client.requests_sent(), 3);
}

#[tokio::test]
async fn an_unknown_token_means_the_sign_in_expired() {
    let setup = helpers::start().await;
    let stranger = ZendeskClient::new(&setup.desk.zendesk_url(), "not-a-token").unwrap();
    assert_eq!(
        stranger.list_requests_page(None).await.unwrap_err(),
        HelpdeskError::AuthExpired
    );
    assert_eq!(stranger.me().await.unwrap_err(), HelpdeskError::AuthExpired);
}

#[tokio::test]
async fn me_is_the_demo_customer() {
    let setup = helpers::start().await;
    let me = setup.client.me().await.unwrap();
    assert_eq!(me.id, setup.desk.demo_customer_id());
    assert_eq!(me.role, "end-user");
}

#[tokio::test]
async fn the_desks_validation_details_reach_the_user() {
    let setup = helpers::start().await;
    let blank = NewRequest {
        subject: String::new(),
        body: "It breaks".into(),
        ..NewRequest::default()
    };
    let error = setup
        .client
        .create_request(&blank, &[], "key-1")
        .await
        .unwrap_err();
    match &error {
        HelpdeskError::Invalid(message) => assert!(message.contains("Subject"), "{message}"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(WireError::from(error).code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn unknown_requests_are_not_found() {
    let setup = helpers::start().await;
    assert_eq!(
        setup.client.request(4_294_999_999).await.unwrap_err(),
        HelpdeskError::NotFound
    );
}

#[tokio::test]
async fn solving_before_an_agent_holds_the_request_is_refused() {
    let setup = helpers::start().await;
    assert_eq!(
        setup.client.solve(SIGN_IN_REQUEST).await.unwrap_err(),
        HelpdeskError::NotSolvable
    );
    setup.desk.assign(SIGN_IN_REQUEST).await.unwrap();
    let solved = setup.client.solve(SIGN_IN_REQUEST).await.unwrap();
    assert!(solved.status.is_done());
}

#[tokio::test]
async fn a_refused_connection_is_offline_after_bounded_retries() {
    let setup = helpers::start().await;
    let address = setup.desk.address();
    setup.desk.shutdown().await;
    let client = ZendeskClient::new(&format!("http://{address}"), "token").unwrap();
    let error = client.list_requests_page(None).await.unwrap_err();
    assert!(matches!(error, HelpdeskError::Offline(_)), "{error:?}");
    assert_eq!(client.requests_sent(), 3);
}

#[tokio::test]
async fn follow_ups_and_copies_are_sent_with_a_new_request() {
    let setup = helpers::start().await;
    let follow_up = NewRequest {
        subject: "Two-factor codes rejected again".into(),
        body: "Same as before, since this morning.".into(),
        cc_emails: vec!["teamlead@example.org".into()],
        followup_of: Some(helpers::CLOSED_REQUEST),
        kind: Some("incident".into()),
        priority: Some("high".into()),
        custom_fields: vec![],
    };
    let created = setup
        .client
        .create_request(&follow_up, &[], "f-1")
        .await
        .unwrap();
    assert_eq!(created.subject, follow_up.subject);
    assert_eq!(
        created.priority.as_deref(),
        Some("high"),
        "the priority reached the desk"
    );

    // Only closed requests can be followed up: the field reached the desk.
    let not_closed = NewRequest {
        followup_of: Some(SIGN_IN_REQUEST),
        ..follow_up
    };
    let error = setup
        .client
        .create_request(&not_closed, &[], "f-2")
        .await
        .unwrap_err();
    assert!(matches!(error, HelpdeskError::Invalid(_)), "{error:?}");
}

/// A "desk" whose every listing says there is one more page: a broken proxy or a desk bug.
async fn endless_pages_desk() -> String {
    use axum::extract::Request;
    use axum::response::IntoResponse;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let next_base = base.clone();
    let answer = move |request: Request| {
        let next_base = next_base.clone();
        async move {
            let path = request.uri().path().to_owned();
            let next = format!("{next_base}{path}?page[after]=again");
            let links = serde_json::json!({ "next": next });
            let meta = serde_json::json!({ "has_more": true, "after_cursor": "again" });
            let body = match path.as_str() {
                "/api/v2/users/me.json" => {
                    serde_json::json!({ "user": { "id": 7, "name": "Dana" } })
                }
                p if p.ends_with("/comments.json") => {
                    serde_json::json!({ "comments": [], "users": [], "meta": meta, "links": links })
                }
                _ => serde_json::json!({ "requests": [], "meta": meta, "links": links }),
            };
            axum::Json(body).into_response()
        }
    };
    tokio::spawn(async move {
        axum::serve(listener, axum::Router::new().fallback(answer))
            .await
            .unwrap();
    });
    base
}

#[tokio::test]
async fn a_listing_that_never_ends_stops_with_a_clear_error() {
    let base = endless_pages_desk().await;
    let client = ZendeskClient::new(&base, "token").unwrap();
    let error = client.comments_since(42, None).await.unwrap_err();
    assert!(
        matches!(&error, HelpdeskError::Protocol(text) if text.contains("more comments after")),
        "{error:?}"
    );
    assert_eq!(
        client.requests_sent(),
        u64::from(helpline_core::MAX_LIST_PAGES)
    );

    let store = helpline_core::Store::open_in_memory().unwrap();
    let client = std::sync::Arc::new(ZendeskClient::new(&base, "token").unwrap());
    let sync = helpline_core::SyncEngine::new(client, store);
    let error = sync.sync_once().await.unwrap_err().to_string();
    assert!(error.contains("more requests after"), "{error}");
}
