//! [`PlatformStatus`]: the Status screen's view, built from the stored Statuspage documents —
//! components with their state, ongoing incidents with their updates, maintenances, the last
//! two weeks' resolved incidents, and how fresh all that is.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use specta::Type;

use super::wire::{
    ComponentState, Indicator, RecentIncidents, Summary, WireComponent, WireIncident,
};

/// How far back the history goes.
pub const HISTORY: SignedDuration = SignedDuration::from_hours(14 * 24);
/// Older than this, the last known state is said to be out of date.
pub const STALE_AFTER: SignedDuration = SignedDuration::from_mins(10);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlatformStatus {
    /// The vendor's profile names a status page.
    pub configured: bool,
    pub page_name: Option<String>,
    /// The page's public address, for "open in the browser".
    pub page_url: Option<String>,
    pub indicator: Indicator,
    /// The page's own words ("All Systems Operational").
    pub description: Option<String>,
    pub components: Vec<ComponentView>,
    /// Ongoing incidents, newest first.
    pub incidents: Vec<IncidentView>,
    /// Scheduled and in-progress maintenances, soonest first.
    pub maintenances: Vec<IncidentView>,
    /// Incidents resolved in the last two weeks, newest first.
    pub history: Vec<IncidentView>,
    /// When the page last answered (RFC 3339); `None` before the first answer.
    pub checked_at: Option<String>,
    /// Why the last check failed, when it did.
    pub problem: Option<StatusProblem>,
    /// The last answer is older than ten minutes.
    pub stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum StatusProblem {
    Unreachable,
    /// The page asked to wait (429 or 503 with `Retry-After`).
    Slowed,
    /// The page answered with an error.
    Unavailable,
    /// The answer was not a status (an HTML error page, a captive portal).
    Malformed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ComponentView {
    pub id: String,
    pub name: String,
    pub state: ComponentState,
    /// The group it is shown under, when the page groups components.
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IncidentView {
    pub id: String,
    pub name: String,
    /// Statuspage's status: `investigating`, `identified`, `monitoring`, `resolved`,
    /// `postmortem`; for maintenances `scheduled`, `in_progress`, `verifying`, `completed`.
    pub status: String,
    /// `none`, `minor`, `major`, `critical`, `maintenance`.
    pub impact: Option<String>,
    pub started_at: String,
    pub resolved_at: Option<String>,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
    pub shortlink: Option<String>,
    pub component_ids: Vec<String>,
    pub component_names: Vec<String>,
    /// Newest first.
    pub updates: Vec<UpdateView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateView {
    pub status: String,
    pub body: String,
    pub at: String,
}

impl PlatformStatus {
    /// No status page in the vendor's profile.
    pub fn not_configured() -> Self {
        Self {
            configured: false,
            page_name: None,
            page_url: None,
            indicator: Indicator::Unknown,
            description: None,
            components: Vec::new(),
            incidents: Vec::new(),
            maintenances: Vec::new(),
            history: Vec::new(),
            checked_at: None,
            problem: None,
            stale: false,
        }
    }

    pub(crate) fn build(
        summary: Option<&Summary>,
        recent: Option<&RecentIncidents>,
        checked_at: Option<Timestamp>,
        problem: Option<StatusProblem>,
        now: Timestamp,
    ) -> Self {
        let mut status = Self {
            configured: true,
            checked_at: checked_at.map(|at| at.to_string()),
            problem,
            stale: checked_at.is_none_or(|at| now.duration_since(at) > STALE_AFTER),
            ..Self::not_configured()
        };
        if let Some(summary) = summary {
            status.page_name = Some(summary.page.name.clone()).filter(|name| !name.is_empty());
            status.page_url = summary.page.url.clone();
            if let Some(overall) = &summary.status {
                status.indicator = overall.indicator;
                status.description = Some(overall.description.clone());
            }
            status.components = components(&summary.components);
            let mut ongoing: Vec<&WireIncident> = summary
                .incidents
                .iter()
                .filter(|incident| !incident.is_over())
                .collect();
            ongoing.sort_by_key(|incident| std::cmp::Reverse(incident.created_at));
            status.incidents = ongoing.into_iter().map(IncidentView::from).collect();
            let mut maintenances: Vec<&WireIncident> = summary
                .scheduled_maintenances
                .iter()
                .filter(|maintenance| !maintenance.is_over())
                .collect();
            maintenances.sort_by_key(|maintenance| maintenance.scheduled_for);
            status.maintenances = maintenances.into_iter().map(IncidentView::from).collect();
        }
        if let Some(recent) = recent {
            let ongoing: Vec<&str> = status
                .incidents
                .iter()
                .map(|incident| incident.id.as_str())
                .collect();
            let mut history: Vec<&WireIncident> = recent
                .incidents
                .iter()
                .filter(|incident| incident.is_over() && !ongoing.contains(&incident.id.as_str()))
                .filter(|incident| {
                    let ended = incident
                        .resolved_at
                        .or(incident.updated_at)
                        .unwrap_or(incident.created_at);
                    now.duration_since(ended) <= HISTORY
                })
                .collect();
            history.sort_by_key(|incident| {
                std::cmp::Reverse(incident.resolved_at.unwrap_or(incident.created_at))
            });
            status.history = history.into_iter().map(IncidentView::from).collect();
        }
        status
    }
}

/// The page's components without its group headers (each named on its members), in the
/// page's order; a component shown only when degraded is left out while it is operational.
fn components(all: &[WireComponent]) -> Vec<ComponentView> {
    let mut shown: Vec<&WireComponent> = all
        .iter()
        .filter(|component| !component.group)
        .filter(|component| {
            !(component.only_show_if_degraded && component.status == ComponentState::Operational)
        })
        .collect();
    shown.sort_by_key(|component| component.position.unwrap_or(i64::MAX));
    shown
        .into_iter()
        .map(|component| ComponentView {
            id: component.id.clone(),
            name: component.name.clone(),
            state: component.status,
            group: component.group_id.as_ref().and_then(|group| {
                all.iter()
                    .find(|candidate| &candidate.id == group)
                    .map(|group| group.name.clone())
            }),
        })
        .collect()
}

impl From<&WireIncident> for IncidentView {
    fn from(incident: &WireIncident) -> Self {
        let mut updates: Vec<UpdateView> = incident
            .incident_updates
            .iter()
            .map(|update| UpdateView {
                status: update.status.clone(),
                body: update.body.clone(),
                at: update.display_at.unwrap_or(update.created_at).to_string(),
            })
            .collect();
        updates.sort_by(|a, b| b.at.cmp(&a.at));
        Self {
            id: incident.id.clone(),
            name: incident.name.clone(),
            status: incident.status.clone(),
            impact: incident.impact.clone(),
            started_at: incident
                .started_at
                .unwrap_or(incident.created_at)
                .to_string(),
            resolved_at: incident.resolved_at.map(|at| at.to_string()),
            scheduled_for: incident.scheduled_for.map(|at| at.to_string()),
            scheduled_until: incident.scheduled_until.map(|at| at.to_string()),
            shortlink: incident.shortlink.clone(),
            component_ids: incident
                .components
                .iter()
                .filter_map(|component| component.id.clone())
                .collect(),
            component_names: incident
                .components
                .iter()
                .map(|component| component.name.clone())
                .collect(),
            updates,
        }
    }
}
