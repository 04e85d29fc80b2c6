//! Plans & SLA and platform status: thin calls into the desk's
//! [`helpline_core::VendorSupport`].

use helpline_core::{
    Channel, Coverage, ErrorCode, NewTicketForm, PlansScreen, PlatformStatus, ProviderProfile,
    ResponseExpectation, WireError,
};
use tauri::State;

use super::tickets::DeskId;
use crate::desk::{Connection, DeskStatus};
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

/// Uses the vendor's profile at `source` (a file, or the https address the vendor publishes)
/// for the company desk in use: checked first (every problem said, nothing changed), then kept
/// in the desk's data folder, and the desk reconnected under it.
#[tauri::command]
#[specta::specta]
pub async fn use_vendor_profile(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    source: String,
) -> Result<PlansScreen, WireError> {
    let DeskStatus::Connected { url, .. } = state.desk_status() else {
        return Err(WireError::new(
            ErrorCode::InvalidInput,
            "The demo desk comes with its own profile. Connect your company's help desk in Settings first.",
        ));
    };
    let given = ProviderProfile::from_source(&source)
        .await
        .map_err(|error| WireError::new(ErrorCode::InvalidInput, error.to_string()))?;
    let folder = state.dirs().desk_data_dir(&url);
    keep_profile(&folder, &given.text)
        .map_err(|error| WireError::new(ErrorCode::Internal, error.to_string()))?;
    tracing::info!(desk = %url, %source, "the vendor's profile is now in use");
    let connection = Connection::at_start(state.dirs(), state.damage()).await;
    state.replace_connection(connection, app);
    Ok(state.support()?.plans(jiff::Timestamp::now())?)
}

/// Writes the profile next to the desk's store through a temporary file, so a crash never
/// leaves half a profile.
fn keep_profile(folder: &std::path::Path, text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let name = ProviderProfile::FILE_NAME;
    let temporary = folder.join(format!("{name}.new"));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, folder.join(name))
}
