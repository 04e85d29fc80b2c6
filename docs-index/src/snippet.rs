//! Snippets: the part of an article's text where the query's words cluster, with the matched
//! words marked. Matching follows the query's own leniency: same stem, same folded word, the
//! prefix being typed, or a typo within the word's edit distance.

use serde::Serialize;
use specta::Type;
use tantivy::tokenizer::{TokenStream as _, TokenizerManager};

use std::cell::RefCell;

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{self, terms, terms_with};
use crate::query::{typo_distance, QueryWords};
use crate::Locale;

/// A run of text, highlighted when it matched the query. The UI renders parts as text, so a
/// snippet can never inject markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TextPart {
    pub text: String,
    pub highlighted: bool,
}

/// Only this much of a body is scanned for the best window, to keep every keystroke fast.
/// Help articles answer early, so the first few kilobytes hold the best window nearly always.
const SCANNED_BYTES: usize = 3 * 1024;
/// Once this many words matched, a good window exists: stop reading the body.
const ENOUGH_MATCHES: usize = 8;

pub struct Highlighter {
    words: Vec<String>,
    partial: Option<String>,
    stems: Vec<(Locale, Vec<String>)>,
    typos: Vec<String>,
    /// Kept for the whole search: fetching an analyzer from the manager allocates.
    plain: RefCell<TextAnalyzer>,
    english: RefCell<TextAnalyzer>,
    french: RefCell<TextAnalyzer>,
}

impl Highlighter {
    /// `typos`: the query words the index does not know, matched with typo tolerance.
    pub fn new(tokenizers: &TokenizerManager, query: &QueryWords, typos: Vec<String>) -> Self {
        let complete: Vec<String> = match query.partial() {
            Some(_) => query.words[..query.words.len() - 1].to_vec(),
            None => query.words.clone(),
        };
        let stems = Locale::ALL
            .into_iter()
            .map(|locale| {
                let analyzer = analysis::language_words(locale);
                (
                    locale,
                    query
                        .words
                        .iter()
                        .flat_map(|word| terms(tokenizers, analyzer, word))
                        .collect(),
                )
            })
            .collect();
        let analyzer = |name| RefCell::new(tokenizers.get(name).expect("registered"));
        Self {
            words: complete,
            partial: query.partial().map(str::to_owned),
            stems,
            typos,
            plain: analyzer(analysis::PLAIN_WORDS),
            english: analyzer(analysis::ENGLISH_WORDS),
            french: analyzer(analysis::FRENCH_WORDS),
        }
    }

    fn language(&self, locale: Locale) -> &RefCell<TextAnalyzer> {
        match locale {
            Locale::En => &self.english,
            Locale::Fr => &self.french,
        }
    }

    fn matches(&self, locale: Locale, folded: &str) -> bool {
        if folded.chars().count() < 2 && !self.words.iter().any(|word| word == folded) {
            return false;
        }
        if self.words.iter().any(|word| word == folded) {
            return true;
        }
        if self
            .partial
            .as_deref()
            .is_some_and(|partial| partial.len() >= 2 && folded.starts_with(partial))
        {
            return true;
        }
        let stems = &self
            .stems
            .iter()
            .find(|(l, _)| *l == locale)
            .expect("every locale")
            .1;
        // Stemming every word of a body is the slow part: only stem words that share a start.
        if stems.iter().any(|stem| shares_start(stem, folded))
            && terms_with(&mut self.language(locale).borrow_mut(), folded)
                .iter()
                .any(|stem| stems.contains(stem))
        {
            return true;
        }
        self.typos.iter().any(|word| {
            let distance = typo_distance(word) as usize;
            folded.len().abs_diff(word.len()) <= distance
                && strsim::osa_distance(word, folded) <= distance
        })
    }

    /// `text` with its matched words highlighted (for titles).
    pub fn highlight_all(&self, locale: Locale, text: &str) -> Vec<TextPart> {
        let ranges = self.matched_ranges(locale, text, usize::MAX);
        parts(text, 0, text.len(), &ranges)
    }

    /// The window of about `max_chars` characters with the most matched words.
    pub fn snippet(&self, locale: Locale, text: &str, max_chars: usize) -> Vec<TextPart> {
        let scanned = &text[..floor_char_boundary(text, SCANNED_BYTES)];
        let ranges = self.matched_ranges(locale, scanned, ENOUGH_MATCHES);
        let max_bytes = max_chars.max(20);
        // Slide over the matches: the best window starts at a match and holds the most matches.
        let (mut best_start, mut best_count) = (0, 0);
        for (i, &(start, _)) in ranges.iter().enumerate() {
            let count = ranges[i..]
                .iter()
                .take_while(|&&(_, end)| end - start <= max_bytes)
                .count();
            if count > best_count {
                (best_start, best_count) = (start, count);
            }
        }
        // Show a little context before the first match, starting on a word.
        let mut start = floor_char_boundary(text, best_start.saturating_sub(max_bytes / 5));
        if start > 0 {
            start = text[start..best_start]
                .find(char::is_whitespace)
                .map_or(best_start, |offset| start + offset + 1);
        }
        let mut end = floor_char_boundary(text, (start + max_bytes).min(text.len()));
        if end < text.len() {
            end = text[start..end]
                .rfind(char::is_whitespace)
                .map_or(end, |offset| start + offset);
        }
        let mut snippet = parts(text, start, end, &ranges);
        if start > 0 {
            snippet.insert(
                0,
                TextPart {
                    text: "…".into(),
                    highlighted: false,
                },
            );
        }
        if end < text.len() {
            snippet.push(TextPart {
                text: "…".into(),
                highlighted: false,
            });
        }
        merge_plain(snippet)
    }

    /// Byte ranges of the matched words in `text`, at most `enough` of them.
    fn matched_ranges(&self, locale: Locale, text: &str, enough: usize) -> Vec<(usize, usize)> {
        let mut analyzer = self.plain.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut ranges = Vec::new();
        while let Some(token) = stream.next() {
            if self.matches(locale, &token.text) {
                ranges.push((token.offset_from, token.offset_to));
                if ranges.len() == enough {
                    break;
                }
            }
        }
        ranges
    }
}

fn shares_start(stem: &str, word: &str) -> bool {
    let prefix_len = stem.len().min(3);
    word.len() >= prefix_len
        && stem.is_char_boundary(prefix_len)
        && word.is_char_boundary(prefix_len)
        && stem[..prefix_len] == word[..prefix_len]
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Splits `text[start..end]` into plain and highlighted parts, line breaks folded to spaces.
fn parts(text: &str, start: usize, end: usize, ranges: &[(usize, usize)]) -> Vec<TextPart> {
    let clean = |slice: &str| slice.replace('\n', " ");
    let mut parts = Vec::new();
    let mut cursor = start;
    for &(from, to) in ranges
        .iter()
        .filter(|&&(from, to)| from >= start && to <= end)
    {
        if from > cursor {
            parts.push(TextPart {
                text: clean(&text[cursor..from]),
                highlighted: false,
            });
        }
        parts.push(TextPart {
            text: clean(&text[from..to]),
            highlighted: true,
        });
        cursor = to;
    }
    if cursor < end {
        parts.push(TextPart {
            text: clean(&text[cursor..end]),
            highlighted: false,
        });
    }
    parts
}

fn merge_plain(parts: Vec<TextPart>) -> Vec<TextPart> {
    let mut merged: Vec<TextPart> = Vec::with_capacity(parts.len());
    for part in parts {
        match merged.last_mut() {
            Some(last) if !last.highlighted && !part.highlighted => last.text.push_str(&part.text),
            _ => merged.push(part),
        }
    }
    merged
}
