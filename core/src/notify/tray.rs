//! What the tray icon says and does, decided here so it is tested without a desktop: the
//! unread count beside the icon, the menu's words in the user's language, and the "do not
//! disturb" choices turned into the moment notifications resume.

use jiff::civil::Time;
use jiff::{SignedDuration, Timestamp, ToSpan as _, ZonedDateTime as Zoned};

use super::NotifyPrefs;
use crate::Language;

/// When "until tomorrow" ends: the start of a working morning.
const TOMORROW_MORNING: Time = Time::constant(8, 0, 0, 0);

/// A "do not disturb" choice from the tray's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snooze {
    OneHour,
    UntilTomorrow,
    Off,
}

impl Snooze {
    /// The notification preferences after this choice made at `now` (local time).
    pub fn apply(self, prefs: &NotifyPrefs, now: &Zoned) -> NotifyPrefs {
        let until = match self {
            Snooze::OneHour => Some(now.timestamp() + SignedDuration::from_hours(1)),
            Snooze::UntilTomorrow => tomorrow_morning(now),
            Snooze::Off => None,
        };
        NotifyPrefs {
            snoozed_until: until.map(|until| until.to_string()),
            ..prefs.clone()
        }
    }
}

fn tomorrow_morning(now: &Zoned) -> Option<Timestamp> {
    let tomorrow = now.date().checked_add(1.day()).ok()?;
    // Where 08:00 does not exist that day (a clock change), the next valid time.
    now.time_zone()
        .to_timestamp(tomorrow.to_datetime(TOMORROW_MORNING))
        .ok()
}

/// Whether notifications are snoozed at `now`.
pub fn snoozed(prefs: &NotifyPrefs, now: Timestamp) -> bool {
    prefs
        .snoozed_until
        .as_deref()
        .and_then(|until| until.parse::<Timestamp>().ok())
        .is_some_and(|until| now < until)
}

/// The text beside the tray icon: the number of tickets with an unread reply, none at zero.
pub fn tray_title(unread: u32) -> String {
    match unread {
        0 => String::new(),
        1..=99 => unread.to_string(),
        _ => "99+".into(),
    }
}

/// The tray menu's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayWords {
    pub open: &'static str,
    pub sync_now: &'static str,
    pub do_not_disturb: &'static str,
    pub one_hour: &'static str,
    pub until_tomorrow: &'static str,
    pub notifications_on: &'static str,
    pub quit: &'static str,
    /// The notification that explains, the first time, that closing the window kept Helpline.
    pub still_running: &'static str,
    pub still_running_how_to_quit: &'static str,
}

impl TrayWords {
    pub fn in_language(language: Language) -> Self {
        match language {
            Language::En => Self {
                open: "Open Helpline",
                sync_now: "Sync now",
                do_not_disturb: "Do not disturb",
                one_hour: "For 1 hour",
                until_tomorrow: "Until tomorrow morning",
                notifications_on: "Off (notify me)",
                quit: "Quit Helpline",
                still_running: "Helpline is still running",
                still_running_how_to_quit: "It stays in the tray to tell you when support replies. To quit, choose Quit Helpline in its menu; Settings → Startup can make closing the window quit.",
            },
            Language::Fr => Self {
                open: "Ouvrir Helpline",
                sync_now: "Synchroniser",
                do_not_disturb: "Ne pas déranger",
                one_hour: "Pendant 1 heure",
                until_tomorrow: "Jusqu'à demain matin",
                notifications_on: "Désactivé (me notifier)",
                quit: "Quitter Helpline",
                still_running: "Helpline reste ouvert",
                still_running_how_to_quit: "Il reste dans la zone de notification pour vous prévenir quand le support répond. Pour quitter, choisissez Quitter Helpline dans son menu ; Réglages → Démarrage permet de quitter en fermant la fenêtre.",
            },
        }
    }
}

/// The tooltip (where the desktop shows one): the unread count and the snooze, in words.
pub fn tray_tooltip(language: Language, unread: u32, snoozed: bool) -> String {
    let count = match (language, unread) {
        (Language::En, 0) => "No unread reply".to_owned(),
        (Language::En, 1) => "1 ticket with an unread reply".to_owned(),
        (Language::En, n) => format!("{n} tickets with unread replies"),
        (Language::Fr, 0) => "Aucune réponse non lue".to_owned(),
        (Language::Fr, 1) => "1 ticket avec une réponse non lue".to_owned(),
        (Language::Fr, n) => format!("{n} tickets avec des réponses non lues"),
    };
    match (snoozed, language) {
        (false, _) => format!("Helpline — {count}"),
        (true, Language::En) => format!("Helpline — {count} · notifications paused"),
        (true, Language::Fr) => format!("Helpline — {count} · notifications en pause"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Zoned {
        text.parse().unwrap()
    }

    #[test]
    fn one_hour_from_now_and_off_again() {
        let now = at("2026-12-07T16:30:00+01:00[Europe/Paris]");
        let snoozed = Snooze::OneHour.apply(&NotifyPrefs::default(), &now);
        assert_eq!(
            snoozed.snoozed_until.as_deref(),
            Some("2026-12-07T16:30:00Z")
        );
        assert!(snooze_holds(&snoozed, "2026-12-07T17:29:00+01:00"));
        assert!(!snooze_holds(&snoozed, "2026-12-07T17:30:00+01:00"));
        let on = Snooze::Off.apply(&snoozed, &now);
        assert_eq!(on.snoozed_until, None);
        assert!(on.replies && on.incidents, "the other choices stay");
    }

    #[test]
    fn until_tomorrow_ends_at_eight_in_the_morning_local_time_also_across_a_clock_change() {
        let evening = at("2026-12-07T23:10:00+01:00[Europe/Paris]");
        let until = Snooze::UntilTomorrow.apply(&NotifyPrefs::default(), &evening);
        assert_eq!(until.snoozed_until.as_deref(), Some("2026-12-08T07:00:00Z"));
        // The night clocks go back: 08:00 is then UTC+1, not +2.
        let before_change = at("2026-10-24T22:00:00+02:00[Europe/Paris]");
        let until = Snooze::UntilTomorrow.apply(&NotifyPrefs::default(), &before_change);
        assert_eq!(until.snoozed_until.as_deref(), Some("2026-10-25T07:00:00Z"));
    }

    #[test]
    fn the_title_counts_unread_tickets_and_the_words_speak_both_languages() {
        assert_eq!(tray_title(0), "");
        assert_eq!(tray_title(3), "3");
        assert_eq!(tray_title(250), "99+");
        assert_eq!(
            TrayWords::in_language(Language::Fr).quit,
            "Quitter Helpline"
        );
        assert_eq!(
            tray_tooltip(Language::En, 2, true),
            "Helpline — 2 tickets with unread replies · notifications paused"
        );
        assert_eq!(
            tray_tooltip(Language::Fr, 0, false),
            "Helpline — Aucune réponse non lue"
        );
    }

    fn snooze_holds(prefs: &NotifyPrefs, now: &str) -> bool {
        snoozed(prefs, now.parse().unwrap())
    }
}
