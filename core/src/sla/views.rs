//! [`PlansOverview`]: the Plans & SLA screen's view of a profile — every plan with its channels
//! and targets, the customer's own plan and why, the support hours and coming holidays.

use jiff::Timestamp;
use serde::Serialize;
use specta::Type;

use crate::profile::{Channel, Clock, Plan, PlanChoice, PlanTier, ProviderProfile};
use crate::ticket_form::{FormField, Priority};

/// How many coming holidays the screen lists.
const HOLIDAYS_SHOWN: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlansOverview {
    pub vendor: String,
    pub current: PlanChoice,
    pub plans: Vec<PlanView>,
    pub hours: HoursView,
    /// What a ticket needs to be covered by the SLA, besides a Premium plan.
    pub covered_channels: Vec<Channel>,
    pub covered_priorities: Vec<Priority>,
    pub required_answers: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub id: String,
    /// The vendor's own name for it, when not the tier's.
    pub name: Option<String>,
    pub tier: PlanTier,
    pub channels: Vec<Channel>,
    /// Highest priority first; empty without an SLA.
    pub targets: Vec<PriorityTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PriorityTarget {
    pub priority: Priority,
    pub first_response_minutes: u32,
    pub next_response_minutes: Option<u32>,
    pub clock: Clock,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HoursView {
    /// IANA name, such as `Europe/Paris`.
    pub time_zone: String,
    /// Monday first.
    pub week: Vec<DayHours>,
    /// The next few days without support (`YYYY-MM-DD`).
    pub coming_holidays: Vec<String>,
    /// Whether support is open at the moment of the view.
    pub open_now: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DayHours {
    /// 0 is Monday.
    pub day: u8,
    /// `09:00–18:00`, local to the support team; empty when closed.
    pub openings: Vec<String>,
}

impl PlansOverview {
    pub fn new(profile: &ProviderProfile, current: PlanChoice, now: Timestamp) -> Self {
        let calendar = &profile.calendar;
        let today = calendar.time_zone().to_datetime(now).date();
        let week = calendar
            .week()
            .iter()
            .enumerate()
            .map(|(day, openings)| DayHours {
                day: day as u8,
                openings: openings
                    .iter()
                    .map(|opening| {
                        let until = opening.until.map_or("24:00".to_owned(), |until| {
                            until.strftime("%H:%M").to_string()
                        });
                        format!("{}–{until}", opening.from.strftime("%H:%M"))
                    })
                    .collect(),
            })
            .collect();
        Self {
            vendor: profile.vendor_name.clone(),
            current,
            plans: profile.plans.iter().map(PlanView::from).collect(),
            hours: HoursView {
                time_zone: calendar.time_zone_name().to_owned(),
                week,
                coming_holidays: calendar
                    .holidays()
                    .range(today..)
                    .take(HOLIDAYS_SHOWN)
                    .map(ToString::to_string)
                    .collect(),
                open_now: calendar.is_open(now),
            },
            covered_channels: profile.coverage.channels.clone(),
            covered_priorities: profile.coverage.priorities.clone(),
            required_answers: profile.coverage.required.clone(),
        }
    }
}

impl From<&Plan> for PlanView {
    fn from(plan: &Plan) -> Self {
        let minutes = |duration: jiff::SignedDuration| (duration.as_secs() / 60) as u32;
        Self {
            id: plan.id.clone(),
            name: plan.name.clone(),
            tier: plan.tier,
            channels: plan.channels.clone(),
            targets: plan
                .sla
                .iter()
                .rev()
                .map(|(priority, targets)| PriorityTarget {
                    priority: priority.priority(),
                    first_response_minutes: minutes(targets.first_response),
                    next_response_minutes: targets.next_response.map(minutes),
                    clock: targets.clock,
                })
                .collect(),
        }
    }
}
