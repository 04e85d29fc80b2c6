//! `/_demo/...`: the agent and operations back-office that drives client tests and demos.
//! JSON in and out, no credentials, loopback callers only.

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

use crate::clock::parse_time_millis;
use crate::desk::{AgentRef, AgentReply, AttachmentFile, Desk, NewIncident, NewMaintenance};
use crate::faults::Fault;
use crate::model::{IncidentStatus, RequestStatus};
use crate::seed;
use crate::statuspage::load_snapshot;
use crate::store::requests::RequestRow;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::json_response;
use crate::zendesk::render::{comment_json, request_json};
use crate::DemoError;

pub(crate) fn router() -> Router<Arc<Desk>> {
    Router::new()
        .route("/", get(describe))
        .route("/requests/{id}/agent_reply", post(agent_reply))
        .route("/requests/{id}/status", post(set_status))
        .route("/requests/{id}/assign", post(assign))
        .route("/users/{id}/tags", post(set_user_tags))
        .route("/incidents", post(open_incident))
        .route("/incidents/{id}/updates", post(update_incident))
        .route("/incidents/{id}/resolve", post(resolve_incident))
        .route("/maintenances", post(schedule_maintenance))
        .route("/reset", post(reset))
        .route("/faults", post(inject_fault).delete(clear_faults))
        .route("/traffic", get(traffic))
        // Agent replies carry whole files in base64; the caller is on this machine.
        .layer(DefaultBodyLimit::disable())
        .layer(from_fn(require_json_writes))
        .layer(from_fn(require_loopback))
}

/// API requests received so far, per rate-limit family.
async fn traffic(State(desk): State<Arc<Desk>>) -> Response {
    axum::Json(desk.api_traffic.snapshot()).into_response()
}

/// Back-office writes come only as `application/json`. A web page in the user's browser can
/// send a form or `text/plain` POST to a loopback port without asking; JSON needs a CORS
/// preflight, which this server never approves, so no page can drive the demo desk.
async fn require_json_writes(request: Request, next: Next) -> Response {
    let writes = matches!(
        *request.method(),
        axum::http::Method::POST | axum::http::Method::PUT | axum::http::Method::PATCH
    );
    let json = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
        });
    if writes && !json {
        return BackOfficeError(DemoError::invalid(
            "back-office writes take a JSON body: send Content-Type: application/json",
        ))
        .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
    next.run(request).await
}

/// The server only listens on loopback; this keeps it so if that ever changes.
async fn require_loopback(request: Request, next: Next) -> Response {
    let remote = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    match remote {
        Some(address) if !address.ip().is_loopback() => BackOfficeError(DemoError::invalid(
            "the back-office only answers loopback callers",
        ))
        .with_status(StatusCode::FORBIDDEN),
        _ => next.run(request).await,
    }
}

struct BackOfficeError(DemoError);

impl BackOfficeError {
    fn with_status(self, status: StatusCode) -> Response {
        let kind = match &self.0 {
            DemoError::NotFound { .. } => "RecordNotFound",
            DemoError::InvalidInput(_) => "InvalidInput",
            DemoError::RequestClosed(_) => "RequestClosed",
            _ => "InternalServerError",
        };
        json_response(
            status,
            &json!({"error": kind, "description": self.0.to_string()}),
        )
    }
}

impl From<DemoError> for BackOfficeError {
    fn from(error: DemoError) -> Self {
        BackOfficeError(error)
    }
}

impl IntoResponse for BackOfficeError {
    fn into_response(self) -> Response {
        let status = match &self.0 {
            DemoError::NotFound { .. } => StatusCode::NOT_FOUND,
            DemoError::InvalidInput(_) | DemoError::RequestClosed(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        self.with_status(status)
    }
}

/// Reads a JSON body; an empty body reads as `{}`.
fn body_as<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, BackOfficeError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    serde_json::from_slice(bytes)
        .map_err(|error| BackOfficeError(DemoError::invalid(format!("invalid body: {error}"))))
}

fn request_id(text: &str) -> Result<i64, BackOfficeError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| BackOfficeError(DemoError::not_found("request", text)))
}

/// An agent as the back-office accepts one: an id or an email.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum AgentField {
    Id(i64),
    Email(String),
}

