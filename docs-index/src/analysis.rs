//! The text analyzers, registered on every index under stable names.
//!
//! | name | used for | chain |
//! |---|---|---|
//! | `hl_en` | English title/body | words → lowercase → stop words → accent folding → stemming |
//! | `hl_fr` | French title/body | words → lowercase → stop words → accent folding → folded stop words and elided particles → stemming |
//! | `hl_plain` | typo tolerance, snippets | words → lowercase → accent folding |
//! | `hl_prefix` | as-you-type | words → lowercase → accent folding → edge n-grams (2..=20 characters) |
//!
//! Words are split on anything that is not a letter or digit, so both elision apostrophes
//! (`l'installation`, `l’installation`) separate the particle, which the French stop list drops.
//! The index's chains also add the joined form of hyphenated compounds ([`crate::compounds`]):
//! `pare-feu` is found as `pare feu` and as `parefeu`. Reading a query or a snippet uses the same
//! chains word by word ([`ENGLISH_WORDS`], [`FRENCH_WORDS`], [`PLAIN_WORDS`]), so the joined
//! form never becomes an extra query word nor an overlapping highlight.
//! Folding runs before stemming, so `réseau` and `reseau` give the same term. Change any chain,
//! and bump [`ANALYZER_VERSION`]: indexes built with another version are rebuilt at open.

use crate::compounds::CompoundTokenizer;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// The version of the analyzer chains below; stored with each index.
pub const ANALYZER_VERSION: u32 = 2;

pub const ENGLISH: &str = "hl_en";
pub const FRENCH: &str = "hl_fr";
pub const PLAIN: &str = "hl_plain";
pub const PREFIX: &str = "hl_prefix";
/// The same chains without joined compounds, for reading queries and snippets.
pub const ENGLISH_WORDS: &str = "hl_en_words";
pub const FRENCH_WORDS: &str = "hl_fr_words";
pub const PLAIN_WORDS: &str = "hl_plain_words";

/// Shortest and longest prefixes indexed for as-you-type matching.
pub const MIN_PREFIX_CHARS: usize = 2;
pub const MAX_PREFIX_CHARS: usize = 20;

/// Words longer than this are noise (hashes, base64) and are not indexed.
const MAX_TOKEN_BYTES: usize = 60;

/// French words that lose their accents or their vowel (elision) and must still be stop words.
const FRENCH_FOLDED_STOP_WORDS: &[&str] = &[
    // Elided particles: l', d', j', m', n', s', t', c', qu', and longer forms.
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    // Accented stop words once folded (the built-in list has them accented).
    "a", "ete", "etee", "etees", "etes", "etant", "etais", "etait", "etions", "etiez", "etaient",
    "fumes", "futes", "eumes", "eutes", "ou", "deja", "la",
];

pub fn register(manager: &TokenizerManager) {
    manager.register(ENGLISH, english(CompoundTokenizer::default()));
    manager.register(FRENCH, french(CompoundTokenizer::default()));
    manager.register(PLAIN, plain(CompoundTokenizer::default()));
    manager.register(PREFIX, prefix(CompoundTokenizer::default()));
    manager.register(ENGLISH_WORDS, english(SimpleTokenizer::default()));
    manager.register(FRENCH_WORDS, french(SimpleTokenizer::default()));
    manager.register(PLAIN_WORDS, plain(SimpleTokenizer::default()));
}

fn english<T: Tokenizer>(words: T) -> TextAnalyzer {
    TextAnalyzer::builder(words)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

fn french<T: Tokenizer>(words: T) -> TextAnalyzer {
    let folded = FRENCH_FOLDED_STOP_WORDS
        .iter()
        .map(|word| (*word).to_owned());
    TextAnalyzer::builder(words)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::French).expect("tantivy ships French stop words"))
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(folded))
        .filter(Stemmer::new(Language::French))
        .build()
}

