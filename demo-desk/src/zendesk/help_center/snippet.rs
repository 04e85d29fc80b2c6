//! Search snippets: a window of the article's text around the first match, HTML-escaped,
//! with every matching word in `<em>`, as Zendesk marks them.

use crate::text_fold::fold_char;

/// About how many characters a snippet shows.
const SNIPPET_LENGTH: usize = 200;
/// How much text before the first match stays in view.
const LEAD_IN: usize = 60;

/// The query's words, folded (case and accents), in order, without repeats.
pub(super) fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in query
        .chars()
        .map(fold_char)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !words.iter().any(|known| known == word) {
            words.push(word.to_owned());
        }
    }
    words
}

/// The words of `text` as `(start, end)` character ranges, and the folded characters.
pub(super) fn words_of(text: &[char]) -> (Vec<(usize, usize)>, Vec<char>) {
    let folded: Vec<char> = text.iter().copied().map(fold_char).collect();
    let mut words = Vec::new();
    let mut start = None;
    for (index, character) in folded.iter().enumerate() {
        match (character.is_alphanumeric(), start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                words.push((begin, index));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        words.push((begin, folded.len()));
    }
    (words, folded)
}

/// Whether a text word matches a query word: the query word starts it, so `password` finds
/// `passwords`.
pub(super) fn matches(folded_word: &[char], query_word: &str) -> bool {
    let mut word = folded_word.iter();
    query_word.chars().all(|c| word.next() == Some(&c))
}

pub(super) fn snippet(text: &str, query: &[String]) -> String {
    let plain: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let (words, folded) = words_of(&plain);
    let is_match = |&(start, end): &(usize, usize)| {
        query.iter().any(|word| matches(&folded[start..end], word))
    };
    let first_match = words.iter().find(|word| is_match(word)).map(|word| word.0);
    let window_start = match first_match {
        Some(start) if start > LEAD_IN => words
            .iter()
            .map(|word| word.0)
            .find(|&word_start| word_start >= start - LEAD_IN)
            .unwrap_or(start),
        _ => 0,
    };
    let mut window_end = (window_start + SNIPPET_LENGTH).min(plain.len());
    // End on a word boundary rather than inside a word.
    if let Some(&(start, end)) = words
        .iter()
        .find(|(start, end)| *start < window_end && *end > window_end)
    {
        window_end = if start > window_start { start } else { end };
    }

    let mut snippet = String::new();
    let mut at = window_start;
    for &(start, end) in words
        .iter()
        .filter(|(start, end)| *start >= window_start && *end <= window_end)
        .filter(|word| is_match(word))
    {
        push_escaped(&mut snippet, &plain[at..start]);
        snippet.push_str("<em>");
        push_escaped(&mut snippet, &plain[start..end]);
        snippet.push_str("</em>");
        at = end;
    }
    push_escaped(&mut snippet, &plain[at..window_end]);
    snippet.trim().to_owned()
}

fn push_escaped(out: &mut String, text: &[char]) {
    for character in text {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(*other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_words_are_wrapped_in_em_whatever_their_case_or_accents() {
        let words = query_words("Équipe PASSWORD");
        assert_eq!(words, vec!["equipe", "password"]);
        assert_eq!(
            snippet("Ask your équipe to reset passwords <now>.", &words),
            "Ask your <em>équipe</em> to reset <em>passwords</em> &lt;now&gt;."
        );
    }

    #[test]
    fn the_window_starts_shortly_before_the_first_match() {
        let text = format!(
            "{} proxy settings {}",
            "filler ".repeat(40),
            "tail ".repeat(60)
        );
        let snippet = snippet(&text, &query_words("proxy"));
        assert!(snippet.starts_with("filler"), "{snippet}");
        assert!(snippet.contains("<em>proxy</em> settings"), "{snippet}");
        assert!(snippet.chars().count() <= SNIPPET_LENGTH + 9, "{snippet}");
    }
}
