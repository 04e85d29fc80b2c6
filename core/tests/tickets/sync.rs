//! The sync engine: baseline, budgets and events.

use demo_desk::RequestStatus as DeskStatus;
use helpline_core::{
    Helpdesk, NewRequest, Outgoing, PlanChoice, PlanReason, ProviderProfile, RequestStatus,
    SyncEvent, TicketFilter, TicketQuery,
};

use crate::helpers::{self, EXPORT_REQUEST, SEEDED_REQUESTS};

#[tokio::test]
async fn first_sync_stores_every_request_and_announces_nothing() {
    let setup = helpers::start().await;
    let report = setup.sync.sync_once().await.unwrap();

    assert!(report.baseline);
    assert!(report.events.is_empty(), "{:?}", report.events);
    let tickets = setup
        .store
        .tickets(&TicketQuery::new(TicketFilter::All))
        .unwrap();
    assert_eq!(tickets.len(), SEEDED_REQUESTS);
    assert!(tickets.iter().all(|ticket| !ticket.unread));

    let export = setup.store.ticket(EXPORT_REQUEST).unwrap().unwrap();
    let on_desk = helpers::desk_comments(&setup.desk, EXPORT_REQUEST).await;
    assert_eq!(export.comments.len(), on_desk.len());
    assert!(export.comments.iter().any(|c| c.by_agent && !c.mine));
    assert!(export.comments.iter().any(|c| c.mine));
    assert_eq!(
        setup.store.my_user_id().unwrap(),
        Some(setup.desk.demo_customer_id())
    );
}

#[tokio::test]
async fn the_first_sync_learns_the_customers_plan_from_their_tags() {
    let setup = helpers::start().await;
    let profile = ProviderProfile::demo(&setup.desk.base_url());
    assert_eq!(profile.plan_for(None).reason, PlanReason::NotKnownYet);

    setup.sync.sync_once().await.unwrap();

    let facts = setup.store.customer_facts().unwrap();
    assert_eq!(
        profile.plan_for(facts.as_ref()),
        PlanChoice {
            plan_id: "premium".into(),
            reason: PlanReason::UserTag {
                tag: "plan_premium".into()
            },
        }
    );
    // A customer whose account names no plan gets the vendor's default, and is told so.
    setup
        .desk
        .set_user_tags(setup.desk.demo_customer_id(), &[])
        .await
        .unwrap();
    let me = setup.client.me().await.unwrap();
    assert_eq!(
        profile.plan_for(Some(&me.facts)).reason,
        PlanReason::Default
    );
    assert_eq!(profile.plan_for(Some(&me.facts)).plan_id, "team");
}

#[tokio::test]
async fn idle_sync_costs_one_request() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();

    let before = setup.client.requests_sent();
    let report = setup.sync.sync_once().await.unwrap();
    assert_eq!(setup.client.requests_sent() - before, 1);
    assert!(!report.baseline);
    assert!(report.events.is_empty());
    assert_eq!(report.requests_changed, 0);
}

#[tokio::test]
async fn one_changed_ticket_costs_at_most_three_requests() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let comment_id = setup
        .desk
        .agent_reply(
            EXPORT_REQUEST,
            "We found the slow query; a fix ships tonight.",
        )
        .await
        .unwrap();

    let before = setup.client.requests_sent();
    let report = setup.sync.sync_once().await.unwrap();
    assert!(setup.client.requests_sent() - before <= 3);
    assert_eq!(
        report.events,
        vec![SyncEvent::NewAgentReply {
            request_id: EXPORT_REQUEST,
            comment_id
        }]
    );
    let export = setup.store.ticket(EXPORT_REQUEST).unwrap().unwrap();
    assert!(export.summary.unread);
    assert_eq!(export.comments.last().unwrap().id, comment_id);

    let again = setup.sync.sync_once().await.unwrap();
    assert!(again.events.is_empty(), "{:?}", again.events);
}

