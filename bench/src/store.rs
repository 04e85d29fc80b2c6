//! `cargo xtask bench store`: the ticket store at a heavy user's size. The tickets issue's
//! target: "A store of 10,000 requests and 100,000 comments: ticket list query ≤ 20 ms."
//!
//! Builds a `helpline.sqlite3` on disk, in a temporary folder, through
//! `helpline_core::fixtures::load` (the sync's own writes, in one transaction): 10,000 requests
//! over three years in every status, realistic subjects, six agents and the user; 100,000
//! public comments spread unevenly (10 a request on average, from 1 to a hundred or more); a
//! tenth of the tickets unread; 300 outbox items, most of them sent long ago as an outbox
//! keeps them. The data is generated from a fixed seed, so every run builds the same store.
//! Then it reopens the store (as the app does at start) and times, on one thread, many runs of
//! `Store::tickets` for every filter (the whole list and the first 200 rows, as a virtualised
//! list asks for them), a searched list, `Store::ticket` on threads of 10 to 50 comments and
//! `Store::mark_read`, and checks the target on the list queries' p99.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom as _;
use rand::{Rng as _, SeedableRng as _};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use helpline_core::{
    fixtures, Attachment, Comment, NewRequest, OutboxState, Outgoing, Person, Request, RequestId,
    RequestStatus, Store, Thread, TicketFilter, TicketQuery, User,
};
use jiff::Timestamp;

const REQUESTS: usize = 10_000;
const COMMENTS: usize = 100_000;
const OUTBOX_ITEMS: usize = 300;
/// The target for a ticket list query.
const LIST_TARGET: Duration = Duration::from_millis(20);
/// Rows a virtualised list asks for at a time.
const FIRST_ROWS: u32 = 200;
/// Timed runs of each query (after a few untimed ones).
const RUNS: usize = 200;
const WARM_UP: usize = 5;

const ME: u64 = 20_000_000_001;
const FIRST_REQUEST: u64 = 4_300_000_000;
const FIRST_COMMENT: u64 = 60_000_000_000;
/// 2026-03-01T00:00:00Z: the store's "now".
const NOW: i64 = 1_772_323_200;
const DAY: i64 = 86_400;
/// The span the requests were opened over.
const HISTORY_DAYS: i64 = 3 * 365;

const AGENTS: [&str; 6] = [
    "Sam Support",
    "Alex Agent",
    "Camille Martin",
    "Jordan Lee",
    "Priya Patel",
    "Lucas Bernard",
];

const AREAS: [&str; 24] = [
    "Export to CSV",
    "Login with SSO",
    "Invoice PDF",
    "Dashboard",
    "Mobile app",
    "API token",
    "Email notifications",
    "File upload",
    "Search",
    "Calendar sync",
    "Two-factor authentication",
    "Team permissions",
    "Billing page",
    "Report builder",
    "Webhook delivery",
    "Data import",
    "Password reset",
    "Audit log",
    "Slack integration",
    "Custom fields",
    "Backup restore",
    "Project templates",
    "Time tracking",
    "Single sign-on",
];

const PROBLEMS: [&str; 12] = [
    "times out",
    "fails with error 500",
    "is very slow",
    "shows the wrong totals",
    "does not load",
    "stopped working",
    "returns an empty result",
    "asks me to sign in again",
    "is missing some entries",
    "crashes on start",
    "sends duplicates",
    "ignores my settings",
];

const CONTEXTS: [&str; 10] = [
    " for large projects",
    " since the last update",
    " on Firefox",
    " for French-speaking users",
    " after changing our plan",
    " on some accounts",
    " with more than 1,000 rows",
    " every Monday morning",
    "",
    "",
];

const QUESTIONS: [&str; 8] = [
    "How do I add a teammate to a project?",
    "Can we change the billing currency?",
    "Where can I download our invoices?",
    "Is there an API limit for exports?",
    "How do I move a project to another workspace?",
    "Can I restore a deleted report?",
    "Do you support SAML with Azure AD?",
    "How long do you keep audit logs?",
];

