//! Writes whose outcome is unknown: the desk did the work and then answered 502, 503 or 504
//! (what Zendesk's proxies say when the application was slow), or the connection dropped
//! after the work. Each is reconciled against the desk, never sent again blind, and a reply
//! the user sends twice on purpose is on the desk twice.

use demo_desk::{DemoHandle, Fault};
use helpline_core::{Helpdesk, HelpdeskError, NewRequest, OutboxError, OutboxState, Outgoing};

use crate::helpers::{self, Setup, EXPORT_REQUEST};

/// What the desk does after committing the write.
#[derive(Debug, Clone, Copy)]
enum AfterCommit {
    Answer(u16),
    DropConnection,
}

const EVERY_FAULT: [AfterCommit; 4] = [
    AfterCommit::Answer(502),
    AfterCommit::Answer(503),
    AfterCommit::Answer(504),
    AfterCommit::DropConnection,
];

/// The next call under `route_prefix` with `method` is done by the desk, then answered with
/// `after`.
fn commit_then(desk: &DemoHandle, route_prefix: &str, after: AfterCommit) {
    let (status, drop_after_headers) = match after {
        AfterCommit::Answer(status) => (Some(status), false),
        AfterCommit::DropConnection => (None, true),
    };
    desk.inject(Fault {
        route_prefix: Some(route_prefix.into()),
        status,
        drop_after_headers,
        after_commit: true,
        count: Some(1),
        ..Fault::default()
    })
    .unwrap();
}

use helpers::export_reply as reply;

async fn copies_of(desk: &DemoHandle, body: &str) -> usize {
    helpers::desk_comments(desk, EXPORT_REQUEST)
        .await
        .iter()
        .filter(|comment| comment.body == body)
        .count()
}

/// Flushes until nothing waits: the first flush meets the fault and must say the outcome is
/// unknown (not retry it away), the next one reconciles.
async fn flush_through_unknown_outcome(setup: &Setup, fault: AfterCommit) {
    let error = setup.outbox.flush().await.unwrap_err();
    assert!(
        matches!(
            error,
            OutboxError::Helpdesk(HelpdeskError::UnknownOutcome(_))
        ),
        "{fault:?}: {error:?}"
    );
    assert_eq!(setup.outbox.items().unwrap()[0].state, OutboxState::Sending);
    let report = setup.outbox.flush().await.unwrap();
    assert_eq!(report.sent.len(), 1, "{fault:?}");
}

#[tokio::test]
async fn a_reply_committed_before_a_failure_is_on_the_desk_once() {
    for fault in EVERY_FAULT {
        let setup = helpers::start().await;
        let body = format!("Still failing after the update ({fault:?}).");
        setup.outbox.enqueue(reply(&body)).unwrap();
        commit_then(
            &setup.desk,
            &format!("/api/v2/requests/{EXPORT_REQUEST}"),
            fault,
        );
        flush_through_unknown_outcome(&setup, fault).await;
        assert_eq!(copies_of(&setup.desk, &body).await, 1, "{fault:?}");
    }
}

#[tokio::test]
async fn a_new_request_committed_before_a_failure_is_on_the_desk_once() {
    for fault in EVERY_FAULT {
        let setup = helpers::start().await;
        let subject = format!("Scheduled exports are stuck ({fault:?})");
        setup
            .outbox
            .enqueue(Outgoing::NewRequest {
                request: NewRequest {
                    subject: subject.clone(),
                    body: "Nothing has left the queue since 04:00.".into(),
                    ..NewRequest::default()
                },
                attachments: vec![],
            })
            .unwrap();
        commit_then(&setup.desk, "/api/v2/requests", fault);
        flush_through_unknown_outcome(&setup, fault).await;
        let on_desk = helpers::desk_requests_titled(&setup.desk, &subject).await;
        assert_eq!(on_desk, 1, "{fault:?}");
    }
}

