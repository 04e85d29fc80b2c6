//! Which help desk the app talks to: the company desk the user signed in to, or, until then,
//! the demo desk in-process on loopback, so every feature works on first run. A
//! [`Connection`] owns the ticket service on that desk and its background sync; signing in or
//! out builds a new one and drops the old (which stops its sync and, for the demo, its server).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use demo_desk::{DemoConfig, DemoDesk, DemoHandle};
use helpline_core::{
    AccountStore, AppDirs, DamageLog, DeskAccount, KeyringTokens, OAuthTokens, ProfileError,
    ProviderProfile, Store, TicketFields, Tickets, TicketsFolders, VendorSupport, ZendeskClient,
};
use serde::Serialize;
use specta::Type;

/// How long the demo agent takes to answer a new request: long enough to see the request wait,
/// short enough to see the reply (and its notification) arrive.
const DEMO_AGENT_REPLY_DELAY: Duration = Duration::from_secs(20);

/// What the app is connected to, for the banner and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum DeskStatus {
    /// The built-in demo desk, serving sample data at `url`.
    #[serde(rename_all = "camelCase")]
    Demo { url: String },
    /// A company's help desk the user signed in to.
    #[serde(rename_all = "camelCase")]
    Connected {
        url: String,
        user_name: String,
        user_email: Option<String>,
    },
    /// The demo desk could not start; `message` says why.
    #[serde(rename_all = "camelCase")]
    Unavailable { message: String },
}

/// The desk in use, the ticket service and vendor support on it, and the tasks that keep them
/// current.
pub struct Connection {
    status: DeskStatus,
    /// Kept for as long as the connection lives: dropping the handle stops the demo server.
    _demo: Option<DemoHandle>,
    /// The ticket service, or why it could not start (the rest of the app still works).
    tickets: Result<Arc<Tickets>, String>,
    /// Plans, SLA and status under the vendor's profile, on the same store.
    support: Result<Arc<VendorSupport>, String>,
    background: Vec<tauri::async_runtime::JoinHandle<()>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        for task in self.background.drain(..) {
            task.abort();
        }
    }
}

/// A vendor's profile as read for a desk, and where from.
struct ProfileSource {
    profile: Result<Option<ProviderProfile>, ProfileError>,
    source: String,
}

impl ProfileSource {
    /// The company desk's profile in its data folder, when the user gave one.
    fn in_folder(folder: &Path) -> Self {
        let path = folder.join(ProviderProfile::FILE_NAME);
        let profile = match path.exists() {
            true => ProviderProfile::load(&path).map(Some),
            false => Ok(None),
        };
        Self {
            profile,
            source: path.display().to_string(),
        }
    }

    fn fields(&self) -> TicketFields {
        match &self.profile {
            Ok(Some(profile)) => profile.ticket_fields.clone(),
            // The form still works without a profile: its answers go into the description.
            _ => TicketFields::demo(),
        }
    }
}

impl Connection {
    /// The desk of the last sign-in when its tokens are still in the keyring, else the demo.
    pub async fn at_start(dirs: &AppDirs, damage: &DamageLog) -> Self {
        match saved_sign_in(dirs, damage).await {
            Some((account, tokens)) => Self::company(dirs, damage, account, tokens),
            None => Self::demo(dirs, damage).await,
        }
    }

    /// The demo desk, with its state in the data folder so a demo survives restarts.
    pub async fn demo(dirs: &AppDirs, damage: &DamageLog) -> Self {
        let config = DemoConfig {
            db_path: Some(dirs.data_dir().join("demo-desk.sqlite3")),
            agent_reply_delay: Some(DEMO_AGENT_REPLY_DELAY),
            ..DemoConfig::default()
        };
        match DemoDesk::start(config).await {
            Ok(handle) => {
                let url = handle.base_url();
                tracing::info!(%url, "demo help desk running");
                let profile = ProfileSource {
                    profile: Ok(Some(ProviderProfile::demo(&url))),
                    source: "demo".into(),
                };
                let opened = ZendeskClient::new(&handle.zendesk_url(), handle.demo_token())
                    .map_err(|error| error.to_string())
                    .and_then(|client| open_tickets(client, dirs.data_dir(), damage, profile));
                Self::new(DeskStatus::Demo { url }, Some(handle), opened)
            }
            Err(error) => {
                tracing::error!(%error, "the demo help desk could not start");
                let message = format!("The demo help desk could not start: {error}. Restart Helpline; if it happens again, send the log file to support.");
                Self::new(DeskStatus::Unavailable { message }, None, Err(no_desk()))
            }
        }
    }

