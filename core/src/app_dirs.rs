use std::path::{Path, PathBuf};

/// Where Helpline keeps its files. On Linux these follow the XDG base directories, so
/// `XDG_DATA_HOME` and `XDG_CONFIG_HOME` move them (the end-to-end tests rely on that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    data_dir: PathBuf,
    config_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum AppDirsError {
    #[error("cannot find the home directory: set HOME (or XDG_DATA_HOME and XDG_CONFIG_HOME) and start Helpline again")]
    NoHome,
    #[error("cannot create {path}: {source}. Check that the folder is writable, or free some disk space")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl AppDirs {
    /// The directories of the current user, per the platform's conventions.
    pub fn for_current_user() -> Result<Self, AppDirsError> {
        let dirs = directories::ProjectDirs::from("app", "Helpline", "helpline")
            .ok_or(AppDirsError::NoHome)?;
        Ok(Self::at(dirs.data_dir(), dirs.config_dir()))
    }

    /// Directories rooted at explicit paths (tests, `--data-dir`).
    pub fn at(data_dir: impl Into<PathBuf>, config_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            config_dir: config_dir.into(),
        }
    }

    /// Creates the directories if they do not exist yet.
    pub fn create_all(&self) -> Result<(), AppDirsError> {
        for path in [&self.data_dir, &self.config_dir, &self.log_dir()] {
            std::fs::create_dir_all(path).map_err(|source| AppDirsError::Create {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The SQLite store, the search index and cached attachments live here.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where saved attachments go: the user's Downloads folder (XDG `DOWNLOAD` on Linux), or
    /// `~/Downloads` when none is configured.
    pub fn downloads_dir(&self) -> PathBuf {
        let user = directories::UserDirs::new();
        user.as_ref()
            .and_then(|user| user.download_dir().map(Path::to_path_buf))
            .or_else(|| user.map(|user| user.home_dir().join("Downloads")))
            .unwrap_or_else(|| self.data_dir.join("downloads"))
    }

    /// User settings live here.
    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    /// Log files live here, next to the data, as Tauri's own `app_log_dir` does on Linux.
    pub fn log_dir(&self) -> PathBuf {
        self.data_dir.join("logs")
    }

    /// The name of the log file, without the date suffix the rolling appender adds.
    pub const LOG_FILE_PREFIX: &'static str = "helpline.log";

    /// The help-article search index.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    /// The SQLite ticket store ([`Store`](crate::Store)).
    pub fn store_file(&self) -> PathBuf {
        self.data_dir.join("helpline.sqlite3")
    }

    pub fn reading_list_file(&self) -> PathBuf {
        self.data_dir.join("reading-list.json")
    }

    /// The company desk signed in to ([`DeskAccount`](crate::DeskAccount)); no secrets.
    pub fn account_file(&self) -> PathBuf {
        self.config_dir.join("account.json")
    }

    /// Where the tickets of the company desk at `desk_url` are kept, apart from the demo
    /// desk's (which live in the data folder itself) and from any other desk's.
    pub fn desk_data_dir(&self, desk_url: &str) -> PathBuf {
        let name: String = desk_url
            .split("://")
            .last()
            .unwrap_or(desk_url)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.data_dir.join("desks").join(name)
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_all_makes_data_config_and_log_dirs() {
        let root = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(root.path().join("data"), root.path().join("config"));
        dirs.create_all().unwrap();
        assert!(dirs.data_dir().is_dir());
        assert!(dirs.config_dir().is_dir());
        assert!(dirs.log_dir().is_dir());
        assert_eq!(
            dirs.settings_file(),
            root.path().join("config/settings.json")
        );
    }

    #[test]
    fn each_desk_gets_its_own_folder_apart_from_the_demo_desks() {
        let dirs = AppDirs::at("/data", "/config");
        assert_eq!(
            dirs.desk_data_dir("https://acme.zendesk.com"),
            Path::new("/data/desks/acme.zendesk.com")
        );
        assert_eq!(
            dirs.desk_data_dir("http://127.0.0.1:8080"),
            Path::new("/data/desks/127.0.0.1_8080")
        );
        assert_ne!(
            dirs.desk_data_dir("https://acme.zendesk.com"),
            dirs.desk_data_dir("https://acme.zendesk.com.evil.example")
        );
    }

    #[test]
    fn create_all_reports_the_path_it_could_not_create() {
        let root = tempfile::tempdir().unwrap();
        let blocker = root.path().join("file");
        std::fs::write(&blocker, "not a dir").unwrap();
        let dirs = AppDirs::at(blocker.join("data"), root.path().join("config"));
        let message = dirs.create_all().unwrap_err().to_string();
        assert!(message.contains("file/data"), "{message}");
    }
}
