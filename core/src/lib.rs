//! Helpline's core: everything the desktop app and the CLI share that is not UI.
//!
//! The main types:
//! - [`AppDirs`]: where Helpline keeps its data, configuration and logs (XDG on Linux).
//! - [`Settings`] and [`SettingsStore`]: the user's choices (language, theme), saved as JSON.
//! - [`ReadingList`]: recently opened and bookmarked help articles.
//! - [`Language`]: the UI languages, resolved from the system locale when the user has not chosen.
//! - [`WireError`]: the `{code, message}` error the UI receives and branches on.
//!
//! ```
//! use helpline_core::{Language, LanguagePreference};
//! let language = LanguagePreference::System.resolve(Some("fr_CA.UTF-8"));
//! assert_eq!(language, Language::Fr);
//! ```
//!
//! This crate never imports `tauri`: it is tested without a display.

mod app_dirs;
mod app_info;
mod locale;
mod reading_list;
mod settings;
mod wire;

pub use app_dirs::{AppDirs, AppDirsError};
pub use app_info::AppInfo;
pub use locale::{Language, LanguagePreference};
pub use reading_list::{ArticleRef, ReadingList, ReadingListError, ReadingListStore, RECENT_LIMIT};
pub use settings::{Settings, SettingsError, SettingsStore, ThemePreference};
pub use wire::{ErrorCode, WireError};
