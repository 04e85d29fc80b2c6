//! Attachments of synced comments: downloaded once into the data folder, then served from
//! disk; saved into the user's Downloads under a name not taken yet.

use std::path::PathBuf;

use super::{Tickets, TicketsError};
use crate::outbox::files::clean_name;

/// Previews are for screenshots; anything bigger is saved and opened instead.
pub const MAX_PREVIEW_BYTES: u64 = 15 * 1024 * 1024;

/// An image attachment's bytes, checked to be an image small enough to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePreview {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An attachment's bytes, for a preview or to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    pub file_name: String,
    pub content_type: String,
    pub path: PathBuf,
}

impl Tickets {
    /// The attachment's file on disk, downloaded once and kept.
    pub async fn attachment(&self, id: u64) -> Result<AttachmentFile, TicketsError> {
        let stored = self
            .store
            .attachment(id)?
            .ok_or(TicketsError::NoSuchAttachment(id))?;
        let content_type = stored
            .content_type
            .clone()
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        if let Some(path) = stored.local_path.as_deref().map(PathBuf::from) {
            if path.is_file() {
                return Ok(AttachmentFile {
                    file_name: stored.file_name,
                    content_type,
                    path,
                });
            }
        }
        let url = stored
            .content_url
            .as_deref()
            .ok_or(TicketsError::NoSuchAttachment(id))?;
        let bytes = self.helpdesk.download(url).await?;
        let folder = self.folders.downloads.join(id.to_string());
        let name = clean_name(&stored.file_name);
        let path = folder.join(name);
        std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(&path, &bytes))
            .map_err(|source| TicketsError::Cache {
                path: folder.display().to_string(),
                source,
            })?;
        self.store
            .set_attachment_local_path(id, &path.to_string_lossy())?;
        Ok(AttachmentFile {
            file_name: stored.file_name,
            content_type,
            path,
        })
    }

    /// An image attachment to show in the app; anything else (or anything over
    /// [`MAX_PREVIEW_BYTES`]) is to be saved instead, and says so.
    pub async fn image_preview(&self, id: u64) -> Result<ImagePreview, TicketsError> {
        let file = self.attachment(id).await?;
        if !file.content_type.starts_with("image/") {
            return Err(TicketsError::NotPreviewable(format!(
                "{} is not an image; save it instead",
                file.file_name
            )));
        }
        let size = std::fs::metadata(&file.path).map_or(0, |meta| meta.len());
        if size > MAX_PREVIEW_BYTES {
            return Err(TicketsError::NotPreviewable(format!(
                "{} is too large to preview; save it instead",
                file.file_name
            )));
        }
        let bytes = std::fs::read(&file.path).map_err(|source| TicketsError::Cache {
            path: file.path.display().to_string(),
            source,
        })?;
        Ok(ImagePreview {
            file_name: file.file_name,
            content_type: file.content_type,
            bytes,
        })
    }

    /// Copies an attachment into `folder` (the user's Downloads) under a name not taken yet:
    /// `log.txt`, then `log (1).txt`…
    pub async fn save_attachment(
        &self,
        id: u64,
        folder: &std::path::Path,
    ) -> Result<PathBuf, TicketsError> {
        let file = self.attachment(id).await?;
        let name = clean_name(&file.file_name);
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
            _ => (name.as_str(), String::new()),
        };
        let cannot = |source| TicketsError::Cache {
            path: folder.display().to_string(),
            source,
        };
        std::fs::create_dir_all(folder).map_err(cannot)?;
        for copy in 0..1000 {
            let candidate = match copy {
                0 => folder.join(&name),
                n => folder.join(format!("{stem} ({n}){extension}")),
            };
            // `create_new` so two saves at once cannot pick the same name.
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&candidate)
            {
                Ok(_) => {
                    std::fs::copy(&file.path, &candidate).map_err(cannot)?;
                    return Ok(candidate);
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(cannot(error)),
            }
        }
        Err(cannot(std::io::Error::other(
            "too many files with that name",
        )))
    }
}
