//! The Statuspage public API's shapes (`/api/v2/summary.json`, `/api/v2/incidents.json`), read
//! leniently: a value this build does not know (a new indicator or impact) reads as `Unknown`
//! instead of failing the whole page, and missing optional fields are empty.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Summary {
    pub page: Page,
    #[serde(default)]
    pub status: Option<StatusIndicator>,
    #[serde(default)]
    pub components: Vec<WireComponent>,
    #[serde(default)]
    pub incidents: Vec<WireIncident>,
    #[serde(default)]
    pub scheduled_maintenances: Vec<WireIncident>,
}

/// `incidents.json`: the most recent incidents, resolved ones included.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RecentIncidents {
    #[serde(default)]
    pub incidents: Vec<WireIncident>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Page {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StatusIndicator {
    #[serde(default)]
    pub indicator: Indicator,
    #[serde(default)]
    pub description: String,
}

/// The page's overall state. `maintenance` is not in Statuspage's documentation but live pages
/// send it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Indicator {
    None,
    Minor,
    Major,
    Critical,
    Maintenance,
    #[default]
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ComponentState {
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
    UnderMaintenance,
    #[default]
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct WireComponent {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub status: ComponentState,
    #[serde(default)]
    pub position: Option<i64>,
    #[serde(default)]
    pub group: bool,
    #[serde(default)]
    pub group_id: Option<String>,
    #[serde(default)]
    pub only_show_if_degraded: bool,
}

/// An incident or a scheduled maintenance (the same shape plus the schedule).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct WireIncident {
    pub id: String,
    pub name: String,
    pub status: String,
    #[serde(default)]
    pub impact: Option<String>,
    pub created_at: jiff::Timestamp,
    #[serde(default)]
    pub updated_at: Option<jiff::Timestamp>,
    #[serde(default)]
    pub started_at: Option<jiff::Timestamp>,
    #[serde(default)]
    pub resolved_at: Option<jiff::Timestamp>,
    #[serde(default)]
    pub shortlink: Option<String>,
    #[serde(default)]
    pub scheduled_for: Option<jiff::Timestamp>,
    #[serde(default)]
    pub scheduled_until: Option<jiff::Timestamp>,
    #[serde(default)]
    pub incident_updates: Vec<WireUpdate>,
    #[serde(default)]
    pub components: Vec<WireComponentRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct WireUpdate {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub display_at: Option<jiff::Timestamp>,
    pub created_at: jiff::Timestamp,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct WireComponentRef {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
}

impl WireIncident {
    /// Over: resolved or post-mortem for an incident, completed for a maintenance.
    pub fn is_over(&self) -> bool {
        matches!(
            self.status.as_str(),
            "resolved" | "postmortem" | "completed"
        )
    }
}
