//! Response expectations under a plan: when support answers next on a ticket
//! ([`expect_response`]), whether a new ticket will be covered by the SLA and why not
//! ([`coverage`]), and the business calendar both count in ([`BusinessCalendar`]). Pure: the
//! time is always given, so every rule is tested across zones, clock changes and holidays.

mod calendar;
mod coverage;
mod expectation;
mod views;

#[cfg(test)]
mod tests;

pub use calendar::{BusinessCalendar, Opening};
pub use coverage::{coverage, Coverage, NotCovered};
pub use expectation::{
    expect_response, ResponseExpectation, ResponseKind, Said, Standing, Timeline,
};
pub use views::PlansOverview;
