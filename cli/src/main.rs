//! `helpline`: Helpline's command line, for scripts and for evaluating search.
//!
//! ```text
//! helpline index build --from docs/ --index /tmp/idx
//! helpline search "pare-feu" --lang fr --index /tmp/idx --json
//! helpline search --queries queries.txt --index /tmp/idx
//! helpline demo-desk serve --port 8765
//! HELPLINE_ZENDESK_TOKEN=... helpline sync --desk http://127.0.0.1:8765
//! helpline tickets --status open
//! helpline ticket 4294967401
//! helpline reply 4294967401 --body "Here is the log."
//! helpline new --kind problem --subject "Export fails" --body "It stops at 80%."
//! ```

mod back_office;
mod demo_desk;
mod search;
mod support;
mod tickets;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use docs_index::Locale;

#[derive(Parser)]
#[command(
    name = "helpline",
    version,
    about = "Helpline from the command line: help articles, tickets and the demo desk."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Manage the help-article index.
    Index {
        #[command(subcommand)]
        command: IndexCommand,
    },
    /// Search the help articles; every word counts, the last one also as a prefix (as typed).
    Search(search::SearchArgs),
    /// Run the demo help desk (Zendesk- and Statuspage-compatible) on loopback.
    DemoDesk {
        #[command(subcommand)]
        command: demo_desk::DemoDeskCommand,
    },
    /// Send what waits in the outbox, then fetch what changed on the help desk.
    Sync(tickets::SyncArgs),
    /// List your tickets from the local store (no network; `helpline sync` refreshes it).
    Tickets(tickets::TicketsArgs),
    /// Show one ticket and its conversation from the local store.
    Ticket(tickets::TicketArgs),
    /// Reply on a ticket: queued in the outbox, then sent when the desk is reachable.
    Reply(tickets::ReplyArgs),
    /// Open a new request: queued in the outbox, then sent when the desk is reachable.
    New(tickets::NewArgs),
    /// Read the vendor's status page: components, incidents, maintenance.
    Status(support::ProfileArgs),
    /// Your plan with the vendor, why, and the response times it guarantees.
    Plan(support::ProfileArgs),
    /// When support's response is due on a ticket, under your plan's SLA.
    Sla(support::SlaArgs),
}

#[derive(Subcommand)]
enum IndexCommand {
    /// Index every article under PATH (a folder of Markdown/HTML files, or a .md, .html, .json
    /// or .jsonl file), replacing what the index held.
    Build {
        /// The folder or file to read.
        #[arg(long)]
        from: PathBuf,
        /// The index folder (default: Helpline's own index in its data folder).
        #[arg(long)]
        index: Option<PathBuf>,
    },
}

/// `en` or `fr`.
fn parse_locale(text: &str) -> Result<Locale, String> {
    Locale::parse(text).ok_or_else(|| format!("unsupported language `{text}`: use en or fr"))
}

/// The index folder to use: the one given, or the app's own.
fn index_dir(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match given {
        Some(dir) => Ok(dir),
        None => Ok(helpline_core::AppDirs::for_current_user()?.index_dir()),
    }
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Index {
            command: IndexCommand::Build { from, index },
        } => build_index(&from, &index_dir(index)?),
        Command::Search(args) => search::run(args),
        Command::DemoDesk { command } => demo_desk::run(command),
        Command::Sync(args) => tickets::sync(args),
        Command::Tickets(args) => tickets::tickets(args),
        Command::Ticket(args) => tickets::ticket(args),
        Command::Reply(args) => tickets::reply(args),
        Command::New(args) => tickets::new(args),
        Command::Status(args) => support::status(args),
        Command::Plan(args) => support::plan(args),
        Command::Sla(args) => support::sla(args),
    }
}

fn build_index(from: &std::path::Path, dir: &std::path::Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let ingested = docs_index::ingest::read_path(from, docs_index::Source::Folder)
        .with_context(|| format!("cannot read articles from {}", from.display()))?;
    for problem in &ingested.problems {
        eprintln!("warning: {problem}");
    }
    let read_took = started.elapsed();
    let (index, _) = docs_index::DocsIndex::open(dir)?;
    index.delete_source(docs_index::Source::Folder)?;
    index.upsert(&ingested.articles)?;
    index.commit()?;
    let per_locale = |locale| {
        ingested
            .articles
            .iter()
            .filter(|a| a.locale == locale)
            .count()
    };
    println!(
        "indexed {} articles (en: {}, fr: {}) into {} in {:.2?} (reading {:.2?}); {} problems",
        ingested.articles.len(),
        per_locale(Locale::En),
        per_locale(Locale::Fr),
        dir.display(),
        started.elapsed(),
        read_took,
        ingested.problems.len()
    );
    Ok(())
}
