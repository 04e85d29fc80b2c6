//! Damaged files never lock the user out: the ticket store, the account, the reading list and
//! the settings are set aside, the app goes on, and what the user wrote and did not send
//! survives.

use std::io::{Seek as _, SeekFrom, Write as _};
use std::path::Path;

use helpline_core::{
    AccountStore, ArticleRef, DamageLog, DamagedFileKind, DeskAccount, OutboxState,
    ReadingListStore, ReplyDraft, SettingsStore, Store, TicketFilter, TicketQuery,
};

use crate::helpers::{self, EXPORT_REQUEST};

#[test]
fn a_store_that_is_not_a_database_is_set_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpline.sqlite3");
    std::fs::write(
        &path,
        b"this is not SQLite at all, just some bytes ".repeat(200),
    )
    .unwrap();
    let log = DamageLog::default();
    let store = Store::open_or_recover(&path, &log).unwrap();
    assert!(store
        .tickets(&TicketQuery::new(TicketFilter::All))
        .unwrap()
        .is_empty());
    let damaged = log.all();
    assert_eq!(damaged.len(), 1);
    assert_eq!(damaged[0].kind, DamagedFileKind::TicketStore);
    let kept = std::fs::read(&damaged[0].kept_at).unwrap();
    assert!(
        kept.starts_with(b"this is not SQLite"),
        "the damaged copy is kept"
    );
}

/// Overwrites the last `bytes` of the file: the pages written last (here, filler rows) become
/// garbage, the early ones (the outbox, the drafts) stay readable.
fn damage_tail(path: &Path, bytes: u64) {
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    let length = file.metadata().unwrap().len();
    file.seek(SeekFrom::Start(length - bytes)).unwrap();
    file.write_all(&vec![0xA5; bytes as usize]).unwrap();
}

#[tokio::test]
async fn a_damaged_store_keeps_the_unsent_reply_and_the_draft() {
    let setup = helpers::start().await;
    let path = setup.store.path().to_path_buf();
    let body = "Written on the train, not sent yet.";
    setup.outbox.enqueue(helpers::export_reply(body)).unwrap();
    let draft = ReplyDraft {
        body: "Half a thought".into(),
        attachments: vec![],
    };
    setup
        .store
        .save_reply_draft(EXPORT_REQUEST, &draft)
        .unwrap();
    {
        // Pages after the outbox's, then everything in the main file.
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch(
                "CREATE TABLE filler (data BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                 INSERT INTO filler SELECT randomblob(3000) FROM n;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
    }
    let helpers::Setup {
        store,
        outbox,
        sync,
        dir: _dir,
        ..
    } = setup;
    drop((store, outbox, sync));
    damage_tail(&path, 200 * 1024);

    let log = DamageLog::default();
    let store = Store::open_or_recover(&path, &log).unwrap();
    let damaged = log.all();
    assert_eq!(damaged.len(), 1, "{damaged:?}");
    assert_eq!(damaged[0].outbox_items_kept, 1);
    assert_eq!(damaged[0].drafts_kept, 1);
    assert!(Path::new(&damaged[0].kept_at).is_file());
    assert_eq!(store.reply_draft(EXPORT_REQUEST).unwrap(), Some(draft));

    // The reply still goes out, once, from the new store.
    let desk = helpers::start().await;
    let outbox = helpline_core::Outbox::new(
        desk.client.clone(),
        store,
        helpers::staging_in(desk.dir.path()),
    );
    let items = outbox.items().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].state, OutboxState::Waiting);
    assert_eq!(outbox.flush().await.unwrap().sent.len(), 1);
    let copies = helpers::desk_comments(&desk.desk, EXPORT_REQUEST)
        .await
        .into_iter()
        .filter(|comment| comment.body == body)
        .count();
    assert_eq!(copies, 1);
}

#[test]
fn a_sound_store_is_opened_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpline.sqlite3");
    drop(Store::open(&path).unwrap());
    let log = DamageLog::default();
    Store::open_or_recover(&path, &log).unwrap();
    assert!(log.all().is_empty());
}

#[test]
fn a_damaged_account_reads_as_signed_out_and_signing_in_again_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("account.json");
    std::fs::write(&path, "{\"deskUrl\": \"https://acme.zen").unwrap();
    let log = DamageLog::default();
    let accounts = AccountStore::new(&path).reporting_to(log.clone());
    assert_eq!(accounts.load().unwrap(), None);
    assert_eq!(log.all()[0].kind, DamagedFileKind::Account);
    let account = DeskAccount {
        desk_url: "https://acme.zendesk.com".into(),
        client_id: "helpline_desktop".into(),
        user_name: "Dana".into(),
        user_email: None,
    };
    accounts.save(&account).unwrap();
    assert_eq!(accounts.load().unwrap(), Some(account));
    accounts.clear().unwrap();
    assert_eq!(accounts.load().unwrap(), None);
}

#[test]
fn a_damaged_reading_list_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reading-list.json");
    std::fs::write(&path, "{\"recent\": [{\"id\": \"a\"").unwrap();
    let log = DamageLog::default();
    let lists = ReadingListStore::new(&path).reporting_to(log.clone());
    let list = lists
        .update(|list| {
            list.opened(ArticleRef {
                id: "b".into(),
                locale: "en".into(),
                title: "B".into(),
            })
        })
        .unwrap();
    assert_eq!(list.recent.len(), 1);
    let damaged = log.all();
    assert_eq!(damaged[0].kind, DamagedFileKind::ReadingList);
    assert_eq!(
        std::fs::read_to_string(&damaged[0].kept_at).unwrap(),
        "{\"recent\": [{\"id\": \"a\"",
        "the damaged list is kept for the user"
    );
}

#[test]
fn damaged_settings_are_reported_and_defaults_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(&path, "{\"theme\": ").unwrap();
    let log = DamageLog::default();
    let settings = SettingsStore::new(&path).reporting_to(log.clone());
    assert_eq!(settings.load().unwrap(), Default::default());
    assert_eq!(log.all()[0].kind, DamagedFileKind::Settings);
}
