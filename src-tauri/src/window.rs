//! The main window, built from its configuration (`create: false` there) with the rules that
//! keep it Helpline: the webview never leaves the app's own pages and never opens a window.
//!
//! Links in articles and comments are handled by the UI (the system browser opens web pages);
//! this is the backstop for everything else — a link a screen forgot, a script, a dropped
//! file — so that no other site can ever be shown inside Helpline's frame.

use anyhow::Context as _;
use helpline_core::TrayWords;
use tauri::webview::NewWindowResponse;
use tauri::Manager as _;
use tauri::{Url, WebviewUrl, WebviewWindowBuilder};

const MAIN: &str = "main";

/// Builds the main window, opened on the screen at `hash` (`#/tickets/42`) when given.
pub fn build_main(app: &tauri::App, hash: Option<String>) -> anyhow::Result<()> {
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == MAIN)
        .context("tauri.conf.json has no main window")?
        .clone();
    if let Some(hash) = hash {
        config.url = WebviewUrl::App(format!("index.html{hash}").into());
    }
    WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(|url| {
            let allowed = is_app_page(url);
            if !allowed {
                tracing::warn!(%url, "refused a navigation away from Helpline");
            }
            allowed
        })
        .on_new_window(|url, _features| {
            tracing::warn!(%url, "refused to open a new window");
            NewWindowResponse::Deny
        })
        .build()
        .context("the main window could not be created")?;
    Ok(())
}

/// Closing the main window keeps Helpline in the tray (where the desktop shows one and the
/// user has not chosen to quit): the window hides, syncing and notifications go on, and the
/// tray's Open, a notification or a second launch bring it back. The first time, a notification
/// says so and how to quit. Without a tray the window closes and Helpline quits, as before.
pub fn on_close_requested(window: &tauri::Window, api: &tauri::CloseRequestApi) {
    if window.label() != MAIN {
        return;
    }
    let app = window.app_handle();
    let state = app.state::<crate::AppState>();
    let mut settings = state.settings().load().unwrap_or_default();
    if app.tray_by_id(crate::tray::TRAY_ID).is_none()
        || !settings.keeps_running_when_closed(crate::tray::desktop_has_tray())
    {
        return;
    }
    api.prevent_close();
    if let Err(error) = window.hide() {
        tracing::warn!(%error, "cannot hide the window");
        return;
    }
    tracing::info!("window closed to the tray");
    if !settings.tray_explained {
        let words = TrayWords::in_language(state.language_of(&settings));
        crate::notifications::tell(
            app.clone(),
            words.still_running,
            words.still_running_how_to_quit,
        );
        settings.tray_explained = true;
        if let Err(error) = state.settings().save(&settings) {
            tracing::warn!(%error, "cannot remember that closing to the tray was explained");
        }
    }
}

/// The app's own pages: `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost`
/// (Windows), any path or fragment.
fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(text: &str) -> bool {
        is_app_page(&Url::parse(text).unwrap())
    }

    #[test]
    fn only_the_apps_own_pages_may_be_shown() {
        assert!(allowed("tauri://localhost/"));
        assert!(allowed("tauri://localhost/index.html#/tickets/42"));
        assert!(allowed("http://tauri.localhost/#/search"));
        for elsewhere in [
            "https://evil.example/login",
            "http://localhost:8765/",
            "file:///home/dana/.ssh/id_ed25519",
            "https://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "tauri://evil.example/",
            "data:text/html,<h1>hi</h1>",
            "javascript:alert(1)",
            "about:blank",
        ] {
            assert!(!allowed(elsewhere), "{elsewhere}");
        }
    }
}
