//! `helpline demo-desk <agent action>`: play the support team and the operations team against a
//! running demo desk, through its back-office under `/_demo/`.

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Args)]
pub struct Desk {
    /// The demo desk's address, as `helpline demo-desk serve` prints it.
    #[arg(long, default_value = "http://127.0.0.1:8765")]
    desk: String,
}

#[derive(Subcommand)]
pub enum BackOfficeCommand {
    /// Post an agent reply on a request.
    AgentReply {
        #[command(flatten)]
        desk: Desk,
        id: u64,
        #[arg(long)]
        body: String,
        /// The reply as HTML (the plain body is still required for clients that show text).
        #[arg(long)]
        html: Option<String>,
    },
    /// Change a request's status: open, pending, hold, solved or closed.
    SetStatus {
        #[command(flatten)]
        desk: Desk,
        id: u64,
        status: String,
    },
    /// Assign a request to an agent, which lets the customer mark it solved.
    Assign {
        #[command(flatten)]
        desk: Desk,
        id: u64,
    },
    /// Open an incident on the status page.
    OpenIncident {
        #[command(flatten)]
        desk: Desk,
        #[arg(long)]
        name: String,
        /// none, minor, major or critical.
        #[arg(long, default_value = "minor")]
        impact: String,
        /// A component id from components.json; repeat for several.
        #[arg(long = "component")]
        components: Vec<String>,
        #[arg(long)]
        body: String,
    },
    /// Resolve an incident.
    ResolveIncident {
        #[command(flatten)]
        desk: Desk,
        id: String,
        #[arg(long)]
        body: Option<String>,
    },
    /// Schedule a maintenance window (times in RFC 3339, e.g. 2026-12-05T02:00:00Z).
    ScheduleMaintenance {
        #[command(flatten)]
        desk: Desk,
        #[arg(long)]
        name: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        until: String,
        #[arg(long = "component")]
        components: Vec<String>,
    },
    /// Start again from the seed data.
    Reset {
        #[command(flatten)]
        desk: Desk,
    },
}

pub fn run(command: BackOfficeCommand) -> anyhow::Result<()> {
    let (desk, path, body) = match command {
        BackOfficeCommand::AgentReply {
            desk,
            id,
            body,
            html,
        } => (
            desk,
            format!("requests/{id}/agent_reply"),
            json!({ "body": body, "html_body": html }),
        ),
        BackOfficeCommand::SetStatus { desk, id, status } => (
            desk,
            format!("requests/{id}/status"),
            json!({ "status": status }),
        ),
        BackOfficeCommand::Assign { desk, id } => {
            (desk, format!("requests/{id}/assign"), json!({}))
        }
        BackOfficeCommand::OpenIncident {
            desk,
            name,
            impact,
            components,
            body,
        } => (
            desk,
            "incidents".to_owned(),
            json!({ "name": name, "impact": impact, "component_ids": components, "body": body }),
        ),
        BackOfficeCommand::ResolveIncident { desk, id, body } => (
            desk,
            format!("incidents/{id}/resolve"),
            json!({ "body": body }),
        ),
        BackOfficeCommand::ScheduleMaintenance {
            desk,
            name,
            from,
            until,
            components,
        } => (
            desk,
            "maintenances".to_owned(),
            json!({ "name": name, "scheduled_for": from, "scheduled_until": until, "component_ids": components }),
        ),
        BackOfficeCommand::Reset { desk } => (desk, "reset".to_owned(), json!({})),
    };
    let url = format!("{}/_demo/{path}", desk.desk.trim_end_matches('/'));
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let answer = runtime.block_on(post(&url, &body))?;
    println!("{}", serde_json::to_string_pretty(&answer)?);
    Ok(())
}

async fn post(url: &str, body: &Value) -> anyhow::Result<Value> {
    let response = reqwest::Client::new().post(url).json(body).send().await.with_context(|| {
        format!("cannot reach the demo desk at {url}: start it with `helpline demo-desk serve`, or pass --desk")
    })?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !status.is_success() {
        bail!("the demo desk refused ({status}): {text}");
    }
    Ok(serde_json::from_str(&text).unwrap_or(Value::String(text)))
}
