//! Help articles → a tantivy index → instant, forgiving search in English and French.
//!
//! - [`Article`]: one translation of a help article; translations share an id.
//! - [`ingest`]: reads Markdown with front matter, HTML pages, Zendesk Help Center JSON and
//!   JSON Lines; bad files are reported with path and line, the rest still comes through.
//! - [`DocsIndex`]: the index (one writer, batched commits, explicit reader reloads), rebuilt
//!   when its analyzers change ([`analysis::ANALYZER_VERSION`]).
//! - [`DocsIndex::search`]: as-you-type search with typo tolerance, accent folding, elisions,
//!   stemming, prefix matching on the word being typed, a title boost, phrase proximity,
//!   snippets and filters.
//!
//! ```
//! use docs_index::{DocsIndex, Locale, SearchFilters, SearchRequest, Source};
//!
//! let index = DocsIndex::in_memory()?;
//! let article = docs_index::ingest::parse_markdown(
//!     "fr/pare-feu.md",
//!     "---\ntitle: Configurer le pare-feu\n---\nAutorisez l’accès au réseau.",
//!     Source::Folder,
//! )?;
//! index.upsert([&article])?;
//! index.commit()?;
//! let request = SearchRequest {
//!     query: "reseau".into(),
//!     language: Locale::Fr,
//!     limit: 10,
//!     filters: SearchFilters::default(),
//! };
//! assert_eq!(index.search(&request)?.hits[0].id, "pare-feu");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod analysis;
mod article;
mod compounds;
mod html;
mod index;
pub mod ingest;
mod library;
mod query;
mod question;
mod schema;
mod search;
mod snippet;

pub use article::{Article, Locale, Source};
pub use index::{DocsIndex, IndexError, IndexStamp, Opened};
pub use library::{HelpLibrary, IndexStatus};
pub use search::{SearchFilters, SearchHit, SearchRequest, SearchResults};
pub use snippet::TextPart;

/// Articles carrying this label (in their front matter, or as a Zendesk Help Center label) are
/// the help's "start here" picks, offered on the empty search screen.
pub const START_HERE_LABEL: &str = "start-here";
