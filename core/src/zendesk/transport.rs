//! One HTTP exchange with the desk, retried within a [`RetryPolicy`] — and never repeated
//! when it was a write that may already have been done.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, ACCEPT};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::auth::Auth;
use super::rate_budget::rate_budget;
use super::retry::{retry_after, RetryPolicy};
use super::wire::error_message;
use crate::helpdesk::{RateBudget, Traffic};
use crate::HelpdeskError;

/// What a request carries.
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    Json(&'a Value),
    /// A file's bytes, for the Uploads API.
    Bytes {
        data: &'a [u8],
        content_type: &'a str,
    },
}

/// The largest answer read from an API call: a page of 100 requests or comments is well under
/// 1 MB, so anything near this is not an answer worth holding in memory.
pub(crate) const MAX_ANSWER_BYTES: u64 = 16 * 1024 * 1024;

/// A complete answer: status, headers and the whole body.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Why one attempt did not produce an [`Answer`] worth returning.
enum Failure {
    /// The request never left (connection refused, DNS, connect timeout): safe to send again,
    /// whatever it was.
    NotSent(String),
    /// Sent, but the answer was lost: only a read may be sent again.
    Lost(String),
    /// 429, or 503 to a read: the desk turned it away without doing it.
    Refused {
        status: StatusCode,
        retry_after: Option<Duration>,
    },
    /// 500, 502, 504, or 503 to a write: something failed on the way, possibly after the
    /// write was done. Zendesk's proxies answer 503 and 504 when the application took too long,
    /// and the application may well have committed by then.
    Failed { status: StatusCode, message: String },
    /// The answer is larger than the call accepts; it was not read.
    TooLarge(String),
}

pub(crate) struct Transport {
    http: reqwest::Client,
    /// For attachment bytes on the content host a download redirects to: no credentials, and
    /// redirects followed over https only.
    content_http: reqwest::Client,
    auth: Auth,
    retry: RetryPolicy,
    sent: AtomicU64,
    /// The allowance the latest answer stated.
    budget: Mutex<Option<RateBudget>>,
}

impl Transport {
    pub(crate) fn new(
        http: reqwest::Client,
        content_http: reqwest::Client,
        auth: Auth,
        retry: RetryPolicy,
    ) -> Self {
        Self {
            http,
            content_http,
            auth,
            retry,
            sent: AtomicU64::new(0),
            budget: Mutex::new(None),
        }
    }

    /// HTTP requests sent so far, retries included.
    pub(crate) fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    pub(crate) fn traffic(&self) -> Traffic {
        Traffic {
            requests_sent: self.requests_sent(),
            budget: *self
                .budget
                .lock()
                .unwrap_or_else(|poison| poison.into_inner()),
        }
    }

    /// Sends until there is an answer, the attempts run out, or a write's outcome is unknown.
    /// Any status other than 429/5xx comes back as an [`Answer`] for the caller to judge.
    pub(crate) async fn call(
        &self,
        method: Method,
        url: Url,
        body: Option<Body<'_>>,
        idempotency_key: Option<&str>,
    ) -> Result<Answer, HelpdeskError> {
        self.call_limited(method, url, body, idempotency_key, MAX_ANSWER_BYTES)
            .await
    }

