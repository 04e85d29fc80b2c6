//! The background schedule against a desk's stated allowance: [`Tickets::pace`] keeps syncs to
//! a tenth of it, whatever the tickets' activity asks for.

use std::time::Duration;

use demo_desk::DemoConfig;
use helpline_core::{next_sync_after, Helpdesk, SyncState};

use crate::helpers::{self, tickets_for};

#[tokio::test]
async fn the_desks_stated_allowance_is_read_from_its_answers() {
    let setup = helpers::start_with(DemoConfig {
        rate_limit_per_minute: 200,
        ..DemoConfig::default()
    })
    .await;
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
    let setup = helpers::start_with(DemoConfig {
        rate_limit_per_minute: 40,
        ..DemoConfig::default()
    })
    .await;
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
    let setup = helpers::start_with(DemoConfig {
        rate_limit_per_minute: 40,
        ..DemoConfig::default()
    })
    .await;
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