impl From<AgentField> for AgentRef {
    fn from(field: AgentField) -> Self {
        match field {
            AgentField::Id(id) => AgentRef::Id(id),
            AgentField::Email(email) => AgentRef::Email(email),
        }
    }
}

/// What the back-office knows: the ids and token a script needs.
async fn describe(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
) -> Result<Response, BackOfficeError> {
    let snapshot = load_snapshot(&desk, &context.base_url).await?;
    let demo_token = desk
        .store
        .run(|connection| {
            Ok(crate::store::users::token_of(
                connection,
                seed::DEMO_CUSTOMER_ID,
            )?)
        })
        .await?
        .unwrap_or_default();
    let components: Vec<Value> = snapshot
        .components
        .iter()
        .map(|component| json!({"id": component.public_id, "name": component.name}))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "zendesk_url": context.base_url,
            "statuspage_url": format!("{}/status", context.base_url),
            "demo_token": demo_token,
            "oauth_client_id": crate::oauth::clients::DEMO_OAUTH_CLIENT_ID,
            "demo_customer_id": seed::DEMO_CUSTOMER_ID,
            "agent_ids": [seed::AGENT_ALEX_ID, seed::AGENT_CAMILLE_ID],
            "components": components,
        }),
    ))
}

#[derive(Debug, Deserialize)]
struct AgentReplyBody {
    #[serde(default)]
    body: String,
    html_body: Option<String>,
    author: Option<AgentField>,
    #[serde(default)]
    attachments: Vec<AttachmentBody>,
}

#[derive(Debug, Deserialize)]
struct AttachmentBody {
    file_name: String,
    content_type: Option<String>,
    content_base64: String,
}

impl AttachmentBody {
    fn decode(self) -> Result<AttachmentFile, BackOfficeError> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(self.content_base64.trim())
            .map_err(|error| {
                BackOfficeError(DemoError::invalid(format!(
                    "content_base64 of {} is not base64: {error}",
                    self.file_name
                )))
            })?;
        Ok(AttachmentFile {
            file_name: self.file_name,
            content_type: self.content_type,
            bytes,
        })
    }
}

async fn agent_reply(
    State(desk): State<Arc<Desk>>,
    Path(id): Path<String>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let id = request_id(&id)?;
    let body: AgentReplyBody = body_as(&bytes)?;
    let attachments = body
        .attachments
        .into_iter()
        .map(AttachmentBody::decode)
        .collect::<Result<Vec<_>, _>>()?;
    let (request, comment, attached) = desk
        .agent_reply(
            id,
            AgentReply {
                body: body.body,
                html_body: body.html_body,
                author: body.author.map(AgentRef::from),
                attachments,
            },
        )
        .await?;
    Ok(json_response(
        StatusCode::CREATED,
        &json!({
            "comment": comment_json(&context.base_url, &comment, &attached),
            "request": request_json(&context.base_url, &request),
        }),
    ))
}

/// `200 {request}`: what the request looks like after a back-office change.
fn request_response(context: &RequestContext, request: &RequestRow) -> Response {
    json_response(
        StatusCode::OK,
        &json!({"request": request_json(&context.base_url, request)}),
    )
}

#[derive(Debug, Deserialize)]
struct StatusBody {
    status: RequestStatus,
}

async fn set_status(
    State(desk): State<Arc<Desk>>,
    Path(id): Path<String>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let id = request_id(&id)?;
    let body: StatusBody = body_as(&bytes)?;
    let request = desk.set_request_status(id, body.status).await?;
    Ok(request_response(&context, &request))
}

#[derive(Debug, Deserialize)]
struct AssignBody {
    agent: Option<AgentField>,
}

async fn assign(
    State(desk): State<Arc<Desk>>,
    Path(id): Path<String>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let id = request_id(&id)?;
    let body: AssignBody = body_as(&bytes)?;
    let request = desk.assign(id, body.agent.map(AgentRef::from)).await?;
    Ok(request_response(&context, &request))
}

#[derive(Deserialize)]
struct TagsBody {
    tags: Vec<String>,
}

