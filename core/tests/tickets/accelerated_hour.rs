//! An hour of support activity at accelerated time, as the app lives it: 200 agent replies
//! across 50 tickets, the app restarted, signed out and in again (replies keep coming while it
//! is signed out), and the network failing the way real services fail (a connection dropped
//! mid-answer, 503s on one ticket's comments, a rate limit with `Retry-After`). The app's path
//! from sync to screen is followed — `sync_now`, `happenings`, the `Notifier` on a simulated
//! clock — and every reply must be announced exactly once: none twice, none missed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use demo_desk::{DemoConfig, DemoHandle, Fault, RequestDraft};
use helpline_core::{
    Credentials, Happening, Language, Moment, Notifier, NotifyPrefs, OAuthTokens, RetryPolicy,
    Store, TicketFields, Tickets, TicketsFolders, ZendeskClient, ZendeskConfig,
};
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::helpers;

const TICKETS: usize = 50;
const REPLIES: usize = 200;
/// The schedule's pace while tickets wait on support: an hour is this many syncs.
const TICK: SignedDuration = SignedDuration::from_secs(25);
const TICKS: usize = 144;

/// What the user saw: for each reply, how many notices announced it.
#[derive(Default)]
struct Announced {
    per_reply: HashMap<u64, u32>,
    notices: usize,
    held: usize,
}

/// The app as it runs on this computer: its ticket service over the data folder, and its
/// notifier (which, like the app's, starts empty after a restart).
struct RunningApp {
    tickets: Tickets,
    notifier: Notifier,
}

impl RunningApp {
    fn start(data: &std::path::Path, client: Arc<ZendeskClient>) -> Self {
        let store = Store::open(data.join("helpline.sqlite3")).unwrap();
        let tickets = Tickets::new(
            client,
            store,
            TicketFields::demo(),
            TicketsFolders::in_data_dir(data),
        )
        .unwrap();
        Self {
            tickets,
            notifier: Notifier::default(),
        }
    }

    /// One sync and what the notifier made of it at the simulated moment `now`.
    async fn sync(&mut self, now: Timestamp, announced: &mut Announced) {
        let (update, _) = self.tickets.sync_now().await;
        let happenings = self.tickets.happenings(&update.events).unwrap();
        for happening in &happenings {
            if let Happening::AgentReply { comment_id, .. } = happening {
                *announced.per_reply.entry(*comment_id).or_default() += 1;
            }
        }
        let prefs = NotifyPrefs::default();
        let decision = self.notifier.decide(
            happenings,
            Moment {
                now,
                local_time: jiff::civil::time(12, 0, 0, 0),
                language: Language::En,
                prefs: &prefs,
                viewing: None,
            },
        );
        announced.notices += decision.show.len();
        announced.held += decision.held;
    }
}

/// A sign-in through the browser flow, as the app does it.
async fn sign_in(desk: &DemoHandle) -> OAuthTokens {
    crate::signin::sign_in(desk).await.tokens
}

/// The client a starting app makes from the tokens it keeps, with quick retries.
fn client_with(desk: &DemoHandle, tokens: &OAuthTokens) -> Arc<ZendeskClient> {
    let mut config = ZendeskConfig::new(desk.zendesk_url(), "");
    config.credentials = Credentials::OAuth {
        tokens: tokens.clone(),
        client_id: desk.oauth_client_id().into(),
        sink: None,
    };
    config.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        // A Retry-After is left to the schedule, as the app's background sync does.
        max_retry_after: Duration::ZERO,
    };
    Arc::new(ZendeskClient::with_config(config).unwrap())
}

/// One of the ways a real desk or the network fails, for the next sync.
fn inject_a_fault(desk: &DemoHandle, rng: &mut StdRng, ticket: u64) {
    let fault = match rng.random_range(0..3) {
        // The connection breaks after the headers, on every attempt of the listing.
        0 => Fault {
            route_prefix: Some("/api/v2/requests.json".into()),
            drop_after_headers: true,
            count: Some(3),
            ..Fault::default()
        },
        // One ticket's comments answer 503 (a proxy in trouble) on every attempt.
        1 => Fault {
            route_prefix: Some(format!("/api/v2/requests/{ticket}/comments")),
            status: Some(503),
            count: Some(3),
            ..Fault::default()
        },
        // The account's other clients used this minute up.
        _ => Fault {
            route_prefix: Some("/api/v2/requests".into()),
            status: Some(429),
            retry_after_s: Some(40),
            count: Some(1),
            ..Fault::default()
        },
    };
    desk.inject(fault).unwrap();
}

