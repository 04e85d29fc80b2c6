//! Help Center rows to Zendesk JSON: articles, sections, categories and their translations.

use serde_json::{json, Value};

use crate::clock::zendesk_time;
use crate::seed::help_center::HELP_CENTER_LOCALES;
use crate::store::help_center::{ArticleRow, CategoryRow, SectionRow};
use crate::text_fold::slug;

/// `{id}-{Title-Slug}`, as Zendesk writes ids in API URLs.
fn slugged(id: i64, title: &str) -> String {
    match slug(title) {
        slug if slug.is_empty() => id.to_string(),
        slug => format!("{id}-{slug}"),
    }
}

fn api_url(base_url: &str, locale: &str, kind: &str, id: i64, title: &str) -> String {
    format!(
        "{base_url}/api/v2/help_center/{locale}/{kind}/{}.json",
        slugged(id, title)
    )
}

/// The public page of an article in the Help Center (which the demo serves too).
pub(crate) fn article_html_url(base_url: &str, locale: &str, id: i64) -> String {
    format!("{base_url}/hc/{locale}/articles/{id}")
}

fn html_url(base_url: &str, locale: &str, kind: &str, id: i64) -> String {
    format!("{base_url}/hc/{locale}/{kind}/{id}")
}

/// The stored body links other articles the in-app way (`#/article/{id}`); on the web they
/// are Help Center pages in the same locale.
pub(crate) fn body_with_web_links(base_url: &str, locale: &str, body: &str) -> String {
    body.replace(
        "href=\"#/article/",
        &format!("href=\"{base_url}/hc/{locale}/articles/"),
    )
}

pub(crate) fn article_json(base_url: &str, article: &ArticleRow) -> Value {
    json!({
        "id": article.id,
        "url": api_url(base_url, &article.locale, "articles", article.id, &article.title),
        "html_url": article_html_url(base_url, &article.locale, article.id),
        "author_id": article.author_id,
        "comments_disabled": article.comments_disabled,
        "draft": article.draft,
        "promoted": article.promoted,
        "position": article.position,
        "vote_sum": article.vote_sum,
        "vote_count": article.vote_count,
        "section_id": article.section_id,
        "created_at": zendesk_time(article.created_at),
        "updated_at": zendesk_time(article.updated_at),
        "edited_at": zendesk_time(article.edited_at),
        "name": article.title,
        "title": article.title,
        "source_locale": article.source_locale,
        "locale": article.locale,
        "outdated": false,
        "outdated_locales": article.outdated_locales,
        "permission_group_id": article.permission_group_id,
        "user_segment_id": article.user_segment_id,
        "user_segment_ids": article.user_segment_id.into_iter().collect::<Vec<i64>>(),
        "label_names": article.label_names,
        "content_tag_ids": [],
        "body": body_with_web_links(base_url, &article.locale, &article.body),
    })
}

pub(crate) fn section_json(base_url: &str, section: &SectionRow) -> Value {
    json!({
        "id": section.id,
        "url": api_url(base_url, &section.locale, "sections", section.id, &section.name),
        "html_url": html_url(base_url, &section.locale, "sections", section.id),
        "category_id": section.category_id,
        "parent_section_id": null,
        "position": section.position,
        "sorting": "manual",
        "created_at": zendesk_time(section.created_at),
        "updated_at": zendesk_time(section.updated_at),
        "name": section.name,
        "description": section.description,
        "locale": section.locale,
        "source_locale": section.source_locale,
        "outdated": false,
        "theme_template": "section_page",
    })
}

pub(crate) fn category_json(base_url: &str, category: &CategoryRow) -> Value {
    json!({
        "id": category.id,
        "url": api_url(base_url, &category.locale, "categories", category.id, &category.name),
        "html_url": html_url(base_url, &category.locale, "categories", category.id),
        "position": category.position,
        "created_at": zendesk_time(category.created_at),
        "updated_at": zendesk_time(category.updated_at),
        "name": category.name,
        "description": category.description,
        "locale": category.locale,
        "source_locale": category.source_locale,
        "outdated": false,
    })
}

/// Translation records have ids of their own; these derive them from the item and locale so
/// they stay the same across restarts.
fn translation_id(source_id: i64, locale: &str) -> i64 {
    let locale_index = HELP_CENTER_LOCALES
        .iter()
        .position(|known| *known == locale)
        .unwrap_or(0) as i64;
    360_500_000_000 + (source_id % 100_000_000) * 10 + locale_index
}

/// One translation record, as sideloaded with `include=translations`.
fn translation_json(
    base_url: &str,
    source: (&str, &str, i64),
    locale: &str,
    title: &str,
    body: &str,
    times: (i64, i64),
    author_id: Option<i64>,
) -> Value {
    let (source_type, kind, source_id) = source;
    json!({
        "id": translation_id(source_id, locale),
        "url": format!("{base_url}/api/v2/help_center/{kind}/{source_id}/translations/{locale}.json"),
        "html_url": html_url(base_url, locale, kind, source_id),
        "source_id": source_id,
        "source_type": source_type,
        "locale": locale,
        "title": title,
        "body": body,
        "outdated": false,
        "draft": false,
        "hidden": false,
        "created_at": zendesk_time(times.0),
        "updated_at": zendesk_time(times.1),
        "updated_by_id": author_id,
        "created_by_id": author_id,
    })
}

pub(crate) fn article_translation_json(base_url: &str, article: &ArticleRow) -> Value {
    translation_json(
        base_url,
        ("Article", "articles", article.id),
        &article.locale,
        &article.title,
        &body_with_web_links(base_url, &article.locale, &article.body),
        (article.created_at, article.updated_at),
        Some(article.author_id),
    )
}

pub(crate) fn section_translation_json(base_url: &str, section: &SectionRow) -> Value {
    translation_json(
        base_url,
        ("Section", "sections", section.id),
        &section.locale,
        &section.name,
        &section.description,
        (section.created_at, section.updated_at),
        None,
    )
}

pub(crate) fn category_translation_json(base_url: &str, category: &CategoryRow) -> Value {
    translation_json(
        base_url,
        ("Category", "categories", category.id),
        &category.locale,
        &category.name,
        &category.description,
        (category.created_at, category.updated_at),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_app_article_links_become_help_center_pages() {
        let body =
            r##"<p>See <a href="#/article/1030" rel="noopener noreferrer">proxies</a>.</p>"##;
        assert_eq!(
            body_with_web_links("http://127.0.0.1:9", "fr", body),
            r#"<p>See <a href="http://127.0.0.1:9/hc/fr/articles/1030" rel="noopener noreferrer">proxies</a>.</p>"#
        );
    }

    #[test]
    fn api_urls_carry_a_slug_of_the_title() {
        assert_eq!(
            api_url(
                "http://h",
                "en-us",
                "articles",
                1027,
                "Fix sign-in problems"
            ),
            "http://h/api/v2/help_center/en-us/articles/1027-Fix-sign-in-problems.json"
        );
    }
}
