//! Articles: `/{locale}/articles`, `/{locale}/sections/{id}/articles`,
//! `/{locale}/categories/{id}/articles` and `/{locale}/articles/{id}`.

use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

use super::items::show_response;
use super::paging::{page_response, sort_from, HELP_CENTER_PER_PAGE};
use super::sideloads::{self, ArticleIncludes};
use super::{name_list, HelpCenterPath};
use crate::desk::Desk;
use crate::store::help_center::{self, article_from_row, ArticleFilter};
use crate::zendesk::auth::Caller;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::ApiError;
use crate::zendesk::paging::{fetch, paging_from};

/// Title and edit-time orders are per locale, which every list here has.
const ARTICLE_SORTS: &[(&str, &str)] = &[
    ("position", "position"),
    ("title", "title_rank"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
    ("edited_at", "edited_at"),
];

/// Zendesk filters on at most ten labels.
const MAX_LABELS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    Everything,
    Section,
    Category,
}

pub(super) async fn list_articles(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, path, context, Parent::Everything).await
}

pub(super) async fn list_section_articles(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, path, context, Parent::Section).await
}

pub(super) async fn list_category_articles(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, path, context, Parent::Category).await
}

/// `label_names=a,b` keeps articles with every label; `start_time` those updated since.
async fn list(
    desk: Arc<Desk>,
    path: HelpCenterPath,
    context: RequestContext,
    parent: Parent,
) -> Result<Response, ApiError> {
    let locale = path.locale()?;
    let mut filter = ArticleFilter::in_locale(locale);
    match parent {
        Parent::Everything => {}
        Parent::Section => filter.section_id = Some(path.id()?),
        Parent::Category => filter.category_id = Some(path.id()?),
    }
    filter.labels = name_list(context.param("label_names"));
    filter.labels.truncate(MAX_LABELS);
    filter.updated_since = context
        .param("start_time")
        .and_then(|text| text.parse::<i64>().ok());
    let sort = sort_from(&context, ARTICLE_SORTS);
    let paging = paging_from(&context, &sort.name, HELP_CENTER_PER_PAGE)?;
    let includes = ArticleIncludes::from(&context);
    let order = sort.order;
    let (fetched, sideloads) = desk
        .store
        .run(move |connection| {
            let parent_exists = match (filter.section_id, filter.category_id) {
                (Some(id), _) => help_center::section(connection, id, locale)?.is_some(),
                (_, Some(id)) => help_center::category(connection, id, locale)?.is_some(),
                (None, None) => true,
            };
            if !parent_exists {
                return Ok(Err(ApiError::NotFound));
            }
            let listing = filter.listing(order);
            let fetched = fetch(connection, &listing, &paging, article_from_row, |row| {
                row.position_in(order)
            })?;
            let sideloads = sideloads::load(connection, locale, fetched.items(), includes)?;
            Ok(Ok((fetched, sideloads)))
        })
        .await??;
    let (items, extra) =
        sideloads::render(&context.base_url, fetched.items(), &sideloads, includes);
    Ok(page_response(
        "articles",
        items,
        extra,
        &fetched,
        &sort,
        |row| row.position_in(order),
        &context,
    ))
}

pub(super) async fn show_article(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let locale = path.locale()?;
    let id = path.id()?;
    let includes = ArticleIncludes::from(&context);
    let (article, sideloads) = desk
        .store
        .run(move |connection| {
            let Some(article) = help_center::article(connection, id, locale)? else {
                return Ok(None);
            };
            let sideloads =
                sideloads::load(connection, locale, std::slice::from_ref(&article), includes)?;
            Ok(Some((article, sideloads)))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    let (mut items, extra) = sideloads::render(&context.base_url, &[article], &sideloads, includes);
    Ok(show_response("article", items.remove(0), extra))
}
