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
    /// itself (the demo customer and agents, the token, the status page components) is always
    /// created.
    pub seed: bool,
    /// When set, every new request gets an automatic agent reply after this delay.
    pub agent_reply_delay: Option<Duration>,
    /// Zendesk API requests allowed per minute per token (anonymous callers share one bucket).
    pub rate_limit_per_minute: u32,
    /// The same for `/api/v2/help_center/*`, which Zendesk counts separately.
    pub help_center_rate_limit_per_minute: u32,
}

impl Default for DemoConfig {
    /// In memory, any port, seeded, no auto-reply, Zendesk Enterprise's 700 requests a minute.
    fn default() -> Self {
        DemoConfig {
            db_path: None,
            port: 0,
            seed: true,
            agent_reply_delay: None,
            rate_limit_per_minute: 700,
            help_center_rate_limit_per_minute: 700,
        }
    }
}
