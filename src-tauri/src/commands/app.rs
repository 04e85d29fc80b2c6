use helpline_core::{AppInfo, DamagedFile, Language};
use tauri::State;

use crate::AppState;

/// The version and the folders shown in the About panel.
#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    let dirs = state.dirs();
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: dirs.data_dir().display().to_string(),
        config_dir: dirs.config_dir().display().to_string(),
        log_dir: dirs.log_dir().display().to_string(),
        system_language: Language::of_system(),
    }
}

/// The files found damaged in this run: each was set aside and replaced, and the UI says what
/// happened and what was kept.
#[tauri::command]
#[specta::specta]
pub fn damaged_files(state: State<'_, AppState>) -> Vec<DamagedFile> {
    state.damage().all()
}
