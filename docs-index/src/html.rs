//! HTML in, safe HTML and plain text out.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "head", "title", "svg",
];
/// DocBook/Sphinx-style navigation blocks that wrap many help pages.
const SKIPPED_CLASSES: &[&str] = &["navheader", "navfooter", "breadcrumbs", "toc", "related"];
/// Block elements after which text continues on a new line.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "br",
    "figure",
    "figcaption",
];

/// How in-article links that point at other articles are rewritten: relative file name (as
/// written in the source, e.g. `reply-offline.md` or `tool-crop.html`) to article id.
pub type LinkTargets = HashMap<String, String>;

/// The in-app address of an article, which the reader turns into navigation.
pub fn article_link(id: &str) -> String {
    format!("#/article/{id}")
}

/// Sanitises untrusted HTML for the reader: no scripts, styles, event handlers or frames;
/// links keep http(s) and mailto only and open outside the app; relative links to other
/// articles become in-app links, other relative links are dropped.
pub fn sanitize(html: &str, link_targets: &LinkTargets) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Custom(Box::new(ArticleLinks(
            link_targets,
        ))))
        .clean(html)
        .to_string()
}

/// Rewrites relative links: to the in-app link of a known article, or away.
struct ArticleLinks<'a>(&'a LinkTargets);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for ArticleLinks<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<std::borrow::Cow<'url, str>> {
        let file = url.split(['#', '?']).next().unwrap_or_default();
        let file = file.rsplit('/').next().unwrap_or_default();
        self.0.get(file).map(|id| article_link(id).into())
    }
}

/// The readable text of an HTML fragment or document, one line per block.
pub fn text_of(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut text = String::new();
    collect_text(document.root_element(), &mut text);
    normalise_whitespace(&text)
}

/// The title of an HTML document: `<title>`, else the first `<h1>`.
pub fn title_of(document: &Html) -> Option<String> {
    static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").expect("valid"));
    static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").expect("valid"));
    [&*TITLE, &*H1]
        .into_iter()
        .filter_map(|selector| document.select(selector).next())
        .map(|element| {
            without_section_number(&normalise_whitespace(&element.text().collect::<String>()))
                .to_owned()
        })
        .find(|title| !title.is_empty())
}

/// Drops the numbering generated manuals put before titles: `4.4. Crop`, `Chapter 15. Dialogs`,
/// `Partie I. Premiers pas`, `Appendix D. …` (a number is digits or a roman/appendix letter group).
fn without_section_number(title: &str) -> &str {
    let mut rest = title;
    for word in [
        "Chapter ",
        "Chapitre ",
        "Part ",
        "Partie ",
        "Appendix ",
        "Annexe ",
    ] {
        if let Some(stripped) = rest.strip_prefix(word) {
            rest = stripped;
            break;
        }
    }
    let Some((number, after)) = rest.split_once(". ") else {
        return title;
    };
    let is_number = !number.is_empty()
        && number.split('.').all(|part| {
            !part.is_empty()
                && (part.chars().all(|c| c.is_ascii_digit())
                    || (part.len() <= 4 && part.chars().all(|c| "IVXLCD".contains(c)))
                    || (part.len() == 1 && part.chars().all(|c| c.is_ascii_uppercase())))
        });
    if is_number && !after.trim().is_empty() {
        after.trim()
    } else {
        title
    }
}

/// The article part of an HTML document: `<main>`, `<article>` or `<body>`, without navigation.
pub fn body_of(document: &Html) -> String {
    static BODY: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("main, article, body").expect("valid"));
    let Some(body) = document.select(&BODY).next() else {
        return String::new();
    };
    let mut html = String::new();
    for child in body.children() {
        if let Some(element) = ElementRef::wrap(child) {
            if !is_skipped(element) {
                html.push_str(&element.html());
            }
        } else if let Node::Text(text) = child.value() {
            html.push_str(&escape_text(text));
        }
    }
    html
}

/// The `lang` attribute of the document's `<html>` element.
pub fn lang_of(document: &Html) -> Option<String> {
    document
        .root_element()
        .value()
        .attr("lang")
        .or_else(|| document.root_element().value().attr("xml:lang"))
        .map(str::to_owned)
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn is_skipped(element: ElementRef<'_>) -> bool {
    let value = element.value();
    SKIPPED_ELEMENTS.contains(&value.name())
        || value
            .classes()
            .any(|class| SKIPPED_CLASSES.contains(&class))
}

fn collect_text(element: ElementRef<'_>, out: &mut String) {
    if is_skipped(element) {
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(_) => {
                let child = ElementRef::wrap(child).expect("element node");
                collect_text(child, out);
                if BLOCK_ELEMENTS.contains(&child.value().name()) {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Collapses runs of spaces, keeps single line breaks between blocks.
fn normalise_whitespace(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_scripts_handlers_and_javascript_links() {
        let dirty = r#"<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)></p><iframe src="https://evil"></iframe>"#;
        let clean = sanitize(dirty, &LinkTargets::new());
        for forbidden in ["script", "onclick", "javascript:", "onerror", "iframe"] {
            assert!(
                !clean.contains(forbidden),
                "{forbidden} survived in {clean}"
            );
        }
        assert!(clean.contains("Hi"));
    }

    #[test]
    fn sanitize_turns_links_to_known_articles_into_in_app_links() {
        let targets = LinkTargets::from([("reply-offline.md".to_owned(), "1007".to_owned())]);
        let clean = sanitize(
            r#"<a href="reply-offline.md#queue">offline</a> <a href="missing.md">gone</a> <a href="https://example.com/">web</a>"#,
            &targets,
        );
        assert!(clean.contains(r##"href="#/article/1007""##), "{clean}");
        assert!(!clean.contains("missing.md"), "{clean}");
        assert!(
            clean.contains(r#"href="https://example.com/" rel="noopener noreferrer""#),
            "{clean}"
        );
    }

    #[test]
    fn text_skips_navigation_and_scripts_and_keeps_blocks_apart() {
        let html = r#"<html><head><title>T</title><style>p{}</style></head><body>
            <div class="navheader">Prev Next</div><h1>Crop</h1><p>Cut the   image.</p><script>x()</script>
            <footer>Footer</footer></body></html>"#;
        assert_eq!(text_of(html), "Crop\nCut the image.");
    }

    #[test]
    fn section_numbers_of_generated_manuals_are_dropped_from_titles() {
        for (raw, clean) in [
            ("4.4. Crop", "Crop"),
            ("Chapter 15. Dialogs", "Dialogs"),
            ("Partie I. Premiers pas", "Premiers pas"),
            ("Appendix D. Bibliography", "Bibliography"),
            ("16.3.2. Gaussian Blur", "Gaussian Blur"),
            ("Crop", "Crop"),
            ("Dr. Who", "Dr. Who"),
            ("Tips. Many of them", "Tips. Many of them"),
        ] {
            assert_eq!(without_section_number(raw), clean, "{raw}");
        }
    }

    #[test]
    fn title_prefers_the_title_element_then_h1() {
        let with_title = Html::parse_document("<title> Crop  tool </title><h1>Other</h1>");
        assert_eq!(title_of(&with_title).as_deref(), Some("Crop tool"));
        let with_h1 = Html::parse_document("<body><h1>Heading</h1></body>");
        assert_eq!(title_of(&with_h1).as_deref(), Some("Heading"));
    }
}
