//! Starting, driving and stopping a demo desk from Rust.

use axum::extract::Request;
use axum::ServiceExt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower::util::MapRequestLayer;
use tower::Layer;

use crate::clock::now_seconds;
use crate::desk::{AgentReply, AttachmentFile, Desk, NewIncident, NewMaintenance, RequestDraft};
use crate::faults::Fault;
use crate::model::{IncidentStatus, RequestStatus};
use crate::seed;
use crate::server::{self, strip_json_suffix};
use crate::store::{users, Store};
use crate::{ApiRequests, DemoConfig, DemoError};

/// How long `shutdown` waits for open connections before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Starts demo desks. See the [crate docs](crate) for an example.
pub struct DemoDesk;

impl DemoDesk {
    /// Opens (or creates and seeds) the database and starts serving on `127.0.0.1`.
    pub async fn start(config: DemoConfig) -> Result<DemoHandle, DemoError> {
        let db_path = config.db_path.clone();
        let store = tokio::task::spawn_blocking(move || Store::open(db_path.as_deref()))
            .await
            .map_err(|error| DemoError::Background(error.to_string()))??;
        let with_samples = config.seed;
        store
            .run(move |connection| seed::ensure_seeded(connection, with_samples, now_seconds()))
            .await?;
        let demo_token = store
            .run(|connection| Ok(users::token_of(connection, seed::DEMO_CUSTOMER_ID)?))
            .await?
            .ok_or_else(|| DemoError::invalid("the demo desk's database has no customer token"))?;

        let requested = SocketAddr::from((Ipv4Addr::LOCALHOST, config.port));
        let listener = TcpListener::bind(requested)
            .await
            .map_err(|source| DemoError::Bind {
                addr: requested,
                source,
            })?;
        let address = listener.local_addr().map_err(|source| DemoError::Bind {
            addr: requested,
            source,
        })?;
        let desk = Arc::new(Desk::new(store, config, format!("http://{address}")));
        let app = MapRequestLayer::new(strip_json_suffix).layer(server::app(Arc::clone(&desk)));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let service =
                ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(app);
            let serving = axum::serve(listener, service).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = serving.await {
                tracing::error!(%error, "demo desk server stopped");
            }
        });
        tracing::info!(%address, "demo desk listening");
        Ok(DemoHandle {
            desk,
            address,
            demo_token,
            stop: Some(stop),
            server: Some(server),
        })
    }
}

/// A running demo desk. Dropping it stops the server too; [`shutdown`](Self::shutdown)
/// also waits for it.
pub struct DemoHandle {
    desk: Arc<Desk>,
    address: SocketAddr,
    demo_token: String,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl DemoHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// What a client uses as the Zendesk account URL (it appends `/api/v2/...`).
    pub fn zendesk_url(&self) -> String {
        self.base_url()
    }

    /// What a client uses as the Statuspage URL (it appends `/api/v2/summary.json`).
    pub fn statuspage_url(&self) -> String {
        format!("{}/status", self.base_url())
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// A bearer token that signs in as the demo customer, Dana Demo, with every scope and no
    /// expiry.
    pub fn demo_token(&self) -> &str {
        &self.demo_token
    }

    /// The `client_id` of the demo account's OAuth client (a public client: PKCE, loopback
    /// redirect URIs).
    pub fn oauth_client_id(&self) -> &'static str {
        crate::oauth::clients::DEMO_OAUTH_CLIENT_ID
    }

    pub fn demo_customer_id(&self) -> u64 {
        seed::DEMO_CUSTOMER_ID as u64
    }

    /// The two agents' user ids (the first answers in English, the second in French).
    pub fn agent_ids(&self) -> [u64; 2] {
        [seed::AGENT_ALEX_ID as u64, seed::AGENT_CAMILLE_ID as u64]
    }

    /// Posts a public reply as an agent (the assignee, or the first agent); returns the
    /// comment id.
    pub async fn agent_reply(&self, request_id: u64, body: &str) -> Result<u64, DemoError> {
        self.agent_reply_with_attachments(request_id, body, vec![])
            .await
    }

