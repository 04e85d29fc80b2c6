use helpline_core::ThemePreference;
use tauri::Manager as _;

/// Gives the native window frame the theme the user chose; the web UI follows through CSS.
pub fn apply(app: &tauri::AppHandle, preference: ThemePreference) {
    let theme = match preference {
        ThemePreference::System => None,
        ThemePreference::Light => Some(tauri::Theme::Light),
        ThemePreference::Dark => Some(tauri::Theme::Dark),
    };
    if let Some(window) = app.get_webview_window("main") {
        if let Err(error) = window.set_theme(theme) {
            tracing::warn!(%error, "could not set the window theme");
        }
    }
}
