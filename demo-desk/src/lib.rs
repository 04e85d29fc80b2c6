//! A Zendesk- and Statuspage-compatible demo help desk on loopback.
//!
//! `demo-desk` serves the parts of the Zendesk end-user API and of the public Statuspage API
//! that Helpline uses, from SQLite, with deterministic seed data (the vendor "Acme Cloud" and
//! its customer Dana Demo), an agent back-office to script the other side of a conversation,
//! and fault injection. A client written against the real services runs against it by
//! swapping base URLs. It is the app's built-in demo account and the peer of every
//! integration test.
//!
//! The main types:
//! - [`DemoDesk::start`] with a [`DemoConfig`] starts a server on `127.0.0.1` and returns a
//!   [`DemoHandle`].
//! - [`DemoHandle`] gives the URLs and the demo customer's token, acts as an agent
//!   ([`agent_reply`](DemoHandle::agent_reply), [`set_status`](DemoHandle::set_status),
//!   [`assign`](DemoHandle::assign)), runs the status page
//!   ([`open_incident`](DemoHandle::open_incident),
//!   [`schedule_maintenance`](DemoHandle::schedule_maintenance)), injects [`Fault`]s and
//!   shuts down.
//!
//! ```
//! use demo_desk::{DemoConfig, DemoDesk};
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let desk = DemoDesk::start(DemoConfig::default()).await?;
//! // A client would now call, with `Authorization: Bearer {token}`:
//! let requests = format!("{}/api/v2/requests.json", desk.zendesk_url());
//! let summary = format!("{}/api/v2/summary.json", desk.statuspage_url());
//! assert!(requests.starts_with("http://127.0.0.1:") && summary.contains("/status/api/v2/"));
//! assert!(!desk.demo_token().is_empty());
//!
//! // …and see this agent reply on the seeded request 4294967400.
//! desk.agent_reply(4_294_967_400, "We reset your password; please try again.").await?;
//! desk.shutdown().await;
//! # Ok::<(), demo_desk::DemoError>(())
//! # }).unwrap();
//! ```
//!
//! # What is implemented (phase 1)
//!
//! - **One server, one port**: Zendesk under `/api/v2/`, Statuspage under `/status/api/v2/`,
//!   the back-office under `/_demo/`. Every path works with and without `.json`. Loopback only.
//! - **Storage**: SQLite (WAL, busy timeout) with forward-only migrations and a schema version
//!   check; in memory, or durable across restarts with `db_path`. Ids exceed 2^32.
//! - **Seed**: the account (Dana Demo, two agents, a bearer token, four status components) is
//!   always created; with `seed`, twelve of Dana's requests in every status, in English and
//!   French, with conversations (one internal note), one she is CC'd on and one she may not
//!   see, a past resolved incident and a maintenance on a Saturday at least a week ahead.
//! - **Auth**: `Authorization: Bearer`; unknown tokens get 401 `Couldn't authenticate you`;
//!   `GET /api/v2/users/me` answers the anonymous user without credentials.
//! - **Requests**: list (`/requests`, `/open`, `/solved`, `/ccd`) with `sort_by`,
//!   `sort_order`, `status=`, cursor and offset pagination and `include=users`; show (404,
//!   403); create (201, `Location`, 422 `RecordInvalid`, 400 on bad JSON, `Idempotency-Key`
//!   for two hours); update (comment, `solved` when `can_be_solved_by_me`,
//!   `additional_collaborators`, 422 on closed requests); search; comments with `since`,
//!   `role`, both sort styles, both paginations and `include=users`; one comment.
//! - **Transport**: Zendesk's headers on every response, weak `ETag` and 304, per-token
//!   per-minute rate limits with 429 `text/plain` and `Retry-After`.
//! - **Statuspage**: summary, status, components, incidents (all, unresolved) and scheduled
//!   maintenances (all, upcoming, active), with the documented value sets, millisecond times,
//!   maintenance progress and the indicator derived from the clock and the components.
//! - **Back-office** (`/_demo/`, also as [`DemoHandle`] methods): agent replies, status
//!   changes, assignment, incidents and their updates and resolution, maintenances, reset,
//!   faults; optional automatic agent reply to new requests, in French for French requests.
//! - **Faults**: latency, 429/500/503 with `Retry-After`, a connection dropped after the
//!   headers, truncated JSON; for the next `count` requests under a path prefix.
//!
//! # Not yet (phase 2)
//!
//! - OAuth 2: authorization code with PKCE, `POST /oauth/tokens`, refresh-token rotation,
//!   scopes, `GET /api/v2/oauth/tokens/current`. Until then the demo token is the only
//!   credential, and Basic credentials read as anonymous.
//! - Uploads (`POST /api/v2/uploads`, `comment.uploads`) and attachment downloads; comments
//!   always have `attachments: []` and upload tokens are ignored.
//! - Help Center endpoints (the separate rate-limit bucket for `/api/v2/help_center` already
//!   exists).
//! - A `helpline demo-desk` CLI subcommand, and a benchmark.

mod auto_reply;
mod backoffice;
mod clock;
mod comment_text;
mod config;
mod desk;
mod error;
mod faults;
mod handle;
mod model;
mod seed;
mod server;
mod statuspage;
mod store;
mod zendesk;

pub use config::DemoConfig;
pub use desk::{NewIncident, NewMaintenance, RequestDraft};
pub use error::DemoError;
pub use faults::Fault;
pub use handle::{DemoDesk, DemoHandle};
pub use model::{
    ComponentStatus, Impact, IncidentStatus, Indicator, MaintenanceStatus, Priority, RequestKind,
    RequestStatus, Role,
};