const SENTENCES: [&str; 12] = [
    "Thanks for getting back to me so quickly.",
    "I attached a screenshot of what we see.",
    "It happens for everyone on the team, not only me.",
    "We tried again this morning and it still fails the same way.",
    "Could you check the logs on your side for our account?",
    "Our workaround for now is to split the job in smaller parts.",
    "Thank you for your patience while we look into this.",
    "Our engineers found the cause and a fix is on its way.",
    "Could you tell me which version of the app you are using?",
    "I have escalated this to the product team.",
    "This should be fixed now; please let us know if it comes back.",
    "I am closing this request, reply if you need anything else.",
];

/// Seeded, so every run builds the same store.
struct Rng(StdRng);

impl Rng {
    fn seeded(seed: u64) -> Self {
        Self(StdRng::seed_from_u64(seed))
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0.random_range(0..bound.max(1))
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.0).expect("something to pick from")
    }

    /// In [0, 1).
    fn unit(&mut self) -> f64 {
        self.0.random()
    }
}

fn time(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).expect("a time in range")
}

/// Comments per request: 10 on average, most threads short, a few long; exactly `COMMENTS`.
fn comment_counts(rng: &mut Rng) -> Vec<usize> {
    let mut counts: Vec<usize> = (0..REQUESTS)
        .map(|_| {
            // 1 + an exponential of mean 9, sometimes doubled: a long tail of long threads.
            let tail = -(1.0 - rng.unit()).ln() * 9.0;
            let long = if rng.below(20) == 0 { 2.5 } else { 1.0 };
            1 + (tail * long) as usize
        })
        .collect();
    let mut total: usize = counts.iter().sum();
    while total != COMMENTS {
        let index = rng.below(REQUESTS as u64) as usize;
        if total < COMMENTS {
            counts[index] += 1;
            total += 1;
        } else if counts[index] > 1 {
            counts[index] -= 1;
            total -= 1;
        }
    }
    counts
}

fn subject(rng: &mut Rng) -> String {
    if rng.below(6) == 0 {
        return rng.pick(&QUESTIONS).to_owned();
    }
    format!(
        "{} {}{}",
        rng.pick(&AREAS),
        rng.pick(&PROBLEMS),
        rng.pick(&CONTEXTS)
    )
}

