//! The background schedule against a desk's stated allowance: [`Tickets::pace`] keeps syncs to
//! a tenth of it, whatever the tickets' activity asks for.

use std::time::Duration;

use demo_desk::DemoConfig;
use helpline_core::{next_sync_after, Helpdesk, SyncState, SLOW_ANSWER};

use crate::helpers::{self, tickets_for};

/// A desk whose account may make `limit` requests a minute.
async fn desk_allowing(limit: u32) -> helpers::Setup {
    helpers::start_with(DemoConfig {
        rate_limit_per_minute: limit,
        ..DemoConfig::default()
    })
    .await
}

#[tokio::test]
async fn the_desks_stated_allowance_is_read_from_its_answers() {
    let setup = desk_allowing(200).await;
    assert_eq!(setup.client.traffic().budget, None, "nothing asked yet");
    setup.client.me().await.unwrap();
    let traffic = setup.client.traffic();
    let budget = traffic.budget.expect("every answer states the allowance");
    assert_eq!(budget.limit_per_minute, 200);
    assert_eq!(budget.remaining, Some(199));
    assert!(budget
        .resets_in
        .is_some_and(|left| left <= Duration::from_secs(60)));
    assert_eq!(traffic.requests_sent, 1);
}

#[tokio::test]
async fn syncs_keep_to_a_tenth_of_the_desks_allowance() {
    // Enough for the first sync of the seeded tickets; its tenth is 4 a minute.
    let setup = desk_allowing(40).await;
    let tickets = tickets_for(&setup);
    let (update, outcome) = tickets.sync_now().await;
    assert_eq!(update.status.state, SyncState::UpToDate, "{update:?}");
    let first_sync_requests = setup.client.requests_sent();
    assert!(first_sync_requests > 1, "a first sync reads every ticket");
    let wanted = next_sync_after(outcome, 0, tickets.activity());
    assert!(wanted <= Duration::from_secs(25), "{wanted:?}");
    // The first sync cost many requests: the next waits until they fit in 4 a minute.
    assert_eq!(
        tickets.pace(outcome, 0),
        Duration::from_secs(15 * first_sync_requests)
    );

    // An idle sync costs one request: 15 s at this allowance.
    let (_, outcome) = tickets.sync_now().await;
    assert_eq!(setup.client.requests_sent(), first_sync_requests + 1);
    assert_eq!(
        tickets.pace(outcome, 0),
        Duration::from_secs(15).max(wanted)
    );
}

#[tokio::test]
async fn a_roomy_allowance_leaves_the_pace_to_the_tickets_activity() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let (_, outcome) = tickets.sync_now().await;
    assert_eq!(
        tickets.pace(outcome, 0),
        next_sync_after(outcome, 0, tickets.activity())
    );
}

#[tokio::test]
async fn when_the_accounts_other_clients_leave_little_the_next_sync_waits_for_a_new_window() {
    let setup = desk_allowing(40).await;
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;
    // An integration of the same account spends nearly all of this minute's allowance.
    let integration = helpers::client_for(&setup.desk);
    loop {
        integration.me().await.unwrap();
        let left = integration.traffic().budget.unwrap().remaining.unwrap();
        if left <= 3 {
            break;
        }
    }
    let (update, outcome) = tickets.sync_now().await;
    assert_eq!(update.status.state, SyncState::UpToDate, "{update:?}");
    let budget = setup.client.traffic().budget.unwrap();
    assert!(budget.remaining.unwrap() < 4, "{budget:?}");
    let window_left = budget.resets_in.unwrap();
    let pace = tickets.pace(outcome, 0);
    assert!(
        pace > Duration::from_secs(25) && pace <= window_left,
        "{pace:?} against a window ending in {window_left:?}"
    );
}

#[tokio::test]
async fn a_desk_that_hangs_is_said_to_be_offline_within_seconds_while_the_sync_goes_on() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    // The desk takes the connection and answers the listing only after 12 s.
    setup
        .desk
        .inject(demo_desk::Fault {
            route_prefix: Some("/api/v2/requests".into()),
            latency_ms: Some(12_000),
            count: Some(1),
            ..demo_desk::Fault::default()
        })
        .unwrap();
    let started = std::time::Instant::now();
    let told = std::sync::Mutex::new(None);
    let (update, _) = tickets
        .sync_now_telling_slow(|slow| {
            *told.lock().unwrap() = Some((started.elapsed(), slow.status.state));
        })
        .await;
    let (after, state) = told.into_inner().unwrap().expect("the slow desk was told");
    assert_eq!(state, SyncState::Offline);
    assert!(
        after >= SLOW_ANSWER && after < SLOW_ANSWER + Duration::from_secs(2),
        "{after:?}"
    );
    assert_eq!(update.status.state, SyncState::UpToDate, "{update:?}");
}

#[tokio::test]
async fn a_desk_that_answers_in_time_is_never_said_to_be_offline() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let mut told = false;
    let (update, _) = tickets.sync_now_telling_slow(|_| told = true).await;
    assert!(!told);
    assert_eq!(update.status.state, SyncState::UpToDate);
}
