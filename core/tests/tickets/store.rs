//! The SQLite store: schema versions, list queries, unread marks, drafts.

use helpline_core::{
    DraftKey, NewTicketForm, ReplyDraft, RequestStatus, Store, StoreError, TicketFilter,
    TicketQuery, SCHEMA_VERSION,
};

use crate::helpers::{self, EXPORT_REQUEST, SEEDED_REQUESTS};

#[test]
fn migrations_are_idempotent_at_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpline.sqlite3");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let draft = NewTicketForm {
        problem: "half a thought".into(),
        ..NewTicketForm::default()
    };
    store.save_ticket_draft(&draft).unwrap();
    drop(store);

    for _ in 0..2 {
        let reopened = Store::open(&path).unwrap();
        assert_eq!(reopened.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(reopened.ticket_draft().unwrap(), Some(draft.clone()));
    }
}

#[test]
fn a_store_from_a_newer_helpline_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpline.sqlite3");
    drop(Store::open(&path).unwrap());
    let newer = SCHEMA_VERSION + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {newer}"))
        .unwrap();

    let error = Store::open(&path).unwrap_err();
    assert!(
        matches!(error, StoreError::TooNew { found, supported, .. } if found == newer && supported == SCHEMA_VERSION),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("newer Helpline") && message.contains("Update Helpline"),
        "{message}"
    );
}

#[test]
fn drafts_survive_reopen_and_are_kept_per_box() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpline.sqlite3");
    let store = Store::open(&path).unwrap();
    let form = NewTicketForm {
        subject: "Invoices".into(),
        problem: "The March invoice".into(),
        production_affected: Some(false),
        ..NewTicketForm::default()
    };
    let reply = ReplyDraft {
        body: "Thanks!".into(),
        ..ReplyDraft::default()
    };
    store.save_ticket_draft(&form).unwrap();
    store.save_reply_draft(EXPORT_REQUEST, &reply).unwrap();
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.ticket_draft().unwrap(), Some(form));
    assert_eq!(store.reply_draft(EXPORT_REQUEST).unwrap(), Some(reply));
    let key = DraftKey::Reply {
        request_id: EXPORT_REQUEST,
    };
    store.delete_draft(key).unwrap();
    assert!(store.reply_draft(EXPORT_REQUEST).unwrap().is_none());
    assert!(store.ticket_draft().unwrap().is_some());
}

#[tokio::test]
async fn ticket_lists_are_newest_activity_first_and_filter_by_status_and_subject() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let list = |query: TicketQuery| setup.store.tickets(&query).unwrap();

    let all = list(TicketQuery::new(TicketFilter::All));
    assert_eq!(all.len(), SEEDED_REQUESTS);
    assert!(all
        .windows(2)
        .all(|pair| (&pair[0].updated_at, pair[0].id) >= (&pair[1].updated_at, pair[1].id)));

    let open = list(TicketQuery::new(TicketFilter::Open));
    let awaiting = list(TicketQuery::new(TicketFilter::AwaitingReply));
    let done = list(TicketQuery::new(TicketFilter::Done));
    assert_eq!(open.len() + awaiting.len() + done.len(), all.len());
    assert!(open.iter().all(|t| matches!(
        t.status,
        RequestStatus::New | RequestStatus::Open | RequestStatus::Hold
    )));
    assert!(awaiting.iter().all(|t| t.status == RequestStatus::Pending));
    assert!(done.iter().all(|t| t.status.is_done()));
    assert!(!awaiting.is_empty() && !done.is_empty());

    let csv = list(TicketQuery::new(TicketFilter::All).search("csv EXPORT"));
    assert_eq!(csv.len(), 1);
    assert_eq!(csv[0].id, EXPORT_REQUEST);
    assert!(list(TicketQuery::new(TicketFilter::Done).search("csv")).is_empty());
    assert!(list(TicketQuery::new(TicketFilter::All).search("100%")).is_empty());

    let limited = TicketQuery {
        limit: Some(2),
        ..TicketQuery::new(TicketFilter::All)
    };
    assert_eq!(list(limited), all[..2]);

    // The newest activity moves a ticket to the top (closed ones take no replies).
    let oldest = open.last().unwrap().id;
    setup
        .desk
        .agent_reply(oldest, "Following up")
        .await
        .unwrap();
    setup.sync.sync_once().await.unwrap();
    assert_eq!(list(TicketQuery::new(TicketFilter::All))[0].id, oldest);
}

#[tokio::test]
async fn an_agent_reply_marks_the_ticket_unread_until_it_is_opened() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    setup
        .desk
        .agent_reply(EXPORT_REQUEST, "Please try again now.")
        .await
        .unwrap();
    setup.sync.sync_once().await.unwrap();

    let unread = |store: &Store| {
        store
            .ticket(EXPORT_REQUEST)
            .unwrap()
            .unwrap()
            .summary
            .unread
    };
    assert!(unread(&setup.store));
    setup.store.mark_read(EXPORT_REQUEST).unwrap();
    assert!(!unread(&setup.store));
    assert_eq!(
        setup
            .store
            .tickets(&TicketQuery::new(TicketFilter::All))
            .unwrap()
            .iter()
            .filter(|ticket| ticket.unread)
            .count(),
        0
    );
}

/// Schema 4 keeps each ticket's newest comment by someone else; a store written before it
/// gets the column filled from its comments, so unread marks survive the upgrade.
#[tokio::test]
async fn unread_marks_survive_the_upgrade_to_schema_4() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    setup
        .desk
        .agent_reply(EXPORT_REQUEST, "Any better now?")
        .await
        .unwrap();
    setup.sync.sync_once().await.unwrap();
    let path = setup.store.path().to_owned();
    let unread_ids = |store: &Store| -> Vec<u64> {
        store
            .tickets(&TicketQuery::new(TicketFilter::All))
            .unwrap()
            .iter()
            .filter(|ticket| ticket.unread)
            .map(|ticket| ticket.id)
            .collect()
    };
    assert_eq!(unread_ids(&setup.store), [EXPORT_REQUEST]);
    drop(setup.sync);
    drop(setup.outbox);
    drop(setup.store);

    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            // Back to version 3: without schema 4's column and schema 5's tables.
            "ALTER TABLE requests DROP COLUMN newest_foreign_comment_id; \
             DROP TABLE status_documents; DROP TABLE status_announced; \
             DROP TABLE customer_facts; PRAGMA user_version = 3;",
        )
        .unwrap();
    let upgraded = Store::open(&path).unwrap();
    assert_eq!(upgraded.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(unread_ids(&upgraded), [EXPORT_REQUEST]);
}
