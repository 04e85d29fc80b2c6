//! From what the user typed to a tantivy query.
//!
//! Every word becomes a group of alternatives, any of which may match:
//! - the word's stem in the English and the French fields (title boosted over body);
//! - the word within an edit distance scaled to its length, on whole folded words (typos);
//! - for the word still being typed (the last one, with no space after it), its prefix.
//!
//! The words that only frame a question ("how do I", "est-ce que") are set aside first
//! ([`crate::question`]). Most groups must match (all of them for one or two words), so a stray
//! word does not empty the results. Phrases (the words in order, a little slop allowed) and a
//! title holding every word score extra. Filters narrow without scoring.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Searcher, Term};

use crate::analysis::{self, terms};
use crate::question;
use crate::schema::Fields;
use crate::{Locale, SearchFilters};

const TITLE_BOOST: f32 = 2.0;
const PREFIX_BOOST: f32 = 0.5;
/// Complete words this long also match as the start of longer words (short forms).
const SHORT_FORM_MIN_CHARS: usize = 4;
const FUZZY_BOOST: f32 = 0.3;
const PHRASE_BOOST: f32 = 2.0;
const PHRASE_SLOP: u32 = 2;
/// Extra score for a title holding every word of the query (2 words or more).
const TITLE_ALL_WORDS_BOOST: f32 = 2.0;

/// A word is common when more than this share of documents contain it (`how`, `table`):
/// it still scores, but is not required, so it cannot push the right article out.
const COMMON_SHARE: f64 = 0.05;

/// The words of a query, as the analyzers see them.
#[derive(Debug, Clone, Default)]
pub struct QueryWords {
    /// Folded words (no stemming), in order, without the words that only frame a question
    /// ([`crate::question`]).
    pub words: Vec<String>,
    /// Where each word stood in what was typed, counting the words set aside: a phrase over
    /// "saisie de texte de droite à gauche" keeps the gaps its page has too.
    pub positions: Vec<usize>,
    /// Whether the last word is still being typed (no space after it).
    pub last_is_partial: bool,
}

impl QueryWords {
    /// `language`: the reader's, which tells a French "comment …" from an English "comment".
    pub fn parse(tokenizers: &TokenizerManager, query: &str, language: Locale) -> Self {
        let typed = terms(tokenizers, analysis::PLAIN_WORDS, query);
        let last_is_partial =
            !typed.is_empty() && !query.ends_with(|c: char| c.is_whitespace() || c == '"');
        let topic = question::topic_mask(&typed, language);
        let last = typed.len().saturating_sub(1);
        // The word being typed stays: it may yet become the topic ("in" → "index").
        let (positions, words) = typed
            .into_iter()
            .zip(topic)
            .enumerate()
            .filter(|(index, (_, topic))| *topic || (last_is_partial && *index == last))
            .map(|(index, (word, _))| (index, word))
            .unzip();
        Self {
            words,
            positions,
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

/// How strictly the words must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Most of the meaningful words must match (all of them when there are one or two).
    Strict,
    /// Any word may match: used to fill a page the strict query left short.
    Relaxed,
}

/// What the index knows about a term: used to tell common from rare words and typos from
/// real words.
struct Stats<'a> {
    searcher: &'a Searcher,
    documents: u64,
}

impl Stats<'_> {
    fn doc_freq(&self, field: Field, text: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(field, text))
            .unwrap_or(0)
    }
}

/// A word found in fewer documents than this may itself be a typo (an article quoting a
/// misspelling, a slip in one page), so typo tolerance still applies to it.
const KNOWN_MIN_DOCUMENTS: u64 = 2;

/// Whether the index has `word` (or, for the word being typed, a word starting with it).
fn is_known(searcher: &Searcher, fields: &Fields, word: &str, is_partial: bool) -> bool {
    let typed_prefix = is_partial && word.chars().count() >= analysis::MIN_PREFIX_CHARS;
    let (target, text) = if typed_prefix {
        (
            fields.prefix,
            word.chars()
                .take(analysis::MAX_PREFIX_CHARS)
                .collect::<String>(),
        )
    } else {
        (fields.plain, word.to_owned())
    };
    let documents: u64 = [target.title, target.body]
        .into_iter()
        .map(|field| {
            searcher
                .doc_freq(&Term::from_field_text(field, &text))
                .unwrap_or(0)
        })
        .sum();
    documents >= KNOWN_MIN_DOCUMENTS
}

