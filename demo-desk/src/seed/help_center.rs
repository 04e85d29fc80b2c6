//! The Help Center: Helpline's own 32 bundled articles, in English and French.
//!
//! Each bundled section name becomes a category holding one section of the same name. A
//! section's French name is the section the French translation of its articles names: the
//! translations share article ids, so the ids tie the two languages together.

use docs_index::{Article, Locale};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use super::{AGENT_ALEX_ID, DAY, HOUR, SEED_BASE};
use crate::clock::parse_time_millis;
use crate::store::help_center::{self, ArticleRow, CategoryRow, SectionRow};
use crate::text_fold::fold;
use crate::DemoError;

/// The Help Center's locales, default first, spelled as Zendesk spells them.
pub(crate) const HELP_CENTER_LOCALES: [&str; 2] = ["en-us", "fr"];
pub(crate) const DEFAULT_HELP_CENTER_LOCALE: &str = HELP_CENTER_LOCALES[0];

pub(crate) const FIRST_CATEGORY_ID: i64 = 360_000_100_001;
pub(crate) const FIRST_SECTION_ID: i64 = 360_000_200_001;
/// Who may edit the articles (Guide's default "Admins" group).
pub(crate) const PERMISSION_GROUP_ID: i64 = 360_000_900_001;
/// 2026-10-01T09:00:00Z, when the Help Center and its articles were created (every bundled
/// article was last edited after it).
pub(crate) const HELP_CENTER_CREATED: i64 = SEED_BASE + 213 * DAY;

/// Used when an article names no section.
const GENERAL_SECTION: &str = "General";

pub(crate) fn zendesk_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "en-us",
        Locale::Fr => "fr",
    }
}

#[derive(Debug, Clone)]
struct HelpCenterRows {
    categories: Vec<CategoryRow>,
    sections: Vec<SectionRow>,
    articles: Vec<ArticleRow>,
}

/// Writes the Help Center if it has no articles yet (a new database, or one from before the
/// Help Center existed), replacing any categories and sections left without articles.
pub(crate) fn ensure_help_center(connection: &Connection) -> Result<bool, DemoError> {
    if !help_center::is_empty(connection)? {
        return Ok(false);
    }
    connection.execute_batch("DELETE FROM hc_sections; DELETE FROM hc_categories;")?;
    // Reading the bundled Markdown takes a while in debug builds; every desk in a process
    // (tests start dozens) writes the same rows.
    static ROWS: OnceLock<HelpCenterRows> = OnceLock::new();
    let rows = ROWS.get_or_init(|| rows_from(&bundled_articles()));
    for category in &rows.categories {
        help_center::insert_category(connection, category)?;
    }
    for section in &rows.sections {
        help_center::insert_section(connection, section)?;
    }
    for article in &rows.articles {
        help_center::insert_article(connection, article)?;
    }
    Ok(true)
}

fn bundled_articles() -> Vec<Article> {
    let ingested = docs_index::ingest::bundled();
    for problem in &ingested.problems {
        tracing::warn!(?problem, "a bundled help article could not be read");
    }
    ingested.articles
}

/// One section per distinct section name, in the order of the articles' ids.
struct SectionPlan {
    /// Per section: its name in each locale that has articles in it.
    names: Vec<BTreeMap<&'static str, String>>,
    section_of_article: HashMap<i64, usize>,
}

fn plan_sections(by_id: &BTreeMap<i64, Vec<&Article>>) -> SectionPlan {
    let mut names: Vec<BTreeMap<&'static str, String>> = Vec::new();
    let mut index_by_key: HashMap<String, usize> = HashMap::new();
    let mut section_of_article = HashMap::new();
    for (id, translations) in by_id {
        // The English name identifies a section; an article only in French uses its own.
        let key_translation = translations
            .iter()
            .find(|article| article.locale == Locale::En)
            .unwrap_or(&translations[0]);
        let key = section_name(key_translation);
        let index = *index_by_key.entry(key).or_insert_with(|| {
            names.push(BTreeMap::new());
            names.len() - 1
        });
        section_of_article.insert(*id, index);
        for article in translations {
            names[index]
                .entry(zendesk_locale(article.locale))
                .or_insert_with(|| section_name(article));
        }
    }
    SectionPlan {
        names,
        section_of_article,
    }
}

fn section_name(article: &Article) -> String {
    article
        .section
        .clone()
        .unwrap_or_else(|| GENERAL_SECTION.to_owned())
}

