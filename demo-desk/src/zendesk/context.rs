//! What handlers need to know about the HTTP request: the caller's view of our address, the
//! path as requested and the query parameters.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use std::convert::Infallible;
use std::sync::Arc;

use crate::desk::Desk;
use crate::server::RequestedPath;

pub(crate) struct RequestContext {
    /// `http://host:port` as the client addressed us; absolute URLs in responses start with it.
    pub base_url: String,
    /// The path as requested, `.json` included.
    pub path: String,
    pub query: Vec<(String, String)>,
}

impl FromRequestParts<Arc<Desk>> for RequestContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, Infallible> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .filter(|host| is_plain_host(host));
        let base_url = host.map_or_else(|| desk.base_url.clone(), |host| format!("http://{host}"));
        let path = parts
            .extensions
            .get::<RequestedPath>()
            .map_or_else(|| parts.uri.path().to_owned(), |path| path.0.clone());
        let query = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
        Ok(RequestContext {
            base_url,
            path,
            query,
        })
    }
}

/// Only host names and ports go into the URLs we hand out.
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

impl RequestContext {
    /// The first value of a query parameter; empty values count as absent.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }

    pub(crate) fn has_param(&self, name: &str) -> bool {
        self.param(name).is_some()
    }

    /// Whether `include=` names this sideload.
    pub(crate) fn includes(&self, sideload: &str) -> bool {
        self.param("include")
            .is_some_and(|list| list.split(',').any(|item| item.trim() == sideload))
    }

    /// This URL with the parameters in `replace` removed and `add` appended.
    pub(crate) fn url_with(&self, replace: &[&str], add: &[(&str, String)]) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.query {
            if !replace.contains(&key.as_str()) {
                serializer.append_pair(key, value);
            }
        }
        for (key, value) in add {
            serializer.append_pair(key, value);
        }
        format!("{}{}?{}", self.base_url, self.path, serializer.finish())
    }
}
