//! What the operations team does on the status page: open, update and resolve incidents,
//! schedule maintenances.

use rusqlite::Connection;
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::SystemTime;

use super::Desk;
use crate::clock::{now_millis, system_time_millis};
use crate::model::{ComponentStatus, Impact, IncidentStatus};
use crate::store::status::{self, ComponentRow, IncidentRow, NewIncidentRow};
use crate::DemoError;

/// An incident to open (`POST /_demo/incidents` takes the same fields as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewIncident {
    pub name: String,
    /// `none`, `minor`, `major` or `critical`; it also sets the components' status
    /// (degraded performance, partial outage, major outage).
    pub impact: Impact,
    /// Statuspage component ids, as listed by `components.json`.
    #[serde(default)]
    pub component_ids: Vec<String>,
    /// The first update's text.
    pub body: String,
    /// `investigating` unless given.
    #[serde(default = "investigating")]
    pub status: IncidentStatus,
}

fn investigating() -> IncidentStatus {
    IncidentStatus::Investigating
}

impl NewIncident {
    pub fn new(name: impl Into<String>, impact: Impact, body: impl Into<String>) -> Self {
        NewIncident {
            name: name.into(),
            impact,
            component_ids: vec![],
            body: body.into(),
            status: IncidentStatus::Investigating,
        }
    }
}

/// A maintenance window to schedule. It shows as `scheduled` before the window,
/// `in_progress` (its components `under_maintenance`) during it and `completed` after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMaintenance {
    pub name: String,
    pub scheduled_for: SystemTime,
    pub scheduled_until: SystemTime,
    pub component_ids: Vec<String>,
    /// The announcement; a generic one when `None`.
    pub body: Option<String>,
}

fn components_by_public_id(
    connection: &Connection,
    public_ids: &[String],
) -> Result<Vec<ComponentRow>, DemoError> {
    public_ids
        .iter()
        .map(|public_id| {
            status::component_by_public_id(connection, public_id)?
                .ok_or_else(|| DemoError::invalid(format!("unknown component {public_id:?}")))
        })
        .collect()
}

fn change(component: &ComponentRow, new_status: ComponentStatus) -> Value {
    json!({
        "code": component.public_id,
        "name": component.name,
        "old_status": component.status.as_str(),
        "new_status": new_status.as_str(),
    })
}

fn open_incident_for_update(
    connection: &Connection,
    public_id: &str,
) -> Result<IncidentRow, DemoError> {
    let incident = status::incident_by_public_id(connection, public_id)?
        .filter(|incident| !incident.is_maintenance())
        .ok_or(DemoError::not_found("incident", public_id))?;
    if !incident.is_unresolved_incident() {
        return Err(DemoError::invalid(format!(
            "incident {public_id} is already {}",
            incident.status
        )));
    }
    Ok(incident)
}

impl Desk {
    pub(crate) async fn open_incident(&self, incident: NewIncident) -> Result<String, DemoError> {
        if incident.name.trim().is_empty() || incident.body.trim().is_empty() {
            return Err(DemoError::invalid("an incident needs a name and a body"));
        }
        if incident.impact == Impact::Maintenance {
            return Err(DemoError::invalid(
                "use a scheduled maintenance for maintenance impact",
            ));
        }
        if !incident.status.is_unresolved() {
            return Err(DemoError::invalid(
                "a new incident is investigating, identified or monitoring",
            ));
        }
        self.store
            .run(move |connection| {
                let now = now_millis();
                let transaction = connection.transaction()?;
                let components = components_by_public_id(&transaction, &incident.component_ids)?;
                let component_ids: Vec<i64> = components.iter().map(|c| c.id).collect();
                let id = status::insert_incident(
                    &transaction,
                    &NewIncidentRow {
                        name: incident.name.trim(),
                        status: incident.status.as_str(),
                        impact: incident.impact,
                        created_at: now,
                        started_at: now,
                        schedule: None,
                        component_ids: &component_ids,
                    },
                )?;
                // An incident only ever makes a component look worse, never better.
                let new_status = incident.impact.component_status();
                let mut changes = Vec::new();
                for component in &components {
                    if new_status.severity() > component.status.severity() {
                        changes.push(change(component, new_status));
                        status::set_component_status(&transaction, component.id, new_status, now)?;
                    }
                }
                let affected = (!changes.is_empty()).then_some(Value::Array(changes));
                status::add_update(
                    &transaction,
                    id,
                    incident.status.as_str(),
                    incident.body.trim(),
                    affected.as_ref(),
                    now,
                )?;
                transaction.commit()?;
                Ok(status::public_id("incident", id))
            })
            .await
    }

