//! What a client has spent of the desk's request allowance, so background work can stay a
//! small share of it. Zendesk's quota is per account and per minute, shared by every API
//! client of the account (integrations, scripts, other users' apps): a desktop client that
//! polls must leave nearly all of it to the others.

use std::time::{Duration, Instant};

/// The allowance as the desk's last answer stated it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateBudget {
    /// Requests the account may make per minute.
    pub limit_per_minute: u32,
    /// Requests left in the current window, when the desk says.
    pub remaining: Option<u32>,
    /// Until the window starts over, when the desk says.
    pub resets_in: Option<Duration>,
    /// When the answer carrying these figures arrived.
    pub seen_at: Instant,
}

/// Requests sent so far and the latest stated allowance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    /// HTTP requests since the client was made, retries included.
    pub requests_sent: u64,
    /// `None` until the desk states one (or for a backend that never does).
    pub budget: Option<RateBudget>,
}