/// The words of the query the index does not know: probably typos.
pub fn unknown_words(searcher: &Searcher, fields: &Fields, words: &QueryWords) -> Vec<String> {
    words
        .words
        .iter()
        .enumerate()
        .filter(|(index, word)| {
            let is_partial = words.last_is_partial && index + 1 == words.words.len();
            typo_distance(word) > 0 && !is_known(searcher, fields, word, is_partial)
        })
        .map(|(_, word)| word.clone())
        .collect()
}

/// One word's alternatives, and whether it is too common to require.
struct WordGroup {
    query: Box<dyn Query>,
    /// The same alternatives in titles only.
    in_title: Box<dyn Query>,
    common: bool,
}

/// Builds the query, or None when nothing searchable was typed.
pub fn build(
    searcher: &Searcher,
    tokenizers: &TokenizerManager,
    fields: &Fields,
    words: &QueryWords,
    filters: &SearchFilters,
    strictness: Strictness,
) -> Option<Box<dyn Query>> {
    let stats = Stats {
        searcher,
        documents: searcher.num_docs().max(1),
    };
    let mut groups: Vec<WordGroup> = Vec::new();
    for (index, word) in words.words.iter().enumerate() {
        let is_partial = words.last_is_partial && index + 1 == words.words.len();
        if let Some(group) = word_group(&stats, tokenizers, fields, word, is_partial) {
            groups.push(group);
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if groups.len() >= 2 {
        // A title that holds every word is nearly always the page asked for.
        let every_word: Vec<(Occur, Box<dyn Query>)> = groups
            .iter_mut()
            .map(|group| {
                let query = std::mem::replace(&mut group.in_title, Box::new(EmptyQuery));
                (Occur::Must, query)
            })
            .collect();
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(BooleanQuery::new(every_word)),
                TITLE_ALL_WORDS_BOOST,
            )),
        ));
    }
    clauses.push((Occur::Must, words_query(groups, strictness)));
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

