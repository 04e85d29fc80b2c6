//! Helpers for Helpline's end-to-end tests: a private desktop (Xvfb, a D-Bus session bus,
//! WebKitWebDriver) and the real app started in it, driven over W3C WebDriver.
//!
//! Everything is started by the test and torn down when [`Desktop`] drops; nothing is left
//! running and nothing reaches beyond loopback. The app keeps its files in a temporary home.

pub mod notification_server;
pub mod processes;
mod scripting;
mod session;
pub mod tray_host;
pub mod x11;
pub mod xss;

pub use session::{install_fake_browser, start_keyring, start_session_bus, Daemon};

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
const UI_TIMEOUT: Duration = Duration::from_secs(15);

/// W3C WebDriver key codes.
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";

/// The debug build of the app, built by `cargo xtask e2e` before the tests run.
pub fn app_binary() -> PathBuf {
    target_dir().join("debug/helpline-app")
}

/// The `helpline` command, built with the app by `cargo xtask e2e`.
pub fn cli_binary() -> PathBuf {
    target_dir().join("debug/helpline")
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set (cargo passes it on to tests), else
/// the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_owned()
}

/// Where screenshots are saved for people to look at after a run.
pub fn artifacts_dir() -> PathBuf {
    target_dir().join("e2e-artifacts")
}

/// A private X display, session bus with a keyring, and WebDriver server, with a temporary
/// home for the app.
pub struct Desktop {
    // Dropped in declaration order: the driver (and the app it started) before the bus and display.
    driver: Daemon,
    _keyring: Daemon,
    _bus: Daemon,
    _display: Daemon,
    driver_url: String,
    display: String,
    bus_address: String,
    opened_urls: PathBuf,
    home: tempfile::TempDir,
}

/// The app's X window class (GTK names it after the program).
const APP_WINDOW_CLASS: &str = "helpline-app";

/// The D-Bus name Tauri's single-instance plugin holds while the app runs.
const SINGLE_INSTANCE_NAME: &str = "app.helpline.desktop.SingleInstance";

impl Desktop {
    /// A desktop whose system locale is neutral (`C.UTF-8`, which Helpline shows in English).
    pub fn start() -> anyhow::Result<Self> {
        Self::start_with_locale("C.UTF-8")
    }

    /// A desktop whose system locale (`LANG`) is `locale`.
    pub fn start_with_locale(locale: &str) -> anyhow::Result<Self> {
        Self::start_with(locale, &[])
    }