    /// The company desk of `account`, signed in with `tokens`; refreshed tokens go back to
    /// the keyring.
    pub fn company(
        dirs: &AppDirs,
        damage: &DamageLog,
        account: DeskAccount,
        tokens: OAuthTokens,
    ) -> Self {
        let sink = KeyringTokens::for_desk(&account.desk_url).sink();
        let folder = dirs.desk_data_dir(&account.desk_url);
        let opened =
            ZendeskClient::with_oauth(&account.desk_url, tokens, &account.client_id, Some(sink))
                .map_err(|error| error.to_string())
                .and_then(|client| {
                    open_tickets(client, &folder, damage, ProfileSource::in_folder(&folder))
                });
        tracing::info!(desk = %account.desk_url, "connected to the company help desk");
        let status = DeskStatus::Connected {
            url: account.desk_url,
            user_name: account.user_name,
            user_email: account.user_email,
        };
        Self::new(status, None, opened)
    }

    fn new(status: DeskStatus, demo: Option<DemoHandle>, opened: Result<Opened, String>) -> Self {
        if let Err(error) = &opened {
            tracing::error!(%error, "tickets are unavailable");
        }
        let (tickets, support) = match opened {
            Ok(opened) => (Ok(opened.tickets), opened.support),
            Err(error) => (Err(error.clone()), Err(error)),
        };
        Self {
            status,
            _demo: demo,
            tickets,
            support,
            background: Vec::new(),
        }
    }

    /// Runs the sync schedule of this connection's tickets and the status page checks until
    /// the connection is dropped.
    pub fn start_sync(&mut self, app: tauri::AppHandle) {
        if let Ok(tickets) = &self.tickets {
            self.background.push(crate::tickets::start_background_sync(
                app.clone(),
                tickets.clone(),
            ));
        }
        if let Ok(support) = &self.support {
            self.background
                .push(crate::support::start_status_checks(app, support.clone()));
        }
    }

    pub fn status(&self) -> DeskStatus {
        self.status.clone()
    }

    pub fn tickets(&self) -> Result<Arc<Tickets>, String> {
        self.tickets.clone()
    }

    pub fn support(&self) -> Result<Arc<VendorSupport>, String> {
        self.support.clone()
    }
}

/// The ticket service of a desk, and vendor support on the same store (or why not).
struct Opened {
    tickets: Arc<Tickets>,
    support: Result<Arc<VendorSupport>, String>,
}

fn no_desk() -> String {
    "No help desk is available, so tickets cannot be shown. Restart Helpline; if it happens again, send the log file to support.".to_owned()
}

/// The desk's ticket service on its store in `folder` (a damaged store is replaced, keeping
/// what was not sent, and said in `damage`), and vendor support under `profile`.
fn open_tickets(
    client: ZendeskClient,
    folder: &Path,
    damage: &DamageLog,
    profile: ProfileSource,
) -> Result<Opened, String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    let store = Store::open_or_recover(folder.join("helpline.sqlite3"), damage)
        .map_err(|error| error.to_string())?;
    if let Err(error) = &profile.profile {
        tracing::warn!(%error, source = %profile.source, "the vendor's profile is unusable");
    }
    let tickets = crate::tickets::open(
        client,
        store.clone(),
        profile.fields(),
        TicketsFolders::in_data_dir(folder),
    )?;
    let support = VendorSupport::new(profile.profile, &profile.source, store)
        .map(Arc::new)
        .map_err(|error| error.to_string());
    Ok(Opened { tickets, support })
}

/// The saved account and its tokens, when both are there. A missing or unreadable keyring
/// entry means signing in again, so the app starts on the demo desk and says why in the log.
async fn saved_sign_in(dirs: &AppDirs, damage: &DamageLog) -> Option<(DeskAccount, OAuthTokens)> {
    let accounts = AccountStore::new(dirs.account_file()).reporting_to(damage.clone());
    let account = match accounts.load() {
        Ok(account) => account?,
        Err(error) => {
            tracing::warn!(%error, "the saved help desk account is unusable");
            return None;
        }
    };
    let keyring = KeyringTokens::for_desk(&account.desk_url);
    // The keyring blocks on D-Bus: a thread made for blocking.
    let loaded = tauri::async_runtime::spawn_blocking(move || keyring.load())
        .await
        .map_err(|error| error.to_string())
        .and_then(|loaded| loaded.map_err(|error| error.to_string()));
    match loaded {
        Ok(Some(tokens)) => Some((account, tokens)),
        Ok(None) => {
            tracing::warn!(desk = %account.desk_url, "no sign-in in the keyring; using the demo desk");
            None
        }
        Err(error) => {
            tracing::warn!(%error, "cannot read the sign-in; using the demo desk");
            None
        }
    }
}
