//! `GET /api/v2/help_center/incremental/articles?start_time=…`: articles whose metadata
//! changed at or after a time, oldest change first, up to 1,000 a page.
//!
//! Zendesk's guide reserves this export for agents and admins; the demo refuses end users
//! (403) and anonymous callers (401) unless `end_users_may_export_articles` is set. The
//! articles are the source-locale (`en-us`) versions.

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;
use std::sync::Arc;

use super::paging::respond;
use super::sideloads::{self, ArticleIncludes};
use crate::desk::Desk;
use crate::seed::help_center::DEFAULT_HELP_CENTER_LOCALE;
use crate::store::help_center::{article_from_row, ArticleFilter};
use crate::store::Order;
use crate::zendesk::auth::Caller;
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::ApiError;

const EXPORT_PAGE_SIZE: i64 = 1000;

pub(super) async fn export_articles(
    State(desk): State<Arc<Desk>>,
    caller: Caller,
    context: RequestContext,
) -> Result<Response, ApiError> {
    if !desk.config.end_users_may_export_articles {
        match &caller {
            Caller::Anonymous => return Err(ApiError::Unauthenticated),
            Caller::User(user) if !user.role.is_agent() => return Err(ApiError::Forbidden),
            Caller::User(_) => {}
        }
    }
    let start_time = context
        .param("start_time")
        .and_then(|text| text.parse::<i64>().ok())
        .filter(|start| *start >= 0)
        .ok_or_else(|| {
            ApiError::bad_request("InvalidValue", "start_time must be a Unix time in seconds")
        })?;
    let includes = ArticleIncludes::from(&context);
    let locale = DEFAULT_HELP_CENTER_LOCALE;
    let (articles, sideloads) = desk
        .store
        .run(move |connection| {
            let mut filter = ArticleFilter::in_locale(locale);
            filter.updated_since = Some(start_time);
            let listing = filter.listing(Order {
                column: "updated_at",
                descending: false,
            });
            let articles = listing.offset(connection, 0, EXPORT_PAGE_SIZE, article_from_row)?;
            let sideloads = sideloads::load(connection, locale, &articles, includes)?;
            Ok((articles, sideloads))
        })
        .await?;
    // The next page starts at the last change seen (inclusive, so clients drop repeats).
    let end_time = articles
        .last()
        .map_or(start_time, |article| article.updated_at);
    let next_page = (articles.len() as i64 == EXPORT_PAGE_SIZE)
        .then(|| context.url_with(&["start_time"], &[("start_time", end_time.to_string())]));
    let count = articles.len();
    let (items, extra) = sideloads::render(&context.base_url, &articles, &sideloads, includes);
    let mut body = serde_json::Map::new();
    body.insert("articles".into(), Value::Array(items));
    body.insert(
        "next_page".into(),
        next_page.map_or(Value::Null, Value::from),
    );
    body.insert("end_time".into(), Value::from(end_time));
    body.insert("count".into(), Value::from(count));
    body.extend(extra);
    Ok(respond(body, None))
}
