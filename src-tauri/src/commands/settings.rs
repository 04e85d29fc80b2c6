use helpline_core::{Settings, WireError};
use tauri::State;

use crate::AppState;

/// The user's saved settings (defaults on first run).
#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, WireError> {
    Ok(state.settings().load()?)
}

/// Saves the settings and applies the theme to the window frame; returns what was saved.
#[tauri::command]
#[specta::specta]
pub fn set_settings(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    mut settings: Settings,
) -> Result<Settings, WireError> {
    // "Do not disturb" is the tray's: a window holding older settings must not undo it.
    if let Ok(saved) = state.settings().load() {
        settings.notifications.snoozed_until = saved.notifications.snoozed_until;
        // Whether closing to the tray was explained is the app's record, not a choice.
        settings.tray_explained = saved.tray_explained;
    }
    state.settings().save(&settings)?;
    crate::theme::apply(&app, settings.theme);
    // The tray's words follow the language; its "paused" follows the snooze.
    crate::tray::refresh(&app, None);
    Ok(settings)
}
