//! The `helpline` binary, run as a script would run it.

mod common;

use std::path::Path;

use common::{get, helpline, serve_demo_desk, text};

fn corpus(root: &Path) {
    let write = |relative: &str, content: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    };
    write(
        "en/firewall.md",
        "---\nid: fw\ntitle: Allow Helpline through a firewall\n---\nAsk IT to allow HTTPS.",
    );
    write("fr/firewall.md", "---\nid: fw\ntitle: Autoriser Helpline à traverser le pare-feu\n---\nDemandez l’accès au réseau.");
    write(
        "en/offline.md",
        "---\nid: off\ntitle: Reply while offline\n---\nReplies wait in the outbox.",
    );
    write("en/broken.md", "---\ntitle: [unclosed\n---\nBody");
}

#[test]
fn builds_an_index_reporting_bad_files_then_searches_it() {
    let dir = tempfile::tempdir().unwrap();
    corpus(&dir.path().join("docs"));
    let index = dir.path().join("index");
    let index = index.to_str().unwrap();
    let docs = dir.path().join("docs");
    let built = helpline(&[
        "index",
        "build",
        "--from",
        docs.to_str().unwrap(),
        "--index",
        index,
    ]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(
        text(&built.stdout).contains("indexed 3 articles (en: 2, fr: 1)"),
        "{}",
        text(&built.stdout)
    );
    assert!(
        text(&built.stderr).contains("broken.md:2: bad front matter"),
        "{}",
        text(&built.stderr)
    );

    let found = helpline(&["search", "reseau", "--lang", "fr", "--index", index]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let stdout = text(&found.stdout);
    assert!(
        stdout.starts_with(" 1. Autoriser Helpline à traverser le pare-feu (fw, fr"),
        "{stdout}"
    );
    assert!(stdout.contains("[réseau]"), "{stdout}");

    let json = helpline(&["search", "fiewall", "--index", index, "--json"]);
    let results: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(results["hits"][0]["id"], "fw");
    assert_eq!(results["hits"][0]["locale"], "en");
}

#[test]
fn batch_mode_prints_one_line_per_query_with_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    corpus(&docs);
    let index = dir.path().join("index");
    let index = index.to_str().unwrap();
    assert!(helpline(&[
        "index",
        "build",
        "--from",
        docs.to_str().unwrap(),
        "--index",
        index
    ])
    .status
    .success());
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, "firewall\nrepl\nnothing matches this\n").unwrap();
    let batch = helpline(&[
        "search",
        "--queries",
        queries.to_str().unwrap(),
        "--index",
        index,
    ]);
    assert!(batch.status.success(), "{}", text(&batch.stderr));
    let lines: Vec<String> = text(&batch.stdout).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let columns: Vec<Vec<&str>> = lines
        .iter()
        .map(|line| line.split('\t').collect())
        .collect();
    assert!(columns[0][0].ends_with("ms"));
    assert_eq!(columns[0][1..], ["firewall", "fw"]);
    assert_eq!(columns[1][1..], ["repl", "off"]);
    assert_eq!(columns[2][1..], ["nothing matches this", ""]);
}

#[test]
fn searching_without_an_index_says_how_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let result = helpline(&["search", "x", "--index", missing.to_str().unwrap()]);
    assert!(!result.status.success());
    assert!(
        text(&result.stderr).contains("helpline index build --from PATH"),
        "{}",
        text(&result.stderr)
    );
}

#[test]
fn an_unknown_language_is_refused_with_the_choices() {
    let result = helpline(&["search", "x", "--lang", "de"]);
    assert!(!result.status.success());
    assert!(
        text(&result.stderr).contains("use en or fr"),
        "{}",
        text(&result.stderr)
    );
}

#[test]
fn demo_desk_serves_the_demo_customer_on_loopback() {
    let desk = serve_demo_desk();
    let response = get(&desk, "/api/v2/users/me.json");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("Dana Demo"), "{response}");
}

#[test]
fn an_agent_reply_from_the_command_line_reaches_the_customers_thread() {
    let desk = serve_demo_desk();
    let url = format!("http://{}", desk.address);
    let reply = helpline(&[
        "demo-desk",
        "agent-reply",
        "--desk",
        &url,
        "4294967400",
        "--body",
        "Fixed on our side.",
    ]);
    assert!(reply.status.success(), "{}", text(&reply.stderr));
    let comments = get(&desk, "/api/v2/requests/4294967400/comments.json");
    assert!(comments.contains("Fixed on our side."), "{comments}");
    let refused = helpline(&[
        "demo-desk",
        "set-status",
        "--desk",
        &url,
        "4294967400",
        "sideways",
    ]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("the demo desk refused"),
        "{}",
        text(&refused.stderr)
    );
}
