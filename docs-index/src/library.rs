//! The app's help library: the index in the data folder, filled with the bundled articles on
//! first run (and again when an update ships different ones), with progress for the UI.

use std::path::Path;
use std::sync::{Arc, RwLock};

use serde::Serialize;
use specta::Type;

use crate::index::IndexStamp;
use crate::{analysis, ingest, DocsIndex, IndexError, Source};

/// Articles indexed between two progress reports.
const BATCH: usize = 16;

/// Where the index stands, for the search screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum IndexStatus {
    /// Articles are being indexed; search works on what is done so far.
    #[serde(rename_all = "camelCase")]
    Indexing { done: u32, total: u32 },
    #[serde(rename_all = "camelCase")]
    Ready { articles: u32 },
    /// Indexing failed; the message says what to do.
    #[serde(rename_all = "camelCase")]
    Failed { message: String },
}

pub struct HelpLibrary {
    index: DocsIndex,
    status: RwLock<IndexStatus>,
}

impl HelpLibrary {
    pub fn open(dir: &Path) -> Result<Arc<Self>, IndexError> {
        let (index, _) = DocsIndex::open(dir)?;
        let articles = u32::try_from(index.len()).unwrap_or(u32::MAX);
        Ok(Arc::new(Self {
            index,
            status: RwLock::new(IndexStatus::Ready { articles }),
        }))
    }

    pub fn index(&self) -> &DocsIndex {
        &self.index
    }

    pub fn status(&self) -> IndexStatus {
        self.status.read().expect("status lock").clone()
    }

    fn set_status(&self, status: IndexStatus) {
        *self.status.write().expect("status lock") = status;
    }

    /// Whether the bundled articles in this build differ from those in the index.
    pub fn bundled_is_stale(&self) -> bool {
        let indexed = self
            .index
            .stamp()
            .and_then(|stamp| stamp.bundled_fingerprint);
        indexed != Some(ingest::bundled_fingerprint()) || self.index.is_empty()
    }

    /// Indexes the bundled articles if they changed, committing in batches so search works
    /// while it runs. Call it from a background thread.
    pub fn index_bundled_if_stale(&self) {
        if !self.bundled_is_stale() {
            return;
        }
        if let Err(error) = self.index_bundled() {
            tracing::error!(%error, "indexing the bundled help articles failed");
            self.set_status(IndexStatus::Failed {
                message: format!("{error}. Restart Helpline to try again"),
            });
        }
    }

    fn index_bundled(&self) -> Result<(), IndexError> {
        let ingested = ingest::bundled();
        for problem in &ingested.problems {
            tracing::warn!(%problem, "bundled article skipped");
        }
        let total = u32::try_from(ingested.articles.len()).unwrap_or(u32::MAX);
        self.set_status(IndexStatus::Indexing { done: 0, total });
        self.index.delete_source(Source::Bundled)?;
        let mut done = 0;
        for batch in ingested.articles.chunks(BATCH) {
            self.index.upsert(batch)?;
            self.index.commit()?;
            done += u32::try_from(batch.len()).unwrap_or(u32::MAX);
            self.set_status(IndexStatus::Indexing { done, total });
        }
        self.index.commit()?;
        self.index.write_stamp(&IndexStamp {
            analyzer_version: analysis::ANALYZER_VERSION,
            bundled_fingerprint: Some(ingest::bundled_fingerprint()),
        })?;
        let articles = u32::try_from(self.index.len()).unwrap_or(u32::MAX);
        tracing::info!(articles, "bundled help articles indexed");
        self.set_status(IndexStatus::Ready { articles });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_indexes_the_bundled_articles_once() {
        let dir = tempfile::tempdir().unwrap();
        let library = HelpLibrary::open(&dir.path().join("index")).unwrap();
        assert!(library.bundled_is_stale());
        library.index_bundled_if_stale();
        let IndexStatus::Ready { articles } = library.status() else {
            panic!("{:?}", library.status())
        };
        assert_eq!(articles as usize, ingest::bundled().articles.len());
        drop(library);

        let reopened = HelpLibrary::open(&dir.path().join("index")).unwrap();
        assert!(
            !reopened.bundled_is_stale(),
            "a second start does not index again"
        );
        assert_eq!(reopened.status(), IndexStatus::Ready { articles });
    }
}
