//! `helpline sync|tickets|ticket|reply|new` against `helpline demo-desk serve`, with the store in
//! a temporary data folder.

mod common;

use std::path::Path;
use std::process::Output;

use common::{get, serve_demo_desk, text, ServedDesk};

/// Dana's "Export to CSV times out for large projects": open, assigned.
const EXPORT_REQUEST: &str = "4294967401";

fn run(token: Option<&str>, args: &[&str]) -> Output {
    common::helpline_as(token, args)
}

fn ok(token: Option<&str>, args: &[&str]) -> String {
    common::helpline_ok(token, args)
}

/// `args` followed by `--desk URL --data-dir DIR`, for commands that talk to the desk.
fn online(desk: &ServedDesk, data: &Path, args: &[&str]) -> String {
    let url = format!("http://{}", desk.address);
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--desk", &url, "--data-dir", data.to_str().unwrap()]);
    ok(Some(&desk.token), &all)
}

/// `args` followed by `--data-dir DIR`, for commands that only read the store.
fn local(data: &Path, args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--data-dir", data.to_str().unwrap()]);
    ok(None, &all)
}

fn json(output: &str) -> serde_json::Value {
    serde_json::from_str(output).unwrap_or_else(|error| panic!("{error}: {output}"))
}

#[test]
fn sync_then_tickets_lists_the_seeded_requests_and_a_thread() {
    let desk = serve_demo_desk();
    let data = tempfile::tempdir().unwrap();
    let synced = online(&desk, data.path(), &["sync"]);
    assert!(synced.contains("first sync: stored 12 tickets"), "{synced}");
    assert!(synced.contains("HTTP requests"), "{synced}");

    let listed = json(&local(data.path(), &["tickets", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 12, "{listed}");
    let text_list = local(data.path(), &["tickets"]);
    assert_eq!(text_list.lines().count(), 12, "{text_list}");
    assert!(
        text_list.contains("Export to CSV times out for large projects"),
        "{text_list}"
    );
    let done = json(&local(
        data.path(),
        &["tickets", "--status", "done", "--json"],
    ));
    assert!(done
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["status"] == "solved" || t["status"] == "closed"));

    let shown = local(data.path(), &["ticket", EXPORT_REQUEST]);
    assert!(
        shown.starts_with("#4294967401 Export to CSV times out"),
        "{shown}"
    );
    assert!(shown.contains("(support)"), "{shown}");
    let detail = json(&local(data.path(), &["ticket", EXPORT_REQUEST, "--json"]));
    assert!(
        detail["comments"].as_array().unwrap().len() >= 2,
        "{detail}"
    );

    let idle = json(&online(&desk, data.path(), &["sync", "--json"]));
    assert_eq!(idle["httpRequests"], 1, "an idle sync costs one request");
    assert_eq!(idle["events"], serde_json::json!([]));
}

#[test]
fn a_reply_and_a_new_request_show_after_sync() {
    let desk = serve_demo_desk();
    let data = tempfile::tempdir().unwrap();
    online(&desk, data.path(), &["sync"]);

    let body = "The project has 18,000 items.";
    let log = data.path().join("export.log");
    std::fs::write(&log, "timeout after 30 s\n").unwrap();
    let log = log.to_str().unwrap();
    let replied = online(
        &desk,
        data.path(),
        &["reply", EXPORT_REQUEST, "--body", body, "--attach", log],
    );
    assert_eq!(replied.trim(), "sent");
    let created = online(
        &desk,
        data.path(),
        &[
            "new",
            "--kind",
            "technical-problem",
            "--subject",
            "Dashboard is blank",
            "--body",
            "Since this morning the dashboard shows nothing.",
            "--production",
            "yes",
            "--resource-ids",
            "space-1, entry-2",
            "--priority",
            "high",
            "--attach",
            log,
        ],
    );
    assert!(created.starts_with("sent: request #"), "{created}");

    online(&desk, data.path(), &["sync"]);
    let thread = local(data.path(), &["ticket", EXPORT_REQUEST]);
    assert_eq!(thread.matches(body).count(), 1, "{thread}");
    assert!(thread.contains("[attachment: export.log]"), "{thread}");
    let listed = local(data.path(), &["tickets"]);
    assert!(listed.contains("Dashboard is blank"), "{listed}");
    assert_eq!(listed.lines().count(), 13, "{listed}");
}

#[test]
fn an_incomplete_new_ticket_says_what_is_missing_and_sends_nothing() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let output = run(
        Some("token"),
        &[
            "new",
            "--kind",
            "bug",
            "--subject",
            "Crash",
            "--body",
            "It crashes.",
            "--desk",
            "http://127.0.0.1:9",
            "--data-dir",
            dir,
        ],
    );
    assert!(!output.status.success());
    let error = text(&output.stderr);
    assert!(error.contains("nothing was sent"), "{error}");
    assert!(error.contains("20 characters"), "{error}");
    assert!(error.contains("production is affected"), "{error}");
}

#[test]
fn a_missing_token_or_desk_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let no_token = run(
        None,
        &["sync", "--desk", "http://127.0.0.1:9", "--data-dir", dir],
    );
    assert!(!no_token.status.success());
    assert!(
        text(&no_token.stderr).contains("set HELPLINE_ZENDESK_TOKEN"),
        "{}",
        text(&no_token.stderr)
    );
    let no_desk = run(
        Some("token"),
        &["reply", "1", "--body", "x", "--data-dir", dir],
    );
    assert!(!no_desk.status.success());
    assert!(
        text(&no_desk.stderr).contains("pass --desk URL")
            && text(&no_desk.stderr).contains("helpline demo-desk serve"),
        "{}",
        text(&no_desk.stderr)
    );
    let no_store = run(None, &["tickets", "--data-dir", dir]);
    assert!(!no_store.status.success());
    assert!(
        text(&no_store.stderr).contains("helpline sync"),
        "{}",
        text(&no_store.stderr)
    );
}

#[test]
fn a_reply_written_while_the_desk_is_unreachable_is_sent_once_by_a_later_sync() {
    let desk = serve_demo_desk();
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let body = "Written on the train.";
    let queued = ok(
        Some(&desk.token),
        &[
            "reply",
            EXPORT_REQUEST,
            "--body",
            body,
            "--desk",
            &closed,
            "--data-dir",
            dir,
        ],
    );
    assert!(
        queued.starts_with("queued (waiting to send): cannot reach the help desk"),
        "{queued}"
    );

    let synced = json(&online(&desk, data.path(), &["sync", "--json"]));
    assert_eq!(synced["sent"].as_array().unwrap().len(), 1, "{synced}");
    assert_eq!(synced["waiting"], serde_json::json!([]), "{synced}");
    let again = json(&online(&desk, data.path(), &["sync", "--json"]));
    assert_eq!(again["sent"], serde_json::json!([]), "{again}");

    let on_desk = get(
        &desk,
        &format!("/api/v2/requests/{EXPORT_REQUEST}/comments.json"),
    );
    // Each comment repeats its text in `plain_body` and `html_body`: count the `body` field.
    let plain_body = format!("\"body\":\"{body}\"");
    assert_eq!(on_desk.matches(&plain_body).count(), 1, "{on_desk}");
    let thread = local(data.path(), &["ticket", EXPORT_REQUEST]);
    assert_eq!(thread.matches(body).count(), 1, "{thread}");
}
