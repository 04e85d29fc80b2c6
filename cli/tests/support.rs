//! `helpline status|plan|sla` against `helpline demo-desk serve`: the status page read and kept
//! for offline use, the plan from the account's tags, a ticket's expected response.

mod common;

use std::process::Output;

use common::{serve_demo_desk, text};

/// Dana's "Cannot sign in after password reset": new, unanswered.
const SIGN_IN_REQUEST: &str = "4294967400";

fn run(token: &str, args: &[&str]) -> Output {
    common::helpline_as(Some(token), args)
}

fn ok(token: &str, args: &[&str]) -> String {
    common::helpline_ok(Some(token), args)
}

#[test]
fn status_shows_an_incident_opened_on_the_demo_desk_and_keeps_it_offline() {
    let mut desk = serve_demo_desk();
    let data = tempfile::tempdir().unwrap();
    let url = format!("http://{}", desk.address);
    let args = [
        "--desk",
        url.as_str(),
        "--data-dir",
        data.path().to_str().unwrap(),
    ];
    let status = |extra: &[&str]| ok(&desk.token, &[&["status"][..], extra, &args].concat());

    let quiet = status(&[]);
    assert!(quiet.contains("All Systems Operational"), "{quiet}");
    assert!(quiet.contains("Database upgrade [scheduled]"), "{quiet}");

    ok(
        &desk.token,
        &[
            "demo-desk",
            "open-incident",
            "--desk",
            &url,
            "--name",
            "Log-in failures",
            "--body",
            "Investigating failed log-ins.",
            "--impact",
            "major",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&status(&["--json"])).unwrap();
    assert_eq!(json["incidents"][0]["name"], "Log-in failures");
    assert_eq!(
        json["incidents"][0]["updates"][0]["body"],
        "Investigating failed log-ins."
    );

    desk.process.kill().unwrap();
    desk.process.wait().unwrap();
    let offline = status(&[]);
    assert!(offline.contains("cannot be reached"), "{offline}");
    assert!(
        offline.contains("Log-in failures"),
        "the last known state: {offline}"
    );
}

#[test]
fn plan_and_sla_follow_the_account_and_the_ticket() {
    let desk = serve_demo_desk();
    let data = tempfile::tempdir().unwrap();
    let url = format!("http://{}", desk.address);
    let dir = data.path().to_str().unwrap();

    let before = ok(&desk.token, &["plan", "--desk", &url, "--data-dir", dir]);
    assert!(
        before.contains("until `helpline sync` reads your account"),
        "{before}"
    );

    ok(&desk.token, &["sync", "--desk", &url, "--data-dir", dir]);
    let plan = ok(&desk.token, &["plan", "--desk", &url, "--data-dir", dir]);
    assert!(
        plan.contains("plan: premium (your account is tagged plan_premium)"),
        "{plan}"
    );
    assert!(
        plan.contains("urgent  first 1 h, next 2 h (around the clock)"),
        "{plan}"
    );

    let sla = ok(
        &desk.token,
        &["sla", SIGN_IN_REQUEST, "--desk", &url, "--data-dir", dir],
    );
    assert!(
        sla.starts_with(&format!("#{SIGN_IN_REQUEST}: first response expected by ")),
        "{sla}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &desk.token,
        &[
            "sla",
            SIGN_IN_REQUEST,
            "--desk",
            &url,
            "--data-dir",
            dir,
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(json["expectation"]["expect"], "due");
    assert_eq!(json["expectation"]["response"], "first");

    let unknown = run(
        &desk.token,
        &["sla", "1", "--desk", &url, "--data-dir", dir],
    );
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("not in the local store"));
}

#[test]
fn a_desk_without_a_profile_is_told_how_to_give_one() {
    let data = tempfile::tempdir().unwrap();
    let output = run(
        "",
        &[
            "plan",
            "--desk",
            "https://acme.zendesk.com",
            "--data-dir",
            data.path().to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("pass --profile FILE"),
        "{}",
        text(&output.stderr)
    );
}
