//! The status page: components, incidents (and maintenances, which are incidents with a
//! schedule) and incident updates. Times here are milliseconds, as Statuspage writes them.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use crate::model::{ComponentStatus, Impact, IncidentStatus};
use crate::store::next_id;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ComponentRow {
    pub id: i64,
    pub public_id: String,
    pub name: String,
    pub description: Option<String>,
    pub position: i64,
    pub status: ComponentStatus,
    pub showcase: bool,
    pub start_date: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentRow {
    pub id: i64,
    pub public_id: String,
    pub name: String,
    /// An [`IncidentStatus`] for incidents; maintenances store `scheduled` and derive the rest
    /// from the clock.
    pub status: String,
    pub impact: Impact,
    pub shortlink: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub started_at: i64,
    pub monitoring_at: Option<i64>,
    pub resolved_at: Option<i64>,
    /// `Some` for scheduled maintenances.
    pub schedule: Option<(i64, i64)>,
    /// Row ids of the components it touches.
    pub component_ids: Vec<i64>,
    /// Oldest first.
    pub updates: Vec<UpdateRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UpdateRow {
    pub public_id: String,
    pub status: String,
    pub body: String,
    /// `[{code, name, old_status, new_status}]`, or `None` when the update changed none.
    pub affected_components: Option<serde_json::Value>,
    pub created_at: i64,
    pub display_at: i64,
}

/// A Statuspage-looking id (12 lowercase letters and digits) derived from a row id, so seeded
/// and created objects get stable ids.
pub(crate) fn public_id(kind: &str, row_id: i64) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let digest = Sha256::digest(format!("demo-desk/{kind}/{row_id}"));
    digest
        .iter()
        .take(12)
        .map(|byte| ALPHABET[*byte as usize % ALPHABET.len()] as char)
        .collect()
}

fn shortlink(row_id: i64) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let digest = Sha256::digest(format!("demo-desk/shortlink/{row_id}"));
    let code: String = digest
        .iter()
        .take(7)
        .map(|byte| ALPHABET[*byte as usize % ALPHABET.len()] as char)
        .collect();
    format!("https://stspg.io/{code}")
}

const COMPONENT_COLUMNS: &str =
    "id, public_id, name, description, position, status, showcase, start_date, created_at, updated_at";

fn component_from_row(row: &Row<'_>) -> rusqlite::Result<ComponentRow> {
    let status: String = row.get(5)?;
    Ok(ComponentRow {
        id: row.get(0)?,
        public_id: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        position: row.get(4)?,
        status: ComponentStatus::parse(&status).unwrap_or(ComponentStatus::Operational),
        showcase: row.get(6)?,
        start_date: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

pub(crate) fn insert_component(
    connection: &Connection,
    name: &str,
    description: Option<&str>,
    position: i64,
    created_at: i64,
) -> rusqlite::Result<ComponentRow> {
    let id = next_id(connection, "status_components", 1)?;
    let component = ComponentRow {
        id,
        public_id: public_id("component", id),
        name: name.to_owned(),
        description: description.map(str::to_owned),
        position,
        status: ComponentStatus::Operational,
        showcase: true,
        start_date: None,
        created_at,
        updated_at: created_at,
    };
    connection.execute(
        &format!(
            "INSERT INTO status_components ({COMPONENT_COLUMNS}) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            component.id,
            component.public_id,
            component.name,
            component.description,
            component.position,
            component.status.as_str(),
            component.showcase,
            component.start_date,
            component.created_at,
            component.updated_at
        ],
    )?;
    Ok(component)
}

pub(crate) fn components(connection: &Connection) -> rusqlite::Result<Vec<ComponentRow>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COMPONENT_COLUMNS} FROM status_components ORDER BY position, id"
    ))?;
    let rows = statement.query_map([], component_from_row)?;
    rows.collect()
}

pub(crate) fn component_by_public_id(
    connection: &Connection,
    public_id: &str,
) -> rusqlite::Result<Option<ComponentRow>> {
    connection
        .query_row(
            &format!("SELECT {COMPONENT_COLUMNS} FROM status_components WHERE public_id = ?1"),
            [public_id],
            component_from_row,
        )
        .optional()
}

pub(crate) fn set_component_status(
    connection: &Connection,
    id: i64,
    status: ComponentStatus,
    now: i64,
) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE status_components SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status <> ?2",
        params![id, status.as_str(), now],
    )?;
    Ok(())
}

/// What a new incident or maintenance starts as.
pub(crate) struct NewIncidentRow<'a> {
    pub name: &'a str,
    pub status: &'a str,
    pub impact: Impact,
    pub created_at: i64,
    pub started_at: i64,
    pub schedule: Option<(i64, i64)>,
    pub component_ids: &'a [i64],
}