fn rows_from(articles: &[Article]) -> HelpCenterRows {
    let mut by_id: BTreeMap<i64, Vec<&Article>> = BTreeMap::new();
    for article in articles {
        match article.id.parse::<i64>() {
            Ok(id) => by_id.entry(id).or_default().push(article),
            Err(_) => tracing::warn!(id = %article.id, "a bundled article id is not numeric"),
        }
    }
    let plan = plan_sections(&by_id);

    let mut categories = Vec::new();
    let mut sections = Vec::new();
    for (index, names) in plan.names.iter().enumerate() {
        let id_offset = index as i64;
        for (locale, name) in names {
            categories.push(CategoryRow {
                id: FIRST_CATEGORY_ID + id_offset,
                locale: (*locale).to_owned(),
                name: name.clone(),
                description: String::new(),
                position: id_offset,
                source_locale: DEFAULT_HELP_CENTER_LOCALE.to_owned(),
                created_at: HELP_CENTER_CREATED,
                updated_at: HELP_CENTER_CREATED,
            });
            sections.push(SectionRow {
                id: FIRST_SECTION_ID + id_offset,
                locale: (*locale).to_owned(),
                category_id: FIRST_CATEGORY_ID + id_offset,
                name: name.clone(),
                description: String::new(),
                position: 0,
                source_locale: DEFAULT_HELP_CENTER_LOCALE.to_owned(),
                created_at: HELP_CENTER_CREATED,
                updated_at: HELP_CENTER_CREATED,
            });
        }
    }

    let mut articles = Vec::new();
    let mut next_position_in_section: HashMap<usize, i64> = HashMap::new();
    for (order, (id, translations)) in by_id.iter().enumerate() {
        let section_index = plan.section_of_article[id];
        let position = next_position_in_section.entry(section_index).or_insert(0);
        let created_at = HELP_CENTER_CREATED + order as i64 * HOUR;
        let edited = |article: &Article| {
            article
                .updated_at
                .as_deref()
                .and_then(parse_time_millis)
                .map_or(created_at, |millis| millis.div_euclid(1000).max(created_at))
        };
        let source = translations
            .iter()
            .find(|article| article.locale == Locale::En)
            .unwrap_or(&translations[0]);
        // A translation edited before its source is one the source has moved on from.
        let outdated_locales: Vec<String> = translations
            .iter()
            .filter(|article| article.locale != source.locale && edited(article) < edited(source))
            .map(|article| zendesk_locale(article.locale).to_owned())
            .collect();
        for article in translations {
            let edited_at = edited(article);
            articles.push(ArticleRow {
                id: *id,
                locale: zendesk_locale(article.locale).to_owned(),
                section_id: FIRST_SECTION_ID + section_index as i64,
                author_id: AGENT_ALEX_ID,
                title: article.title.clone(),
                title_rank: 0,
                body: article.body_html.clone(),
                body_text: article.body_text.clone(),
                label_names: article.labels.clone(),
                position: *position,
                // The first article is the one to start with.
                promoted: order == 0,
                draft: false,
                comments_disabled: false,
                // Some plausible, stable reader feedback.
                vote_count: 3 + id % 11,
                vote_sum: 3 + id % 11 - 2 * (id % 3),
                permission_group_id: PERMISSION_GROUP_ID,
                user_segment_id: None,
                source_locale: zendesk_locale(source.locale).to_owned(),
                outdated_locales: outdated_locales.clone(),
                created_at,
                updated_at: edited_at,
                edited_at,
            });
        }
        *position += 1;
    }
    rank_titles(&mut articles);
    HelpCenterRows {
        categories,
        sections,
        articles,
    }
}

/// Numbers each locale's titles in alphabetical order (accents and case ignored).
fn rank_titles(articles: &mut [ArticleRow]) {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_cached_key(|&index| {
        let article = &articles[index];
        (article.locale.clone(), fold(&article.title), article.id)
    });
    let mut rank_in_locale: HashMap<String, i64> = HashMap::new();
    for index in order {
        let rank = rank_in_locale
            .entry(articles[index].locale.clone())
            .or_insert(0);
        articles[index].title_rank = *rank;
        *rank += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::zendesk_time;

    #[test]
    fn the_help_center_was_created_on_the_first_of_october_2026() {
        assert_eq!(zendesk_time(HELP_CENTER_CREATED), "2026-10-01T09:00:00Z");
    }

    #[test]
    fn sections_pair_english_and_french_names_through_article_ids() {
        let rows = rows_from(&bundled_articles());
        let name = |locale: &str| {
            rows.sections
                .iter()
                .find(|section| section.id == FIRST_SECTION_ID && section.locale == locale)
                .map(|section| section.name.clone())
        };
        assert_eq!(name("en-us").as_deref(), Some("Using Helpline"));
        assert_eq!(name("fr").as_deref(), Some("Utiliser Helpline"));
        assert_eq!(rows.categories.len(), rows.sections.len());
        assert_eq!(rows.articles.len(), 64);
        let article = |id: i64, locale: &str| {
            rows.articles
                .iter()
                .find(|article| article.id == id && article.locale == locale)
                .unwrap()
        };
        assert_eq!(article(1001, "en-us").section_id, FIRST_SECTION_ID);
        assert_eq!(
            article(1030, "fr").section_id,
            article(1030, "en-us").section_id
        );
    }

    #[test]
    fn title_ranks_follow_alphabetical_order_per_locale() {
        let rows = rows_from(&bundled_articles());
        let mut english: Vec<&ArticleRow> = rows
            .articles
            .iter()
            .filter(|article| article.locale == "en-us")
            .collect();
        english.sort_by_key(|article| article.title_rank);
        let ranks: Vec<i64> = english.iter().map(|article| article.title_rank).collect();
        assert_eq!(ranks, (0..32).collect::<Vec<_>>());
        assert!(english
            .windows(2)
            .all(|pair| fold(&pair[0].title) <= fold(&pair[1].title)));
    }
}
