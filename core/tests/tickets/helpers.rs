//! Starting a desk and a client, store, sync engine and outbox wired to it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use demo_desk::{DemoConfig, DemoDesk, DemoHandle, Fault};
use helpline_core::{
    Comment, Helpdesk, Outbox, Outgoing, Request, Staging, Store, SyncEngine, TicketFields,
    Tickets, TicketsFolders, ZendeskClient,
};

/// Dana's "Cannot sign in after password reset": new, unassigned.
pub const SIGN_IN_REQUEST: u64 = 4_294_967_400;
/// Dana's "Export to CSV times out for large projects": open, assigned.
pub const EXPORT_REQUEST: u64 = 4_294_967_401;
/// Dana's "Two-factor codes not accepted": closed.
pub const CLOSED_REQUEST: u64 = 4_294_967_408;
/// How many requests Dana has in the seed.
pub const SEEDED_REQUESTS: usize = 12;

/// A desk and the tickets backend wired to it, with the store in a temporary folder.
pub struct Setup {
    pub desk: DemoHandle,
    pub client: Arc<ZendeskClient>,
    pub store: Store,
    pub sync: SyncEngine,
    pub outbox: Outbox,
    pub dir: tempfile::TempDir,
}

pub async fn start() -> Setup {
    start_with(DemoConfig::default()).await
}

pub async fn start_with(config: DemoConfig) -> Setup {
    let desk = DemoDesk::start(config).await.expect("the demo desk starts");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("helpline.sqlite3")).unwrap();
    let client = client_for(&desk);
    Setup {
        sync: SyncEngine::new(client.clone(), store.clone()),
        outbox: Outbox::new(client.clone(), store.clone(), staging_in(dir.path())),
        desk,
        client,
        store,
        dir,
    }
}

/// The ticket service the screens use, on the setup's desk, store and data folder.
pub fn tickets_for(setup: &Setup) -> Tickets {
    Tickets::new(
        setup.client.clone(),
        setup.store.clone(),
        TicketFields::demo(),
        TicketsFolders::in_data_dir(setup.dir.path()),
    )
    .unwrap()
}

/// A reply with `body` and no files on the export request.
pub fn export_reply(body: &str) -> Outgoing {
    Outgoing::Reply {
        request_id: EXPORT_REQUEST,
        body: body.into(),
        attachments: vec![],
    }
}

/// The outgoing folder of a data folder.
pub fn staging_in(dir: &Path) -> Staging {
    Staging::new(dir.join("outgoing"))
}

/// A desk whose database is a file, so it can be stopped and started again.
pub fn durable_desk_config(dir: &Path, port: u16) -> DemoConfig {
    DemoConfig {
        db_path: Some(desk_db(dir)),
        port,
        ..DemoConfig::default()
    }
}

fn desk_db(dir: &Path) -> PathBuf {
    dir.join("demo-desk.sqlite3")
}

pub fn client_for(desk: &DemoHandle) -> Arc<ZendeskClient> {
    Arc::new(ZendeskClient::new(&desk.zendesk_url(), desk.demo_token()).unwrap())
}

/// Everything the desk has for Dana, read with a separate client.
pub async fn desk_requests(desk: &DemoHandle) -> Vec<Request> {
    let client = client_for(desk);
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page = client.list_requests_page(cursor.as_ref()).await.unwrap();
        all.extend(page.requests);
        match page.next {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

pub async fn desk_comments(desk: &DemoHandle, request_id: u64) -> Vec<Comment> {
    client_for(desk)
        .comments_since(request_id, None)
        .await
        .unwrap()
        .comments
}

/// The next call under `route_prefix` reaches the desk, which does the work, but the
/// connection drops before the answer: the client cannot know whether it happened.
pub fn drop_next_answer(desk: &DemoHandle, route_prefix: impl Into<String>) {
    desk.inject(Fault {
        route_prefix: Some(route_prefix.into()),
        drop_after_headers: true,
        count: Some(1),
        ..Fault::default()
    })
    .unwrap();
}

/// How many requests on the desk carry `subject`: exactly-once checks count them.
pub async fn desk_requests_titled(desk: &DemoHandle, subject: &str) -> usize {
    desk_requests(desk)
        .await
        .into_iter()
        .filter(|request| request.subject == subject)
        .count()
}
