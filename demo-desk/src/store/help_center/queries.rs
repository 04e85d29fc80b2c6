//! Reading the Help Center: filtered listings and lookups by id.
//!
//! Every reader of the demo is an end user or anonymous (agents have no credentials), so
//! drafts and segment-restricted articles are never listed, as Zendesk hides them from such
//! callers.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::{
    article_from_row, category_from_row, section_from_row, ArticleRow, CategoryRow, SectionRow,
    ARTICLE_COLUMNS, CATEGORY_COLUMNS, SECTION_COLUMNS,
};
use crate::store::{Listing, Order};

const VISIBLE_ARTICLE: &str = "draft = 0 AND user_segment_id IS NULL";

pub(crate) struct CategoryFilter {
    pub locale: String,
}

impl CategoryFilter {
    pub(crate) fn listing(&self, order: Order) -> Listing {
        Listing {
            table: "hc_categories",
            columns: CATEGORY_COLUMNS,
            filter: "locale = ?".into(),
            params: vec![Value::Text(self.locale.clone())],
            order,
        }
    }
}

pub(crate) struct SectionFilter {
    pub locale: String,
    pub category_id: Option<i64>,
}

impl SectionFilter {
    pub(crate) fn listing(&self, order: Order) -> Listing {
        let mut filter = "locale = ?".to_owned();
        let mut params = vec![Value::Text(self.locale.clone())];
        if let Some(category_id) = self.category_id {
            filter.push_str(" AND category_id = ?");
            params.push(Value::Integer(category_id));
        }
        Listing {
            table: "hc_sections",
            columns: SECTION_COLUMNS,
            filter,
            params,
            order,
        }
    }
}

pub(crate) struct ArticleFilter {
    pub locale: String,
    pub section_id: Option<i64>,
    pub category_id: Option<i64>,
    /// Every label must be on the article; case-sensitive, as Zendesk's list filter is.
    pub labels: Vec<String>,
    /// Only articles updated at or after this second.
    pub updated_since: Option<i64>,
}

impl ArticleFilter {
    pub(crate) fn in_locale(locale: &str) -> Self {
        ArticleFilter {
            locale: locale.to_owned(),
            section_id: None,
            category_id: None,
            labels: vec![],
            updated_since: None,
        }
    }

    pub(crate) fn listing(&self, order: Order) -> Listing {
        let mut filter = format!("locale = ? AND {VISIBLE_ARTICLE}");
        let mut params = vec![Value::Text(self.locale.clone())];
        if let Some(section_id) = self.section_id {
            filter.push_str(" AND section_id = ?");
            params.push(Value::Integer(section_id));
        }
        if let Some(category_id) = self.category_id {
            filter
                .push_str(" AND section_id IN (SELECT id FROM hc_sections WHERE category_id = ?)");
            params.push(Value::Integer(category_id));
        }
        for label in &self.labels {
            filter.push_str(
                " AND EXISTS (SELECT 1 FROM json_each(hc_articles.label_names) WHERE value = ?)",
            );
            params.push(Value::Text(label.clone()));
        }
        if let Some(since) = self.updated_since {
            filter.push_str(" AND updated_at >= ?");
            params.push(Value::Integer(since));
        }
        Listing {
            table: "hc_articles",
            columns: ARTICLE_COLUMNS,
            filter,
            params,
            order,
        }
    }
}

pub(crate) fn category(
    connection: &Connection,
    id: i64,
    locale: &str,
) -> rusqlite::Result<Option<CategoryRow>> {
    connection
        .query_row(
            &format!("SELECT {CATEGORY_COLUMNS} FROM hc_categories WHERE id = ?1 AND locale = ?2"),
            (id, locale),
            category_from_row,
        )
        .optional()
}

pub(crate) fn section(
    connection: &Connection,
    id: i64,
    locale: &str,
) -> rusqlite::Result<Option<SectionRow>> {
    connection
        .query_row(
            &format!("SELECT {SECTION_COLUMNS} FROM hc_sections WHERE id = ?1 AND locale = ?2"),
            (id, locale),
            section_from_row,
        )
        .optional()
}

