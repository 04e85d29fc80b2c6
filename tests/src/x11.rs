//! The app's window as the X server sees it: asking it to close the way a window manager's
//! close button does (a `WM_DELETE_WINDOW` message; WebDriver's close destroys the webview
//! instead and never asks), and whether it is shown.

use anyhow::Context as _;
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt as _, EventMask, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

/// Top-level windows of the program whose `WM_CLASS` contains `class` (GTK sets the program's
/// name), shown ones only.
fn shown_windows(
    connection: &RustConnection,
    root: Window,
    class: &str,
) -> anyhow::Result<Vec<Window>> {
    let mut found = Vec::new();
    for window in connection.query_tree(root)?.reply()?.children {
        let attributes = connection.get_window_attributes(window)?.reply()?;
        if attributes.map_state != MapState::VIEWABLE {
            continue;
        }
        let wm_class = connection
            .get_property(false, window, AtomEnum::WM_CLASS, AtomEnum::STRING, 0, 256)?
            .reply()?;
        if String::from_utf8_lossy(&wm_class.value).contains(class) {
            found.push(window);
        }
    }
    Ok(found)
}

fn connect(display: &str) -> anyhow::Result<(RustConnection, Window)> {
    let (connection, screen) = x11rb::connect(Some(display))
        .with_context(|| format!("cannot open X display {display}"))?;
    let root = connection.setup().roots[screen].root;
    Ok((connection, root))
}

/// How many windows of `class` are shown on `display`.
pub fn shown_window_count(display: &str, class: &str) -> anyhow::Result<usize> {
    let (connection, root) = connect(display)?;
    Ok(shown_windows(&connection, root, class)?.len())
}

/// Asks every shown window of `class` to close, as a window manager's close button does.
pub fn request_close(display: &str, class: &str) -> anyhow::Result<()> {
    let (connection, root) = connect(display)?;
    let protocols = connection
        .intern_atom(false, b"WM_PROTOCOLS")?
        .reply()?
        .atom;
    let delete = connection
        .intern_atom(false, b"WM_DELETE_WINDOW")?
        .reply()?
        .atom;
    let windows = shown_windows(&connection, root, class)?;
    anyhow::ensure!(!windows.is_empty(), "no shown window of {class} to close");
    for window in windows {
        let message = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        connection.send_event(false, window, EventMask::NO_EVENT, message)?;
    }
    connection.flush()?;
    Ok(())
}
