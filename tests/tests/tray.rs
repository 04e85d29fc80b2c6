//! The tray in the real app, on a stand-in StatusNotifier host on the test's private session
//! bus: Helpline's icon registers, and the number beside it counts the tickets with an unread
//! reply, cleared once the ticket is read; closing the window keeps Helpline there (said
//! once), and the menu brings it back or quits.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use helpline_e2e::notification_server::NotificationServer;
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

async fn wait_until_shown(desktop: &Desktop, shown: bool, when: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + WITHIN;
    while (desktop.shown_app_windows()? > 0) != shown {
        anyhow::ensure!(
            Instant::now() < deadline,
            "{when}: the window was not {} within {WITHIN:?}",
            if shown { "shown" } else { "hidden" }
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Waits until the app has ended (`why` says what should have ended it).
async fn wait_until_quit(desktop: &Desktop, why: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + WITHIN;
    while desktop.is_running()? {
        anyhow::ensure!(Instant::now() < deadline, "{why} did not end Helpline");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Closes the window as a user does and waits until it is gone from the screen (hidden, or the
/// app ended). Without a window manager, a close that reaches GTK while it is still mapping the
/// window can be dropped, so it is asked again (as a user clicks again) for up to 30 s.
async fn close_window(desktop: &Desktop) -> anyhow::Result<()> {
    let deadline = Instant::now() + WITHIN;
    loop {
        desktop.close_window_like_a_user()?;
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(2) {
            if desktop.shown_app_windows()? == 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the window stayed on screen after closing"
        );
    }
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn closing_the_window_keeps_helpline_in_the_tray_said_once() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let host = TrayHost::start(desktop.bus_address())?;
    let notices = NotificationServer::start(desktop.bus_address())?;
    let app = desktop.launch_app().await?;
    let item = registered_item(&host)?;
    wait_until_shown(&desktop, true, "at start").await?;

    // The first close hides the window and says how to quit, once.
    close_window(&desktop).await?;
    anyhow::ensure!(desktop.is_running()?, "closing the window quit Helpline");
    let deadline = Instant::now() + WITHIN;
    while notices.received().is_empty() {
        anyhow::ensure!(
            Instant::now() < deadline,
            "nothing said the app kept running"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let said = notices.received();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].summary, "Helpline is still running");
    assert!(said[0].body.contains("Quit Helpline"), "{}", said[0].body);

    // The tray brings it back; a second close is silent.
    host.click_menu_entry(&item, "Open Helpline")?;
    wait_until_shown(&desktop, true, "after the tray's Open").await?;
    app.wait_for_count("nav a[data-screen='search']", 1, WITHIN)
        .await?;
    close_window(&desktop).await?;
    // A second launch (a link, the menu's launcher) brings it back too.
    desktop.launch_second_copy(&[])?;
    wait_until_shown(&desktop, true, "after a second launch").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        notices.received().len(),
        1,
        "said once: {:?}",
        notices.received()
    );

    // With "keep in the tray" unticked, closing quits.
    app.click("nav a[data-screen='settings']").await?;
    app.click("[data-testid='keep-in-tray']").await?;
    let settings = desktop.config_dir().join("settings.json");
    let deadline = Instant::now() + WITHIN;
    while !std::fs::read_to_string(&settings)?.contains(r#""windowClose": "quit""#) {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the choice to quit on close was not saved"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    close_window(&desktop).await?;
    wait_until_quit(&desktop, "closing, once asked to quit,").await?;
    drop(app);
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn the_trays_quit_ends_helpline_even_with_its_window_hidden() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let host = TrayHost::start(desktop.bus_address())?;
    let _app = desktop.launch_app().await?;
    let item = registered_item(&host)?;
    wait_until_shown(&desktop, true, "at start").await?;
    close_window(&desktop).await?;
    host.click_menu_entry(&item, "Quit Helpline")?;
    wait_until_quit(&desktop, "the tray's Quit").await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn a_window_hidden_long_enough_lets_its_webview_go_and_comes_back_whole() -> anyhow::Result<()>
{
    let desktop = Desktop::start_with("C.UTF-8", &[("HELPLINE_KEEP_HIDDEN_WINDOW_SECS", "2")])?;
    let host = TrayHost::start(desktop.bus_address())?;
    let app = desktop.launch_app().await?;
    let item = registered_item(&host)?;
    wait_until_shown(&desktop, true, "at start").await?;
    let web_process = |desktop: &Desktop| {
        desktop
            .app_processes()
            .into_iter()
            .any(|pid| helpline_e2e::processes::name(pid).starts_with("WebKitWebProces"))
    };
    assert!(web_process(&desktop), "a shown window has its web process");

    close_window(&desktop).await?;
    let deadline = Instant::now() + WITHIN;
    while web_process(&desktop) {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the hidden window's web process was still running after {WITHIN:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(desktop.is_running()?, "Helpline goes on in the tray");

    // The tray's Open builds the window again, and it works.
    host.click_menu_entry(&item, "Open Helpline")?;
    wait_until_shown(&desktop, true, "after Open").await?;
    let rebuilt = app.client.windows().await?;
    let handle = rebuilt
        .into_iter()
        .next()
        .context("the rebuilt window is not under automation")?;
    app.client.switch_to_window(handle).await?;
    app.type_into("[data-testid='search-input']", "export csv")
        .await?;
    app.wait_for_count("[data-testid='search-result']", 1, WITHIN)
        .await?;
    app.screenshot("tray-window-rebuilt").await?;

    host.click_menu_entry(&item, "Quit Helpline")?;
    wait_until_quit(&desktop, "the tray's Quit").await?;
    Ok(())
}
