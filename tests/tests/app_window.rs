//! The real app, in a real window: navigation, languages, settings and the About panel.

use helpline_e2e::Desktop;

const ENGLISH_SCREENS: [(&str, &str); 5] = [
    ("search", "Search help"),
    ("tickets", "My tickets"),
    ("status", "Platform status"),
    ("plans", "Plans & SLA"),
    ("settings", "Settings"),
];

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn window_navigates_switches_to_french_and_remembers_it() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let app = desktop.launch_app().await?;
    assert_eq!(app.client.title().await?, "Helpline");

    for (screen, heading) in ENGLISH_SCREENS {
        app.click(&format!("nav a[data-screen='{screen}']")).await?;
        app.wait_for_text("main h1", heading).await?;
        app.screenshot(&format!("en-{screen}")).await?;
    }

    // No account is connected: the app runs the demo desk and says so.
    app.wait_for_text_containing(
        "[data-testid='demo-banner']",
        "You are on the demo help desk",
    )
    .await?;
    // Its loopback address is under Advanced, for developers.
    app.show_demo_desk_address().await?;
    app.wait_for_text_containing(
        "[data-testid='desk-url']",
        "Demo help desk running at http://127.0.0.1:",
    )
    .await?;

    let data_dir = app.text_of("[data-testid='about-data-dir']").await?;
    assert_eq!(data_dir, desktop.app_data_dir().display().to_string());
    let log_dir = app.text_of("[data-testid='about-log-dir']").await?;
    assert!(
        std::path::Path::new(&log_dir).is_dir(),
        "the log folder shown ({log_dir}) should exist"
    );

    app.click("input[name='language'][value='fr']").await?;
    app.wait_for_text("main h1", "Réglages").await?;
    app.wait_for_text("nav a[data-screen='tickets']", "Demandes")
        .await?;
    app.screenshot("fr-settings").await?;
    app.click("nav a[data-screen='search']").await?;
    // A first visit offers the bundled help's "start here" articles, in French.
    app.wait_for_text("[data-testid='start-here'] h2", "Pour commencer")
        .await?;
    app.wait_for_text_containing(
        "[data-testid='start-here']",
        "Ouvrir une demande avec le formulaire guidé",
    )
    .await?;
    desktop.close_app(app).await?;

    // The choice was saved by Rust: a fresh start comes up in French.
    let restarted = desktop.launch_app().await?;
    restarted
        .wait_for_text("main h1", "Rechercher dans l’aide")
        .await?;
    restarted.screenshot("fr-search-after-restart").await?;
    restarted.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn french_system_locale_opens_in_french_until_the_user_chooses() -> anyhow::Result<()> {
    let desktop = Desktop::start_with_locale("fr_FR.UTF-8")?;
    let app = desktop.launch_app().await?;
    app.wait_for_text("main h1", "Rechercher dans l’aide")
        .await?;
    app.click("nav a[data-screen='settings']").await?;
    app.wait_for_text("main h1", "Réglages").await?;
    app.click("input[name='language'][value='en']").await?;
    app.wait_for_text("main h1", "Settings").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn the_embedded_demo_desk_answers_on_the_address_the_app_shows() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let app = desktop.launch_app().await?;
    app.show_demo_desk_address().await?;
    app.wait_for_text_containing("[data-testid='desk-url']", "http://127.0.0.1:")
        .await?;
    let shown = app.text_of("[data-testid='desk-url']").await?;
    let url = shown
        .rsplit(' ')
        .next()
        .expect("the sentence ends with the address");
    let status = helpline_e2e::http_get(&format!("{url}/status/api/v2/status.json"))?;
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(status.contains("\"indicator\""), "{status}");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn open_at_login_writes_and_removes_the_desktops_autostart_entry() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let entry = desktop
        .config_dir()
        .parent()
        .expect("XDG_CONFIG_HOME")
        .join("autostart/helpline.desktop");
    let app = desktop.launch_app().await?;
    app.click("nav a[data-screen='settings']").await?;
    // This private session has no tray host: Settings says where things go instead.
    app.wait_for_count(
        "[data-testid='no-tray-hint']",
        1,
        std::time::Duration::from_secs(10),
    )
    .await?;
    app.click("[data-testid='open-at-login']").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !entry.exists() {
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "no {} written",
            entry.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&entry)?;
    let program = helpline_e2e::app_binary();
    anyhow::ensure!(
        text.contains(&format!("Exec=\"{}\"", program.display())),
        "the entry starts another program: {text}"
    );

    app.click("[data-testid='open-at-login']").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while entry.exists() {
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "{} stayed",
            entry.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await
}