pub(crate) fn insert_incident(
    connection: &Connection,
    incident: &NewIncidentRow<'_>,
) -> rusqlite::Result<i64> {
    let id = next_id(connection, "status_incidents", 1)?;
    let kind = if incident.schedule.is_some() {
        "maintenance"
    } else {
        "incident"
    };
    connection.execute(
        "INSERT INTO status_incidents (id, public_id, name, status, impact, shortlink, \
         created_at, updated_at, started_at, scheduled_for, scheduled_until) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10)",
        params![
            id,
            public_id(kind, id),
            incident.name,
            incident.status,
            incident.impact.as_str(),
            shortlink(id),
            incident.created_at,
            incident.started_at,
            incident.schedule.map(|(from, _)| from),
            incident.schedule.map(|(_, until)| until),
        ],
    )?;
    let mut link = connection.prepare(
        "INSERT OR IGNORE INTO status_incident_components (incident_id, component_id) VALUES (?1, ?2)",
    )?;
    for component_id in incident.component_ids {
        link.execute([id, *component_id])?;
    }
    Ok(id)
}

/// Records an update and moves the incident to its status (stamping `monitoring_at` and
/// `resolved_at` the first time it gets there).
pub(crate) fn add_update(
    connection: &Connection,
    incident_id: i64,
    status: &str,
    body: &str,
    affected_components: Option<&serde_json::Value>,
    at: i64,
) -> rusqlite::Result<()> {
    let id = next_id(connection, "status_incident_updates", 1)?;
    connection.execute(
        "INSERT INTO status_incident_updates \
         (id, public_id, incident_id, status, body, affected_components, created_at, display_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id,
            public_id("update", id),
            incident_id,
            status,
            body,
            affected_components.map(serde_json::Value::to_string),
            at
        ],
    )?;
    connection.execute(
        "UPDATE status_incidents SET status = ?2, updated_at = ?3, \
             monitoring_at = CASE WHEN ?2 = 'monitoring' \
                 THEN coalesce(monitoring_at, ?3) ELSE monitoring_at END, \
             resolved_at = CASE WHEN ?2 IN ('resolved', 'postmortem') \
                 THEN coalesce(resolved_at, ?3) ELSE resolved_at END \
         WHERE id = ?1",
        params![incident_id, status, at],
    )?;
    Ok(())
}

const INCIDENT_COLUMNS: &str = "id, public_id, name, status, impact, shortlink, created_at, \
     updated_at, started_at, monitoring_at, resolved_at, scheduled_for, scheduled_until";

fn incident_from_row(row: &Row<'_>) -> rusqlite::Result<IncidentRow> {
    let impact: String = row.get(4)?;
    let scheduled_for: Option<i64> = row.get(11)?;
    let scheduled_until: Option<i64> = row.get(12)?;
    Ok(IncidentRow {
        id: row.get(0)?,
        public_id: row.get(1)?,
        name: row.get(2)?,
        status: row.get(3)?,
        impact: Impact::parse(&impact).unwrap_or(Impact::None),
        shortlink: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
        started_at: row.get(8)?,
        monitoring_at: row.get(9)?,
        resolved_at: row.get(10)?,
        schedule: scheduled_for.zip(scheduled_until),
        component_ids: vec![],
        updates: vec![],
    })
}

/// Every incident and maintenance with its components and updates.
pub(crate) fn incidents(connection: &Connection) -> rusqlite::Result<Vec<IncidentRow>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {INCIDENT_COLUMNS} FROM status_incidents ORDER BY created_at DESC, id DESC"
    ))?;
    let mut incidents = statement
        .query_map([], incident_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut components = connection.prepare(
        "SELECT component_id FROM status_incident_components WHERE incident_id = ?1 \
         ORDER BY component_id",
    )?;
    let mut updates = connection.prepare(
        "SELECT public_id, status, body, affected_components, created_at, display_at \
         FROM status_incident_updates WHERE incident_id = ?1 ORDER BY created_at, id",
    )?;
    for incident in &mut incidents {
        incident.component_ids = components
            .query_map([incident.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        incident.updates = updates
            .query_map([incident.id], |row| {
                let affected: Option<String> = row.get(3)?;
                Ok(UpdateRow {
                    public_id: row.get(0)?,
                    status: row.get(1)?,
                    body: row.get(2)?,
                    affected_components: affected.and_then(|text| serde_json::from_str(&text).ok()),
                    created_at: row.get(4)?,
                    display_at: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(incidents)
}

impl IncidentRow {
    pub(crate) fn is_maintenance(&self) -> bool {
        self.schedule.is_some()
    }

    pub(crate) fn incident_status(&self) -> Option<IncidentStatus> {
        IncidentStatus::parse(&self.status)
    }

    pub(crate) fn is_unresolved_incident(&self) -> bool {
        !self.is_maintenance()
            && self
                .incident_status()
                .is_some_and(IncidentStatus::is_unresolved)
    }
}

pub(crate) fn incident_by_public_id(
    connection: &Connection,
    public_id: &str,
) -> rusqlite::Result<Option<IncidentRow>> {
    Ok(incidents(connection)?
        .into_iter()
        .find(|incident| incident.public_id == public_id))
}
