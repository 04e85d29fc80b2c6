//! Zendesk's two pagination styles.
//!
//! Cursor: `page[size]`, `page[after]`, `page[before]` → `meta{has_more, after_cursor,
//! before_cursor}` and `links{next, prev}`. Offset: `page`, `per_page` → `next_page`,
//! `previous_page`, `count`. A cursor is base64 of `{"o":order,"v":sort value,"i":id}`: it
//! names a row, not a row number, so pages stay put while requests are added.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rusqlite::{Connection, Row};
use serde_json::{json, Map, Value};

use super::context::RequestContext;
use super::error::ApiError;
use crate::store::{KeysetPage, Listing, Position, Window};

pub(crate) const MAX_PAGE_SIZE: i64 = 100;
/// Support endpoints' offset pages hold 100 unless asked otherwise (Help Center ones 30).
pub(crate) const SUPPORT_PER_PAGE: i64 = MAX_PAGE_SIZE;
/// Zendesk refuses offset pages beyond the hundredth.
pub(crate) const MAX_OFFSET_PAGE: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Paging {
    Cursor { size: usize, window: Window },
    Offset { page: i64, per_page: i64 },
}

/// Reads the paging parameters; `order` names the sort the cursors must have been made for.
/// Offset pages hold `default_per_page` unless `per_page` says otherwise.
pub(crate) fn paging_from(
    context: &RequestContext,
    order: &str,
    default_per_page: i64,
) -> Result<Paging, ApiError> {
    let cursor_requested = ["page[size]", "page[after]", "page[before]"]
        .iter()
        .any(|name| context.has_param(name));
    if !cursor_requested {
        return offset_paging_from(context, default_per_page);
    }
    let size = match context.param("page[size]") {
        None => MAX_PAGE_SIZE,
        Some(text) => match text.parse::<i64>() {
            Ok(size) if (1..=MAX_PAGE_SIZE).contains(&size) => size,
            _ => {
                return Err(ApiError::bad_request(
                    "InvalidPaginationParameter",
                    format!("page[size] must be a number from 1 to {MAX_PAGE_SIZE}"),
                ))
            }
        },
    };
    let window = match (context.param("page[after]"), context.param("page[before]")) {
        (Some(after), _) => Window::After(decode_cursor(after, order)?),
        (None, Some(before)) => Window::Before(decode_cursor(before, order)?),
        (None, None) => Window::First,
    };
    Ok(Paging::Cursor {
        size: size as usize,
        window,
    })
}

pub(crate) fn offset_paging_from(
    context: &RequestContext,
    default_per_page: i64,
) -> Result<Paging, ApiError> {
    let (page, per_page) = offset_page(context, default_per_page)?;
    Ok(Paging::Offset { page, per_page })
}

/// `(page, per_page)` from `page` and `per_page`; 400 beyond the hundredth page.
pub(crate) fn offset_page(
    context: &RequestContext,
    default_per_page: i64,
) -> Result<(i64, i64), ApiError> {
    let page = context
        .param("page")
        .and_then(|text| text.parse::<i64>().ok())
        .unwrap_or(1)
        .max(1);
    let per_page = context
        .param("per_page")
        .and_then(|text| text.parse::<i64>().ok())
        .unwrap_or(default_per_page)
        .clamp(1, MAX_PAGE_SIZE);
    if page > MAX_OFFSET_PAGE {
        return Err(ApiError::bad_request(
            "InvalidPaginationParameter",
            format!(
                "Offset pagination is limited to the first {MAX_OFFSET_PAGE} pages. \
                 Use cursor pagination (page[size]) to go further."
            ),
        ));
    }
    Ok((page, per_page))
}

pub(crate) fn encode_cursor(order: &str, position: Position) -> String {
    let json = format!(
        "{{\"o\":{},\"v\":{},\"i\":{}}}",
        Value::from(order),
        position.sort_value,
        position.id
    );
    URL_SAFE_NO_PAD.encode(json)
}

