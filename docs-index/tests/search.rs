//! Ranking, forgiveness, snippets, translations and incremental updates, on a small corpus.

mod common;

use common::{article, first, index_with, search_in, top_ids};
use docs_index::{Article, DocsIndex, Locale, Opened, SearchFilters, SearchRequest, Source};

fn corpus() -> Vec<Article> {
    vec![
        article("en/firewall.md", "id: fw\ntitle: Allow Helpline through a firewall\nsection: Troubleshooting\nlabels: [network]", "If your company firewall or proxy blocks the help desk, ask IT to allow HTTPS to the help desk host."),
        article("fr/firewall.md", "id: fw\ntitle: Autoriser Helpline à traverser le pare-feu\nsection: Dépannage\nlabels: [network]", "Si le pare-feu ou le proxy de votre société bloque l’accès au réseau, demandez à l’équipe informatique d’autoriser HTTPS."),
        article("en/offline.md", "id: off\ntitle: Reply while offline\nsection: Tickets and replies\nlabels: [offline]", "Replies you write while offline wait in the outbox and are sent once the connection is back. Attachments are kept too."),
        article("fr/offline.md", "id: off\ntitle: Répondre hors ligne\nsection: Demandes et réponses\nlabels: [offline]", "Les réponses écrites hors ligne attendent dans la boîte d’envoi. Les pièces jointes sont conservées."),
        article("en/backup.md", "id: bak\ntitle: Restore a backup\nsection: Troubleshooting", "Helpline keeps its data in the data folder. To restore a backup, quit the app and copy the folder back."),
        article("fr/backup.md", "id: bak\ntitle: Restaurer une sauvegarde\nsection: Dépannage", "Pour restaurer une sauvegarde, quittez l’application et recopiez le dossier des données. L’installation reste intacte."),
        article("en/install.md", "id: inst\ntitle: Install Helpline\nsection: Using Helpline", "Download the installer and run the installation. Installing takes a minute."),
        article("en/notify.md", "id: notif\ntitle: Notifications do not show on GNOME\nsection: Troubleshooting\nlabels: [notifications]", "Turn off Do Not Disturb, then check that notifications are allowed for Helpline."),
        article("en/sla.md", "id: sla\ntitle: What an SLA covers\nsection: Plans", "A service level agreement guarantees a first response time for each priority."),
    ]
}

#[test]
fn missing_accents_still_match() {
    let index = index_with(&corpus());
    assert_eq!(first(&index, "reseau ", Locale::Fr).as_deref(), Some("fw"));
    assert_eq!(
        first(&index, "repondre hors ligne ", Locale::Fr).as_deref(),
        Some("off")
    );
    assert_eq!(
        first(&index, "pieces jointes", Locale::Fr).as_deref(),
        Some("off")
    );
}

#[test]
fn elisions_with_either_apostrophe_match() {
    let index = index_with(&corpus());
    assert_eq!(first(&index, "l'accès ", Locale::Fr).as_deref(), Some("fw"));
    assert_eq!(first(&index, "l’acces ", Locale::Fr).as_deref(), Some("fw"));
    assert_eq!(
        first(&index, "l’installation ", Locale::Fr),
        first(&index, "installation ", Locale::Fr)
    );
    assert_eq!(
        first(&index, "d'envoi ", Locale::Fr).as_deref(),
        Some("off")
    );
}

#[test]
fn plurals_and_verb_forms_match() {
    let index = index_with(&corpus());
    assert_eq!(
        first(&index, "replying ", Locale::En).as_deref(),
        Some("off")
    );
    assert_eq!(
        first(&index, "attachment ", Locale::En).as_deref(),
        Some("off")
    );
    assert_eq!(
        first(&index, "sauvegardes ", Locale::Fr).as_deref(),
        Some("bak")
    );
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let index = index_with(&corpus());
    assert_eq!(first(&index, "instal", Locale::En).as_deref(), Some("inst"));
    assert_eq!(first(&index, "notif", Locale::En).as_deref(), Some("notif"));
    assert_eq!(first(&index, "gno", Locale::En).as_deref(), Some("notif"));
    assert!(
        top_ids(&index, "gno ", Locale::En).is_empty(),
        "a finished word is not a prefix"
    );
}

