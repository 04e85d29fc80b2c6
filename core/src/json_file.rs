//! The small JSON files (settings, reading list, help desk account), saved so that a crash or a
//! power cut mid-save leaves the previous file whole: written to a uniquely named temporary
//! file beside it, flushed to disk, renamed over it, and the folder flushed too. Two saves at
//! once each write their own temporary file, so neither can rename the other's half-written one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::damaged::{DamageLog, DamagedFileKind};

/// One of those files: where it is, which it is, and where damage found at load is reported.
#[derive(Debug, Clone)]
pub(crate) struct JsonFile {
    path: PathBuf,
    kind: DamagedFileKind,
    damage: DamageLog,
}

impl JsonFile {
    pub(crate) fn new(path: PathBuf, kind: DamagedFileKind) -> Self {
        Self {
            path,
            kind,
            damage: DamageLog::default(),
        }
    }

    pub(crate) fn report_to(&mut self, log: DamageLog) {
        self.damage = log;
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// See [`load_or_set_aside`].
    pub(crate) fn load<T: DeserializeOwned>(
        &self,
        parse: impl FnOnce(&str) -> serde_json::Result<T>,
    ) -> std::io::Result<Option<T>> {
        load_or_set_aside(&self.path, self.kind, &self.damage, parse)
    }

    pub(crate) fn save(&self, value: &impl Serialize) -> std::io::Result<()> {
        save_atomically(&self.path, value)
    }
}

pub(crate) fn save_atomically(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder)?;
    let json = serde_json::to_vec_pretty(value).expect("plain data serialises");
    let mut temporary = tempfile::Builder::new()
        .prefix(".helpline-")
        .suffix(".json.tmp")
        .tempfile_in(folder)?;
    temporary.write_all(&json)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    // The rename is durable once the folder's entry is on disk (not possible on Windows).
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    Ok(())
}

/// The file's value; `None` when there is none, or when it was damaged — then it is set aside
/// and recorded in `log`, and the caller starts afresh.
pub(crate) fn load_or_set_aside<T: DeserializeOwned>(
    path: &Path,
    kind: DamagedFileKind,
    log: &DamageLog,
    parse: impl FnOnce(&str) -> serde_json::Result<T>,
) -> std::io::Result<Option<T>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        // Not UTF-8: as damaged as a file can be.
        Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
            log.set_aside(kind, path)?;
            return Ok(None);
        }
        Err(error) => return Err(error),
    };
    match parse(&text) {
        Ok(value) => Ok(Some(value)),
        Err(parse_error) => {
            tracing::warn!(path = %path.display(), %parse_error, "a damaged file is set aside");
            log.set_aside(kind, path)?;
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_replace_the_file_and_leave_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        save_atomically(&path, &serde_json::json!({"theme": "dark"})).unwrap();
        save_atomically(&path, &serde_json::json!({"theme": "light"})).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("light"), "{text}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["settings.json"]);
    }

    #[test]
    fn concurrent_saves_each_leave_a_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reading-list.json");
        std::thread::scope(|scope| {
            for n in 0..8 {
                let path = &path;
                scope.spawn(move || {
                    let value = serde_json::json!({ "writer": n, "padding": "x".repeat(10_000) });
                    save_atomically(path, &value).unwrap();
                });
            }
        });
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).expect("a whole JSON file");
    }
}
