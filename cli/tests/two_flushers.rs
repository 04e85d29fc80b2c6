//! Two processes on one data folder (the app and `helpline sync`, or two syncs) flush the same
//! outbox at the same moment: every item still reaches the desk exactly once, because a flush
//! holds the outbox lock while it decides what is waiting and sends it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{serve_demo_desk_with, ServedDesk};
use serde_json::{json, Value};

/// Each requests call waits this long on the desk, so both flushes are on the wire together.
const DESK_LATENCY_MS: u64 = 150;
const REPLIES: usize = 4;
/// Dana's "Export to CSV times out for large projects": open, takes replies.
const EXPORT_REQUEST: &str = "4294967401";

fn helpline(desk_url: &str, token: &str, data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_helpline"));
    command
        .args(args)
        .args(["--desk", desk_url])
        .args(["--data-dir", data.to_str().unwrap()])
        .env_remove("HELPLINE_DESK_URL")
        .env("HELPLINE_ZENDESK_TOKEN", token)
        .stdin(Stdio::null());
    command
}

/// The bodies of the comments on the export request.
fn comments_on_desk(desk: &ServedDesk) -> Vec<String> {
    let url = format!(
        "http://{}/api/v2/requests/{EXPORT_REQUEST}/comments.json?page[size]=100",
        desk.address
    );
    let page: Value = runtime().block_on(async {
        let response = reqwest::Client::new()
            .get(&url)
            .bearer_auth(&desk.token)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{response:?}");
        response.json().await.unwrap()
    });
    page["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|comment| comment["body"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

#[test]
fn two_processes_flushing_one_outbox_send_each_item_once() {
    let desk = serve_demo_desk_with(&["--rate-limit", "1000000"]);
    let desk_url = format!("http://{}", desk.address);
    let data = tempfile::tempdir().unwrap();
    let data = data.path();

    // Written while the desk could not be reached: all of them wait in the outbox.
    let unreachable = "http://127.0.0.1:9";
    let bodies: Vec<String> = (0..REPLIES)
        .map(|n| format!("two-flushers reply {n}"))
        .collect();
    for body in &bodies {
        let output = helpline(
            unreachable,
            &desk.token,
            data,
            &["reply", EXPORT_REQUEST, "--body", body],
        )
        .output()
        .unwrap();
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.starts_with("queued"), "{said}");
    }

    let faults = runtime().block_on(
        reqwest::Client::new()
            .post(format!("{desk_url}/_demo/faults"))
            .json(&json!({
                "route_prefix": "/api/v2/requests",
                "latency_ms": DESK_LATENCY_MS,
            }))
            .send(),
    );
    assert!(faults.unwrap().status().is_success());

    let flushers: Vec<_> = (0..2)
        .map(|_| {
            helpline(&desk_url, &desk.token, data, &["sync"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for flusher in flushers {
        let output = flusher.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    let on_desk = comments_on_desk(&desk);
    for body in &bodies {
        let copies = on_desk.iter().filter(|text| *text == body).count();
        assert_eq!(copies, 1, "{body:?} is on the desk {copies} times");
    }
}
