//! The ticket backend of the app: a [`Tickets`] service on the current desk, kept in step by
//! a background task that tells the UI after every sync ([`TicketsUpdated`]).

use std::sync::Arc;

use helpline_core::{
    AppDirs, ProviderProfile, Store, Tickets, TicketsFolders, TicketsUpdate, ZendeskClient,
};
use serde::Serialize;
use specta::Type;
use tauri_specta::Event as _;

use crate::desk::Desk;

/// Sent to the UI after every sync, whether or not anything changed, so the status line
/// stays true.
#[derive(Debug, Clone, Serialize, Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct TicketsUpdated {
    pub update: TicketsUpdate,
}

/// Opens the store and wires the service to the desk, or says why tickets cannot work.
pub fn open(dirs: &AppDirs, desk: &Desk) -> Result<Arc<Tickets>, String> {
    let Some((url, token)) = desk.connection() else {
        return Err("No help desk is available, so tickets cannot be shown. Restart Helpline; if it happens again, send the log file to support.".to_owned());
    };
    let client = ZendeskClient::new(&url, &token).map_err(|error| error.to_string())?;
    let store = Store::open(dirs.store_file()).map_err(|error| error.to_string())?;
    // Only the demo desk can be connected so far; its ticket form has the demo profile's fields.
    let tickets = Tickets::new(
        Arc::new(client),
        store,
        ProviderProfile::demo(),
        TicketsFolders::in_data_dir(dirs.data_dir()),
    )
    .map_err(|error| error.to_string())?;
    Ok(Arc::new(tickets))
}

/// Runs the sync schedule for as long as the app runs.
pub fn start_background_sync(app: tauri::AppHandle, tickets: Arc<Tickets>) {
    tauri::async_runtime::spawn(async move {
        tickets
            .run(|update| {
                let event = TicketsUpdated { update };
                if let Err(error) = event.emit(&app) {
                    tracing::warn!(%error, "cannot tell the window about a sync");
                }
            })
            .await;
    });
}
