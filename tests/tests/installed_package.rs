//! The Debian package as a user gets it: `cargo xtask e2e` builds it (`bundle --debug`), this
//! installs it with dpkg, checks what it put on the system, starts the installed binary, opens
//! a `helpline://` link the way another program does (xdg-open, through the desktop file's
//! scheme handler) and removes the package again.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context as _};
use helpline_e2e::Desktop;

/// Dana's "Export to CSV times out for large projects" in the demo desk's seed.
const EXPORT_REQUEST: u64 = 4_294_967_401;
const SUBJECT: &str = "Export to CSV times out for large projects";
const PACKAGE: &str = "helpline";
const DESKTOP_FILE: &str = "/usr/share/applications/Helpline.desktop";

#[tokio::test(flavor = "current_thread")]
#[ignore = "installs a package system-wide (root or sudo): run `cargo xtask e2e`"]
async fn the_installed_package_starts_and_takes_helpline_links() -> anyhow::Result<()> {
    let deb = built_package()?;
    let installed = Installed::install(&deb)?;

    let files = installed.files()?;
    for expected in ["/usr/bin/helpline-app", "/usr/bin/helpline", DESKTOP_FILE] {
        assert!(
            files.iter().any(|file| file == expected),
            "{expected} is not in {files:?}"
        );
    }
    assert!(
        files
            .iter()
            .any(|file| file.starts_with("/usr/share/icons/hicolor/")
                && file.ends_with("/apps/helpline-app.png")),
        "no icon in {files:?}"
    );
    let desktop_entry = std::fs::read_to_string(DESKTOP_FILE)?;
    assert!(
        desktop_entry.contains("MimeType=x-scheme-handler/helpline;"),
        "{desktop_entry}"
    );
    assert!(
        desktop_entry.contains("Exec=helpline-app %u"),
        "{desktop_entry}"
    );
    run_ok(Command::new("desktop-file-validate").arg(DESKTOP_FILE))?;
    let depends = output_of(Command::new("dpkg-query").args(["-W", "-f=${Depends}", PACKAGE]))?;
    for library in [
        "libwebkit2gtk-4.1-0",
        "libgtk-3-0",
        "libayatana-appindicator3-1",
    ] {
        assert!(
            depends.contains(library),
            "Depends lacks {library}: {depends}"
        );
    }
    let handler = output_of(Command::new("xdg-mime").args([
        "query",
        "default",
        "x-scheme-handler/helpline",
    ]))?;
    assert_eq!(
        handler.trim(),
        "Helpline.desktop",
        "the desktop's handler for helpline://"
    );

    // The installed binary, not the build tree's, on a first run: the demo desk and the help.
    let desktop = Desktop::start()?;
    let app = desktop
        .launch_binary(Path::new("/usr/bin/helpline-app"), &[])
        .await?;
    app.type_into("[data-testid='search-input']", "export csv")
        .await?;
    app.wait_for_count("[data-testid='search-result']", 1, Duration::from_secs(20))
        .await?;
    app.click("nav a[data-screen='tickets']").await?;
    // The list opens on what needs the user; every seeded ticket is under All.
    app.click("[data-testid='ticket-filter-all']").await?;
    app.wait_for_count("[data-testid='ticket-row']", 5, Duration::from_secs(30))
        .await?;
    app.click("nav a[data-screen='search']").await?;

    // A link clicked elsewhere reaches the running copy through the desktop file.
    desktop.open_link(&format!("helpline://ticket/{EXPORT_REQUEST}"))?;
    app.wait_for_text_containing("[data-testid='ticket-subject']", SUBJECT)
        .await?;
    app.screenshot("installed-package-ticket-link").await?;
    desktop.close_app(app).await?;

    installed.remove()?;
    assert!(!Path::new("/usr/bin/helpline-app").exists());
    assert!(!Path::new(DESKTOP_FILE).exists());
    Ok(())
}

/// The package `cargo xtask bundle --debug` made.
fn built_package() -> anyhow::Result<PathBuf> {
    let dir = helpline_e2e::target_dir().join("debug/bundle/deb");
    let found = std::fs::read_dir(&dir)
        .with_context(|| format!("no {}: run `cargo xtask bundle --debug`", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "deb"));
    found.with_context(|| {
        format!(
            "no .deb in {}: run `cargo xtask bundle --debug`",
            dir.display()
        )
    })
}

/// The package while installed; removed on drop if the test ends early.
struct Installed {
    removed: bool,
}

impl Installed {
    fn install(deb: &Path) -> anyhow::Result<Self> {
        // The test purges the package at the end: never one a person installed.
        let already = Command::new("dpkg-query")
            .args(["-W", "-f=${Status}", PACKAGE])
            .output()
            .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).contains("installed"));
        if already {
            bail!("a {PACKAGE} package is already installed here; this test would remove it");
        }
        // The guard first: a failed install (a missing dependency) leaves a half-configured
        // package that must be purged too.
        let installed = Self { removed: false };
        let mut dpkg = as_root("dpkg")?;
        dpkg.arg("--install").arg(deb);
        run_ok(&mut dpkg)?;
        Ok(installed)
    }

    fn files(&self) -> anyhow::Result<Vec<String>> {
        let listing = output_of(Command::new("dpkg-query").args(["--listfiles", PACKAGE]))?;
        Ok(listing.lines().map(str::to_owned).collect())
    }

    fn remove(mut self) -> anyhow::Result<()> {
        self.removed = true;
        let mut dpkg = as_root("dpkg")?;
        dpkg.args(["--purge", PACKAGE]);
        run_ok(&mut dpkg)
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        if !self.removed {
            if let Ok(mut dpkg) = as_root("dpkg") {
                let _ = dpkg.args(["--purge", PACKAGE]).status();
            }
        }
    }
}

/// `program` run as root: directly when the test is root, else through passwordless sudo.
fn as_root(program: &str) -> anyhow::Result<Command> {
    let uid = output_of(Command::new("id").arg("-u"))?;
    if uid.trim() == "0" {
        return Ok(Command::new(program));
    }
    if Command::new("sudo")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|status| status.success())
    {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", program]);
        return Ok(sudo);
    }
    bail!("installing the package needs root or passwordless sudo; run the test as root")
}

/// Runs `command`, which must succeed; what it printed goes into the error otherwise.
fn run_ok(command: &mut Command) -> anyhow::Result<()> {
    output_of(command).map(drop)
}

/// What `command` printed on stdout; it must succeed.
fn output_of(command: &mut Command) -> anyhow::Result<String> {
    let output = command
        .output()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !output.status.success() {
        bail!(
            "{command:?} failed ({}): {}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
