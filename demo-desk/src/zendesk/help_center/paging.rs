//! What Help Center lists add to Zendesk's two pagination styles: `links.first` and
//! `links.last` and a `Link` header for cursors; `page`, `per_page`, `page_count`,
//! `sort_by` and `sort_order` for offsets. Offset pages hold 30 by default.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use crate::store::{Order, Position};
use crate::zendesk::context::RequestContext;
use crate::zendesk::error::json_response;
use crate::zendesk::paging::{encode_cursor, envelope, Fetched};

pub(super) const HELP_CENTER_PER_PAGE: i64 = 30;

/// A list's order as requested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sort {
    pub order: Order,
    /// The name cursors are made for, such as `-updated_at`.
    pub name: String,
    pub sort_by: &'static str,
    pub sort_order: &'static str,
}

/// `sort_by` among `allowed` (wire name, column), the first being the default;
/// `sort_order=asc|desc`, `asc` by default. Unknown values fall back to the defaults.
pub(super) fn sort_from(
    context: &RequestContext,
    allowed: &[(&'static str, &'static str)],
) -> Sort {
    let (sort_by, column) = context
        .param("sort_by")
        .and_then(|wanted| allowed.iter().find(|(name, _)| *name == wanted))
        .unwrap_or(&allowed[0]);
    let descending = context.param("sort_order") == Some("desc");
    Sort {
        order: Order { column, descending },
        name: if descending {
            format!("-{sort_by}")
        } else {
            (*sort_by).to_owned()
        },
        sort_by,
        sort_order: if descending { "desc" } else { "asc" },
    }
}

/// The page's body (root list plus paging fields; the caller adds sideloads) and, for
/// cursor pages, the `Link` header.
fn page_body<T>(
    root: &str,
    items: Vec<Value>,
    fetched: &Fetched<T>,
    sort: &Sort,
    position_of: impl Fn(&T) -> Position,
    context: &RequestContext,
) -> (Map<String, Value>, Option<String>) {
    let mut body = envelope(root, items, fetched, &sort.name, position_of, context);
    match fetched {
        Fetched::Cursor { size, .. } => {
            let cursor_params = ["page[size]", "page[after]", "page[before]"];
            let first = context.url_with(&cursor_params, &[("page[size]", size.to_string())]);
            // The last page is the one before a position past every row.
            let beyond_the_end = if sort.order.descending {
                i64::MIN
            } else {
                i64::MAX
            };
            let end = encode_cursor(
                &sort.name,
                Position {
                    sort_value: beyond_the_end,
                    id: beyond_the_end,
                },
            );
            let last = context.url_with(
                &cursor_params,
                &[("page[size]", size.to_string()), ("page[before]", end)],
            );
            let mut link_header = Vec::new();
            if let Some(Value::Object(links)) = body.get_mut("links") {
                links.insert("first".into(), Value::from(first));
                links.insert("last".into(), Value::from(last));
                for rel in ["next", "prev"] {
                    if let Some(url) = links.get(rel).and_then(Value::as_str) {
                        link_header.push(format!("<{url}>; rel=\"{rel}\""));
                    }
                }
            }
            let link_header = (!link_header.is_empty()).then(|| link_header.join(", "));
            (body, link_header)
        }
        Fetched::Offset {
            count,
            page,
            per_page,
            ..
        } => {
            body.insert("page".into(), Value::from(*page));
            body.insert("per_page".into(), Value::from(*per_page));
            body.insert(
                "page_count".into(),
                Value::from((count + per_page - 1) / per_page),
            );
            body.insert("sort_by".into(), Value::from(sort.sort_by));
            body.insert("sort_order".into(), Value::from(sort.sort_order));
            (body, None)
        }
    }
}

/// A list's `200`: the page's body plus `sideloads`, with the `Link` header on cursor pages.
pub(super) fn page_response<T>(
    root: &str,
    items: Vec<Value>,
    sideloads: Map<String, Value>,
    fetched: &Fetched<T>,
    sort: &Sort,
    position_of: impl Fn(&T) -> Position,
    context: &RequestContext,
) -> Response {
    let (mut body, link) = page_body(root, items, fetched, sort, position_of, context);
    body.extend(sideloads);
    respond(body, link)
}

pub(super) fn respond(body: Map<String, Value>, link_header: Option<String>) -> Response {
    let mut response = json_response(StatusCode::OK, &Value::Object(body));
    if let Some(value) = link_header.and_then(|link| HeaderValue::from_str(&link).ok()) {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}
