//! `GET /attachments/token/{token}/?name=…`: an attachment's `content_url`. As on Zendesk,
//! the desk does not serve the bytes itself: it redirects (302) to its content host (Zendesk's
//! `*.zdusercontent.com`; here the same server under the name `localhost`, a different origin
//! from the desk's `127.0.0.1`), at `/attachments/content/{token}`.
//!
//! The token in the URL is the credential, as with Zendesk's signed download links. The content
//! host refuses a request that carries an `Authorization` header (400): a client must never
//! send its desk credentials there, and the tests see at once if one does.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

use crate::clock::now_millis;
use crate::desk::Desk;
use crate::store::attachments;
use crate::zendesk::error::ApiError;

pub(crate) fn router() -> Router<Arc<Desk>> {
    Router::new()
        .route("/token/{token}", get(redirect_to_content_host))
        .route("/token/{token}/", get(redirect_to_content_host))
        .route("/content/{token}", get(download))
}

/// The content host's address for `token`: the desk's own port under the other loopback name.
fn content_url(base_url: &str, token: &str, query: Option<&str>) -> String {
    let content_base = if base_url.contains("://127.0.0.1") {
        base_url.replacen("://127.0.0.1", "://localhost", 1)
    } else {
        base_url.replacen("://localhost", "://127.0.0.1", 1)
    };
    match query {
        Some(query) => format!("{content_base}/attachments/content/{token}?{query}"),
        None => format!("{content_base}/attachments/content/{token}"),
    }
}

async fn redirect_to_content_host(
    State(desk): State<Arc<Desk>>,
    Path(token): Path<String>,
    uri: axum::http::Uri,
) -> Response {
    let location = content_url(&desk.base_url, &token, uri.query());
    match HeaderValue::from_str(&location) {
        Ok(location) => (StatusCode::FOUND, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn download(
    State(desk): State<Arc<Desk>>,
    Path(token): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    if headers.contains_key(header::AUTHORIZATION) {
        return Ok((
            StatusCode::BAD_REQUEST,
            "the content host takes no credentials: do not send the desk's token here",
        )
            .into_response());
    }
    let (attachment, bytes) = desk
        .store
        .run(move |connection| Ok(attachments::content(connection, &token, now_millis())?))
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut response = (StatusCode::OK, Body::from(bytes)).into_response();
    let headers = response.headers_mut();
    let content_type = HeaderValue::from_str(&attachment.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    if let Ok(disposition) = HeaderValue::from_str(&content_disposition(&attachment.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

/// `attachment` with an ASCII `filename` and, for other names, the exact one as `filename*`
/// (RFC 6266).
fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if ascii == file_name {
        return format!("attachment; filename=\"{ascii}\"");
    }
    let encoded: String = file_name
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_names_get_an_encoded_filename_star() {
        assert_eq!(
            content_disposition("app.log"),
            "attachment; filename=\"app.log\""
        );
        assert_eq!(
            content_disposition("capture d'écran.png"),
            "attachment; filename=\"capture d'_cran.png\"; \
             filename*=UTF-8''capture%20d%27%C3%A9cran.png"
        );
    }
}
