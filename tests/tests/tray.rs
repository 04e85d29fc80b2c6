//! The tray in the real app, on a stand-in StatusNotifier host on the test's private session
//! bus: Helpline's icon registers, and the number beside it counts the tickets with an unread
//! reply, cleared once the ticket is read.

use std::time::{Duration, Instant};

use helpline_e2e::tray_host::{Item, TrayHost};
use helpline_e2e::{http_post_json, Desktop};

/// Dana's "Export to CSV times out for large projects" in the demo desk's seed.
const EXPORT_REQUEST: u64 = 4_294_967_401;
const WITHIN: Duration = Duration::from_secs(30);

fn registered_item(host: &TrayHost) -> anyhow::Result<Item> {
    let deadline = Instant::now() + WITHIN;
    loop {
        if let Some(item) = host.items().into_iter().next() {
            return Ok(item);
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "no tray item registered within {WITHIN:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

async fn wait_for_label(host: &TrayHost, item: &Item, expected: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + WITHIN;
    loop {
        let label = host.property(item, "XAyatanaLabel").unwrap_or_default();
        if label == expected {
            return Ok(());
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the tray's label stayed {label:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn the_tray_counts_tickets_with_an_unread_reply() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let host = TrayHost::start(desktop.bus_address())?;
    let app = desktop.launch_app().await?;
    let item = registered_item(&host)?;
    wait_for_label(&host, &item, "").await?;

    let desk = app.demo_desk_url().await?;
    let response = http_post_json(
        &format!("{desk}/_demo/requests/{EXPORT_REQUEST}/agent_reply"),
        &serde_json::json!({"body": "The fix is deployed: exports of any size work again."}),
    )?;
    anyhow::ensure!(response.starts_with("HTTP/1.1 2"), "{response}");
    app.click("nav a[data-screen='tickets']").await?;
    app.click("[data-testid='sync-now']").await?;
    wait_for_label(&host, &item, "1").await?;

    app.run_script(
        "location.hash = arguments[0];",
        vec![format!("#/tickets/{EXPORT_REQUEST}").into()],
    )
    .await?;
    app.wait_for_text_containing("[data-testid='ticket-subject']", "Export to CSV")
        .await?;
    // Reading the ticket marks it read, and the count follows at once.
    wait_for_label(&host, &item, "").await?;
    // With a tray, Settings has nothing to explain about it.
    app.click("nav a[data-screen='settings']").await?;
    app.wait_for_count("[data-testid='notify-settings']", 1, WITHIN)
        .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    anyhow::ensure!(app.count("[data-testid='no-tray-hint']").await? == 0);
    app.quit().await
}
