//! Zendesk Help Center article JSON, as the Help Center API returns it: a list page
//! (`{"articles": [...], "sections": [...]}`) or a single article (`{"article": {...}}`).
//! Drafts are skipped; the section name comes from the sideloaded `sections` when present.

use std::collections::HashMap;

use serde::Deserialize;

use super::{article, Ingested, SourceFile};
use crate::html::LinkTargets;
use crate::{Locale, Source};

#[derive(Debug, Deserialize)]
struct Page {
    #[serde(default)]
    articles: Vec<HelpCenterArticle>,
    article: Option<HelpCenterArticle>,
    #[serde(default)]
    sections: Vec<Section>,
}

#[derive(Debug, Deserialize)]
struct HelpCenterArticle {
    id: u64,
    locale: String,
    title: String,
    #[serde(default)]
    body: Option<String>,
    section_id: Option<u64>,
    #[serde(default)]
    label_names: Vec<String>,
    html_url: Option<String>,
    updated_at: Option<String>,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, Deserialize)]
struct Section {
    id: u64,
    name: String,
}

pub(super) fn read(file: &SourceFile<'_>) -> Ingested {
    let mut ingested = Ingested::default();
    let page: Page = match serde_json::from_str(&file.text) {
        Ok(page) => page,
        Err(error) => {
            ingested.problem(
                file.path,
                Some(error.line()),
                format!("not Help Center article JSON: {error}"),
            );
            return ingested;
        }
    };
    let sections: HashMap<u64, String> = page
        .sections
        .into_iter()
        .map(|section| (section.id, section.name))
        .collect();
    for hc in page.articles.into_iter().chain(page.article) {
        if hc.draft {
            continue;
        }
        let Some(locale) = Locale::parse(&hc.locale) else {
            ingested.problem(
                file.path,
                None,
                format!("article {}: unsupported locale `{}`", hc.id, hc.locale),
            );
            continue;
        };
        let mut article = article(
            file,
            hc.id.to_string(),
            locale,
            hc.title,
            hc.body.as_deref().unwrap_or_default(),
            &LinkTargets::new(),
        );
        article.section = hc.section_id.and_then(|id| sections.get(&id).cloned());
        article.labels = hc.label_names;
        article.url = hc.html_url;
        article.updated_at = hc.updated_at;
        article.source = Source::HelpCenter;
        ingested.articles.push(article);
    }
    ingested
}
