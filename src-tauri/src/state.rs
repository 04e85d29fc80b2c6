use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use docs_index::HelpLibrary;
use helpline_core::{
    AccountStore, AppDirs, DamageLog, ErrorCode, Language, LanguagePreference, ReadingListStore,
    Settings, SettingsStore, Tickets, VendorSupport, WireError,
};

use crate::desk::{Connection, DeskStatus};
use crate::notifications::Notifications;
use crate::sign_in::SignInSlot;

/// What every command can reach: the app's directories and the stores built on them.
pub struct AppState {
    dirs: AppDirs,
    settings: SettingsStore,
    reading_list: ReadingListStore,
    account: AccountStore,
    /// The files found damaged and set aside in this run, for the UI to say so.
    damage: DamageLog,
    /// The help index, or why it could not be opened (the rest of the app still works).
    library: Result<Arc<HelpLibrary>, String>,
    /// The desk in use; replaced when the user signs in or out.
    connection: RwLock<Connection>,
    sign_in: SignInSlot,
    notifications: Notifications,
}

impl AppState {
    pub fn new(dirs: AppDirs) -> Self {
        let damage = DamageLog::default();
        let settings = SettingsStore::new(dirs.settings_file()).reporting_to(damage.clone());
        let reading_list =
            ReadingListStore::new(dirs.reading_list_file()).reporting_to(damage.clone());
        let account = AccountStore::new(dirs.account_file()).reporting_to(damage.clone());
        let library = HelpLibrary::open(&dirs.index_dir()).map_err(|error| {
            tracing::error!(%error, "the help index cannot be opened");
            error.to_string()
        });
        let connection = tauri::async_runtime::block_on(Connection::at_start(&dirs, &damage));
        Self {
            dirs,
            settings,
            reading_list,
            account,
            damage,
            library,
            connection: RwLock::new(connection),
            sign_in: SignInSlot::default(),
            notifications: Notifications::default(),
        }
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    pub fn settings(&self) -> &SettingsStore {
        &self.settings
    }

    pub fn reading_list(&self) -> &ReadingListStore {
        &self.reading_list
    }

    pub fn account(&self) -> &AccountStore {
        &self.account
    }

    pub fn damage(&self) -> &DamageLog {
        &self.damage
    }

    pub fn notifications(&self) -> &Notifications {
        &self.notifications
    }

    /// The language the UI speaks with `settings` (the saved choice, or the system's).
    pub fn language_of(&self, settings: &Settings) -> Language {
        match settings.language {
            LanguagePreference::System => Language::of_system(),
            chosen => chosen.resolve(None),
        }
    }

    pub fn sign_in(&self) -> &SignInSlot {
        &self.sign_in
    }

    pub fn desk_status(&self) -> DeskStatus {
        self.connection().status()
    }

    /// The ticket service of the desk in use.
    pub fn tickets(&self) -> Result<Arc<Tickets>, WireError> {
        self.connection()
            .tickets()
            .map_err(|message| WireError::new(ErrorCode::Internal, message))
    }

    /// Plans, SLA and status of the desk in use.
    pub fn support(&self) -> Result<Arc<VendorSupport>, WireError> {
        self.connection()
            .support()
            .map_err(|message| WireError::new(ErrorCode::Internal, message))
    }

    /// Starts syncing the desk in use (once the window exists to hear about it).
    pub fn start_sync(&self, app: tauri::AppHandle) {
        self.connection_mut().start_sync(app);
    }

    /// Puts `next` in use, starts its sync and drops the previous connection.
    pub fn replace_connection(&self, mut next: Connection, app: tauri::AppHandle) -> DeskStatus {
        next.start_sync(app);
        let status = next.status();
        let previous = std::mem::replace(&mut *self.connection_mut(), next);
        drop(previous);
        status
    }

    pub fn library(&self) -> Result<&Arc<HelpLibrary>, WireError> {
        self.library
            .as_ref()
            .map_err(|message| WireError::new(ErrorCode::Internal, message.clone()))
    }

    fn connection(&self) -> RwLockReadGuard<'_, Connection> {
        self.connection
            .read()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn connection_mut(&self) -> RwLockWriteGuard<'_, Connection> {
        self.connection
            .write()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}
