//! Ranking on questions typed in full: where the words set aside still count, and where a page
//! holding fewer of the words is still the answer.

mod common;

use common::{article, index_with, top_ids};
use docs_index::{Article, Locale};

/// Pages that mention `words` in passing, so that those words are common in the corpus.
fn filler(count: usize, words: &str) -> Vec<Article> {
    (0..count)
        .map(|n| {
            article(
                &format!("fr/filler-{n}.md"),
                &format!("id: filler-{n}\ntitle: Page {n}"),
                &format!("Cette page parle d’autre chose. {words}."),
            )
        })
        .collect()
}

#[test]
fn a_phrase_keeps_the_place_of_the_small_words_the_query_sets_aside() {
    // Both pages hold every topic word; only one holds them as the question says them, with
    // its "de" and "à" where the question has them. The other says each word more often.
    let articles = vec![
        article(
            "fr/ctl.md",
            "id: ctl\ntitle: Langues à scripts complexes",
            "La saisie de texte de droite à gauche se règle dans les options de langue, avec \
             d’autres réglages.",
        ),
        article(
            "fr/orientation.md",
            "id: orientation\ntitle: Orientation",
            "Texte, texte : saisie. Gauche ou droite ; droite, gauche ; saisie du texte.",
        ),
    ];
    let index = index_with(&articles);
    assert_eq!(
        top_ids(&index, "saisie de texte de droite a gauche", Locale::Fr),
        ["ctl", "orientation"]
    );
}

#[test]
fn a_page_about_the_topic_outranks_weak_pages_that_merely_hold_more_of_the_words() {
    // "mot" is in most pages, so "mettre" and "passe" are what a full match requires; the page
    // titled with the topic lacks "mettre" and used to come after every page that had both.
    let mut articles = filler(60, "Un mot ici");
    articles.push(article(
        "fr/password.md",
        "id: password\ntitle: Mot de passe",
        "Protégez le document par un mot de passe : saisissez le mot de passe deux fois.",
    ));
    articles.push(article(
        "fr/case.md",
        "id: case\ntitle: Modifier la casse",
        "Pour mettre un mot en majuscules, sélectionnez-le puis choisissez la casse voulue dans \
         le menu Format ; passez ensuite aux autres réglages du texte et des paragraphes.",
    ));
    let index = index_with(&articles);
    let found = top_ids(&index, "comment mettre un mot de passe", Locale::Fr);
    assert_eq!(
        found.first().map(String::as_str),
        Some("password"),
        "{found:?}"
    );
    assert!(found.contains(&"case".to_owned()), "{found:?}");
}

#[test]
fn a_complete_short_form_finds_the_long_word_it_starts() {
    // "config" and "param" typed in full (a space after them), as people write them.
    let articles = vec![
        article(
            "en/proxy.md",
            "id: proxy\ntitle: Proxy configuration",
            "Enter the proxy parameters your company uses.",
        ),
        article(
            "en/theme.md",
            "id: theme\ntitle: Dark theme",
            "Choose light or dark in the appearance settings.",
        ),
    ];
    let index = index_with(&articles);
    assert_eq!(top_ids(&index, "proxy config ", Locale::En), ["proxy"]);
    assert_eq!(top_ids(&index, "param ", Locale::En), ["proxy"]);
    // Three letters are too few to stand for a word: matched only as typed.
    assert!(top_ids(&index, "con ", Locale::En).is_empty());
}
