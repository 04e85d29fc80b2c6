//! The request allowance as Zendesk states it on every answer. Three spellings are in use at
//! once: `X-Rate-Limit`/`X-Rate-Limit-Remaining` on every response, the IETF draft's
//! `ratelimit-limit`/`-remaining`/`-reset` on listings, and older desks' un-prefixed
//! `rate-limit*`. The first one present wins.

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;

use crate::helpdesk::RateBudget;

const LIMIT: [&str; 3] = ["x-rate-limit", "ratelimit-limit", "rate-limit"];
const REMAINING: [&str; 3] = [
    "x-rate-limit-remaining",
    "ratelimit-remaining",
    "rate-limit-remaining",
];
const RESET: [&str; 2] = ["ratelimit-reset", "rate-limit-reset"];

/// The allowance an answer states, if it states a limit.
pub(crate) fn rate_budget(headers: &HeaderMap, now: Instant) -> Option<RateBudget> {
    let limit_per_minute = first_number(headers, &LIMIT).filter(|&limit| limit > 0)?;
    Some(RateBudget {
        limit_per_minute: u32::try_from(limit_per_minute).unwrap_or(u32::MAX),
        remaining: first_number(headers, &REMAINING)
            .map(|left| u32::try_from(left).unwrap_or(u32::MAX)),
        resets_in: first_number(headers, &RESET).map(Duration::from_secs),
        seen_at: now,
    })
}

fn first_number(headers: &HeaderMap, names: &[&str]) -> Option<u64> {
    names.iter().find_map(|name| {
        headers
            .get(*name)?
            .to_str()
            .ok()?
            .trim()
            .parse::<u64>()
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn every_spelling_zendesk_uses_is_read() {
        let now = Instant::now();
        let modern = rate_budget(
            &headers(&[
                ("X-Rate-Limit", "700"),
                ("X-Rate-Limit-Remaining", "699"),
                ("ratelimit-reset", "42"),
            ]),
            now,
        )
        .unwrap();
        assert_eq!(
            (modern.limit_per_minute, modern.remaining, modern.resets_in),
            (700, Some(699), Some(Duration::from_secs(42)))
        );
        let draft = rate_budget(
            &headers(&[("ratelimit-limit", "200"), ("ratelimit-remaining", "3")]),
            now,
        )
        .unwrap();
        assert_eq!((draft.limit_per_minute, draft.remaining), (200, Some(3)));
        let legacy = rate_budget(&headers(&[("rate-limit", "10")]), now).unwrap();
        assert_eq!((legacy.limit_per_minute, legacy.remaining), (10, None));
    }

    #[test]
    fn an_answer_without_a_usable_limit_states_none() {
        let now = Instant::now();
        assert_eq!(rate_budget(&HeaderMap::new(), now), None);
        assert_eq!(rate_budget(&headers(&[("x-rate-limit", "0")]), now), None);
        assert_eq!(
            rate_budget(&headers(&[("x-rate-limit", "lots")]), now),
            None
        );
        // Remaining without a limit says nothing about the share to keep to.
        assert_eq!(
            rate_budget(&headers(&[("x-rate-limit-remaining", "5")]), now),
            None
        );
    }
}
