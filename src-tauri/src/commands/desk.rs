//! Which desk the app uses, and signing in to a company's desk through the browser.

use helpline_core::{
    desk_address, AccountError, ErrorCode, PendingSignIn, SystemKeyring, WireError,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;
use tauri_plugin_opener::OpenerExt as _;

use crate::desk::{Connection, DeskStatus};
use crate::AppState;

/// Which help desk the app is using: the demo desk until an account is connected.
#[tauri::command]
#[specta::specta]
pub fn desk_status(state: State<'_, AppState>) -> DeskStatus {
    state.desk_status()
}

#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SignInRequest {
    /// What the user typed: `acme`, `help.acme.com` or a full address.
    pub desk_url: String,
    /// Another OAuth client than Helpline's own, when the desk's administrators made one;
    /// `None` signing in again to the same desk keeps the client it was signed in with.
    pub client_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SignInStarted {
    /// The desk's consent page, to show when the browser did not open.
    pub authorize_url: String,
    pub browser_opened: bool,
}

/// Starts signing in to a desk: checks the address, opens the browser on its consent page.
#[tauri::command]
#[specta::specta]
pub async fn begin_sign_in(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: SignInRequest,
) -> Result<SignInStarted, WireError> {
    let desk = desk_address(&request.desk_url)?;
    // Signing in again to the same desk keeps the OAuth client it was signed in with.
    let client_id = request
        .client_id
        .or_else(|| state.account().client_id_for(desk.as_str()));
    let pending = PendingSignIn::start(desk, client_id.as_deref()).await?;
    let authorize_url = pending.authorize_url().to_string();
    state.sign_in().hold(pending).await;
    let browser_opened = match app.opener().open_url(&authorize_url, None::<&str>) {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "cannot open the browser for the sign-in");
            false
        }
    };
    Ok(SignInStarted {
        authorize_url,
        browser_opened,
    })
}

/// Waits (up to 5 minutes) for the browser to come back, then connects the app to the desk.
#[tauri::command]
#[specta::specta]
pub async fn finish_sign_in(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<DeskStatus, WireError> {
    let signed_in = state.sign_in().wait().await?;
    let accounts = state.account().clone();
    let (account, tokens) = (signed_in.account.clone(), signed_in.tokens.clone());
    off_the_runtime(move || accounts.adopt(&SystemKeyring, &account, &tokens)).await?;
    let connection = Connection::company(
        state.dirs(),
        state.damage(),
        signed_in.account,
        signed_in.tokens,
    );
    Ok(state.replace_connection(connection, app))
}

/// Stops waiting for the browser.
#[tauri::command]
#[specta::specta]
pub async fn cancel_sign_in(state: State<'_, AppState>) -> Result<(), WireError> {
    state.sign_in().cancel().await;
    Ok(())
}

/// Forgets the desk's tokens and goes back to the demo desk. Its tickets and anything waiting
/// to be sent stay on disk for the next sign-in to the same desk.
#[tauri::command]
#[specta::specta]
pub async fn sign_out(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<DeskStatus, WireError> {
    let accounts = state.account().clone();
    off_the_runtime(move || accounts.sign_out(&SystemKeyring).map(|_| ())).await?;
    let demo = Connection::demo(state.dirs(), state.damage()).await;
    Ok(state.replace_connection(demo, app))
}

/// Runs a keyring call, which blocks on D-Bus, on a thread made for blocking.
async fn off_the_runtime(
    call: impl FnOnce() -> Result<(), AccountError> + Send + 'static,
) -> Result<(), WireError> {
    tauri::async_runtime::spawn_blocking(call)
        .await
        .map_err(|error| WireError::new(ErrorCode::Internal, error.to_string()))?
        .map_err(WireError::from)
}
