//! One axum app on one port: Zendesk under `/api/v2` (with OAuth under `/oauth`, attachment
//! downloads under `/attachments` and Help Center pages under `/hc`), Statuspage under
//! `/status/api/v2`, the back-office under `/_demo`.

use axum::extract::Request;
use axum::http::{header, StatusCode, Uri};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::Arc;

use crate::desk::Desk;
use crate::{backoffice, downloads, faults, help_center_pages, oauth, statuspage, zendesk};

/// The path as the client sent it, before `.json` was stripped for routing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestedPath(pub String);

pub(crate) fn app(desk: Arc<Desk>) -> Router {
    Router::new()
        .nest("/api/v2", zendesk::router(Arc::clone(&desk)))
        .nest("/status/api/v2", statuspage::router())
        .nest("/oauth", oauth::router())
        .nest("/attachments", downloads::router())
        .nest("/hc", help_center_pages::router())
        .nest("/_demo", backoffice::router())
        .layer(from_fn_with_state(Arc::clone(&desk), faults::inject_faults))
        .layer(from_fn(require_loopback_host))
        .with_state(desk)
}

/// Answers only requests addressed to a loopback name. A web page can point a host name it
/// controls at 127.0.0.1 (DNS rebinding) and then read this server's answers as same-origin;
/// its requests still carry that name in `Host`, so they are turned away here.
async fn require_loopback_host(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            request
                .uri()
                .authority()
                .map(|authority| authority.to_string())
        });
    if host.as_deref().is_some_and(is_loopback_host) {
        return next.run(request).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        "the demo desk answers only on 127.0.0.1, localhost or [::1]",
    )
        .into_response()
}

/// `127.0.0.1`, `localhost` or `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().map(|inner| format!("[{inner}]")),
        None => host.split(':').next().map(str::to_owned),
    };
    matches!(
        name.map(|name| name.to_ascii_lowercase()).as_deref(),
        Some("127.0.0.1" | "localhost" | "[::1]")
    )
}

/// Both APIs accept every path with and without `.json`; routing sees it without. Runs before
/// routing (it wraps the router), which a router layer could not.
pub(crate) fn strip_json_suffix(mut request: Request) -> Request {
    let path = request.uri().path().to_owned();
    if let Some(stripped) = path.strip_suffix(".json") {
        let path_and_query = match request.uri().query() {
            Some(query) => format!("{stripped}?{query}"),
            None => stripped.to_owned(),
        };
        if let Ok(uri) = path_and_query.parse::<Uri>() {
            *request.uri_mut() = uri;
        }
    }
    request.extensions_mut().insert(RequestedPath(path));
    request
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    #[test]
    fn only_loopback_names_are_answered() {
        for host in [
            "127.0.0.1:8765",
            "localhost:8765",
            "LOCALHOST",
            "[::1]:8765",
            "127.0.0.1",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example:8765",
            "127.0.0.1.evil.example",
            "localhost.evil.example:80",
            "192.168.1.4:8765",
            "[::2]:8765",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn json_suffixes_are_stripped_and_the_original_path_kept() {
        let request = Request::builder()
            .uri("/api/v2/requests/5.json?page%5Bsize%5D=2")
            .body(Body::empty())
            .unwrap();
        let request = strip_json_suffix(request);
        assert_eq!(request.uri().path(), "/api/v2/requests/5");
        assert_eq!(request.uri().query(), Some("page%5Bsize%5D=2"));
        assert_eq!(
            request.extensions().get::<RequestedPath>(),
            Some(&RequestedPath("/api/v2/requests/5.json".into()))
        );
    }
}