    /// Posts a public reply as an agent with files attached; returns the comment id. Files
    /// over [`DemoConfig::max_upload_bytes`] are refused.
    pub async fn agent_reply_with_attachments(
        &self,
        request_id: u64,
        body: &str,
        attachments: Vec<AttachmentFile>,
    ) -> Result<u64, DemoError> {
        let reply = AgentReply {
            body: body.to_owned(),
            html_body: None,
            author: None,
            attachments,
        };
        let (_, comment, _) = self.desk.agent_reply(as_row_id(request_id), reply).await?;
        Ok(comment.id as u64)
    }

    /// Moves a request to `open`, `pending`, `hold`, `solved` or `closed`.
    pub async fn set_status(
        &self,
        request_id: u64,
        status: RequestStatus,
    ) -> Result<(), DemoError> {
        self.desk
            .set_request_status(as_row_id(request_id), status)
            .await
            .map(|_| ())
    }

    /// Assigns the request to the first agent, so that its requester can solve it.
    pub async fn assign(&self, request_id: u64) -> Result<(), DemoError> {
        self.desk
            .assign(as_row_id(request_id), None)
            .await
            .map(|_| ())
    }

    /// Inserts requests directly, in one transaction; returns their ids in order.
    pub async fn import_requests(&self, drafts: Vec<RequestDraft>) -> Result<Vec<u64>, DemoError> {
        let ids = self.desk.import_requests(drafts).await?;
        Ok(ids.into_iter().map(|id| id as u64).collect())
    }

    /// Replaces a user's tags; the demo customer's `plan_…` tag names their plan.
    pub async fn set_user_tags(&self, user_id: u64, tags: &[&str]) -> Result<(), DemoError> {
        self.desk
            .set_user_tags(
                as_row_id(user_id),
                tags.iter().map(|tag| (*tag).to_owned()).collect(),
            )
            .await
    }

    /// Opens an incident; returns its Statuspage id.
    pub async fn open_incident(&self, incident: NewIncident) -> Result<String, DemoError> {
        self.desk.open_incident(incident).await
    }

    pub async fn update_incident(
        &self,
        incident_id: &str,
        status: IncidentStatus,
        body: &str,
    ) -> Result<(), DemoError> {
        self.desk
            .update_incident(incident_id.to_owned(), status, body.to_owned())
            .await
    }

    pub async fn resolve_incident(&self, incident_id: &str, body: &str) -> Result<(), DemoError> {
        self.desk
            .resolve_incident(incident_id.to_owned(), Some(body.to_owned()))
            .await
    }

    /// Schedules a maintenance window; returns its Statuspage id.
    pub async fn schedule_maintenance(
        &self,
        maintenance: NewMaintenance,
    ) -> Result<String, DemoError> {
        self.desk.schedule_maintenance(maintenance).await
    }

    /// Deletes everything and seeds again (injected faults stay).
    pub async fn reset(&self) -> Result<(), DemoError> {
        self.desk.reset().await
    }

    /// Arms a fault; returns its id. Fails for statuses other than 429, 500 and 503.
    pub fn inject(&self, fault: Fault) -> Result<u64, DemoError> {
        self.desk.faults.inject(fault)
    }

    /// API requests received since the desk started.
    pub fn api_requests(&self) -> ApiRequests {
        self.desk.api_traffic.snapshot()
    }

    pub fn clear_faults(&self) {
        self.desk.faults.clear();
    }

    /// Stops accepting connections, lets open ones finish (for a few seconds at most) and
    /// cancels pending automatic replies.
    pub async fn shutdown(mut self) {
        self.desk.cancel_background_work();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut server)
                .await
                .is_err()
            {
                server.abort();
                let _ = server.await;
            }
        }
    }
}

impl Drop for DemoHandle {
    fn drop(&mut self) {
        self.desk.cancel_background_work();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Ids are below 2^53 in practice; anything larger cannot name a row.
fn as_row_id(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}
