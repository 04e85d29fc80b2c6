use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::HashSet;
use std::str::FromStr;

use crate::helpers::{
    assert_fields, header, ids_of, is_zendesk_time, start, start_empty, HELP_CENTER_ARTICLES,
};

/// The first bundled article, "Get started with the demo help desk".
const GETTING_STARTED: u64 = 1001;
/// "Fix sign-in problems", in the Troubleshooting section.
const SIGN_IN_PROBLEMS: u64 = 1027;

fn assert_article_shape(article: &Value) {
    assert_fields(
        article,
        &[
            ("id", "number"),
            ("url", "string"),
            ("html_url", "string"),
            ("author_id", "number"),
            ("comments_disabled", "boolean"),
            ("draft", "boolean"),
            ("promoted", "boolean"),
            ("position", "number"),
            ("vote_sum", "number"),
            ("vote_count", "number"),
            ("section_id", "number"),
            ("created_at", "string"),
            ("updated_at", "string"),
            ("edited_at", "string"),
            ("name", "string"),
            ("title", "string"),
            ("source_locale", "string"),
            ("locale", "string"),
            ("outdated", "boolean"),
            ("outdated_locales", "array"),
            ("permission_group_id", "number"),
            ("user_segment_id", "number|null"),
            ("user_segment_ids", "array"),
            ("label_names", "array"),
            ("content_tag_ids", "array"),
            ("body", "string"),
        ],
    );
    for time in ["created_at", "updated_at", "edited_at"] {
        assert!(is_zendesk_time(article[time].as_str().unwrap()), "{time}");
    }
    assert_eq!(article["draft"], false);
    assert_eq!(article["source_locale"], "en-us");
}

fn assert_section_shape(section: &Value) {
    assert_fields(
        section,
        &[
            ("id", "number"),
            ("url", "string"),
            ("html_url", "string"),
            ("category_id", "number"),
            ("parent_section_id", "null|number"),
            ("name", "string"),
            ("description", "string"),
            ("locale", "string"),
            ("source_locale", "string"),
            ("outdated", "boolean"),
            ("position", "number"),
            ("theme_template", "string"),
            ("created_at", "string"),
            ("updated_at", "string"),
        ],
    );
}

fn assert_category_shape(category: &Value) {
    assert_fields(
        category,
        &[
            ("id", "number"),
            ("url", "string"),
            ("html_url", "string"),
            ("name", "string"),
            ("description", "string"),
            ("locale", "string"),
            ("source_locale", "string"),
            ("outdated", "boolean"),
            ("position", "number"),
            ("created_at", "string"),
            ("updated_at", "string"),
        ],
    );
}

#[tokio::test]
async fn locales_are_english_and_french_with_english_the_default() {
    let desk = start().await;
    let body = desk
        .get_anonymous_json("/api/v2/help_center/locales.json")
        .await;
    assert_eq!(
        body,
        serde_json::json!({"locales": ["en-us", "fr"], "default_locale": "en-us"})
    );
}

