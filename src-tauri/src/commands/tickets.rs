//! The ticket screens' commands: thin calls into [`helpline_core::Tickets`].

use base64::Engine as _;
use helpline_core::{
    Capabilities, ErrorCode, FieldProblem, NewTicketForm, OutboxItem, OutgoingFile, ReplyDraft,
    SubmitOutcome, SyncStatus, TicketDetail, TicketQuery, TicketSummary, WireError,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;
use tauri_plugin_opener::OpenerExt as _;

use crate::AppState;

/// A ticket or attachment id from the desk (below 2^53, so a JavaScript number holds it).
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(transparent)]
pub struct DeskId(#[specta(type = specta_typescript::Number)] pub u64);

/// An outbox item's id.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(transparent)]
pub struct OutboxItemId(#[specta(type = specta_typescript::Number)] pub i64);

/// What the ticket screens need before anything else.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketsOverview {
    pub capabilities: Capabilities,
    pub status: SyncStatus,
}

/// A ticket and the reply the user had started on it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketView {
    pub ticket: TicketDetail,
    pub draft: ReplyDraft,
}

/// An image attachment, ready for an `<img>` (the content policy allows `data:` images).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentPreview {
    pub file_name: String,
    pub data_url: String,
}

#[tauri::command]
#[specta::specta]
pub fn tickets_overview(state: State<'_, AppState>) -> Result<TicketsOverview, WireError> {
    let tickets = state.tickets()?;
    Ok(TicketsOverview {
        capabilities: tickets.capabilities(),
        status: tickets.status(),
    })
}

#[tauri::command]
#[specta::specta]
pub fn list_tickets(
    state: State<'_, AppState>,
    query: TicketQuery,
) -> Result<Vec<TicketSummary>, WireError> {
    Ok(state.tickets()?.list(&query)?)
}

/// Opens a ticket from the cache (marking it read), with its reply draft.
#[tauri::command]
#[specta::specta]
pub fn open_ticket(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: DeskId,
) -> Result<TicketView, WireError> {
    let tickets = state.tickets()?;
    let ticket = tickets.open(id.0)?;
    // Opening marks the ticket read: the tray's count follows at once.
    crate::tray::refresh(&app, None);
    Ok(TicketView {
        ticket,
        draft: tickets.reply_draft(id.0)?,
    })
}

#[tauri::command]
#[specta::specta]
pub fn save_reply_draft(
    state: State<'_, AppState>,
    id: DeskId,
    draft: ReplyDraft,
) -> Result<(), WireError> {
    Ok(state.tickets()?.save_reply_draft(id.0, &draft)?)
}

/// Queues a reply; it is sent at once when the desk is reachable, later otherwise.
#[tauri::command]
#[specta::specta]
pub fn send_reply(
    state: State<'_, AppState>,
    id: DeskId,
    draft: ReplyDraft,
) -> Result<OutboxItem, WireError> {
    Ok(state.tickets()?.reply(id.0, draft)?)
}

#[tauri::command]
#[specta::specta]
pub fn solve_ticket(state: State<'_, AppState>, id: DeskId) -> Result<OutboxItem, WireError> {
    Ok(state.tickets()?.solve(id.0)?)
}

/// Puts a refused write back in line.
#[tauri::command]
#[specta::specta]
pub fn retry_outgoing(state: State<'_, AppState>, item: OutboxItemId) -> Result<(), WireError> {
    Ok(state.tickets()?.retry(item.0)?)
}

#[tauri::command]
#[specta::specta]
pub fn discard_outgoing(state: State<'_, AppState>, item: OutboxItemId) -> Result<(), WireError> {
    Ok(state.tickets()?.discard(item.0)?)
}

/// The saved new-ticket form (empty when there is none).
#[tauri::command]
#[specta::specta]
pub fn ticket_draft(state: State<'_, AppState>) -> Result<NewTicketForm, WireError> {
    Ok(state.tickets()?.ticket_draft()?)
}

