//! One axum app on one port: Zendesk under `/api/v2` (with OAuth under `/oauth`, attachment
//! downloads under `/attachments` and Help Center pages under `/hc`), Statuspage under
//! `/status/api/v2`, the back-office under `/_demo`.

use axum::extract::Request;
use axum::http::Uri;
use axum::middleware::from_fn_with_state;
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
        .with_state(desk)
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
