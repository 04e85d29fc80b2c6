//! Categories: `/{locale}/categories` and `/{locale}/categories/{id}`.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Map, Value};
use std::sync::Arc;

use super::items::{items_with_translations, show_response};
use super::paging::{page_response, sort_from, HELP_CENTER_PER_PAGE};
use super::render::{category_json, category_translation_json};
use super::HelpCenterPath;
use crate::desk::Desk;
use crate::store::help_center::{self, category_from_row, CategoryFilter, CategoryRow};
use crate::zendesk::auth::Caller;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::ApiError;
use crate::zendesk::paging::{fetch, paging_from};

const CATEGORY_SORTS: &[(&str, &str)] = &[
    ("position", "position"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
];

/// Each category with its `translations` when they were asked for.
fn render(
    base_url: &str,
    rows: &[CategoryRow],
    translations: &[CategoryRow],
    embed: bool,
) -> Vec<Value> {
    items_with_translations(
        rows,
        embed.then_some(translations),
        |row| row.id,
        |row| category_json(base_url, row),
        |translation| category_translation_json(base_url, translation),
    )
}

pub(super) async fn list_categories(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let locale = path.locale()?;
    let sort = sort_from(&context, CATEGORY_SORTS);
    let paging = paging_from(&context, &sort.name, HELP_CENTER_PER_PAGE)?;
    let embed = context.includes("translations");
    let order = sort.order;
    let (fetched, translations) = desk
        .store
        .run(move |connection| {
            let listing = CategoryFilter {
                locale: locale.to_owned(),
            }
            .listing(order);
            let fetched = fetch(connection, &listing, &paging, category_from_row, |row| {
                row.position_in(order)
            })?;
            let ids: Vec<i64> = fetched.items().iter().map(|row| row.id).collect();
            let translations = if embed {
                help_center::category_translations(connection, &ids)?
            } else {
                vec![]
            };
            Ok((fetched, translations))
        })
        .await?;
    let items = render(&context.base_url, fetched.items(), &translations, embed);
    Ok(page_response(
        "categories",
        items,
        Map::new(),
        &fetched,
        &sort,
        |row| row.position_in(order),
        &context,
    ))
}

pub(super) async fn show_category(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let locale = path.locale()?;
    let id = path.id()?;
    let embed = context.includes("translations");
    let (category, translations) = desk
        .store
        .run(move |connection| {
            let category = help_center::category(connection, id, locale)?;
            let translations = if embed && category.is_some() {
                help_center::category_translations(connection, &[id])?
            } else {
                vec![]
            };
            Ok((category, translations))
        })
        .await?;
    let category = category.ok_or(ApiError::NotFound)?;
    let item = render(&context.base_url, &[category], &translations, embed).remove(0);
    Ok(show_response("category", item, Map::new()))
}