#[tokio::test]
async fn articles_are_public_with_every_documented_field_and_offset_paging_of_30() {
    let desk = start().await;
    let response = desk
        .anonymous(Method::GET, "/api/v2/help_center/en-us/articles.json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "content-type"),
        "application/json; charset=utf-8"
    );
    assert_eq!(header(&response, "x-zendesk-api-version"), "v2");
    let body: Value = response.json().await.unwrap();
    let articles = body["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 30);
    assert_eq!(body["count"], HELP_CENTER_ARTICLES);
    assert_eq!(body["page"], 1);
    assert_eq!(body["per_page"], 30);
    assert_eq!(body["page_count"], 2);
    assert_eq!(body["sort_by"], "position");
    assert_eq!(body["sort_order"], "asc");
    assert_eq!(body["previous_page"], Value::Null);
    let next = body["next_page"].as_str().expect("a next page");
    let second = desk.follow_json(next).await;
    assert_eq!(second["articles"].as_array().unwrap().len(), 2);
    assert_eq!(second["next_page"], Value::Null);
    assert!(second["previous_page"].is_string());

    let base = desk.handle.base_url();
    for article in articles {
        assert_article_shape(article);
        assert_eq!(article["locale"], "en-us");
        assert_eq!(
            article["html_url"],
            format!("{base}/hc/en-us/articles/{}", article["id"])
        );
        let url = article["url"].as_str().unwrap();
        assert!(
            url.starts_with(&format!(
                "{base}/api/v2/help_center/en-us/articles/{}-",
                article["id"]
            )),
            "{url}"
        );
        let body = article["body"].as_str().unwrap();
        assert!(!body.contains("#/article/"), "in-app links are rewritten");
    }
}

#[tokio::test]
async fn the_help_center_exists_on_an_unseeded_desk_too() {
    let desk = start_empty().await;
    let body = desk
        .get_anonymous_json("/api/v2/help_center/fr/articles.json?per_page=100")
        .await;
    assert_eq!(body["count"], HELP_CENTER_ARTICLES);
}

#[tokio::test]
async fn translations_share_ids_and_the_default_locale_forms_serve_english() {
    let desk = start().await;
    let english = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/en-us/articles/{SIGN_IN_PROBLEMS}.json"
        ))
        .await;
    let default = desk
        .get_anonymous_json(&format!("/api/v2/help_center/articles/{SIGN_IN_PROBLEMS}"))
        .await;
    let french = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/FR/articles/{SIGN_IN_PROBLEMS}.json"
        ))
        .await;
    assert_article_shape(&english["article"]);
    assert_eq!(english, default);
    assert_eq!(english["article"]["title"], "Fix sign-in problems");
    assert_eq!(french["article"]["id"], english["article"]["id"]);
    assert_eq!(french["article"]["locale"], "fr");
    assert_eq!(
        french["article"]["section_id"],
        english["article"]["section_id"]
    );
    assert_ne!(french["article"]["title"], english["article"]["title"]);
    assert!(french["article"]["html_url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/hc/fr/articles/{SIGN_IN_PROBLEMS}")));

    // The API URL carries a slug, and Zendesk accepts it back.
    let by_url = desk
        .follow_json(english["article"]["url"].as_str().unwrap())
        .await;
    assert_eq!(by_url["article"]["id"], english["article"]["id"]);
}

#[tokio::test]
async fn categories_and_sections_mirror_the_bundled_sections_in_both_languages() {
    let desk = start().await;
    let categories = desk
        .get_anonymous_json("/api/v2/help_center/en-us/categories.json")
        .await;
    let names: Vec<&str> = categories["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|category| category["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            "Using Helpline",
            "Tickets and replies",
            "Plans, SLA and response times",
            "Platform status",
            "Troubleshooting"
        ]
    );
    for category in categories["categories"].as_array().unwrap() {
        assert_category_shape(category);
    }
    assert_eq!(categories["per_page"], 30);
    assert_eq!(categories["count"], 5);

    let english = desk
        .get_anonymous_json("/api/v2/help_center/en-us/sections.json")
        .await;
    let french = desk
        .get_anonymous_json("/api/v2/help_center/fr/sections.json")
        .await;
    assert_eq!(ids_of(&english["sections"]), ids_of(&french["sections"]));
    for section in english["sections"].as_array().unwrap() {
        assert_section_shape(section);
    }
    assert_eq!(english["sections"][0]["name"], "Using Helpline");
    assert_eq!(french["sections"][0]["name"], "Utiliser Helpline");
    assert_eq!(french["sections"][0]["locale"], "fr");

    let category_id = categories["categories"][4]["id"].as_u64().unwrap();
    let in_category = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/en-us/categories/{category_id}/sections.json"
        ))
        .await;
    assert_eq!(in_category["sections"].as_array().unwrap().len(), 1);
    assert_eq!(in_category["sections"][0]["category_id"], category_id);
    assert_eq!(in_category["sections"][0]["name"], "Troubleshooting");

    let one = desk
        .get_anonymous_json(&format!("/api/v2/help_center/fr/categories/{category_id}"))
        .await;
    assert_eq!(one["category"]["name"], "Dépannage");
    let section_id = in_category["sections"][0]["id"].as_u64().unwrap();
    let section = desk
        .get_anonymous_json(&format!("/api/v2/help_center/sections/{section_id}.json"))
        .await;
    assert_eq!(section["section"]["name"], "Troubleshooting");
}

