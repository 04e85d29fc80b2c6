//! JSON Lines: one article per line,
//! `{"id", "locale", "title", "body", "section"?, "labels"?, "url"?, "updated_at"?}`.
//! The body is Markdown (plain text is valid Markdown; inline HTML is sanitised).

use serde::Deserialize;

use super::{article, markdown::markdown_to_html, Ingested, SourceFile};
use crate::html::LinkTargets;
use crate::Locale;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: serde_json::Value,
    locale: String,
    title: String,
    body: String,
    section: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    url: Option<String>,
    updated_at: Option<String>,
}

pub(super) fn read(file: &SourceFile<'_>, link_targets: &LinkTargets) -> Ingested {
    let mut ingested = Ingested::default();
    for (index, text) in file.text.lines().enumerate() {
        let line_number = index + 1;
        if text.trim().is_empty() {
            continue;
        }
        let line: Line = match serde_json::from_str(text) {
            Ok(line) => line,
            Err(error) => {
                ingested.problem(
                    file.path,
                    Some(line_number),
                    format!("bad JSON (column {}): {error}", error.column()),
                );
                continue;
            }
        };
        let id = match line.id {
            serde_json::Value::String(id) if !id.is_empty() => id,
            serde_json::Value::Number(id) => id.to_string(),
            _ => {
                ingested.problem(
                    file.path,
                    Some(line_number),
                    "`id` must be a non-empty string or a number",
                );
                continue;
            }
        };
        let Some(locale) = Locale::parse(&line.locale) else {
            ingested.problem(
                file.path,
                Some(line_number),
                format!("unsupported locale `{}`: use en or fr", line.locale),
            );
            continue;
        };
        let mut article = article(
            file,
            id,
            locale,
            line.title,
            &markdown_to_html(&line.body),
            link_targets,
        );
        article.section = line.section;
        article.labels = line.labels;
        article.url = line.url;
        article.updated_at = line.updated_at;
        ingested.articles.push(article);
    }
    ingested
}
