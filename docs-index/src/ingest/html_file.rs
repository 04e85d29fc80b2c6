//! A standalone HTML page: the title from `<title>` (or the first `<h1>`), the body without
//! navigation, scripts and styles, the language from `<html lang>` or the folder.

use scraper::Html;

use super::{article, Ingested, SourceFile};
use crate::html::{self, LinkTargets};
use crate::Locale;

pub(super) fn read(file: &SourceFile<'_>, link_targets: &LinkTargets) -> Ingested {
    let mut ingested = Ingested::default();
    let document = Html::parse_document(&file.text);
    let Some(title) = html::title_of(&document) else {
        ingested.problem(
            file.path,
            Some(1),
            "no <title> or <h1>: give the page a title",
        );
        return ingested;
    };
    let locale = file
        .folder_locale()
        .or_else(|| html::lang_of(&document).as_deref().and_then(Locale::parse));
    let Some(locale) = locale else {
        ingested.problem(file.path, Some(1), "cannot tell the language: set <html lang=\"en\"> or \"fr\", or put the file in an en/ or fr/ folder");
        return ingested;
    };
    let article = article(
        file,
        file.default_id(),
        locale,
        title,
        &html::body_of(&document),
        link_targets,
    );
    if article.body_text.trim().is_empty() {
        ingested.problem(file.path, Some(1), "the page has no text");
    } else {
        ingested.articles.push(article);
    }
    ingested
}