#[tokio::test]
async fn articles_of_a_section_or_category_are_that_sections_in_position_order() {
    let desk = start().await;
    let sign_in = desk
        .get_anonymous_json(&format!("/api/v2/help_center/articles/{SIGN_IN_PROBLEMS}"))
        .await;
    let section_id = sign_in["article"]["section_id"].as_u64().unwrap();
    let section = desk
        .get_anonymous_json(&format!("/api/v2/help_center/en-us/sections/{section_id}"))
        .await;
    let category_id = section["section"]["category_id"].as_u64().unwrap();

    let of_section = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/en-us/sections/{section_id}/articles.json"
        ))
        .await;
    let of_category = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/en-us/categories/{category_id}/articles.json"
        ))
        .await;
    let articles = of_section["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 7, "Troubleshooting has seven articles");
    assert!(articles.iter().all(|a| a["section_id"] == section_id));
    let positions: Vec<u64> = articles
        .iter()
        .map(|a| a["position"].as_u64().unwrap())
        .collect();
    assert_eq!(positions, (0..7).collect::<Vec<_>>());
    assert_eq!(
        ids_of(&of_section["articles"]),
        ids_of(&of_category["articles"])
    );
}

#[tokio::test]
async fn unknown_locales_ids_and_parents_are_404_record_not_found() {
    let desk = start().await;
    for path in [
        "/api/v2/help_center/de/articles.json",
        "/api/v2/help_center/en-us/articles/999999.json",
        "/api/v2/help_center/en-us/sections/1/articles.json",
        "/api/v2/help_center/en-us/categories/1/sections.json",
        "/api/v2/help_center/en-us/categories/nope.json",
    ] {
        let response = desk.anonymous(Method::GET, path).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": "RecordNotFound", "description": "Not found"}),
            "{path}"
        );
    }
}

#[tokio::test]
async fn cursor_pages_carry_first_last_next_prev_links_and_a_link_header() {
    let desk = start().await;
    let first_path = "/api/v2/help_center/en-us/articles.json?page[size]=10";
    let response = desk
        .anonymous(Method::GET, first_path)
        .send()
        .await
        .unwrap();
    let link = header(&response, "link").to_owned();
    let first: Value = response.json().await.unwrap();
    assert_eq!(first["meta"]["has_more"], true);
    assert!(first["meta"]["after_cursor"].is_string());
    for name in ["first", "last", "next"] {
        assert!(first["links"][name].is_string(), "links.{name}");
    }
    assert_eq!(first["links"]["prev"], Value::Null);
    assert_eq!(
        link,
        format!(
            "<{}>; rel=\"next\"",
            first["links"]["next"].as_str().unwrap()
        )
    );
    assert!(first.get("count").is_none(), "cursor pages have no count");

    let mut seen: Vec<u64> = ids_of(&first["articles"]);
    let mut page = first.clone();
    while page["meta"]["has_more"] == true {
        page = desk
            .follow_json(page["links"]["next"].as_str().unwrap())
            .await;
        seen.extend(ids_of(&page["articles"]));
    }
    assert_eq!(seen.len(), HELP_CENTER_ARTICLES);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        HELP_CENTER_ARTICLES
    );

    let last = desk
        .follow_json(first["links"]["last"].as_str().unwrap())
        .await;
    assert_eq!(ids_of(&last["articles"]), seen[seen.len() - 10..].to_vec());
    let back = desk
        .follow_json(page["links"]["prev"].as_str().unwrap())
        .await;
    assert_eq!(ids_of(&back["articles"]), seen[20..30].to_vec());
}