#[tokio::test]
async fn an_hour_of_replies_with_restarts_sign_outs_and_drops_announces_each_reply_once() {
    // The desk's allowance is counted in real minutes, and this hour passes in seconds: its
    // rate limit is played as a fault instead.
    let setup = helpers::start_with(DemoConfig {
        rate_limit_per_minute: 1_000_000,
        ..DemoConfig::default()
    })
    .await;
    let desk = &setup.desk;
    let data = tempfile::tempdir().unwrap();
    let drafts = (0..TICKETS)
        .map(|n| RequestDraft::new(format!("Question {n}"), format!("Details of question {n}.")))
        .collect();
    let tickets = desk.import_requests(drafts).await.unwrap();
    let mut rng = StdRng::seed_from_u64(14);
    // Which replies come in which tick, to which ticket.
    let mut schedule: Vec<Vec<u64>> = vec![Vec::new(); TICKS];
    for _ in 0..REPLIES {
        let tick = rng.random_range(0..TICKS);
        schedule[tick].push(tickets[rng.random_range(0..TICKETS)]);
    }

    let mut now = Timestamp::now();
    let mut announced = Announced::default();
    let mut posted = Vec::with_capacity(REPLIES);
    let mut tokens = sign_in(desk).await;
    let mut app = Some(RunningApp::start(data.path(), client_with(desk, &tokens)));
    // The first sync of a desk is a silent baseline.
    app.as_mut().unwrap().sync(now, &mut announced).await;
    assert_eq!(announced.per_reply.len(), 0);

    let (mut restarts, mut sign_outs, mut faults) = (0, 0, 0);
    let mut signed_out_for = 0;
    for (tick, replies) in schedule.iter().enumerate() {
        now += TICK;
        for &ticket in replies {
            let body = format!("Answer {} on ticket {ticket}.", posted.len());
            posted.push(desk.agent_reply(ticket, &body).await.unwrap());
        }
        if signed_out_for > 0 {
            signed_out_for -= 1;
            if signed_out_for == 0 {
                tokens = sign_in(desk).await;
                app = Some(RunningApp::start(data.path(), client_with(desk, &tokens)));
            }
            continue;
        }
        match rng.random_range(0..100) {
            0..=3 => {
                restarts += 1;
                app = Some(RunningApp::start(data.path(), client_with(desk, &tokens)));
            }
            4..=5 if tick < TICKS - 10 => {
                // Signed out for a few minutes (the tokens forgotten, the cache kept): no
                // syncs while replies come in.
                sign_outs += 1;
                app = None;
                signed_out_for = rng.random_range(3..8);
                continue;
            }
            6..=17 => {
                faults += 1;
                let ticket = tickets[rng.random_range(0..TICKETS)];
                inject_a_fault(desk, &mut rng, ticket);
            }
            _ => {}
        }
        app.as_mut().unwrap().sync(now, &mut announced).await;
        desk.clear_faults();
    }
    // The hour is over; the schedule goes on until the last reply is in.
    let app = app.as_mut().expect("signed in at the end");
    for _ in 0..3 {
        now += TICK;
        app.sync(now, &mut announced).await;
    }

    println!(
        "{REPLIES} replies on {TICKETS} tickets over {TICKS} syncs: {restarts} restarts, \
         {sign_outs} sign-outs, {faults} faults, {} notices",
        announced.notices
    );
    assert!(
        restarts >= 2 && sign_outs >= 2 && faults >= 10,
        "{restarts} restarts, {sign_outs} sign-outs, {faults} faults"
    );
    assert_eq!(posted.len(), REPLIES);
    let twice: Vec<_> = announced
        .per_reply
        .iter()
        .filter(|(_, n)| **n > 1)
        .collect();
    assert!(twice.is_empty(), "announced more than once: {twice:?}");
    let missed: Vec<_> = posted
        .iter()
        .filter(|id| !announced.per_reply.contains_key(id))
        .collect();
    assert!(
        missed.is_empty(),
        "never announced: {} of {REPLIES}: {missed:?}",
        missed.len()
    );
    assert_eq!(
        announced.per_reply.len(),
        REPLIES,
        "only the agent's replies"
    );
    assert_eq!(announced.held, 0, "grouped, no notice was over the cap");
    assert!(
        announced.notices > 0 && announced.notices < REPLIES,
        "{} notices",
        announced.notices
    );
}
