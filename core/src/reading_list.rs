//! Recently opened and bookmarked help articles, kept in `reading-list.json` in the data folder.

use crate::damaged::{DamageLog, DamagedFileKind};
use crate::json_file::JsonFile;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use specta::Type;

/// How many recently opened articles are remembered.
pub const RECENT_LIMIT: usize = 12;

/// An article as the reading list remembers it: enough to show and reopen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticleRef {
    pub id: String,
    /// The language it was read in (`en`, `fr`).
    pub locale: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReadingList {
    /// Most recent first.
    pub recent: Vec<ArticleRef>,
    /// In the order they were bookmarked.
    pub bookmarks: Vec<ArticleRef>,
}

impl ReadingList {
    /// Puts `article` first in the recent list (once).
    pub fn opened(&mut self, article: ArticleRef) {
        self.recent.retain(|seen| seen.id != article.id);
        self.recent.insert(0, article);
        self.recent.truncate(RECENT_LIMIT);
    }

    pub fn set_bookmark(&mut self, article: ArticleRef, bookmarked: bool) {
        self.bookmarks.retain(|kept| kept.id != article.id);
        if bookmarked {
            self.bookmarks.push(article);
        }
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks.iter().any(|kept| kept.id == id)
    }

    /// The list with each article as `translate` shows it: titled in the reader's language
    /// once they switched, where the article has that translation; the others keep the
    /// language they were read in.
    pub fn translated(mut self, translate: impl Fn(&ArticleRef) -> Option<ArticleRef>) -> Self {
        for article in self.recent.iter_mut().chain(self.bookmarks.iter_mut()) {
            if let Some(shown) = translate(article) {
                *article = shown;
            }
        }
        self
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot save the reading list to {path}: {source}. Check that the data folder is writable")]
pub struct ReadingListError {
    path: PathBuf,
    source: std::io::Error,
}

/// Loads and saves the [`ReadingList`]; a missing file is an empty list, and so is a damaged
/// one once it is set aside (`reading-list.json.damaged`), so the next save loses nothing.
#[derive(Debug, Clone)]
pub struct ReadingListStore {
    file: JsonFile,
}

impl ReadingListStore {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let file = JsonFile::new(path.into(), DamagedFileKind::ReadingList);
        Self { file }
    }

    /// Records a damaged file found at load in `log`, for the app to tell the user.
    pub fn reporting_to(mut self, log: DamageLog) -> Self {
        self.file.report_to(log);
        self
    }

    pub fn load(&self) -> ReadingList {
        match self.file.load(|text| serde_json::from_str(text)) {
            Ok(list) => list.unwrap_or_default(),
            Err(error) => {
                tracing::warn!(%error, path = %self.file.path().display(), "the reading list cannot be read");
                ReadingList::default()
            }
        }
    }

    /// Applies `change` to the saved list and saves it (atomically).
    pub fn update(
        &self,
        change: impl FnOnce(&mut ReadingList),
    ) -> Result<ReadingList, ReadingListError> {
        let mut list = self.load();
        change(&mut list);
        self.file.save(&list).map_err(|source| ReadingListError {
            path: self.file.path().to_path_buf(),
            source,
        })?;
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> ArticleRef {
        ArticleRef {
            id: id.into(),
            locale: "en".into(),
            title: format!("Article {id}"),
        }
    }

    #[test]
    fn reopening_moves_an_article_to_the_front_without_duplicates() {
        let mut list = ReadingList::default();
        list.opened(article("a"));
        list.opened(article("b"));
        list.opened(article("a"));
        let ids: Vec<_> = list.recent.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn translated_lists_keep_their_order_and_what_has_no_translation() {
        let read = |id: &str, locale: &str, title: &str| ArticleRef {
            id: id.into(),
            locale: locale.into(),
            title: title.into(),
        };
        let mut list = ReadingList::default();
        list.opened(read("install", "en", "Install Helpline"));
        list.opened(read("offline", "en", "Reply while offline"));
        list.set_bookmark(read("offline", "en", "Reply while offline"), true);
        let french = list.translated(|article| {
            (article.id == "offline").then(|| read("offline", "fr", "Répondre hors ligne"))
        });
        assert_eq!(
            french.recent,
            [
                read("offline", "fr", "Répondre hors ligne"),
                read("install", "en", "Install Helpline"),
            ]
        );
        assert_eq!(
            french.bookmarks,
            [read("offline", "fr", "Répondre hors ligne")]
        );
    }

    #[test]
    fn recent_list_is_bounded() {
        let mut list = ReadingList::default();
        for n in 0..RECENT_LIMIT + 5 {
            list.opened(article(&n.to_string()));
        }
        assert_eq!(list.recent.len(), RECENT_LIMIT);
        assert_eq!(list.recent[0].id, (RECENT_LIMIT + 4).to_string());
    }

    #[test]
    fn bookmarks_toggle_and_persist() {
        let dir = tempfile::tempdir().unwrap();
        let store = ReadingListStore::new(dir.path().join("reading-list.json"));
        store
            .update(|list| list.set_bookmark(article("a"), true))
            .unwrap();
        store
            .update(|list| list.set_bookmark(article("b"), true))
            .unwrap();
        store
            .update(|list| list.set_bookmark(article("a"), false))
            .unwrap();
        let loaded = store.load();
        assert!(loaded.is_bookmarked("b") && !loaded.is_bookmarked("a"));
    }

    #[test]
    fn damaged_file_reads_as_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reading-list.json");
        std::fs::write(&path, "not json").unwrap();
        assert_eq!(ReadingListStore::new(path).load(), ReadingList::default());
    }
}