    /// [`call`](Self::call), reading at most `limit` bytes of answer.
    pub(crate) async fn call_limited(
        &self,
        method: Method,
        url: Url,
        body: Option<Body<'_>>,
        idempotency_key: Option<&str>,
        limit: u64,
    ) -> Result<Answer, HelpdeskError> {
        let repeatable = method == Method::GET;
        let mut attempt = 1;
        let mut renewed = false;
        loop {
            let token = self.auth.access_token();
            let failure = match self
                .attempt(&method, &url, body, idempotency_key, &token, limit)
                .await
            {
                // An expired OAuth token: the desk did nothing, so renew and send again, once.
                Ok(answer)
                    if answer.status == StatusCode::UNAUTHORIZED
                        && self.auth.can_refresh()
                        && !renewed =>
                {
                    self.auth.refresh(&self.http, &token).await?;
                    renewed = true;
                    continue;
                }
                Ok(answer) => return Ok(answer),
                Err(failure) => failure,
            };
            let last = attempt >= self.retry.max_attempts;
            let wait = match failure {
                // The write was taken (the desk answered), but its answer cannot be read.
                Failure::TooLarge(reason) if !repeatable => {
                    return Err(HelpdeskError::UnknownOutcome(reason))
                }
                Failure::TooLarge(reason) => return Err(HelpdeskError::Protocol(reason)),
                Failure::NotSent(reason) if last => return Err(HelpdeskError::Offline(reason)),
                Failure::NotSent(_) => self.retry.backoff(attempt),
                Failure::Lost(reason) if !repeatable => {
                    return Err(HelpdeskError::UnknownOutcome(reason))
                }
                Failure::Lost(reason) if last => return Err(HelpdeskError::Offline(reason)),
                Failure::Lost(_) => self.retry.backoff(attempt),
                Failure::Refused {
                    status,
                    retry_after,
                } => {
                    let wait = retry_after.unwrap_or_else(|| self.retry.backoff(attempt));
                    if last || wait > self.retry.max_retry_after {
                        return Err(refusal(status, retry_after));
                    }
                    wait
                }
                Failure::Failed { status, message } if !repeatable => {
                    return Err(HelpdeskError::UnknownOutcome(format!(
                        "HTTP {status}: {message}"
                    )))
                }
                Failure::Failed { status, message } if last => {
                    return Err(HelpdeskError::Server {
                        status: status.as_u16(),
                        message,
                    })
                }
                Failure::Failed { .. } => self.retry.backoff(attempt),
            };
            tracing::debug!(%method, path = url.path(), attempt, ?wait, "retrying a help desk call");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        body: Option<Body<'_>>,
        idempotency_key: Option<&str>,
        token: &str,
        limit: u64,
    ) -> Result<Answer, Failure> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .bearer_auth(token)
            .header(ACCEPT, "application/json");
        match body {
            Some(Body::Json(value)) => request = request.json(value),
            Some(Body::Bytes { data, content_type }) => {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(data.to_vec());
            }
            None => {}
        }
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let response = request.send().await.map_err(|error| {
            if error.is_connect() || error.is_builder() {
                Failure::NotSent(describe(&error))
            } else {
                Failure::Lost(describe(&error))
            }
        })?;
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(budget) = rate_budget(&headers, Instant::now()) {
            *self
                .budget
                .lock()
                .unwrap_or_else(|poison| poison.into_inner()) = Some(budget);
        }
        // Only a 429 proves that a write was not applied; a 503 proves it for a read only
        // because a read has nothing to apply.
        let refused = status == StatusCode::TOO_MANY_REQUESTS
            || (status == StatusCode::SERVICE_UNAVAILABLE && *method == Method::GET);
        if refused {
            return Err(Failure::Refused {
                status,
                retry_after: retry_after(&headers, jiff::Timestamp::now()),
            });
        }
        let body = read_limited(response, limit).await?;
        if matches!(status.as_u16(), 500 | 502 | 503 | 504) {
            return Err(Failure::Failed {
                status,
                message: error_message(&body),
            });
        }
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

impl Transport {
    /// A GET without credentials on another host (where a desk's download redirects), with
    /// at most `limit` bytes read. Not retried: the caller's next attempt starts over at the
    /// desk, whose signed links expire.
    pub(crate) async fn fetch_content(
        &self,
        url: Url,
        limit: u64,
    ) -> Result<Answer, HelpdeskError> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let response = self
            .content_http
            .get(url)
            .send()
            .await
            .map_err(|error| HelpdeskError::Offline(describe(&error)))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_limited(response, limit)
            .await
            .map_err(|failure| match failure {
                Failure::TooLarge(reason) => HelpdeskError::Protocol(reason),
                Failure::Lost(reason) | Failure::NotSent(reason) => HelpdeskError::Offline(reason),
                Failure::Refused { .. } | Failure::Failed { .. } => {
                    HelpdeskError::Protocol("the download broke off".to_owned())
                }
            })?;
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

/// The body, refused before reading when its declared length is over `limit`, and cut off as
/// soon as what arrives goes over it (a length may be missing, or wrong).
async fn read_limited(mut response: reqwest::Response, limit: u64) -> Result<Vec<u8>, Failure> {
    let too_large = || {
        Failure::TooLarge(format!(
            "the help desk's answer is larger than {} MB, more than Helpline accepts",
            limit.div_ceil(1024 * 1024)
        ))
    };
    let declared = response
        .headers()
        .get(reqwest::header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok())
        .or(response.content_length());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| Failure::Lost(describe(&error)))?
    {
        if body.len() as u64 + chunk.len() as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn refusal(status: StatusCode, retry_after: Option<Duration>) -> HelpdeskError {
    if status == StatusCode::TOO_MANY_REQUESTS {
        HelpdeskError::RateLimited { retry_after }
    } else {
        HelpdeskError::Server {
            status: status.as_u16(),
            message: "the service is unavailable".into(),
        }
    }
}

/// The error and its causes on one line ("error sending request: …: Connection refused").
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &'static [u8], declared: Option<u64>) -> reqwest::Response {
        let mut builder = http::Response::builder().status(200);
        if let Some(length) = declared {
            builder = builder.header(reqwest::header::CONTENT_LENGTH, length);
        }
        reqwest::Response::from(builder.body(body).unwrap())
    }

    #[tokio::test]
    async fn an_answer_over_the_limit_is_refused_declared_or_not() {
        let declared = read_limited(response(b"{}", Some(10_000_000)), 1024).await;
        assert!(matches!(declared, Err(Failure::TooLarge(_))));
        let undeclared = read_limited(response(&[b'x'; 2048], None), 1024).await;
        assert!(matches!(undeclared, Err(Failure::TooLarge(_))));
        let fits = read_limited(response(b"{\"ok\":true}", None), 1024).await;
        assert!(matches!(fits, Ok(body) if body == b"{\"ok\":true}"));
    }
}