fn body(rng: &mut Rng) -> String {
    let sentences = 1 + rng.below(4) as usize;
    (0..sentences)
        .map(|_| rng.pick(&SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A status that fits the request's age: recent ones still in progress, old ones done.
fn status(rng: &mut Rng, age_days: i64) -> RequestStatus {
    use RequestStatus::*;
    let roll = rng.below(100);
    match age_days {
        0..=14 => [New, Open, Open, Open, Pending, Pending, Hold, Solved][roll as usize % 8],
        15..=60 => match roll {
            0..=9 => Open,
            10..=17 => Pending,
            18..=21 => Hold,
            22..=69 => Solved,
            _ => Closed,
        },
        _ => match roll {
            0 => Open,
            1 => Hold,
            2 => Pending,
            3..=7 => Solved,
            _ => Closed,
        },
    }
}

struct Generated {
    me: User,
    threads: Vec<(Request, Thread)>,
    unread: Vec<RequestId>,
    outgoing: Vec<(Outgoing, OutboxState)>,
}

fn generate() -> Generated {
    let mut rng = Rng::seeded(0x4865_6c70_6c69_6e65);
    let me = User {
        id: ME,
        name: "Dana Demo".into(),
        email: Some("dana@example.com".into()),
        role: "end-user".into(),
        facts: Default::default(),
    };
    let agents: Vec<Person> = AGENTS
        .iter()
        .enumerate()
        .map(|(index, name)| Person {
            id: 30_000_000_001 + index as u64,
            name: (*name).to_owned(),
            agent: true,
        })
        .collect();
    let me_person = Person {
        id: ME,
        name: me.name.clone(),
        agent: false,
    };
    let counts = comment_counts(&mut rng);
    let mut next_comment = FIRST_COMMENT;
    let mut next_attachment = 1;
    let mut threads = Vec::with_capacity(REQUESTS);
    let mut unread = Vec::new();
    for (index, &count) in counts.iter().enumerate() {
        // Oldest first, spread evenly over the history with some jitter.
        let opened = NOW - HISTORY_DAYS * DAY
            + (index as i64 * HISTORY_DAYS * DAY) / REQUESTS as i64
            + rng.below(6 * 3600) as i64;
        let age_days = (NOW - opened) / DAY;
        let status = status(&mut rng, age_days);
        let assigned = status != RequestStatus::New;
        let agent = agents[rng.below(agents.len() as u64) as usize].clone();
        let description = format!(
            "{} {}",
            body(&mut rng),
            "Steps: open the project, choose the action, wait. Expected: it finishes. Actual: it does not."
        );
        let mut comments = Vec::with_capacity(count);
        let mut at = opened;
        for position in 0..count {
            let author = if position == 0 || (!assigned) || rng.below(2) == 0 {
                ME
            } else {
                agent.id
            };
            let text = if position == 0 {
                description.clone()
            } else {
                body(&mut rng)
            };
            let attachments = if rng.below(40) == 0 {
                next_attachment += 1;
                vec![Attachment {
                    id: next_attachment,
                    file_name: format!("screenshot-{next_attachment}.png"),
                    content_url: Some(format!(
                        "https://acme.zendesk.com/attachments/token/{next_attachment}/?name=screenshot.png"
                    )),
                    content_type: Some("image/png".into()),
                    size: Some(20_000 + rng.below(400_000)),
                }]
            } else {
                Vec::new()
            };
            comments.push(Comment {
                id: next_comment,
                author_id: author,
                html_body: Some(format!("<div class=\"zd-comment\"><p>{text}</p></div>")),
                body: text,
                public: true,
                attachments,
                created_at: time(at.min(NOW)),
            });
            next_comment += 1;
            // Replies come minutes to days apart; old threads were long over before now.
            at += 600 + rng.below(2 * DAY as u64) as i64;
        }
        let last = comments.last().map_or(opened, |c| c.created_at.as_second());
        let updated = if status.is_done() {
            (last + DAY * (1 + rng.below(4) as i64)).min(NOW)
        } else {
            last
        };
        // A tenth of the tickets carry an agent reply the user has not opened yet.
        if comments.last().is_some_and(|c| c.author_id != ME) && rng.below(10) == 0 {
            unread.push(FIRST_REQUEST + index as u64);
        }
        let request = Request {
            id: FIRST_REQUEST + index as u64,
            subject: subject(&mut rng),
            description,
            status,
            priority: Some(
                rng.pick(&["low", "normal", "normal", "high", "urgent"])
                    .into(),
            ),
            requester_id: ME,
            assignee_id: assigned.then_some(agent.id),
            can_be_solved_by_me: assigned,
            zendesk_type: Some(rng.pick(&["question", "incident", "task"]).into()),
            custom_fields: vec![],
            created_at: time(opened),
            updated_at: time(updated),
        };
        let people = if assigned {
            vec![me_person.clone(), agent]
        } else {
            vec![me_person.clone()]
        };
        threads.push((request, Thread { comments, people }));
    }
    let outgoing = (0..OUTBOX_ITEMS)
        .map(|index| {
            let state = match index {
                _ if index < OUTBOX_ITEMS - 20 => OutboxState::Sent,
                _ if index < OUTBOX_ITEMS - 8 => OutboxState::Waiting,
                _ if index < OUTBOX_ITEMS - 4 => OutboxState::Sending,
                _ => OutboxState::Failed,
            };
            let item = if rng.below(5) == 0 {
                Outgoing::NewRequest {
                    request: NewRequest {
                        subject: subject(&mut rng),
                        body: body(&mut rng),
                        ..NewRequest::default()
                    },
                    attachments: vec![],
                }
            } else {
                // Replies on the recent tickets, where people write.
                let recent = REQUESTS as u64 - 1 - rng.below(500);
                Outgoing::Reply {
                    request_id: FIRST_REQUEST + recent,
                    body: body(&mut rng),
                    attachments: vec![],
                }
            };
            (item, state)
        })
        .collect();
    Generated {
        me,
        threads,
        unread,
        outgoing,
    }
}

/// Latencies of one query, sorted.
struct Timing {
    name: String,
    rows: String,
    sorted: Vec<Duration>,
    /// Counts against the list target.
    list: bool,
}

impl Timing {
    fn percentile(&self, fraction: f64) -> Duration {
        let rank =
            ((fraction * self.sorted.len() as f64).ceil() as usize).clamp(1, self.sorted.len());
        self.sorted[rank - 1]
    }

    fn max(&self) -> Duration {
        *self.sorted.last().expect("timed at least once")
    }
}

/// Runs `work` `WARM_UP` times untimed, then `RUNS` times timed; `work` gets the run's number
/// and returns how many rows it produced.
fn time_runs(
    name: impl Into<String>,
    list: bool,
    mut work: impl FnMut(usize) -> anyhow::Result<usize>,
) -> anyhow::Result<Timing> {
    for run in 0..WARM_UP {
        work(run)?;
    }
    let mut sorted = Vec::with_capacity(RUNS);
    let (mut fewest, mut most) = (usize::MAX, 0);
    for run in 0..RUNS {
        let started = Instant::now();
        let rows = work(run)?;
        sorted.push(started.elapsed());
        fewest = fewest.min(rows);
        most = most.max(rows);
    }
    sorted.sort();
    let rows = if fewest == most {
        fewest.to_string()
    } else {
        format!("{fewest}–{most}")
    };
    Ok(Timing {
        name: name.into(),
        rows,
        sorted,
        list,
    })
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |meta| meta.len())
}

fn main() -> anyhow::Result<()> {
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    let file = scratch.path().join("helpline.sqlite3");

    let started = Instant::now();
    let generated = generate();
    let generate_took = started.elapsed();
    let loading = Instant::now();
    {
        let store = Store::open(&file)?;
        fixtures::load(
            &store,
            &generated.me,
            &generated.threads,
            &generated.unread,
            &generated.outgoing,
        )?;
    }
    let load_took = loading.elapsed();
    // Closing the last connection checkpointed the WAL into the file and removed it.
    let size = file_size(&file) + file_size(&scratch.path().join("helpline.sqlite3-wal"));

    let opening = Instant::now();
    let store = Store::open(&file)?;
    let first_page = store.tickets(&TicketQuery {
        limit: Some(FIRST_ROWS),
        ..TicketQuery::new(TicketFilter::All)
    })?;
    let first_page_took = opening.elapsed();
    anyhow::ensure!(first_page.len() == FIRST_ROWS as usize);

    let mut statuses = std::collections::BTreeMap::<&str, usize>::new();
    for (request, _) in &generated.threads {
        *statuses.entry(request.status.as_str()).or_default() += 1;
    }
    let comment_counts: Vec<usize> = generated
        .threads
        .iter()
        .map(|(_, thread)| thread.comments.len())
        .collect();
    let comments: usize = comment_counts.iter().sum();
    let longest = comment_counts.iter().max().copied().unwrap_or(0);
    let shortest = comment_counts.iter().min().copied().unwrap_or(0);

    let mut timings = Vec::new();
    for (filter, name) in [
        (TicketFilter::All, "all"),
        (TicketFilter::Open, "open"),
        (TicketFilter::AwaitingReply, "awaiting reply"),
        (TicketFilter::Done, "done"),
    ] {
        let whole = TicketQuery::new(filter);
        timings.push(time_runs(
            format!("tickets: {name}, whole list"),
            true,
            |_| Ok(store.tickets(&whole)?.len()),
        )?);
        let first = TicketQuery {
            limit: Some(FIRST_ROWS),
            ..TicketQuery::new(filter)
        };
        timings.push(time_runs(
            format!("tickets: {name}, first {FIRST_ROWS}"),
            true,
            |_| Ok(store.tickets(&first)?.len()),
        )?);
    }
    let searches = [
        "export",
        "csv times",
        "sso",
        "invoice pdf",
        "slow",
        "webhook",
        "sign in",
        "billing",
    ];
    timings.push(time_runs(
        format!(
            "tickets: all, searched ({} queries of 1–2 words)",
            searches.len()
        ),
        true,
        |run| {
            let query = TicketQuery::new(TicketFilter::All).search(searches[run % searches.len()]);
            Ok(store.tickets(&query)?.len())
        },
    )?);

    // Threads of 10 to 50 comments, taken across the whole history.
    let mid_threads: Vec<RequestId> = generated
        .threads
        .iter()
        .filter(|(_, thread)| (10..=50).contains(&thread.comments.len()))
        .map(|(request, _)| request.id)
        .collect();
    let step = (mid_threads.len() / RUNS).max(1);
    timings.push(time_runs(
        "ticket: one thread of 10–50 comments",
        false,
        |run| {
            let id = mid_threads[(run * step) % mid_threads.len()];
            let ticket = store.ticket(id)?.context("a generated ticket is stored")?;
            Ok(ticket.comments.len())
        },
    )?);
    timings.push(time_runs(
        "mark_read: one ticket (a committed write)",
        false,
        |run| {
            let id = generated.unread[run % generated.unread.len()];
            store.mark_read(id)?;
            Ok(1)
        },
    )?);

    let mut report = String::new();
    writeln!(
        report,
        "Store: {} requests ({}), {comments} public comments ({shortest}–{longest} a request, {:.1} on average), {} unread, {} outbox items ({} not sent), {} agents and the user; one thread, {RUNS} timed runs of each query.\n",
        generated.threads.len(),
        statuses
            .iter()
            .map(|(status, count)| format!("{status} {count}"))
            .collect::<Vec<_>>()
            .join(", "),
        comments as f64 / generated.threads.len() as f64,
        generated.unread.len(),
        generated.outgoing.len(),
        generated
            .outgoing
            .iter()
            .filter(|(_, state)| *state != OutboxState::Sent)
            .count(),
        AGENTS.len(),
    )?;
    writeln!(report, "| building the store | |")?;
    writeln!(report, "|---|---|")?;
    writeln!(
        report,
        "| generate the data | {:.2} s |",
        generate_took.as_secs_f64()
    )?;
    writeln!(
        report,
        "| load it (`fixtures::load`, one transaction) | {:.2} s |",
        load_took.as_secs_f64()
    )?;
    writeln!(report, "| file size | {:.1} MB |", megabytes(size))?;
    writeln!(
        report,
        "| open the store and list the first {FIRST_ROWS} | {} |",
        ms(first_page_took)
    )?;
    writeln!(report)?;
    writeln!(report, "| query | rows | p50 | p95 | p99 | max |")?;
    writeln!(report, "|---|---|---|---|---|---|")?;
    for timing in &timings {
        writeln!(
            report,
            "| {} | {} | {} | {} | {} | {} |",
            timing.name,
            timing.rows,
            ms(timing.percentile(0.50)),
            ms(timing.percentile(0.95)),
            ms(timing.percentile(0.99)),
            ms(timing.max()),
        )?;
    }
    let slowest = timings
        .iter()
        .filter(|timing| timing.list)
        .max_by_key(|timing| timing.percentile(0.99))
        .expect("list queries were timed");
    let met = slowest.percentile(0.99) <= LIST_TARGET;
    writeln!(
        report,
        "\nTarget: ticket list query ≤ {} ms (p99 of every list query above): {} (slowest: {}, p99 {})",
        LIST_TARGET.as_millis(),
        if met { "PASS" } else { "FAIL" },
        slowest.name,
        ms(slowest.percentile(0.99)),
    )?;
    println!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench/store.md");
    std::fs::create_dir_all(out.parent().expect("has a parent"))?;
    std::fs::write(&out, &report)?;
    eprintln!("written to {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threads_add_up_to_the_comment_count_and_none_is_empty() {
        let counts = comment_counts(&mut Rng::seeded(7));
        assert_eq!(counts.len(), REQUESTS);
        assert_eq!(counts.iter().sum::<usize>(), COMMENTS);
        assert!(counts.iter().all(|&count| count >= 1));
        assert!(counts.iter().any(|&count| count >= 50), "some long threads");
    }
}
