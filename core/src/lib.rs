//! Helpline's core: everything the desktop app and the CLI share that is not UI.
//!
//! The main types:
//! - [`AppDirs`]: where Helpline keeps its data, configuration and logs (XDG on Linux).
//! - [`Settings`] and [`SettingsStore`]: the user's choices (language, theme), saved as JSON.
//! - [`ReadingList`]: recently opened and bookmarked help articles.
//! - [`Language`]: the UI languages, resolved from the system locale when the user has not chosen.
//! - [`WireError`]: the `{code, message}` error the UI receives and branches on.
//!
//! Tickets (the backend of "where is my ticket?"), one module each:
//! - `helpdesk`: the [`Helpdesk`] trait with honest [`Capabilities`], the models ([`Request`],
//!   [`Comment`], [`User`], [`RequestStatus`], …) and [`HelpdeskError`].
//! - `zendesk`: [`ZendeskClient`], the Zendesk backend (cursor pagination, timeouts,
//!   `Retry-After`, backoff with jitter, writes never retried blindly, a request counter).
//! - `store`: [`Store`], the SQLite cache (WAL, forward-only migrations checked at open) with
//!   ticket lists, threads, unread marks, drafts, the outbox table and sync watermarks.
//! - `sync`: [`SyncEngine`], incremental sync that costs one request when nothing changed and
//!   returns [`SyncEvent`]s, never announcing an item twice.
//! - `signin` and `account`: [`PendingSignIn`], OAuth sign-in through the system browser (PKCE,
//!   loopback redirect), and the [`DeskAccount`] kept on disk with its tokens in the OS keyring
//!   ([`KeyringTokens`]).
//! - `profile` and `sla`: the vendor's [`ProviderProfile`] (plans, SLA targets, business
//!   hours, the plan rule, coverage conditions) and what it means for a ticket
//!   ([`expect_response`], [`coverage`]).
//! - `status`: [`StatusWatch`], the vendor's Statuspage read conditionally on a schedule, kept
//!   in the store for offline use ([`PlatformStatus`]), its incidents announced once.
//! - `support`: [`VendorSupport`], the plans screen, each ticket's expected response, a new
//!   ticket's coverage and the status watch of one desk, under its profile.
//! - `outbox`: [`Outbox`], the user's writes stored before sending, delivered in order and
//!   reconciled after an interrupted send, so they reach the desk exactly once.
//!
//! ```
//! use helpline_core::{Language, LanguagePreference};
//! let language = LanguagePreference::System.resolve(Some("fr_CA.UTF-8"));
//! assert_eq!(language, Language::Fr);
//! ```
//!
//! This crate never imports `tauri`: it is tested without a display.

mod account;
mod account_switch;
mod app_dirs;
mod app_info;
mod autostart;
mod damaged;
mod deep_link;
mod helpdesk;
mod html;
mod json_file;
mod locale;
mod notify;
mod outbox;
mod outgoing;
mod profile;
mod reading_list;
mod settings;
mod signin;
mod sla;
mod status;
mod store;
mod support;
mod sync;
mod ticket_form;
mod tickets;
mod wire;
mod zendesk;

pub use account::{AccountError, AccountStore, DeskAccount, KeyringTokens};
pub use account_switch::{SystemKeyring, TokenVault};
pub use app_dirs::{AppDirs, AppDirsError};
pub use app_info::AppInfo;
pub use autostart::Autostart;
pub use damaged::{DamageLog, DamagedFile, DamagedFileKind};
pub use deep_link::{DeepLink, DeepLinkError, DEEP_LINK_SCHEME};
pub use helpdesk::{
    Attachment, Capabilities, Comment, CommentId, CustomFieldValue, Helpdesk, HelpdeskError,
    NewRequest, PageCursor, Person, RateBudget, Request, RequestId, RequestPage, RequestStatus,
    Thread, Traffic, UploadToken, User, UserId, MAX_LIST_PAGES,
};
pub use html::sanitize_comment_html;
pub use locale::{Language, LanguagePreference};
pub use notify::{
    snoozed, tray_title, tray_tooltip, Decision, Happening, IncidentPhase, Moment, Notice,
    NoticeTarget, Notifier, NotifyPrefs, QuietHours, Snooze, TrayWords, MAX_PER_MINUTE,
};
pub use outbox::{
    FlushReport, Outbox, OutboxError, OutboxItem, OutboxState, Outgoing, OutgoingFile, Staging,
    MAX_ATTACHMENT_BYTES,
};
pub use profile::{
    Channel, Clock, CustomerFacts, FieldError, GivenProfile, Plan, PlanChoice, PlanReason,
    PlanTier, ProfileError, ProviderProfile, PROFILE_VERSION,
};
pub use reading_list::{ArticleRef, ReadingList, ReadingListError, ReadingListStore, RECENT_LIMIT};
pub use settings::{Settings, SettingsError, SettingsStore, ThemePreference, WindowClose};
pub use signin::{desk_address, PendingSignIn, SignInError, SignedIn, HELPLINE_OAUTH_CLIENT_ID};
pub use sla::{
    coverage, expect_response, BusinessCalendar, Coverage, NotCovered, PlansOverview,
    ResponseExpectation, ResponseKind, Said, Standing, Timeline,
};
pub use status::{
    ComponentState, ComponentView, IncidentView, Indicator, PlatformStatus, StatusError,
    StatusPageError, StatusProblem, StatusUpdate, StatusWatch, StatuspageClient, UpdateView,
    CHECK_ACTIVE, CHECK_QUIET,
};
#[cfg(feature = "fixtures")]
pub use store::fixtures;
pub use store::{
    AttachmentView, DraftKey, ReplyDraft, Store, StoreError, StoredAttachment, StoredComment,
    StoredTicket, TicketFilter, TicketQuery, TicketSummary, SCHEMA_VERSION,
};
pub use support::{PlansScreen, ProfileState, VendorSupport};
pub use sync::{SyncEngine, SyncError, SyncEvent, SyncReport, CLOCK_MARGIN_S};
pub use ticket_form::{
    FieldProblem, FormField, NewTicketForm, Priority, ProblemKind, TicketFields, TicketKind,
};
pub use tickets::{
    budget_floor, next_sync_after, Activity, AttachmentFile, CommentView, ImagePreview,
    SubmitOutcome, SyncOutcome, SyncState, SyncStatus, TicketDetail, TicketSearchError,
    TicketSearchHit, Tickets, TicketsError, TicketsFolders, TicketsUpdate, ACTIVE_FOR,
    BUDGET_SHARE_PERCENT, MAX_PREVIEW_BYTES, MOST_TICKET_HITS, SLOW_ANSWER, SYNC_ACTIVE, SYNC_BUSY,
    SYNC_QUIET,
};
pub use wire::{ErrorCode, WireError};
pub use zendesk::{
    is_loopback, Credentials, OAuthTokens, RetryPolicy, TokenSink, ZendeskClient, ZendeskConfig,
};
