//! Fault injection: make the next requests slow, fail, break off or return broken JSON.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::desk::Desk;
use crate::server::RequestedPath;
use crate::DemoError;

/// One fault to inject, as posted to `POST /_demo/faults`.
///
/// A fault applies to the next `count` requests whose path starts with `route_prefix` (every
/// request outside `/_demo/` when unset), until cleared when `count` is unset. Its effects
/// combine: wait `latency_ms`, then answer `status` instead of the real response; or run the
/// real handler and cut the connection after the headers (`drop_after_headers`) or truncate
/// its JSON (`malformed_json`). With `after_commit`, the real handler runs first (a write is
/// done and stays done) and `status` replaces its answer: what a real desk's proxy does when
/// the application committed but the answer timed out on the way back (502, 503, 504). A
/// `stale_cursor` fault applies only to requests that carry a cursor (`page[after]`/
/// `page[before]`) and refuses it as expired, as a desk does when a client resumes paging too
/// late.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fault {
    pub route_prefix: Option<String>,
    pub latency_ms: Option<u64>,
    /// 429, 500, 502, 503 or 504.
    pub status: Option<u16>,
    /// Do the work first, then answer `status` (or drop the connection) instead of the result.
    pub after_commit: bool,
    pub retry_after_s: Option<u64>,
    pub count: Option<u32>,
    pub drop_after_headers: bool,
    pub malformed_json: bool,
    pub stale_cursor: bool,
}

impl Fault {
    fn validate(&self) -> Result<(), DemoError> {
        if self.after_commit && self.status.is_none() && !self.drop_after_headers {
            return Err(DemoError::invalid(
                "an after_commit fault needs a status to answer or drop_after_headers",
            ));
        }
        match self.status {
            None | Some(429 | 500 | 502 | 503 | 504) => Ok(()),
            Some(other) => Err(DemoError::invalid(format!(
                "fault status {other} is not supported; use 429, 500, 502, 503 or 504"
            ))),
        }
    }

    fn applies_to(&self, paths: &[&str], has_cursor: bool) -> bool {
        if self.stale_cursor && !has_cursor {
            return false;
        }
        match &self.route_prefix {
            Some(prefix) => paths.iter().any(|path| path.starts_with(prefix.as_str())),
            None => true,
        }
    }
}

struct ArmedFault {
    id: u64,
    fault: Fault,
    remaining: Option<u32>,
}

/// The faults in force, oldest first.
#[derive(Default)]
pub(crate) struct FaultSet {
    armed: Mutex<Vec<ArmedFault>>,
    next_id: Mutex<u64>,
}

impl FaultSet {
    pub(crate) fn inject(&self, fault: Fault) -> Result<u64, DemoError> {
        fault.validate()?;
        let id = {
            let mut next_id = self.next_id.lock().unwrap_or_else(|p| p.into_inner());
            *next_id += 1;
            *next_id
        };
        let remaining = fault.count;
        self.armed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(ArmedFault {
                id,
                fault,
                remaining,
            });
        Ok(id)
    }

