//! Files found damaged at load: set aside beside the original (never deleted), replaced by an
//! empty or default one, and remembered in a [`DamageLog`] so the app can say what happened
//! and what was kept.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use specta::Type;

/// Which of Helpline's files it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum DamagedFileKind {
    Settings,
    ReadingList,
    /// `account.json`: the desk signed in to (the tokens are in the keyring, untouched).
    Account,
    /// `helpline.sqlite3`: the ticket cache, drafts and outbox.
    TicketStore,
}

/// One damaged file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DamagedFile {
    pub kind: DamagedFileKind,
    /// Where the damaged copy now is.
    pub kept_at: String,
    /// Unsent replies and tickets carried over into the new ticket store.
    pub outbox_items_kept: u32,
    /// Drafts carried over into the new ticket store.
    pub drafts_kept: u32,
}

/// The damaged files found in this run; clones share one list.
#[derive(Debug, Clone, Default)]
pub struct DamageLog(Arc<Mutex<Vec<DamagedFile>>>);

impl DamageLog {
    pub fn record(&self, file: DamagedFile) {
        tracing::warn!(?file, "a damaged file was set aside");
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(file);
    }

    pub fn all(&self) -> Vec<DamagedFile> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Moves the damaged `path` aside and records it.
    pub(crate) fn set_aside(&self, kind: DamagedFileKind, path: &Path) -> std::io::Result<PathBuf> {
        let aside = set_aside(path)?;
        self.record(DamagedFile {
            kind,
            kept_at: aside.display().to_string(),
            outbox_items_kept: 0,
            drafts_kept: 0,
        });
        Ok(aside)
    }
}

/// Renames `path` to `<name>.damaged` (or `.damaged-2`, `-3`… when an earlier one is kept),
/// so that no earlier damaged copy is overwritten.
pub(crate) fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let mut name = path.as_os_str().to_owned();
    name.push(".damaged");
    let mut aside = PathBuf::from(&name);
    let mut copy = 1;
    while aside.exists() {
        copy += 1;
        let mut numbered = name.clone();
        numbered.push(format!("-{copy}"));
        aside = PathBuf::from(numbered);
    }
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_damaged_copy_does_not_replace_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("account.json");
        std::fs::write(&path, "{first").unwrap();
        let first = set_aside(&path).unwrap();
        std::fs::write(&path, "{second").unwrap();
        let second = set_aside(&path).unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(first).unwrap(), "{first");
        assert_eq!(std::fs::read_to_string(second).unwrap(), "{second");
        assert!(!path.exists());
    }
}