fn plain<T: Tokenizer>(words: T) -> TextAnalyzer {
    TextAnalyzer::builder(words)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn prefix<T: Tokenizer>(words: T) -> TextAnalyzer {
    TextAnalyzer::builder(words)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EdgeNgrams)
        .build()
}

/// The analyzer for a document's language (indexing).
pub fn language_analyzer(locale: crate::Locale) -> &'static str {
    match locale {
        crate::Locale::En => ENGLISH,
        crate::Locale::Fr => FRENCH,
    }
}

/// The analyzer for reading a query's or a snippet's words in a language.
pub fn language_words(locale: crate::Locale) -> &'static str {
    match locale {
        crate::Locale::En => ENGLISH_WORDS,
        crate::Locale::Fr => FRENCH_WORDS,
    }
}

/// Runs `analyzer` over `text` and returns the terms it produces.
pub fn terms(manager: &TokenizerManager, analyzer: &str, text: &str) -> Vec<String> {
    let mut analyzer = manager
        .get(analyzer)
        .expect("analyzers are registered at open");
    terms_with(&mut analyzer, text)
}

/// Runs `analyzer` over `text` (for hot loops that keep their analyzer).
pub fn terms_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// Emits every prefix of each word from [`MIN_PREFIX_CHARS`] to [`MAX_PREFIX_CHARS`]
/// characters (and the whole word when it is shorter), all at the word's position.
#[derive(Clone)]
struct EdgeNgrams;

impl TokenFilter for EdgeNgrams {
    type Tokenizer<T: Tokenizer> = EdgeNgramTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        EdgeNgramTokenizer { inner: tokenizer }
    }
}

#[derive(Clone)]
struct EdgeNgramTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EdgeNgramTokenizer<T> {
    type TokenStream<'a> = EdgeNgramStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EdgeNgramStream {
            inner: self.inner.token_stream(text),
            word: String::new(),
            ends: Vec::new(),
            token: Token::default(),
        }
    }
}

struct EdgeNgramStream<S> {
    inner: S,
    /// The current word, and the byte ends of the prefixes still to emit (longest first).
    word: String,
    ends: Vec<usize>,
    token: Token,
}

