use std::path::Path;

use super::*;

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const REPLY_EN: &str = "---\nid: 1007\ntitle: Reply while offline\nsection: Tickets and replies\nlabels: [offline, replies]\nupdated_at: 2026-11-20T09:00:00Z\n---\nYour reply waits in the **outbox**. See [sending logs](send-logs.md).\n";
const REPLY_FR: &str = "---\nid: 1007\ntitle: Répondre hors ligne\nsection: Demandes et réponses\nlabels: [offline, replies]\n---\nVotre réponse attend dans la boîte d’envoi.\n";
const LOGS_EN: &str = "---\nid: 1030\ntitle: Send logs to support\n---\nAttach the log file.\n";

#[test]
fn markdown_folder_gives_translations_sharing_an_id() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "en/reply-offline.md", REPLY_EN);
    write(root.path(), "fr/reply-offline.md", REPLY_FR);
    write(root.path(), "en/send-logs.md", LOGS_EN);
    let ingested = read_path(root.path(), Source::Folder).unwrap();
    assert!(ingested.problems.is_empty(), "{:?}", ingested.problems);
    assert_eq!(ingested.articles.len(), 3);
    let en = ingested
        .articles
        .iter()
        .find(|a| a.id == "1007" && a.locale == Locale::En)
        .unwrap();
    let fr = ingested
        .articles
        .iter()
        .find(|a| a.id == "1007" && a.locale == Locale::Fr)
        .unwrap();
    assert_eq!(en.title, "Reply while offline");
    assert_eq!(fr.title, "Répondre hors ligne");
    assert_eq!(en.section.as_deref(), Some("Tickets and replies"));
    assert_eq!(en.labels, ["offline", "replies"]);
    assert_eq!(en.updated_at.as_deref(), Some("2026-11-20T09:00:00Z"));
    assert!(en.body_html.contains("<strong>outbox</strong>"));
    assert_eq!(
        en.body_text,
        "Your reply waits in the outbox. See sending logs."
    );
    assert!(
        en.body_html.contains(r##"href="#/article/1030""##),
        "links between articles become in-app links: {}",
        en.body_html
    );
}

#[test]
fn markdown_without_id_uses_the_path_without_the_language_folder() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "en/guides/setup.md",
        "---\ntitle: Setup\n---\nText.",
    );
    write(
        root.path(),
        "fr/guides/setup.md",
        "---\ntitle: Installation\n---\nTexte.",
    );
    let ingested = read_path(root.path(), Source::Folder).unwrap();
    let ids: Vec<_> = ingested
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.locale))
        .collect();
    assert_eq!(
        ids,
        [("guides/setup", Locale::En), ("guides/setup", Locale::Fr)]
    );
}

#[test]
fn broken_front_matter_is_reported_with_file_and_line_and_the_rest_still_indexes() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "en/good.md", "---\ntitle: Good\n---\nFine.");
    write(
        root.path(),
        "en/bad-yaml.md",
        "---\ntitle: Bad\nlabels: [unclosed\n---\nBody.",
    );
    write(root.path(), "en/no-front.md", "# Just a heading\n");
    write(root.path(), "en/unclosed.md", "---\ntitle: Open\nBody.");
    write(
        root.path(),
        "en/unknown-field.md",
        "---\ntitle: T\ncolour: blue\n---\nBody.",
    );
    let ingested = read_path(root.path(), Source::Folder).unwrap();
    assert_eq!(ingested.articles.len(), 1);
    let problems: Vec<String> = ingested.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    let find = |name: &str| problems.iter().find(|p| p.contains(name)).unwrap().clone();
    assert!(
        find("bad-yaml.md").contains("bad-yaml.md:4:")
            || find("bad-yaml.md").contains("bad-yaml.md:3:"),
        "{problems:#?}"
    );
    assert!(find("no-front.md").contains(":1: the file must start with front matter"));
    assert!(find("unclosed.md").contains("not closed"));
    assert!(find("unknown-field.md").contains("colour"));
}

#[test]
fn file_without_a_language_says_how_to_give_one() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "misc/page.md", "---\ntitle: T\n---\nBody.");
    let ingested = read_path(root.path(), Source::Folder).unwrap();
    assert!(ingested.articles.is_empty());
    assert!(
        ingested.problems[0].message.contains("locale: en"),
        "{}",
        ingested.problems[0]
    );
}

#[test]
fn non_utf8_file_is_reported_with_its_line() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("en")).unwrap();
    std::fs::write(
        root.path().join("en/latin1.md"),
        b"---\ntitle: T\n---\ncaf\xe9\n",
    )
    .unwrap();
    let ingested = read_path(root.path(), Source::Folder).unwrap();
    assert_eq!(ingested.problems[0].line, Some(4));
    assert!(ingested.problems[0].message.contains("UTF-8"));
}