    /// Posts an update that moves an open incident to `investigating`, `identified` or
    /// `monitoring`.
    pub(crate) async fn update_incident(
        &self,
        public_id: String,
        new_status: IncidentStatus,
        body: String,
    ) -> Result<(), DemoError> {
        if new_status == IncidentStatus::Resolved {
            return self.resolve_incident(public_id, Some(body)).await;
        }
        if !new_status.is_unresolved() {
            return Err(DemoError::invalid(format!(
                "an update cannot move an incident to {new_status}"
            )));
        }
        self.store
            .run(move |connection| {
                let transaction = connection.transaction()?;
                let incident = open_incident_for_update(&transaction, &public_id)?;
                status::add_update(
                    &transaction,
                    incident.id,
                    new_status.as_str(),
                    body.trim(),
                    None,
                    now_millis(),
                )?;
                transaction.commit()?;
                Ok(())
            })
            .await
    }

    /// Resolves an incident and gives its components back the status the remaining
    /// unresolved incidents imply (operational when none).
    pub(crate) async fn resolve_incident(
        &self,
        public_id: String,
        body: Option<String>,
    ) -> Result<(), DemoError> {
        self.store
            .run(move |connection| {
                let now = now_millis();
                let transaction = connection.transaction()?;
                let incident = open_incident_for_update(&transaction, &public_id)?;
                let others: Vec<IncidentRow> = status::incidents(&transaction)?
                    .into_iter()
                    .filter(|other| other.id != incident.id && other.is_unresolved_incident())
                    .collect();
                let components = status::components(&transaction)?;
                let mut changes = Vec::new();
                for component in components
                    .iter()
                    .filter(|component| incident.component_ids.contains(&component.id))
                {
                    let remaining = others
                        .iter()
                        .filter(|other| other.component_ids.contains(&component.id))
                        .map(|other| other.impact.component_status())
                        .max_by_key(|status| status.severity())
                        .unwrap_or(ComponentStatus::Operational);
                    if remaining != component.status {
                        changes.push(change(component, remaining));
                        status::set_component_status(&transaction, component.id, remaining, now)?;
                    }
                }
                let affected = (!changes.is_empty()).then_some(Value::Array(changes));
                let body = body
                    .map(|body| body.trim().to_owned())
                    .filter(|body| !body.is_empty())
                    .unwrap_or_else(|| "This incident has been resolved.".to_owned());
                status::add_update(
                    &transaction,
                    incident.id,
                    IncidentStatus::Resolved.as_str(),
                    &body,
                    affected.as_ref(),
                    now,
                )?;
                transaction.commit()?;
                Ok(())
            })
            .await
    }

    pub(crate) async fn schedule_maintenance(
        &self,
        maintenance: NewMaintenance,
    ) -> Result<String, DemoError> {
        let from = system_time_millis(maintenance.scheduled_for)?;
        let until = system_time_millis(maintenance.scheduled_until)?;
        if until <= from {
            return Err(DemoError::invalid(
                "scheduled_until must be after scheduled_for",
            ));
        }
        if maintenance.name.trim().is_empty() {
            return Err(DemoError::invalid("a maintenance needs a name"));
        }
        self.store
            .run(move |connection| {
                let now = now_millis();
                let transaction = connection.transaction()?;
                let components = components_by_public_id(&transaction, &maintenance.component_ids)?;
                let component_ids: Vec<i64> = components.iter().map(|c| c.id).collect();
                let id = status::insert_incident(
                    &transaction,
                    &NewIncidentRow {
                        name: maintenance.name.trim(),
                        status: "scheduled",
                        impact: Impact::Maintenance,
                        created_at: now,
                        started_at: now,
                        schedule: Some((from, until)),
                        component_ids: &component_ids,
                    },
                )?;
                let body = maintenance.body.unwrap_or_else(|| {
                    format!(
                        "{} is scheduled. We will post updates here.",
                        maintenance.name.trim()
                    )
                });
                status::add_update(&transaction, id, "scheduled", &body, None, now)?;
                transaction.commit()?;
                Ok(status::public_id("maintenance", id))
            })
            .await
    }
}
