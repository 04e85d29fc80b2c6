//! [`StatuspageClient`]: reads a public Statuspage (no sign-in) with conditional requests, so a
//! poll that finds nothing new costs the page a `304` and no body.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::{StatusCode, Url};

use crate::zendesk::retry_after;

/// A summary of a large page is tens of kilobytes; anything near this is not a status page.
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// What came back: nothing new, or a new document with the validators to send next time.
#[derive(Debug)]
pub(crate) enum Fetched {
    NotModified,
    Fresh {
        body: Vec<u8>,
        validators: Validators,
    },
}

/// `ETag` and `Last-Modified` of the copy kept, sent back as `If-None-Match` and
/// `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum StatusPageError {
    #[error("the status page cannot be reached ({0})")]
    Unreachable(String),
    /// 429, or 503 with `Retry-After`: come back later.
    #[error("the status page asked Helpline to wait")]
    Slowed { retry_after: Option<Duration> },
    #[error("the status page is having trouble (HTTP {0})")]
    Unavailable(u16),
    /// Not a Statuspage answer: an HTML error page, a captive portal, a truncated body.
    #[error("the status page's answer is not a status ({0})")]
    Malformed(String),
    #[error("the status page address {0} is not valid")]
    BadAddress(String),
}

pub struct StatuspageClient {
    http: reqwest::Client,
    /// `…/api/v2/`.
    api: Url,
    sent: AtomicU64,
}

impl StatuspageClient {
    /// A client for the page at `page_url` (`https://status.acme.com`; its API is under
    /// `/api/v2/`). Plain HTTP only on loopback.
    pub fn new(page_url: &str) -> Result<Self, StatusPageError> {
        let bad = || StatusPageError::BadAddress(page_url.to_owned());
        let api = Url::parse(&format!("{}/api/v2/", page_url.trim_end_matches('/')))
            .map_err(|_| bad())?;
        if api.scheme() != "https" && !(api.scheme() == "http" && crate::zendesk::is_loopback(&api))
        {
            return Err(bad());
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("Helpline/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| StatusPageError::Unreachable(error.to_string()))?;
        Ok(Self {
            http,
            api,
            sent: AtomicU64::new(0),
        })
    }

    /// HTTP requests sent so far.
    pub fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// `GET {api}/{document}` (`summary.json`), conditional on `validators`.
    pub(crate) async fn fetch(
        &self,
        document: &str,
        validators: &Validators,
    ) -> Result<Fetched, StatusPageError> {
        let url = self
            .api
            .join(document)
            .map_err(|_| StatusPageError::BadAddress(document.to_owned()))?;
        let mut request = self.http.get(url).header("Accept", "application/json");
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, last_modified);
        }
        self.sent.fetch_add(1, Ordering::Relaxed);
        let mut response = request
            .send()
            .await
            .map_err(|error| StatusPageError::Unreachable(plain(&error)))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
            let retry_after = retry_after(response.headers(), jiff::Timestamp::now());
            if status == StatusCode::TOO_MANY_REQUESTS || retry_after.is_some() {
                return Err(StatusPageError::Slowed { retry_after });
            }
        }
        if !status.is_success() {
            return Err(StatusPageError::Unavailable(status.as_u16()));
        }
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|value: &reqwest::header::HeaderValue| value.to_str().ok())
                .map(str::to_owned)
        };
        let validators = Validators {
            etag: header(ETAG),
            last_modified: header(LAST_MODIFIED),
        };
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| StatusPageError::Unreachable(plain(&error)))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_ANSWER_BYTES {
                return Err(StatusPageError::Malformed("the answer is too large".into()));
            }
        }
        Ok(Fetched::Fresh { body, validators })
    }
}

/// The error without reqwest's address prefix, for the status line.
fn plain(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "no answer within 10 seconds".into()
    } else if error.is_connect() {
        "no connection".into()
    } else {
        "the connection broke".into()
    }
}
