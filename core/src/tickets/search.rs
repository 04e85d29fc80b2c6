//! One search over the help and the user's own tickets: a ticket the user already opened about
//! the same problem is often the best answer. The tickets are indexed in memory by the help
//! search's own engine (same forgiveness: accents, elisions, stems, typos, question frames),
//! from the store, and brought up to date before each search with what the sync wrote since.

use std::sync::Mutex;

use docs_index::{Article, DocsIndex, Locale, SearchFilters, SearchRequest, Source, TextPart};
use serde::Serialize;
use specta::Type;

use crate::helpdesk::{RequestId, RequestStatus};
use crate::store::{Store, TextsSeen};

/// A ticket that matches what the user typed in the help search.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TicketSearchHit {
    #[specta(type = specta_typescript::Number)]
    pub id: RequestId,
    pub subject: Vec<TextPart>,
    /// Where the ticket's conversation matches.
    pub snippet: Vec<TextPart>,
    pub status: RequestStatus,
    pub updated_at: String,
    pub unread: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum TicketSearchError {
    #[error("the ticket search index failed: {0}")]
    Index(#[from] docs_index::IndexError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// At most this many tickets are shown above the articles.
pub const MOST_TICKET_HITS: u32 = 5;

pub struct TicketSearch {
    index: DocsIndex,
    seen: Mutex<TextsSeen>,
}

impl TicketSearch {
    pub fn new() -> Result<Self, TicketSearchError> {
        Ok(Self {
            index: DocsIndex::in_memory()?,
            seen: Mutex::new(TextsSeen::default()),
        })
    }

    /// Indexes what changed in the store since the last look.
    fn catch_up(&self, store: &Store, language: Locale) -> Result<(), TicketSearchError> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (changed, next) = store.ticket_texts_since(*seen)?;
        if !changed.is_empty() {
            let articles: Vec<Article> = changed
                .into_iter()
                .map(|ticket| Article {
                    id: ticket.id.to_string(),
                    // A ticket is in the user's language, as far as anything here knows.
                    locale: language,
                    title: ticket.subject,
                    body_html: String::new(),
                    body_text: ticket.body,
                    section: None,
                    labels: Vec::new(),
                    url: None,
                    updated_at: None,
                    source: Source::Folder,
                })
                .collect();
            self.index.upsert(&articles)?;
            self.index.commit()?;
        }
        *seen = next;
        Ok(())
    }

    /// The user's tickets that match `query`, best first: only tickets holding most of the
    /// query's words, so a stray common word never puts an unrelated ticket above the help.
    pub fn search(
        &self,
        store: &Store,
        query: &str,
        language: Locale,
        limit: u32,
    ) -> Result<Vec<TicketSearchHit>, TicketSearchError> {
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        self.catch_up(store, language)?;
        let request = SearchRequest {
            query: query.to_owned(),
            language,
            limit: limit.min(MOST_TICKET_HITS),
            filters: SearchFilters::default(),
        };
        let found = self.index.search_strict(&request)?;
        let ids: Vec<RequestId> = found
            .hits
            .iter()
            .filter_map(|hit| hit.id.parse().ok())
            .collect();
        let summaries = store.summaries(&ids)?;
        Ok(found
            .hits
            .into_iter()
            .filter_map(|hit| {
                let id: RequestId = hit.id.parse().ok()?;
                let summary = summaries.iter().find(|summary| summary.id == id)?;
                Some(TicketSearchHit {
                    id,
                    subject: hit.title,
                    snippet: hit.snippet,
                    status: summary.status,
                    updated_at: summary.updated_at.clone(),
                    unread: summary.unread,
                })
            })
            .collect())
    }
}
