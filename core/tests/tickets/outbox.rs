//! The outbox: durable, in order, exactly once.

use demo_desk::{DemoDesk, Fault};
use helpline_core::{
    ErrorCode, HelpdeskError, NewRequest, Outbox, OutboxError, OutboxState, Outgoing, Store,
    WireError,
};

use crate::helpers::{self, CLOSED_REQUEST, EXPORT_REQUEST};

fn new_request(subject: &str) -> Outgoing {
    Outgoing::NewRequest {
        request: NewRequest {
            subject: subject.into(),
            body: "The export stops at 80% with no error.".into(),
            ..NewRequest::default()
        },
        attachments: vec![],
    }
}

#[tokio::test]
async fn reply_written_offline_is_sent_once_after_reconnect() {
    let desk_dir = tempfile::tempdir().unwrap();
    let setup = helpers::start_with(helpers::durable_desk_config(desk_dir.path(), 0)).await;
    let port = setup.desk.address().port();
    let body = "Here is the project id: prj-4471.";
    let queued = setup
        .outbox
        .enqueue(Outgoing::Reply {
            request_id: EXPORT_REQUEST,
            body: body.into(),
            attachments: vec![],
        })
        .unwrap();
    assert_eq!(queued.state, OutboxState::Waiting);

    let helpers::Setup {
        desk,
        client,
        store,
        outbox,
        dir: _dir,
        ..
    } = setup;
    desk.shutdown().await;
    let error = outbox.flush().await.unwrap_err();
    assert!(
        matches!(error, OutboxError::Helpdesk(HelpdeskError::Offline(_))),
        "{error:?}"
    );
    assert_eq!(WireError::from(error).code, ErrorCode::Offline);
    let kept = outbox.items().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].state, OutboxState::Waiting);
    assert!(kept[0].last_error.is_some());

    // Back online: the same desk, same data, same address.
    let desk = DemoDesk::start(helpers::durable_desk_config(desk_dir.path(), port))
        .await
        .unwrap();
    let report = outbox.flush().await.unwrap();
    assert_eq!(report.sent.len(), 1);
    assert_eq!(outbox.items().unwrap()[0].state, OutboxState::Sent);
    assert!(outbox.flush().await.unwrap().sent.is_empty());

    let copies = helpers::desk_comments(&desk, EXPORT_REQUEST)
        .await
        .into_iter()
        .filter(|comment| comment.body == body)
        .count();
    assert_eq!(copies, 1);
    assert!(client.requests_sent() > 0);
    assert!(store.ticket(EXPORT_REQUEST).unwrap().is_some());
}

#[tokio::test]
async fn interrupted_send_is_reconciled_not_duplicated() {
    let setup = helpers::start().await;
    let subject = "Export stops at 80 percent";
    setup.outbox.enqueue(new_request(subject)).unwrap();
    helpers::drop_next_answer(&setup.desk, "/api/v2/requests");

    let error = setup.outbox.flush().await.unwrap_err();
    assert!(
        matches!(
            error,
            OutboxError::Helpdesk(HelpdeskError::UnknownOutcome(_))
        ),
        "{error:?}"
    );
    let item = &setup.outbox.items().unwrap()[0];
    assert_eq!(item.state, OutboxState::Sending, "the outcome is unknown");

    let before = setup.client.requests_sent();
    let report = setup.outbox.flush().await.unwrap();
    assert_eq!(report.sent.len(), 1);
    assert_eq!(
        setup.client.requests_sent() - before,
        2,
        "who am I, and one page of requests: found, not posted again"
    );

    let on_desk: Vec<_> = helpers::desk_requests(&setup.desk)
        .await
        .into_iter()
        .filter(|request| request.subject == subject)
        .collect();
    assert_eq!(on_desk.len(), 1);
    assert_eq!(report.sent[0].remote_id, Some(on_desk[0].id));
    assert!(setup.store.ticket(on_desk[0].id).unwrap().is_some());
}

#[tokio::test]
async fn an_unknown_outcome_stays_unknown_while_the_check_cannot_run() {
    let setup = helpers::start().await;
    let subject = "Login page loops";
    setup.outbox.enqueue(new_request(subject)).unwrap();
    helpers::drop_next_answer(&setup.desk, "/api/v2/requests");
    assert!(setup.outbox.flush().await.is_err());

    // The desk is down while the next flush tries to check.
    setup
        .desk
        .inject(Fault {
            status: Some(503),
            ..Fault::default()
        })
        .unwrap();
    let error = setup.outbox.flush().await.unwrap_err();
    assert!(
        matches!(
            error,
            OutboxError::Helpdesk(HelpdeskError::Server { status: 503, .. })
        ),
        "{error:?}"
    );
    assert_eq!(setup.outbox.items().unwrap()[0].state, OutboxState::Sending);

    setup.desk.clear_faults();
    assert_eq!(setup.outbox.flush().await.unwrap().sent.len(), 1);
    let on_desk = helpers::desk_requests_titled(&setup.desk, subject).await;
    assert_eq!(on_desk, 1);
}

