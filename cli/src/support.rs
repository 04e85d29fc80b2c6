//! `helpline status|plan|sla`: the vendor's platform status, the customer's plan and a
//! ticket's expected response, on the same core service as the app's screens
//! ([`VendorSupport`]) and the same local store as `helpline sync`.

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::Args;
use helpline_core::{
    IncidentView, PlansOverview, PlatformStatus, ProviderProfile, RequestId, ResponseExpectation,
    Standing, StatusProblem, VendorSupport,
};
use jiff::Timestamp;
use serde_json::json;

use crate::tickets::{runtime, DataDir};

/// Where the vendor's profile comes from.
#[derive(Args)]
pub struct ProfileArgs {
    /// The vendor's provider profile (TOML). Default: `profile.toml` in the data folder, else
    /// the demo desk's own profile when `--desk` is a demo desk on this machine.
    #[arg(long)]
    profile: Option<PathBuf>,
    /// The demo desk's address, as `helpline demo-desk serve` prints it.
    #[arg(long)]
    desk: Option<String>,
    #[command(flatten)]
    data: DataDir,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct SlaArgs {
    /// The ticket's number.
    id: RequestId,
    #[command(flatten)]
    profile: ProfileArgs,
}

impl ProfileArgs {
    fn profile(&self) -> anyhow::Result<(ProviderProfile, String)> {
        if let Some(path) = &self.profile {
            let profile = ProviderProfile::load(path)?;
            return Ok((profile, path.display().to_string()));
        }
        let in_folder = self.data.dir()?.join(ProviderProfile::FILE_NAME);
        if in_folder.exists() {
            return Ok((
                ProviderProfile::load(&in_folder)?,
                in_folder.display().to_string(),
            ));
        }
        match &self.desk {
            Some(desk) if is_loopback(desk) => Ok((ProviderProfile::demo(desk), "demo".into())),
            Some(desk) => bail!(
                "Helpline has no profile for {desk}: pass --profile FILE with the vendor's profile.toml"
            ),
            None => bail!(
                "no vendor profile: pass --profile FILE (the vendor's profile.toml), or --desk URL of a demo desk"
            ),
        }
    }

    fn support(&self, store: helpline_core::Store) -> anyhow::Result<VendorSupport> {
        let (profile, source) = self.profile()?;
        Ok(VendorSupport::new(Ok(Some(profile)), &source, store)?)
    }
}

fn is_loopback(desk: &str) -> bool {
    reqwest::Url::parse(desk).is_ok_and(|url| helpline_core::is_loopback(&url))
}

/// `helpline status`: reads the status page once and prints it; offline, the last known state
/// and how old it is.
pub fn status(args: ProfileArgs) -> anyhow::Result<()> {
    let store = args.data.open_or_create()?;
    let support = args.support(store)?;
    let update = runtime()?.block_on(support.status().check())?;
    let status = update.status;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&status)?);
        return Ok(());
    }
    print!("{}", status_text(&status));
    Ok(())
}

fn status_text(status: &PlatformStatus) -> String {
    if !status.configured {
        return "The vendor's profile names no status page.\n".into();
    }
    let mut out = String::new();
    let name = status.page_name.as_deref().unwrap_or("Status page");
    let checked = status.checked_at.as_deref().unwrap_or("never");
    let said = status.description.as_deref().unwrap_or("no answer yet");
    out += &format!("{name}: {said} (checked {checked})\n");
    if let Some(problem) = status.problem {
        let why = match problem {
            StatusProblem::Unreachable => "cannot be reached",
            StatusProblem::Slowed => "asked to wait",
            StatusProblem::Unavailable => "is having trouble",
            StatusProblem::Malformed => "answered something that is not a status",
        };
        out += &format!("The status page {why}: this is what it said last.\n");
    }
    if !status.components.is_empty() {
        out += "\nComponents:\n";
        let width = status
            .components
            .iter()
            .map(|c| c.name.chars().count())
            .max()
            .unwrap_or(0);
        for component in &status.components {
            let state = serde_json::to_value(component.state)
                .ok()
                .and_then(|value| value.as_str().map(|text| text.replace('_', " ")))
                .unwrap_or_default();
            out += &format!("  {:width$}  {state}\n", component.name);
        }
    }
    for (title, list) in [
        ("Ongoing incidents", &status.incidents),
        ("Maintenance", &status.maintenances),
        ("Past two weeks", &status.history),
    ] {
        if !list.is_empty() {
            out += &format!("\n{title}:\n");
            for incident in list {
                out += &incident_text(incident);
            }
        }
    }
    out
}

