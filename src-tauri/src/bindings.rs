//! The generated TypeScript bindings: every command and type the UI uses comes from here.

use std::path::{Path, PathBuf};

use specta_typescript::Typescript;
use tauri_specta::{collect_commands, collect_events, ErrorHandlingMode};

use crate::commands;

/// The command list, as Tauri's invoke handler and as the source of the TypeScript bindings.
pub fn builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app::app_info,
            commands::app::damaged_files,
            commands::settings::get_settings,
            commands::settings::set_settings,
            commands::desk::desk_status,
            commands::desk::begin_sign_in,
            commands::desk::finish_sign_in,
            commands::desk::cancel_sign_in,
            commands::desk::sign_out,
            commands::search::search_status,
            commands::search::search_articles,
            commands::search::search_tickets,
            commands::search::starter_articles,
            commands::search::search_sections,
            commands::search::open_article,
            commands::search::reading_list,
            commands::search::set_bookmark,
            commands::desktop::open_in_browser,
            commands::desktop::copy_text,
            commands::desktop::open_at_login,
            commands::desktop::set_open_at_login,
            commands::desktop::tray_available,
            commands::tickets::tickets_overview,
            commands::tickets::list_tickets,
            commands::tickets::open_ticket,
            commands::tickets::save_reply_draft,
            commands::tickets::send_reply,
            commands::tickets::solve_ticket,
            commands::tickets::retry_outgoing,
            commands::tickets::discard_outgoing,
            commands::tickets::ticket_draft,
            commands::tickets::save_ticket_draft,
            commands::tickets::discard_ticket_draft,
            commands::tickets::check_ticket_form,
            commands::tickets::submit_ticket,
            commands::tickets::ask_question,
            commands::tickets::attach_file,
            commands::tickets::detach_file,
            commands::tickets::set_viewing_ticket,
            commands::tickets::attachment_preview,
            commands::tickets::save_attachment,
            commands::tickets::sync_tickets,
            commands::support::plans_overview,
            commands::support::platform_status,
            commands::support::check_status,
            commands::support::ticket_expectation,
            commands::support::ticket_coverage,
            commands::support::use_vendor_profile,
        ])
        .events(collect_events![
            crate::tickets::TicketsUpdated,
            crate::notifications::NavigationRequested,
            crate::support::StatusUpdated
        ])
        // Failed commands reject their promise with the `WireError`; the UI's Backend catches it.
        .error_handling(ErrorHandlingMode::Throw)
        // One TypeScript type per Rust type: the UI always sends complete values.
        .disable_serde_phases()
}

/// Where the UI keeps the generated file.
pub fn committed_bindings_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts")
}

/// Writes the bindings for the current command list to `path`.
pub fn export(path: &Path) -> anyhow::Result<()> {
    let header = "// Generated from the Rust commands by `cargo xtask bindings`. Do not edit.";
    builder()
        .export(Typescript::default().header(header), path)
        .map_err(|error| anyhow::anyhow!("cannot export the TypeScript bindings: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `HELPLINE_WRITE_BINDINGS=1` turns this check into the generator (`cargo xtask bindings`).
    #[test]
    fn committed_bindings_match_the_rust_commands() {
        let committed_path = committed_bindings_path();
        if std::env::var_os("HELPLINE_WRITE_BINDINGS").is_some() {
            export(&committed_path).unwrap();
            return;
        }
        let fresh_dir = tempfile::tempdir().unwrap();
        let fresh_path = fresh_dir.path().join("bindings.ts");
        export(&fresh_path).unwrap();
        let fresh = std::fs::read_to_string(&fresh_path).unwrap();
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            fresh == committed,
            "{} is out of date with the Rust commands: run `cargo xtask bindings` and commit the result",
            committed_path.display()
        );
    }
}
