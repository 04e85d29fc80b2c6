use helpline_core::{AppDirs, SettingsStore};

/// What every command can reach: the app's directories and the stores built on them.
pub struct AppState {
    dirs: AppDirs,
    settings: SettingsStore,
}

impl AppState {
    pub fn new(dirs: AppDirs) -> Self {
        let settings = SettingsStore::new(dirs.settings_file());
        Self { dirs, settings }
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    pub fn settings(&self) -> &SettingsStore {
        &self.settings
    }
}
