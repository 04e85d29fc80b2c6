//! [`expect_response`]: on an open ticket, when the next agent reply is due under the plan's
//! SLA — the first response from the ticket's creation, the next one from the customer's first
//! message after the last agent reply — and how that stands now.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use specta::Type;

use crate::helpdesk::RequestStatus;
use crate::profile::{Clock, Plan, PlanTier, Targets};
use crate::sla::BusinessCalendar;
use crate::ticket_form::Priority;

/// A target this close is "due soon".
pub const DUE_SOON: SignedDuration = SignedDuration::from_hours(1);

/// Who wrote on a ticket, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    pub by_agent: bool,
    pub at: Timestamp,
}

/// What the expectation is computed from.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    pub created_at: Timestamp,
    pub status: RequestStatus,
    /// Zendesk's default (`normal`) when the desk set none.
    pub priority: Priority,
    /// Public comments, oldest first.
    pub comments: &'a [Said],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ResponseKind {
    First,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    OnTrack,
    /// Less than [`DUE_SOON`] left.
    DueSoon,
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "expect",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ResponseExpectation {
    /// The plan promises no response time (only Premium has an SLA).
    NoGuarantee { tier: PlanTier },
    /// The plan's SLA sets no target for this priority.
    NoTarget { priority: Priority },
    /// Support's reply is due by `due_at` (RFC 3339).
    Due {
        response: ResponseKind,
        due_at: String,
        standing: Standing,
        clock: Clock,
        priority: Priority,
    },
    /// Nothing is due from support: the ticket waits on the customer, is on hold, or is done.
    NothingDue,
}

pub fn expect_response(
    plan: &Plan,
    calendar: &BusinessCalendar,
    timeline: &Timeline<'_>,
    now: Timestamp,
) -> ResponseExpectation {
    if !matches!(timeline.status, RequestStatus::New | RequestStatus::Open) {
        return ResponseExpectation::NothingDue;
    }
    if !plan.has_sla() {
        return ResponseExpectation::NoGuarantee { tier: plan.tier };
    }
    let Some(targets) = plan.targets(timeline.priority) else {
        return ResponseExpectation::NoTarget {
            priority: timeline.priority,
        };
    };
    let Some((response, since, target)) = what_is_due(timeline, targets) else {
        return ResponseExpectation::NothingDue;
    };
    let due = match targets.clock {
        Clock::AroundTheClock => since.checked_add(target).ok(),
        Clock::BusinessHours => calendar.add_working_time(since, target),
    };
    let Some(due) = due else {
        return ResponseExpectation::NothingDue;
    };
    let standing = if now > due {
        Standing::Overdue
    } else if due.duration_since(now) <= DUE_SOON {
        Standing::DueSoon
    } else {
        Standing::OnTrack
    };
    ResponseExpectation::Due {
        response,
        due_at: due.to_string(),
        standing,
        clock: targets.clock,
        priority: timeline.priority,
    }
}

/// Which reply is awaited, since when, and its target.
fn what_is_due(
    timeline: &Timeline<'_>,
    targets: &Targets,
) -> Option<(ResponseKind, Timestamp, SignedDuration)> {
    let last_agent = timeline.comments.iter().rposition(|said| said.by_agent);
    match last_agent {
        None => Some((
            ResponseKind::First,
            timeline.created_at,
            targets.first_response,
        )),
        Some(index) => {
            let waiting_since = timeline.comments[index + 1..]
                .iter()
                .find(|said| !said.by_agent)?
                .at;
            let target = targets.next_response.unwrap_or(targets.first_response);
            Some((ResponseKind::Next, waiting_since, target))
        }
    }
}
