use std::sync::Arc;

use docs_index::HelpLibrary;
use helpline_core::{AppDirs, ErrorCode, ReadingListStore, SettingsStore, Tickets, WireError};

use crate::desk::Desk;

/// What every command can reach: the app's directories and the stores built on them.
pub struct AppState {
    dirs: AppDirs,
    settings: SettingsStore,
    reading_list: ReadingListStore,
    /// The help index, or why it could not be opened (the rest of the app still works).
    library: Result<Arc<HelpLibrary>, String>,
    desk: Desk,
    /// The ticket service, or why it could not start (the rest of the app still works).
    tickets: Result<Arc<Tickets>, String>,
}

impl AppState {
    pub fn new(dirs: AppDirs) -> Self {
        let settings = SettingsStore::new(dirs.settings_file());
        let reading_list = ReadingListStore::new(dirs.reading_list_file());
        let library = HelpLibrary::open(&dirs.index_dir()).map_err(|error| {
            tracing::error!(%error, "the help index cannot be opened");
            error.to_string()
        });
        // No account can be connected yet: the demo desk serves every help desk feature.
        let desk = Desk::start_demo(dirs.data_dir());
        let tickets = crate::tickets::open(&dirs, &desk).inspect_err(|error| {
            tracing::error!(%error, "tickets are unavailable");
        });
        Self {
            tickets,
            dirs,
            settings,
            reading_list,
            library,
            desk,
        }
    }

    pub fn desk(&self) -> &Desk {
        &self.desk
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

    pub fn tickets(&self) -> Result<&Tickets, WireError> {
        self.tickets_handle().map(|tickets| &**tickets)
    }

    /// The shared service, for work that outlives a command call.
    pub fn tickets_handle(&self) -> Result<&Arc<Tickets>, WireError> {
        self.tickets
            .as_ref()
            .map_err(|message| WireError::new(ErrorCode::Internal, message.clone()))
    }

    pub fn library(&self) -> Result<&Arc<HelpLibrary>, WireError> {
        self.library
            .as_ref()
            .map_err(|message| WireError::new(ErrorCode::Internal, message.clone()))
    }
}