    /// A desktop whose system locale is `locale`, with `app_env` in the environment of every
    /// app started through WebDriver (settings meant for tests, such as shorter timers).
    pub fn start_with(locale: &str, app_env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let home = tempfile::tempdir()?;
        let (display_number, xvfb) = start_xvfb()?;
        let (bus_address, bus) = start_session_bus()?;
        let keyring = start_keyring(&bus_address, &home.path().join("keyring-home"))?;
        let opened_urls = install_fake_browser(home.path())?;
        let port = free_port()?;
        let display = format!(":{display_number}");
        let mut driver = Command::new("WebKitWebDriver");
        driver
            .arg(format!("--port={port}"))
            .arg("--host=127.0.0.1")
            // Without it the app's webview does not accept the automation session.
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .envs(app_env.iter().copied());
        let driver = desktop_env(&mut driver, &display, &bus_address, home.path(), locale)
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start WebKitWebDriver: install Debian's webkit2gtk-driver (`cargo xtask setup`)")?;
        let driver = Daemon(driver);
        wait_until(STARTUP_TIMEOUT, "WebKitWebDriver to listen", || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        })?;
        Ok(Self {
            driver,
            _keyring: keyring,
            _bus: bus,
            _display: xvfb,
            driver_url: format!("http://127.0.0.1:{port}"),
            display,
            bus_address,
            opened_urls,
            home,
        })
    }

    /// The addresses the app asked the desktop to open in a browser, oldest first.
    pub fn opened_urls(&self) -> Vec<String> {
        std::fs::read_to_string(&self.opened_urls)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The private session bus the app (and a stand-in notification server) talk on.
    pub fn bus_address(&self) -> &str {
        &self.bus_address
    }

    /// The app's configuration directory under the temporary home (XDG_CONFIG_HOME/helpline).
    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config/helpline")
    }

    /// The app's data directory under the temporary home (XDG_DATA_HOME/helpline).
    pub fn app_data_dir(&self) -> PathBuf {
        self.home.path().join("data/helpline")
    }

    /// Closes the app's window as a window manager's close button does (WebDriver's own close
    /// destroys the webview without asking the app).
    pub fn close_window_like_a_user(&self) -> anyhow::Result<()> {
        x11::request_close(&self.display, APP_WINDOW_CLASS)
    }

    /// How many of the app's windows are shown.
    pub fn shown_app_windows(&self) -> anyhow::Result<usize> {
        x11::shown_window_count(&self.display, APP_WINDOW_CLASS)
    }

    /// The processes WebDriver started: the app and the WebKit processes below it.
    pub fn app_processes(&self) -> Vec<u32> {
        let driver = self.driver.0.id();
        processes::tree(driver)
            .into_iter()
            .filter(|pid| *pid != driver)
            .collect()
    }

    /// Whether an app holds Helpline's single-instance name on this desktop's bus.
    pub fn is_running(&self) -> anyhow::Result<bool> {
        session::has_owner(&self.bus_address, SINGLE_INSTANCE_NAME)
    }

    /// Ends the app's session and waits until the app has let go of its single-instance name,
    /// so that the next launch starts a fresh app instead of signalling a dying one.
    pub async fn close_app(&self, app: App) -> anyhow::Result<()> {
        app.quit().await?;
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        while Instant::now() < deadline {
            if !session::has_owner(&self.bus_address, SINGLE_INSTANCE_NAME)? {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!(
            "the app still held {SINGLE_INSTANCE_NAME} {STARTUP_TIMEOUT:?} after its window closed"
        )
    }

    /// Starts the app and returns a WebDriver session on its window.
    pub async fn launch_app(&self) -> anyhow::Result<App> {
        self.launch_app_with_args(&[]).await
    }

    /// Starts the app with `args` (as the desktop would pass a `helpline://` link).
    pub async fn launch_app_with_args(&self, args: &[&str]) -> anyhow::Result<App> {
        self.launch_binary(&app_binary(), args).await
    }

    /// Starts the app from `binary` (an installed copy, say) with `args`.
    pub async fn launch_binary(&self, binary: &Path, args: &[&str]) -> anyhow::Result<App> {
        if !binary.exists() {
            bail!(
                "{} does not exist: run `cargo xtask e2e`, which builds it first",
                binary.display()
            );
        }
        let capabilities = serde_json::json!({
            "webkitgtk:browserOptions": { "binary": binary, "args": args }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.driver_url)
            .await
            .context("the app did not start a WebDriver session")?;
        Ok(App { client })
    }
}

impl Desktop {
    /// Opens `url` as a click on a link in another program does: `xdg-open`, which asks the
    /// desktop's handler list which application takes the scheme and starts it with the link.
    pub fn open_link(&self, url: &str) -> anyhow::Result<()> {
        let mut command = Command::new("xdg-open");
        command.arg(url);
        let status = desktop_env(
            &mut command,
            &self.display,
            &self.bus_address,
            self.home.path(),
            "C.UTF-8",
        )
        .status()
        .context("cannot run xdg-open (Debian's xdg-utils)")?;
        anyhow::ensure!(status.success(), "xdg-open {url} ended with {status}");
        Ok(())
    }

    /// Starts another copy of the app with `args` in this desktop, as a click on a
    /// `helpline://` link does, and waits for it to hand over to the running copy and exit.
    pub fn launch_second_copy(&self, args: &[&str]) -> anyhow::Result<()> {
        let mut command = Command::new(app_binary());
        command.args(args);
        let mut child = desktop_env(
            &mut command,
            &self.display,
            &self.bus_address,
            self.home.path(),
            "C.UTF-8",
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start a second copy of the app")?;
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = child.try_wait()? {
                anyhow::ensure!(status.success(), "the second copy ended with {status}");
                return Ok(());
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                bail!("a second copy of the app did not hand over and exit within {STARTUP_TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The private desktop's environment for a process started in it: its display and session bus,
/// the temporary home's folders, the locale, and no desktop environment (xdg-open then asks the
/// mime list, which names the fake browser).
fn desktop_env<'a>(
    command: &'a mut Command,
    display: &str,
    bus_address: &str,
    home: &Path,
    locale: &str,
) -> &'a mut Command {
    command
        .env("DISPLAY", display)
        .env("DBUS_SESSION_BUS_ADDRESS", bus_address)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LANG", locale)
        .env_remove("XDG_CURRENT_DESKTOP")
        .env_remove("DESKTOP_SESSION")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
}

/// A running app window.
pub struct App {
    pub client: Client,
}

impl App {
    /// Waits until the element matching `css` has exactly `expected` as its text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> anyhow::Result<()> {
        self.wait_for(css, &format!("read {expected:?}"), |text| {
            text.trim() == expected
        })
        .await
    }

    /// Waits until the element matching `css` contains `needle` in its text.
    pub async fn wait_for_text_containing(&self, css: &str, needle: &str) -> anyhow::Result<()> {
        self.wait_for(css, &format!("contain {needle:?}"), |text| {
            text.contains(needle)
        })
        .await
    }

    async fn wait_for(
        &self,
        css: &str,
        wanted: &str,
        accept: impl Fn(&str) -> bool,
    ) -> anyhow::Result<()> {
        let deadline = Instant::now() + UI_TIMEOUT;
        let mut last_seen = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last_seen = element.text().await.unwrap_or_default();
                if accept(&last_seen) {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("`{css}` should {wanted} but read {last_seen:?}")
    }

    /// The element matching `css`, once it exists.
    async fn element(&self, css: &str) -> anyhow::Result<fantoccini::elements::Element> {
        let locator = Locator::Css(css);
        let element = self
            .client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(locator)
            .await;
        element.with_context(|| format!("no `{css}` within {UI_TIMEOUT:?}"))
    }

    /// Types `keys` into the element matching `css` (W3C key codes for Enter, Escape…).
    pub async fn type_into(&self, css: &str, keys: &str) -> anyhow::Result<()> {
        let element = self.element(css).await?;
        element
            .send_keys(keys)
            .await
            .with_context(|| format!("cannot type into `{css}`"))
    }

    /// Types `text` into the input matching `css` and waits until the input holds it, typing
    /// again when a screen still settling replaced the input meanwhile.
    pub async fn fill(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            let element = self.element(css).await?;
            if element.prop("value").await?.as_deref() != Some(text) {
                element.clear().await.ok();
                element
                    .send_keys(text)
                    .await
                    .with_context(|| format!("cannot type into `{css}`"))?;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            if self.value_of(css).await? == text {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!("`{css}` did not keep {text:?}");
            }
        }
    }

    /// Opens Settings and the Advanced part of its demo desk section, where the address is.
    pub async fn show_demo_desk_address(&self) -> anyhow::Result<()> {
        self.click("nav a[data-screen='settings']").await?;
        self.wait_for_count(
            "[data-testid='demo-advanced']",
            1,
            std::time::Duration::from_secs(10),
        )
        .await?;
        self.run_script(
            "document.querySelector(\"[data-testid='demo-advanced']\").open = true;",
            vec![],
        )
        .await?;
        Ok(())
    }

    /// The demo desk's address, as Settings shows it (this opens Settings).
    pub async fn demo_desk_url(&self) -> anyhow::Result<String> {
        self.show_demo_desk_address().await?;
        let text = self.text_of("[data-testid='desk-url']").await?;
        let start = text
            .find("http://")
            .with_context(|| format!("no address in {text:?}"))?;
        Ok(text[start..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_end_matches(['.', ','])
            .to_owned())
    }

    /// Syncs from the ticket list, then opens ticket `id`.
    pub async fn sync_and_open_ticket(&self, id: u64) -> anyhow::Result<()> {
        self.click("nav a[data-screen='tickets']").await?;
        self.click("[data-testid='sync-now']").await?;
        self.run_script(
            "location.hash = arguments[0];",
            vec![format!("#/tickets/{id}").into()],
        )
        .await?;
        Ok(())
    }

    /// The `value` property of an input.
    pub async fn value_of(&self, css: &str) -> anyhow::Result<String> {
        let element = self.element(css).await?;
        Ok(element.prop("value").await?.unwrap_or_default())
    }

    pub async fn text_of(&self, css: &str) -> anyhow::Result<String> {
        let element = self.element(css).await?;
        Ok(element.text().await?.trim().to_owned())
    }

    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let element = self.element(css).await?;
        element
            .click()
            .await
            .with_context(|| format!("cannot click `{css}`"))
    }

    /// Saves a PNG of the window to `target/e2e-artifacts/{name}.png`.
    pub async fn screenshot(&self, name: &str) -> anyhow::Result<PathBuf> {
        // WebKit paints a change a moment after the DOM holds it; a capture taken at once can
        // show the frame before (seen on the Status screen right after an incident arrived).
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let png = self.client.screenshot().await?;
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the session, which closes the app.
    pub async fn quit(self) -> anyhow::Result<()> {
        Ok(self.client.close().await?)
    }
}

/// A plain HTTP/1.1 GET on loopback; returns the raw response (status line, headers, body).
pub fn http_get(url: &str) -> anyhow::Result<String> {
    http("GET", url, None)
}

/// A plain HTTP/1.1 POST of `json` on loopback (the demo desk's back office); the raw response.
pub fn http_post_json(url: &str, json: &serde_json::Value) -> anyhow::Result<String> {
    http("POST", url, Some(&json.to_string()))
}

fn http(method: &str, url: &str, json: Option<&str>) -> anyhow::Result<String> {
    use std::io::{Read as _, Write as _};
    let rest = url
        .strip_prefix("http://")
        .context("only http:// addresses on loopback")?;
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_owned()), |(host, path)| {
            (host, format!("/{path}"))
        });
    let mut stream =
        TcpStream::connect(host).with_context(|| format!("cannot connect to {host}"))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
    )?;
    if let Some(json) = json {
        write!(
            stream,
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            json.len()
        )?;
    }
    write!(stream, "\r\n{}", json.unwrap_or_default())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

fn wait_until(
    timeout: Duration,
    what: &str,
    mut ready: impl FnMut() -> bool,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if ready() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("timed out after {timeout:?} waiting for {what}")
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Whether display `:number` is free: no lock, or a lock left by an Xvfb that is gone (the
/// tests stop theirs with SIGKILL, which leaves its lock and socket behind), which is then
/// cleared so the new server can take the number.
fn display_is_free(number: u32) -> bool {
    let lock = format!("/tmp/.X{number}-lock");
    let socket = format!("/tmp/.X11-unix/X{number}");
    let Ok(owner) = std::fs::read_to_string(&lock) else {
        return !Path::new(&lock).exists() && !Path::new(&socket).exists();
    };
    let owner_alive = owner
        .trim()
        .parse::<u32>()
        .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
    if owner_alive {
        return false;
    }
    let _ = std::fs::remove_file(&socket);
    std::fs::remove_file(&lock).is_ok()
}

/// Starts Xvfb on the first free display number from 90 up.
fn start_xvfb() -> anyhow::Result<(u32, Daemon)> {
    let number = (90..400)
        .find(|&n| display_is_free(n))
        .context("no free X display number between :90 and :399")?;
    let child = Command::new("Xvfb")
        .arg(format!(":{number}"))
        .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start Xvfb: install Debian's xvfb (`cargo xtask setup`)")?;
    let daemon = Daemon(child);
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    wait_until(STARTUP_TIMEOUT, "Xvfb to open its display", || {
        socket.exists()
    })?;
    Ok((number, daemon))
}
