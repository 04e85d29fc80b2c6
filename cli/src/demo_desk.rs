//! `helpline demo-desk serve`: the demo help desk the app embeds, as a standalone server for
//! developers, testers and scripts.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use demo_desk::{DemoConfig, DemoDesk};

#[derive(Subcommand)]
pub enum DemoDeskCommand {
    /// Serve the demo desk on loopback until Ctrl+C.
    Serve(ServeArgs),
    #[command(flatten)]
    BackOffice(crate::back_office::BackOfficeCommand),
}

#[derive(Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8765)]
    port: u16,
    /// Keep the desk's state in this SQLite file (default: in memory, gone at exit).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Start from the seed data again, forgetting what was done in an earlier run.
    #[arg(long)]
    reset: bool,
    /// Seconds before an agent answers a new request (0: never).
    #[arg(long, default_value_t = 20)]
    reply_after: u64,
    /// Zendesk API requests allowed per minute for the account, as a real account's plan would.
    #[arg(long, default_value_t = 700)]
    rate_limit: u32,
}

pub fn run(command: DemoDeskCommand) -> anyhow::Result<()> {
    let args = match command {
        DemoDeskCommand::Serve(args) => args,
        DemoDeskCommand::BackOffice(action) => return crate::back_office::run(action),
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(serve(args))
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let config = DemoConfig {
        port: args.port,
        db_path: args.db,
        agent_reply_delay: (args.reply_after > 0).then(|| Duration::from_secs(args.reply_after)),
        rate_limit_per_minute: args.rate_limit,
        ..DemoConfig::default()
    };
    let desk = DemoDesk::start(config).await.with_context(|| {
        format!(
            "cannot start the demo desk on port {}: pick another with --port",
            args.port
        )
    })?;
    if args.reset {
        desk.reset().await.context("cannot reset the demo desk")?;
    }
    println!("Zendesk API:     {}/api/v2/", desk.zendesk_url());
    println!(
        "Statuspage API:  {}/api/v2/summary.json",
        desk.statuspage_url()
    );
    println!("Agent back-office: {}/_demo", desk.base_url());
    println!("Press Ctrl+C to stop. The demo customer's token, for scripts:");
    // Last, so a script can stop reading here.
    println!("HELPLINE_ZENDESK_TOKEN={}", desk.demo_token());
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl+C")?;
    desk.shutdown().await;
    Ok(())
}
