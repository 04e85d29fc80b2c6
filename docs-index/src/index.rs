//! The index on disk (or in memory): one writer, batched commits, explicit reader reloads.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::query::AllQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::schema::{OwnedValue, Schema, TantivyDocument, Value as _};
use tantivy::{
    DocAddress, DocSet as _, Index, IndexReader, IndexWriter, ReloadPolicy, Term, TERMINATED,
};

use crate::schema::{self, Fields};
use crate::{analysis, Article, Locale, Source};

/// Memory the writer may buffer before it flushes a segment.
const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;
/// The file next to tantivy's own that records how the index was built.
const STAMP_FILE: &str = "helpline-index.json";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("the search index at {path} cannot be used: {source}. Delete that folder and Helpline will rebuild it")]
    Open {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("the search index failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("cannot prepare the index folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What the index was built with; a mismatch at open means rebuild.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStamp {
    pub analyzer_version: u32,
    /// Which bundled article set was last indexed (see `ingest::bundled_fingerprint`).
    #[serde(default)]
    pub bundled_fingerprint: Option<u64>,
}

/// How `open` found the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// Ready, built with the current analyzers.
    Existing,
    /// Nothing was there; the index is empty.
    Created,
    /// Built with other analyzers (or damaged); it was wiped and is empty.
    Rebuilt,
}

/// A help-article index. Share it behind an `Arc`: searches run concurrently, writes go
/// through the one writer.
pub struct DocsIndex {
    index: Index,
    reader: IndexReader,
    /// Opened on the first write, so that read-only users (the CLI's search) never take
    /// tantivy's writer lock away from the app.
    writer: Mutex<Option<IndexWriter>>,
    pub(crate) fields: Fields,
    dir: Option<PathBuf>,
}

impl DocsIndex {
    /// An index that lives only in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Self, IndexError> {
        let (schema, fields) = schema::build();
        Self::from_index(Index::create_in_ram(schema), fields, None)
    }

    /// Opens the index in `dir`, creating it, or wiping and recreating it when it was built with
    /// other analyzers or cannot be opened.
    pub fn open(dir: &Path) -> Result<(Self, Opened), IndexError> {
        let folder_error = |source| IndexError::Folder {
            path: dir.to_owned(),
            source,
        };
        let (schema, fields) = schema::build();
        let stamp = read_stamp(dir);
        let has_index = dir.join("meta.json").exists();
        let current = stamp
            .as_ref()
            .is_some_and(|stamp| stamp.analyzer_version == analysis::ANALYZER_VERSION);
        if has_index && current {
            match Index::open_in_dir(dir) {
                Ok(index) if index.schema() == schema => {
                    return Ok((
                        Self::from_index(index, fields, Some(dir.to_owned()))?,
                        Opened::Existing,
                    ));
                }
                Ok(_) => tracing::warn!(dir = %dir.display(), "index schema changed; rebuilding"),
                Err(error) => {
                    tracing::warn!(dir = %dir.display(), %error, "index cannot be opened; rebuilding")
                }
            }
        }
        let opened = if has_index {
            Opened::Rebuilt
        } else {
            Opened::Created
        };
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(folder_error)?;
        }
        std::fs::create_dir_all(dir).map_err(folder_error)?;
        let index =
            Index::create_in_dir(dir, schema.clone()).map_err(|source| IndexError::Open {
                path: dir.to_owned(),
                source,
            })?;
        let docs = Self::from_index(index, fields, Some(dir.to_owned()))?;
        docs.write_stamp(&IndexStamp {
            analyzer_version: analysis::ANALYZER_VERSION,
            bundled_fingerprint: None,
        })?;
        Ok((docs, opened))
    }

    fn from_index(index: Index, fields: Fields, dir: Option<PathBuf>) -> Result<Self, IndexError> {
        analysis::register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            dir,
        })
    }

    /// Runs `write` with the index's one writer, opening it on first use.
    fn with_writer<T>(
        &self,
        write: impl FnOnce(&mut IndexWriter) -> Result<T, IndexError>,
    ) -> Result<T, IndexError> {
        let mut slot = self.writer.lock().expect("writer lock");
        if slot.is_none() {
            // One indexing thread: the app indexes in the background while the user works, and
            // tantivy's lock file makes sure no second writer opens the same folder.
            *slot = Some(self.index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?);
        }
        write(slot.as_mut().expect("just opened"))
    }

    pub fn schema(&self) -> Schema {
        self.index.schema()
    }

    pub(crate) fn tokenizers(&self) -> &tantivy::tokenizer::TokenizerManager {
        self.index.tokenizers()
    }

    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// What the index was built with, as recorded on disk (None in memory).
    pub fn stamp(&self) -> Option<IndexStamp> {
        self.dir.as_deref().and_then(read_stamp)
    }

    pub fn write_stamp(&self, stamp: &IndexStamp) -> Result<(), IndexError> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let json = serde_json::to_vec_pretty(stamp).expect("stamp serialises");
        std::fs::write(dir.join(STAMP_FILE), json).map_err(|source| IndexError::Folder {
            path: dir.clone(),
            source,
        })
    }

    /// Adds articles, replacing earlier versions of the same translations. Nothing is visible
    /// to searches until [`commit`](Self::commit).
    pub fn upsert<'a>(
        &self,
        articles: impl IntoIterator<Item = &'a Article>,
    ) -> Result<(), IndexError> {
        self.with_writer(|writer| {
            for article in articles {
                writer.delete_term(Term::from_field_text(
                    self.fields.key,
                    &schema::key(&article.id, article.locale),
                ));
                writer.add_document(self.document(article))?;
            }
            Ok(())
        })
    }

    /// Removes one translation of an article.
    pub fn delete(&self, id: &str, locale: Locale) -> Result<(), IndexError> {
        self.with_writer(|writer| {
            writer.delete_term(Term::from_field_text(
                self.fields.key,
                &schema::key(id, locale),
            ));
            Ok(())
        })
    }

    /// Removes every article that came from `source`.
    pub fn delete_source(&self, source: Source) -> Result<(), IndexError> {
        self.with_writer(|writer| {
            writer.delete_term(Term::from_field_text(self.fields.source, source.as_str()));
            Ok(())
        })
    }

    /// Makes every change since the last commit durable and visible to searches.
    pub fn commit(&self) -> Result<(), IndexError> {
        self.with_writer(|writer| Ok(writer.commit()?))?;
        self.reader.reload()?;
        Ok(())
    }

    /// How many article translations are searchable.
    pub fn len(&self) -> usize {
        self.searcher().search(&AllQuery, &Count).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One translation of an article, or None.
    pub fn article(&self, id: &str, locale: Locale) -> Result<Option<Article>, IndexError> {
        let searcher = self.searcher();
        match self.address_of(&searcher, id, locale)? {
            Some(address) => Ok(self.article_from(&searcher.doc(address)?)),
            None => Ok(None),
        }
    }

    /// Where one translation is stored, straight from the key's postings (no scoring).
    pub(crate) fn address_of(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
        locale: Locale,
    ) -> Result<Option<DocAddress>, IndexError> {
        let term = Term::from_field_text(self.fields.key, &schema::key(id, locale));
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let inverted = segment.inverted_index(self.fields.key)?;
            let Some(mut postings) = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    return Ok(Some(DocAddress::new(ordinal as u32, doc)));
                }
                doc = postings.advance();
            }
        }
        Ok(None)
    }

    /// The translation in `preferred` if there is one, else any translation.
    pub fn article_in(&self, id: &str, preferred: Locale) -> Result<Option<Article>, IndexError> {
        for locale in std::iter::once(preferred).chain(Locale::ALL) {
            if let Some(article) = self.article(id, locale)? {
                return Ok(Some(article));
            }
        }
        Ok(None)
    }

    /// The languages an article is available in.
    pub fn translations(&self, id: &str) -> Result<Vec<Locale>, IndexError> {
        let mut found = Vec::new();
        for locale in Locale::ALL {
            if self.article(id, locale)?.is_some() {
                found.push(locale);
            }
        }
        Ok(found)
    }

    /// The articles carrying `label` (the help's own "start here" picks), each in `language` when
    /// that translation exists, by id; at most `limit`.
    pub fn labelled(
        &self,
        label: &str,
        language: Locale,
        limit: usize,
    ) -> Result<Vec<Article>, IndexError> {
        let searcher = self.searcher();
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.labels, label),
            IndexRecordOption::Basic,
        );
        let addresses = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
        let mut chosen: std::collections::BTreeMap<String, Article> = Default::default();
        for address in addresses {
            let Some(article) = self.hit_from(&searcher.doc(address)?) else {
                continue;
            };
            let better = chosen
                .get(&article.id)
                .is_none_or(|kept| kept.locale != language && article.locale == language);
            if better {
                chosen.insert(article.id.clone(), article);
            }
        }
        let mut articles: Vec<Article> = chosen.into_values().collect();
        // Numeric ids in their numeric order (Zendesk's and the bundled articles' ids are numbers).
        articles.sort_by(|a, b| (a.id.len(), a.id.as_str()).cmp(&(b.id.len(), b.id.as_str())));
        articles.truncate(limit);
        Ok(articles)
    }

    /// The section names present in the index, per language, sorted.
    pub fn sections(&self) -> Result<Vec<(Locale, String)>, IndexError> {
        let searcher = self.searcher();
        let mut sections = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(1)
                .map_err(tantivy::TantivyError::from)?;
            let alive = segment.alive_bitset();
            for doc_id in 0..segment.max_doc() {
                if alive.is_some_and(|bitset| !bitset.is_alive(doc_id)) {
                    continue;
                }
                let doc: TantivyDocument = store.get(doc_id)?;
                if let (Some(locale), Some(section)) = (
                    self.text(&doc, self.fields.locale),
                    self.text(&doc, self.fields.section),
                ) {
                    if let Some(locale) = Locale::parse(&locale) {
                        sections.insert((locale, section));
                    }
                }
            }
        }
        Ok(sections.into_iter().collect())
    }

    fn document(&self, article: &Article) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.key, schema::key(&article.id, article.locale));
        doc.add_text(f.id, &article.id);
        doc.add_text(f.locale, article.locale.as_str());
        doc.add_text(f.source, article.source.as_str());
        if let Some(section) = &article.section {
            doc.add_text(f.section, section);
        }
        for label in &article.labels {
            doc.add_text(f.labels, label);
        }
        if let Some(url) = &article.url {
            doc.add_text(f.url, url);
        }
        if let Some(updated_at) = &article.updated_at {
            doc.add_text(f.updated_at, updated_at);
        }
        doc.add_text(f.title, &article.title);
        doc.add_text(f.body_html, &article.body_html);
        doc.add_text(f.body_text, &article.body_text);
        let language = f.language(article.locale);
        for target in [language, f.plain, f.prefix] {
            doc.add_text(target.title, &article.title);
            doc.add_text(target.body, &article.body_text);
        }
        doc
    }

    pub(crate) fn text(
        &self,
        doc: &TantivyDocument,
        field: tantivy::schema::Field,
    ) -> Option<String> {
        doc.get_first(field)
            .and_then(|value| value.as_str())
            .map(str::to_owned)
    }

    /// What a search hit shows of a stored article: all but its HTML, which only the reader needs.
    pub(crate) fn hit_from(&self, doc: &TantivyDocument) -> Option<Article> {
        let f = &self.fields;
        Some(Article {
            id: self.text(doc, f.id)?,
            locale: Locale::parse(&self.text(doc, f.locale)?)?,
            title: self.text(doc, f.title)?,
            body_html: String::new(),
            body_text: self.text(doc, f.body_text).unwrap_or_default(),
            section: self.text(doc, f.section),
            labels: Vec::new(),
            url: self.text(doc, f.url),
            updated_at: None,
            source: Source::parse(&self.text(doc, f.source)?)?,
        })
    }

    pub(crate) fn article_from(&self, doc: &TantivyDocument) -> Option<Article> {
        let f = &self.fields;
        let labels = doc
            .get_all(f.labels)
            .filter_map(|value| match OwnedValue::from(value) {
                OwnedValue::Str(label) => Some(label),
                _ => None,
            })
            .collect();
        Some(Article {
            id: self.text(doc, f.id)?,
            locale: Locale::parse(&self.text(doc, f.locale)?)?,
            title: self.text(doc, f.title)?,
            body_html: self.text(doc, f.body_html).unwrap_or_default(),
            body_text: self.text(doc, f.body_text).unwrap_or_default(),
            section: self.text(doc, f.section),
            labels,
            url: self.text(doc, f.url),
            updated_at: self.text(doc, f.updated_at),
            source: Source::parse(&self.text(doc, f.source)?)?,
        })
    }
}

fn read_stamp(dir: &Path) -> Option<IndexStamp> {
    let bytes = std::fs::read(dir.join(STAMP_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}
