use helpline_core::{ErrorCode, WireError};
use tauri_plugin_clipboard_manager::ClipboardExt as _;
use tauri_plugin_opener::OpenerExt as _;

/// Opens a web address in the system browser. Only http(s) addresses are accepted: the webview
/// never opens files or other schemes.
#[tauri::command]
#[specta::specta]
pub fn open_in_browser(app: tauri::AppHandle, url: String) -> Result<(), WireError> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(WireError::new(
            ErrorCode::InvalidInput,
            format!("only web addresses can be opened, not {url}"),
        ));
    }
    app.opener().open_url(&url, None::<&str>).map_err(|error| {
        WireError::new(
            ErrorCode::Internal,
            format!("the browser could not be opened: {error}"),
        )
    })
}

/// Puts text on the clipboard.
#[tauri::command]
#[specta::specta]
pub fn copy_text(app: tauri::AppHandle, text: String) -> Result<(), WireError> {
    app.clipboard().write_text(text).map_err(|error| {
        WireError::new(
            ErrorCode::Internal,
            format!("the clipboard is not available: {error}"),
        )
    })
}

/// Whether the desktop session starts Helpline at login.
#[tauri::command]
#[specta::specta]
pub fn open_at_login() -> Result<bool, WireError> {
    Ok(autostart()?.is_enabled())
}

/// Turns "open Helpline when I log in" on or off; returns how it now stands.
#[tauri::command]
#[specta::specta]
pub fn set_open_at_login(enabled: bool) -> Result<bool, WireError> {
    let autostart = autostart()?;
    let done = if enabled {
        autostart.enable()
    } else {
        autostart.disable()
    };
    done.map_err(|error| {
        WireError::new(
            ErrorCode::Internal,
            format!(
                "{} could not be changed: {error}",
                autostart.entry_path().display()
            ),
        )
    })?;
    Ok(autostart.is_enabled())
}

fn autostart() -> Result<helpline_core::Autostart, WireError> {
    helpline_core::Autostart::for_current_user().map_err(|error| {
        WireError::new(
            ErrorCode::Internal,
            format!("cannot find where the desktop keeps login programs: {error}"),
        )
    })
}

/// Whether the desktop shows tray icons (Settings says where things go when it does not).
#[tauri::command]
#[specta::specta]
pub async fn tray_available() -> bool {
    tauri::async_runtime::spawn_blocking(crate::tray::desktop_has_tray)
        .await
        .unwrap_or(false)
}
