//! [`ZendeskClient`]: the [`Helpdesk`] backend for Zendesk's end-user API (Requests, Comments,
//! Uploads, `users/me`), signed in with a bearer token or an OAuth sign-in that renews itself
//! ([`Credentials`]: on a 401 the refresh token buys a new pair, the call is sent again once,
//! and a [`TokenSink`] hears the new pair so it can be kept).
//!
//! - Lists use cursor pagination (`page[size]`, `meta.has_more`, `links.next`), requests
//!   sorted by `updated_at` descending so a sync can stop at its watermark.
//! - Timeouts: 10 s to connect, 30 s per request.
//! - Retries ([`RetryPolicy`], bounded attempts): reads are retried on connection failures
//!   and 5xx with exponential backoff and jitter, waiting for `Retry-After` on 429 and 503 (a
//!   wait longer than the policy allows is returned to the caller instead). A write is sent
//!   again only when the answer proves it was not done: a 429, or a connection that was never
//!   established. A write whose answer is lost (reset, timeout after sending) or that got a
//!   500/502/503/504 is never sent again here, because Zendesk's proxies answer 503 and 504
//!   when the application was slow, and it may have committed: the call fails with
//!   [`HelpdeskError::UnknownOutcome`] and the outbox reconciles.
//! - Errors: 401 → `AuthExpired`, 403 → `Forbidden`, 404 → `NotFound`, 400/422 → `Invalid`
//!   with Zendesk's field details, 429 after the retries → `RateLimited`, refused connections
//!   and timeouts → `Offline`.
//! - [`requests_sent`](ZendeskClient::requests_sent) counts HTTP requests, retries included, so
//!   tests can hold the sync to its budget.
//!
//! The token is only ever sent to the account's own origin: pagination links pointing
//! elsewhere are refused, and redirects are not followed.

mod auth;
mod rate_budget;
mod retry;
mod transport;
mod wire;

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::helpdesk::{
    Capabilities, Helpdesk, HelpdeskError, NewRequest, PageBudget, PageCursor, Request, RequestId,
    RequestPage, Thread, Traffic, UploadToken, User,
};
use auth::Auth;
pub(crate) use auth::{post_grant, token_url};
pub use auth::{Credentials, OAuthTokens, TokenSink};
pub(crate) use retry::retry_after;
pub use retry::RetryPolicy;
use transport::{Answer, Body, Transport};
use wire::{
    error_message, CommentsPage, RequestEnvelope, RequestsPage, UploadEnvelope, UserEnvelope,
};

/// Comments are fetched in pages of the largest size Zendesk allows.
const COMMENT_PAGE_SIZE: u32 = 100;

/// How to reach one Zendesk account.
#[derive(Clone)]
pub struct ZendeskConfig {
    /// `https://acme.zendesk.com` (plain `http://` only for a desk on this machine).
    pub base_url: String,
    /// Sent as `Authorization: Bearer`; OAuth tokens are renewed when they expire.
    pub credentials: Credentials,
    /// Requests per listing page (1–100). Zendesk suggests small pages for polling.
    pub page_size: u32,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

impl ZendeskConfig {
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            credentials: Credentials::Bearer(token.into()),
            page_size: 25,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Never prints the token.
impl fmt::Debug for ZendeskConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZendeskConfig")
            .field("base_url", &self.base_url)
            .field("credentials", &"<redacted>")
            .field("page_size", &self.page_size)
            .field("retry", &self.retry)
            .finish()
    }
}

pub struct ZendeskClient {
    base: Url,
    page_size: u32,
    transport: Transport,
}