#[tokio::test]
async fn status_change_is_announced_once() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    setup
        .desk
        .set_status(EXPORT_REQUEST, DeskStatus::Pending)
        .await
        .unwrap();

    let report = setup.sync.sync_once().await.unwrap();
    assert_eq!(
        report.events,
        vec![SyncEvent::StatusChanged {
            request_id: EXPORT_REQUEST,
            from: RequestStatus::Open,
            to: RequestStatus::Pending
        }]
    );
    let awaiting = setup
        .store
        .tickets(&TicketQuery::new(TicketFilter::AwaitingReply))
        .unwrap();
    assert!(awaiting.iter().any(|ticket| ticket.id == EXPORT_REQUEST));

    assert!(setup.sync.sync_once().await.unwrap().events.is_empty());
}

#[tokio::test]
async fn a_request_opened_elsewhere_is_announced_as_new() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let on_the_web = helpers::client_for(&setup.desk)
        .create_request(
            &NewRequest {
                subject: "Opened in the browser".into(),
                body: "Not through Helpline".into(),
                ..NewRequest::default()
            },
            &[],
            "web-1",
        )
        .await
        .unwrap();

    let report = setup.sync.sync_once().await.unwrap();
    assert_eq!(
        report.events,
        vec![SyncEvent::NewRequest {
            request_id: on_the_web.id
        }]
    );
    assert!(setup.store.ticket(on_the_web.id).unwrap().is_some());
}

#[tokio::test]
async fn the_users_own_reply_and_solve_are_not_announced() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    setup
        .outbox
        .enqueue(Outgoing::Reply {
            request_id: EXPORT_REQUEST,
            body: "Thanks, that works.".into(),
            attachments: vec![],
        })
        .unwrap();
    setup
        .outbox
        .enqueue(Outgoing::Solve {
            request_id: EXPORT_REQUEST,
        })
        .unwrap();
    assert_eq!(setup.outbox.flush().await.unwrap().sent.len(), 2);

    let report = setup.sync.sync_once().await.unwrap();
    assert!(report.events.is_empty(), "{:?}", report.events);
    let export = setup.store.ticket(EXPORT_REQUEST).unwrap().unwrap();
    assert_eq!(export.summary.status, RequestStatus::Solved);
    let mine = export.comments.last().unwrap();
    assert!(mine.mine && mine.body == "Thanks, that works.");
    assert!(!export.summary.unread);
}

#[tokio::test]
async fn a_failed_sync_writes_nothing_and_the_next_one_catches_up() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let comment_id = setup
        .desk
        .agent_reply(EXPORT_REQUEST, "Could you send the export's project id?")
        .await
        .unwrap();
    setup
        .desk
        .inject(demo_desk::Fault {
            route_prefix: Some(format!("/api/v2/requests/{EXPORT_REQUEST}/comments")),
            status: Some(500),
            count: Some(3),
            ..demo_desk::Fault::default()
        })
        .unwrap();
    assert!(setup.sync.sync_once().await.is_err());
    let watermark = setup.store.requests_watermark().unwrap();

    let report = setup.sync.sync_once().await.unwrap();
    assert_eq!(
        report.events,
        vec![SyncEvent::NewAgentReply {
            request_id: EXPORT_REQUEST,
            comment_id
        }]
    );
    assert!(setup.store.requests_watermark().unwrap() >= watermark);
}

/// Refuses the comments of `request_id` with a rate limit longer than a call waits for, until
/// the desk's faults are cleared: the account's other clients used this minute up.
fn rate_limit_comments_of(desk: &demo_desk::DemoHandle, request_id: u64) {
    desk.inject(demo_desk::Fault {
        route_prefix: Some(format!("/api/v2/requests/{request_id}/comments")),
        status: Some(429),
        retry_after_s: Some(50),
        ..demo_desk::Fault::default()
    })
    .unwrap();
}

/// The desk's requests as a sync reads them (most recently updated first), closed ones
/// (which take no more comments) left out when `open_only`.
async fn newest_first(desk: &demo_desk::DemoHandle, open_only: bool) -> Vec<u64> {
    let mut requests = helpers::desk_requests(desk).await;
    requests.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
    requests
        .into_iter()
        .filter(|request| !open_only || request.status != RequestStatus::Closed)
        .map(|request| request.id)
        .collect()
}

