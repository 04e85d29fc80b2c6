//! Markdown with YAML front matter:
//!
//! ```text
//! ---
//! id: 1007
//! title: Reply while offline
//! section: Tickets and replies
//! labels: [offline, replies]
//! updated_at: 2026-11-20T09:00:00Z
//! ---
//! Body in Markdown…
//! ```
//!
//! Without `id`, the path without its language folder is the id (`en/a.md` and `fr/a.md` are
//! translations of each other); without `locale`, the language folder gives it.

use serde::Deserialize;

use super::{article, Ingested, SourceFile};
use crate::html::LinkTargets;
use crate::{Article, Locale, Source};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<IdValue>,
    title: String,
    locale: Option<String>,
    section: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    url: Option<String>,
    updated_at: Option<String>,
}

/// Ids may be written as numbers (`id: 1007`) or strings (`id: "getting-started"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IdValue {
    Number(u64),
    Text(String),
}

impl IdValue {
    fn into_string(self) -> String {
        match self {
            Self::Number(number) => number.to_string(),
            Self::Text(text) => text,
        }
    }
}

/// The front matter and the body, or a problem with its line.
fn split_front_matter(text: &str) -> Result<(&str, &str), (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Err((1, "the file must start with front matter: a `---` line, `title: …`, and a closing `---` line".into()));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((yaml, body));
        }
        offset += line.len();
    }
    Err((
        1,
        "the front matter is not closed: add a `---` line after it".into(),
    ))
}

/// The `id:` the front matter declares, if it parses (used to resolve links between files).
pub(super) fn declared_id(text: &str) -> Option<String> {
    let (yaml, _) = split_front_matter(text).ok()?;
    let front: FrontMatter = serde_yaml_ng::from_str(yaml).ok()?;
    front.id.map(IdValue::into_string)
}

pub(super) fn read(file: &SourceFile<'_>, link_targets: &LinkTargets) -> Ingested {
    let mut ingested = Ingested::default();
    match parse(file, link_targets) {
        Ok(article) => ingested.articles.push(article),
        Err((line, message)) => ingested.problem(file.path, Some(line), message),
    }
    ingested
}

fn parse(file: &SourceFile<'_>, link_targets: &LinkTargets) -> Result<Article, (usize, String)> {
    let (yaml, body) = split_front_matter(&file.text)?;
    let front: FrontMatter = serde_yaml_ng::from_str(yaml).map_err(|error| {
        // Line 1 is the opening `---`, so YAML line n is file line n + 1.
        let line = error.location().map_or(2, |location| location.line() + 1);
        (line, format!("bad front matter: {error}"))
    })?;
    let locale = match &front.locale {
        Some(tag) => Locale::parse(tag).ok_or_else(|| (2, format!("unsupported locale `{tag}`: use en or fr")))?,
        None => file.folder_locale().ok_or_else(|| {
            (2, "cannot tell the language: add `locale: en` or `locale: fr`, or put the file in an en/ or fr/ folder".to_owned())
        })?,
    };
    if front.title.trim().is_empty() {
        return Err((2, "the title is empty".into()));
    }
    let id = front
        .id
        .map_or_else(|| file.default_id(), IdValue::into_string);
    let mut article = article(
        file,
        id,
        locale,
        front.title.trim().to_owned(),
        &markdown_to_html(body),
        link_targets,
    );
    article.section = front.section.filter(|section| !section.trim().is_empty());
    article.labels = front.labels;
    article.url = front.url;
    article.updated_at = front.updated_at;
    Ok(article)
}

pub(super) fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser};
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Parses one Markdown document given as text (for tools and tests).
pub fn parse_markdown(relative_path: &str, text: &str, source: Source) -> Result<Article, String> {
    let path = std::path::Path::new(relative_path);
    let file = SourceFile {
        path,
        relative: relative_path.to_owned(),
        text: text.to_owned(),
        source,
        default_locale: None,
    };
    parse(&file, &LinkTargets::new())
        .map_err(|(line, message)| format!("{relative_path}:{line}: {message}"))
}
