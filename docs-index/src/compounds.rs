//! Hyphenated compounds, indexed both split and joined: "pare-feu" gives `pare`, `feu` and
//! `parefeu`, "e-mail" gives `e`, `mail` and `email`, so a page is found whether the reader types
//! the compound with its hyphen, with a space, or as one word ("scrollbars" for "scroll-bars").
//!
//! The joined word takes the position of the compound's last part, so phrases over the parts
//! still match, and its offsets span the whole compound. Only the index's analyzers add it;
//! reading a query or a snippet uses the plain word-by-word tokenizer.

use tantivy::tokenizer::{SimpleTokenizer, Token, TokenStream, Tokenizer};

/// Chains longer than this are lists ("2-3-4-5"), not words.
const MAX_PARTS: usize = 4;

/// Words separated by exactly one of these are parts of one compound.
fn is_hyphen(between: &str) -> bool {
    matches!(between, "-" | "\u{2010}" | "\u{2011}")
}

/// [`SimpleTokenizer`] plus the joined form of hyphenated compounds.
#[derive(Clone, Default)]
pub struct CompoundTokenizer {
    words: SimpleTokenizer,
}

impl Tokenizer for CompoundTokenizer {
    type TokenStream<'a> = CompoundStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CompoundStream {
            words: self.words.token_stream(text),
            text,
            token: Token::default(),
            joined: None,
            compound: String::new(),
            compound_start: 0,
            parts: 0,
            previous_end: None,
        }
    }
}

pub struct CompoundStream<'a> {
    words: <SimpleTokenizer as Tokenizer>::TokenStream<'a>,
    text: &'a str,
    token: Token,
    /// The joined compound, emitted right after its latest part.
    joined: Option<Token>,
    compound: String,
    compound_start: usize,
    parts: usize,
    previous_end: Option<usize>,
}

impl TokenStream for CompoundStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(joined) = self.joined.take() {
            self.token = joined;
            return true;
        }
        if !self.words.advance() {
            return false;
        }
        let word = self.words.token().clone();
        let continues = self
            .previous_end
            .is_some_and(|end| self.text.get(end..word.offset_from).is_some_and(is_hyphen));
        if continues && self.parts < MAX_PARTS {
            self.compound.push_str(&word.text);
            self.parts += 1;
            self.joined = Some(Token {
                offset_from: self.compound_start,
                offset_to: word.offset_to,
                position: word.position,
                text: self.compound.clone(),
                position_length: 1,
            });
        } else {
            self.compound.clone_from(&word.text);
            self.compound_start = word.offset_from;
            self.parts = 1;
        }
        self.previous_end = Some(word.offset_to);
        self.token = word;
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

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = CompoundTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.position));
        }
        out
    }

    #[test]
    fn a_compound_gives_its_parts_and_the_joined_word_at_the_last_part() {
        assert_eq!(
            tokens("the pare-feu rule"),
            [
                ("the".into(), 0),
                ("pare".into(), 1),
                ("feu".into(), 2),
                ("parefeu".into(), 2),
                ("rule".into(), 3)
            ]
        );
    }

    #[test]
    fn longer_compounds_join_step_by_step_and_lists_stop_joining() {
        let joined: Vec<String> = tokens("drag-and-drop")
            .into_iter()
            .map(|(text, _)| text)
            .collect();
        assert_eq!(joined, ["drag", "and", "dragand", "drop", "draganddrop"]);
        let list = tokens("1-2-3-4-5-6");
        assert!(list.iter().all(|(text, _)| text.len() <= 4), "{list:?}");
    }

    #[test]
    fn words_apart_or_joined_by_other_marks_stay_apart() {
        for text in [
            "scroll bars",
            "scroll - bars",
            "scroll/bars",
            "scroll--bars",
        ] {
            assert_eq!(tokens(text).len(), 2, "{text}");
        }
    }
}
