//! `/api/v2/help_center/...`: the public Help Center, readable without credentials.
//!
//! Every list and show works with a `{locale}` segment (`en-us`, `fr`) and without one (the
//! default locale), and ids may carry Zendesk's title slug (`1027-Fix-sign-in-problems`).

mod articles;
mod categories;
mod incremental;
mod items;
mod paging;
pub(crate) mod render;
mod search;
mod sections;
mod sideloads;
mod snippet;

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

use super::auth::Caller;
use super::error::{json_response, ApiError};
use crate::desk::Desk;
use crate::seed::help_center::{DEFAULT_HELP_CENTER_LOCALE, HELP_CENTER_LOCALES};

/// The routes under `/api/v2/help_center`. Static segments win over `{locale}`, so
/// `/articles/search` is the search and `/fr/articles` a list. (The router wants one name
/// per parameter position, hence `{id}` for every parent and separate nested handlers.)
pub(crate) fn router() -> Router<Arc<Desk>> {
    Router::new()
        .route("/locales", get(locales))
        .route("/articles/search", get(search::search_articles))
        .route("/incremental/articles", get(incremental::export_articles))
        .route("/categories", get(categories::list_categories))
        .route("/{locale}/categories", get(categories::list_categories))
        .route("/categories/{id}", get(categories::show_category))
        .route("/{locale}/categories/{id}", get(categories::show_category))
        .route("/sections", get(sections::list_sections))
        .route("/{locale}/sections", get(sections::list_sections))
        .route(
            "/categories/{id}/sections",
            get(sections::list_category_sections),
        )
        .route(
            "/{locale}/categories/{id}/sections",
            get(sections::list_category_sections),
        )
        .route("/sections/{id}", get(sections::show_section))
        .route("/{locale}/sections/{id}", get(sections::show_section))
        .route("/articles", get(articles::list_articles))
        .route("/{locale}/articles", get(articles::list_articles))
        .route(
            "/sections/{id}/articles",
            get(articles::list_section_articles),
        )
        .route(
            "/{locale}/sections/{id}/articles",
            get(articles::list_section_articles),
        )
        .route(
            "/categories/{id}/articles",
            get(articles::list_category_articles),
        )
        .route(
            "/{locale}/categories/{id}/articles",
            get(articles::list_category_articles),
        )
        .route("/articles/{id}", get(articles::show_article))
        .route("/{locale}/articles/{id}", get(articles::show_article))
}

/// `GET /api/v2/help_center/locales`. (`Caller` still refuses bad tokens and scopes.)
async fn locales(_caller: Caller) -> axum::response::Response {
    json_response(
        axum::http::StatusCode::OK,
        &json!({
            "locales": HELP_CENTER_LOCALES,
            "default_locale": DEFAULT_HELP_CENTER_LOCALE,
        }),
    )
}

/// The path's parameters by name; none on routes without any.
pub(super) struct HelpCenterPath(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for HelpCenterPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<HashMap<String, String>>::from_request_parts(parts, state).await {
            Ok(Path(params)) => Ok(HelpCenterPath(params)),
            Err(PathRejection::MissingPathParams(_)) => Ok(HelpCenterPath(HashMap::new())),
            Err(_) => Err(ApiError::NotFound),
        }
    }
}

impl HelpCenterPath {
    /// The locale named in the path (any case), or the default one; 404 for locales this
    /// Help Center does not have.
    pub(super) fn locale(&self) -> Result<&'static str, ApiError> {
        match self.0.get("locale") {
            None => Ok(DEFAULT_HELP_CENTER_LOCALE),
            Some(asked) => HELP_CENTER_LOCALES
                .iter()
                .copied()
                .find(|locale| locale.eq_ignore_ascii_case(asked))
                .ok_or(ApiError::NotFound),
        }
    }

    /// The `{id}` of the route; 404 when it is missing or not an id.
    pub(super) fn id(&self) -> Result<i64, ApiError> {
        self.0
            .get("id")
            .ok_or(ApiError::NotFound)
            .and_then(|text| parse_item_id(text))
    }
}

/// `1027` or `1027-Fix-sign-in-problems`.
pub(super) fn parse_item_id(text: &str) -> Result<i64, ApiError> {
    let digits = text.split('-').next().unwrap_or_default();
    digits
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ApiError::NotFound)
}

/// Comma-separated ids (`category=1,2`); words that are not ids are ignored.
pub(super) fn id_list(text: Option<&str>) -> Vec<i64> {
    text.map(|list| {
        list.split(',')
            .filter_map(|item| item.trim().parse::<i64>().ok())
            .collect()
    })
    .unwrap_or_default()
}

/// Comma-separated names, trimmed, empty ones dropped.
pub(super) fn name_list(text: Option<&str>) -> Vec<String> {
    text.map(|list| {
        list.split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_may_carry_a_slug() {
        assert_eq!(parse_item_id("1027-Fix-sign-in-problems").unwrap(), 1027);
        assert_eq!(parse_item_id("1027").unwrap(), 1027);
        assert!(parse_item_id("search").is_err());
    }
}
