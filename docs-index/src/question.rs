//! Questions typed in plain language: "how do I print in landscape", "comment mettre un mot
//! de passe", "est-ce qu'on peut …". The words that frame the question (interrogatives,
//! pronouns, auxiliaries, "where do I find", "je cherche") carry no topic: matched, they pull up
//! pages that merely say "can" or "vous", and highlighted, they hide the words that matter. They
//! are set aside before the query is built, so the topic words decide the ranking.
//!
//! Words are compared folded (lowercase, no accents), as the `hl_plain` analyzer gives them.
//! A query made only of such words ("how", "comment") keeps them: there is nothing else to go by.

use crate::Locale;

/// Words that never carry the topic of a help question in English.
const ENGLISH: &[&str] = &[
    "how", "what", "where", "which", "who", "whom", "whose", "why", "when", "whats", "hows", "do",
    "does", "did", "doing", "done", "i", "im", "ive", "me", "my", "mine", "myself", "you", "your",
    "we", "our", "us", "they", "can", "cannot", "could", "should", "would", "may", "might", "must",
    "shall", "will", "am", "is", "are", "was", "were", "be", "been", "being", "there", "it", "its",
    "please", "want", "wanna", "need", "a", "an", "the", "to", "of", "in", "on", "for", "with",
    "and", "or", "from", "by", "at", "into", "this", "that", "these", "those", "some", "any", "s",
    "t", "don", "doesn", "didn", "isn", "aren", "won", "anyone", "someone", "somebody", "possible",
    "able", "way", "ways", "like", "get", "got",
];

/// Words that never carry the topic of a help question in French (folded: `où` is `ou`).
const FRENCH: &[&str] = &[
    "pourquoi", "quand", "ou", "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "que",
    "qu", "quoi", "est", "ce", "c", "ca", "je", "j", "tu", "il", "elle", "on", "nous", "vous",
    "ils", "elles", "me", "m", "moi", "te", "t", "se", "s", "mon", "ma", "mes", "ton", "ta", "tes",
    "son", "sa", "ses", "notre", "votre", "nos", "vos", "leur", "leurs", "peux", "peut", "puis",
    "pouvons", "pouvez", "peuvent", "pourrais", "pourrait", "pourriez", "faut", "dois", "doit",
    "devons", "devez", "veux", "veut", "voudrais", "voudrait", "voulez", "aimerais", "un", "une",
    "des", "le", "la", "les", "l", "de", "du", "d", "a", "au", "aux", "en", "y", "pour", "par",
    "sur", "dans", "avec", "et", "ne", "n", "pas", "svp", "possible", "moyen", "sont", "ai", "as",
    "avez", "avons", "suis", "es", "etes", "sommes",
];

/// Words that frame a question only where a question starts ("where do I *find*", "*comment*
/// faire", "*je cherche*"): elsewhere they may be the topic ("Find & Replace", "comment" in an
/// English query, "Rechercher").
const ENGLISH_OPENINGS: &[&[&str]] = &[
    &["where", "do", "i", "find"],
    &["where", "can", "i", "find"],
    &["how", "do", "i", "find"],
    &["help", "with"],
    &["help", "me"],
    &["i", "need", "help", "with"],
    &["is", "there", "a", "way", "to"],
    &["tell", "me", "how", "to"],
    &["show", "me", "how", "to"],
];

const FRENCH_OPENINGS: &[&[&str]] = &[
    &["comment", "faire", "pour"],
    &["comment", "faire"],
    &["comment", "on", "fait", "pour"],
    &["comment"],
    &["ou", "trouver"],
    &["ou", "se", "trouve"],
    &["ou", "se", "trouvent"],
    &["je", "cherche"],
    &["je", "recherche"],
    &["j", "ai", "besoin", "d"],
    &["j", "ai", "besoin", "de"],
    &["aide", "pour"],
    &["aidez", "moi", "a"],
    &["est", "ce", "qu", "il", "y", "a"],
];

