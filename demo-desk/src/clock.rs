//! Time: the clock and the two wire formats (Zendesk seconds, Statuspage milliseconds).

use jiff::Timestamp;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::DemoError;

pub(crate) fn now_millis() -> i64 {
    Timestamp::now().as_millisecond()
}

pub(crate) fn now_seconds() -> i64 {
    Timestamp::now().as_second()
}

/// Zendesk writes UTC without a fraction: `2024-05-02T09:14:07Z`.
pub(crate) fn zendesk_time(seconds: i64) -> String {
    match Timestamp::from_second(seconds) {
        Ok(timestamp) => timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => String::from("1970-01-01T00:00:00Z"),
    }
}

/// Statuspage writes milliseconds: `2022-11-25T15:50:04.967Z`.
pub(crate) fn statuspage_time(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    let fraction = millis.rem_euclid(1000);
    let whole = zendesk_time(seconds);
    format!("{}.{fraction:03}Z", whole.trim_end_matches('Z'))
}

/// Reads an RFC 3339 time (any offset) or a bare `YYYY-MM-DD` (midnight UTC), as clients send
/// in `since=` and the back-office accepts.
pub(crate) fn parse_time_millis(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(timestamp) = text.parse::<Timestamp>() {
        return Some(timestamp.as_millisecond());
    }
    format!("{text}T00:00:00Z")
        .parse::<Timestamp>()
        .ok()
        .map(Timestamp::as_millisecond)
}

pub(crate) fn system_time_millis(time: SystemTime) -> Result<i64, DemoError> {
    let since_epoch = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| DemoError::invalid("times before 1970 are not supported"))?;
    i64::try_from(since_epoch.as_millis())
        .map_err(|_| DemoError::invalid("time is too far in the future"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zendesk_times_have_no_fraction() {
        assert_eq!(zendesk_time(1_772_442_000), "2026-03-02T09:00:00Z");
    }

    #[test]
    fn statuspage_times_keep_milliseconds() {
        assert_eq!(
            statuspage_time(1_772_442_000_007),
            "2026-03-02T09:00:00.007Z"
        );
    }

    #[test]
    fn parses_offsets_and_bare_dates() {
        assert_eq!(
            parse_time_millis("2026-03-02T10:00:00+01:00"),
            Some(1_772_442_000_000)
        );
        assert_eq!(parse_time_millis("2026-03-02"), Some(1_772_409_600_000));
        assert_eq!(parse_time_millis("yesterday"), None);
    }
}
