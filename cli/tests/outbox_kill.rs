//! The outbox survives being killed at any moment. The tickets issue's target: "200 runs that
//! kill the process at a random point while the outbox is sending → 0 lost, 0 duplicated
//! requests or comments on the desk".
//!
//! A served demo desk answers every `/api/v2/requests…` call after a delay (a back-office
//! latency fault), so a kill often lands while a send is on the wire. 200 runs of `helpline
//! reply` or `helpline new`, each with a body no other run uses, share one data folder and are
//! SIGKILLed after a random delay, from before the store is opened to after the send; now and
//! then a `helpline sync` (which flushes the outbox first) is killed mid-flight too. Then
//! `helpline sync` runs until nothing waits, and the desk is read over its Zendesk API: every
//! item that reached the outbox is there exactly once, and nothing else of this test is. A run
//! killed before its item was stored never had it accepted (the command had not said "queued"),
//! so it is counted apart, and must not be on the desk either.
//!
//! The choices and delays come from a seeded generator; the seed is printed, and
//! `OUTBOX_KILL_SEED=N` replays the same choices (process timing still varies).

mod common;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{serve_demo_desk_with, ServedDesk};
use serde_json::{json, Value};

const RUNS: usize = 200;
/// How long the desk sits on each requests call before handling it.
const DESK_LATENCY_MS: u64 = 40;
/// On average one run in this many also starts a `helpline sync` and kills it.
const SYNC_KILL_ONE_IN: u64 = 6;
/// Undisturbed writes timed before the runs.
const CALIBRATION_WRITES: usize = 4;
/// Above this many unsent items, an undisturbed sync sends them before the next run.
const MAX_BACKLOG: usize = 2;
/// Every text this test sends starts with this, so its traces on the desk can be found.
const MARK: &str = "kill-test";

/// Seeded (the seed is printed), so a failing run can be replayed.
struct Rng(StdRng);

impl Rng {
    fn seeded(seed: u64) -> Self {
        Self(StdRng::seed_from_u64(seed))
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0.random_range(0..bound.max(1))
    }

    fn delay_below(&mut self, bound: Duration) -> Duration {
        Duration::from_micros(self.below(bound.as_micros() as u64))
    }
}

fn seed() -> u64 {
    match std::env::var("OUTBOX_KILL_SEED") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("OUTBOX_KILL_SEED={text:?} is not a number")),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
    }
}

