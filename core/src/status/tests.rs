//! The status watch against the demo desk's Statuspage: the baseline is silent, each incident
//! event is announced once (also across restarts), unchanged documents cost a `304`, and a
//! page that fails keeps the last known state on screen with the reason.

use std::time::Duration;

use demo_desk::{DemoConfig, DemoDesk, DemoHandle, Fault, Impact, IncidentStatus, NewIncident};

use super::client::{Fetched, Validators};
use super::*;
use crate::notify::{Happening, IncidentPhase};

async fn desk() -> DemoHandle {
    DemoDesk::start(DemoConfig::default())
        .await
        .expect("the demo desk starts")
}

fn watch_on(desk: &DemoHandle, store: &Store) -> StatusWatch {
    StatusWatch::new(Some(&desk.statuspage_url()), store.clone()).unwrap()
}

fn outage(name: &str) -> NewIncident {
    NewIncident {
        name: name.into(),
        impact: Impact::Major,
        component_ids: Vec::new(),
        body: "We are investigating failed log-ins.".into(),
        status: IncidentStatus::Investigating,
    }
}

fn phases(happenings: &[Happening]) -> Vec<(String, IncidentPhase)> {
    happenings
        .iter()
        .map(|happening| match happening {
            Happening::Incident { name, phase, .. } => (name.clone(), *phase),
            other => panic!("not an incident: {other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn the_first_check_shows_what_is_going_on_without_announcing_it() {
    let desk = desk().await;
    desk.open_incident(outage("Log-in failures")).await.unwrap();
    let store = Store::open_in_memory().unwrap();
    let watch = watch_on(&desk, &store);

    let update = watch.check().await.unwrap();

    assert!(update.happenings.is_empty(), "{:?}", update.happenings);
    let status = update.status;
    assert!(status.configured && !status.stale && status.problem.is_none());
    assert_eq!(status.incidents.len(), 1);
    assert_eq!(status.incidents[0].name, "Log-in failures");
    assert_eq!(
        status.incidents[0].updates[0].body,
        "We are investigating failed log-ins."
    );
    assert!(status
        .components
        .iter()
        .any(|component| component.name == "API"));
    assert_eq!(
        status.maintenances.len(),
        1,
        "the seeded upgrade is scheduled"
    );
    assert_eq!(status.maintenances[0].status, "scheduled");
    assert_ne!(status.indicator, Indicator::None);
    assert_eq!(watch.next_check(&status), CHECK_ACTIVE);
}

#[tokio::test]
async fn an_incident_is_announced_when_opened_updated_and_resolved_each_once() {
    let desk = desk().await;
    let store = Store::open_in_memory().unwrap();
    let watch = watch_on(&desk, &store);
    let quiet = watch.check().await.unwrap();
    assert!(quiet.happenings.is_empty() && quiet.status.incidents.is_empty());
    assert_eq!(quiet.status.indicator, Indicator::None);
    assert_eq!(watch.next_check(&quiet.status), CHECK_QUIET);

    let id = desk.open_incident(outage("Log-in failures")).await.unwrap();
    let opened = watch.check().await.unwrap();
    assert_eq!(
        phases(&opened.happenings),
        [("Log-in failures".to_owned(), IncidentPhase::Opened)]
    );
    assert!(
        watch.check().await.unwrap().happenings.is_empty(),
        "said once"
    );

    desk.update_incident(&id, IncidentStatus::Identified, "A certificate expired.")
        .await
        .unwrap();
    let updated = watch.check().await.unwrap();
    assert_eq!(
        phases(&updated.happenings),
        [("Log-in failures".to_owned(), IncidentPhase::Updated)]
    );
    assert_eq!(
        updated.status.incidents[0].updates[0].body,
        "A certificate expired."
    );

    desk.resolve_incident(&id, "Log-ins work again.")
        .await
        .unwrap();
    let resolved = watch.check().await.unwrap();
    assert_eq!(
        phases(&resolved.happenings),
        [("Log-in failures".to_owned(), IncidentPhase::Resolved)]
    );
    assert!(resolved.status.incidents.is_empty());
    assert!(
        resolved
            .status
            .history
            .iter()
            .any(|incident| incident.id == id),
        "a resolved incident moves to the history"
    );
    assert!(watch.check().await.unwrap().happenings.is_empty());
}

#[tokio::test]
async fn nothing_is_announced_again_after_a_restart() {
    let desk = desk().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpline.sqlite3");
    {
        let watch = watch_on(&desk, &Store::open(&path).unwrap());
        watch.check().await.unwrap();
        desk.open_incident(outage("Log-in failures")).await.unwrap();
        assert_eq!(watch.check().await.unwrap().happenings.len(), 1);
    }
    let store = Store::open(&path).unwrap();
    let watch = watch_on(&desk, &store);
    let shown = watch.current().unwrap();
    assert_eq!(
        shown.incidents.len(),
        1,
        "the last known state before any request"
    );
    assert_eq!(watch.requests_sent(), 0);
    assert!(watch.check().await.unwrap().happenings.is_empty());
}

#[tokio::test]
async fn an_unchanged_page_answers_not_modified() {
    let desk = desk().await;
    let client = StatuspageClient::new(&desk.statuspage_url()).unwrap();
    let Fetched::Fresh { validators, .. } =
        client.fetch(SUMMARY, &Validators::default()).await.unwrap()
    else {
        panic!("the first read brings the document");
    };
    assert!(validators.etag.is_some(), "the page tags what it sends");
    assert!(matches!(
        client.fetch(SUMMARY, &validators).await.unwrap(),
        Fetched::NotModified
    ));
    desk.open_incident(outage("Log-in failures")).await.unwrap();
    assert!(matches!(
        client.fetch(SUMMARY, &validators).await.unwrap(),
        Fetched::Fresh { .. }
    ));
}

#[tokio::test]
async fn a_page_that_asks_to_wait_keeps_the_last_state_and_is_asked_later() {
    let desk = desk().await;
    let store = Store::open_in_memory().unwrap();
    let watch = watch_on(&desk, &store);
    desk.open_incident(outage("Log-in failures")).await.unwrap();
    watch.check().await.unwrap();

    desk.inject(Fault {
        route_prefix: Some("/status/".into()),
        status: Some(503),
        retry_after_s: Some(120),
        count: Some(1),
        ..Fault::default()
    })
    .unwrap();
    let slowed = watch.check().await.unwrap();
    assert_eq!(slowed.status.problem, Some(StatusProblem::Slowed));
    assert_eq!(
        slowed.status.incidents.len(),
        1,
        "the last known state stays"
    );
    assert_eq!(watch.next_check(&slowed.status), Duration::from_secs(120));

    let recovered = watch.check().await.unwrap();
    assert_eq!(recovered.status.problem, None);
    assert_eq!(watch.next_check(&recovered.status), CHECK_ACTIVE);
}

#[tokio::test]
async fn a_broken_answer_never_replaces_a_good_copy() {
    let desk = desk().await;
    let store = Store::open_in_memory().unwrap();
    let watch = watch_on(&desk, &store);
    watch.check().await.unwrap();
    desk.open_incident(outage("Log-in failures")).await.unwrap();
    desk.inject(Fault {
        route_prefix: Some("/status/".into()),
        malformed_json: true,
        count: Some(1),
        ..Fault::default()
    })
    .unwrap();

    let broken = watch.check().await.unwrap();

    assert_eq!(broken.status.problem, Some(StatusProblem::Malformed));
    assert!(broken.happenings.is_empty());
    assert!(
        broken.status.incidents.is_empty(),
        "the good copy, from before"
    );
    let later = watch.check().await.unwrap();
    assert_eq!(
        later.happenings.len(),
        1,
        "the incident is news once it can be read"
    );
}

#[tokio::test]
async fn an_unreachable_page_says_so_and_backs_off() {
    let desk = desk().await;
    let store = Store::open_in_memory().unwrap();
    let watch = watch_on(&desk, &store);
    watch.check().await.unwrap();
    desk.shutdown().await;

    let first = watch.check().await.unwrap();
    assert_eq!(first.status.problem, Some(StatusProblem::Unreachable));
    assert!(
        !first.status.components.is_empty(),
        "the last known components stay"
    );
    assert_eq!(watch.next_check(&first.status), CHECK_FAILING_FIRST);
    watch.check().await.unwrap();
    assert_eq!(watch.next_check(&first.status), CHECK_FAILING_FIRST * 2);
    for _ in 0..10 {
        watch.check().await.unwrap();
    }
    assert_eq!(watch.next_check(&first.status), CHECK_FAILING_MOST);
}

#[tokio::test]
async fn without_a_status_page_nothing_is_asked() {
    let watch = StatusWatch::new(None, Store::open_in_memory().unwrap()).unwrap();
    let update = watch.check().await.unwrap();
    assert!(!update.status.configured);
    assert_eq!(watch.requests_sent(), 0);
}

#[test]
fn a_status_page_is_https_except_on_loopback() {
    assert!(StatuspageClient::new("https://status.acme.example").is_ok());
    assert!(StatuspageClient::new("http://127.0.0.1:8080/status").is_ok());
    assert!(matches!(
        StatuspageClient::new("http://status.acme.example"),
        Err(StatusPageError::BadAddress(_))
    ));
}

#[test]
fn an_incident_first_seen_already_over_is_recorded_silently() {
    let over: WireIncident = serde_json::from_value(serde_json::json!({
        "id": "old", "name": "Yesterday's outage", "status": "resolved",
        "created_at": "2026-12-01T10:00:00Z", "incident_updates": []
    }))
    .unwrap();
    let (happenings, record) = news(&[&over], &Default::default(), false);
    assert!(happenings.is_empty());
    assert_eq!(record.len(), 1);
}

#[tokio::test]
async fn an_answer_cut_off_mid_body_keeps_the_last_state_and_says_the_page_is_unreachable() {
    let desk = desk().await;
    let store = Store::open_in_memory().unwrap();
    let watch = watch_on(&desk, &store);
    let id = desk.open_incident(outage("Log-in failures")).await.unwrap();
    watch.check().await.unwrap();
    // A changed page (an unchanged one is a bodiless 304, which no cut can spoil).
    desk.update_incident(&id, IncidentStatus::Identified, "A certificate expired.")
        .await
        .unwrap();
    desk.inject(Fault {
        route_prefix: Some("/status/".into()),
        drop_after_headers: true,
        count: Some(1),
        ..Fault::default()
    })
    .unwrap();

    let cut = watch.check().await.unwrap();

    assert_eq!(cut.status.problem, Some(StatusProblem::Unreachable));
    assert_eq!(cut.status.incidents.len(), 1, "the last good copy stays");
    assert!(cut.happenings.is_empty());
    assert_eq!(
        cut.status.incidents[0].updates.len(),
        1,
        "not half of the new one"
    );
    let later = watch.check().await.unwrap();
    assert_eq!(later.status.problem, None);
    assert_eq!(
        later.happenings.len(),
        1,
        "the update is news once it arrives whole"
    );
}