impl fmt::Debug for ZendeskClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZendeskClient")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl ZendeskClient {
    /// A client with the default timeouts, page size and retries.
    pub fn new(base_url: &str, token: &str) -> Result<Self, HelpdeskError> {
        Self::with_config(ZendeskConfig::new(base_url, token))
    }

    /// A client signed in with OAuth: it renews the tokens when the desk says they expired
    /// and hands each new pair to `sink`.
    pub fn with_oauth(
        base_url: &str,
        tokens: OAuthTokens,
        client_id: &str,
        sink: Option<std::sync::Arc<dyn TokenSink>>,
    ) -> Result<Self, HelpdeskError> {
        let mut config = ZendeskConfig::new(base_url, String::new());
        config.credentials = Credentials::OAuth {
            tokens,
            client_id: client_id.to_owned(),
            sink,
        };
        Self::with_config(config)
    }

    pub fn with_config(config: ZendeskConfig) -> Result<Self, HelpdeskError> {
        let base = account_url(&config.base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Helpline/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| HelpdeskError::Config(format!("cannot set up HTTP: {error}")))?;
        let content_http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::custom(content_redirect))
            .user_agent(concat!("Helpline/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| HelpdeskError::Config(format!("cannot set up HTTP: {error}")))?;
        let auth = Auth::new(config.credentials, &base);
        Ok(Self {
            base,
            page_size: config.page_size.clamp(1, 100),
            transport: Transport::new(http, content_http, auth, config.retry),
        })
    }

    /// HTTP requests sent since the client was made, retries included.
    pub fn requests_sent(&self) -> u64 {
        self.transport.requests_sent()
    }

    fn api_url(&self, path: &str, query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        url.set_path(&format!(
            "{}/api/v2/{path}",
            self.base.path().trim_end_matches('/')
        ));
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
        }
        url
    }

    /// A pagination link, if it points back at this account.
    fn follow(&self, link: &str) -> Result<Url, HelpdeskError> {
        let url = Url::parse(link)
            .map_err(|_| HelpdeskError::Protocol(format!("bad pagination link {link:?}")))?;
        if url.origin() != self.base.origin() {
            return Err(HelpdeskError::Protocol(format!(
                "pagination link leaves the account ({}); not following it",
                url.origin().ascii_serialization()
            )));
        }
        Ok(url)
    }

    async fn read<T: DeserializeOwned>(&self, url: Url) -> Result<(T, Answer), HelpdeskError> {
        let answer = self.transport.call(Method::GET, url, None, None).await?;
        let answer = judge(answer)?;
        let value = serde_json::from_slice(&answer.body)
            .map_err(|error| HelpdeskError::Protocol(error.to_string()))?;
        Ok((value, answer))
    }

    /// A POST or PUT whose answer is a request. An answer that cannot be read after the desk
    /// accepted the write is an unknown outcome: the write happened, but not visibly.
    async fn write(
        &self,
        method: Method,
        url: Url,
        body: Value,
        idempotency_key: Option<&str>,
    ) -> Result<Request, HelpdeskError> {
        let answer = self
            .transport
            .call(method, url, Some(Body::Json(&body)), idempotency_key)
            .await?;
        let answer = judge(answer)?;
        serde_json::from_slice::<RequestEnvelope>(&answer.body)
            .map(|envelope| envelope.request)
            .map_err(|error| {
                HelpdeskError::UnknownOutcome(format!("unreadable answer to a write: {error}"))
            })
    }

    fn request_url(&self, id: RequestId) -> Url {
        self.api_url(&format!("requests/{id}.json"), &[])
    }
}