    pub(crate) fn clear(&self) {
        self.armed.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// The first fault for this request, counting it as used.
    fn take(&self, paths: &[&str], has_cursor: bool) -> Option<Fault> {
        let mut armed = self.armed.lock().unwrap_or_else(|p| p.into_inner());
        let index = armed.iter().position(|armed| {
            armed.remaining != Some(0) && armed.fault.applies_to(paths, has_cursor)
        })?;
        let entry = &mut armed[index];
        let fault = entry.fault.clone();
        if let Some(remaining) = entry.remaining.as_mut() {
            *remaining -= 1;
            if *remaining == 0 {
                let id = entry.id;
                armed.retain(|armed| armed.id != id);
            }
        }
        Some(fault)
    }
}

/// Middleware over the whole server except the back-office.
pub(crate) async fn inject_faults(
    State(desk): State<Arc<Desk>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("/_demo") {
        return next.run(request).await;
    }
    let requested = request
        .extensions()
        .get::<RequestedPath>()
        .map(|requested| requested.0.clone())
        .unwrap_or_else(|| path.clone());
    let query = request.uri().query().unwrap_or_default();
    let has_cursor = [
        "page[after]",
        "page%5Bafter%5D",
        "page[before]",
        "page%5Bbefore%5D",
    ]
    .iter()
    .any(|key| query.contains(key));
    let Some(fault) = desk.faults.take(&[&path, &requested], has_cursor) else {
        return next.run(request).await;
    };
    tracing::debug!(?fault, %path, "injecting a fault");
    if let Some(latency) = fault.latency_ms {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let (Some(status), false) = (fault.status, fault.after_commit) {
        return failure_response(status, fault.retry_after_s);
    }
    if fault.stale_cursor {
        return crate::zendesk::error::json_response(
            StatusCode::BAD_REQUEST,
            &serde_json::json!({
                "error": "InvalidPaginationParameter",
                "description": "The cursor has expired. Start again from the first page.",
            }),
        );
    }
    let response = next.run(request).await;
    if let (Some(status), true) = (fault.status, fault.after_commit) {
        return failure_response(status, fault.retry_after_s);
    }
    if fault.drop_after_headers {
        return cut_after_headers(response).await;
    }
    if fault.malformed_json {
        return truncate_body(response).await;
    }
    response
}

fn failure_response(status: u16, retry_after_s: Option<u64>) -> Response {
    let mut response = match status {
        429 => crate::zendesk::rate_limit::too_many_requests(retry_after_s.unwrap_or(1)),
        503 => text_response(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"),
        // What a load balancer in front of the desk says when the application was too slow.
        502 => text_response(StatusCode::BAD_GATEWAY, "502 Bad Gateway"),
        504 => text_response(StatusCode::GATEWAY_TIMEOUT, "504 Gateway Time-out"),
        _ => crate::zendesk::error::json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({
                "error": "InternalServerError",
                "description": "Something went wrong",
            }),
        ),
    };
    if let Some(seconds) = retry_after_s {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn text_response(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// Sends the status, the headers and half the body, then breaks the connection: what a client
/// sees when the network drops mid-response (after the server did the work).
async fn cut_after_headers(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
    parts.headers.remove(header::CONTENT_LENGTH);
    let chunks = stream::iter([Ok::<Bytes, std::io::Error>(half)]).chain(stream::once(async {
        // Give the first chunk time to leave before the connection is torn down.
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "demo-desk fault: connection dropped after headers",
        ))
    }));
    Response::from_parts(parts, Body::from_stream(chunks))
}

/// Keeps the status and headers but sends only the first half of the JSON.
async fn truncate_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let truncated = if bytes.len() < 2 {
        Bytes::from_static(b"{")
    } else {
        Bytes::copy_from_slice(&bytes[..bytes.len() / 2])
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    Response::from_parts(parts, Body::from(truncated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counted_fault_expires_after_its_count() {
        let faults = FaultSet::default();
        faults
            .inject(Fault {
                count: Some(2),
                status: Some(503),
                ..Fault::default()
            })
            .unwrap();
        assert!(faults.take(&["/api/v2/requests"], false).is_some());
        assert!(faults.take(&["/api/v2/requests"], false).is_some());
        assert!(faults.take(&["/api/v2/requests"], false).is_none());
    }

    #[test]
    fn a_prefixed_fault_leaves_other_routes_alone() {
        let faults = FaultSet::default();
        faults
            .inject(Fault {
                route_prefix: Some("/status/".into()),
                ..Fault::default()
            })
            .unwrap();
        assert!(faults.take(&["/api/v2/requests"], false).is_none());
        assert!(faults.take(&["/status/api/v2/summary"], false).is_some());
    }

    #[test]
    fn only_retryable_and_server_error_statuses_are_accepted() {
        let faults = FaultSet::default();
        let fault = Fault {
            status: Some(404),
            ..Fault::default()
        };
        assert!(faults.inject(fault).is_err());
    }
}
