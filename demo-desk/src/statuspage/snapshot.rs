//! The status page at one instant: stored rows plus what the clock implies (maintenance
//! progress, components under maintenance, the overall indicator), rendered as Statuspage JSON.

use serde_json::{json, Value};

use crate::clock::statuspage_time;
use crate::model::{ComponentStatus, Indicator, MaintenanceStatus};
use crate::seed::{STATUS_PAGE_ID, STATUS_PAGE_NAME};
use crate::store::status::{public_id, ComponentRow, IncidentRow};

/// Statuspage lists at most this many incidents or maintenances.
const RECENT_LIMIT: usize = 50;

pub(crate) struct StatusSnapshot {
    pub components: Vec<ComponentRow>,
    /// Incidents and maintenances, newest first.
    pub incidents: Vec<IncidentRow>,
    /// Milliseconds.
    pub now: i64,
    /// The page's public address.
    pub page_url: String,
}

struct DerivedUpdate {
    public_id: String,
    status: &'static str,
    body: &'static str,
    at: i64,
    entering: bool,
}

impl StatusSnapshot {
    fn maintenance_status(&self, maintenance: &IncidentRow) -> MaintenanceStatus {
        match maintenance.schedule {
            Some((from, _)) if self.now < from => MaintenanceStatus::Scheduled,
            Some((_, until)) if self.now < until => MaintenanceStatus::InProgress,
            _ => MaintenanceStatus::Completed,
        }
    }

    fn active_maintenances(&self) -> impl Iterator<Item = &IncidentRow> {
        self.incidents.iter().filter(|incident| {
            incident.is_maintenance()
                && self.maintenance_status(incident) == MaintenanceStatus::InProgress
        })
    }

    /// The stored status, or `under_maintenance` for an operational component inside an
    /// active maintenance window.
    fn component_status(&self, component: &ComponentRow) -> ComponentStatus {
        let in_maintenance = self
            .active_maintenances()
            .any(|maintenance| maintenance.component_ids.contains(&component.id));
        if component.status == ComponentStatus::Operational && in_maintenance {
            ComponentStatus::UnderMaintenance
        } else {
            component.status
        }
    }

    /// The worst of the unresolved incidents' impacts and the components' statuses;
    /// `maintenance` when nothing is wrong but a window is open.
    pub(crate) fn indicator(&self) -> Indicator {
        let from_incidents = self
            .incidents
            .iter()
            .filter(|incident| incident.is_unresolved_incident())
            .map(|incident| Indicator::from_impact(incident.impact));
        let from_components = self
            .components
            .iter()
            .map(|component| Indicator::from_component(self.component_status(component)));
        let worst = from_incidents
            .chain(from_components)
            .max_by_key(|indicator| indicator.severity())
            .unwrap_or(Indicator::None);
        if worst == Indicator::None && self.active_maintenances().next().is_some() {
            Indicator::Maintenance
        } else {
            worst
        }
    }

    /// Updates the clock has posted for a maintenance: started, completed. A window
    /// scheduled after the fact gets them when it was created, after its announcement.
    fn derived_updates(&self, maintenance: &IncidentRow) -> Vec<DerivedUpdate> {
        let Some((from, until)) = maintenance.schedule else {
            return vec![];
        };
        let posted = |at: i64| at.max(maintenance.created_at);
        let mut updates = Vec::new();
        if self.now >= from {
            updates.push(DerivedUpdate {
                public_id: public_id("maintenance-start", maintenance.id),
                status: "in_progress",
                body: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
                at: posted(from),
                entering: true,
            });
        }
        if self.now >= until {
            updates.push(DerivedUpdate {
                public_id: public_id("maintenance-end", maintenance.id),
                status: "completed",
                body: "The scheduled maintenance has been completed.",
                at: posted(until),
                entering: false,
            });
        }
        updates
    }

    fn updated_at(&self, incident: &IncidentRow) -> i64 {
        self.derived_updates(incident)
            .iter()
            .map(|update| update.at)
            .fold(incident.updated_at, i64::max)
    }

    pub(crate) fn page_json(&self) -> Value {
        let updated_at = self
            .components
            .iter()
            .map(|component| component.updated_at)
            .chain(
                self.incidents
                    .iter()
                    .map(|incident| self.updated_at(incident)),
            )
            .max()
            .unwrap_or(0);
        json!({
            "id": STATUS_PAGE_ID,
            "name": STATUS_PAGE_NAME,
            "url": self.page_url,
            "time_zone": "Etc/UTC",
            "updated_at": statuspage_time(updated_at),
        })
    }

    pub(crate) fn status_json(&self) -> Value {
        let indicator = self.indicator();
        json!({"indicator": indicator.as_str(), "description": indicator.description()})
    }

    fn component_json(&self, component: &ComponentRow) -> Value {
        json!({
            "id": component.public_id,
            "name": component.name,
            "status": self.component_status(component).as_str(),
            "created_at": statuspage_time(component.created_at),
            "updated_at": statuspage_time(component.updated_at),
            "position": component.position,
            "description": component.description,
            "showcase": component.showcase,
            "start_date": component.start_date,
            "group_id": null,
            "page_id": STATUS_PAGE_ID,
            "group": false,
            "only_show_if_degraded": false,
        })
    }

    pub(crate) fn components_json(&self) -> Value {
        Value::Array(
            self.components
                .iter()
                .map(|component| self.component_json(component))
                .collect(),
        )
    }

