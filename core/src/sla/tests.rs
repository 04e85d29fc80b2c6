use std::collections::BTreeSet;

use jiff::civil::{date, Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::*;
use crate::helpdesk::RequestStatus;
use crate::profile::{Channel, PlanTier, ProviderProfile};
use crate::ticket_form::{FormField, NewTicketForm, Priority, TicketKind};

fn hours(h: i64) -> SignedDuration {
    SignedDuration::from_hours(h)
}

fn at(zone: &str, day: Date, hour: i8, minute: i8) -> Timestamp {
    TimeZone::get(zone)
        .unwrap()
        .to_timestamp(day.at(hour, minute, 0, 0))
        .unwrap()
}

/// Monday to Friday, `from`–`until` o'clock.
fn weekdays(zone: &str, from: i8, until: i8, holidays: &[Date]) -> BusinessCalendar {
    let opening = Opening {
        from: Time::new(from, 0, 0, 0).unwrap(),
        until: Some(Time::new(until, 0, 0, 0).unwrap()),
    };
    let mut week: [Vec<Opening>; 7] = Default::default();
    for day in week.iter_mut().take(5) {
        day.push(opening);
    }
    BusinessCalendar::new(
        TimeZone::get(zone).unwrap(),
        week,
        holidays.iter().copied().collect(),
    )
}

#[test]
fn working_time_stops_at_closing_and_goes_on_at_the_next_opening() {
    let paris = weekdays("Europe/Paris", 9, 17, &[]);
    // Friday 4 December 2026, 16:30: half an hour on Friday, seven and a half on Monday.
    let start = at("Europe/Paris", date(2026, 12, 4), 16, 30);
    assert_eq!(
        paris.add_working_time(start, hours(8)),
        Some(at("Europe/Paris", date(2026, 12, 7), 16, 30))
    );
    // Written on Saturday: the time starts on Monday morning.
    let saturday = at("Europe/Paris", date(2026, 12, 5), 11, 0);
    assert_eq!(
        paris.add_working_time(saturday, hours(1)),
        Some(at("Europe/Paris", date(2026, 12, 7), 10, 0))
    );
    assert_eq!(
        paris.add_working_time(saturday, SignedDuration::ZERO),
        Some(at("Europe/Paris", date(2026, 12, 7), 9, 0))
    );
}

#[test]
fn holidays_are_skipped() {
    let paris = weekdays("Europe/Paris", 9, 18, &[date(2026, 12, 25)]);
    // Thursday 24 December 17:00: one hour that day, Christmas closed, then Monday.
    let start = at("Europe/Paris", date(2026, 12, 24), 17, 0);
    assert_eq!(
        paris.add_working_time(start, hours(4)),
        Some(at("Europe/Paris", date(2026, 12, 28), 12, 0))
    );
}

#[test]
fn hours_follow_the_local_clock_across_a_time_change() {
    // New York moves its clocks forward on Sunday 14 March 2027: Friday is UTC-5, Monday UTC-4.
    let new_york = weekdays("America/New_York", 9, 17, &[]);
    let friday = at("America/New_York", date(2027, 3, 12), 16, 0);
    assert_eq!(friday.to_string(), "2027-03-12T21:00:00Z");
    let due = new_york.add_working_time(friday, hours(2)).unwrap();
    assert_eq!(due.to_string(), "2027-03-15T14:00:00Z");
}

#[test]
fn a_night_shift_on_the_night_the_clocks_go_forward_is_an_hour_shorter() {
    let mut week: [Vec<Opening>; 7] = Default::default();
    week[6].push(Opening {
        from: Time::midnight(),
        until: Some(Time::new(6, 0, 0, 0).unwrap()),
    });
    let calendar = BusinessCalendar::new(
        TimeZone::get("Europe/Paris").unwrap(),
        week,
        BTreeSet::new(),
    );
    // Sunday 28 March 2027, 00:00 to 06:00 in Paris is five real hours (02:00 becomes 03:00).
    let start = at("Europe/Paris", date(2027, 3, 28), 0, 0);
    assert_eq!(
        calendar.add_working_time(start, hours(5)),
        Some(at("Europe/Paris", date(2027, 3, 28), 6, 0))
    );
    // The sixth hour is the next Sunday's.
    assert_eq!(
        calendar.add_working_time(start, hours(6)),
        Some(at("Europe/Paris", date(2027, 4, 4), 1, 0))
    );
}

fn demo() -> ProviderProfile {
    ProviderProfile::demo("http://127.0.0.1:1")
}

fn said(by_agent: bool, at: Timestamp) -> Said {
    Said { by_agent, at }
}

#[test]
fn a_new_ticket_on_premium_expects_its_first_response_within_the_target() {
    let profile = demo();
    let premium = profile.plan("premium").unwrap();
    // Monday 7 December 2026, 10:00 in Paris; normal priority: 8 business hours, so by closing.
    let created = at("Europe/Paris", date(2026, 12, 7), 10, 0);
    let comments = [said(false, created)];
    let timeline = Timeline {
        created_at: created,
        status: RequestStatus::New,
        priority: Priority::Normal,
        comments: &comments,
    };
    let expected = expect_response(premium, &profile.calendar, &timeline, created);
    assert_eq!(
        expected,
        ResponseExpectation::Due {
            response: ResponseKind::First,
            due_at: at("Europe/Paris", date(2026, 12, 7), 18, 0).to_string(),
            standing: Standing::OnTrack,
            clock: crate::profile::Clock::BusinessHours,
            priority: Priority::Normal,
        }
    );
    // Urgent runs around the clock: one hour, even at night.
    let night = at("Europe/Paris", date(2026, 12, 7), 23, 0);
    let urgent = Timeline {
        created_at: night,
        priority: Priority::Urgent,
        ..timeline.clone()
    };
    let ResponseExpectation::Due {
        due_at, standing, ..
    } = expect_response(
        premium,
        &profile.calendar,
        &urgent,
        night + hours(1) - SignedDuration::from_mins(10),
    )
    else {
        panic!("an urgent ticket has a target");
    };
    assert_eq!(due_at, (night + hours(1)).to_string());
    assert_eq!(standing, Standing::DueSoon);
    let late = expect_response(premium, &profile.calendar, &urgent, night + hours(2));
    assert!(matches!(
        late,
        ResponseExpectation::Due {
            standing: Standing::Overdue,
            ..
        }
    ));
}

#[test]
fn after_an_agent_reply_the_next_response_counts_from_the_customers_answer() {
    let profile = demo();
    let premium = profile.plan("premium").unwrap();
    let created = at("Europe/Paris", date(2026, 12, 7), 10, 0);
    let answered = at("Europe/Paris", date(2026, 12, 7), 11, 0);
    let wrote_again = at("Europe/Paris", date(2026, 12, 7), 12, 0);
    let comments = [said(false, created), said(true, answered)];
    let mut timeline = Timeline {
        created_at: created,
        status: RequestStatus::Open,
        priority: Priority::High,
        comments: &comments,
    };
    assert_eq!(
        expect_response(premium, &profile.calendar, &timeline, wrote_again),
        ResponseExpectation::NothingDue
    );
    let comments = [
        said(false, created),
        said(true, answered),
        said(false, wrote_again),
        said(false, wrote_again + hours(1)),
    ];
    timeline.comments = &comments;
    let ResponseExpectation::Due {
        response, due_at, ..
    } = expect_response(premium, &profile.calendar, &timeline, wrote_again)
    else {
        panic!("the customer's answer awaits a reply");
    };
    assert_eq!(response, ResponseKind::Next);
    // High: 8 business hours from 12:00 Monday (six that day, until 18:00) ends 11:00 Tuesday.
    assert_eq!(
        due_at,
        at("Europe/Paris", date(2026, 12, 8), 11, 0).to_string()
    );
}

#[test]
fn plans_without_an_sla_and_tickets_waiting_on_the_customer_promise_nothing() {
    let profile = demo();
    let created = at("Europe/Paris", date(2026, 12, 7), 10, 0);
    let comments = [said(false, created)];
    let timeline = Timeline {
        created_at: created,
        status: RequestStatus::Open,
        priority: Priority::Normal,
        comments: &comments,
    };
    assert_eq!(
        expect_response(
            profile.plan("team").unwrap(),
            &profile.calendar,
            &timeline,
            created
        ),
        ResponseExpectation::NoGuarantee {
            tier: PlanTier::Team
        }
    );
    for status in [
        RequestStatus::Pending,
        RequestStatus::Hold,
        RequestStatus::Solved,
    ] {
        let waiting = Timeline {
            status,
            ..timeline.clone()
        };
        assert_eq!(
            expect_response(
                profile.plan("premium").unwrap(),
                &profile.calendar,
                &waiting,
                created
            ),
            ResponseExpectation::NothingDue
        );
    }
}

fn complete_form() -> NewTicketForm {
    NewTicketForm {
        kind: Some(TicketKind::TechnicalProblem),
        subject: "Scheduled exports stuck".into(),
        problem: "Every scheduled export since Monday stays queued.".into(),
        resource_ids: "space-42".into(),
        production_affected: Some(true),
        priority: Priority::High,
        ..NewTicketForm::default()
    }
}

#[test]
fn coverage_says_every_reason_a_ticket_would_not_be_covered() {
    let profile = demo();
    let premium = profile.plan("premium").unwrap();
    let form = complete_form();
    assert!(coverage(&profile, premium, Channel::ContactForm, &form).covered);

    let team = profile.plan("team").unwrap();
    assert_eq!(
        coverage(&profile, team, Channel::ContactForm, &form).reasons,
        [NotCovered::PlanWithoutSla {
            tier: PlanTier::Team
        }]
    );
    let quick = NewTicketForm {
        priority: Priority::Low,
        resource_ids: String::new(),
        ..form.clone()
    };
    assert_eq!(
        coverage(&profile, premium, Channel::TalkToUs, &quick).reasons,
        [
            NotCovered::Channel {
                channel: Channel::TalkToUs
            },
            NotCovered::Priority {
                priority: Priority::Low
            },
            NotCovered::MissingAnswer {
                field: FormField::ResourceIds
            },
        ]
    );
    // A question is never asked about production: not answering it is no reason.
    let question = NewTicketForm {
        kind: Some(TicketKind::TechnicalQuestion),
        production_affected: None,
        ..form
    };
    assert!(coverage(&profile, premium, Channel::ContactForm, &question).covered);
}

#[test]
fn the_plans_overview_lists_hours_targets_and_coming_holidays() {
    let profile = demo();
    let choice = profile.plan_for(None);
    let now = at("Europe/Paris", date(2026, 12, 7), 10, 0);
    let overview = PlansOverview::new(&profile, choice, now);
    assert_eq!(overview.hours.time_zone, "Europe/Paris");
    assert_eq!(overview.hours.week[0].openings, ["09:00–18:00"]);
    assert!(overview.hours.week[5].openings.is_empty());
    assert_eq!(overview.hours.coming_holidays[0], "2026-12-25");
    assert!(overview.hours.open_now);
    let premium = overview
        .plans
        .iter()
        .find(|plan| plan.id == "premium")
        .unwrap();
    assert_eq!(premium.targets[0].priority, Priority::Urgent);
    assert_eq!(premium.targets[0].first_response_minutes, 60);
}

const ZONES: &[&str] = &[
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
];

fn any_calendar() -> impl Strategy<Value = BusinessCalendar> {
    let day = prop::collection::vec((0u32..48, 1u32..48), 0..3);
    (
        0..ZONES.len(),
        prop::array::uniform7(day),
        prop::collection::vec(0i32..900, 0..20),
    )
        .prop_map(|(zone, days, holidays)| {
            let week = days.map(|ranges| {
                // Half-hour steps, made into sorted openings that do not overlap.
                let mut openings = Vec::new();
                let mut cursor = 0;
                for (gap, length) in ranges {
                    let from = cursor + gap;
                    let until = from + length;
                    if until > 48 {
                        break;
                    }
                    let time = |step: u32| {
                        Time::new((step / 2) as i8, (step % 2 * 30) as i8, 0, 0).unwrap()
                    };
                    openings.push(Opening {
                        from: time(from),
                        until: (until < 48).then(|| time(until)),
                    });
                    cursor = until + 1;
                }
                openings
            });
            let first = date(2026, 1, 1);
            let holidays = holidays
                .into_iter()
                .map(|offset| first.checked_add(jiff::Span::new().days(offset)).unwrap())
                .collect();
            BusinessCalendar::new(TimeZone::get(ZONES[zone]).unwrap(), week, holidays)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_target_is_never_before_its_start_nor_in_closed_hours(
        calendar in any_calendar(),
        start in 1_767_225_600i64..1_830_297_600,
        minutes in 0i64..6000,
    ) {
        let start = Timestamp::from_second(start).unwrap();
        let work = SignedDuration::from_mins(minutes);
        // Open minutes in a week (clock changes aside).
        let weekly: i64 = calendar.week().iter().flatten().map(|opening| {
            let until = opening.until.map_or(24 * 60, |until| i64::from(until.hour()) * 60 + i64::from(until.minute()));
            until - (i64::from(opening.from.hour()) * 60 + i64::from(opening.from.minute()))
        }).sum();
        match calendar.add_working_time(start, work) {
            Some(due) => {
                prop_assert!(due >= start);
                prop_assert!(calendar.is_open(due), "{due} is in closed hours");
                // Splitting the work in two reaches the same moment.
                let half = SignedDuration::from_mins(minutes / 2);
                let midway = calendar.add_working_time(start, half).unwrap();
                let rest = work - half;
                if !rest.is_zero() {
                    prop_assert_eq!(calendar.add_working_time(midway, rest), Some(due));
                }
            }
            // Two years ahead at most; each of the (at most 20) holidays takes a day at most.
            None => prop_assert!((104 - 20) * weekly < minutes, "{weekly} open minutes a week"),
        }
    }
}