pub(crate) fn article(
    connection: &Connection,
    id: i64,
    locale: &str,
) -> rusqlite::Result<Option<ArticleRow>> {
    connection
        .query_row(
            &format!(
                "SELECT {ARTICLE_COLUMNS} FROM hc_articles \
                 WHERE id = ?1 AND locale = ?2 AND {VISIBLE_ARTICLE}"
            ),
            (id, locale),
            article_from_row,
        )
        .optional()
}

/// `?, ?, ?` for `count` values.
fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

fn distinct(ids: &[i64]) -> Vec<i64> {
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    unique
}

/// Rows of `table` with these ids, in `locale` when given (else every translation), ordered
/// by id then locale.
fn rows_with_ids<T>(
    connection: &Connection,
    table: &str,
    columns: &str,
    ids: &[i64],
    locale: Option<&str>,
    extra_filter: &str,
    map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let ids = distinct(ids);
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut params: Vec<Value> = ids.iter().map(|id| Value::Integer(*id)).collect();
    let mut sql = format!(
        "SELECT {columns} FROM {table} WHERE id IN ({}){extra_filter}",
        placeholders(ids.len())
    );
    if let Some(locale) = locale {
        sql.push_str(" AND locale = ?");
        params.push(Value::Text(locale.to_owned()));
    }
    sql.push_str(" ORDER BY id, locale");
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(params.iter()), map)?;
    rows.collect()
}

pub(crate) fn sections_with_ids(
    connection: &Connection,
    locale: &str,
    ids: &[i64],
) -> rusqlite::Result<Vec<SectionRow>> {
    rows_with_ids(
        connection,
        "hc_sections",
        SECTION_COLUMNS,
        ids,
        Some(locale),
        "",
        section_from_row,
    )
}

pub(crate) fn categories_with_ids(
    connection: &Connection,
    locale: &str,
    ids: &[i64],
) -> rusqlite::Result<Vec<CategoryRow>> {
    rows_with_ids(
        connection,
        "hc_categories",
        CATEGORY_COLUMNS,
        ids,
        Some(locale),
        "",
        category_from_row,
    )
}

/// Every visible translation of these articles.
pub(crate) fn article_translations(
    connection: &Connection,
    ids: &[i64],
) -> rusqlite::Result<Vec<ArticleRow>> {
    rows_with_ids(
        connection,
        "hc_articles",
        ARTICLE_COLUMNS,
        ids,
        None,
        &format!(" AND {VISIBLE_ARTICLE}"),
        article_from_row,
    )
}

pub(crate) fn section_translations(
    connection: &Connection,
    ids: &[i64],
) -> rusqlite::Result<Vec<SectionRow>> {
    rows_with_ids(
        connection,
        "hc_sections",
        SECTION_COLUMNS,
        ids,
        None,
        "",
        section_from_row,
    )
}

pub(crate) fn category_translations(
    connection: &Connection,
    ids: &[i64],
) -> rusqlite::Result<Vec<CategoryRow>> {
    rows_with_ids(
        connection,
        "hc_categories",
        CATEGORY_COLUMNS,
        ids,
        None,
        "",
        category_from_row,
    )
}

/// The visible articles a search looks through: in these locales, sections and categories
/// (each filter off when empty). Few enough to score in memory.
pub(crate) fn search_candidates(
    connection: &Connection,
    locales: &[String],
    section_ids: &[i64],
    category_ids: &[i64],
) -> rusqlite::Result<Vec<ArticleRow>> {
    let mut sql = format!("SELECT {ARTICLE_COLUMNS} FROM hc_articles WHERE {VISIBLE_ARTICLE}");
    let mut params: Vec<Value> = Vec::new();
    if !locales.is_empty() {
        sql.push_str(&format!(" AND locale IN ({})", placeholders(locales.len())));
        params.extend(locales.iter().map(|locale| Value::Text(locale.clone())));
    }
    if !section_ids.is_empty() {
        sql.push_str(&format!(
            " AND section_id IN ({})",
            placeholders(section_ids.len())
        ));
        params.extend(section_ids.iter().map(|id| Value::Integer(*id)));
    }
    if !category_ids.is_empty() {
        sql.push_str(&format!(
            " AND section_id IN (SELECT id FROM hc_sections WHERE category_id IN ({}))",
            placeholders(category_ids.len())
        ));
        params.extend(category_ids.iter().map(|id| Value::Integer(*id)));
    }
    sql.push_str(" ORDER BY id, locale");
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(params.iter()), article_from_row)?;
    rows.collect()
}
