//! What can go wrong talking to a help desk, and what the UI is told.

use std::time::Duration;

use crate::{ErrorCode, WireError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HelpdeskError {
    /// Nothing reached the desk (no network, connection refused, DNS, connect timeout), or a
    /// read failed after its retries.
    #[error("cannot reach the help desk ({0}). Check your connection; Helpline keeps what you wrote and tries again")]
    Offline(String),
    /// A write may or may not have reached the desk: the connection broke after it was sent.
    #[error("the connection to the help desk broke before it answered ({0}). Helpline checks whether it arrived before sending it again")]
    UnknownOutcome(String),
    #[error("the help desk no longer accepts your sign-in. Sign in again")]
    AuthExpired,
    #[error("the help desk does not allow this: {0}")]
    Forbidden(String),
    #[error("the help desk has no such item (it may have been deleted or merged)")]
    NotFound,
    /// 400 or 422, with the desk's own explanation.
    #[error("the help desk refused it: {0}")]
    Invalid(String),
    #[error("the help desk reports a conflict: {0}")]
    Conflict(String),
    /// Said without advice: the schedule and the outbox wait and try again by themselves, so
    /// "try again later" under the status line's "Retrying…" would contradict it.
    #[error("the help desk asks Helpline to slow down {}", retry_hint(.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx after the retries a request was allowed. The status code stays for the logs; the
    /// user is told in words, without advice for the same reason as above.
    #[error("the help desk is having trouble right now ({message})")]
    Server { status: u16, message: String },
    #[error("the help desk did not mark the request solved: an agent must take it first")]
    NotSolvable,
    /// An answer Helpline cannot read.
    #[error("unexpected answer from the help desk: {0}")]
    Protocol(String),
    /// The account settings cannot work (bad URL, plain HTTP to a remote host).
    #[error("{0}")]
    Config(String),
}

fn retry_hint(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!("for {} s", wait.as_secs().max(1)),
        None => "for a minute".to_owned(),
    }
}

impl HelpdeskError {
    /// Worth trying again later as it is (the desk was unreachable, busy or unsure); the other
    /// errors need the user or the data to change first.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::Offline(_)
                | Self::UnknownOutcome(_)
                | Self::RateLimited { .. }
                | Self::Server { .. }
                | Self::AuthExpired
        )
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Offline(_) | Self::UnknownOutcome(_) | Self::Server { .. } => ErrorCode::Offline,
            Self::AuthExpired => ErrorCode::AuthExpired,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Invalid(_) | Self::Config(_) => ErrorCode::InvalidInput,
            Self::NotFound => ErrorCode::NotFound,
            Self::Conflict(_) | Self::NotSolvable => ErrorCode::Conflict,
            Self::Forbidden(_) | Self::Protocol(_) => ErrorCode::Internal,
        }
    }
}

impl From<HelpdeskError> for WireError {
    fn from(error: HelpdeskError) -> Self {
        WireError::new(error.code(), error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_failures_map_to_the_codes_the_ui_branches_on() {
        let wire = WireError::from(HelpdeskError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        });
        assert_eq!(wire.code, ErrorCode::RateLimited);
        assert!(wire.message.contains("30 s"), "{}", wire.message);
        assert_eq!(
            WireError::from(HelpdeskError::UnknownOutcome("reset".into())).code,
            ErrorCode::Offline
        );
        assert_eq!(
            WireError::from(HelpdeskError::Invalid("Subject: cannot be blank".into())).code,
            ErrorCode::InvalidInput
        );
    }

    #[test]
    fn a_busy_or_failing_desk_is_said_in_words_without_codes_or_advice() {
        let server = HelpdeskError::Server {
            status: 503,
            message: "Service Unavailable".into(),
        };
        assert_eq!(
            server.to_string(),
            "the help desk is having trouble right now (Service Unavailable)"
        );
        let busy = HelpdeskError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        };
        assert_eq!(
            busy.to_string(),
            "the help desk asks Helpline to slow down for 30 s"
        );
        for said in [server.to_string(), busy.to_string()] {
            assert!(
                !said.contains("HTTP") && !said.contains("try again"),
                "{said}"
            );
        }
    }
}
