//! The Statuspage side: the public read-only API under `/status/api/v2/`.

mod snapshot;

pub(crate) use snapshot::StatusSnapshot;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use std::sync::Arc;

use crate::clock::now_millis;
use crate::desk::Desk;
use crate::model::MaintenanceStatus;
use crate::store::status;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::json_response;
use crate::DemoError;

/// The routes under `/status/api/v2` (paths arrive without `.json`).
pub(crate) fn router() -> Router<Arc<Desk>> {
    Router::new()
        .route("/summary", get(summary))
        .route("/status", get(page_status))
        .route("/components", get(components))
        .route("/incidents", get(incidents))
        .route("/incidents/unresolved", get(unresolved_incidents))
        .route("/scheduled-maintenances", get(maintenances))
        .route(
            "/scheduled-maintenances/upcoming",
            get(upcoming_maintenances),
        )
        .route("/scheduled-maintenances/active", get(active_maintenances))
        .fallback(|| async { json_response(StatusCode::NOT_FOUND, &json!({"error": "Not found"})) })
}

pub(crate) async fn load_snapshot(
    desk: &Desk,
    base_url: &str,
) -> Result<StatusSnapshot, DemoError> {
    let page_url = format!("{base_url}/status");
    desk.store
        .run(move |connection| {
            Ok(StatusSnapshot {
                components: status::components(connection)?,
                incidents: status::incidents(connection)?,
                now: now_millis(),
                page_url,
            })
        })
        .await
}

struct StatusError(DemoError);

impl IntoResponse for StatusError {
    fn into_response(self) -> Response {
        tracing::error!(error = %self.0, "status page failed");
        json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({"error": self.0.to_string()}),
        )
    }
}

/// Renders `{page, ...}` with the fields `fill` adds.
async fn respond(
    desk: &Desk,
    context: &RequestContext,
    fill: impl FnOnce(&StatusSnapshot, &mut serde_json::Map<String, Value>),
) -> Result<Response, StatusError> {
    let snapshot = load_snapshot(desk, &context.base_url)
        .await
        .map_err(StatusError)?;
    let mut body = serde_json::Map::new();
    body.insert("page".into(), snapshot.page_json());
    fill(&snapshot, &mut body);
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}

async fn summary(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert("components".into(), snapshot.components_json());
        body.insert("incidents".into(), snapshot.unresolved_incidents_json());
        body.insert(
            "scheduled_maintenances".into(),
            snapshot.maintenances_json(&[
                MaintenanceStatus::Scheduled,
                MaintenanceStatus::InProgress,
                MaintenanceStatus::Verifying,
            ]),
        );
        body.insert("status".into(), snapshot.status_json());
    })
    .await
}

async fn page_status(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert("status".into(), snapshot.status_json());
    })
    .await
}

async fn components(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert("components".into(), snapshot.components_json());
    })
    .await
}

async fn incidents(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert("incidents".into(), snapshot.recent_incidents_json());
    })
    .await
}

async fn unresolved_incidents(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert("incidents".into(), snapshot.unresolved_incidents_json());
    })
    .await
}

async fn maintenances(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert(
            "scheduled_maintenances".into(),
            snapshot.recent_maintenances_json(),
        );
    })
    .await
}

async fn upcoming_maintenances(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert(
            "scheduled_maintenances".into(),
            snapshot.maintenances_json(&[MaintenanceStatus::Scheduled]),
        );
    })
    .await
}

async fn active_maintenances(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, StatusError> {
    respond(&desk, &context, |snapshot, body| {
        body.insert(
            "scheduled_maintenances".into(),
            snapshot
                .maintenances_json(&[MaintenanceStatus::InProgress, MaintenanceStatus::Verifying]),
        );
    })
    .await
}