#[async_trait]
impl Helpdesk for ZendeskClient {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            can_solve: true,
            can_cc: true,
            followups: true,
            uploads: true,
            // Documented for `POST /tickets` only, not for the Requests API.
            idempotency_keys: false,
        }
    }

    async fn me(&self) -> Result<User, HelpdeskError> {
        let (envelope, _): (UserEnvelope, _) =
            self.read(self.api_url("users/me.json", &[])).await?;
        let user = envelope.user;
        let id = user.id.ok_or(HelpdeskError::AuthExpired)?;
        Ok(User {
            id,
            name: user.name.unwrap_or_default(),
            email: user.email,
            role: user.role.unwrap_or_else(|| "end-user".into()),
            facts: crate::profile::CustomerFacts {
                tags: user.tags,
                user_fields: user
                    .user_fields
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .collect(),
            },
        })
    }

    async fn list_requests_page(
        &self,
        cursor: Option<&PageCursor>,
    ) -> Result<RequestPage, HelpdeskError> {
        let url = match cursor {
            Some(cursor) => self.follow(&cursor.0)?,
            None => self.api_url(
                "requests.json",
                &[
                    ("sort_by", "updated_at".into()),
                    ("sort_order", "desc".into()),
                    ("page[size]", self.page_size.to_string()),
                ],
            ),
        };
        let (page, answer): (RequestsPage, _) = self.read(url.clone()).await?;
        Ok(RequestPage {
            next: next_page(&url, &page.meta, &page.links).map(PageCursor),
            requests: page.requests,
            server_time: server_time(&answer),
        })
    }

    async fn request(&self, id: RequestId) -> Result<Request, HelpdeskError> {
        let (envelope, _): (RequestEnvelope, _) = self.read(self.request_url(id)).await?;
        Ok(envelope.request)
    }

    async fn comments_since(
        &self,
        id: RequestId,
        since: Option<Timestamp>,
    ) -> Result<Thread, HelpdeskError> {
        let mut query = vec![
            ("sort", "created_at".to_owned()),
            ("page[size]", COMMENT_PAGE_SIZE.to_string()),
            ("include", "users".to_owned()),
        ];
        if let Some(since) = since {
            query.push(("since", since.to_string()));
        }
        let mut url = self.api_url(&format!("requests/{id}/comments.json"), &query);
        let mut thread = Thread::default();
        let mut budget = PageBudget::new("comments");
        loop {
            budget.take()?;
            let (page, _): (CommentsPage, _) = self.read(url.clone()).await?;
            thread.comments.extend(page.comments);
            for person in page.users {
                if !thread.people.iter().any(|known| known.id == person.id) {
                    thread.people.push(person);
                }
            }
            match next_page(&url, &page.meta, &page.links) {
                Some(next) => url = self.follow(&next)?,
                None => return Ok(thread),
            }
        }
    }

    async fn create_request(
        &self,
        new: &NewRequest,
        uploads: &[UploadToken],
        idempotency_key: &str,
    ) -> Result<Request, HelpdeskError> {
        let mut request = json!({
            "subject": new.subject,
            "comment": comment_json(&new.body, uploads),
        });
        if !new.custom_fields.is_empty() {
            request["custom_fields"] = json!(new.custom_fields);
        }
        if !new.cc_emails.is_empty() {
            request["collaborators"] = json!(new.cc_emails);
        }
        if let Some(source) = new.followup_of {
            request["via_followup_source_id"] = json!(source);
        }
        if let Some(kind) = &new.kind {
            request["type"] = json!(kind);
        }
        if let Some(priority) = &new.priority {
            request["priority"] = json!(priority);
        }
        self.write(
            Method::POST,
            self.api_url("requests.json", &[]),
            json!({ "request": request }),
            Some(idempotency_key),
        )
        .await
    }

    async fn add_comment(
        &self,
        id: RequestId,
        body: &str,
        uploads: &[UploadToken],
        idempotency_key: Option<&str>,
    ) -> Result<Request, HelpdeskError> {
        self.write(
            Method::PUT,
            self.request_url(id),
            json!({ "request": { "comment": comment_json(body, uploads) } }),
            idempotency_key,
        )
        .await
    }

    async fn upload(
        &self,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<UploadToken, HelpdeskError> {
        let url = self.api_url("uploads.json", &[("filename", file_name.to_owned())]);
        let body = Body::Bytes {
            data: bytes,
            content_type,
        };
        let answer = self
            .transport
            .call(Method::POST, url, Some(body), None)
            .await?;
        let answer = judge(answer)?;
        serde_json::from_slice::<UploadEnvelope>(&answer.body)
            .map(|envelope| UploadToken(envelope.upload.token))
            .map_err(|error| HelpdeskError::UnknownOutcome(format!("unreadable upload: {error}")))
    }

    /// The attachment's bytes. Zendesk answers a `content_url` on the desk with a redirect
    /// to its content host (`*.zdusercontent.com`) and a signed link: that one is fetched
    /// without the desk's credentials, over https (plain http only on this machine).
    async fn download(&self, content_url: &str) -> Result<Vec<u8>, HelpdeskError> {
        let limit = crate::outbox::MAX_ATTACHMENT_BYTES + 1024 * 1024;
        let url = self.follow(content_url)?;
        let answer = self
            .transport
            .call_limited(Method::GET, url.clone(), None, None, limit)
            .await?;
        if !answer.status.is_redirection() {
            return Ok(judge(answer)?.body);
        }
        let target = answer
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|location| location.to_str().ok())
            .and_then(|location| url.join(location).ok())
            .ok_or_else(|| HelpdeskError::Protocol("a download redirect without a place".into()))?;
        if !may_fetch_content_from(&target) {
            return Err(HelpdeskError::Protocol(format!(
                "the download redirects to {}, which is not https; not following it",
                target.origin().ascii_serialization()
            )));
        }
        Ok(judge(self.transport.fetch_content(target, limit).await?)?.body)
    }

    async fn solve(&self, id: RequestId) -> Result<Request, HelpdeskError> {
        let request = self
            .write(
                Method::PUT,
                self.request_url(id),
                json!({ "request": { "solved": true } }),
                None,
            )
            .await?;
        // Zendesk answers 200 and leaves the status alone when the requester may not solve.
        if request.status.is_done() {
            Ok(request)
        } else {
            Err(HelpdeskError::NotSolvable)
        }
    }

    fn traffic(&self) -> Traffic {
        self.transport.traffic()
    }
}

/// Content hosts are reached over https; plain http only on this machine (the demo desk).
fn may_fetch_content_from(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => matches!(url.host_str(), Some("localhost" | "127.0.0.1")),
        _ => false,
    }
}

