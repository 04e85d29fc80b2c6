//! `cargo xtask bench desk`: how the demo desk holds up under mixed reads.
//!
//! The desk runs on a one-thread runtime of its own and the load comes from another one-thread
//! runtime, so each side has one of this machine's two cores. The load is open-loop: requests
//! leave on a fixed schedule (500 a second), and latency counts from when a request was due,
//! so a slow server cannot hide its queueing. Then a closed loop finds the highest rate.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use demo_desk::{DemoConfig, DemoDesk};
use tokio::sync::Mutex;

const TARGET_RATE: u32 = 500;
const OPEN_LOOP_SECONDS: u32 = 20;
const CLOSED_LOOP: Duration = Duration::from_secs(5);
const CLOSED_LOOP_CONCURRENCY: usize = 32;
/// The seeded request every show and comments read goes to.
const SEEDED_REQUEST: u64 = 4_294_967_400;

/// The mix of reads a Helpline client makes: mostly list polls, some threads, some status.
fn path_for(sequence: u32) -> &'static str {
    match sequence % 10 {
        0..=3 => "/api/v2/requests.json?sort_by=updated_at&sort_order=desc&page[size]=25",
        4 | 5 => "/api/v2/requests/4294967400.json",
        6 | 7 => "/api/v2/requests/4294967400/comments.json?sort=-created_at",
        8 => "/api/v2/users/me.json",
        _ => "/status/api/v2/summary.json",
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((fraction * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn main() -> anyhow::Result<()> {
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let config = DemoConfig {
        rate_limit_per_minute: 1_000_000,
        ..DemoConfig::default()
    };
    let desk = server
        .block_on(DemoDesk::start(config))
        .context("demo desk start")?;
    let base = desk.base_url();
    let token = desk.demo_token().to_owned();
    anyhow::ensure!(path_for(4).contains(&SEEDED_REQUEST.to_string()));

    let load = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let report = load.block_on(async move {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()?;
        let open = open_loop(&client, &base, &token).await?;
        let closed = closed_loop(&client, &base, &token).await?;
        anyhow::Ok(format!("{open}{closed}"))
    })?;
    println!("{report}");
    server.block_on(desk.shutdown());
    Ok(())
}

async fn get(client: &reqwest::Client, url: &str, token: &str) -> bool {
    match client.get(url).bearer_auth(token).send().await {
        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
        Err(_) => false,
    }
}

async fn open_loop(client: &reqwest::Client, base: &str, token: &str) -> anyhow::Result<String> {
    let total = TARGET_RATE * OPEN_LOOP_SECONDS;
    let interval = Duration::from_secs(1) / TARGET_RATE;
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total as usize)));
    let failures = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    for sequence in 0..total {
        let due = started + interval * sequence;
        tokio::time::sleep_until(due.into()).await;
        let (client, url, token) = (
            client.clone(),
            format!("{base}{}", path_for(sequence)),
            token.to_owned(),
        );
        let (latencies, failures) = (latencies.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let ok = get(&client, &url, &token).await;
            latencies.lock().await.push(due.elapsed());
            if !ok {
                failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed();
    let mut latencies = latencies.lock().await.clone();
    latencies.sort();
    let p99 = percentile(&latencies, 0.99);
    Ok(format!(
        "## Demo desk under load\n\n\
         Mixed reads (40 % request list, 20 % one request, 20 % its comments, 10 % users/me, \
         10 % Statuspage summary), desk and load on one core each.\n\n\
         | open loop at {TARGET_RATE} requests/s for {OPEN_LOOP_SECONDS} s | |\n|---|---|\n\
         | requests sent | {total} in {:.1} s ({:.0}/s) |\n| failed | {} |\n\
         | latency p50 | {} |\n| latency p90 | {} |\n| latency p99 | {} |\n| latency max | {} |\n\n\
         Target: 500 requests/s with p99 ≤ 20 ms: {}\n\n",
        elapsed.as_secs_f64(),
        f64::from(total) / elapsed.as_secs_f64(),
        failures.load(std::sync::atomic::Ordering::Relaxed),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.9)),
        ms(p99),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        if p99 <= Duration::from_millis(20)
            && failures.load(std::sync::atomic::Ordering::Relaxed) == 0
        {
            "met"
        } else {
            "NOT MET"
        },
    ))
}

async fn closed_loop(client: &reqwest::Client, base: &str, token: &str) -> anyhow::Result<String> {
    let deadline = Instant::now() + CLOSED_LOOP;
    let mut workers = Vec::new();
    for worker in 0..CLOSED_LOOP_CONCURRENCY {
        let (client, base, token) = (client.clone(), base.to_owned(), token.to_owned());
        workers.push(tokio::spawn(async move {
            let mut done = 0u32;
            let mut sequence = worker as u32;
            while Instant::now() < deadline {
                if get(&client, &format!("{base}{}", path_for(sequence)), &token).await {
                    done += 1;
                }
                sequence += 1;
            }
            done
        }));
    }
    let mut done = 0;
    for worker in workers {
        done += worker.await?;
    }
    Ok(format!(
        "Highest rate ({CLOSED_LOOP_CONCURRENCY} clients back to back for {} s): {:.0} requests/s\n",
        CLOSED_LOOP.as_secs(),
        f64::from(done) / CLOSED_LOOP.as_secs_f64()
    ))
}
