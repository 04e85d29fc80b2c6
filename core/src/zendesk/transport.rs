//! One HTTP exchange with the desk, retried within a [`RetryPolicy`] — and never repeated
//! when it was a write that may already have been done.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::header::{HeaderMap, ACCEPT};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::auth::Auth;
use super::retry::{retry_after, RetryPolicy};
use super::wire::error_message;
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
}

pub(crate) struct Transport {
    http: reqwest::Client,
    auth: Auth,
    retry: RetryPolicy,
    sent: AtomicU64,
}

impl Transport {
    pub(crate) fn new(http: reqwest::Client, auth: Auth, retry: RetryPolicy) -> Self {
        Self {
            http,
            auth,
            retry,
            sent: AtomicU64::new(0),
        }
    }

    /// HTTP requests sent so far, retries included.
    pub(crate) fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
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
        let repeatable = method == Method::GET;
        let mut attempt = 1;
        let mut renewed = false;
        loop {
            let token = self.auth.access_token();
            let failure = match self
                .attempt(&method, &url, body, idempotency_key, &token)
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
        let body = response
            .bytes()
            .await
            .map_err(|error| Failure::Lost(describe(&error)))?
            .to_vec();
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
