//! Agent comments arrive as HTML from the network: [`sanitize_comment_html`] reduces them to
//! inert markup before the UI sees them.

use std::collections::HashSet;

/// Sanitises a comment's HTML: no scripts, styles, event handlers, forms, frames or images
/// (a remote image is a tracking pixel, and the app's content policy blocks it anyway); links
/// keep http(s) and mailto only, never relative, and carry `rel="noopener noreferrer"`.
pub fn sanitize_comment_html(html: &str) -> String {
    let mut tags = ammonia::Builder::default().clone_tags();
    tags.remove("img");
    ammonia::Builder::default()
        .tags(tags)
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_dangerous_links_are_removed_and_text_stays() {
        let cleaned = sanitize_comment_html(
            r#"<p onclick="alert(1)">Try <b>this</b><script>alert(2)</script>
               <a href="javascript:alert(3)">link</a> <a href="https://example.com/x">ok</a>
               <img src=x onerror="alert(4)"><svg onload="alert(5)"></svg>
               <a href="/relative">rel</a><style>*{display:none}</style></p>"#,
        );
        for forbidden in [
            "script",
            "onclick",
            "javascript:",
            "onerror",
            "<img",
            "svg",
            "style",
            "/relative",
        ] {
            assert!(
                !cleaned.contains(forbidden),
                "{forbidden} survived: {cleaned}"
            );
        }
        assert!(cleaned.contains("<b>this</b>"));
        assert!(cleaned.contains(r#"href="https://example.com/x""#));
        assert!(cleaned.contains("noopener noreferrer"));
    }
}
