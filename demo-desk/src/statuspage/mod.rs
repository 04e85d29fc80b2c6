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

/// One top-level field of a Statuspage response, read off the snapshot.
#[derive(Debug, Clone, Copy)]
enum Field {
    Status,
    Components,
    RecentIncidents,
    UnresolvedIncidents,
    RecentMaintenances,
    /// Maintenances in any of these states.
    Maintenances(&'static [MaintenanceStatus]),
}

impl Field {
    fn render(self, snapshot: &StatusSnapshot) -> (&'static str, Value) {
        match self {
            Field::Status => ("status", snapshot.status_json()),
            Field::Components => ("components", snapshot.components_json()),
            Field::RecentIncidents => ("incidents", snapshot.recent_incidents_json()),
            Field::UnresolvedIncidents => ("incidents", snapshot.unresolved_incidents_json()),
            Field::RecentMaintenances => (
                "scheduled_maintenances",
                snapshot.recent_maintenances_json(),
            ),
            Field::Maintenances(statuses) => (
                "scheduled_maintenances",
                snapshot.maintenances_json(statuses),
            ),
        }
    }
}

/// Every endpoint is `page` plus these fields, in this order; a table keeps them side by side.
const ROUTES: &[(&str, &[Field])] = &[
    (
        "/summary",
        &[
            Field::Components,
            Field::UnresolvedIncidents,
            Field::Maintenances(&[
                MaintenanceStatus::Scheduled,
                MaintenanceStatus::InProgress,
                MaintenanceStatus::Verifying,
            ]),
            Field::Status,
        ],
    ),
    ("/status", &[Field::Status]),
    ("/components", &[Field::Components]),
    ("/incidents", &[Field::RecentIncidents]),
    ("/incidents/unresolved", &[Field::UnresolvedIncidents]),
    ("/scheduled-maintenances", &[Field::RecentMaintenances]),
    (
        "/scheduled-maintenances/upcoming",
        &[Field::Maintenances(&[MaintenanceStatus::Scheduled])],
    ),
    (
        "/scheduled-maintenances/active",
        &[Field::Maintenances(&[
            MaintenanceStatus::InProgress,
            MaintenanceStatus::Verifying,
        ])],
    ),
];

/// The routes under `/status/api/v2` (paths arrive without `.json`).
pub(crate) fn router() -> Router<Arc<Desk>> {
    ROUTES
        .iter()
        .fold(Router::new(), |router, &(path, fields)| {
            router.route(
                path,
                get(
                    move |State(desk): State<Arc<Desk>>, context: RequestContext| async move {
                        respond(&desk, &context, fields).await
                    },
                ),
            )
        })
        .fallback(|| async { json_response(StatusCode::NOT_FOUND, &json!({"error": "Not found"})) })
        // The real page sits behind a CDN that tags its answers and honours `If-None-Match`.
        .layer(axum::middleware::from_fn(
            crate::zendesk::headers::conditional_get,
        ))
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

/// Renders `{page, ...}` followed by `fields`.
async fn respond(
    desk: &Desk,
    context: &RequestContext,
    fields: &[Field],
) -> Result<Response, StatusError> {
    let snapshot = load_snapshot(desk, &context.base_url)
        .await
        .map_err(StatusError)?;
    let mut body = serde_json::Map::new();
    body.insert("page".into(), snapshot.page_json());
    for field in fields {
        let (name, value) = field.render(&snapshot);
        body.insert(name.into(), value);
    }
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}
