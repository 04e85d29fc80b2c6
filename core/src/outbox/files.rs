//! Files the user attaches: copied into the outbox's own folder the moment they are chosen,
//! so a reply waiting to be sent does not depend on the original staying where it was, and
//! deleted once the desk has them (or the item is discarded).

use std::path::{Path, PathBuf};

use super::OutboxError;
use crate::outgoing::OutgoingFile;

/// The largest file Zendesk accepts as an attachment.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

/// The outgoing folder: where attached files are copied when chosen, read from when sent and
/// deleted from once delivered. Every file is resolved inside it, by id.
#[derive(Debug, Clone)]
pub struct Staging {
    root: PathBuf,
}

impl Staging {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Copies `bytes` in as a new staged file named like `file_name`.
    pub fn stage_bytes(&self, file_name: &str, bytes: &[u8]) -> Result<OutgoingFile, OutboxError> {
        let file_name = clean_name(file_name);
        check_size(&file_name, bytes.len() as u64)?;
        let id = uuid::Uuid::new_v4().hyphenated().to_string();
        let folder = self.root.join(&id);
        std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(folder.join(&file_name), bytes))
            .map_err(|error| cannot_keep(&file_name, &folder, &error))?;
        Ok(OutgoingFile {
            id,
            content_type: content_type_of(&file_name),
            file_name,
            size: bytes.len() as u64,
        })
    }

    /// Copies the file at `source` in, as [`stage_bytes`](Self::stage_bytes) does. Only for
    /// paths the user typed or picked (the CLI, the file picker), never for one the webview
    /// names.
    pub fn stage_copy(&self, source: &Path) -> Result<OutgoingFile, OutboxError> {
        let name = source
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attachment".to_owned());
        let metadata = std::fs::metadata(source).map_err(|error| {
            OutboxError::Invalid(format!(
                "cannot read {}: {error}. Check the path and try again",
                source.display()
            ))
        })?;
        check_size(&name, metadata.len())?;
        let bytes = std::fs::read(source).map_err(|error| {
            OutboxError::Invalid(format!("cannot read {}: {error}", source.display()))
        })?;
        self.stage_bytes(&name, &bytes)
    }

    /// The files as this folder has them (type from the name, size from the disk), or
    /// `Invalid` when one is not a file staged here: what to check on everything the UI sends.
    pub fn verify(&self, files: &[OutgoingFile]) -> Result<Vec<OutgoingFile>, OutboxError> {
        files
            .iter()
            .map(|file| {
                let path = self.resolve(file)?;
                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                Ok(OutgoingFile {
                    id: file.id.clone(),
                    content_type: content_type_of(&file.file_name),
                    file_name: file.file_name.clone(),
                    size,
                })
            })
            .collect()
    }

    /// The bytes of a staged file, or why it cannot be sent.
    pub(crate) fn read(&self, file: &OutgoingFile) -> Result<Vec<u8>, OutboxError> {
        let path = self.resolve(file)?;
        std::fs::read(&path).map_err(|error| {
            OutboxError::Invalid(format!(
                "the attached file {} cannot be read from {} ({error}); discard this and attach it again",
                file.file_name,
                path.display()
            ))
        })
    }

    /// Deletes staged copies, each with its own folder and nothing else; a file already gone,
    /// or one that is not staged here, is left alone.
    pub fn remove(&self, files: &[OutgoingFile]) {
        for file in files {
            let Some(folder) = self.own_folder(&file.id) else {
                tracing::warn!(id = %file.id, "not deleting a file that is not staged here");
                continue;
            };
            if let Err(error) = std::fs::remove_dir_all(&folder) {
                if error.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(%error, path = %folder.display(), "cannot delete a sent attachment copy");
                }
            }
        }
    }

    /// `<root>/<id>` when `id` is a UUID in its canonical form and that folder is a real
    /// folder directly inside the root (not a link to elsewhere).
    fn own_folder(&self, id: &str) -> Option<PathBuf> {
        let canonical = uuid::Uuid::try_parse(id).ok()?.hyphenated().to_string();
        if canonical != id {
            return None;
        }
        let folder = self.root.join(id);
        let metadata = std::fs::symlink_metadata(&folder).ok()?;
        if !metadata.is_dir() {
            return None;
        }
        let root = std::fs::canonicalize(&self.root).ok()?;
        (std::fs::canonicalize(&folder).ok()?.parent()? == root).then_some(folder)
    }

    /// The staged copy's path, checked to be a regular file in its own folder here.
    fn resolve(&self, file: &OutgoingFile) -> Result<PathBuf, OutboxError> {
        let not_staged = || {
            OutboxError::Invalid(format!(
                "{} is not a file attached in Helpline; attach it again",
                file.file_name
            ))
        };
        if file.file_name != clean_name(&file.file_name) {
            return Err(not_staged());
        }
        let folder = self.own_folder(&file.id).ok_or_else(not_staged)?;
        let path = folder.join(&file.file_name);
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.is_file() => Ok(path),
            Ok(_) => Err(not_staged()),
            Err(error) => Err(OutboxError::Invalid(format!(
                "the attached file {} is gone ({error}); discard this and attach it again",
                file.file_name
            ))),
        }
    }
}

fn check_size(file_name: &str, size: u64) -> Result<(), OutboxError> {
    if size > MAX_ATTACHMENT_BYTES {
        return Err(OutboxError::Invalid(format!(
            "{file_name} is {} MB; the help desk accepts files up to {} MB. Compress it or attach a smaller part",
            size.div_ceil(1024 * 1024),
            MAX_ATTACHMENT_BYTES / (1024 * 1024)
        )));
    }
    if size == 0 {
        return Err(OutboxError::Invalid(format!(
            "{file_name} is empty; choose the file again"
        )));
    }
    Ok(())
}

/// A name safe to use as a file name here and meaningful on the desk: no folders, no
/// control characters, nothing hidden.
pub(crate) fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|character| !character.is_control())
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    if cleaned.is_empty() {
        "attachment".to_owned()
    } else {
        cleaned
    }
}

fn content_type_of(file_name: &str) -> String {
    mime_guess::from_path(file_name)
        .first_or_octet_stream()
        .essence_str()
        .to_owned()
}

fn cannot_keep(file_name: &str, folder: &Path, error: &std::io::Error) -> OutboxError {
    OutboxError::Invalid(format!(
        "cannot keep a copy of {file_name} in {} ({error}); check that the data folder is writable",
        folder.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staging() -> (tempfile::TempDir, Staging) {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path().join("outgoing"));
        (dir, staging)
    }

    #[test]
    fn a_staged_file_is_a_private_copy_with_a_clean_name_and_type() {
        let (_dir, staging) = staging();
        let file = staging
            .stage_bytes("../../etc/screen shot.png", b"png")
            .unwrap();
        assert_eq!(file.file_name, "screen shot.png");
        assert_eq!(file.content_type, "image/png");
        assert_eq!(staging.read(&file).unwrap(), b"png");
        let folder = staging.root().join(&file.id);
        assert!(folder.is_dir());
        staging.remove(std::slice::from_ref(&file));
        assert!(!folder.exists());
    }

    #[test]
    fn empty_and_oversized_files_are_refused_with_what_to_do() {
        let (_dir, staging) = staging();
        let error = staging.stage_bytes("log.txt", b"").unwrap_err();
        assert!(error.to_string().contains("choose the file again"));
        let error = check_size("dump.bin", MAX_ATTACHMENT_BYTES + 1).unwrap_err();
        assert!(error.to_string().contains("up to 50 MB"), "{error}");
    }
}