#[test]
fn typos_are_forgiven_on_longer_words() {
    let index = index_with(&corpus());
    assert_eq!(first(&index, "fiewall ", Locale::En).as_deref(), Some("fw"));
    assert_eq!(
        first(&index, "sauvgarde ", Locale::Fr).as_deref(),
        Some("bak")
    );
    assert_eq!(
        first(&index, "notifcations ", Locale::En).as_deref(),
        Some("notif")
    );
    assert!(top_ids(&index, "sla ", Locale::En).contains(&"sla".to_owned()));
    assert!(
        !top_ids(&index, "slo ", Locale::En).contains(&"sla".to_owned()),
        "short words must match exactly"
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let index = index_with(&corpus());
    // "backup" is in the title of one article and in no other; "data" is in the body of one.
    let ids = top_ids(&index, "restore", Locale::En);
    assert_eq!(ids[0], "bak");
    let results = search_in(&index, "firewall ", Locale::En);
    assert!(results.hits.len() == 1 && results.hits[0].id == "fw");
}

#[test]
fn phrase_order_boosts_the_exact_phrase() {
    let mut articles = corpus();
    articles.push(article(
        "en/scattered.md",
        "id: scattered\ntitle: Notes",
        "The folder is big. Some data was lost once.",
    ));
    let index = index_with(&articles);
    assert_eq!(
        first(&index, "data folder ", Locale::En).as_deref(),
        Some("bak")
    );
}

#[test]
fn one_hit_per_article_shown_in_the_readers_language() {
    let index = index_with(&corpus());
    let results = search_in(&index, "firewall ", Locale::Fr);
    assert_eq!(results.hits.len(), 1);
    assert_eq!(
        results.hits[0].locale,
        Locale::Fr,
        "found through English, shown in French"
    );
    let title: String = results.hits[0]
        .title
        .iter()
        .map(|part| part.text.as_str())
        .collect();
    assert_eq!(title, "Autoriser Helpline à traverser le pare-feu");
    // An article with no French translation is shown in English.
    let results = search_in(&index, "installer ", Locale::Fr);
    assert_eq!(results.hits[0].id, "inst");
    assert_eq!(results.hits[0].locale, Locale::En);
}

#[test]
fn snippets_highlight_matched_words_and_never_carry_markup() {
    let index = index_with(&corpus());
    let results = search_in(&index, "reseau prox", Locale::Fr);
    let hit = &results.hits[0];
    let highlighted: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.as_str())
        .collect();
    assert!(highlighted.contains(&"réseau"), "{:?}", hit.snippet);
    assert!(highlighted.contains(&"proxy"), "{:?}", hit.snippet);
    let results = search_in(&index, "pare-feu", Locale::Fr);
    let title_highlights: Vec<&str> = results.hits[0]
        .title
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(title_highlights, ["pare", "feu"]);
}

#[test]
fn long_bodies_are_cut_around_the_matches() {
    let filler = "Lorem ipsum dolor sit amet. ".repeat(40);
    let long = article(
        "en/long.md",
        "id: long\ntitle: Long",
        &format!("{filler} The keyring unlocks here. {filler}"),
    );
    let index = index_with(&[long]);
    let snippet = &search_in(&index, "keyring", Locale::En).hits[0].snippet;
    let text: String = snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    assert!(text.chars().count() < 220, "{text}");
    assert!(snippet.iter().any(|p| p.highlighted && p.text == "keyring"));
}

