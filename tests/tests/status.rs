//! Plans, SLA and the platform status in the real app on its demo desk: an incident opened with
//! `helpline demo-desk open-incident` shows on the Status screen, as the navigation's dot and as
//! a banner on the new-ticket form, and goes away when resolved; the plan and a ticket's
//! expected response come from the demo profile.

use std::process::Command;
use std::time::Duration;

use anyhow::Context as _;
use helpline_e2e::{cli_binary, http_get, App, Desktop};

/// Dana's "Cannot sign in after password reset": new, waiting on support.
const SIGN_IN_REQUEST: u64 = 4_294_967_400;
const WITHIN: Duration = Duration::from_secs(20);

/// Runs `helpline demo-desk ARGS --desk URL` and returns its output.
fn back_office(url: &str, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new(cli_binary())
        .arg("demo-desk")
        .args(args)
        .args(["--desk", url])
        .output()
        .context("helpline runs")?;
    anyhow::ensure!(
        output.status.success(),
        "helpline demo-desk {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The demo status page's component called `name`.
fn component_id(url: &str, name: &str) -> anyhow::Result<String> {
    let answer = http_get(&format!("{url}/status/api/v2/components.json"))?;
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(body)?;
    json["components"]
        .as_array()
        .and_then(|all| all.iter().find(|component| component["name"] == name))
        .and_then(|component| component["id"].as_str())
        .map(str::to_owned)
        .with_context(|| format!("no component {name} in {body}"))
}

async fn check_now(app: &App) -> anyhow::Result<()> {
    app.click("nav a[data-screen='status']").await?;
    app.click("[data-testid='status-check-now']").await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn an_incident_shows_on_status_in_the_navigation_and_on_the_form_until_resolved(
) -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let app = desktop.launch_app().await?;
    let url = app.demo_desk_url().await?;

    check_now(&app).await?;
    app.wait_for_text("[data-testid='status-overall']", "All Systems Operational")
        .await?;
    app.wait_for_none("[data-testid='nav-status-dot']", WITHIN)
        .await?;

    let api = component_id(&url, "API")?;
    let opened = back_office(
        &url,
        &[
            "open-incident",
            "--name",
            "Log-in failures on the API",
            "--impact",
            "major",
            "--component",
            &api,
            "--body",
            "We are investigating failed log-ins through the API.",
        ],
    )?;
    let incident: serde_json::Value = serde_json::from_str(&opened)?;
    let incident_id = incident["incident"]["id"]
        .as_str()
        .context("an incident id")?;

    check_now(&app).await?;
    app.wait_for_text_containing(
        "[data-testid='status-incident']",
        "Log-in failures on the API",
    )
    .await?;
    app.wait_for_text_containing(
        "[data-testid='status-incident']",
        "We are investigating failed log-ins through the API.",
    )
    .await?;
    app.wait_for_count(
        "[data-testid='nav-status-dot'][data-attention='incident']",
        1,
        WITHIN,
    )
    .await?;
    app.screenshot("status-incident").await?;

    app.run_script("location.hash = '#/tickets/new';", vec![])
        .await?;
    app.wait_for_text_containing(
        "[data-testid='incident-banner']",
        "Log-in failures on the API",
    )
    .await?;
    app.run_script(
        r#"const select = document.querySelector("[data-testid='field-component']");
           select.value = 'API'; select.dispatchEvent(new Event('change', { bubbles: true }));"#,
        vec![],
    )
    .await?;
    app.wait_for_text_containing(
        "[data-testid='incident-banner']",
        "the component you picked",
    )
    .await?;
    app.screenshot("new-ticket-incident-banner").await?;

    back_office(
        &url,
        &[
            "resolve-incident",
            incident_id,
            "--body",
            "Log-ins work again.",
        ],
    )?;
    check_now(&app).await?;
    app.wait_for_none("[data-testid='status-incident']", WITHIN)
        .await?;
    app.wait_for_none("[data-testid='nav-status-dot']", WITHIN)
        .await?;
    app.run_script("location.hash = '#/tickets/new';", vec![])
        .await?;
    app.wait_for_count("[data-testid='sla-coverage']", 1, WITHIN)
        .await?;
    app.wait_for_none("[data-testid='incident-banner']", WITHIN)
        .await?;
    // The draft kept the component picked.
    anyhow::ensure!(app.value_of("[data-testid='field-component']").await? == "API");
    app.quit().await
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs the built app, Xvfb and WebKitWebDriver: run `cargo xtask e2e`"]
async fn the_plan_and_a_tickets_first_response_come_from_the_demo_profile() -> anyhow::Result<()> {
    let desktop = Desktop::start()?;
    let app = desktop.launch_app().await?;
    app.sync_and_open_ticket(SIGN_IN_REQUEST).await?;
    app.wait_for_text_containing(
        "[data-testid='ticket-expectation']",
        "First response expected by",
    )
    .await?;
    app.screenshot("ticket-expectation").await?;

    app.click("nav a[data-screen='plans']").await?;
    app.wait_for_text_containing("[data-testid='plans-current']", "Premium")
        .await?;
    app.wait_for_text(
        "[data-testid='plans-reason']",
        "Your account is tagged “plan_premium”.",
    )
    .await?;
    app.wait_for_count("[data-testid='plans-targets'] tbody tr", 4, WITHIN)
        .await?;
    app.screenshot("plans").await?;
    app.quit().await
}
