//! What the search tests share: articles from Markdown, an index in memory, the ids found.

#![allow(dead_code)] // each test file uses its own share of these

use docs_index::ingest::parse_markdown;
use docs_index::{Article, DocsIndex, Locale, SearchFilters, SearchRequest, SearchResults, Source};

pub fn article(path: &str, front: &str, body: &str) -> Article {
    parse_markdown(path, &format!("---\n{front}\n---\n{body}"), Source::Folder).unwrap()
}

pub fn index_with(articles: &[Article]) -> DocsIndex {
    let index = DocsIndex::in_memory().unwrap();
    index.upsert(articles).unwrap();
    index.commit().unwrap();
    index
}

pub fn search_in(index: &DocsIndex, query: &str, language: Locale) -> SearchResults {
    index
        .search(&SearchRequest {
            query: query.into(),
            language,
            limit: 10,
            filters: SearchFilters::default(),
        })
        .unwrap()
}

pub fn top_ids(index: &DocsIndex, query: &str, language: Locale) -> Vec<String> {
    search_in(index, query, language)
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

pub fn first(index: &DocsIndex, query: &str, language: Locale) -> Option<String> {
    top_ids(index, query, language).into_iter().next()
}
