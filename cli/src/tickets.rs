//! `helpline sync|tickets|ticket|reply|new`: the user's tickets from scripts, on the same
//! core service as the app's screens ([`Tickets`]): the same checks, the same provider profile,
//! the same outbox.
//!
//! Writes always go through the outbox: they are stored before anything is sent, so a desk that
//! cannot be reached leaves them waiting for the next `helpline sync`, never lost.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context as _};
use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{Args, ValueEnum};
use helpline_core::{
    FlushReport, NewTicketForm, OutboxError, OutboxItem, OutboxState, Outgoing, OutgoingFile,
    Priority, ReplyDraft, RequestId, Store, SubmitOutcome, SyncEvent, TicketDetail, TicketFields,
    TicketFilter, TicketKind, TicketQuery, Tickets, TicketsFolders, ZendeskClient,
};
use serde_json::json;

/// The environment variable holding the desk's address.
const DESK_URL_VAR: &str = "HELPLINE_DESK_URL";
/// The environment variable holding the bearer token.
const TOKEN_VAR: &str = "HELPLINE_ZENDESK_TOKEN";

/// Where the local ticket store is.
#[derive(Args)]
pub struct DataDir {
    /// The folder holding the ticket store `helpline.sqlite3` (default: Helpline's data folder).
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

/// The desk to talk to (the token comes from `HELPLINE_ZENDESK_TOKEN`) and the local store.
#[derive(Args)]
pub struct Connection {
    /// The help desk's address, e.g. `http://127.0.0.1:8765` as `helpline demo-desk serve`
    /// prints it (default: $HELPLINE_DESK_URL).
    #[arg(long)]
    desk: Option<String>,
    #[command(flatten)]
    data: DataDir,
}

#[derive(Args)]
pub struct SyncArgs {
    #[command(flatten)]
    connection: Connection,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusFilter {
    /// Waiting on support: new, open, on hold.
    Open,
    /// Waiting on you: pending.
    Awaiting,
    /// Solved or closed.
    Done,
    All,
}

#[derive(Args)]
pub struct TicketsArgs {
    /// Which tickets to list.
    #[arg(long, value_enum, default_value = "all")]
    status: StatusFilter,
    #[command(flatten)]
    data: DataDir,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct TicketArgs {
    id: RequestId,
    #[command(flatten)]
    data: DataDir,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ReplyArgs {
    id: RequestId,
    /// The reply's text.
    #[arg(long)]
    body: String,
    /// A file to attach (log, screenshot); repeat for several.
    #[arg(long = "attach", value_name = "FILE")]
    attachments: Vec<PathBuf>,
    #[command(flatten)]
    connection: Connection,
}

/// The kinds of the app's new-ticket form, as core spells them on the command line.
fn kind_parser() -> impl clap::builder::TypedValueParser<Value = TicketKind> {
    PossibleValuesParser::new(TicketKind::ALL.map(TicketKind::command_line_name)).map(|name| {
        TicketKind::ALL
            .into_iter()
            .find(|kind| kind.command_line_name() == name)
            .expect("clap accepts only the listed names")
    })
}

/// Zendesk's priorities, as core names them.
fn priority_parser() -> impl clap::builder::TypedValueParser<Value = Priority> {
    PossibleValuesParser::new(Priority::ALL.map(Priority::as_str))
        .map(|name| Priority::from_name(&name).expect("clap accepts only the listed names"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Production {
    Yes,
    No,
}

#[derive(Args)]
pub struct NewArgs {
    /// What kind of request this is.
    #[arg(long, value_parser = kind_parser())]
    kind: TicketKind,
    #[arg(long)]
    subject: String,
    /// The problem statement: what happened, and what you expected.
    #[arg(long)]
    body: String,
    /// IDs of the affected resources (space ID, entry ID…), separated by commas.
    #[arg(long)]
    resource_ids: Option<String>,
    /// Whether production is affected (asked for problems, bugs and access problems).
    #[arg(long, value_enum)]
    production: Option<Production>,
    /// Where it runs: region, browser, operating system, version.
    #[arg(long)]
    environment: Option<String>,
    /// When it started and where in the product it happens.
    #[arg(long)]
    when_where: Option<String>,
    #[arg(long, value_parser = priority_parser())]
    priority: Option<Priority>,
    /// A file to attach (log, screenshot); repeat for several.
    #[arg(long = "attach", value_name = "FILE")]
    attachments: Vec<PathBuf>,
    #[command(flatten)]
    connection: Connection,
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Runtime::new().context("cannot start the async runtime")
}

impl DataDir {
    pub(crate) fn dir(&self) -> anyhow::Result<PathBuf> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => Ok(helpline_core::AppDirs::for_current_user()?
                .data_dir()
                .to_path_buf()),
        }
    }

    fn store_file(&self) -> anyhow::Result<PathBuf> {
        Ok(helpline_core::AppDirs::at(self.dir()?, PathBuf::new()).store_file())
    }

    /// Opens (creating if needed) the store, for commands that talk to the desk.
    pub(crate) fn open_or_create(&self) -> anyhow::Result<Store> {
        let dir = self.dir()?;
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        Ok(Store::open(self.store_file()?)?)
    }

    /// Opens an existing store, for the commands that only read it.
    pub(crate) fn open_existing(&self) -> anyhow::Result<Store> {
        let file = self.store_file()?;
        if !file.exists() {
            bail!(
                "no tickets here yet ({} does not exist): fetch them with `helpline sync --desk URL`",
                file.display()
            );
        }
        Ok(Store::open(file)?)
    }
}

/// Everything a command that talks to the desk needs: the client (for its request count) and
/// the ticket service on it.
struct Wired {
    client: Arc<ZendeskClient>,
    tickets: Tickets,
}

impl Connection {
    fn wire(&self) -> anyhow::Result<Wired> {
        let desk = match &self.desk {
            Some(desk) => desk.clone(),
            None => std::env::var(DESK_URL_VAR).ok().filter(|url| !url.trim().is_empty()).with_context(|| {
                format!("no help desk given: pass --desk URL or set {DESK_URL_VAR} (for a local one, run `helpline demo-desk serve`)")
            })?,
        };
        let token = std::env::var(TOKEN_VAR)
            .ok()
            .filter(|token| !token.trim().is_empty())
            .with_context(|| {
                format!("no token: set {TOKEN_VAR} to your help desk token (`helpline demo-desk serve` prints the demo customer's)")
            })?;
        let client = Arc::new(
            ZendeskClient::new(&desk, &token)
                .with_context(|| format!("cannot use the help desk address {desk:?}"))?,
        );
        let store = self.data.open_or_create()?;
        // A desk given by address has unknown custom fields: the default profile writes the
        // form's answers into the description only.
        let tickets = Tickets::new(
            client.clone(),
            store,
            TicketFields::default(),
            TicketsFolders::in_data_dir(&self.data.dir()?),
        )?;
        Ok(Wired { client, tickets })
    }
}

/// `helpline sync`: send what waits in the outbox, then one incremental sync.
pub fn sync(args: SyncArgs) -> anyhow::Result<()> {
    let wired = args.connection.wire()?;
    let runtime = runtime()?;
    let flushed = runtime.block_on(wired.tickets.flush());
    let (flush, waiting_reason) = match flushed {
        Ok(report) => (report, None),
        Err(OutboxError::Helpdesk(error)) if error.is_transient() => {
            (FlushReport::default(), Some(error.to_string()))
        }
        Err(error) => return Err(error).context("cannot send the outbox"),
    };
    let waiting = unsent(&wired.tickets)?;
    let report = runtime
        .block_on(wired.tickets.sync_once())
        .context("cannot finish syncing with the help desk; what was read is saved and nothing unsent was lost: run `helpline sync` again")?;
    let requests = wired.client.requests_sent();

    if args.json {
        let output = json!({
            "sent": flush.sent,
            "failed": flush.failed,
            "waiting": waiting,
            "waitingReason": waiting_reason,
            "baseline": report.baseline,
            "requestsChanged": report.requests_changed,
            "threadsFetched": report.threads_fetched,
            "events": report.events,
            "httpRequests": requests,
        });
        println!("{}", serde_json::to_string_pretty(&output)?);
        return Ok(());
    }
    for item in &flush.sent {
        println!("sent: {}", describe(&item.outgoing));
    }
    for item in &flush.failed {
        println!(
            "refused by the desk: {}: {}",
            describe(&item.outgoing),
            item.last_error.as_deref().unwrap_or("no reason given")
        );
    }
    if !waiting.is_empty() {
        println!(
            "{} item(s) still waiting to send{}",
            waiting.len(),
            waiting_reason
                .map(|reason| format!(": {reason}"))
                .unwrap_or_default()
        );
    }
    if report.baseline {
        println!(
            "first sync: stored {} tickets ({} threads); nothing announced",
            report.requests_changed, report.threads_fetched
        );
    } else if report.events.is_empty() {
        println!(
            "no news ({} tickets changed, {} threads fetched)",
            report.requests_changed, report.threads_fetched
        );
    }
    for event in &report.events {
        println!("{}", event_line(wired.tickets.store(), event));
    }
    println!("{requests} HTTP requests");
    Ok(())
}

/// The outbox items not on the desk yet (waiting, sending or refused).
fn unsent(tickets: &Tickets) -> anyhow::Result<Vec<OutboxItem>> {
    Ok(tickets
        .outbox_items()?
        .into_iter()
        .filter(|item| item.state != OutboxState::Sent)
        .collect())
}

fn subject_of(store: &Store, id: RequestId) -> String {
    store
        .ticket(id)
        .ok()
        .flatten()
        .map(|ticket| format!(" {:?}", ticket.summary.subject))
        .unwrap_or_default()
}

fn event_line(store: &Store, event: &SyncEvent) -> String {
    match event {
        SyncEvent::NewAgentReply { request_id, .. } => {
            format!(
                "new reply on #{request_id}{}",
                subject_of(store, *request_id)
            )
        }
        SyncEvent::StatusChanged {
            request_id,
            from,
            to,
        } => format!(
            "#{request_id}{}: {} -> {}",
            subject_of(store, *request_id),
            from.as_str(),
            to.as_str()
        ),
        SyncEvent::NewRequest { request_id } => {
            format!("new ticket #{request_id}{}", subject_of(store, *request_id))
        }
    }
}

fn describe(outgoing: &Outgoing) -> String {
    match outgoing {
        Outgoing::NewRequest { request, .. } => format!("new request {:?}", request.subject),
        Outgoing::Reply { request_id, .. } => format!("reply on #{request_id}"),
        Outgoing::Solve { request_id } => format!("solve #{request_id}"),
    }
}

/// `helpline tickets`: the list from the local store.
pub fn tickets(args: TicketsArgs) -> anyhow::Result<()> {
    let store = args.data.open_existing()?;
    let filter = match args.status {
        StatusFilter::Open => TicketFilter::Open,
        StatusFilter::Awaiting => TicketFilter::AwaitingReply,
        StatusFilter::Done => TicketFilter::Done,
        StatusFilter::All => TicketFilter::All,
    };
    let tickets = store.tickets(&TicketQuery::new(filter))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&tickets)?);
        return Ok(());
    }
    if tickets.is_empty() {
        println!("no tickets (run `helpline sync` to fetch new ones)");
    }
    for ticket in &tickets {
        println!(
            "{} {:<12} {:<8} {:<21} {}{}",
            if ticket.unread { "*" } else { " " },
            ticket.id,
            ticket.status.as_str(),
            ticket.updated_at,
            ticket.subject,
            match ticket.unsent {
                0 => String::new(),
                n => format!(" ({n} unsent)"),
            }
        );
    }
    Ok(())
}

/// `helpline ticket ID`: one ticket and its public conversation, from the local store.
pub fn ticket(args: TicketArgs) -> anyhow::Result<()> {
    let store = args.data.open_existing()?;
    let Some(ticket) = store.ticket(args.id)? else {
        bail!(
            "ticket {} is not in the local store: run `helpline sync`, then `helpline tickets` for the ids",
            args.id
        );
    };
    store.mark_read(args.id)?;
    if args.json {
        // What the app's ticket screen gets: kind read, the desk's HTML made inert.
        let view = TicketDetail::from_stored(ticket, &TicketFields::default());
        println!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    let summary = &ticket.summary;
    println!("#{} {}", summary.id, summary.subject);
    println!(
        "status: {}  opened: {}  last activity: {}",
        summary.status.as_str(),
        summary.created_at,
        summary.updated_at
    );
    for comment in &ticket.comments {
        let author = match (&comment.author_name, comment.mine) {
            (_, true) => "you".to_owned(),
            (Some(name), false) => name.clone(),
            (None, false) => format!("user {}", comment.author_id),
        };
        let role = if comment.by_agent { " (support)" } else { "" };
        println!();
        println!("--- {author}{role}, {}", comment.created_at);
        println!("{}", comment.body);
        for attachment in &comment.attachments {
            println!("[attachment: {}]", attachment.file_name);
        }
    }
    for item in &ticket.outgoing {
        println!();
        match &item.outgoing {
            Outgoing::Reply { body, .. } => {
                println!("--- you, not sent yet ({})", state_text(item));
                println!("{body}");
            }
            other => println!(
                "--- {}, not sent yet ({})",
                describe(other),
                state_text(item)
            ),
        }
    }
    Ok(())
}

/// Where an unsent item is, in words.
fn state_text(item: &OutboxItem) -> String {
    let state = match item.state {
        OutboxState::Waiting => "waiting",
        OutboxState::Sending => "being checked",
        OutboxState::Sent => "sent",
        OutboxState::Failed => "refused",
    };
    match &item.last_error {
        Some(error) => format!("{state}: {error}"),
        None => state.to_owned(),
    }
}

/// `helpline reply ID --body TEXT`. The app's draft for that ticket, if any, is left alone.
pub fn reply(args: ReplyArgs) -> anyhow::Result<()> {
    let wired = args.connection.wire()?;
    let attachments = attach(&wired.tickets, &args.attachments)?;
    let reply = ReplyDraft {
        body: args.body,
        attachments,
    };
    let queued = wired
        .tickets
        .queue_reply(args.id, reply)
        .context("cannot queue it")?;
    send(&wired.tickets, queued)
}

/// `helpline new --kind K --subject S --body TEXT [...]`: the app's guided form, checked the
/// same way. The description carries the structured answers; custom fields are left to the
/// app's desk profiles, since a desk given by URL has unknown ones.
pub fn new(args: NewArgs) -> anyhow::Result<()> {
    let mut form = NewTicketForm {
        kind: Some(args.kind),
        subject: args.subject,
        problem: args.body,
        resource_ids: args.resource_ids.unwrap_or_default(),
        production_affected: args
            .production
            .map(|answer| matches!(answer, Production::Yes)),
        environment: args.environment.unwrap_or_default(),
        when_where: args.when_where.unwrap_or_default(),
        priority: args.priority.unwrap_or_default(),
        ..NewTicketForm::default()
    };
    // Checked before any file is copied, so a refused form leaves nothing behind.
    refuse_problems(&form)?;
    let wired = args.connection.wire()?;
    form.attachments = attach(&wired.tickets, &args.attachments)?;
    match wired.tickets.queue_new(&form).context("cannot queue it")? {
        SubmitOutcome::Queued { item } => send(&wired.tickets, *item),
        SubmitOutcome::Invalid { .. } => refuse_problems(&form),
    }
}

/// The form's problems, worded as the app words them, as the command's error.
fn refuse_problems(form: &NewTicketForm) -> anyhow::Result<()> {
    let problems = form.problems();
    if problems.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = problems
        .into_iter()
        .map(|problem| problem.message)
        .collect();
    bail!("nothing was sent:\n  {}", lines.join("\n  "))
}

/// Copies the files to attach into the outgoing folder, so the queued item does not depend on
/// them staying where they are.
fn attach(tickets: &Tickets, files: &[PathBuf]) -> anyhow::Result<Vec<OutgoingFile>> {
    files
        .iter()
        .map(|file| tickets.attach_path(file).map_err(anyhow::Error::from))
        .collect()
}

/// Flushes the outbox and says what became of `queued`.
fn send(tickets: &Tickets, queued: OutboxItem) -> anyhow::Result<()> {
    let flushed = runtime()?.block_on(tickets.flush());
    let item = tickets
        .outbox_items()?
        .into_iter()
        .find(|item| item.id == queued.id)
        .context("the queued item disappeared from the outbox")?;
    match item.state {
        OutboxState::Sent => {
            match (&item.outgoing, item.remote_id) {
                (Outgoing::NewRequest { .. }, Some(id)) => println!("sent: request #{id}"),
                _ => println!("sent"),
            }
            Ok(())
        }
        OutboxState::Failed => bail!(
            "the help desk refused it: {}. It stays in the outbox",
            item.last_error.as_deref().unwrap_or("no reason given")
        ),
        OutboxState::Waiting | OutboxState::Sending => {
            let reason = match (flushed, &item.last_error) {
                (Err(error), _) => error.to_string(),
                (Ok(_), Some(error)) => error.clone(),
                (Ok(_), None) => "an earlier item is still waiting".to_owned(),
            };
            println!("queued (waiting to send): {reason}");
            println!("it stays in the outbox; `helpline sync` sends it when the desk is reachable");
            Ok(())
        }
    }
}
