//! Desktop notifications for what a sync brought: core's [`Notifier`] decides, this shows them
//! through the desktop's notification service (notify-rust: `org.freedesktop.Notifications`
//! over D-Bus on Linux), and a click or "Open" brings the window to the ticket.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use helpline_core::{
    Happening, Language, Moment, Notice, NoticeTarget, Notifier, NotifyPrefs, RequestId,
};
use serde::Serialize;
use specta::Type;

/// Asks the window to show a screen (`#/tickets/42`): a notification was clicked.
#[derive(Debug, Clone, Serialize, Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct NavigationRequested {
    pub hash: String,
}

/// The notifier's memory (for the per-minute cap) and where the user is.
#[derive(Debug, Default)]
pub struct Notifications {
    notifier: Mutex<Notifier>,
    /// The ticket on screen, as the ticket screen reports it.
    viewing: Mutex<Option<RequestId>>,
    focused: AtomicBool,
}

impl Notifications {
    pub fn set_viewing(&self, ticket: Option<RequestId>) {
        *self.viewing.lock().unwrap_or_else(|p| p.into_inner()) = ticket;
    }

    pub fn set_focused(&self, focused: bool) {
        self.focused.store(focused, Ordering::Relaxed);
    }

    /// Decides on `happenings` under the user's `prefs` and shows what is to be shown.
    pub fn announce(
        &self,
        app: &tauri::AppHandle,
        happenings: Vec<Happening>,
        language: Language,
        prefs: &NotifyPrefs,
    ) {
        if happenings.is_empty() {
            return;
        }
        let viewing = self
            .focused
            .load(Ordering::Relaxed)
            .then(|| *self.viewing.lock().unwrap_or_else(|p| p.into_inner()))
            .flatten();
        let now = jiff::ZonedDateTime::now();
        let moment = Moment {
            now: now.timestamp(),
            local_time: now.time(),
            language,
            prefs,
            viewing,
        };
        let decision = self
            .notifier
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .decide(happenings, moment);
        if decision.held > 0 {
            tracing::info!(held = decision.held, "notifications held");
        }
        for notice in decision.show {
            show(app.clone(), notice, language);
        }
    }
}

/// Shows `notice` with an "Open" action; a click or "Open" brings the window to its screen.
fn show(app: tauri::AppHandle, notice: Notice, language: Language) {
    let open = match language {
        Language::En => "Open",
        Language::Fr => "Ouvrir",
    };
    let mut shown = notify_rust::Notification::new();
    shown
        .appname("Helpline")
        .summary(&notice.title)
        .body(&notice.body)
        .action("default", open)
        .action("open", open);
    deliver(shown, move || open_target(&app, notice.target));
}

/// Shows a plain notice from Helpline itself; a click brings the window forward.
pub fn tell(app: tauri::AppHandle, summary: &str, body: &str) {
    let mut shown = notify_rust::Notification::new();
    shown
        .appname("Helpline")
        .summary(summary)
        .body(body)
        .action("default", "Helpline");
    deliver(shown, move || crate::window::show(&app, None));
}

/// Shows `notification` and waits, on a thread of its own, for a click or its "open" action.
fn deliver(notification: notify_rust::Notification, on_open: impl FnOnce() + Send + 'static) {
    let spawned = std::thread::Builder::new()
        .name("notification".into())
        .spawn(move || match notification.show() {
            Ok(handle) => {
                let mut on_open = Some(on_open);
                handle.wait_for_action(|action| {
                    if action == "default" || action == "open" {
                        if let Some(open) = on_open.take() {
                            open();
                        }
                    }
                });
            }
            Err(error) => {
                tracing::warn!(%error, "no desktop notification service took the notification")
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "cannot start a notification thread");
    }
}

/// Brings the window forward on the notice's screen.
fn open_target(app: &tauri::AppHandle, target: NoticeTarget) {
    let hash = match target {
        NoticeTarget::Ticket(id) => format!("#/tickets/{id}"),
        NoticeTarget::Tickets => "#/tickets".to_owned(),
        NoticeTarget::Status => "#/status".to_owned(),
    };
    crate::window::show(app, Some(hash));
}