async fn set_user_tags(
    State(desk): State<Arc<Desk>>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let id: i64 = id
        .parse()
        .map_err(|_| BackOfficeError(DemoError::not_found("user", &id)))?;
    let body: TagsBody = body_as(&bytes)?;
    desk.set_user_tags(id, body.tags.clone()).await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({"user": {"id": id, "tags": body.tags}}),
    ))
}

/// Renders one incident or maintenance as the status page shows it now.
async fn incident_response(
    desk: &Desk,
    context: &RequestContext,
    public_id: &str,
    root: &str,
    status_code: StatusCode,
) -> Result<Response, BackOfficeError> {
    let snapshot = load_snapshot(desk, &context.base_url).await?;
    let incident = snapshot
        .incidents
        .iter()
        .find(|incident| incident.public_id == public_id)
        .ok_or_else(|| BackOfficeError(DemoError::not_found("incident", public_id)))?;
    let mut body = serde_json::Map::new();
    body.insert(root.to_owned(), snapshot.incident_json(incident));
    Ok(json_response(status_code, &Value::Object(body)))
}

async fn open_incident(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let incident: NewIncident = body_as(&bytes)?;
    let public_id = desk.open_incident(incident).await?;
    incident_response(&desk, &context, &public_id, "incident", StatusCode::CREATED).await
}

#[derive(Debug, Deserialize)]
struct IncidentUpdateBody {
    status: IncidentStatus,
    body: String,
}

async fn update_incident(
    State(desk): State<Arc<Desk>>,
    Path(public_id): Path<String>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let update: IncidentUpdateBody = body_as(&bytes)?;
    desk.update_incident(public_id.clone(), update.status, update.body)
        .await?;
    incident_response(&desk, &context, &public_id, "incident", StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
struct ResolveBody {
    body: Option<String>,
}

async fn resolve_incident(
    State(desk): State<Arc<Desk>>,
    Path(public_id): Path<String>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let resolve: ResolveBody = body_as(&bytes)?;
    desk.resolve_incident(public_id.clone(), resolve.body)
        .await?;
    incident_response(&desk, &context, &public_id, "incident", StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
struct MaintenanceBody {
    name: String,
    scheduled_for: String,
    scheduled_until: String,
    #[serde(default)]
    component_ids: Vec<String>,
    body: Option<String>,
}

fn system_time(field: &str, text: &str) -> Result<std::time::SystemTime, BackOfficeError> {
    let millis = parse_time_millis(text)
        .filter(|millis| *millis >= 0)
        .ok_or_else(|| {
            BackOfficeError(DemoError::invalid(format!(
                "{field} must be an RFC 3339 time, got {text:?}"
            )))
        })?;
    Ok(std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis as u64))
}

async fn schedule_maintenance(
    State(desk): State<Arc<Desk>>,
    context: RequestContext,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let body: MaintenanceBody = body_as(&bytes)?;
    let maintenance = NewMaintenance {
        name: body.name,
        scheduled_for: system_time("scheduled_for", &body.scheduled_for)?,
        scheduled_until: system_time("scheduled_until", &body.scheduled_until)?,
        component_ids: body.component_ids,
        body: body.body,
    };
    let public_id = desk.schedule_maintenance(maintenance).await?;
    incident_response(
        &desk,
        &context,
        &public_id,
        "scheduled_maintenance",
        StatusCode::CREATED,
    )
    .await
}

async fn reset(State(desk): State<Arc<Desk>>) -> Result<Response, BackOfficeError> {
    desk.reset().await?;
    Ok(json_response(StatusCode::OK, &json!({"reset": true})))
}

async fn inject_fault(
    State(desk): State<Arc<Desk>>,
    bytes: Bytes,
) -> Result<Response, BackOfficeError> {
    let fault: Fault = body_as(&bytes)?;
    let id = desk.faults.inject(fault.clone())?;
    let mut body = serde_json::to_value(&fault).unwrap_or_else(|_| json!({}));
    body["id"] = Value::from(id);
    Ok(json_response(
        StatusCode::CREATED,
        &json!({ "fault": body }),
    ))
}

async fn clear_faults(State(desk): State<Arc<Desk>>) -> StatusCode {
    desk.faults.clear();
    StatusCode::NO_CONTENT
}
