use super::*;

fn reply(request_id: RequestId, comment_id: CommentId, text: &str) -> Happening {
    Happening::AgentReply {
        request_id,
        comment_id,
        subject: format!("Ticket {request_id}"),
        text: text.into(),
    }
}

fn at(now: &str, local: &str) -> (Timestamp, Time) {
    (now.parse().unwrap(), local.parse().unwrap())
}

fn moment<'a>(prefs: &'a NotifyPrefs, now: &str, local: &str) -> Moment<'a> {
    let (now, local_time) = at(now, local);
    Moment {
        now,
        local_time,
        language: Language::En,
        prefs,
        viewing: None,
    }
}

const NOON: &str = "2026-12-03T12:00:00Z";

#[test]
fn one_reply_shows_the_subject_and_the_first_line_and_opens_its_ticket() {
    let prefs = NotifyPrefs::default();
    let decision = Notifier::default().decide(
        vec![reply(
            42,
            1,
            "\n  Thanks, we found the cause.\nMore details below.",
        )],
        moment(&prefs, NOON, "12:00"),
    );
    assert_eq!(
        decision.show,
        [Notice {
            title: "New reply: Ticket 42".into(),
            body: "Thanks, we found the cause.".into(),
            target: NoticeTarget::Ticket(42),
        }]
    );
    assert_eq!(decision.held, 0);
}

#[test]
fn several_replies_group_into_one_notice() {
    let prefs = NotifyPrefs::default();
    let mut notifier = Notifier::default();
    let many = notifier.decide(
        vec![reply(1, 10, "a"), reply(2, 11, "b"), reply(1, 12, "c")],
        moment(&prefs, NOON, "12:00"),
    );
    assert_eq!(many.show.len(), 1);
    assert_eq!(many.show[0].title, "3 new replies on 2 tickets");
    assert_eq!(many.show[0].target, NoticeTarget::Tickets);

    let one_ticket = notifier.decide(
        vec![reply(7, 20, "a"), reply(7, 21, "b")],
        moment(&prefs, NOON, "12:00"),
    );
    assert_eq!(one_ticket.show[0].title, "2 new replies");
    assert_eq!(one_ticket.show[0].target, NoticeTarget::Ticket(7));
}

#[test]
fn nothing_for_a_reply_on_the_ticket_on_screen() {
    let prefs = NotifyPrefs::default();
    let mut looking = moment(&prefs, NOON, "12:00");
    looking.viewing = Some(42);
    let decision =
        Notifier::default().decide(vec![reply(42, 1, "hi"), reply(43, 2, "yo")], looking);
    assert_eq!(decision.show.len(), 1);
    assert_eq!(decision.show[0].target, NoticeTarget::Ticket(43));
}

#[test]
fn kinds_the_user_turned_off_are_not_shown_nor_held() {
    let prefs = NotifyPrefs {
        replies: false,
        incidents: false,
        ..NotifyPrefs::default()
    };
    let decision = Notifier::default().decide(
        vec![
            reply(1, 1, "hi"),
            Happening::Incident {
                id: "inc".into(),
                name: "API errors".into(),
                phase: IncidentPhase::Opened,
            },
            Happening::Solved {
                request_id: 5,
                subject: "Export".into(),
            },
        ],
        moment(&prefs, NOON, "12:00"),
    );
    assert_eq!(decision.show.len(), 1);
    assert_eq!(decision.show[0].title, "Ticket #5 solved");
    assert_eq!(decision.held, 0);
}

#[test]
fn quiet_hours_span_midnight_and_hold_what_arrives() {
    let prefs = NotifyPrefs {
        quiet_hours: Some(QuietHours {
            from: "22:00".parse().unwrap(),
            until: "07:00".parse().unwrap(),
        }),
        ..NotifyPrefs::default()
    };
    for (local, quiet) in [
        ("21:59", false),
        ("22:00", true),
        ("23:30", true),
        ("00:10", true),
        ("06:59", true),
        ("07:00", false),
    ] {
        let decision =
            Notifier::default().decide(vec![reply(1, 1, "hi")], moment(&prefs, NOON, local));
        assert_eq!(decision.show.is_empty(), quiet, "{local}");
        assert_eq!(decision.held, usize::from(quiet), "{local}");
    }
    let daytime = QuietHours {
        from: "12:00".parse().unwrap(),
        until: "14:00".parse().unwrap(),
    };
    assert!(daytime.contains("13:00".parse().unwrap()));
    assert!(!daytime.contains("14:00".parse().unwrap()));
}

#[test]
fn a_snooze_holds_until_it_ends() {
    let prefs = NotifyPrefs {
        snoozed_until: Some("2026-12-03T13:00:00Z".into()),
        ..NotifyPrefs::default()
    };
    let mut notifier = Notifier::default();
    let during = notifier.decide(vec![reply(1, 1, "hi")], moment(&prefs, NOON, "12:00"));
    assert_eq!((during.show.len(), during.held), (0, 1));
    let after = notifier.decide(
        vec![reply(1, 2, "hi")],
        moment(&prefs, "2026-12-03T13:00:00Z", "13:00"),
    );
    assert_eq!(after.show.len(), 1);
}

#[test]
fn no_more_than_three_notices_a_minute() {
    let prefs = NotifyPrefs::default();
    let mut notifier = Notifier::default();
    let solved = |id| Happening::Solved {
        request_id: id,
        subject: format!("S{id}"),
    };
    let first = notifier.decide(vec![solved(1), solved(2)], moment(&prefs, NOON, "12:00"));
    assert_eq!(first.show.len(), 2);
    let second = notifier.decide(
        vec![solved(3), solved(4), solved(5)],
        moment(&prefs, "2026-12-03T12:00:30Z", "12:00"),
    );
    assert_eq!((second.show.len(), second.held), (1, 2));
    let later = notifier.decide(
        vec![solved(6)],
        moment(&prefs, "2026-12-03T12:01:01Z", "12:01"),
    );
    assert_eq!(later.show.len(), 1, "the first two left the window");
}

#[test]
fn notices_speak_french() {
    let prefs = NotifyPrefs::default();
    let mut french = moment(&prefs, NOON, "12:00");
    french.language = Language::Fr;
    let decision = Notifier::default().decide(vec![reply(1, 1, "a"), reply(2, 2, "b")], french);
    assert_eq!(
        decision.show[0].title,
        "2 nouvelles réponses sur 2 demandes"
    );
}

#[test]
fn long_first_lines_are_cut_at_a_word() {
    let long = "word ".repeat(60);
    let excerpt = wording::first_line(&long);
    assert!(excerpt.ends_with('…'), "{excerpt}");
    assert!(excerpt.chars().count() <= 121);
    assert!(!excerpt.trim_end_matches('…').ends_with(' '));
}
