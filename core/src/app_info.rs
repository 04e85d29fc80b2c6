use serde::Serialize;
use specta::Type;

/// What the About panel shows: the version and where Helpline keeps its files.
#[derive(Debug, Clone, Serialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub config_dir: String,
    pub log_dir: String,
    /// The language of the system locale, used when the user has not chosen one.
    pub system_language: crate::Language,
}