#[test]
fn filters_narrow_by_locale_section_label_and_source() {
    let index = index_with(&corpus());
    let search = |filters: SearchFilters| -> Vec<(String, Locale)> {
        index
            .search(&SearchRequest {
                query: "helpline".into(),
                language: Locale::En,
                limit: 10,
                filters,
            })
            .unwrap()
            .hits
            .into_iter()
            .map(|hit| (hit.id, hit.locale))
            .collect()
    };
    let french = search(SearchFilters {
        locale: Some(Locale::Fr),
        ..Default::default()
    });
    assert!(!french.is_empty() && french.iter().all(|(_, locale)| *locale == Locale::Fr));
    let troubleshooting = search(SearchFilters {
        section: Some("Troubleshooting".into()),
        ..Default::default()
    });
    assert!(
        troubleshooting
            .iter()
            .all(|(id, _)| ["fw", "bak", "notif"].contains(&id.as_str())),
        "{troubleshooting:?}"
    );
    assert_eq!(
        search(SearchFilters {
            label: Some("network".into()),
            ..Default::default()
        })[0]
            .0,
        "fw"
    );
    assert!(search(SearchFilters {
        source: Some(Source::Bundled),
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn edits_and_deletes_are_searchable_after_commit() {
    let index = index_with(&corpus());
    let mut edited = corpus().remove(4);
    edited.body_text = "Copy the archive back from your external disk.".into();
    index.upsert([&edited]).unwrap();
    assert!(
        top_ids(&index, "archive ", Locale::En).is_empty(),
        "not visible before commit"
    );
    index.commit().unwrap();
    assert_eq!(top_ids(&index, "archive ", Locale::En), ["bak"]);
    assert_eq!(
        index.len(),
        corpus().len(),
        "the edit replaced the old version"
    );
    index.delete("bak", Locale::En).unwrap();
    index.delete("bak", Locale::Fr).unwrap();
    index.commit().unwrap();
    assert!(top_ids(&index, "archive ", Locale::En).is_empty());
    assert!(index.article("bak", Locale::En).unwrap().is_none());
}

#[test]
fn articles_are_read_back_in_full() {
    let index = index_with(&corpus());
    let stored = index.article("fw", Locale::Fr).unwrap().unwrap();
    assert_eq!(stored, corpus()[1]);
    assert_eq!(
        index
            .article_in("inst", Locale::Fr)
            .unwrap()
            .unwrap()
            .locale,
        Locale::En
    );
    assert_eq!(index.translations("fw").unwrap(), [Locale::En, Locale::Fr]);
    assert!(index
        .sections()
        .unwrap()
        .contains(&(Locale::Fr, "Dépannage".to_owned())));
}

#[test]
fn empty_and_stop_word_queries_return_nothing_without_error() {
    let index = index_with(&corpus());
    assert!(top_ids(&index, "", Locale::En).is_empty());
    assert!(top_ids(&index, "   ", Locale::En).is_empty());
    assert!(top_ids(&index, "the ", Locale::En).is_empty());
    assert!(top_ids(&index, "\"'’-", Locale::Fr).is_empty());
}

#[test]
fn index_on_disk_reopens_and_rebuilds_when_analyzers_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let (index, opened) = DocsIndex::open(&path).unwrap();
        assert_eq!(opened, Opened::Created);
        index.upsert(&corpus()).unwrap();
        index.commit().unwrap();
    }
    {
        let (index, opened) = DocsIndex::open(&path).unwrap();
        assert_eq!(opened, Opened::Existing);
        assert_eq!(index.len(), corpus().len());
    }
    let stamp_path = path.join("helpline-index.json");
    std::fs::write(&stamp_path, r#"{"analyzer_version": 0}"#).unwrap();
    let (index, opened) = DocsIndex::open(&path).unwrap();
    assert_eq!(opened, Opened::Rebuilt);
    assert!(index.is_empty());
}

#[test]
fn questions_rank_by_their_topic_words_and_never_match_or_highlight_the_frame() {
    let mut articles = corpus();
    articles.push(article(
        "en/faster.md",
        "id: faster\ntitle: How you can work faster\nsection: Using Helpline",
        "You can do more, and here is how: I can show you what you can do.",
    ));
    let index = index_with(&articles);
    for (question, language) in [
        ("how can I restore a backup", Locale::En),
        ("where do I find how to restore a backup", Locale::En),
        ("comment restaurer une sauvegarde", Locale::Fr),
        ("est-ce que je peux restaurer une sauvegarde", Locale::Fr),
        // A French question with the interface in English.
        ("comment restaurer une sauvegarde", Locale::En),
    ] {
        let results = search_in(&index, question, language);
        let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"bak"), "{question}: {ids:?}");
        assert!(!ids.contains(&"faster"), "{question}: {ids:?}");
        let highlighted: Vec<String> = results.hits[0]
            .title
            .iter()
            .chain(&results.hits[0].snippet)
            .filter(|part| part.highlighted)
            .map(|part| part.text.to_lowercase())
            .collect();
        for frame in ["how", "can", "i", "a", "comment", "je", "peux", "une"] {
            assert!(
                !highlighted.iter().any(|word| word == frame),
                "{question}: {frame} highlighted in {highlighted:?}"
            );
        }
    }
    // Alone, question words are all there is to search for.
    assert_eq!(first(&index, "how ", Locale::En).as_deref(), Some("faster"));
}

#[test]
fn hyphenated_compounds_are_found_joined_split_or_hyphenated() {
    let mut articles = corpus();
    articles.push(article(
        "en/scroll.md",
        "id: scroll\ntitle: Show or hide the scroll-bars\nsection: Using Helpline",
        "The window's scroll-bars can be hidden. Replies also arrive by e-mail.",
    ));
    let index = index_with(&articles);
    for query in [
        "scrollbars",
        "scroll bars",
        "scroll-bars",
        "email ",
        "e-mail ",
    ] {
        assert_eq!(
            first(&index, query, Locale::En).as_deref(),
            Some("scroll"),
            "{query}"
        );
    }
    assert_eq!(first(&index, "parefeu ", Locale::Fr).as_deref(), Some("fw"));
}

#[test]
fn the_helps_start_here_picks_come_in_the_readers_language_by_id() {
    let mut articles = corpus();
    for (path, id, title, lang_labels) in [
        ("en/b.md", "20", "Second pick", "[start-here]"),
        ("fr/b.md", "20", "Deuxième choix", "[start-here]"),
        ("en/a.md", "3", "First pick", "[start-here, other]"),
        ("en/c.md", "100", "Not picked", "[other]"),
    ] {
        articles.push(article(
            path,
            &format!("id: {id}\ntitle: {title}\nlabels: {lang_labels}"),
            "Body.",
        ));
    }
    let index = index_with(&articles);
    let titles = |language| -> Vec<String> {
        index
            .labelled("start-here", language, 10)
            .unwrap()
            .into_iter()
            .map(|article| article.title)
            .collect()
    };
    assert_eq!(titles(Locale::En), ["First pick", "Second pick"]);
    // Only what exists in French is shown in French; the rest in its own language.
    assert_eq!(titles(Locale::Fr), ["First pick", "Deuxième choix"]);
    assert_eq!(
        index.labelled("start-here", Locale::En, 1).unwrap().len(),
        1
    );
    assert!(index
        .labelled("nothing", Locale::En, 10)
        .unwrap()
        .is_empty());
}
