//! The vendor's platform status in the app: the desk's [`VendorSupport`] checks the status
//! page on its schedule, each check goes to the window ([`StatusUpdated`]: the Status screen,
//! the navigation's dot, the new-ticket form's banner) and incident news to the notifier.

use std::sync::Arc;

use helpline_core::{PlatformStatus, StatusUpdate, VendorSupport};
use serde::Serialize;
use specta::Type;
use tauri::Manager as _;
use tauri_specta::Event as _;

/// Sent after every status check, changed or not, so the age shown stays true.
#[derive(Debug, Clone, Serialize, Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct StatusUpdated {
    pub status: PlatformStatus,
}

/// Tells the window what a check found and hands incident news to the notifier.
pub fn announce(app: &tauri::AppHandle, update: StatusUpdate) {
    if !update.happenings.is_empty() {
        let state = app.state::<crate::AppState>();
        let settings = state.settings().load().unwrap_or_default();
        state.notifications().announce(
            app,
            update.happenings,
            state.language_of(&settings),
            &settings.notifications,
        );
    }
    if let Err(error) = (StatusUpdated {
        status: update.status,
    })
    .emit(app)
    {
        tracing::warn!(%error, "cannot tell the window about the platform status");
    }
}

/// Checks the status page on its schedule until the returned task is aborted.
pub fn start_status_checks(
    app: tauri::AppHandle,
    support: Arc<VendorSupport>,
) -> tauri::async_runtime::JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        support.status().run(|update| announce(&app, update)).await;
    })
}
