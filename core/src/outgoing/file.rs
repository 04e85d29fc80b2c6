//! [`OutgoingFile`]: a file the user attached, as the UI, the drafts and the outbox know it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

/// A file waiting in the outbox folder to go out with a reply or a new request.
///
/// The UI knows a staged file by its `id` only: Rust finds it as `<outgoing>/<id>/<file_name>`
/// ([`Staging`]), so nothing the webview sends can name a file elsewhere to upload or delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutgoingFile {
    /// The folder the copy sits in, inside the outgoing folder: a UUID.
    pub id: String,
    /// The name the user knows it by, as the desk will show it.
    pub file_name: String,
    pub content_type: String,
    #[specta(type = specta_typescript::Number)]
    pub size: u64,
}

/// An [`OutgoingFile`] as stored by this version (`id`) or an older one (`path`, the copy's
/// absolute path, whose folder name is the id).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredOutgoingFile {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    path: Option<String>,
    file_name: String,
    content_type: String,
    size: u64,
}

// By hand rather than `#[serde(from)]`, so the UI's generated type stays `OutgoingFile`'s.
impl<'de> Deserialize<'de> for OutgoingFile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StoredOutgoingFile::deserialize(deserializer).map(Self::from)
    }
}

impl From<StoredOutgoingFile> for OutgoingFile {
    fn from(stored: StoredOutgoingFile) -> Self {
        let id = stored.id.unwrap_or_else(|| {
            stored
                .path
                .as_deref()
                .and_then(|path| Path::new(path).parent()?.file_name())
                .map(|folder| folder.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        Self {
            id,
            file_name: stored.file_name,
            content_type: stored.content_type,
            size: stored.size,
        }
    }
}

impl OutgoingFile {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_stored_by_an_older_version_keeps_its_file() {
        let json = r#"{"path":"/data/outgoing/0b7c5a1e-2f7d-4a53-9d7e-3c1f2a4b5c6d/log.txt",
            "fileName":"log.txt","contentType":"text/plain","size":3}"#;
        let file: OutgoingFile = serde_json::from_str(json).unwrap();
        assert_eq!(file.id, "0b7c5a1e-2f7d-4a53-9d7e-3c1f2a4b5c6d");
    }
}