impl<S: TokenStream> TokenStream for EdgeNgramStream<S> {
    fn advance(&mut self) -> bool {
        while self.ends.is_empty() {
            if !self.inner.advance() {
                return false;
            }
            let word = self.inner.token();
            self.word.clone_from(&word.text);
            self.token = word.clone();
            let char_ends: Vec<usize> = self
                .word
                .char_indices()
                .map(|(start, c)| start + c.len_utf8())
                .collect();
            let shortest = MIN_PREFIX_CHARS.min(char_ends.len());
            let longest = MAX_PREFIX_CHARS.min(char_ends.len());
            self.ends = char_ends[shortest.saturating_sub(1)..longest].to_vec();
        }
        let end = self.ends.pop().expect("checked non-empty");
        self.token.text.clear();
        self.token.text.push_str(&self.word[..end]);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manager() -> TokenizerManager {
        let manager = TokenizerManager::default();
        register(&manager);
        manager
    }

    fn analyze(analyzer: &str, text: &str) -> Vec<String> {
        terms(&manager(), analyzer, text)
    }

    /// Golden pairs: what people type and what articles say must meet on the same terms.
    #[test]
    fn french_accented_and_unaccented_words_give_the_same_terms() {
        for (accented, bare) in [
            ("réseau", "reseau"),
            ("paramètres", "parametres"),
            ("sécurité", "securite"),
            ("délai de réponse", "delai de reponse"),
            ("mise à jour", "mise a jour"),
            ("pièce jointe", "piece jointe"),
            ("priorité élevée", "priorite elevee"),
        ] {
            assert_eq!(
                analyze(FRENCH, accented),
                analyze(FRENCH, bare),
                "{accented} / {bare}"
            );
        }
    }

    #[test]
    fn french_elisions_with_either_apostrophe_drop_the_particle() {
        let expected = analyze(FRENCH, "installation");
        assert_eq!(analyze(FRENCH, "l'installation"), expected);
        assert_eq!(analyze(FRENCH, "l’installation"), expected);
        assert_eq!(
            analyze(FRENCH, "d'assistance"),
            analyze(FRENCH, "assistance")
        );
        assert_eq!(analyze(FRENCH, "qu’un"), analyze(FRENCH, "un"));
        assert_eq!(
            analyze(FRENCH, "jusqu'à l'échéance"),
            analyze(FRENCH, "échéance")
        );
    }

    #[test]
    fn french_plurals_and_verb_forms_share_a_stem() {
        assert_eq!(
            analyze(FRENCH, "notifications"),
            analyze(FRENCH, "notification")
        );
        assert_eq!(
            analyze(FRENCH, "sauvegardes"),
            analyze(FRENCH, "sauvegarde")
        );
        assert_eq!(analyze(FRENCH, "paramètre"), analyze(FRENCH, "paramètres"));
        assert_eq!(analyze(FRENCH, "réponses"), analyze(FRENCH, "réponse"));
    }

    #[test]
    fn french_stop_words_are_dropped_with_or_without_accents() {
        assert_eq!(
            analyze(FRENCH, "le réseau de la société"),
            analyze(FRENCH, "réseau société")
        );
        assert_eq!(analyze(FRENCH, "à la"), Vec::<String>::new());
        assert_eq!(analyze(FRENCH, "a la"), Vec::<String>::new());
    }

    #[test]
    fn english_plurals_and_verb_forms_share_a_stem() {
        assert_eq!(analyze(ENGLISH, "replies"), analyze(ENGLISH, "reply"));
        assert_eq!(
            analyze(ENGLISH, "attachments"),
            analyze(ENGLISH, "attachment")
        );
        assert_eq!(
            analyze(ENGLISH, "notifications"),
            analyze(ENGLISH, "notification")
        );
        assert_eq!(
            analyze(ENGLISH, "installing"),
            analyze(ENGLISH, "installed")
        );
        assert_eq!(analyze(ENGLISH, "the firewall"), vec!["firewal"]);
    }

    #[test]
    fn english_folds_accents_of_borrowed_words() {
        assert_eq!(
            analyze(ENGLISH, "café résumé"),
            analyze(ENGLISH, "cafe resume")
        );
    }

    #[test]
    fn plain_keeps_whole_folded_words() {
        assert_eq!(
            analyze(PLAIN_WORDS, "L’Échéance du Pare-feu"),
            vec!["l", "echeance", "du", "pare", "feu"]
        );
    }

    #[test]
    fn indexed_compounds_are_found_split_and_joined() {
        assert_eq!(
            analyze(PLAIN, "L’Échéance du Pare-feu"),
            vec!["l", "echeance", "du", "pare", "feu", "parefeu"]
        );
        assert!(analyze(FRENCH, "les arrière-plans").contains(&analyze(FRENCH, "arriereplans")[0]));
        assert!(analyze(ENGLISH, "the e-mail").contains(&analyze(ENGLISH, "emails")[0]));
        assert_eq!(analyze(ENGLISH_WORDS, "the e-mail"), vec!["e", "mail"]);
    }

    #[test]
    fn prefix_emits_every_prefix_from_two_characters() {
        assert_eq!(
            analyze(PREFIX, "Réseau"),
            vec!["reseau", "resea", "rese", "res", "re"]
        );
        assert_eq!(analyze(PREFIX, "a é"), vec!["a", "e"]);
    }

    #[test]
    fn prefix_stops_at_the_longest_prefix() {
        let terms = analyze(PREFIX, "internationalisations-ready");
        assert_eq!(terms[0], "internationalisation");
        assert!(terms
            .iter()
            .all(|term| term.chars().count() <= MAX_PREFIX_CHARS));
        assert!(terms.contains(&"ready".to_owned()));
    }
}