#[test]
fn html_pages_keep_the_article_and_drop_navigation_and_scripts() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "fr/tool-crop.html",
        r#"<html lang="fr"><head><title>Outil de découpage</title><script>track()</script></head>
        <body><div class="navheader">Précédent</div><h1>Découpage</h1><p onclick="x()">Recadrer l’image.</p>
        <a href="tool-scale.html">Mise à l’échelle</a></body></html>"#,
    );
    write(
        root.path(),
        "fr/tool-scale.html",
        "<title>Mise à l’échelle</title><p>Agrandir.</p>",
    );
    write(root.path(), "fr/broken.html", "<p>no title at all");
    let ingested = read_path(root.path(), Source::Folder).unwrap();
    let crop = ingested
        .articles
        .iter()
        .find(|a| a.id == "tool-crop")
        .unwrap();
    assert_eq!(crop.locale, Locale::Fr);
    assert_eq!(crop.title, "Outil de découpage");
    assert!(crop.body_text.contains("Recadrer l’image."));
    assert!(!crop.body_text.contains("Précédent"));
    assert!(!crop.body_html.contains("onclick"));
    assert!(
        crop.body_html.contains(r##"href="#/article/tool-scale""##),
        "{}",
        crop.body_html
    );
    assert_eq!(ingested.problems.len(), 1);
    assert!(ingested.problems[0]
        .to_string()
        .contains("broken.html:1: no <title>"));
}

#[test]
fn zendesk_help_center_json_maps_fields_and_skips_drafts() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "articles.json",
        r#"{"articles":[
            {"id":360001,"locale":"en-us","title":"Reset your password","body":"<p>Click <b>Forgot</b>.</p><script>x</script>","section_id":77,"label_names":["account"],"html_url":"https://acme.zendesk.com/hc/en-us/articles/360001","updated_at":"2026-10-01T10:00:00Z","draft":false},
            {"id":360001,"locale":"fr","title":"Réinitialiser le mot de passe","body":"<p>Cliquez.</p>","section_id":77,"label_names":[],"html_url":null,"updated_at":null,"draft":false},
            {"id":360002,"locale":"en-us","title":"Draft","body":"<p>Hidden</p>","draft":true}
          ],
          "sections":[{"id":77,"name":"Account"}]}"#,
    );
    let ingested = read_path(&root.path().join("articles.json"), Source::Folder).unwrap();
    assert!(ingested.problems.is_empty(), "{:?}", ingested.problems);
    assert_eq!(ingested.articles.len(), 2);
    let en = &ingested.articles[0];
    assert_eq!((en.id.as_str(), en.locale), ("360001", Locale::En));
    assert_eq!(en.section.as_deref(), Some("Account"));
    assert_eq!(en.source, Source::HelpCenter);
    assert_eq!(en.body_text, "Click Forgot.");
    assert_eq!(
        en.url.as_deref(),
        Some("https://acme.zendesk.com/hc/en-us/articles/360001")
    );
}

#[test]
fn json_lines_report_each_bad_line_and_keep_the_good_ones() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "corpus.jsonl",
        concat!(
            r#"{"id":"a","locale":"en","title":"Alpha","body":"First *article*."}"#,
            "\n",
            r#"{"id":"b","locale":"en","title":"Broken""#,
            "\n",
            "\n",
            r#"{"id":"c","locale":"de","title":"Deutsch","body":"x"}"#,
            "\n",
            r#"{"id":4,"locale":"fr","title":"Quatre","body":"Texte","labels":["x"]}"#,
            "\n",
        ),
    );
    let ingested = read_path(&root.path().join("corpus.jsonl"), Source::Folder).unwrap();
    let ids: Vec<_> = ingested.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "4"]);
    assert_eq!(ingested.articles[0].body_text, "First article.");
    let problems: Vec<String> = ingested.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("corpus.jsonl:2: bad JSON"),
        "{problems:#?}"
    );
    assert!(
        problems[1].contains("corpus.jsonl:4: unsupported locale `de`"),
        "{problems:#?}"
    );
}

#[test]
fn bundled_articles_parse_cleanly_with_a_translation_for_each() {
    let ingested = bundled();
    assert!(ingested.problems.is_empty(), "{:#?}", ingested.problems);
    let count = |locale| {
        ingested
            .articles
            .iter()
            .filter(|a| a.locale == locale)
            .count()
    };
    assert!(
        count(Locale::En) >= 30,
        "at least 30 English articles, found {}",
        count(Locale::En)
    );
    assert_eq!(
        count(Locale::En),
        count(Locale::Fr),
        "every article exists in both languages"
    );
    for article in ingested.articles.iter().filter(|a| a.locale == Locale::En) {
        assert!(
            ingested
                .articles
                .iter()
                .any(|other| other.id == article.id && other.locale == Locale::Fr),
            "{} has no French translation",
            article.id
        );
        assert!(
            !article.body_html.contains(".md\""),
            "{} links to a missing article",
            article.id
        );
    }
}
