//! The notices' words, in the user's language. Short: a notification shows two lines.

use super::{IncidentPhase, Notice, NoticeTarget};
use crate::helpdesk::RequestId;
use crate::Language;

/// How much of a reply's first line a notice shows.
const EXCERPT_CHARS: usize = 120;

pub(super) fn reply(language: Language, id: RequestId, subject: &str, text: &str) -> Notice {
    let title = match language {
        Language::En => format!("New reply: {subject}"),
        Language::Fr => format!("Nouvelle réponse : {subject}"),
    };
    Notice {
        title,
        body: first_line(text),
        target: NoticeTarget::Ticket(id),
    }
}

pub(super) fn replies_on_one(
    language: Language,
    id: RequestId,
    count: usize,
    subject: &str,
) -> Notice {
    let title = match language {
        Language::En => format!("{count} new replies"),
        Language::Fr => format!("{count} nouvelles réponses"),
    };
    Notice {
        title,
        body: subject.to_owned(),
        target: NoticeTarget::Ticket(id),
    }
}

pub(super) fn replies_on_many(language: Language, count: usize, tickets: usize) -> Notice {
    let (title, body) = match language {
        Language::En => (
            format!("{count} new replies on {tickets} tickets"),
            "Open Helpline to read them.".to_owned(),
        ),
        Language::Fr => (
            format!("{count} nouvelles réponses sur {tickets} demandes"),
            "Ouvrez Helpline pour les lire.".to_owned(),
        ),
    };
    Notice {
        title,
        body,
        target: NoticeTarget::Tickets,
    }
}

pub(super) fn solved(language: Language, id: RequestId, subject: &str) -> Notice {
    let title = match language {
        Language::En => format!("Ticket #{id} solved"),
        Language::Fr => format!("Demande n° {id} résolue"),
    };
    Notice {
        title,
        body: subject.to_owned(),
        target: NoticeTarget::Ticket(id),
    }
}

pub(super) fn incident(language: Language, name: &str, phase: IncidentPhase) -> Notice {
    let title = match (language, phase) {
        (Language::En, IncidentPhase::Opened) => "Platform incident",
        (Language::En, IncidentPhase::Updated) => "Platform incident updated",
        (Language::En, IncidentPhase::Resolved) => "Platform incident resolved",
        (Language::Fr, IncidentPhase::Opened) => "Incident sur la plateforme",
        (Language::Fr, IncidentPhase::Updated) => "Incident mis à jour",
        (Language::Fr, IncidentPhase::Resolved) => "Incident résolu",
    };
    Notice {
        title: title.to_owned(),
        body: name.to_owned(),
        target: NoticeTarget::Status,
    }
}

/// The first non-empty line, cut at a word near [`EXCERPT_CHARS`] with an ellipsis.
pub(super) fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    cut_at_word(line, EXCERPT_CHARS)
}

/// `text` when it has at most `most` characters; else its first `most` cut back to the last
/// space in their second half, and "…".
pub(crate) fn cut_at_word(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let cut: String = text.chars().take(most).collect();
    let at_word = cut.rfind(' ').filter(|at| *at > most / 2);
    format!("{}…", &cut[..at_word.unwrap_or(cut.len())])
}