    /// An incident or a maintenance; updates newest first.
    pub(crate) fn incident_json(&self, incident: &IncidentRow) -> Value {
        let components: Vec<&ComponentRow> = self
            .components
            .iter()
            .filter(|component| incident.component_ids.contains(&component.id))
            .collect();
        let mut updates: Vec<(i64, Value)> = incident
            .updates
            .iter()
            .map(|update| {
                let json = update_json(
                    incident,
                    &update.public_id,
                    &update.status,
                    &update.body,
                    (update.created_at, update.display_at),
                    update.affected_components.clone(),
                );
                (update.created_at, json)
            })
            .collect();
        for derived in self.derived_updates(incident) {
            let (old, new) = if derived.entering {
                (
                    ComponentStatus::Operational,
                    ComponentStatus::UnderMaintenance,
                )
            } else {
                (
                    ComponentStatus::UnderMaintenance,
                    ComponentStatus::Operational,
                )
            };
            let affected: Vec<Value> = components
                .iter()
                .map(|component| {
                    json!({
                        "code": component.public_id,
                        "name": component.name,
                        "old_status": old.as_str(),
                        "new_status": new.as_str(),
                    })
                })
                .collect();
            let affected = (!affected.is_empty()).then_some(Value::Array(affected));
            let json = update_json(
                incident,
                &derived.public_id,
                derived.status,
                derived.body,
                (derived.at, derived.at),
                affected,
            );
            updates.push((derived.at, json));
        }
        // Newest first; stable, so same-instant updates keep their posting order reversed.
        updates.reverse();
        updates.sort_by_key(|(at, _)| std::cmp::Reverse(*at));

        let time = |millis: Option<i64>| millis.map(statuspage_time);
        let updates: Vec<Value> = updates.into_iter().map(|(_, update)| update).collect();
        let components: Vec<Value> = components
            .iter()
            .map(|component| self.component_json(component))
            .collect();
        let mut object = json!({
            "id": incident.public_id,
            "name": incident.name,
            "status": incident.status,
            "impact": incident.impact.as_str(),
            "created_at": statuspage_time(incident.created_at),
            "updated_at": statuspage_time(self.updated_at(incident)),
            "monitoring_at": time(incident.monitoring_at),
            "resolved_at": time(incident.resolved_at),
            "started_at": statuspage_time(incident.started_at),
            "shortlink": incident.shortlink,
            "page_id": STATUS_PAGE_ID,
            "incident_updates": updates,
            "components": components,
        });
        if let Some((from, until)) = incident.schedule {
            let status = self.maintenance_status(incident);
            object["status"] = Value::from(status.as_str());
            object["scheduled_for"] = Value::from(statuspage_time(from));
            object["scheduled_until"] = Value::from(statuspage_time(until));
            if status == MaintenanceStatus::Completed {
                object["resolved_at"] = Value::from(statuspage_time(until));
            }
        }
        object
    }

    fn incidents_where(&self, keep: impl Fn(&IncidentRow) -> bool) -> Value {
        Value::Array(
            self.incidents
                .iter()
                .filter(|incident| keep(incident))
                .take(RECENT_LIMIT)
                .map(|incident| self.incident_json(incident))
                .collect(),
        )
    }

    pub(crate) fn unresolved_incidents_json(&self) -> Value {
        self.incidents_where(IncidentRow::is_unresolved_incident)
    }

    pub(crate) fn recent_incidents_json(&self) -> Value {
        self.incidents_where(|incident| !incident.is_maintenance())
    }

    /// Maintenances in any of `statuses`, soonest first.
    pub(crate) fn maintenances_json(&self, statuses: &[MaintenanceStatus]) -> Value {
        let mut maintenances: Vec<&IncidentRow> = self
            .incidents
            .iter()
            .filter(|incident| {
                incident.is_maintenance() && statuses.contains(&self.maintenance_status(incident))
            })
            .collect();
        maintenances.sort_by_key(|maintenance| maintenance.schedule.map(|(from, _)| from));
        Value::Array(
            maintenances
                .into_iter()
                .take(RECENT_LIMIT)
                .map(|maintenance| self.incident_json(maintenance))
                .collect(),
        )
    }

    /// The most recent maintenances of any status, latest window first.
    pub(crate) fn recent_maintenances_json(&self) -> Value {
        let mut maintenances: Vec<&IncidentRow> = self
            .incidents
            .iter()
            .filter(|incident| incident.is_maintenance())
            .collect();
        maintenances.sort_by_key(|maintenance| {
            std::cmp::Reverse(maintenance.schedule.map(|(from, _)| from))
        });
        Value::Array(
            maintenances
                .into_iter()
                .take(RECENT_LIMIT)
                .map(|maintenance| self.incident_json(maintenance))
                .collect(),
        )
    }
}

/// One `incident_updates` entry.
fn update_json(
    incident: &IncidentRow,
    public_id: &str,
    status: &str,
    body: &str,
    (at, display_at): (i64, i64),
    affected_components: Option<Value>,
) -> Value {
    json!({
        "id": public_id,
        "status": status,
        "body": body,
        "incident_id": incident.public_id,
        "created_at": statuspage_time(at),
        "updated_at": statuspage_time(at),
        "display_at": statuspage_time(display_at),
        "affected_components": affected_components,
        "deliver_notifications": true,
        "custom_tweet": null,
        "tweet_id": null,
    })
}
