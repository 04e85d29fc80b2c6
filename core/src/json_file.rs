//! The small JSON files (settings, reading list, help desk account), saved so that a crash
//! mid-save leaves the previous file whole: written beside it, then renamed over it.

use std::path::Path;

use serde::Serialize;

pub(crate) fn save_atomically(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = path.with_extension("json.tmp");
    let json = serde_json::to_vec_pretty(value).expect("plain data serialises");
    std::fs::write(&temporary, json)?;
    std::fs::rename(&temporary, path)
}
