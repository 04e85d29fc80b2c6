//! The JSON shapes categories, sections and articles share: items with their translations
//! embedded, top-level sideload lists, and single-item bodies.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::zendesk::error::json_response;

/// Each row as JSON. When `translations` were asked for (`Some`), every item carries its own
/// (those with the same `id_of`) under `translations`, where Zendesk puts them.
pub(super) fn items_with_translations<R>(
    rows: &[R],
    translations: Option<&[R]>,
    id_of: impl Fn(&R) -> i64,
    row_json: impl Fn(&R) -> Value,
    translation_json: impl Fn(&R) -> Value,
) -> Vec<Value> {
    rows.iter()
        .map(|row| {
            let mut item = row_json(row);
            let Some(translations) = translations else {
                return item;
            };
            let own = translations
                .iter()
                .filter(|translation| id_of(translation) == id_of(row))
                .map(&translation_json)
                .collect();
            if let Value::Object(object) = &mut item {
                object.insert("translations".into(), Value::Array(own));
            }
            item
        })
        .collect()
}

/// Adds `rows` as the top-level list `key` when that sideload was asked for.
pub(super) fn sideload<R>(
    extra: &mut Map<String, Value>,
    wanted: bool,
    key: &str,
    rows: &[R],
    json: impl Fn(&R) -> Value,
) {
    if wanted {
        extra.insert(key.into(), Value::Array(rows.iter().map(json).collect()));
    }
}

/// A show endpoint's `200`: `{root: item}` plus the sideloads.
pub(super) fn show_response(root: &str, item: Value, sideloads: Map<String, Value>) -> Response {
    let mut body = Map::new();
    body.insert(root.into(), item);
    body.extend(sideloads);
    json_response(StatusCode::OK, &Value::Object(body))
}
