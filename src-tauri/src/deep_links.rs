//! `helpline://ticket/ID` and `helpline://search?q=…` (core's [`DeepLink`]): the link the app
//! was started with becomes the window's first address; a link opened while it runs reaches
//! this copy through the single-instance hand-over (the deep-link plugin hears it there) and
//! brings the window forward on that screen.

use helpline_core::DeepLink;
use tauri_plugin_deep_link::DeepLinkExt as _;

/// The screen the app was started on by a link among its arguments (`None`: the usual one).
pub fn launch_hash() -> Option<String> {
    DeepLink::from_args(std::env::args().skip(1)).map(|link| link.screen_hash())
}

/// Follows the links a later launch hands over.
pub fn follow(app: &tauri::App) {
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        let urls: Vec<String> = event.urls().iter().map(ToString::to_string).collect();
        match DeepLink::from_args(&urls) {
            Some(link) => crate::window::show(&handle, Some(link.screen_hash())),
            None => crate::window::show(&handle, None),
        }
    });
}
