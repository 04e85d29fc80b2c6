//! The help search over the user's own tickets: found by subject or conversation with the help
//! search's forgiveness, kept up to date with what each sync brings, and never padded with
//! tickets that share one stray word.

use docs_index::Locale;
use helpline_core::{RequestStatus, TicketSearchHit};

use crate::helpers::{self, tickets_for, EXPORT_REQUEST};

fn ids(hits: &[TicketSearchHit]) -> Vec<u64> {
    hits.iter().map(|hit| hit.id).collect()
}

fn highlighted(hit: &TicketSearchHit) -> Vec<String> {
    hit.subject
        .iter()
        .chain(&hit.snippet)
        .filter(|part| part.highlighted)
        .map(|part| part.text.to_lowercase())
        .collect()
}

#[tokio::test]
async fn a_ticket_is_found_by_its_subject_or_conversation_as_forgivingly_as_an_article() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;

    for query in [
        "export csv timeout",
        "how do I export to csv",
        "exprot times out",
        "slow query in the export job",
    ] {
        let hits = tickets.search(query, Locale::En, 5).unwrap();
        assert_eq!(
            ids(&hits).first(),
            Some(&EXPORT_REQUEST),
            "{query}: {hits:?}"
        );
        assert_eq!(hits[0].status, RequestStatus::Open);
    }
    // The conversation's own words are shown, highlighted.
    let hits = tickets
        .search("filter the export by date range", Locale::En, 5)
        .unwrap();
    assert_eq!(ids(&hits).first(), Some(&EXPORT_REQUEST));
    assert!(
        highlighted(&hits[0]).contains(&"range".to_owned()),
        "{:?}",
        hits[0]
    );
    // French tickets, typed without accents.
    let hits = tickets
        .search("changer adresse e-mail", Locale::Fr, 5)
        .unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits[0]
            .subject
            .iter()
            .map(|part| part.text.as_str())
            .collect::<String>()
            .contains("adresse"),
        "{hits:?}"
    );
}

#[tokio::test]
async fn a_reply_that_arrives_with_a_sync_is_searchable_at_once() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;
    assert!(tickets
        .search("quarantined worker", Locale::En, 5)
        .unwrap()
        .is_empty());

    setup
        .desk
        .agent_reply(
            EXPORT_REQUEST,
            "The quarantined worker was restarted; try the export again.",
        )
        .await
        .unwrap();
    tickets.sync_now().await;
    let hits = tickets.search("quarantined worker", Locale::En, 5).unwrap();
    assert_eq!(ids(&hits), [EXPORT_REQUEST]);
    assert!(hits[0].unread, "the reply is not opened yet");
}

#[tokio::test]
async fn only_tickets_holding_most_of_the_words_are_shown_and_never_more_than_five() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;
    // Many tickets say "the" or "project"; none is about spreadsheets and invoices together.
    assert!(tickets
        .search("spreadsheet invoice project", Locale::En, 5)
        .unwrap()
        .is_empty());
    assert!(tickets.search("", Locale::En, 5).unwrap().is_empty());
    assert!(tickets.search("   ", Locale::En, 5).unwrap().is_empty());
    assert!(tickets.search("a", Locale::En, 50).unwrap().len() <= 5);
}
