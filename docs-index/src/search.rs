//! Running a search: query, collect, one hit per article (in the reader's language when that
//! translation exists), snippets.

use std::collections::HashSet;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use specta::Type;
use tantivy::collector::TopDocs;
use tantivy::schema::TantivyDocument;

use crate::query::{self, QueryWords, Strictness};
use crate::snippet::{Highlighter, TextPart};
use crate::{DocsIndex, IndexError, Locale, Source};

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
        let mut seen = HashSet::new();
        let mut hits = Vec::with_capacity(limit);
        // Strict first; when that leaves the page short, any-word matches fill it.
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
            // Translations of one article compete for places; fetch extra to fill the page.
            let top = searcher.search(
                &query,
                &TopDocs::with_limit(limit * Locale::ALL.len()).order_by_score(),
            )?;
            for (score, address) in top {
                if hits.len() == limit {
                    break;
                }
                let doc: TantivyDocument = searcher.doc(address)?;
                let Some(id) = self.text(&doc, self.fields.id) else {
                    continue;
                };
                if !seen.insert(id.clone()) {
                    continue;
                }
                // Show the reader's translation when there is one (unless filtered to a language).
                let translation = match request.filters.locale {
                    Some(_) => None,
                    None => self
                        .address_of(&searcher, &id, request.language)?
                        .filter(|shown| *shown != address),
                };
                let article = match translation {
                    Some(shown) => self.hit_from(&searcher.doc(shown)?),
                    None => self.hit_from(&doc),
                };
                let Some(article) = article else { continue };
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
            if hits.len() == limit || words.words.len() < 2 {
                break;
            }
        }
        let took_micros = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
        Ok(SearchResults { hits, took_micros })
    }
}
