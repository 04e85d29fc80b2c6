//! The main window, built from its configuration (`create: false` there) with the rules that
//! keep it Helpline: the webview never leaves the app's own pages and never opens a window.
//!
//! Closed to the tray, the window hides; after [`KEEP_HIDDEN_WINDOW`] hidden it is destroyed, so
//! that WebKit's web process (most of the app's memory) ends while Helpline waits in the tray,
//! and [`show`] builds it again when the user comes back. Drafts live in the core, so nothing
//! typed is lost; a quick return finds the window as it was left.
//!
//! Links in articles and comments are handled by the UI (the system browser opens web pages);
//! this is the backstop for everything else — a link a screen forgot, a script, a dropped
//! file — so that no other site can ever be shown inside Helpline's frame.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use helpline_core::TrayWords;
use tauri::webview::NewWindowResponse;
use tauri::Manager as _;
use tauri::{Url, WebviewUrl, WebviewWindowBuilder};
use tauri_specta::Event as _;

const MAIN: &str = "main";

/// How long a window closed to the tray keeps its webview.
const KEEP_HIDDEN_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Overrides [`KEEP_HIDDEN_WINDOW`], in seconds, for tests and benchmarks.
const KEEP_HIDDEN_WINDOW_ENV: &str = "HELPLINE_KEEP_HIDDEN_WINDOW_SECS";

/// Counts hides and shows, so that a release timer knows whether the window it was set for
/// has been shown since.
static VISIBILITY_CHANGES: AtomicU64 = AtomicU64::new(0);
/// The window was destroyed on purpose while hidden: Helpline keeps running in the tray.
static RELEASED: AtomicBool = AtomicBool::new(false);

/// Builds the main window, opened on the screen at `hash` (`#/tickets/42`) when given.
pub fn build_main(app: &tauri::AppHandle, hash: Option<String>) -> anyhow::Result<()> {
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
    WebviewWindowBuilder::from_config(app, &config)?
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
    RELEASED.store(false, Ordering::SeqCst);
    Ok(())
}

/// Shows the main window in front (a notice's click, the tray's Open, a second launch), on
/// the screen at `hash` when given. A window released while hidden is built again.
pub fn show(app: &tauri::AppHandle, hash: Option<String>) {
    // On the main thread, one at a time: callers come from the tray (main thread), D-Bus
    // (single instance, deep links) and notification threads, and two builds at once after a
    // release would both make a window.
    let handle = app.clone();
    if let Err(error) = app.run_on_main_thread(move || show_now(&handle, hash)) {
        tracing::warn!(%error, "cannot show the window");
    }
}

fn show_now(app: &tauri::AppHandle, hash: Option<String>) {
    VISIBILITY_CHANGES.fetch_add(1, Ordering::SeqCst);
    let existing = app.get_webview_window(MAIN);
    if existing.is_some() && RELEASED.load(Ordering::SeqCst) {
        // Released a moment ago and not gone yet: build it again once it is.
        let handle = app.clone();
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            show(&handle, hash);
        });
        return;
    }
    let Some(window) = existing else {
        // Built on the screen asked for: an event now would reach no page yet.
        if let Err(error) = build_main(app, hash) {
            tracing::warn!(%error, "cannot build the window again");
            return;
        }
        let state = app.state::<crate::AppState>();
        crate::theme::apply(app, state.settings().load().unwrap_or_default().theme);
        tracing::info!("window built again after its release");
        return;
    };
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
    if let Some(hash) = hash {
        if let Err(error) = (crate::notifications::NavigationRequested { hash }).emit(app) {
            tracing::warn!(%error, "cannot ask the window to open a screen");
        }
    }
}

/// Whether Helpline should go on although its last window is gone: it was released on purpose
/// while hidden in the tray.
pub fn released_on_purpose() -> bool {
    RELEASED.load(Ordering::SeqCst)
}

/// Destroys the hidden window after [`KEEP_HIDDEN_WINDOW`], unless it is shown before.
fn release_later(window: tauri::Window) {
    let hidden_as = VISIBILITY_CHANGES.fetch_add(1, Ordering::SeqCst) + 1;
    let keep = std::env::var(KEEP_HIDDEN_WINDOW_ENV)
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .map_or(KEEP_HIDDEN_WINDOW, Duration::from_secs);
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(keep).await;
        // Checked and done on the main thread, where `show` runs: a show cannot slip between.
        let app = window.app_handle().clone();
        let release = move || {
            let still_hidden = !window.is_visible().unwrap_or(true);
            if VISIBILITY_CHANGES.load(Ordering::SeqCst) != hidden_as || !still_hidden {
                return;
            }
            RELEASED.store(true, Ordering::SeqCst);
            match window.destroy() {
                Ok(()) => tracing::info!(?keep, "released the window hidden in the tray"),
                Err(error) => {
                    RELEASED.store(false, Ordering::SeqCst);
                    tracing::warn!(%error, "cannot release the hidden window");
                }
            }
        };
        if let Err(error) = app.run_on_main_thread(release) {
            tracing::warn!(%error, "cannot release the hidden window");
        }
    });
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
    release_later(window.clone());
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
