//! The tray icon: the number of tickets with an unread reply beside it, and a menu to open the
//! window, sync now, pause notifications (for an hour, until tomorrow morning, or not) and
//! quit. What it says and what a choice means are core's (`tray_title`, `TrayWords`,
//! `Snooze`); this only puts them on the desktop. A desktop without a tray (no
//! StatusNotifier host) shows nothing, and the app works as before.

use helpline_core::{snoozed, tray_title, tray_tooltip, Language, Snooze, TrayWords};
use tauri::menu::{Menu, MenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::Manager as _;

pub const TRAY_ID: &str = "main";

/// The menu's items, kept to change their words when the language changes.
pub struct TrayMenu {
    open: MenuItem<tauri::Wry>,
    sync_now: MenuItem<tauri::Wry>,
    do_not_disturb: Submenu<tauri::Wry>,
    one_hour: MenuItem<tauri::Wry>,
    until_tomorrow: MenuItem<tauri::Wry>,
    notifications_on: MenuItem<tauri::Wry>,
    quit: MenuItem<tauri::Wry>,
}

/// Builds the tray; a desktop that refuses one is logged, not fatal.
pub fn install(app: &tauri::App) {
    if let Err(error) = build(app) {
        tracing::warn!(%error, "no tray icon: notifications still arrive, the window is the way in");
    }
}

fn build(app: &tauri::App) -> tauri::Result<()> {
    let words = TrayWords::in_language(current_language(app.handle()));
    let item = |id: &str, text: &str| MenuItem::with_id(app, id, text, true, None::<&str>);
    let menu = TrayMenu {
        open: item("open", words.open)?,
        sync_now: item("sync", words.sync_now)?,
        one_hour: item("snooze-hour", words.one_hour)?,
        until_tomorrow: item("snooze-tomorrow", words.until_tomorrow)?,
        notifications_on: item("snooze-off", words.notifications_on)?,
        quit: item("quit", words.quit)?,
        do_not_disturb: Submenu::with_id(app, "dnd", words.do_not_disturb, true)?,
    };
    menu.do_not_disturb.append_items(&[
        &menu.one_hour,
        &menu.until_tomorrow,
        &menu.notifications_on,
    ])?;
    let root = Menu::with_items(
        app,
        &[&menu.open, &menu.sync_now, &menu.do_not_disturb, &menu.quit],
    )?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .menu(&root)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| choose(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(menu);
    Ok(())
}

fn current_language(app: &tauri::AppHandle) -> Language {
    let state = app.state::<crate::AppState>();
    let settings = state.settings().load().unwrap_or_default();
    state.language_of(&settings)
}

fn choose(app: &tauri::AppHandle, id: &str) {
    match id {
        "open" => crate::window::show(app, None),
        "sync" => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let state = app.state::<crate::AppState>();
                if let Ok(tickets) = state.tickets() {
                    let (update, _) = tickets
                        .sync_now_telling_slow(|slow| {
                            crate::tickets::announce(&app, &tickets, slow)
                        })
                        .await;
                    crate::tickets::announce(&app, &tickets, update);
                }
            });
        }
        "snooze-hour" => snooze(app, Snooze::OneHour),
        "snooze-tomorrow" => snooze(app, Snooze::UntilTomorrow),
        "snooze-off" => snooze(app, Snooze::Off),
        "quit" => app.exit(0),
        _ => {}
    }
}

fn snooze(app: &tauri::AppHandle, choice: Snooze) {
    let state = app.state::<crate::AppState>();
    let mut settings = state.settings().load().unwrap_or_default();
    settings.notifications = choice.apply(&settings.notifications, &jiff::ZonedDateTime::now());
    match state.settings().save(&settings) {
        Ok(()) => {
            tracing::info!(until = ?settings.notifications.snoozed_until, "do not disturb changed")
        }
        Err(error) => tracing::warn!(%error, "cannot save do not disturb"),
    }
    refresh(app, None);
}

/// Puts the unread count (when given; else the last one shown) and the words in the user's
/// language on the tray.
pub fn refresh(app: &tauri::AppHandle, unread: Option<u32>) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let state = app.state::<crate::AppState>();
    let settings = state.settings().load().unwrap_or_default();
    let language = state.language_of(&settings);
    let unread = unread.unwrap_or_else(|| state.tickets().map(|t| t.status().unread).unwrap_or(0));
    let paused = snoozed(&settings.notifications, jiff::Timestamp::now());
    set_texts(
        &tray,
        &tray_title(unread),
        &tray_tooltip(language, unread, paused),
    );
    if let Some(menu) = app.try_state::<TrayMenu>() {
        let words = TrayWords::in_language(language);
        for (item, text) in [
            (&menu.open, words.open),
            (&menu.sync_now, words.sync_now),
            (&menu.one_hour, words.one_hour),
            (&menu.until_tomorrow, words.until_tomorrow),
            (&menu.notifications_on, words.notifications_on),
            (&menu.quit, words.quit),
        ] {
            let _ = item.set_text(text);
        }
        let _ = menu.do_not_disturb.set_text(words.do_not_disturb);
    }
}

fn set_texts(tray: &TrayIcon, title: &str, tooltip: &str) {
    if let Err(error) = tray.set_title(Some(title)) {
        tracing::debug!(%error, "cannot set the tray's title");
    }
    let _ = tray.set_tooltip(Some(tooltip));
}

/// Whether the desktop shows tray icons: a StatusNotifier host owns its watcher's name on the
/// session bus. Without one, Settings says where notifications and the unread count go.
pub fn desktop_has_tray() -> bool {
    let answer = zbus::blocking::Connection::session().and_then(|bus| {
        zbus::blocking::fdo::DBusProxy::new(&bus)?
            .name_has_owner("org.kde.StatusNotifierWatcher".try_into()?)
            .map_err(zbus::Error::from)
    });
    match answer {
        Ok(present) => present,
        Err(error) => {
            tracing::debug!(%error, "cannot ask the session bus for a tray");
            false
        }
    }
}