/// Combines the word groups: rare words required (most of them), common words scoring only.
fn words_query(groups: Vec<WordGroup>, strictness: Strictness) -> Box<dyn Query> {
    let rare = groups.iter().filter(|group| !group.common).count();
    // When every word is common, the common words are all there is to go by.
    let counted = if rare == 0 { groups.len() } else { rare };
    let required = match (strictness, counted) {
        (Strictness::Relaxed, _) => 1,
        (Strictness::Strict, n @ 0..=2) => n,
        (Strictness::Strict, n) => (n * 2).div_ceil(3),
    };
    let (counted_groups, scoring_only): (Vec<WordGroup>, Vec<WordGroup>) = groups
        .into_iter()
        .partition(|group| rare == 0 || !group.common);
    let counted_clauses: Vec<(Occur, Box<dyn Query>)> = counted_groups
        .into_iter()
        .map(|group| (Occur::Should, group.query))
        .collect();
    let required_words: Box<dyn Query> = if counted_clauses.len() == 1 {
        counted_clauses.into_iter().next().expect("one clause").1
    } else {
        Box::new(BooleanQuery::with_minimum_required_clauses(
            counted_clauses,
            required.max(1),
        ))
    };
    if scoring_only.is_empty() {
        return required_words;
    }
    let mut clauses = vec![(Occur::Must, required_words)];
    clauses.extend(
        scoring_only
            .into_iter()
            .map(|group| (Occur::Should, group.query)),
    );
    Box::new(BooleanQuery::new(clauses))
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
    stats: &Stats<'_>,
    tokenizers: &TokenizerManager,
    fields: &Fields,
    word: &str,
    is_partial: bool,
) -> Option<WordGroup> {
    let stems: Vec<(Locale, Vec<String>)> = Locale::ALL
        .into_iter()
        .map(|locale| {
            (
                locale,
                terms(tokenizers, analysis::language_words(locale), word),
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
    let mut in_title: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut most_documents = 0;
    for (locale, stems) in stems {
        let language = fields.language(locale);
        for stem in stems {
            most_documents = most_documents.max(stats.doc_freq(language.body, &stem));
            alternatives.push((
                Occur::Should,
                term_query(language.title, &stem, TITLE_BOOST),
            ));
            alternatives.push((Occur::Should, term_query(language.body, &stem, 1.0)));
            in_title.push((Occur::Should, term_query(language.title, &stem, 1.0)));
        }
    }
    let prefix: String = word.chars().take(analysis::MAX_PREFIX_CHARS).collect();
    let typed_prefix = is_partial && word.chars().count() >= analysis::MIN_PREFIX_CHARS;
    // A complete word may be a short form ("config", "param", "calc"): pages holding a longer
    // word it starts score too, as for the word being typed. Its commonness stays the whole
    // word's, so a short form never makes a rare word optional.
    let short_form = !is_partial && word.chars().count() >= SHORT_FORM_MIN_CHARS;
    if typed_prefix || short_form {
        alternatives.push((
            Occur::Should,
            term_query(fields.prefix.title, &prefix, PREFIX_BOOST * TITLE_BOOST),
        ));
        alternatives.push((
            Occur::Should,
            term_query(fields.prefix.body, &prefix, PREFIX_BOOST),
        ));
    }
    if typed_prefix {
        most_documents = most_documents.max(stats.doc_freq(fields.prefix.body, &prefix));
        in_title.push((
            Occur::Should,
            term_query(fields.prefix.title, &prefix, PREFIX_BOOST),
        ));
    }
    // Typo tolerance only for words the index does not know: a real word is matched as
    // typed, which keeps its results precise and saves building an automaton per keystroke.
    let known = is_known(stats.searcher, fields, word, is_partial);
    let distance = typo_distance(word);
    if distance > 0 && !known {
        for (field, boost) in [
            (fields.plain.title, FUZZY_BOOST * TITLE_BOOST),
            (fields.plain.body, FUZZY_BOOST),
        ] {
            let term = Term::from_field_text(field, word);
            let fuzzy = if is_partial {
                FuzzyTermQuery::new_prefix(term, distance, true)
            } else {
                FuzzyTermQuery::new(term, distance, true)
            };
            alternatives.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(fuzzy), boost)),
            ));
        }
    }
    if alternatives.is_empty() {
        return None;
    }
    let common =
        word.chars().count() < 2 || most_documents as f64 > COMMON_SHARE * stats.documents as f64;
    Some(WordGroup {
        query: Box::new(BooleanQuery::new(alternatives)),
        in_title: Box::new(BooleanQuery::new(in_title)),
        common,
    })
}

/// Extra score when the words appear close together, in order. The word being typed takes
/// part too: once it is complete (`mot de passe`) the phrase matches, before that it does not.
fn phrase_clauses(
    tokenizers: &TokenizerManager,
    fields: &Fields,
    words: &QueryWords,
) -> Vec<Box<dyn Query>> {
    if words.words.len() < 2 {
        return Vec::new();
    }
    let mut phrases: Vec<Box<dyn Query>> = Vec::new();
    for locale in Locale::ALL {
        let analyzer = analysis::language_words(locale);
        // A word may give no term (a stop word): its place stays a gap, as in the page.
        let stems: Vec<(usize, String)> = words
            .words
            .iter()
            .zip(&words.positions)
            .flat_map(|(word, &position)| {
                terms(tokenizers, analyzer, word)
                    .into_iter()
                    .map(move |stem| (position, stem))
            })
            .collect();
        if stems.len() < 2 {
            continue;
        }
        let first = stems[0].0;
        let language = fields.language(locale);
        for (field, boost) in [
            (language.title, PHRASE_BOOST * TITLE_BOOST),
            (language.body, PHRASE_BOOST),
        ] {
            let mut phrase = PhraseQuery::new_with_offset(
                stems
                    .iter()
                    .map(|(position, stem)| (position - first, Term::from_field_text(field, stem)))
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