fn incident_text(incident: &IncidentView) -> String {
    let when = match (&incident.scheduled_for, &incident.resolved_at) {
        (Some(from), _) => format!(
            "{from} to {}",
            incident.scheduled_until.as_deref().unwrap_or("…")
        ),
        (None, Some(resolved)) => format!("resolved {resolved}"),
        (None, None) => format!("since {}", incident.started_at),
    };
    let mut out = format!("  {} [{}] {when}\n", incident.name, incident.status);
    if !incident.component_names.is_empty() {
        out += &format!("    affects {}\n", incident.component_names.join(", "));
    }
    if let Some(update) = incident.updates.first() {
        out += &format!("    {} {}: {}\n", update.at, update.status, update.body);
    }
    out
}

/// `helpline plan`: the customer's plan, why, and what it guarantees.
pub fn plan(args: ProfileArgs) -> anyhow::Result<()> {
    let store = args.data.open_or_create()?;
    let support = args.support(store)?;
    let screen = support.plans(Timestamp::now())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&screen)?);
        return Ok(());
    }
    let overview = screen
        .overview
        .context("the vendor's profile has no plans")?;
    print!("{}", plan_text(&overview));
    Ok(())
}

fn plan_text(overview: &PlansOverview) -> String {
    let current = &overview.current;
    let why = match &current.reason {
        helpline_core::PlanReason::UserTag { tag } => format!("your account is tagged {tag}"),
        helpline_core::PlanReason::UserField { field } => format!("your account's {field} field"),
        helpline_core::PlanReason::Default => {
            "the vendor's default: nothing on your account names a plan".into()
        }
        helpline_core::PlanReason::NotKnownYet => {
            "the vendor's default until `helpline sync` reads your account".into()
        }
    };
    let mut out = format!("{} plan: {} ({why})\n", overview.vendor, current.plan_id);
    let Some(plan) = overview
        .plans
        .iter()
        .find(|plan| plan.id == current.plan_id)
    else {
        return out;
    };
    if plan.targets.is_empty() {
        out += "No guaranteed response time on this plan (only Premium has an SLA).\n";
    } else {
        out += "Guaranteed response times:\n";
        for target in &plan.targets {
            let next = target
                .next_response_minutes
                .map(|minutes| format!(", next {}", hours(minutes)))
                .unwrap_or_default();
            let clock = match target.clock {
                helpline_core::Clock::AroundTheClock => "around the clock",
                helpline_core::Clock::BusinessHours => "support hours",
            };
            out += &format!(
                "  {:7} first {}{next} ({clock})\n",
                target.priority.as_str(),
                hours(target.first_response_minutes)
            );
        }
    }
    out += &format!(
        "Support hours ({}), {}\n",
        overview.hours.time_zone,
        if overview.hours.open_now {
            "open now"
        } else {
            "closed now"
        }
    );
    out
}

fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, rest) => format!("{rest} min"),
        (whole, 0) => format!("{whole} h"),
        (whole, rest) => format!("{whole} h {rest} min"),
    }
}

/// `helpline sla ID`: when support's response is due on a ticket from the local store.
pub fn sla(args: SlaArgs) -> anyhow::Result<()> {
    let store = args.profile.data.open_existing()?;
    let support = args.profile.support(store)?;
    let Some(expectation) = support.expectation(args.id, Timestamp::now())? else {
        bail!(
            "ticket {} is not in the local store: fetch your tickets with `helpline sync --desk URL`",
            args.id
        );
    };
    if args.profile.json {
        println!("{}", json!({"ticket": args.id, "expectation": expectation}));
        return Ok(());
    }
    println!("#{}: {}", args.id, expectation_text(&expectation));
    Ok(())
}

fn expectation_text(expectation: &ResponseExpectation) -> String {
    match expectation {
        ResponseExpectation::Due {
            response,
            due_at,
            standing,
            ..
        } => {
            let which = match response {
                helpline_core::ResponseKind::First => "first response",
                helpline_core::ResponseKind::Next => "next response",
            };
            let standing = match standing {
                Standing::OnTrack => "on track",
                Standing::DueSoon => "due in less than an hour",
                Standing::Overdue => "overdue",
            };
            format!("{which} expected by {due_at} ({standing})")
        }
        ResponseExpectation::NoGuarantee { .. } => {
            "no guaranteed response time on your plan".into()
        }
        ResponseExpectation::NoTarget { priority } => {
            format!(
                "your plan's SLA sets no target for {} priority",
                priority.as_str()
            )
        }
        ResponseExpectation::NothingDue => {
            "nothing is due from support (the ticket waits on you, or is done)".into()
        }
    }
}