/// Redirects on the content host: a few, each to a place [`may_fetch_content_from`] allows.
fn content_redirect(attempt: reqwest::redirect::Attempt<'_>) -> reqwest::redirect::Action {
    if attempt.previous().len() >= 5 {
        attempt.error("too many redirects")
    } else if may_fetch_content_from(attempt.url()) {
        attempt.follow()
    } else {
        attempt.stop()
    }
}

/// A comment's JSON: its text and the uploads it claims.
fn comment_json(body: &str, uploads: &[UploadToken]) -> Value {
    let mut comment = json!({ "body": body });
    if !uploads.is_empty() {
        let tokens: Vec<&str> = uploads.iter().map(|token| token.0.as_str()).collect();
        comment["uploads"] = json!(tokens);
    }
    comment
}

/// Whether `url` names this machine (`localhost`, `127.0.0.1`, `[::1]`…): the only place
/// Helpline talks plain http to (the demo desk, tests), since nothing there crosses a network.
pub fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// The account URL as a base: https anywhere, plain http only on this machine (the token must
/// not cross a network in clear).
pub(crate) fn account_url(text: &str) -> Result<Url, HelpdeskError> {
    let url = Url::parse(text.trim())
        .map_err(|error| HelpdeskError::Config(format!("{text:?} is not a help desk URL: {error}. Use the address you open in a browser, like https://acme.zendesk.com")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(HelpdeskError::Config(format!(
            "{text} uses plain http; use https so that your sign-in is not sent in clear"
        ))),
        other => Err(HelpdeskError::Config(format!(
            "{text} is not an http(s) address ({other})"
        ))),
    }
}

/// Maps the statuses a caller cannot use to errors; 2xx answers pass.
fn judge(answer: Answer) -> Result<Answer, HelpdeskError> {
    let status = answer.status;
    if status.is_success() {
        return Ok(answer);
    }
    let message = error_message(&answer.body);
    Err(match status {
        StatusCode::UNAUTHORIZED => HelpdeskError::AuthExpired,
        StatusCode::FORBIDDEN => HelpdeskError::Forbidden(message),
        StatusCode::NOT_FOUND => HelpdeskError::NotFound,
        StatusCode::CONFLICT => HelpdeskError::Conflict(message),
        status if status.is_client_error() => HelpdeskError::Invalid(message),
        status if status.is_server_error() => HelpdeskError::Server {
            status: status.as_u16(),
            message,
        },
        status => HelpdeskError::Protocol(format!("HTTP {status}: {message}")),
    })
}

/// The next page's URL: `links.next` while `meta.has_more`, else one built from
/// `meta.after_cursor`.
fn next_page(current: &Url, meta: &wire::Meta, links: &wire::Links) -> Option<String> {
    if !meta.has_more {
        return None;
    }
    if let Some(next) = links.next.as_ref().filter(|next| !next.is_empty()) {
        return Some(next.clone());
    }
    let cursor = meta.after_cursor.as_ref()?;
    let mut url = current.clone();
    let kept: Vec<(String, String)> = current
        .query_pairs()
        .filter(|(name, _)| name != "page[after]" && name != "page[before]")
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("page[after]", cursor);
    Some(url.into())
}

/// The desk's clock, from its `Date` header.
fn server_time(answer: &Answer) -> Option<Timestamp> {
    let text = answer.headers.get(reqwest::header::DATE)?.to_str().ok()?;
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_for_this_machine_only() {
        assert!(account_url("http://127.0.0.1:8080").is_ok());
        assert!(account_url("http://localhost:8080/").is_ok());
        assert!(account_url("https://acme.zendesk.com").is_ok());
        let refused = account_url("http://acme.zendesk.com").unwrap_err();
        assert!(refused.to_string().contains("https"), "{refused}");
        assert!(account_url("acme").is_err());
    }

    #[test]
    fn api_urls_encode_cursor_parameters() {
        let client = ZendeskClient::new("http://127.0.0.1:1", "secret").unwrap();
        let url = client.api_url("requests.json", &[("page[size]", "25".into())]);
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:1/api/v2/requests.json?page%5Bsize%5D=25"
        );
        assert!(!format!("{client:?}").contains("secret"));
    }

    #[test]
    fn pagination_links_to_other_hosts_are_not_followed() {
        let client = ZendeskClient::new("https://acme.zendesk.com", "secret").unwrap();
        assert!(client
            .follow("https://acme.zendesk.com/api/v2/requests.json?page%5Bafter%5D=x")
            .is_ok());
        assert!(client
            .follow("https://evil.example/api/v2/requests.json")
            .is_err());
    }
}
