//! Headers every Zendesk response carries, and conditional GETs.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use super::error::JSON_CONTENT_TYPE;

/// Adds `X-Zendesk-API-Version`, a fresh `X-Request-Id`, and the JSON content type to bodies
/// that came without one.
pub(crate) async fn zendesk_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let bodiless = matches!(
        response.status(),
        StatusCode::NOT_MODIFIED | StatusCode::NO_CONTENT
    );
    let headers = response.headers_mut();
    headers.insert("x-zendesk-api-version", HeaderValue::from_static("v2"));
    let request_id = format!("{:016x}-DEMO", rand::random::<u64>());
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert("x-request-id", value);
    }
    if !headers.contains_key(header::CONTENT_TYPE) && !bodiless {
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(JSON_CONTENT_TYPE),
        );
    }
    response
}

/// Gives successful GETs a weak `ETag` over the body and answers `304 Not Modified` when the
/// client already holds that version (`If-None-Match`), so unchanged polls cost no body.
pub(crate) async fn conditional_get(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let digest = Sha256::digest(&bytes);
    let hex: String = digest
        .iter()
        .take(16)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let etag = format!("W/\"{hex}\"");
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    if if_none_match.is_some_and(|header| matches_etag(&header, &etag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Weak comparison (RFC 9110 §8.8.3.2): `W/` prefixes are ignored, `*` matches anything.
fn matches_etag(if_none_match: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = opaque(etag);
    if_none_match
        .split(',')
        .any(|candidate| candidate.trim() == "*" || opaque(candidate) == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_strong_forms_of_the_same_tag_match() {
        assert!(matches_etag("\"abc\"", "W/\"abc\""));
        assert!(matches_etag("W/\"x\", W/\"abc\"", "W/\"abc\""));
        assert!(matches_etag("*", "W/\"abc\""));
        assert!(!matches_etag("W/\"abd\"", "W/\"abc\""));
    }
}
