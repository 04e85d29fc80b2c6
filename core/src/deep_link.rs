//! `helpline://` links: a web page, a chat message or an e-mail can point at a ticket
//! (`helpline://ticket/42`) or a search (`helpline://search?q=exports+stuck`). The desktop
//! starts Helpline with the link as its only argument (the `.deb`'s desktop file registers the
//! scheme); a running copy receives it through the single-instance hand-over.
//!
//! A link comes from anywhere, so it is parsed strictly: only these two forms, a ticket id that
//! is a plain number, a search text of sensible length. Anything else is refused with a reason
//! (logged; the window still comes forward).

use reqwest::Url;

use crate::helpdesk::RequestId;

/// The scheme Helpline registers with the desktop.
pub const DEEP_LINK_SCHEME: &str = "helpline";

/// The longest search text a link may carry; a longer one is cut at a character boundary.
const SEARCH_MAX_CHARS: usize = 200;

/// Where a `helpline://` link asks to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeepLink {
    Ticket(RequestId),
    /// The search screen with this text typed in.
    Search(String),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DeepLinkError {
    #[error("not a helpline:// link")]
    OtherScheme,
    #[error("helpline://{0} is not a place Helpline knows (ticket/ID or search?q=…)")]
    UnknownPlace(String),
    #[error("{0:?} is not a ticket number")]
    BadTicket(String),
    #[error("a search link needs its text in ?q=")]
    EmptySearch,
}

impl DeepLink {
    /// Reads one `helpline://` link.
    pub fn parse(text: &str) -> Result<Self, DeepLinkError> {
        let url = Url::parse(text.trim()).map_err(|_| DeepLinkError::OtherScheme)?;
        if url.scheme() != DEEP_LINK_SCHEME {
            return Err(DeepLinkError::OtherScheme);
        }
        let place = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let path = url.path().trim_matches('/');
        match place.as_str() {
            "ticket" | "tickets" => path
                .parse::<RequestId>()
                .ok()
                .filter(|id| *id > 0 && path.bytes().all(|byte| byte.is_ascii_digit()))
                .map(DeepLink::Ticket)
                .ok_or_else(|| DeepLinkError::BadTicket(path.to_owned())),
            "search" => {
                let query = url
                    .query_pairs()
                    .find(|(key, _)| key == "q")
                    .map(|(_, value)| clean_search_text(&value))
                    .unwrap_or_default();
                if query.is_empty() {
                    Err(DeepLinkError::EmptySearch)
                } else {
                    Ok(DeepLink::Search(query))
                }
            }
            _ => Err(DeepLinkError::UnknownPlace(place)),
        }
    }

    /// The link among a program's arguments (the desktop passes it alone, after the program's
    /// path); `None` when there is none. A malformed link is logged and skipped.
    pub fn from_args<S: AsRef<str>>(args: impl IntoIterator<Item = S>) -> Option<Self> {
        args.into_iter().find_map(|arg| {
            let arg = arg.as_ref();
            match Self::parse(arg) {
                Ok(link) => Some(link),
                Err(DeepLinkError::OtherScheme) => None,
                Err(error) => {
                    tracing::warn!(%error, "ignored a helpline:// link");
                    None
                }
            }
        })
    }

    /// The UI's address for the link's screen (`#/tickets/42`, `#/search/exports%20stuck`).
    pub fn screen_hash(&self) -> String {
        match self {
            DeepLink::Ticket(id) => format!("#/tickets/{id}"),
            DeepLink::Search(query) => format!(
                "#/search/{}",
                percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
            ),
        }
    }
}

/// One line of printable text, at most [`SEARCH_MAX_CHARS`] characters.
fn clean_search_text(raw: &str) -> String {
    let printable: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(SEARCH_MAX_CHARS)
        .collect();
    printable.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_link_opens_that_ticket() {
        for text in [
            "helpline://ticket/42",
            "helpline://ticket/42/",
            "helpline://tickets/42",
            "HELPLINE://Ticket/42",
            " helpline://ticket/42\n",
        ] {
            assert_eq!(DeepLink::parse(text), Ok(DeepLink::Ticket(42)), "{text}");
        }
        assert_eq!(
            DeepLink::parse("helpline://ticket/33153695249043"),
            Ok(DeepLink::Ticket(33_153_695_249_043))
        );
        assert_eq!(DeepLink::Ticket(42).screen_hash(), "#/tickets/42");
    }

    #[test]
    fn a_search_link_carries_its_text_decoded_and_tidied() {
        assert_eq!(
            DeepLink::parse("helpline://search?q=exports+stuck"),
            Ok(DeepLink::Search("exports stuck".into()))
        );
        assert_eq!(
            DeepLink::parse("helpline://search/?lang=fr&q=l%27export%20bloqu%C3%A9"),
            Ok(DeepLink::Search("l'export bloqué".into()))
        );
        assert_eq!(
            DeepLink::parse("helpline://search?q=a%0Ab%09%20%20c"),
            Ok(DeepLink::Search("a b c".into()))
        );
        let long = format!("helpline://search?q={}", "é".repeat(500));
        let Ok(DeepLink::Search(cut)) = DeepLink::parse(&long) else {
            panic!("a long search is cut, not refused");
        };
        assert_eq!(cut.chars().count(), SEARCH_MAX_CHARS);
    }

    #[test]
    fn the_search_text_is_encoded_for_the_screen_address() {
        let hash = DeepLink::Search("l'export / bloqué #2?".into()).screen_hash();
        assert_eq!(hash, "#/search/l%27export%20%2F%20bloqu%C3%A9%20%232%3F");
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        let refused = |text: &str| DeepLink::parse(text).unwrap_err();
        assert_eq!(
            refused("https://example.com/ticket/42"),
            DeepLinkError::OtherScheme
        );
        assert_eq!(refused("/home/dana/notes.txt"), DeepLinkError::OtherScheme);
        assert_eq!(refused("--minimized"), DeepLinkError::OtherScheme);
        assert_eq!(
            refused("helpline://settings/token"),
            DeepLinkError::UnknownPlace("settings".into())
        );
        for ticket in [
            "",
            "abc",
            "0",
            "-1",
            "+4",
            "42/comments",
            "99999999999999999999",
        ] {
            assert!(
                matches!(
                    refused(&format!("helpline://ticket/{ticket}")),
                    DeepLinkError::BadTicket(_)
                ),
                "{ticket}"
            );
        }
        assert_eq!(refused("helpline://search"), DeepLinkError::EmptySearch);
        assert_eq!(
            refused("helpline://search?q=%20%20"),
            DeepLinkError::EmptySearch
        );
    }

    #[test]
    fn the_link_is_found_among_the_programs_arguments() {
        let args = ["/usr/bin/helpline-app", "helpline://ticket/7"];
        assert_eq!(DeepLink::from_args(args), Some(DeepLink::Ticket(7)));
        assert_eq!(DeepLink::from_args(["/usr/bin/helpline-app"]), None);
        assert_eq!(
            DeepLink::from_args(["/usr/bin/helpline-app", "helpline://nowhere"]),
            None
        );
    }
}