#[tokio::test]
async fn a_solve_committed_before_a_failure_is_recognised() {
    for fault in EVERY_FAULT {
        let setup = helpers::start().await;
        setup
            .outbox
            .enqueue(Outgoing::Solve {
                request_id: EXPORT_REQUEST,
            })
            .unwrap();
        commit_then(
            &setup.desk,
            &format!("/api/v2/requests/{EXPORT_REQUEST}"),
            fault,
        );
        flush_through_unknown_outcome(&setup, fault).await;
        let solved = setup.client.request(EXPORT_REQUEST).await.unwrap();
        assert!(solved.status.is_done(), "{fault:?}: {:?}", solved.status);
    }
}

#[tokio::test]
async fn an_upload_whose_answer_is_lost_is_uploaded_again_and_attached_once() {
    for fault in EVERY_FAULT {
        let setup = helpers::start().await;
        let staged = setup
            .outbox
            .staging()
            .stage_bytes("export.log", b"04:00 export queued\n04:00 worker stalled\n")
            .unwrap();
        let body = format!("The log is attached ({fault:?}).");
        setup
            .outbox
            .enqueue(Outgoing::Reply {
                request_id: EXPORT_REQUEST,
                body: body.clone(),
                attachments: vec![staged],
            })
            .unwrap();
        commit_then(&setup.desk, "/api/v2/uploads", fault);
        // Nothing depends on an unclaimed upload: it waits and is simply uploaded again.
        assert!(setup.outbox.flush().await.is_err(), "{fault:?}");
        assert_eq!(setup.outbox.items().unwrap()[0].state, OutboxState::Waiting);
        assert_eq!(setup.outbox.flush().await.unwrap().sent.len(), 1);
        let comments = helpers::desk_comments(&setup.desk, EXPORT_REQUEST).await;
        let sent: Vec<_> = comments.iter().filter(|c| c.body == body).collect();
        assert_eq!(sent.len(), 1, "{fault:?}");
        assert_eq!(sent[0].attachments.len(), 1, "{fault:?}");
    }
}

#[tokio::test]
async fn the_same_reply_sent_twice_on_purpose_is_on_the_desk_twice() {
    let setup = helpers::start().await;
    let body = "Any update?";
    setup.outbox.enqueue(reply(body)).unwrap();
    let first = setup.outbox.flush().await.unwrap();
    assert!(
        first.sent[0].remote_id.is_some(),
        "a delivered reply records its comment"
    );

    // Minutes later, the same words again; this time the desk is down and does nothing, but
    // the 503 leaves the client unable to tell.
    setup.outbox.enqueue(reply(body)).unwrap();
    setup
        .desk
        .inject(Fault {
            route_prefix: Some(format!("/api/v2/requests/{EXPORT_REQUEST}")),
            status: Some(503),
            count: Some(1),
            ..Fault::default()
        })
        .unwrap();
    assert!(setup.outbox.flush().await.is_err());
    assert_eq!(setup.outbox.flush().await.unwrap().sent.len(), 1);
    assert_eq!(
        copies_of(&setup.desk, body).await,
        2,
        "the first comment is not mistaken for the second"
    );
}

#[tokio::test]
async fn the_same_reply_twice_with_the_second_interrupted_makes_two_not_three() {
    let setup = helpers::start().await;
    let body = "Any update?";
    setup.outbox.enqueue(reply(body)).unwrap();
    setup.outbox.flush().await.unwrap();

    setup.outbox.enqueue(reply(body)).unwrap();
    commit_then(
        &setup.desk,
        &format!("/api/v2/requests/{EXPORT_REQUEST}"),
        AfterCommit::Answer(503),
    );
    assert!(setup.outbox.flush().await.is_err());
    let report = setup.outbox.flush().await.unwrap();
    assert_eq!(copies_of(&setup.desk, body).await, 2);
    let items = setup.outbox.items().unwrap();
    assert_ne!(
        items[0].remote_id, items[1].remote_id,
        "each send accounts for its own comment"
    );
    assert_eq!(report.sent[0].remote_id, items[1].remote_id);
}
