//! Which desktop notifications to show, decided without a display: pure, so every rule is
//! unit-tested. The delivery (notify-rust on Linux) and the tray live in the shell.
//!
//! The sync already announces each comment once (its `notified` watermark survives restarts,
//! re-syncs and signing in again, and the first sync of a desk announces nothing); this module
//! takes those [`Happening`]s and decides, for one batch:
//!
//! - which kinds the user wants ([`NotifyPrefs`]: replies, solved tickets, incidents);
//! - nothing while do-not-disturb holds (snoozed until a time, or daily quiet hours, which may
//!   span midnight) — what is held still counts as unread in the tray;
//! - nothing for a reply on the ticket the user is looking at;
//! - several replies at once become one notice ("3 new replies on 2 tickets");
//! - at most [`MAX_PER_MINUTE`] notices in any minute; beyond that they are held.

mod tray;
mod wording;

pub(crate) use wording::cut_at_word;

pub use tray::{snoozed, tray_title, tray_tooltip, Snooze, TrayWords};

use std::collections::VecDeque;

use jiff::civil::Time;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::helpdesk::{CommentId, RequestId};
use crate::Language;

/// No more notices than this in any 60 seconds.
pub const MAX_PER_MINUTE: usize = 3;

/// Something the user may want to hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happening {
    AgentReply {
        request_id: RequestId,
        comment_id: CommentId,
        subject: String,
        /// The reply's text; the notice shows its first line.
        text: String,
    },
    /// Support marked the ticket solved.
    Solved {
        request_id: RequestId,
        subject: String,
    },
    /// A platform incident was opened, updated or resolved (the status page's own words).
    Incident {
        id: String,
        name: String,
        phase: IncidentPhase,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentPhase {
    Opened,
    Updated,
    Resolved,
}

/// What the user chose in Settings. Saved whole (an older settings file without it gets the
/// defaults from the settings' own merge), so every field is always on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NotifyPrefs {
    pub replies: bool,
    pub solved: bool,
    pub incidents: bool,
    /// Daily quiet hours in the user's local time, e.g. 22:00 to 07:00.
    pub quiet_hours: Option<QuietHours>,
    /// "Do not disturb" from the tray, until this moment (RFC 3339).
    pub snoozed_until: Option<String>,
}

impl Default for NotifyPrefs {
    fn default() -> Self {
        Self {
            replies: true,
            solved: true,
            incidents: true,
            quiet_hours: None,
            snoozed_until: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct QuietHours {
    /// `HH:MM`, local time.
    #[specta(type = String)]
    pub from: Time,
    #[specta(type = String)]
    pub until: Time,
}

impl QuietHours {
    /// Whether `local` falls inside; a range such as 22:00–07:00 spans midnight.
    pub fn contains(self, local: Time) -> bool {
        if self.from <= self.until {
            self.from <= local && local < self.until
        } else {
            local >= self.from || local < self.until
        }
    }
}

/// Where a click on a notice takes the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeTarget {
    Ticket(RequestId),
    /// Several tickets: the list, on what waits for the user.
    Tickets,
    Status,
}

/// One desktop notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    pub target: NoticeTarget,
}

/// The moment a batch is decided, and where the user is.
#[derive(Debug, Clone, Copy)]
pub struct Moment<'a> {
    pub now: Timestamp,
    /// The same moment on the user's wall clock, for quiet hours.
    pub local_time: Time,
    pub language: Language,
    pub prefs: &'a NotifyPrefs,
    /// The ticket on screen while the window has the focus.
    pub viewing: Option<RequestId>,
}

/// What one batch came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    pub show: Vec<Notice>,
    /// Wanted, but not shown now (do not disturb, or over the cap).
    pub held: usize,
}

/// Remembers what was shown in the last minute, for the cap.
#[derive(Debug, Default)]
pub struct Notifier {
    shown_at: VecDeque<Timestamp>,
}

impl Notifier {
    pub fn decide(&mut self, happenings: Vec<Happening>, moment: Moment<'_>) -> Decision {
        let wanted: Vec<Happening> = happenings
            .into_iter()
            .filter(|happening| wanted(happening, &moment))
            .collect();
        if wanted.is_empty() {
            return Decision::default();
        }
        if do_not_disturb(&moment) {
            return Decision {
                show: Vec::new(),
                held: wanted.len(),
            };
        }
        let notices = group(wanted, moment.language);
        let minute_ago = moment.now - SignedDuration::from_secs(60);
        while self.shown_at.front().is_some_and(|at| *at <= minute_ago) {
            self.shown_at.pop_front();
        }
        let room = MAX_PER_MINUTE.saturating_sub(self.shown_at.len());
        let mut decision = Decision::default();
        for (index, (notice, covers)) in notices.into_iter().enumerate() {
            if index < room {
                self.shown_at.push_back(moment.now);
                decision.show.push(notice);
            } else {
                decision.held += covers;
            }
        }
        decision
    }
}

fn wanted(happening: &Happening, moment: &Moment<'_>) -> bool {
    let prefs = moment.prefs;
    match happening {
        Happening::AgentReply { request_id, .. } => {
            prefs.replies && moment.viewing != Some(*request_id)
        }
        Happening::Solved { .. } => prefs.solved,
        Happening::Incident { .. } => prefs.incidents,
    }
}

fn do_not_disturb(moment: &Moment<'_>) -> bool {
    let snoozed = snoozed(moment.prefs, moment.now);
    let quiet = moment
        .prefs
        .quiet_hours
        .is_some_and(|hours| hours.contains(moment.local_time));
    snoozed || quiet
}

/// Replies group into one notice when there are several; solved tickets and incidents stand
/// alone. Each notice comes with how many happenings it covers.
fn group(happenings: Vec<Happening>, language: Language) -> Vec<(Notice, usize)> {
    let (replies, others): (Vec<_>, Vec<_>) = happenings
        .into_iter()
        .partition(|happening| matches!(happening, Happening::AgentReply { .. }));
    let mut notices = Vec::new();
    match replies.as_slice() {
        [] => {}
        [Happening::AgentReply {
            request_id,
            subject,
            text,
            ..
        }] => notices.push((wording::reply(language, *request_id, subject, text), 1)),
        many => {
            let mut tickets: Vec<RequestId> = many
                .iter()
                .filter_map(|happening| match happening {
                    Happening::AgentReply { request_id, .. } => Some(*request_id),
                    _ => None,
                })
                .collect();
            tickets.sort_unstable();
            tickets.dedup();
            let notice = match tickets.as_slice() {
                [only] => wording::replies_on_one(language, *only, many.len(), subject_of(many)),
                _ => wording::replies_on_many(language, many.len(), tickets.len()),
            };
            notices.push((notice, many.len()));
        }
    }
    for happening in others {
        let notice = match happening {
            Happening::Solved {
                request_id,
                subject,
            } => wording::solved(language, request_id, &subject),
            Happening::Incident { name, phase, .. } => wording::incident(language, &name, phase),
            Happening::AgentReply { .. } => continue,
        };
        notices.push((notice, 1));
    }
    notices
}

fn subject_of(replies: &[Happening]) -> &str {
    match replies.first() {
        Some(Happening::AgentReply { subject, .. }) => subject,
        _ => "",
    }
}

#[cfg(test)]
mod tests;
