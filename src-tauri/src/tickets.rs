//! The ticket backend of the app: a [`Tickets`] service on the current desk, kept in step by
//! a background task that tells the UI after every sync ([`TicketsUpdated`]).

use std::sync::Arc;

use helpline_core::{Store, TicketFields, Tickets, TicketsFolders, TicketsUpdate, ZendeskClient};
use serde::Serialize;
use specta::Type;
use tauri::Manager as _;
use tauri_specta::Event as _;

/// Sent to the UI after every sync, whether or not anything changed, so the status line
/// stays true.
#[derive(Debug, Clone, Serialize, Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct TicketsUpdated {
    pub update: TicketsUpdate,
}

/// The ticket service on `client`'s desk with its cache in `store`.
pub fn open(
    client: ZendeskClient,
    store: Store,
    fields: TicketFields,
    folders: TicketsFolders,
) -> Result<Arc<Tickets>, String> {
    let tickets = Tickets::new(Arc::new(client), store, fields, folders)
        .map_err(|error| error.to_string())?;
    Ok(Arc::new(tickets))
}

/// Tells every screen what a sync brought, whoever asked for it (the schedule or Sync now):
/// a ticket opened while a sync was on its way refreshes when it lands. Agent replies and
/// solved tickets also go to the desktop's notifications.
pub fn announce(app: &tauri::AppHandle, tickets: &Tickets, update: TicketsUpdate) {
    if !update.events.is_empty() {
        match tickets.happenings(&update.events) {
            Ok(happenings) => {
                let state = app.state::<crate::AppState>();
                let settings = state.settings().load().unwrap_or_default();
                state.notifications().announce(
                    app,
                    happenings,
                    state.language_of(&settings),
                    &settings.notifications,
                );
            }
            Err(error) => tracing::warn!(%error, "cannot read what the sync brought"),
        }
    }
    crate::tray::refresh(app, Some(update.status.unread));
    if let Err(error) = (TicketsUpdated { update }).emit(app) {
        tracing::warn!(%error, "cannot tell the window about a sync");
    }
}

/// Runs the sync schedule until the returned task is aborted (on sign-in or sign-out).
pub fn start_background_sync(
    app: tauri::AppHandle,
    tickets: Arc<Tickets>,
) -> tauri::async_runtime::JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        tickets.run(|update| announce(&app, &tickets, update)).await;
    })
}