/// `helpline ARGS --desk URL --data-dir DIR` with the desk's token, output discarded.
fn helpline(desk: &ServedDesk, data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_helpline"));
    command
        .args(args)
        .args(["--desk", &format!("http://{}", desk.address)])
        .args(["--data-dir", data.to_str().unwrap()])
        .env_remove("HELPLINE_DESK_URL")
        .env("HELPLINE_ZENDESK_TOKEN", &desk.token)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Runs `command` to its end; its standard output. Panics when it fails.
fn run_to_end(mut command: Command) -> String {
    let output = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("helpline runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Starts `command` and SIGKILLs it once `delay` has passed; `true` when it was killed,
/// `false` when it had already exited by itself.
fn kill_after(mut command: Command, delay: Duration) -> bool {
    let started = Instant::now();
    let mut child = command.spawn().expect("helpline starts");
    let killed = loop {
        if child
            .try_wait()
            .expect("helpline can be waited on")
            .is_some()
        {
            break false;
        }
        let elapsed = started.elapsed();
        if elapsed >= delay {
            child.kill().expect("helpline can be killed");
            break true;
        }
        std::thread::sleep((delay - elapsed).min(Duration::from_millis(2)));
    };
    child.wait().expect("helpline can be waited on");
    killed
}

/// One row of the outbox table, as far as this test cares.
struct Row {
    state: String,
    attempts: u32,
}

/// The outbox, by the text the item sends (a reply's body, a new request's description).
/// Read straight from the store file, read-only, while no helpline process runs.
fn outbox(data: &Path) -> HashMap<String, Row> {
    let file = data.join("helpline.sqlite3");
    if !file.exists() {
        return HashMap::new();
    }
    let connection =
        rusqlite::Connection::open_with_flags(&file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the store opens read-only");
    let mut statement = match connection.prepare("SELECT payload, state, attempts FROM outbox") {
        Ok(statement) => statement,
        // Killed before the first migration committed: no outbox table yet.
        Err(error) if error.to_string().contains("no such table") => return HashMap::new(),
        Err(error) => panic!("cannot read the outbox: {error}"),
    };
    let rows = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, u32>(2)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    let mut items = HashMap::new();
    for (payload, state, attempts) in rows {
        let payload: Value = serde_json::from_str(&payload).unwrap();
        let text = match payload["kind"].as_str() {
            Some("reply") => payload["body"].as_str(),
            Some("newRequest") => payload["request"]["body"].as_str(),
            _ => None,
        }
        .unwrap_or_else(|| panic!("an outbox item this test did not write: {payload}"))
        .to_owned();
        let previous = items.insert(text.clone(), Row { state, attempts });
        assert!(previous.is_none(), "queued twice in the outbox: {text:?}");
    }
    items
}

/// The desk's Zendesk API with the demo customer's token.
struct DeskApi {
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
    base: String,
    token: String,
}

impl DeskApi {
    fn new(desk: &ServedDesk) -> Self {
        Self {
            runtime: tokio::runtime::Runtime::new().unwrap(),
            http: reqwest::Client::new(),
            base: format!("http://{}", desk.address),
            token: desk.token.clone(),
        }
    }

    fn get(&self, url: &str) -> Value {
        self.runtime.block_on(async {
            let response = self
                .http
                .get(url)
                .bearer_auth(&self.token)
                .send()
                .await
                .unwrap_or_else(|error| panic!("GET {url}: {error}"));
            assert!(response.status().is_success(), "GET {url}: {response:?}");
            response.json().await.unwrap()
        })
    }

    /// Every element of `key` over all the cursor pages from `path`.
    fn all(&self, path: &str, key: &str) -> Vec<Value> {
        let mut url = format!("{}{path}", self.base);
        let mut items = Vec::new();
        loop {
            let page = self.get(&url);
            items.extend(page[key].as_array().unwrap().iter().cloned());
            match (
                page["meta"]["has_more"].as_bool(),
                page["links"]["next"].as_str(),
            ) {
                (Some(true), Some(next)) => url = next.to_owned(),
                _ => return items,
            }
        }
    }

    fn back_office(&self, method: reqwest::Method, path: &str, body: Value) {
        let url = format!("{}/_demo/{path}", self.base);
        self.runtime.block_on(async {
            let response = self
                .http
                .request(method, &url)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success(), "{url}: {response:?}");
        });
    }
}

/// What a run asked for.
enum Write {
    Reply { request: u64 },
    New { kind: &'static str },
}

/// Where a run's item was when its process died (or exited).
#[derive(Debug, Default)]
struct Tally {
    killed_before_queueing: usize,
    killed_waiting: usize,
    killed_while_sending: usize,
    killed_after_sent: usize,
    finished: usize,
    syncs_started: usize,
    syncs_killed: usize,
    /// Undisturbed syncs run because too much was waiting.
    drains: usize,
}

/// The texts of the items being sent.
fn sending(outbox: &HashMap<String, Row>) -> Vec<String> {
    outbox
        .iter()
        .filter(|(_, row)| row.state == "sending")
        .map(|(text, _)| text.clone())
        .collect()
}

/// Items waiting or being sent.
fn unsent(outbox: &HashMap<String, Row>) -> usize {
    outbox
        .values()
        .filter(|row| row.state == "waiting" || row.state == "sending")
        .count()
}

#[test]
fn killing_helpline_at_random_moments_loses_and_duplicates_nothing() {
    let started = Instant::now();
    let seed = seed();
    println!("outbox kill test: seed {seed} (OUTBOX_KILL_SEED={seed} replays these choices)");
    let mut rng = Rng::seeded(seed);
    // Several hundred calls a minute: lift the per-token rate limit a real plan would set.
    let desk = serve_demo_desk_with(&["--rate-limit", "1000000"]);
    let api = DeskApi::new(&desk);
    let data = tempfile::tempdir().unwrap();
    let data = data.path();
    run_to_end(helpline(&desk, data, &["sync"]));

    // Replies go to the seeded requests that still take comments.
    let targets: Vec<u64> = api
        .all("/api/v2/requests.json?page[size]=100", "requests")
        .iter()
        .filter(|request| request["status"] != "closed")
        .map(|request| request["id"].as_u64().unwrap())
        .collect();
    assert!(targets.len() >= 3, "{targets:?}");

    api.back_office(
        reqwest::Method::POST,
        "faults",
        json!({ "route_prefix": "/api/v2/requests", "latency_ms": DESK_LATENCY_MS }),
    );

    // How long an undisturbed write takes here (the mean of four), so the kills spread over a
    // whole one.
    let mut texts = Vec::new();
    let mut took = Duration::ZERO;
    for index in 0..CALIBRATION_WRITES {
        let text = format!("{MARK} {seed} calibration {index}");
        let target = targets[index % targets.len()].to_string();
        let mut args = match index % 2 {
            0 => vec!["reply", &target],
            _ => vec![
                "new",
                "--kind",
                "technical-question",
                "--subject",
                "Kill test calibration",
            ],
        };
        args.extend(["--body", &text]);
        let timer = Instant::now();
        let said = run_to_end(helpline(&desk, data, &args));
        took += timer.elapsed();
        assert!(said.starts_with("sent"), "{said}");
        texts.push(text);
    }
    let write_takes = took / CALIBRATION_WRITES as u32;

    // Kill anywhere from before the process starts working to a little after a normal send
    // ends. A run first delivers what earlier runs left (reconciling a send that broke off
    // costs a few more calls), so the window grows with what waits; more than
    // `MAX_BACKLOG` waiting items are first sent by an undisturbed sync, so that the kills
    // keep landing on every step of the runs' own items.
    let window_for = |backlog: usize| write_takes.mul_f64(1.3 + 0.75 * backlog as f64);
    println!(
        "an undisturbed write takes {write_takes:.0?}; kills land within {:.0?} (+{:.0?} per item waiting)",
        window_for(0),
        write_takes.mul_f64(0.75)
    );

    let mut tally = Tally::default();
    // The texts of the runs killed before their item was stored.
    let mut refused = Vec::new();
    let mut backlog = 0;
    // Items left `sending` by a kill: their outcome was unknown to the next process.
    let mut seen_sending = HashSet::new();
    for run in 0..RUNS {
        if backlog > MAX_BACKLOG {
            run_to_end(helpline(&desk, data, &["sync"]));
            tally.drains += 1;
        }
        let write = match rng.below(2) {
            0 => Write::Reply {
                request: targets[rng.below(targets.len() as u64) as usize],
            },
            _ => Write::New {
                // Kinds that do not ask about production impact.
                kind: ["technical-question", "feature-request", "other"][rng.below(3) as usize],
            },
        };
        let (args, text) = match write {
            Write::Reply { request } => {
                let text = format!("{MARK} {seed} run {run:03}: a reply on #{request}");
                let args = vec!["reply".to_owned(), request.to_string()];
                (args, text)
            }
            Write::New { kind } => {
                let text = format!("{MARK} {seed} run {run:03}: a new {kind}");
                let args = ["new", "--kind", kind, "--subject"]
                    .into_iter()
                    .map(str::to_owned)
                    .chain([format!("Kill test run {run:03}")])
                    .collect();
                (args, text)
            }
        };
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        args.extend(["--body", &text]);
        let delay = rng.delay_below(window_for(backlog.min(MAX_BACKLOG)));
        let killed = kill_after(helpline(&desk, data, &args), delay);
        let queued = outbox(data);
        match (killed, queued.get(&text)) {
            (false, None) => panic!("run {run} exited by itself without queueing {text:?}"),
            (false, Some(_)) => tally.finished += 1,
            (true, None) => tally.killed_before_queueing += 1,
            (true, Some(row)) => match row.state.as_str() {
                "waiting" => tally.killed_waiting += 1,
                "sending" => tally.killed_while_sending += 1,
                "sent" => tally.killed_after_sent += 1,
                other => panic!(
                    "run {run}: item {other} after the kill ({} attempts)",
                    row.attempts
                ),
            },
        }
        if !queued.contains_key(&text) {
            refused.push(text.clone());
        }
        seen_sending.extend(sending(&queued));
        backlog = unsent(&queued);
        if rng.below(SYNC_KILL_ONE_IN) == 0 {
            tally.syncs_started += 1;
            let delay = rng.delay_below(window_for(backlog.min(MAX_BACKLOG) + 4));
            if kill_after(helpline(&desk, data, &["sync"]), delay) {
                tally.syncs_killed += 1;
            }
            let queued = outbox(data);
            seen_sending.extend(sending(&queued));
            backlog = unsent(&queued);
        }
    }
    let killing_took = started.elapsed();

    // Now undisturbed: send everything that waits.
    api.back_office(reqwest::Method::DELETE, "faults", json!({}));
    let mut waiting = Value::Null;
    for _ in 0..5 {
        let said = run_to_end({
            let mut command = helpline(&desk, data, &["sync", "--json"]);
            command.stdout(Stdio::piped());
            command
        });
        let report: Value = serde_json::from_str(&said).unwrap();
        waiting = report["waiting"].clone();
        if waiting == json!([]) {
            break;
        }
    }
    assert_eq!(waiting, json!([]), "items still wait after five syncs");

    // What the desk holds: requests by description, and the replies on the targets.
    let mut on_desk: HashMap<String, usize> = HashMap::new();
    let descriptions = api.all("/api/v2/requests.json?page[size]=100", "requests");
    for request in &descriptions {
        *on_desk
            .entry(request["description"].as_str().unwrap().trim().to_owned())
            .or_default() += 1;
    }
    for target in &targets {
        let path = format!("/api/v2/requests/{target}/comments.json?page[size]=100");
        for comment in api.all(&path, "comments") {
            *on_desk
                .entry(comment["body"].as_str().unwrap().trim().to_owned())
                .or_default() += 1;
        }
    }
    on_desk.retain(|text, _| text.starts_with(MARK));

    let queued = outbox(data);
    let not_sent: Vec<_> = queued
        .iter()
        .filter(|(_, row)| row.state != "sent")
        .map(|(text, row)| format!("{text:?}: {}", row.state))
        .collect();
    let lost: Vec<_> = queued
        .keys()
        .filter(|text| !on_desk.contains_key(*text))
        .collect();
    let duplicated: Vec<_> = on_desk.iter().filter(|(_, count)| **count > 1).collect();
    let never_queued_yet_on_desk: Vec<_> = on_desk
        .keys()
        .filter(|text| !queued.contains_key(*text))
        .collect();
    let delivered = queued.len() - lost.len();
    let sent_again = queued.values().filter(|row| row.attempts > 1).count();
    // Left `sending` and still sent in one attempt: the write had reached the desk before the
    // kill, and the next process found it there instead of sending it again.
    let found_on_desk = seen_sending
        .iter()
        .filter(|text| queued.get(*text).is_some_and(|row| row.attempts == 1))
        .count();

    println!(
        "runs: {RUNS}; killed before queueing: {}; killed while sending: {}; delivered: {delivered}; lost: {}; duplicated: {}",
        tally.killed_before_queueing,
        tally.killed_while_sending,
        lost.len(),
        duplicated.len()
    );
    println!(
        "  of the {RUNS} runs: {} killed before queueing (never accepted, not on the desk), {} killed with the item queued and waiting, {} killed while sending, {} killed after it was recorded sent, {} finished before the kill",
        tally.killed_before_queueing,
        tally.killed_waiting,
        tally.killed_while_sending,
        tally.killed_after_sent,
        tally.finished
    );
    println!(
        "  syncs killed mid-flight: {} of {} started; undisturbed syncs when more than {MAX_BACKLOG} items waited: {}; items queued ({CALIBRATION_WRITES} calibration writes included): {}; on the desk: {delivered}",
        tally.syncs_killed,
        tally.syncs_started,
        tally.drains,
        queued.len()
    );
    println!(
        "  left sending by a kill: {}; of those found already on the desk by the next process: {found_on_desk}; items sent again after an attempt that never reached the desk: {sent_again}",
        seen_sending.len()
    );
    println!(
        "  took {:.1?} ({:.1?} killing, the rest syncing and checking)",
        started.elapsed(),
        killing_took
    );

    assert!(
        not_sent.is_empty(),
        "not sent after the final syncs: {not_sent:#?}"
    );
    assert!(lost.is_empty(), "lost (queued, not on the desk): {lost:#?}");
    assert!(
        duplicated.is_empty(),
        "on the desk more than once: {duplicated:#?}"
    );
    assert!(
        never_queued_yet_on_desk.is_empty(),
        "on the desk but never queued: {never_queued_yet_on_desk:#?}"
    );
    for text in &texts {
        assert_eq!(on_desk.get(text), Some(&1), "{text}");
    }
    for text in &refused {
        assert!(
            !queued.contains_key(text),
            "queued after its process died: {text}"
        );
    }
    assert_eq!(
        queued.len(),
        texts.len() + RUNS - refused.len(),
        "every run either queued its item or was killed before it"
    );
}