#[tauri::command]
#[specta::specta]
pub fn save_ticket_draft(state: State<'_, AppState>, form: NewTicketForm) -> Result<(), WireError> {
    Ok(state.tickets()?.save_ticket_draft(&form)?)
}

#[tauri::command]
#[specta::specta]
pub fn discard_ticket_draft(state: State<'_, AppState>) -> Result<(), WireError> {
    Ok(state.tickets()?.discard_ticket_draft()?)
}

/// What would stop the form from being sent, checked as `submit_ticket` checks it; the form
/// re-checks with it while the user fixes what a send refused.
#[tauri::command]
#[specta::specta]
pub fn check_ticket_form(form: NewTicketForm) -> Vec<FieldProblem> {
    form.problems()
}

/// Checks the form and queues the new ticket, or says what to fix (the draft is kept).
#[tauri::command]
#[specta::specta]
pub fn submit_ticket(
    state: State<'_, AppState>,
    form: NewTicketForm,
) -> Result<SubmitOutcome, WireError> {
    Ok(state.tickets()?.submit(form)?)
}

/// "Talk to us": a quick question, sent as a low-priority question ticket.
#[tauri::command]
#[specta::specta]
pub fn ask_question(
    state: State<'_, AppState>,
    question: String,
) -> Result<SubmitOutcome, WireError> {
    Ok(state.tickets()?.ask(&question)?)
}

/// Keeps a copy of a file the user picked, dropped or pasted (`base64`: its bytes).
#[tauri::command]
#[specta::specta]
pub fn attach_file(
    state: State<'_, AppState>,
    file_name: String,
    base64: String,
) -> Result<OutgoingFile, WireError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.as_bytes())
        .map_err(|error| {
            WireError::new(
                ErrorCode::InvalidInput,
                format!("{file_name} could not be read ({error}); attach it again"),
            )
        })?;
    Ok(state.tickets()?.attach(&file_name, &bytes)?)
}

/// Forgets a file removed from a draft before sending.
#[tauri::command]
#[specta::specta]
pub fn detach_file(state: State<'_, AppState>, file: OutgoingFile) -> Result<(), WireError> {
    state.tickets()?.detach(&file);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn attachment_preview(
    state: State<'_, AppState>,
    id: DeskId,
) -> Result<AttachmentPreview, WireError> {
    let preview = state.tickets()?.image_preview(id.0).await?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&preview.bytes);
    Ok(AttachmentPreview {
        file_name: preview.file_name,
        data_url: format!("data:{};base64,{encoded}", preview.content_type),
    })
}

/// Saves an attachment into the Downloads folder and shows it there; returns where it went.
#[tauri::command]
#[specta::specta]
pub async fn save_attachment(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: DeskId,
) -> Result<String, WireError> {
    let folder = state.dirs().downloads_dir();
    let path = state.tickets()?.save_attachment(id.0, &folder).await?;
    if let Err(error) = app.opener().reveal_item_in_dir(&path) {
        tracing::info!(%error, "cannot show the saved attachment in its folder");
    }
    Ok(path.to_string_lossy().into_owned())
}

/// Sends what waits and syncs now; the status says how it went, and every screen hears the
/// update as after a scheduled sync — and, when the desk is slow to answer, hears early that
/// it is not answering.
#[tauri::command]
#[specta::specta]
pub async fn sync_tickets(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<SyncStatus, WireError> {
    let tickets = state.tickets()?;
    let (update, _) = tickets
        .sync_now_telling_slow(|slow| crate::tickets::announce(&app, &tickets, slow))
        .await;
    let status = update.status.clone();
    crate::tickets::announce(&app, &tickets, update);
    Ok(status)
}

/// The ticket on screen (`None` when none is): no notification for a reply the user sees.
#[tauri::command]
#[specta::specta]
pub fn set_viewing_ticket(state: State<'_, AppState>, id: Option<DeskId>) {
    state.notifications().set_viewing(id.map(|id| id.0));
}
