//! Which help desk the app talks to. Until the user connects their company's account, the app
//! runs the demo desk in-process on loopback, so every feature works on first run.

use std::path::Path;
use std::time::Duration;

use demo_desk::{DemoConfig, DemoDesk, DemoHandle};
use serde::Serialize;
use specta::Type;

/// How long the demo agent takes to answer a new request: long enough to see the request wait,
/// short enough to see the reply (and its notification) arrive.
const DEMO_AGENT_REPLY_DELAY: Duration = Duration::from_secs(20);

/// What the app is connected to, for the banner and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum DeskStatus {
    /// The built-in demo desk, serving sample data at `url`.
    #[serde(rename_all = "camelCase")]
    Demo { url: String },
    /// The demo desk could not start; `message` says why.
    #[serde(rename_all = "camelCase")]
    Unavailable { message: String },
}

pub struct Desk {
    status: DeskStatus,
    // Kept for as long as the app runs: dropping the handle stops the server.
    demo: Option<DemoHandle>,
}

impl Desk {
    /// Starts the demo desk with its state in `data_dir`, so a demo survives restarts.
    pub fn start_demo(data_dir: &Path) -> Self {
        let config = DemoConfig {
            db_path: Some(data_dir.join("demo-desk.sqlite3")),
            agent_reply_delay: Some(DEMO_AGENT_REPLY_DELAY),
            ..DemoConfig::default()
        };
        match tauri::async_runtime::block_on(DemoDesk::start(config)) {
            Ok(handle) => {
                let url = handle.base_url();
                tracing::info!(%url, "demo help desk running");
                Self {
                    status: DeskStatus::Demo { url },
                    demo: Some(handle),
                }
            }
            Err(error) => {
                tracing::error!(%error, "the demo help desk could not start");
                let message = format!("The demo help desk could not start: {error}. Restart Helpline; if it happens again, send the log file to support.");
                Self {
                    status: DeskStatus::Unavailable { message },
                    demo: None,
                }
            }
        }
    }

    /// The desk's API address and the token to use there.
    pub fn connection(&self) -> Option<(String, String)> {
        self.demo
            .as_ref()
            .map(|demo| (demo.zendesk_url(), demo.demo_token().to_owned()))
    }

    pub fn status(&self) -> DeskStatus {
        self.status.clone()
    }
}
