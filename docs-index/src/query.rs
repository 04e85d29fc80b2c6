//! From what the user typed to a tantivy query.
//!
//! Every word becomes a group of alternatives, any of which may match:
//! - the word's stem in the English and the French fields (title boosted over body);
//! - the word within an edit distance scaled to its length, on whole folded words (typos);
//! - for the word still being typed (the last one, with no space after it), its prefix.
//!
//! Most groups must match (all of them for one or two words), so a stray word in a natural
//! question does not empty the results. Phrases (the words in order, a little slop allowed)
//! score extra. Filters narrow without scoring.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::Term;

use crate::analysis::{self, terms};
use crate::schema::Fields;
use crate::{Locale, SearchFilters};

const TITLE_BOOST: f32 = 3.0;
const PREFIX_BOOST: f32 = 0.8;
const FUZZY_BOOST: f32 = 0.3;
const PHRASE_BOOST: f32 = 2.0;
const PHRASE_SLOP: u32 = 2;

/// The words of a query, as the analyzers see them.
#[derive(Debug, Clone, Default)]
pub struct QueryWords {
    /// Folded words (no stemming), in order.
    pub words: Vec<String>,
    /// Whether the last word is still being typed (no space after it).
    pub last_is_partial: bool,
}

impl QueryWords {
    pub fn parse(tokenizers: &TokenizerManager, query: &str) -> Self {
        let words = terms(tokenizers, analysis::PLAIN, query);
        let last_is_partial =
            !words.is_empty() && !query.ends_with(|c: char| c.is_whitespace() || c == '"');
        Self {
            words,
            last_is_partial,
        }
    }

    pub fn partial(&self) -> Option<&str> {
        self.last_is_partial
            .then(|| self.words.last().map(String::as_str))
            .flatten()
    }
}

/// How many edits a word of this length may contain and still match.
pub fn typo_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Builds the query, or None when nothing searchable was typed.
pub fn build(
    tokenizers: &TokenizerManager,
    fields: &Fields,
    words: &QueryWords,
    filters: &SearchFilters,
) -> Option<Box<dyn Query>> {
    let mut groups: Vec<Box<dyn Query>> = Vec::new();
    for (index, word) in words.words.iter().enumerate() {
        let is_partial = words.last_is_partial && index + 1 == words.words.len();
        if let Some(group) = word_group(tokenizers, fields, word, is_partial) {
            groups.push(group);
        }
    }
    if groups.is_empty() {
        return None;
    }
    let required = match groups.len() {
        n @ 1..=2 => n,
        n => (n * 2).div_ceil(3),
    };
    let group_count = groups.len();
    let words_query: Box<dyn Query> = if group_count == 1 {
        groups.pop().expect("one group")
    } else {
        Box::new(BooleanQuery::with_minimum_required_clauses(
            groups
                .into_iter()
                .map(|group| (Occur::Should, group))
                .collect(),
            required,
        ))
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words_query)];
    clauses.extend(
        phrase_clauses(tokenizers, fields, words)
            .into_iter()
            .map(|phrase| (Occur::Should, phrase)),
    );
    clauses.extend(
        filter_clauses(fields, filters)
            .into_iter()
            .map(|filter| (Occur::Must, filter)),
    );
    Some(Box::new(BooleanQuery::new(clauses)))
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    if (boost - 1.0).abs() < f32::EPSILON {
        Box::new(query)
    } else {
        Box::new(BoostQuery::new(Box::new(query), boost))
    }
}

fn word_group(
    tokenizers: &TokenizerManager,
    fields: &Fields,
    word: &str,
    is_partial: bool,
) -> Option<Box<dyn Query>> {
    let stems: Vec<(Locale, Vec<String>)> = Locale::ALL
        .into_iter()
        .map(|locale| {
            (
                locale,
                terms(tokenizers, analysis::language_analyzer(locale), word),
            )
        })
        .collect();
    // A stop word in either language (`the`, `le`, the `l` of `l'installation`) carries no
    // meaning of its own; requiring it would empty the results.
    let is_stop_word = stems.iter().any(|(_, stems)| stems.is_empty());
    if is_stop_word && !is_partial {
        return None;
    }
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (locale, stems) in stems {
        let language = fields.language(locale);
        for stem in stems {
            alternatives.push((
                Occur::Should,
                term_query(language.title, &stem, TITLE_BOOST),
            ));
            alternatives.push((Occur::Should, term_query(language.body, &stem, 1.0)));
        }
    }
    let distance = typo_distance(word);
    if distance > 0 {
        for field in [fields.plain.title, fields.plain.body] {
            let term = Term::from_field_text(field, word);
            let fuzzy = if is_partial {
                FuzzyTermQuery::new_prefix(term, distance, true)
            } else {
                FuzzyTermQuery::new(term, distance, true)
            };
            alternatives.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(fuzzy), FUZZY_BOOST)),
            ));
        }
    }
    if is_partial && word.chars().count() >= analysis::MIN_PREFIX_CHARS {
        let prefix: String = word.chars().take(analysis::MAX_PREFIX_CHARS).collect();
        alternatives.push((
            Occur::Should,
            term_query(fields.prefix.title, &prefix, PREFIX_BOOST * TITLE_BOOST),
        ));
        alternatives.push((
            Occur::Should,
            term_query(fields.prefix.body, &prefix, PREFIX_BOOST),
        ));
    }
    if alternatives.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(alternatives)))
}

/// Extra score when the complete words appear close together, in order.
fn phrase_clauses(
    tokenizers: &TokenizerManager,
    fields: &Fields,
    words: &QueryWords,
) -> Vec<Box<dyn Query>> {
    let complete = if words.last_is_partial {
        &words.words[..words.words.len() - 1]
    } else {
        &words.words[..]
    };
    if complete.len() < 2 {
        return Vec::new();
    }
    let text = complete.join(" ");
    let mut phrases: Vec<Box<dyn Query>> = Vec::new();
    for locale in Locale::ALL {
        let stems = terms(tokenizers, analysis::language_analyzer(locale), &text);
        if stems.len() < 2 {
            continue;
        }
        let language = fields.language(locale);
        for (field, boost) in [
            (language.title, PHRASE_BOOST * TITLE_BOOST),
            (language.body, PHRASE_BOOST),
        ] {
            let mut phrase = PhraseQuery::new(
                stems
                    .iter()
                    .map(|stem| Term::from_field_text(field, stem))
                    .collect(),
            );
            phrase.set_slop(PHRASE_SLOP);
            phrases.push(Box::new(BoostQuery::new(Box::new(phrase), boost)));
        }
    }
    phrases
}

fn filter_clauses(fields: &Fields, filters: &SearchFilters) -> Vec<Box<dyn Query>> {
    let exact = |field: Field, value: &str| -> Box<dyn Query> {
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
    };
    let mut clauses = Vec::new();
    if let Some(locale) = filters.locale {
        clauses.push(exact(fields.locale, locale.as_str()));
    }
    if let Some(section) = &filters.section {
        clauses.push(exact(fields.section, section));
    }
    if let Some(label) = &filters.label {
        clauses.push(exact(fields.labels, label));
    }
    if let Some(source) = filters.source {
        clauses.push(exact(fields.source, source.as_str()));
    }
    clauses
}
