//! Per-minute request budgets per caller, with Zendesk's headers.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::desk::Desk;
use crate::server::RequestedPath;

const WINDOW: Duration = Duration::from_secs(60);

/// The body Zendesk sends with a 429, byte for byte.
pub(crate) const RATE_LIMITED_BODY: &str = "Number of allowed API requests per minute exceeded";

/// Fixed one-minute windows, one per bucket, started by the bucket's first request.
#[derive(Default)]
pub(crate) struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

/// API requests received since the desk started, refused ones included: what a client's
/// polling costs the account, for benchmarks and tests (`GET /_demo/traffic`).
#[derive(Default)]
pub(crate) struct ApiTraffic {
    support: AtomicU64,
    help_center: AtomicU64,
}

/// [`ApiTraffic`] at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiRequests {
    pub support: u64,
    pub help_center: u64,
}

impl ApiTraffic {
    pub(crate) fn snapshot(&self) -> ApiRequests {
        ApiRequests {
            support: self.support.load(Ordering::Relaxed),
            help_center: self.help_center.load(Ordering::Relaxed),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Allowance {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Whole seconds until the window resets (at least 1).
    pub reset_after_s: u64,
}

impl RateLimiter {
    pub(crate) fn check(&self, bucket: &str, limit: u32) -> Allowance {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let window = windows.entry(bucket.to_owned()).or_insert((now, 0));
        if now.duration_since(window.0) >= WINDOW {
            *window = (now, 0);
        }
        let allowed = window.1 < limit;
        if allowed {
            window.1 += 1;
        }
        let left = WINDOW.saturating_sub(now.duration_since(window.0));
        Allowance {
            allowed,
            limit,
            remaining: limit.saturating_sub(window.1),
            reset_after_s: left.as_secs_f64().ceil().max(1.0) as u64,
        }
    }

    pub(crate) fn reset(&self) {
        self.windows
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// Middleware for `/api/v2`: counts the request against its caller's bucket and answers 429
/// when the bucket is empty. Every response carries the budget headers.
pub(crate) async fn limit_rate(
    State(desk): State<Arc<Desk>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request
        .extensions()
        .get::<RequestedPath>()
        .map(|requested| requested.0.clone())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let (family, limit, counter) = if path.starts_with("/api/v2/help_center") {
        (
            "help_center",
            desk.config.help_center_rate_limit_per_minute,
            &desk.api_traffic.help_center,
        )
    } else {
        (
            "support",
            desk.config.rate_limit_per_minute,
            &desk.api_traffic.support,
        )
    };
    counter.fetch_add(1, Ordering::Relaxed);
    // Zendesk counts per account, across every API client of it: all callers with
    // credentials share the account's bucket (however many tokens, apps and scripts), and
    // anonymous callers (all from this machine) share another.
    let caller = if request.headers().contains_key(header::AUTHORIZATION) {
        "account"
    } else {
        "anonymous"
    };
    let allowance = desk.rate_limits.check(&format!("{family} {caller}"), limit);
    let mut response = if allowance.allowed {
        next.run(request).await
    } else {
        too_many_requests(allowance.reset_after_s)
    };
    add_budget_headers(response.headers_mut(), allowance);
    response
}

fn add_budget_headers(headers: &mut HeaderMap, allowance: Allowance) {
    headers.insert("x-rate-limit", HeaderValue::from(allowance.limit));
    headers.insert(
        "x-rate-limit-remaining",
        HeaderValue::from(allowance.remaining),
    );
    headers.insert("ratelimit-limit", HeaderValue::from(allowance.limit));
    headers.insert(
        "ratelimit-remaining",
        HeaderValue::from(allowance.remaining),
    );
    headers.insert(
        "ratelimit-reset",
        HeaderValue::from(allowance.reset_after_s),
    );
}

/// Zendesk's 429: plain text, `Retry-After`, nothing remaining.
pub(crate) fn too_many_requests(retry_after_s: u64) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::RETRY_AFTER, HeaderValue::from(retry_after_s)),
            (
                header::HeaderName::from_static("x-rate-limit-remaining"),
                HeaderValue::from(0),
            ),
        ],
        RATE_LIMITED_BODY,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_refuses_once_spent_and_others_are_unaffected() {
        let limiter = RateLimiter::default();
        assert_eq!(limiter.check("a", 2).remaining, 1);
        assert_eq!(limiter.check("a", 2).remaining, 0);
        let refused = limiter.check("a", 2);
        assert!(!refused.allowed);
        assert!(refused.reset_after_s >= 1 && refused.reset_after_s <= 60);
        assert!(limiter.check("b", 2).allowed);
    }
}
