use docs_index::{Article, IndexStatus, Locale, SearchRequest, SearchResults};
use helpline_core::{
    ArticleRef, ErrorCode, ReadingList, TicketSearchHit, WireError, MOST_TICKET_HITS,
};
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::AppState;

fn internal(error: impl std::fmt::Display) -> WireError {
    WireError::new(ErrorCode::Internal, error.to_string())
}

/// Whether the help articles are indexed yet.
#[tauri::command]
#[specta::specta]
pub fn search_status(state: State<'_, AppState>) -> IndexStatus {
    match state.library() {
        Ok(library) => library.status(),
        Err(error) => IndexStatus::Failed {
            message: error.message,
        },
    }
}

/// As-you-type search of the help articles.
#[tauri::command]
#[specta::specta]
pub async fn search_articles(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> Result<SearchResults, WireError> {
    state.library()?.index().search(&request).map_err(internal)
}

/// The user's own tickets matching a help search, shown above the articles (at most five).
#[tauri::command]
#[specta::specta]
pub async fn search_tickets(
    state: State<'_, AppState>,
    query: String,
    language: Locale,
) -> Result<Vec<TicketSearchHit>, WireError> {
    Ok(state
        .tickets()?
        .search(&query, language, MOST_TICKET_HITS)?)
}

/// The help's "start here" picks (at most six), for the empty search screen of a new user.
#[tauri::command]
#[specta::specta]
pub async fn starter_articles(
    state: State<'_, AppState>,
    language: Locale,
) -> Result<Vec<ArticleRef>, WireError> {
    let articles = state
        .library()?
        .index()
        .labelled(docs_index::START_HERE_LABEL, language, 6)
        .map_err(internal)?;
    Ok(articles
        .into_iter()
        .map(|article| ArticleRef {
            id: article.id,
            locale: article.locale.as_str().to_owned(),
            title: article.title,
        })
        .collect())
}

/// The sections articles in `language` belong to, for the filter.
#[tauri::command]
#[specta::specta]
pub async fn search_sections(
    state: State<'_, AppState>,
    language: Locale,
) -> Result<Vec<String>, WireError> {
    let sections = state.library()?.index().sections().map_err(internal)?;
    Ok(sections
        .into_iter()
        .filter(|(locale, _)| *locale == language)
        .map(|(_, name)| name)
        .collect())
}

/// An article as the reader shows it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticleView {
    pub article: Article,
    /// Every language the article can be read in.
    pub translations: Vec<Locale>,
    pub bookmarked: bool,
}

/// Opens an article in `language` (or its only translation) and remembers it as recent.
#[tauri::command]
#[specta::specta]
pub async fn open_article(
    state: State<'_, AppState>,
    id: String,
    language: Locale,
) -> Result<ArticleView, WireError> {
    let index = state.library()?.index();
    let article = index
        .article_in(&id, language)
        .map_err(internal)?
        .ok_or_else(|| {
            WireError::new(
                ErrorCode::NotFound,
                format!("article {id} is not in the help index any more"),
            )
        })?;
    let translations = index.translations(&id).map_err(internal)?;
    let opened = ArticleRef {
        id: article.id.clone(),
        locale: article.locale.as_str().to_owned(),
        title: article.title.clone(),
    };
    let list = state.reading_list().update(|list| list.opened(opened))?;
    Ok(ArticleView {
        bookmarked: list.is_bookmarked(&id),
        article,
        translations,
    })
}

/// Recently opened and bookmarked articles, each titled in `language` where it has that
/// translation (an article read in English shows its French title once the reader switched).
#[tauri::command]
#[specta::specta]
pub fn reading_list(state: State<'_, AppState>, language: Locale) -> ReadingList {
    let list = state.reading_list().load();
    let Ok(library) = state.library() else {
        return list;
    };
    list.translated(|article| {
        let shown = library.index().article(&article.id, language).ok()??;
        Some(ArticleRef {
            id: shown.id,
            locale: shown.locale.as_str().to_owned(),
            title: shown.title,
        })
    })
}

/// Adds or removes a bookmark; returns the updated list.
#[tauri::command]
#[specta::specta]
pub fn set_bookmark(
    state: State<'_, AppState>,
    article: ArticleRef,
    bookmarked: bool,
) -> Result<ReadingList, WireError> {
    Ok(state
        .reading_list()
        .update(|list| list.set_bookmark(article, bookmarked))?)
}