#[tokio::test]
async fn interrupted_reply_is_reconciled_not_duplicated() {
    let setup = helpers::start().await;
    let body = "The export works again since this morning.";
    setup.outbox.enqueue(helpers::export_reply(body)).unwrap();
    helpers::drop_next_answer(&setup.desk, format!("/api/v2/requests/{EXPORT_REQUEST}"));

    assert!(setup.outbox.flush().await.is_err());
    let report = setup.outbox.flush().await.unwrap();
    let comments = helpers::desk_comments(&setup.desk, EXPORT_REQUEST).await;
    let copies: Vec<_> = comments.iter().filter(|c| c.body == body).collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(report.sent[0].remote_id, Some(copies[0].id));
}

#[tokio::test]
async fn a_send_that_never_arrived_is_sent_after_reconciling() {
    let setup = helpers::start().await;
    let subject = "Dashboard does not load";
    setup.outbox.enqueue(new_request(subject)).unwrap();
    // The desk fails the POST without creating anything: the outcome is unknown to the client.
    setup
        .desk
        .inject(Fault {
            route_prefix: Some("/api/v2/requests".into()),
            status: Some(500),
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();

    assert!(setup.outbox.flush().await.is_err());
    assert_eq!(setup.outbox.flush().await.unwrap().sent.len(), 1);
    let on_desk = helpers::desk_requests_titled(&setup.desk, subject).await;
    assert_eq!(on_desk, 1);
}

#[tokio::test]
async fn items_are_sent_in_the_order_they_were_written() {
    let setup = helpers::start().await;
    for n in 1..=3 {
        setup
            .outbox
            .enqueue(Outgoing::Reply {
                request_id: EXPORT_REQUEST,
                body: format!("Update {n}"),
                attachments: vec![],
            })
            .unwrap();
    }
    assert_eq!(setup.outbox.flush().await.unwrap().sent.len(), 3);
    let updates: Vec<String> = helpers::desk_comments(&setup.desk, EXPORT_REQUEST)
        .await
        .into_iter()
        .map(|comment| comment.body)
        .filter(|body| body.starts_with("Update "))
        .collect();
    assert_eq!(updates, ["Update 1", "Update 2", "Update 3"]);
}

#[tokio::test]
async fn a_refused_reply_fails_with_the_desks_reason_and_is_kept() {
    let setup = helpers::start().await;
    let refused = setup
        .outbox
        .enqueue(Outgoing::Reply {
            request_id: CLOSED_REQUEST,
            body: "Is this still broken?".into(),
            attachments: vec![],
        })
        .unwrap();
    setup
        .outbox
        .enqueue(Outgoing::Reply {
            request_id: EXPORT_REQUEST,
            body: "Any news?".into(),
            attachments: vec![],
        })
        .unwrap();

    let report = setup.outbox.flush().await.unwrap();
    assert_eq!(
        report.sent.len(),
        1,
        "a refusal does not hold up the others"
    );
    assert_eq!(report.failed.len(), 1);
    let failed = &report.failed[0];
    assert_eq!(failed.id, refused.id);
    assert_eq!(failed.state, OutboxState::Failed);
    assert!(
        failed.last_error.as_deref().unwrap().contains("closed"),
        "{:?}",
        failed.last_error
    );

    setup.outbox.retry(failed.id).unwrap();
    assert_eq!(setup.outbox.flush().await.unwrap().failed.len(), 1);
    setup.outbox.discard(failed.id).unwrap();
    assert_eq!(setup.outbox.items().unwrap().len(), 1);
}

#[tokio::test]
async fn blank_items_are_refused_before_they_are_queued() {
    let setup = helpers::start().await;
    let error = setup
        .outbox
        .enqueue(Outgoing::Reply {
            request_id: EXPORT_REQUEST,
            body: "  \n".into(),
            attachments: vec![],
        })
        .unwrap_err();
    assert_eq!(WireError::from(error).code, ErrorCode::InvalidInput);
    assert!(setup.outbox.items().unwrap().is_empty());
}

#[tokio::test]
async fn queued_items_survive_a_restart() {
    let setup = helpers::start().await;
    let path = setup.store.path().to_path_buf();
    let queued = setup
        .outbox
        .enqueue(new_request("Written before a crash"))
        .unwrap();
    drop(setup.outbox);
    drop(setup.sync);
    drop(setup.store);

    let store = Store::open(&path).unwrap();
    let outbox = Outbox::new(
        setup.client.clone(),
        store,
        helpers::staging_in(setup.dir.path()),
    );
    let items = outbox.items().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].idempotency_key, queued.idempotency_key);
    assert_eq!(outbox.flush().await.unwrap().sent.len(), 1);
}
