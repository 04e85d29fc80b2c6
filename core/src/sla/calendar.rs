//! [`BusinessCalendar`]: when the support team works — opening hours per weekday and holidays,
//! in the team's time zone — and how far a span of working time reaches from a moment.
//!
//! Hours are kept as local wall-clock times and turned into instants one day at a time through
//! the time zone, so a day on which the clocks change is as long as it really is (23 or 25 hours
//! for a team open around the clock), and an opening inside a skipped hour starts when the clock
//! lands after it.

use std::collections::BTreeSet;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// The furthest a target is looked for: a calendar open one day a year still reaches it.
const MOST_DAYS_AHEAD: usize = 2 * 366;

/// One opening on a day, local times; `until` of `None` is midnight at the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    pub from: Time,
    pub until: Option<Time>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BusinessCalendar {
    time_zone: TimeZone,
    /// Monday first; each day's openings in order, never overlapping.
    week: [Vec<Opening>; 7],
    holidays: BTreeSet<Date>,
}

impl BusinessCalendar {
    /// `week` Monday first, its openings sorted and apart (the profile checks this).
    pub fn new(time_zone: TimeZone, week: [Vec<Opening>; 7], holidays: BTreeSet<Date>) -> Self {
        Self {
            time_zone,
            week,
            holidays,
        }
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The IANA name of the time zone, when it has one.
    pub fn time_zone_name(&self) -> &str {
        self.time_zone.iana_name().unwrap_or("UTC")
    }

    pub fn week(&self) -> &[Vec<Opening>; 7] {
        &self.week
    }

    pub fn holidays(&self) -> &BTreeSet<Date> {
        &self.holidays
    }

    /// The openings of `date` as instants, in order (none on a holiday).
    pub fn openings_on(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        let day = date.weekday().to_monday_zero_offset() as usize;
        self.week[day]
            .iter()
            .filter_map(|opening| {
                let from = self.instant(date, opening.from)?;
                let until = match opening.until {
                    Some(until) => self.instant(date, until)?,
                    None => self.instant(date.tomorrow().ok()?, Time::midnight())?,
                };
                (from <= until).then_some((from, until))
            })
            .collect()
    }

    /// The instant `work` of open time after `start`: counted only while support is open, so
    /// it is always at an opening or inside one (or at its very end). `None` when the calendar
    /// has no opening within two years.
    pub fn add_working_time(&self, start: Timestamp, work: SignedDuration) -> Option<Timestamp> {
        let mut remaining = work.max(SignedDuration::ZERO);
        let mut date = self.time_zone.to_datetime(start).date();
        // The day before too: an opening until midnight can hold `start` after a clock change.
        date = date.yesterday().ok()?;
        for _ in 0..MOST_DAYS_AHEAD {
            for (from, until) in self.openings_on(date) {
                if until <= start && !(until == start && remaining.is_zero()) {
                    continue;
                }
                let from = from.max(start);
                let available = until.duration_since(from);
                if remaining <= available {
                    return from.checked_add(remaining).ok();
                }
                remaining -= available;
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// Whether support is open at `moment` (an opening's last instant counts).
    pub fn is_open(&self, moment: Timestamp) -> bool {
        let date = self.time_zone.to_datetime(moment).date();
        [date.yesterday().ok(), Some(date)]
            .into_iter()
            .flatten()
            .flat_map(|date| self.openings_on(date))
            .any(|(from, until)| from <= moment && moment <= until)
    }

    fn instant(&self, date: Date, time: Time) -> Option<Timestamp> {
        // In a skipped hour, the moment the clock lands after it; in a repeated hour, the first.
        self.time_zone.to_timestamp(date.to_datetime(time)).ok()
    }
}
