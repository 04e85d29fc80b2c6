//! What `include=users,sections,categories,translations` adds to article responses: the
//! first three as top-level lists, translations inside each article.

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::items::{items_with_translations, sideload};
use super::render::{article_json, article_translation_json, category_json, section_json};
use crate::store::help_center::{self, ArticleRow, CategoryRow, SectionRow};
use crate::store::users::{self, UserRow};
use crate::zendesk::context::RequestContext;
use crate::zendesk::render::sideloaded_user_json;
use crate::DemoError;

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ArticleIncludes {
    users: bool,
    sections: bool,
    categories: bool,
    translations: bool,
}

impl ArticleIncludes {
    pub(super) fn from(context: &RequestContext) -> Self {
        ArticleIncludes {
            users: context.includes("users"),
            sections: context.includes("sections"),
            categories: context.includes("categories"),
            translations: context.includes("translations"),
        }
    }
}

#[derive(Debug, Default)]
pub(super) struct ArticleSideloads {
    users: Vec<UserRow>,
    sections: Vec<SectionRow>,
    categories: Vec<CategoryRow>,
    translations: Vec<ArticleRow>,
}

/// Reads what `includes` asks for about `articles`; sections and categories in `locale`.
pub(super) fn load(
    connection: &Connection,
    locale: &str,
    articles: &[ArticleRow],
    includes: ArticleIncludes,
) -> Result<ArticleSideloads, DemoError> {
    let mut sideloads = ArticleSideloads::default();
    if includes.users {
        let authors: Vec<i64> = articles.iter().map(|article| article.author_id).collect();
        sideloads.users = users::by_ids(connection, &authors)?;
    }
    if includes.sections || includes.categories {
        let ids: Vec<i64> = articles.iter().map(|article| article.section_id).collect();
        let sections = help_center::sections_with_ids(connection, locale, &ids)?;
        if includes.categories {
            let ids: Vec<i64> = sections.iter().map(|section| section.category_id).collect();
            sideloads.categories = help_center::categories_with_ids(connection, locale, &ids)?;
        }
        if includes.sections {
            sideloads.sections = sections;
        }
    }
    if includes.translations {
        let ids: Vec<i64> = articles.iter().map(|article| article.id).collect();
        sideloads.translations = help_center::article_translations(connection, &ids)?;
    }
    Ok(sideloads)
}

/// The articles as items, and the top-level sideloads to add next to them.
pub(super) fn render(
    base_url: &str,
    articles: &[ArticleRow],
    sideloads: &ArticleSideloads,
    includes: ArticleIncludes,
) -> (Vec<Value>, Map<String, Value>) {
    let items = items_with_translations(
        articles,
        includes.translations.then_some(&sideloads.translations[..]),
        |article| article.id,
        |article| article_json(base_url, article),
        |translation| article_translation_json(base_url, translation),
    );
    let mut extra = Map::new();
    sideload(
        &mut extra,
        includes.users,
        "users",
        &sideloads.users,
        sideloaded_user_json,
    );
    sideload(
        &mut extra,
        includes.sections,
        "sections",
        &sideloads.sections,
        |section| section_json(base_url, section),
    );
    sideload(
        &mut extra,
        includes.categories,
        "categories",
        &sideloads.categories,
        |category| category_json(base_url, category),
    );
    (items, extra)
}