#[tokio::test]
async fn a_first_sync_stopped_by_a_rate_limit_keeps_what_it_read_and_resumes() {
    let setup = helpers::start().await;
    let order = newest_first(&setup.desk, false).await;
    rate_limit_comments_of(&setup.desk, order[5]);

    let stopped = setup.sync.sync_once().await.unwrap_err();
    match &stopped {
        helpline_core::SyncError::Interrupted { error, events } => {
            assert!(matches!(
                error,
                helpline_core::HelpdeskError::RateLimited { .. }
            ));
            assert!(events.is_empty(), "a first sync announces nothing");
        }
        other => panic!("expected an interrupted sync, got {other:?}"),
    }
    let kept = setup
        .store
        .tickets(&TicketQuery::new(TicketFilter::All))
        .unwrap();
    assert_eq!(kept.len(), 5, "the five read before the refusal are kept");
    assert_eq!(setup.store.requests_watermark().unwrap(), None);

    setup.desk.clear_faults();
    let report = setup.sync.sync_once().await.unwrap();
    assert!(report.baseline && report.events.is_empty());
    assert_eq!(
        report.threads_fetched,
        SEEDED_REQUESTS - 5,
        "only the rest is read"
    );
    let all = setup
        .store
        .tickets(&TicketQuery::new(TicketFilter::All))
        .unwrap();
    assert_eq!(all.len(), SEEDED_REQUESTS);
}

#[tokio::test]
async fn replies_read_before_an_interruption_are_announced_once_and_the_rest_after_it() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let order = newest_first(&setup.desk, true).await;
    let (first, last) = (order[0], order[order.len() - 1]);
    let on_first = setup
        .desk
        .agent_reply(first, "A first answer.")
        .await
        .unwrap();
    let on_last = setup
        .desk
        .agent_reply(last, "Another answer.")
        .await
        .unwrap();
    // The reply made `last` the newest: it is read first now.
    rate_limit_comments_of(&setup.desk, first);

    let stopped = setup.sync.sync_once().await.unwrap_err();
    let helpline_core::SyncError::Interrupted { events, .. } = stopped else {
        panic!("expected an interrupted sync, got {stopped:?}");
    };
    assert_eq!(
        replies(&events),
        vec![SyncEvent::NewAgentReply {
            request_id: last,
            comment_id: on_last
        }]
    );

    setup.desk.clear_faults();
    let report = setup.sync.sync_once().await.unwrap();
    assert_eq!(
        replies(&report.events),
        vec![SyncEvent::NewAgentReply {
            request_id: first,
            comment_id: on_first
        }],
        "each reply is announced exactly once"
    );
    assert!(setup.sync.sync_once().await.unwrap().events.is_empty());
}

fn replies(events: &[SyncEvent]) -> Vec<SyncEvent> {
    events
        .iter()
        .filter(|event| matches!(event, SyncEvent::NewAgentReply { .. }))
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_reply_on_a_ticket_a_stopped_first_sync_stored_is_announced_when_it_resumes() {
    let setup = helpers::start().await;
    let order = newest_first(&setup.desk, false).await;
    rate_limit_comments_of(&setup.desk, order[5]);
    setup.sync.sync_once().await.unwrap_err();
    setup.desk.clear_faults();
    // The first sync stored the newest open ticket; an agent answers before the rest is read.
    let open = newest_first(&setup.desk, true).await[0];
    let reply = setup
        .desk
        .agent_reply(open, "Here is what we found.")
        .await
        .unwrap();

    let report = setup.sync.sync_once().await.unwrap();
    assert_eq!(
        replies(&report.events),
        vec![SyncEvent::NewAgentReply {
            request_id: open,
            comment_id: reply
        }]
    );
    let ticket = setup.store.ticket(open).unwrap().unwrap();
    assert!(ticket.summary.unread, "the reply is unread");
}
