//! How to start a demo desk.

use std::path::PathBuf;
use std::time::Duration;

/// Settings for [`DemoDesk::start`](crate::DemoDesk::start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    /// Where the SQLite database lives; `None` keeps everything in memory.
    pub db_path: Option<PathBuf>,
    /// The loopback port to listen on; `0` picks a free one.
    pub port: u16,
    /// Fill a new database with the sample requests, incident and maintenance. The account
    /// itself (the demo customer and agents, the token, the status page components, the Help
    /// Center articles) is always created.
    pub seed: bool,
    /// When set, every new request gets an automatic agent reply after this delay.
    pub agent_reply_delay: Option<Duration>,
    /// Zendesk API requests allowed per minute for the whole account, across all its clients
    /// (anonymous callers share a bucket of their own).
    pub rate_limit_per_minute: u32,
    /// The same for `/api/v2/help_center/*`, which Zendesk counts separately.
    pub help_center_rate_limit_per_minute: u32,
    /// How long an upload token can be attached to a comment before it and its files are
    /// deleted. Zendesk documents 60 minutes; recorded responses show 72 hours.
    pub upload_token_lifetime: Duration,
    /// The largest file `POST /api/v2/uploads` accepts; larger ones get 413.
    pub max_upload_bytes: u64,
    /// How long an OAuth access token works (`expires_in`), unless the token request asks
    /// for another lifetime within Zendesk's bounds.
    pub access_token_lifetime: Duration,
    /// How long an OAuth refresh token works (`refresh_token_expires_in`).
    pub refresh_token_lifetime: Duration,
    /// Let end users (and anonymous callers) use the incremental article export. Zendesk's
    /// guide says agents and admins only, its reference page says anyone; off means 403.
    pub end_users_may_export_articles: bool,
}

impl Default for DemoConfig {
    /// In memory, any port, seeded, no auto-reply, Zendesk Enterprise's 700 requests a minute,
    /// 60-minute upload tokens of up to 50 MB, two-hour access tokens, 30-day refresh tokens,
    /// and no incremental article export for end users.
    fn default() -> Self {
        DemoConfig {
            db_path: None,
            port: 0,
            seed: true,
            agent_reply_delay: None,
            rate_limit_per_minute: 700,
            help_center_rate_limit_per_minute: 700,
            upload_token_lifetime: Duration::from_secs(60 * 60),
            max_upload_bytes: 50 * 1024 * 1024,
            access_token_lifetime: Duration::from_secs(2 * 60 * 60),
            refresh_token_lifetime: Duration::from_secs(30 * 24 * 60 * 60),
            end_users_may_export_articles: false,
        }
    }
}
