//! Help Center content: categories, sections and articles, one row per translation.

mod queries;

pub(crate) use queries::{
    article, article_translations, categories_with_ids, category, category_translations,
    search_candidates, section, section_translations, sections_with_ids, ArticleFilter,
    CategoryFilter, SectionFilter,
};

use rusqlite::{params, Connection, Row};

use crate::store::{Order, Position};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CategoryRow {
    pub id: i64,
    pub locale: String,
    pub name: String,
    pub description: String,
    pub position: i64,
    pub source_locale: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SectionRow {
    pub id: i64,
    pub locale: String,
    pub category_id: i64,
    pub name: String,
    pub description: String,
    pub position: i64,
    pub source_locale: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArticleRow {
    pub id: i64,
    pub locale: String,
    pub section_id: i64,
    pub author_id: i64,
    pub title: String,
    pub title_rank: i64,
    /// Sanitised HTML; links to other articles are in-app (`#/article/{id}`) until rendered.
    pub body: String,
    pub body_text: String,
    pub label_names: Vec<String>,
    pub position: i64,
    pub promoted: bool,
    pub draft: bool,
    pub comments_disabled: bool,
    pub vote_sum: i64,
    pub vote_count: i64,
    pub permission_group_id: i64,
    pub user_segment_id: Option<i64>,
    pub source_locale: String,
    pub outdated_locales: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub edited_at: i64,
}

/// Where a row sits in an order over one of its integer columns.
fn position_by(column: &str, id: i64, value_of: impl Fn(&str) -> i64) -> Position {
    Position {
        sort_value: value_of(column),
        id,
    }
}

/// Categories and sections sort the same ways: by position, creation or update time.
fn container_position(
    order: Order,
    id: i64,
    position: i64,
    created_at: i64,
    updated_at: i64,
) -> Position {
    position_by(order.column, id, |column| match column {
        "created_at" => created_at,
        "updated_at" => updated_at,
        _ => position,
    })
}

impl CategoryRow {
    pub(crate) fn position_in(&self, order: Order) -> Position {
        container_position(
            order,
            self.id,
            self.position,
            self.created_at,
            self.updated_at,
        )
    }
}

impl SectionRow {
    pub(crate) fn position_in(&self, order: Order) -> Position {
        container_position(
            order,
            self.id,
            self.position,
            self.created_at,
            self.updated_at,
        )
    }
}

impl ArticleRow {
    pub(crate) fn position_in(&self, order: Order) -> Position {
        position_by(order.column, self.id, |column| match column {
            "title_rank" => self.title_rank,
            "created_at" => self.created_at,
            "updated_at" => self.updated_at,
            "edited_at" => self.edited_at,
            _ => self.position,
        })
    }
}

pub(crate) const CATEGORY_COLUMNS: &str =
    "id, locale, name, description, position, source_locale, created_at, updated_at";

pub(crate) const SECTION_COLUMNS: &str =
    "id, locale, category_id, name, description, position, source_locale, created_at, updated_at";

pub(crate) const ARTICLE_COLUMNS: &str = "id, locale, section_id, author_id, title, title_rank, \
     body, body_text, label_names, position, promoted, draft, comments_disabled, vote_sum, \
     vote_count, permission_group_id, user_segment_id, source_locale, outdated_locales, \
     created_at, updated_at, edited_at";

pub(crate) fn category_from_row(row: &Row<'_>) -> rusqlite::Result<CategoryRow> {
    Ok(CategoryRow {
        id: row.get(0)?,
        locale: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        position: row.get(4)?,
        source_locale: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

pub(crate) fn section_from_row(row: &Row<'_>) -> rusqlite::Result<SectionRow> {
    Ok(SectionRow {
        id: row.get(0)?,
        locale: row.get(1)?,
        category_id: row.get(2)?,
        name: row.get(3)?,
        description: row.get(4)?,
        position: row.get(5)?,
        source_locale: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

/// A JSON list of strings as stored; anything else reads as empty.
fn string_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn article_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    let labels: String = row.get(8)?;
    let outdated: String = row.get(18)?;
    Ok(ArticleRow {
        id: row.get(0)?,
        locale: row.get(1)?,
        section_id: row.get(2)?,
        author_id: row.get(3)?,
        title: row.get(4)?,
        title_rank: row.get(5)?,
        body: row.get(6)?,
        body_text: row.get(7)?,
        label_names: string_list(&labels),
        position: row.get(9)?,
        promoted: row.get(10)?,
        draft: row.get(11)?,
        comments_disabled: row.get(12)?,
        vote_sum: row.get(13)?,
        vote_count: row.get(14)?,
        permission_group_id: row.get(15)?,
        user_segment_id: row.get(16)?,
        source_locale: row.get(17)?,
        outdated_locales: string_list(&outdated),
        created_at: row.get(19)?,
        updated_at: row.get(20)?,
        edited_at: row.get(21)?,
    })
}

pub(crate) fn insert_category(connection: &Connection, row: &CategoryRow) -> rusqlite::Result<()> {
    connection.execute(
        &format!("INSERT INTO hc_categories ({CATEGORY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            row.id,
            row.locale,
            row.name,
            row.description,
            row.position,
            row.source_locale,
            row.created_at,
            row.updated_at
        ],
    )?;
    Ok(())
}

pub(crate) fn insert_section(connection: &Connection, row: &SectionRow) -> rusqlite::Result<()> {
    connection.execute(
        &format!(
            "INSERT INTO hc_sections ({SECTION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        ),
        params![
            row.id,
            row.locale,
            row.category_id,
            row.name,
            row.description,
            row.position,
            row.source_locale,
            row.created_at,
            row.updated_at
        ],
    )?;
    Ok(())
}

pub(crate) fn insert_article(connection: &Connection, row: &ArticleRow) -> rusqlite::Result<()> {
    let labels = serde_json::to_string(&row.label_names).unwrap_or_else(|_| "[]".into());
    let outdated = serde_json::to_string(&row.outdated_locales).unwrap_or_else(|_| "[]".into());
    connection.execute(
        &format!(
            "INSERT INTO hc_articles ({ARTICLE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, \
             ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
        ),
        params![
            row.id,
            row.locale,
            row.section_id,
            row.author_id,
            row.title,
            row.title_rank,
            row.body,
            row.body_text,
            labels,
            row.position,
            row.promoted,
            row.draft,
            row.comments_disabled,
            row.vote_sum,
            row.vote_count,
            row.permission_group_id,
            row.user_segment_id,
            row.source_locale,
            outdated,
            row.created_at,
            row.updated_at,
            row.edited_at
        ],
    )?;
    Ok(())
}

pub(crate) fn is_empty(connection: &Connection) -> rusqlite::Result<bool> {
    connection.query_row("SELECT NOT EXISTS (SELECT 1 FROM hc_articles)", [], |row| {
        row.get(0)
    })
}
