//! `GET /api/v2/help_center/articles/search`: words in titles and bodies, filters by locale,
//! category, section and labels; offset pages of 25, at most 1,000 results.
//!
//! Relevance is simple: every query word of three or more letters must start a word of the
//! title or body (shorter ones only add to the score), title matches count three times.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::sync::Arc;

use super::paging::respond;
use super::render::article_json;
use super::snippet::{matches, query_words, snippet, words_of};
use super::{id_list, name_list};
use crate::desk::Desk;
use crate::seed::help_center::{DEFAULT_HELP_CENTER_LOCALE, HELP_CENTER_LOCALES};
use crate::store::help_center::{self, ArticleRow};
use crate::text_fold::fold;
use crate::zendesk::auth::Caller;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::ApiError;
use crate::zendesk::paging::offset_page;

const SEARCH_PER_PAGE: i64 = 25;
/// Zendesk serves at most this many results of one search.
const MAX_RESULTS: i64 = 1000;
/// Query words shorter than this score but are not required.
const REQUIRED_WORD_LENGTH: usize = 3;
const TITLE_WEIGHT: usize = 3;

pub(super) async fn search_articles(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let words = query_words(context.param("query").unwrap_or_default());
    let section_ids = id_list(context.param("section"));
    let category_ids = id_list(context.param("category"));
    let labels: Vec<String> = name_list(context.param("label_names"))
        .iter()
        .map(|label| fold(label))
        .collect();
    if words.is_empty() && section_ids.is_empty() && category_ids.is_empty() && labels.is_empty() {
        return Err(ApiError::bad_request(
            "InvalidSearchParameter",
            "at least one of query, category, section or label_names is required",
        ));
    }
    let (page, per_page) = offset_page(&context, SEARCH_PER_PAGE)?;
    let skipped = (page - 1) * per_page;
    if skipped >= MAX_RESULTS {
        return Err(ApiError::Unprocessable {
            error: "InvalidPaginationParameter",
            description: format!("Search results are limited to {MAX_RESULTS}; narrow the query"),
        });
    }
    let locales = locales_param(context.param("locale"));
    let candidates = desk
        .store
        .run(move |connection| {
            Ok(help_center::search_candidates(
                connection,
                &locales,
                &section_ids,
                &category_ids,
            )?)
        })
        .await?;

    let mut found: Vec<(usize, ArticleRow)> = candidates
        .into_iter()
        .filter(|article| has_any_label(article, &labels))
        .filter_map(|article| score(&article, &words).map(|score| (score, article)))
        .collect();
    sort_results(&mut found, &context);
    let count = found.len() as i64;
    let served = count.min(MAX_RESULTS);
    let results: Vec<Value> = found
        .iter()
        .skip(skipped as usize)
        .take(per_page.min(MAX_RESULTS - skipped) as usize)
        .map(|(_, article)| result_json(&context.base_url, article, &words))
        .collect();

    let page_url = |number: i64| {
        Value::from(context.url_with(
            &["page", "per_page"],
            &[
                ("page", number.to_string()),
                ("per_page", per_page.to_string()),
            ],
        ))
    };
    let mut body = Map::new();
    body.insert("results".into(), Value::Array(results));
    body.insert(
        "next_page".into(),
        if page * per_page < served {
            page_url(page + 1)
        } else {
            Value::Null
        },
    );
    body.insert(
        "previous_page".into(),
        if page > 1 {
            page_url(page - 1)
        } else {
            Value::Null
        },
    );
    body.insert("count".into(), Value::from(count));
    body.insert("page".into(), Value::from(page));
    body.insert("per_page".into(), Value::from(per_page));
    body.insert(
        "page_count".into(),
        Value::from((served + per_page - 1) / per_page),
    );
    Ok(respond(body, None))
}

/// `locale=fr` searches French, `*` every locale; missing or unknown means the default.
fn locales_param(asked: Option<&str>) -> Vec<String> {
    match asked {
        Some("*") => vec![],
        Some(asked) => vec![HELP_CENTER_LOCALES
            .iter()
            .find(|locale| locale.eq_ignore_ascii_case(asked))
            .copied()
            .unwrap_or(DEFAULT_HELP_CENTER_LOCALE)
            .to_owned()],
        None => vec![DEFAULT_HELP_CENTER_LOCALE.to_owned()],
    }
}

/// Search's label filter is an OR, and ignores case.
fn has_any_label(article: &ArticleRow, folded_labels: &[String]) -> bool {
    folded_labels.is_empty()
        || article
            .label_names
            .iter()
            .any(|label| folded_labels.contains(&fold(label)))
}

/// `None` when a required word is missing; otherwise how well the article matches.
fn score(article: &ArticleRow, words: &[String]) -> Option<usize> {
    if words.is_empty() {
        return Some(0);
    }
    let hits_in = |text: &str| {
        let characters: Vec<char> = text.chars().collect();
        let (spans, folded) = words_of(&characters);
        words
            .iter()
            .map(|word| {
                spans
                    .iter()
                    .filter(|(start, end)| matches(&folded[*start..*end], word))
                    .count()
            })
            .collect::<Vec<usize>>()
    };
    let in_title = hits_in(&article.title);
    let in_body = hits_in(&article.body_text);
    let mut total = 0;
    let mut any = false;
    for (index, word) in words.iter().enumerate() {
        let hits = in_title[index] * TITLE_WEIGHT + in_body[index].min(10);
        if hits == 0 && word.chars().count() >= REQUIRED_WORD_LENGTH {
            return None;
        }
        any |= hits > 0;
        total += hits;
    }
    any.then_some(total)
}

/// Relevance by default; `sort_by=created_at|updated_at` with `sort_order` (newest first
/// unless `asc`).
fn sort_results(found: &mut [(usize, ArticleRow)], context: &RequestContext) {
    let ascending = context.param("sort_order") == Some("asc");
    let time_of: Option<fn(&ArticleRow) -> i64> = match context.param("sort_by") {
        Some("created_at") => Some(|article| article.created_at),
        Some("updated_at") => Some(|article| article.updated_at),
        _ => None,
    };
    match time_of {
        Some(time_of) if ascending => {
            found.sort_by_key(|(_, article)| (time_of(article), article.id))
        }
        Some(time_of) => found.sort_by_key(|(_, article)| (Reverse(time_of(article)), article.id)),
        None => found.sort_by_key(|(score, article)| {
            (Reverse(*score), Reverse(article.updated_at), article.id)
        }),
    }
}

fn result_json(base_url: &str, article: &ArticleRow, words: &[String]) -> Value {
    let mut item = article_json(base_url, article);
    if let Value::Object(object) = &mut item {
        object.insert("result_type".into(), Value::from("article"));
        object.insert(
            "snippet".into(),
            Value::from(snippet(&article.body_text, words)),
        );
    }
    item
}
