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
//! - [`DemoHandle`] gives the URLs, the demo customer's token and the OAuth client id, acts
//!   as an agent ([`agent_reply`](DemoHandle::agent_reply),
//!   [`agent_reply_with_attachments`](DemoHandle::agent_reply_with_attachments) with
//!   [`AttachmentFile`]s, [`set_status`](DemoHandle::set_status),
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
//! // …or get a token of its own through OAuth as this client:
//! assert_eq!(desk.oauth_client_id(), demo_desk::DEMO_OAUTH_CLIENT_ID);
//!
//! // …and see this agent reply on the seeded request 4294967400.
//! desk.agent_reply(4_294_967_400, "We reset your password; please try again.").await?;
//! desk.shutdown().await;
//! # Ok::<(), demo_desk::DemoError>(())
//! # }).unwrap();
//! ```
//!
//! # What is implemented
//!
//! Phase 1:
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
//!   maintenance progress and the indicator derived from the clock and the components; weak
//!   `ETag` and 304 as behind the real page's CDN.
//! - **Back-office** (`/_demo/`, also as [`DemoHandle`] methods): agent replies, status
//!   changes, assignment, user tags (the demo customer's `plan_premium` names their plan),
//!   incidents and their updates and resolution, maintenances, reset,
//!   faults, and the API requests received per rate-limit family (`GET /_demo/traffic`: what
//!   a client's polling costs); optional automatic agent reply to new requests, in French for French requests.
//! - **Faults**: latency, 429/500/503 with `Retry-After`, a connection dropped after the
//!   headers, truncated JSON, stale cursors (refused as expired); for the next `count`
//!   requests under a path prefix.
//!
//! Phase 2 (schema version 2; a version 1 database is upgraded in place and gets the Help
//! Center on its next start):
//!
//! - **Help Center**, public (anonymous reads; its own rate-limit bucket), seeded from
//!   Helpline's 32 bundled articles in `en-us` and `fr` (their numeric ids, shared by the
//!   translations; one category and one section per bundled section name; in-app links
//!   rewritten to `{base}/hc/{locale}/articles/{id}`): `locales`; categories, sections
//!   (all, of a category), articles (all, of a section, of a category) and each one by id
//!   (slugged ids too), with and without `{locale}`; cursor pagination with `links.first`,
//!   `last`, `next`, `prev` and a `Link` header, offset pagination (30 a page) with `page`,
//!   `per_page`, `page_count`, `count`, `sort_by`, `sort_order`; article `sort_by`
//!   position, title, created_at, updated_at, edited_at; `label_names` (every label) and
//!   `start_time` filters; `include=users,sections,categories` at the top level and
//!   `translations` inside each item; the documented article, section and category fields.
//!   Search (`/articles/search`): `query`, `locale` (`*` for all), `category`, `section`,
//!   `label_names` (any, case-insensitive), `sort_by` created_at/updated_at; results with
//!   `result_type` and an HTML-escaped `snippet` with `<em>` around matches; offset pages
//!   of 25; 422 past 1,000 results. Incremental export (`/incremental/articles`,
//!   `start_time` inclusive, up to 1,000 a page, `next_page`, `end_time`, `count`): 401
//!   anonymous and 403 for end users unless [`DemoConfig::end_users_may_export_articles`].
//!   Each article's `html_url` serves a plain HTML page.
//! - **Uploads**: `POST /api/v2/uploads?filename=&token=` (raw body; media type from
//!   `Content-Type`, or the extension when missing; PNG/GIF/JPEG sizes read) → 201,
//!   `Location`, `upload{token, expires_at, attachment, attachments}`; 413 over
//!   [`DemoConfig::max_upload_bytes`]; `DELETE /api/v2/uploads/{token}` → 204; tokens
//!   expire after [`DemoConfig::upload_token_lifetime`] (unused files are then deleted) and
//!   are consumed once by `comment.uploads` on create or update (unknown, used, expired or
//!   someone else's → 422 `RecordInvalid` on `uploads`); comments list their attachments;
//!   `GET /attachments/token/{t}/?name=` redirects (302) to the content host, as Zendesk
//!   does to `*.zdusercontent.com` (here `localhost` for `127.0.0.1`), which serves the bytes
//!   with their type and refuses any `Authorization` header; agent replies
//!   from the back-office carry base64 files. `GET /api/v2/attachments/{id}` is 403 for end
//!   users, as documented.
//! - **OAuth 2**: the public client [`DEMO_OAUTH_CLIENT_ID`] with loopback redirect URIs;
//!   `GET /oauth/authorizations/new` (PKCE S256 required; approves as Dana at once and
//!   redirects with `code` and `state`, or with `error`; unknown clients and other redirect
//!   URIs get a 400 without a redirect); `POST /oauth/tokens` (JSON or form) for
//!   `authorization_code` (120-second single-use codes bound to client, redirect URI and
//!   verifier) and `refresh_token` (rotation: the old pair stops working; `scope` may
//!   narrow), with OAuth JSON errors; lifetimes from [`DemoConfig`] or the request's
//!   `expires_in` / `refresh_token_expires_in` within Zendesk's bounds; expired tokens get
//!   401; scopes `read`, `write` and `{resource}:{read|write}` for `requests`, `hc` (and
//!   `tickets` for uploads) are enforced with 403; `GET /api/v2/oauth/tokens/current`. The
//!   static demo token (random per install, kept across a reset) keeps every scope and never
//!   expires. Secrets are stored as digests.
//! - Only loopback `Host` names are answered (421 otherwise), and back-office writes must be
//!   `application/json` (415 otherwise), so no web page can drive the desk.
//!
//! # Not yet
//!
//! - Basic credentials (end-user passwords, API tokens) read as anonymous, and anonymous
//!   request creation is not offered.
//! - OAuth: no consent page (every authorization is Dana's), no confidential clients or
//!   `client_credentials`, no token list or revocation endpoints; unknown scope words are
//!   accepted and grant nothing rather than failing with `invalid_scope`.
//! - Help Center: no translation endpoints (`/articles/{id}/translations`), votes, comments
//!   or subscriptions; no drafts or user segments exist to hide. The incremental export
//!   returns the source-locale articles only, and no agent can sign in to use it by default.
//! - Attachments: no thumbnails, malware scanning (`not_scanned` throughout), inline images
//!   or allowed-extension list.

mod auto_reply;
mod backoffice;
mod clock;
mod comment_text;
mod config;
mod desk;
mod downloads;
mod error;
mod faults;
mod file_kind;
mod handle;
mod help_center_pages;
mod model;
mod oauth;
mod secret;
mod seed;
mod server;
mod statuspage;
mod store;
mod text_fold;
mod zendesk;

pub use config::DemoConfig;
pub use desk::{AttachmentFile, NewIncident, NewMaintenance, RequestDraft};
pub use error::DemoError;
pub use faults::Fault;
pub use handle::{DemoDesk, DemoHandle};
pub use model::{
    ComponentStatus, Impact, IncidentStatus, Indicator, MaintenanceStatus, Priority, RequestKind,
    RequestStatus, Role,
};
pub use oauth::clients::DEMO_OAUTH_CLIENT_ID;
pub use zendesk::rate_limit::ApiRequests;
