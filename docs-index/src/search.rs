//! Running a search: query, collect, one hit per article (in the reader's language when that
//! translation exists), snippets.

use std::collections::HashSet;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use specta::Type;
use tantivy::collector::TopDocs;
use tantivy::columnar::StrColumn;
use tantivy::schema::TantivyDocument;
use tantivy::{DocAddress, Searcher};

use crate::query::{self, QueryWords, Strictness};
use crate::snippet::{Highlighter, TextPart};
use crate::{DocsIndex, IndexError, Locale, Source};

/// A page found only by the any-word pass counts this share of its score against the pages
/// holding most of the words.
const RELAXED_WEIGHT: f32 = 0.5;

/// One translation a pass found, before translations are grouped.
struct Found {
    score: f32,
    address: DocAddress,
    /// The number of its article id in its segment's id column.
    ord: u64,
}

/// The article ids of every segment, read from the fast field: grouping a pass's candidates by
/// article needs only their ids, and opening a stored document costs far more.
struct IdColumns(Vec<Option<StrColumn>>);

impl IdColumns {
    fn open(searcher: &Searcher) -> Result<Self, IndexError> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().str("id"))
            .collect::<tantivy::Result<_>>()?;
        Ok(Self(columns))
    }

    fn column(&self, segment_ord: u32) -> Option<&StrColumn> {
        self.0.get(segment_ord as usize).and_then(Option::as_ref)
    }

    /// The number of the document's id in its segment's column.
    fn ord(&self, address: DocAddress) -> Option<u64> {
        self.column(address.segment_ord)?
            .term_ords(address.doc_id)
            .next()
    }

    /// The id itself: reading it walks a block of the column, so only for the hits shown.
    fn id(&self, segment_ord: u32, ord: u64) -> Result<Option<String>, IndexError> {
        let Some(column) = self.column(segment_ord) else {
            return Ok(None);
        };
        let mut id = String::new();
        let found = column
            .ord_to_str(ord, &mut id)
            .map_err(|error| IndexError::from(tantivy::TantivyError::from(error)))?;
        Ok(found.then_some(id))
    }
}

/// Characters of body text shown in a snippet.
const SNIPPET_CHARS: usize = 180;

/// Narrow the results; every filter set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchFilters {
    pub locale: Option<Locale>,
    pub section: Option<String>,
    pub label: Option<String>,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    /// What the user typed, as typed: a last word without a space after it is a prefix.
    pub query: String,
    /// The reader's language: hits show this translation when it exists.
    pub language: Locale,
    pub limit: u32,
    pub filters: SearchFilters,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub id: String,
    /// The translation shown.
    pub locale: Locale,
    pub title: Vec<TextPart>,
    pub snippet: Vec<TextPart>,
    pub section: Option<String>,
    pub url: Option<String>,
    pub source: Source,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Time spent in the search, for display in developer tools and benchmarks.
    pub took_micros: u32,
}

impl DocsIndex {
    /// As-you-type search: the pages holding most of the words, then, when they leave the page
    /// short, pages holding any of them.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, IndexError> {
        self.search_with(request, &[Strictness::Strict, Strictness::Relaxed])
    }

    /// Only the pages holding most of the words: for results shown beside others (the user's
    /// tickets above the help), where a page matching one stray word would only be noise.
    pub fn search_strict(&self, request: &SearchRequest) -> Result<SearchResults, IndexError> {
        self.search_with(request, &[Strictness::Strict])
    }

    fn search_with(
        &self,
        request: &SearchRequest,
        passes: &[Strictness],
    ) -> Result<SearchResults, IndexError> {
        let started = Instant::now();
        let tokenizers = self.tokenizers();
        let words = QueryWords::parse(tokenizers, &request.query, request.language);
        let limit = request.limit.clamp(1, 100) as usize;
        let searcher = self.searcher();
        let highlighter = Highlighter::new(
            tokenizers,
            &words,
            query::unknown_words(&searcher, &self.fields, &words),
        );
        // Strict first; when that leaves the page short, any-word matches fill it. A page
        // matching fewer of the words still outranks a weak strict match when its own score is
        // far higher (the page titled "Mot de passe" for "comment mettre un mot de passe", whose
        // "mettre" it lacks), so both passes are ranked together, the loose one discounted.
        let mut found: Vec<Found> = Vec::new();
        // Articles told apart by their id's number in its segment, which costs nothing to read:
        // translations in two segments count twice here, and are told apart by id below.
        let mut articles = HashSet::new();
        let id_columns = IdColumns::open(&searcher)?;
        for &strictness in passes {
            let Some(query) = query::build(
                &searcher,
                tokenizers,
                &self.fields,
                &words,
                &request.filters,
                strictness,
            ) else {
                return Ok(SearchResults {
                    hits: Vec::new(),
                    took_micros: 0,
                });
            };
            let weight = match strictness {
                Strictness::Strict => 1.0,
                Strictness::Relaxed => RELAXED_WEIGHT,
            };
            // Translations of one article compete for places; fetch extra to fill the page.
            let top = searcher.search(
                &query,
                &TopDocs::with_limit(limit * Locale::ALL.len()).order_by_score(),
            )?;
            for (score, address) in top {
                let Some(ord) = id_columns.ord(address) else {
                    continue;
                };
                articles.insert((address.segment_ord, ord));
                found.push(Found {
                    score: score * weight,
                    address,
                    ord,
                });
            }
            if articles.len() >= limit || words.words.len() < 2 {
                break;
            }
        }
        // Stable: on equal scores the strict pass's order stands.
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut seen = HashSet::new();
        let mut hits = Vec::with_capacity(limit);
        for Found {
            score,
            address,
            ord,
        } in found
        {
            if hits.len() == limit {
                break;
            }
            let Some(id) = id_columns.id(address.segment_ord, ord)? else {
                continue;
            };
            if !seen.insert(id.clone()) {
                continue;
            }
            // Show the reader's translation when there is one (unless filtered to a language).
            let shown = match request.filters.locale {
                Some(_) => None,
                None => self.address_of(&searcher, &id, request.language)?,
            };
            let doc: TantivyDocument = searcher.doc(shown.unwrap_or(address))?;
            let Some(article) = self.hit_from(&doc) else {
                continue;
            };
            hits.push(SearchHit {
                title: highlighter.highlight_all(article.locale, &article.title),
                snippet: highlighter.snippet(article.locale, &article.body_text, SNIPPET_CHARS),
                id,
                locale: article.locale,
                section: article.section,
                url: article.url,
                source: article.source,
                score,
            });
        }
        let took_micros = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
        Ok(SearchResults { hits, took_micros })
    }
}
