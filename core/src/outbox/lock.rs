//! One flushing process per ticket store: the app and the CLI may run on the same data folder,
//! and each must see what the other sent before it decides what is still waiting.
//!
//! An advisory lock on a file beside the store (`flock` on Linux, `LockFileEx` on Windows),
//! held for the whole flush. The system releases it when the process ends, however it ends, so
//! a killed flush never leaves the outbox locked.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use super::OutboxError;

pub(super) struct FlushLock {
    /// Held while alive; closing the file releases the lock.
    _file: Option<File>,
}

impl FlushLock {
    /// Waits until no other process is flushing this store. An in-memory store has no
    /// neighbours to exclude.
    pub(super) async fn acquire(store_path: &Path) -> Result<Self, OutboxError> {
        if store_path == Path::new(":memory:") {
            return Ok(Self { _file: None });
        }
        let path = lock_path(store_path);
        let file = tokio::task::spawn_blocking(move || {
            let locked = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .and_then(|file| file.lock().map(|()| file));
            locked.map_err(|source| OutboxError::Lock { path, source })
        })
        .await
        .map_err(|error| OutboxError::Lock {
            path: lock_path(store_path),
            source: std::io::Error::other(error.to_string()),
        })??;
        Ok(Self { _file: Some(file) })
    }
}

fn lock_path(store_path: &Path) -> PathBuf {
    let mut name = store_path.as_os_str().to_owned();
    name.push(".outbox-lock");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_second_flush_waits_for_the_first_to_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("helpline.sqlite3");
        let first = FlushLock::acquire(&store).await.unwrap();
        let waiting = tokio::spawn({
            let store = store.clone();
            async move { FlushLock::acquire(&store).await.map(|_| ()) }
        });
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(!waiting.is_finished(), "the second lock did not wait");
        drop(first);
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("the second lock is taken once the first is dropped")
            .unwrap()
            .unwrap();
    }
}