/// French words common enough that a query holding one is written in French, which tells
/// "comment …" (how) from "comment" (a note in a document).
const FRENCH_MARKERS: &[&str] = &[
    "un", "une", "des", "le", "la", "les", "l", "du", "d", "je", "j", "mon", "ma", "mes", "est",
    "ce", "qu", "pour", "dans", "avec", "sur", "au", "aux",
];

/// Which of `words` (folded) carry the topic; `language` is the reader's.
pub fn topic_mask(words: &[String], language: Locale) -> Vec<bool> {
    let mut topic = vec![true; words.len()];
    let looks_french = language == Locale::Fr
        || words
            .iter()
            .any(|word| FRENCH_MARKERS.contains(&word.as_str()));
    let mut openings: Vec<&[&str]> = ENGLISH_OPENINGS.to_vec();
    if looks_french {
        openings.extend_from_slice(FRENCH_OPENINGS);
    }
    // The longest opening that the query starts with, if it leaves something after it.
    let opening = openings
        .iter()
        .filter(|opening| {
            opening.len() < words.len()
                && opening.iter().zip(words).all(|(want, word)| want == word)
        })
        .map(|opening| opening.len())
        .max()
        .unwrap_or(0);
    for flag in topic.iter_mut().take(opening) {
        *flag = false;
    }
    for (flag, word) in topic.iter_mut().zip(words) {
        if ENGLISH.contains(&word.as_str()) || FRENCH.contains(&word.as_str()) {
            *flag = false;
        }
    }
    if topic.iter().any(|flag| *flag) {
        topic
    } else {
        vec![true; words.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(query: &str, language: Locale) -> Vec<&str> {
        let words: Vec<String> = query.split_whitespace().map(str::to_owned).collect();
        let mask = topic_mask(&words, language);
        query
            .split_whitespace()
            .zip(mask)
            .filter(|(_, keep)| *keep)
            .map(|(word, _)| word)
            .collect()
    }

    #[test]
    fn english_questions_keep_their_topic_words() {
        assert_eq!(
            topic("how do i print in landscape", Locale::En),
            ["print", "landscape"]
        );
        assert_eq!(
            topic("where can i find the page style", Locale::En),
            ["page", "style"]
        );
        assert_eq!(
            topic("is there a way to freeze rows", Locale::En),
            ["freeze", "rows"]
        );
        assert_eq!(
            topic("why is the eraser painting white", Locale::En),
            ["eraser", "painting", "white"]
        );
    }

    #[test]
    fn french_questions_keep_their_topic_words() {
        assert_eq!(
            topic("comment mettre un mot de passe", Locale::Fr),
            ["mettre", "mot", "passe"]
        );
        assert_eq!(
            topic("est ce que je peux exporter en pdf", Locale::Fr),
            ["exporter", "pdf"]
        );
        assert_eq!(topic("ou trouver les modeles", Locale::Fr), ["modeles"]);
        assert_eq!(
            topic("comment faire pour rogner une image", Locale::Fr),
            ["rogner", "image"]
        );
    }

    #[test]
    fn a_french_question_is_recognised_with_the_interface_in_english() {
        assert_eq!(
            topic("comment inserer une image", Locale::En),
            ["inserer", "image"]
        );
    }

    #[test]
    fn words_that_open_questions_are_the_topic_elsewhere() {
        // "comment" in an English query is the thing itself; "find" too.
        assert_eq!(topic("comment", Locale::En), ["comment"]);
        assert_eq!(topic("insert comment", Locale::En), ["insert", "comment"]);
        assert_eq!(topic("find and replace", Locale::En), ["find", "replace"]);
        assert_eq!(topic("comment cells", Locale::En), ["comment", "cells"]);
    }

    #[test]
    fn a_query_of_question_words_only_keeps_them() {
        assert_eq!(topic("how", Locale::En), ["how"]);
        assert_eq!(topic("what is", Locale::En), ["what", "is"]);
    }
}
