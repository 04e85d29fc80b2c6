//! The three renderings of a comment Zendesk returns: `body`, `html_body`, `plain_body`.

/// Zendesk wraps comment HTML in this element; clients that strip it expect it.
pub(crate) fn html_from_text(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| format!("<p>{}</p>", escape(paragraph).replace('\n', "<br>")))
        .collect();
    format!(
        "<div class=\"zd-comment\" dir=\"auto\">{}</div>",
        paragraphs.join("")
    )
}

/// A plain-text reading of HTML: block ends become line breaks, tags go, the five basic
/// entities are decoded. Good enough for the text Zendesk derives from an `html_body`.
pub(crate) fn text_from_html(html: &str) -> String {
    let with_breaks = html
        .replace("<br>", "\n")
        .replace("<br/>", "\n")
        .replace("<br />", "\n")
        .replace("</p>", "\n\n")
        .replace("</div>", "\n")
        .replace("</li>", "\n");
    let mut text = String::with_capacity(with_breaks.len());
    let mut in_tag = false;
    for character in with_breaks.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded.lines().map(str::trim_end).collect();
    let mut collapsed = lines.join("\n");
    while collapsed.contains("\n\n\n") {
        collapsed = collapsed.replace("\n\n\n", "\n\n");
    }
    collapsed.trim().to_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_escaped_paragraphs() {
        assert_eq!(
            html_from_text("Hello <team>,\nline two\n\nBye"),
            "<div class=\"zd-comment\" dir=\"auto\"><p>Hello &lt;team&gt;,<br>line two</p><p>Bye</p></div>"
        );
    }

    #[test]
    fn html_reads_back_as_the_same_text() {
        let text = "Hello <team>,\nline two\n\nBye & thanks";
        assert_eq!(text_from_html(&html_from_text(text)), text);
    }
}
