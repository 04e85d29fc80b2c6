//! The Helpline desktop shell. It builds the Tauri runtime (window, single instance, logging)
//! and registers thin commands that call the core crates; it holds no product logic.
//!
//! The TypeScript bindings in `ui/src/lib/bindings.ts` are generated from [`bindings::builder`];
//! `cargo xtask bindings` regenerates them and a test fails when they drift.

pub mod bindings;
mod commands;
mod deep_links;
mod desk;
mod logging;
mod notifications;
mod sign_in;
mod state;
mod support;
mod theme;
mod tickets;
mod tray;
mod window;

use anyhow::Context as _;
use helpline_core::AppDirs;
use tauri::Manager as _;

pub use state::AppState;

/// Starts the desktop app and returns when its last window closes.
pub fn run() -> anyhow::Result<()> {
    let dirs = AppDirs::for_current_user()?;
    dirs.create_all()?;
    let _log_guard = logging::init(&dirs.log_dir())?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), data_dir = %dirs.data_dir().display(), "Helpline starting");

    let state = AppState::new(dirs);
    let initial_theme = state.settings().load().unwrap_or_default().theme;
    let commands = bindings::builder();

    tauri::Builder::default()
        // A second launch brings the running window forward instead of opening a rival copy
        // that would fight over the same SQLite store and index; a `helpline://` link it was
        // given goes to the deep-link plugin first (see `deep_links`).
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            if helpline_core::DeepLink::from_args(args.iter().skip(1)).is_none() {
                window::show(app, None);
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state)
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::Focused(focused) => window
                .app_handle()
                .state::<AppState>()
                .notifications()
                .set_focused(*focused),
            tauri::WindowEvent::CloseRequested { api, .. } => {
                window::on_close_requested(window, api);
            }
            _ => {}
        })
        .invoke_handler(commands.invoke_handler())
        .setup(move |app| {
            // Here, not before: a second copy handing over to the running one (single
            // instance) has exited by now and never touches the index.
            if let Ok(library) = app.state::<AppState>().library() {
                // First run (or new bundled articles): index them off the UI thread; the
                // search screen shows the progress and searches what is done so far.
                let library = library.clone();
                std::thread::Builder::new()
                    .name("index-bundled".into())
                    .spawn(move || library.index_bundled_if_stale())
                    .context("cannot start the indexing thread")?;
            }
            window::build_main(app.handle(), deep_links::launch_hash())?;
            deep_links::follow(app);
            tray::install(app);
            theme::apply(app.handle(), initial_theme);
            commands.mount_events(app);
            app.state::<AppState>().start_sync(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .context("the Helpline window could not start")?
        .run(|_app, event| {
            // The last window going away ends the app, except the one released on purpose
            // while Helpline waits in the tray (the tray's Quit exits with a code).
            if let tauri::RunEvent::ExitRequested {
                code: None, api, ..
            } = event
            {
                if window::released_on_purpose() {
                    api.prevent_exit();
                }
            }
        });
    Ok(())
}
