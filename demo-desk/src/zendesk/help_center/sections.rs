//! Sections: `/{locale}/sections`, `/{locale}/categories/{id}/sections` and
//! `/{locale}/sections/{id}`, with `include=categories,translations`.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Map, Value};
use std::sync::Arc;

use super::items::{items_with_translations, show_response, sideload};
use super::paging::{page_response, sort_from, HELP_CENTER_PER_PAGE};
use super::render::{category_json, section_json, section_translation_json};
use super::HelpCenterPath;
use crate::desk::Desk;
use crate::store::help_center::{self, section_from_row, CategoryRow, SectionFilter, SectionRow};
use crate::zendesk::auth::Caller;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::ApiError;
use crate::zendesk::paging::{fetch, paging_from};
use crate::DemoError;

const SECTION_SORTS: &[(&str, &str)] = &[
    ("position", "position"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
];

#[derive(Debug, Clone, Copy)]
struct Includes {
    categories: bool,
    translations: bool,
}

impl Includes {
    fn from(context: &RequestContext) -> Self {
        Includes {
            categories: context.includes("categories"),
            translations: context.includes("translations"),
        }
    }
}

#[derive(Default)]
struct Sideloads {
    categories: Vec<CategoryRow>,
    translations: Vec<SectionRow>,
}

fn load_sideloads(
    connection: &rusqlite::Connection,
    locale: &str,
    sections: &[SectionRow],
    includes: Includes,
) -> Result<Sideloads, DemoError> {
    let mut sideloads = Sideloads::default();
    if includes.categories {
        let ids: Vec<i64> = sections.iter().map(|section| section.category_id).collect();
        sideloads.categories = help_center::categories_with_ids(connection, locale, &ids)?;
    }
    if includes.translations {
        let ids: Vec<i64> = sections.iter().map(|section| section.id).collect();
        sideloads.translations = help_center::section_translations(connection, &ids)?;
    }
    Ok(sideloads)
}

/// The sections as items, and the top-level sideloads to add next to them.
fn render(
    base_url: &str,
    sections: &[SectionRow],
    sideloads: &Sideloads,
    includes: Includes,
) -> (Vec<Value>, Map<String, Value>) {
    let items = items_with_translations(
        sections,
        includes.translations.then_some(&sideloads.translations[..]),
        |section| section.id,
        |section| section_json(base_url, section),
        |translation| section_translation_json(base_url, translation),
    );
    let mut extra = Map::new();
    sideload(
        &mut extra,
        includes.categories,
        "categories",
        &sideloads.categories,
        |category| category_json(base_url, category),
    );
    (items, extra)
}

pub(super) async fn list_sections(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, path, context, false).await
}

pub(super) async fn list_category_sections(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    list(desk, path, context, true).await
}

async fn list(
    desk: Arc<Desk>,
    path: HelpCenterPath,
    context: RequestContext,
    in_category: bool,
) -> Result<Response, ApiError> {
    let locale = path.locale()?;
    let category_id = if in_category { Some(path.id()?) } else { None };
    let sort = sort_from(&context, SECTION_SORTS);
    let paging = paging_from(&context, &sort.name, HELP_CENTER_PER_PAGE)?;
    let includes = Includes::from(&context);
    let order = sort.order;
    let (fetched, sideloads) = desk
        .store
        .run(move |connection| {
            if let Some(category_id) = category_id {
                if help_center::category(connection, category_id, locale)?.is_none() {
                    return Ok(Err(ApiError::NotFound));
                }
            }
            let listing = SectionFilter {
                locale: locale.to_owned(),
                category_id,
            }
            .listing(order);
            let fetched = fetch(connection, &listing, &paging, section_from_row, |row| {
                row.position_in(order)
            })?;
            let sideloads = load_sideloads(connection, locale, fetched.items(), includes)?;
            Ok(Ok((fetched, sideloads)))
        })
        .await??;
    let (items, extra) = render(&context.base_url, fetched.items(), &sideloads, includes);
    Ok(page_response(
        "sections",
        items,
        extra,
        &fetched,
        &sort,
        |row| row.position_in(order),
        &context,
    ))
}

pub(super) async fn show_section(
    State(desk): State<Arc<Desk>>,
    _caller: Caller,
    path: HelpCenterPath,
    context: RequestContext,
) -> Result<Response, ApiError> {
    let locale = path.locale()?;
    let id = path.id()?;
    let includes = Includes::from(&context);
    let (section, sideloads) = desk
        .store
        .run(move |connection| {
            let Some(section) = help_center::section(connection, id, locale)? else {
                return Ok(None);
            };
            let sideloads =
                load_sideloads(connection, locale, std::slice::from_ref(&section), includes)?;
            Ok(Some((section, sideloads)))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    let (mut items, extra) = render(&context.base_url, &[section], &sideloads, includes);
    Ok(show_response("section", items.remove(0), extra))
}