fn decode_cursor(text: &str, order: &str) -> Result<Position, ApiError> {
    let invalid = || ApiError::bad_request("InvalidPaginationParameter", "invalid cursor");
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| invalid())?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if value["o"].as_str() != Some(order) {
        return Err(ApiError::bad_request(
            "InvalidPaginationParameter",
            "the cursor belongs to a different sort order",
        ));
    }
    Ok(Position {
        sort_value: value["v"].as_i64().ok_or_else(invalid)?,
        id: value["i"].as_i64().ok_or_else(invalid)?,
    })
}

/// A page as read, with the paging request that produced it.
pub(crate) enum Fetched<T> {
    Cursor {
        page: KeysetPage<T>,
        size: usize,
        window: Window,
    },
    Offset {
        items: Vec<T>,
        count: i64,
        page: i64,
        per_page: i64,
    },
}

impl<T> Fetched<T> {
    pub(crate) fn items(&self) -> &[T] {
        match self {
            Fetched::Cursor { page, .. } => &page.items,
            Fetched::Offset { items, .. } => items,
        }
    }
}

/// Reads one page of `listing` in the requested style.
pub(crate) fn fetch<T>(
    connection: &Connection,
    listing: &Listing,
    paging: &Paging,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    position_of: impl Fn(&T) -> Position,
) -> rusqlite::Result<Fetched<T>> {
    match *paging {
        Paging::Cursor { size, window } => Ok(Fetched::Cursor {
            page: listing.keyset(connection, window, size, map, position_of)?,
            size,
            window,
        }),
        Paging::Offset { page, per_page } => Ok(Fetched::Offset {
            items: listing.offset(connection, (page - 1) * per_page, per_page, map)?,
            count: listing.count(connection)?,
            page,
            per_page,
        }),
    }
}

/// The response object for a page: `{root: items}` plus the style's paging fields.
pub(crate) fn envelope<T>(
    root: &str,
    items: Vec<Value>,
    fetched: &Fetched<T>,
    order: &str,
    position_of: impl Fn(&T) -> Position,
    context: &RequestContext,
) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert(root.to_owned(), Value::Array(items));
    match fetched {
        Fetched::Cursor { page, size, window } => {
            let after_cursor = page
                .items
                .last()
                .map(|item| encode_cursor(order, position_of(item)));
            let before_cursor = page
                .items
                .first()
                .map(|item| encode_cursor(order, position_of(item)));
            let has_more = match window {
                Window::Before(_) => page.more_before,
                Window::First | Window::After(_) => page.more_after,
            };
            let link = |name: &str, cursor: &Option<String>, exists: bool| match cursor {
                Some(cursor) if exists => Value::from(context.url_with(
                    &["page[size]", "page[after]", "page[before]"],
                    &[("page[size]", size.to_string()), (name, cursor.clone())],
                )),
                _ => Value::Null,
            };
            body.insert(
                "meta".into(),
                json!({
                    "has_more": has_more,
                    "after_cursor": after_cursor,
                    "before_cursor": before_cursor,
                }),
            );
            body.insert(
                "links".into(),
                json!({
                    "next": link("page[after]", &after_cursor, page.more_after),
                    "prev": link("page[before]", &before_cursor, page.more_before),
                }),
            );
        }
        Fetched::Offset {
            count,
            page,
            per_page,
            ..
        } => {
            let page_url = |number: i64| {
                Value::from(context.url_with(
                    &["page", "per_page"],
                    &[
                        ("page", number.to_string()),
                        ("per_page", per_page.to_string()),
                    ],
                ))
            };
            let next = if page * per_page < *count {
                page_url(page + 1)
            } else {
                Value::Null
            };
            let previous = if *page > 1 {
                page_url(page - 1)
            } else {
                Value::Null
            };
            body.insert("next_page".into(), next);
            body.insert("previous_page".into(), previous);
            body.insert("count".into(), Value::from(*count));
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_look_like_zendesk_ones_and_round_trip() {
        let position = Position {
            sort_value: 1_772_442_000,
            id: 4_294_967_400,
        };
        let cursor = encode_cursor("-updated_at", position);
        assert!(cursor.starts_with("eyJvIjoi"));
        assert_eq!(decode_cursor(&cursor, "-updated_at").unwrap(), position);
        assert!(decode_cursor(&cursor, "created_at").is_err());
        assert!(decode_cursor("not a cursor", "created_at").is_err());
    }
}
