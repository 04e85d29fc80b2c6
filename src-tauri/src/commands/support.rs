//! Plans & SLA and platform status: thin calls into the desk's
//! [`helpline_core::VendorSupport`].

use helpline_core::{
    Channel, Coverage, NewTicketForm, PlansScreen, PlatformStatus, ResponseExpectation, WireError,
};
use tauri::State;

use super::tickets::DeskId;
use crate::AppState;

#[tauri::command]
#[specta::specta]
pub fn plans_overview(state: State<'_, AppState>) -> Result<PlansScreen, WireError> {
    Ok(state.support()?.plans(jiff::Timestamp::now())?)
}

/// The last known platform status, from the store (no network).
#[tauri::command]
#[specta::specta]
pub fn platform_status(state: State<'_, AppState>) -> Result<PlatformStatus, WireError> {
    Ok(state.support()?.status().current()?)
}

/// Reads the status page now ("Check now"); news goes to the notifier as after a scheduled
/// check.
#[tauri::command]
#[specta::specta]
pub async fn check_status(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<PlatformStatus, WireError> {
    let update = state.support()?.status().check().await?;
    let status = update.status.clone();
    crate::support::announce(&app, update);
    Ok(status)
}

/// When support's response is due on a ticket; `null` when the vendor gave no profile.
#[tauri::command]
#[specta::specta]
pub fn ticket_expectation(
    state: State<'_, AppState>,
    id: DeskId,
) -> Result<Option<ResponseExpectation>, WireError> {
    Ok(state.support()?.expectation(id.0, jiff::Timestamp::now())?)
}

/// Whether a ticket written as `form` would be covered by the SLA; `null` without a profile.
#[tauri::command]
#[specta::specta]
pub fn ticket_coverage(
    state: State<'_, AppState>,
    form: NewTicketForm,
    channel: Channel,
) -> Result<Option<Coverage>, WireError> {
    Ok(state.support()?.coverage(&form, channel)?)
}
