//! Reply notifications in the real app, on a stand-in notification service on the test's
//! private session bus: an agent's reply makes exactly one notification with the ticket's
//! subject and the reply's first line; clicking it opens that ticket; a restart announces
//! nothing again.

use std::time::{Duration, Instant};

use helpline_e2e::notification_server::{NotificationServer, Received};
use helpline_e2e::{http_post_json, Desktop};

/// Dana's "Export to CSV times out for large projects" in the demo desk's seed.
const EXPORT_REQUEST: u64 = 4_294_967_401;
const SUBJECT: &str = "Export to CSV times out for large projects";
const WITHIN: Duration = Duration::from_secs(30);

async fn wait_for_notifications(
    server: &NotificationServer,
    count: usize,
) -> anyhow::Result<Vec<Received>> {
    let deadline = Instant::now() + WITHIN;
    loop {
        let received = server.received();
        if received.len() >= count {
            return Ok(received);
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "{count} notification(s) expected within {WITHIN:?}, got {received:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn an_agent_reply_notifies_once_and_a_click_opens_the_ticket() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let server = NotificationServer::start(desktop.bus_address())?;
    let app = desktop.launch_app().await?;
    app.click("nav a[data-screen='tickets']").await?;
    // The list opens on what needs the user; every seeded ticket is under All.
    app.click("[data-testid='ticket-filter-all']").await?;
    app.wait_for_count("[data-testid='ticket-row']", 5, WITHIN)
        .await?;
    let desk = app.demo_desk_url().await?;
    assert!(
        server.received().is_empty(),
        "the first sync announces nothing"
    );

    let response = http_post_json(
        &format!("{desk}/_demo/requests/{EXPORT_REQUEST}/agent_reply"),
        &serde_json::json!({ "body": "We shipped a fix for the export.\nPlease try again." }),
    )?;
    anyhow::ensure!(response.starts_with("HTTP/1.1 2"), "{response}");
    app.click("nav a[data-screen='tickets']").await?;
    app.click("[data-testid='sync-now']").await?;

    let received = wait_for_notifications(&server, 1).await?;
    let notice = &received[0];
    assert_eq!(notice.app_name, "Helpline");
    assert_eq!(notice.summary, format!("New reply: {SUBJECT}"));
    assert_eq!(notice.body, "We shipped a fix for the export.");
    assert!(
        notice.actions.contains(&"default".to_owned()),
        "{:?}",
        notice.actions
    );
    // A second sync announces nothing more.
    app.click("[data-testid='sync-now']").await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(server.received().len(), 1, "{:?}", server.received());

    server.invoke_action(notice.id, "default")?;
    app.wait_for_text_containing("[data-testid='ticket-subject']", SUBJECT)
        .await?;
    app.screenshot("notification-opened-ticket").await?;

    desktop.close_app(app).await?;
    let app = desktop.launch_app().await?;
    app.click("nav a[data-screen='tickets']").await?;
    app.click("[data-testid='sync-now']").await?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        server.received().len(),
        1,
        "a restart announces nothing again"
    );
    app.quit().await?;
    Ok(())
}
