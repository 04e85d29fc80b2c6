use crate::damaged::{DamageLog, DamagedFileKind};
use crate::json_file::JsonFile;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::LanguagePreference;

/// Light or dark appearance: follow the system, or a fixed choice.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum ThemePreference {
    #[default]
    System,
    Light,
    Dark,
}

/// What closing the main window does.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub enum WindowClose {
    /// Helpline stays in the tray (where the desktop has one) to hear of replies.
    #[default]
    KeepInTray,
    Quit,
}

/// The user's choices. On the wire every field is present; in the file a missing field takes its
/// default, so that settings written by older and newer versions load.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub language: LanguagePreference,
    pub theme: ThemePreference,
    /// Which events notify, and quiet hours.
    pub notifications: crate::NotifyPrefs,
    pub window_close: WindowClose,
    /// The first close to the tray was explained (once, in a notification). The app's own
    /// record: saving settings from the window keeps what the file says.
    pub tray_explained: bool,
}

impl Settings {
    /// Closing the window keeps Helpline running when the user wants it and a tray exists to
    /// bring it back from (otherwise a hidden window could only be found by launching again).
    pub fn keeps_running_when_closed(&self, desktop_has_tray: bool) -> bool {
        desktop_has_tray && self.window_close == WindowClose::KeepInTray
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot save the settings to {path}: {source}. Check that the folder is writable")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Loads and saves [`Settings`] as a JSON file.
#[derive(Debug, Clone)]
pub struct SettingsStore {
    file: JsonFile,
}

impl SettingsStore {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let file = JsonFile::new(path.into(), DamagedFileKind::Settings);
        Self { file }
    }

    /// Records a damaged file found at load in `log`, for the app to tell the user.
    pub fn reporting_to(mut self, log: DamageLog) -> Self {
        self.file.report_to(log);
        self
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The saved settings, or the defaults when none were saved. A damaged file is moved aside
    /// (to `settings.json.damaged`) rather than failing the app's start.
    pub fn load(&self) -> Result<Settings, SettingsError> {
        let loaded = self.file.load(parse_over_defaults);
        loaded
            .map(Option::unwrap_or_default)
            .map_err(|source| SettingsError::Read {
                path: self.path().to_path_buf(),
                source,
            })
    }

    /// Saves atomically: a crash mid-save leaves the previous settings intact.
    pub fn save(&self, settings: &Settings) -> Result<(), SettingsError> {
        self.file
            .save(settings)
            .map_err(|source| SettingsError::Write {
                path: self.path().to_path_buf(),
                source,
            })
    }
}

/// Reads the fields the file has over the defaults, ignoring fields this version does not know.
fn parse_over_defaults(text: &str) -> serde_json::Result<Settings> {
    let saved: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)?;
    let serde_json::Value::Object(mut merged) = serde_json::to_value(Settings::default())? else {
        unreachable!("Settings serialises to a JSON object")
    };
    for (field, value) in saved {
        if merged.contains_key(&field) {
            merged.insert(field, value);
        }
    }
    serde_json::from_value(serde_json::Value::Object(merged))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_in(dir: &tempfile::TempDir) -> SettingsStore {
        SettingsStore::new(dir.path().join("settings.json"))
    }

    #[test]
    fn missing_file_gives_defaults_that_follow_the_system() {
        let dir = tempfile::tempdir().unwrap();
        let settings = store_in(&dir).load().unwrap();
        assert_eq!(settings.language, LanguagePreference::System);
        assert_eq!(settings.theme, ThemePreference::System);
    }

    #[test]
    fn saved_settings_load_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        let chosen = Settings {
            language: LanguagePreference::Fr,
            theme: ThemePreference::Dark,
            notifications: crate::NotifyPrefs {
                solved: false,
                quiet_hours: Some(crate::QuietHours {
                    from: "22:30".parse().unwrap(),
                    until: "06:45".parse().unwrap(),
                }),
                ..crate::NotifyPrefs::default()
            },
            window_close: WindowClose::Quit,
            tray_explained: true,
        };
        store.save(&chosen).unwrap();
        assert_eq!(store.load().unwrap(), chosen);
    }

    #[test]
    fn quiet_hours_typed_as_hours_and_minutes_load() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        std::fs::write(
            store.path(),
            r#"{"notifications":{"replies":false,"solved":true,"incidents":true,"quietHours":{"from":"22:00","until":"07:00"}}}"#,
        )
        .unwrap();
        let notifications = store.load().unwrap().notifications;
        assert!(!notifications.replies);
        assert!(notifications.solved);
        let quiet = notifications.quiet_hours.unwrap();
        assert!(quiet.contains("23:00".parse().unwrap()));
    }

    #[test]
    fn file_from_an_older_version_without_theme_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        std::fs::write(store.path(), r#"{"language":"fr","retired":true}"#).unwrap();
        let settings = store.load().unwrap();
        assert_eq!(settings.language, LanguagePreference::Fr);
        assert_eq!(settings.theme, ThemePreference::System);
        assert_eq!(settings.notifications, crate::NotifyPrefs::default());
    }

    #[test]
    fn damaged_file_is_kept_aside_and_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        std::fs::write(store.path(), "{ not json").unwrap();
        assert_eq!(store.load().unwrap(), Settings::default());
        let aside = dir.path().join("settings.json.damaged");
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ not json");
    }

    #[test]
    fn closing_keeps_helpline_in_the_tray_only_where_there_is_one_and_the_user_wants_it() {
        let default = Settings::default();
        assert_eq!(default.window_close, WindowClose::KeepInTray);
        assert!(default.keeps_running_when_closed(true));
        assert!(!default.keeps_running_when_closed(false));
        let quits = Settings {
            window_close: WindowClose::Quit,
            ..Settings::default()
        };
        assert!(!quits.keeps_running_when_closed(true));
    }

    #[test]
    fn settings_saved_before_the_tray_choice_existed_keep_helpline_in_the_tray() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("settings.json"),
            r#"{"language":"fr","theme":"dark"}"#,
        )
        .unwrap();
        let loaded = store_in(&dir).load().unwrap();
        assert_eq!(loaded.window_close, WindowClose::KeepInTray);
        assert!(!loaded.tray_explained);
    }
}
