//! Files the user attaches: copied into the outbox's own folder the moment they are chosen,
//! so a reply waiting to be sent does not depend on the original staying where it was, and
//! deleted once the desk has them (or the item is discarded).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

use super::OutboxError;

/// The largest file Zendesk accepts as an attachment.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

/// A file waiting in the outbox folder to go out with a reply or a new request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutgoingFile {
    /// The copy in the outbox folder.
    pub path: String,
    /// The name the user knows it by, as the desk will show it.
    pub file_name: String,
    pub content_type: String,
    #[specta(type = specta_typescript::Number)]
    pub size: u64,
}

impl OutgoingFile {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

/// Copies `bytes` into `dir` as a new staged file named like `file_name`.
pub fn stage_bytes(dir: &Path, file_name: &str, bytes: &[u8]) -> Result<OutgoingFile, OutboxError> {
    let file_name = clean_name(file_name);
    check_size(&file_name, bytes.len() as u64)?;
    let folder = dir.join(uuid::Uuid::new_v4().to_string());
    let path = folder.join(&file_name);
    std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(&path, bytes))
        .map_err(|error| cannot_keep(&file_name, &folder, &error))?;
    Ok(OutgoingFile {
        path: path.to_string_lossy().into_owned(),
        content_type: content_type_of(&file_name),
        file_name,
        size: bytes.len() as u64,
    })
}

/// Copies the file at `source` into `dir`, as [`stage_bytes`] does.
pub fn stage_copy(dir: &Path, source: &Path) -> Result<OutgoingFile, OutboxError> {
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
    stage_bytes(dir, &name, &bytes)
}

/// The bytes of a staged file, or why it cannot be sent.
pub(crate) fn read_staged(file: &OutgoingFile) -> Result<Vec<u8>, OutboxError> {
    std::fs::read(&file.path).map_err(|error| {
        OutboxError::Invalid(format!(
            "the attached file {} is gone from {} ({error}); discard this and attach it again",
            file.file_name, file.path
        ))
    })
}

/// Deletes staged copies (and their folders); a file already gone is fine.
pub fn remove_staged(files: &[OutgoingFile]) {
    for file in files {
        let path = PathBuf::from(&file.path);
        if let Some(folder) = path.parent() {
            if let Err(error) = std::fs::remove_dir_all(folder) {
                if error.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(%error, path = %folder.display(), "cannot delete a sent attachment copy");
                }
            }
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

    #[test]
    fn a_staged_file_is_a_private_copy_with_a_clean_name_and_type() {
        let dir = tempfile::tempdir().unwrap();
        let file = stage_bytes(dir.path(), "../../etc/screen shot.png", b"png").unwrap();
        assert_eq!(file.file_name, "screen shot.png");
        assert_eq!(file.content_type, "image/png");
        assert!(file.path.starts_with(dir.path().to_str().unwrap()));
        assert_eq!(std::fs::read(&file.path).unwrap(), b"png");
        remove_staged(std::slice::from_ref(&file));
        assert!(!Path::new(&file.path).exists());
    }

    #[test]
    fn empty_and_oversized_files_are_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let error = stage_bytes(dir.path(), "log.txt", b"").unwrap_err();
        assert!(error.to_string().contains("choose the file again"));
        let error = check_size("dump.bin", MAX_ATTACHMENT_BYTES + 1).unwrap_err();
        assert!(error.to_string().contains("up to 50 MB"), "{error}");
    }
}
