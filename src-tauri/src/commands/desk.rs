use tauri::State;

use crate::desk::DeskStatus;
use crate::AppState;

/// Which help desk the app is using: the demo desk until an account is connected.
#[tauri::command]
#[specta::specta]
pub fn desk_status(state: State<'_, AppState>) -> DeskStatus {
    state.desk().status()
}