#[tokio::test]
async fn articles_sort_by_title_and_by_time_in_both_directions() {
    let desk = start().await;
    let by_title = desk
        .get_anonymous_json("/api/v2/help_center/en-us/articles.json?sort_by=title&per_page=100")
        .await;
    assert_eq!(by_title["sort_by"], "title");
    let titles: Vec<String> = by_title["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);

    let newest = desk
        .get_anonymous_json(
            "/api/v2/help_center/en-us/articles.json?sort_by=edited_at&sort_order=desc&page[size]=100",
        )
        .await;
    let times: Vec<&str> = newest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["edited_at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|pair| pair[0] >= pair[1]), "{times:?}");
    assert_eq!(times.len(), HELP_CENTER_ARTICLES);
}

#[tokio::test]
async fn label_names_keeps_the_articles_that_have_every_label() {
    let desk = start().await;
    let both = desk
        .get_anonymous_json("/api/v2/help_center/en-us/articles.json?label_names=priority,urgent")
        .await;
    let articles = both["articles"].as_array().unwrap();
    assert!(!articles.is_empty());
    for article in articles {
        let labels: Vec<&str> = article["label_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|label| label.as_str().unwrap())
            .collect();
        assert!(
            labels.contains(&"priority") && labels.contains(&"urgent"),
            "{labels:?}"
        );
    }
    let tickets = desk
        .get_anonymous_json("/api/v2/help_center/en-us/articles.json?label_names=tickets")
        .await;
    assert!(tickets["count"].as_u64().unwrap() > both["count"].as_u64().unwrap());
    let none = desk
        .get_anonymous_json("/api/v2/help_center/en-us/articles.json?label_names=Priority")
        .await;
    assert_eq!(none["count"], 0, "the list filter is case-sensitive");
}

#[tokio::test]
async fn sideloads_add_sections_categories_and_authors_and_embed_translations() {
    let desk = start().await;
    let body = desk
        .get_anonymous_json(
            "/api/v2/help_center/en-us/articles.json?per_page=3&include=sections,categories,users,translations",
        )
        .await;
    // Positions count within a section, so the first three are three sections' first.
    let section_ids: HashSet<u64> = body["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["section_id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        ids_of(&body["sections"])
            .into_iter()
            .collect::<HashSet<_>>(),
        section_ids
    );
    for section in body["sections"].as_array().unwrap() {
        assert_section_shape(section);
    }
    assert_category_shape(&body["categories"][0]);
    let category_ids: HashSet<u64> = body["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["category_id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        ids_of(&body["categories"])
            .into_iter()
            .collect::<HashSet<_>>(),
        category_ids
    );
    let author = body["articles"][0]["author_id"].as_u64().unwrap();
    assert_eq!(ids_of(&body["users"]), vec![author]);
    assert_eq!(body["users"][0]["agent"], true);

    let article = &body["articles"][0];
    assert_eq!(article["id"], GETTING_STARTED);
    assert_eq!(article["promoted"], true);
    let translations = article["translations"].as_array().unwrap();
    let locales: Vec<&str> = translations
        .iter()
        .map(|t| t["locale"].as_str().unwrap())
        .collect();
    assert_eq!(locales, vec!["en-us", "fr"]);
    for translation in translations {
        assert_fields(
            translation,
            &[
                ("id", "number"),
                ("url", "string"),
                ("html_url", "string"),
                ("source_id", "number"),
                ("source_type", "string"),
                ("locale", "string"),
                ("title", "string"),
                ("body", "string"),
                ("outdated", "boolean"),
                ("draft", "boolean"),
                ("created_at", "string"),
                ("updated_at", "string"),
            ],
        );
        assert_eq!(translation["source_id"], GETTING_STARTED);
        assert_eq!(translation["source_type"], "Article");
    }

    let plain = desk
        .get_anonymous_json("/api/v2/help_center/en-us/articles.json?per_page=3")
        .await;
    assert!(plain.get("sections").is_none() && plain["articles"][0].get("translations").is_none());

    let sections = desk
        .get_anonymous_json("/api/v2/help_center/fr/sections.json?include=categories,translations")
        .await;
    assert_eq!(sections["categories"].as_array().unwrap().len(), 5);
    assert_eq!(sections["categories"][0]["name"], "Utiliser Helpline");
    assert_eq!(
        sections["sections"][0]["translations"][0]["source_type"],
        "Section"
    );
}

#[tokio::test]
async fn an_articles_html_url_is_a_page_with_its_title_and_body() {
    let desk = start().await;
    let article = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/fr/articles/{SIGN_IN_PROBLEMS}.json"
        ))
        .await;
    let page = desk
        .http
        .get(article["article"]["html_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(header(&page, "content-type"), "text/html; charset=utf-8");
    let html = page.text().await.unwrap();
    let title = article["article"]["title"].as_str().unwrap();
    assert!(html.contains(&format!("<h1>{title}</h1>")), "{html}");
    assert!(html.contains("lang=\"fr\""));
    let missing = desk
        .http
        .get(desk.url("/hc/en-us/articles/999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn article_lists_take_a_start_time() {
    let desk = start().await;
    let newest = desk
        .get_anonymous_json(
            "/api/v2/help_center/en-us/articles.json?sort_by=updated_at&sort_order=desc&per_page=1",
        )
        .await;
    let updated_at = newest["articles"][0]["updated_at"].as_str().unwrap();
    let seconds = jiff::Timestamp::from_str(updated_at).unwrap().as_second();
    let since = desk
        .get_anonymous_json(&format!(
            "/api/v2/help_center/en-us/articles.json?start_time={seconds}"
        ))
        .await;
    assert_eq!(since["count"], 1);
    assert_eq!(since["articles"][0]["id"], newest["articles"][0]["id"]);
}
