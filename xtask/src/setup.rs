//! `cargo xtask setup`: idempotent, and quick when everything is already there.

use std::time::SystemTime;

use anyhow::bail;

use crate::process::{npm, workspace_root, Command};

/// Debian/Ubuntu packages for building the Tauri shell and for the headless tests.
const APT_PACKAGES: &[&str] = &[
    // Building the app (Tauri v2 on WebKitGTK 4.1).
    "build-essential",
    "pkg-config",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libjavascriptcoregtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "librsvg2-dev",
    "libssl-dev",
    "libxdo-dev",
    // The tray icon (loaded at run time by Tauri's tray on Linux).
    "libayatana-appindicator3-dev",
    // Tests: a virtual display, a private D-Bus session with a keyring, WebDriver for the real app, and
    // Debian's Chromium for the UI tests (Playwright never downloads a browser).
    "xvfb",
    "xauth",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "xdg-utils",
    // The desktop's handler list: dpkg's trigger updates it when the installed-package test
    // installs Helpline's desktop file, and xdg-open then finds Helpline for helpline:// links.
    "desktop-file-utils",
    "webkit2gtk-driver",
    "chromium",
];

pub fn run() -> anyhow::Result<()> {
    install_apt_packages(APT_PACKAGES)?;
    install_npm_packages_if_stale()
}

fn missing_apt_packages<'a>(packages: &[&'a str]) -> Vec<&'a str> {
    packages
        .iter()
        .copied()
        .filter(|package| {
            let status = Command::new("dpkg-query", &["-W", "-f=${Status}", package]).output();
            status.as_deref() != Some("install ok installed")
        })
        .collect()
}

/// Installs those of `packages` that are missing (as root or through sudo), or says how.
pub fn install_apt_packages(packages: &[&str]) -> anyhow::Result<()> {
    let missing = missing_apt_packages(packages);
    if missing.is_empty() {
        return Ok(());
    }
    let install_line = format!(
        "apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    let is_root = Command::new("id", &["-u"])
        .output()
        .is_some_and(|uid| uid.trim() == "0");
    let can_sudo = !is_root && Command::new("sudo", &["-n", "true"]).output().is_some();
    if !is_root && !can_sudo {
        bail!("these Debian packages are missing: {}\nInstall them with:\n  sudo apt-get update && sudo {install_line}\nthen run the command again.", missing.join(" "));
    }
    println!("installing Debian packages: {}", missing.join(" "));
    let apt = |args: &[&str]| {
        // sudo drops the environment, so the frontend setting travels as an argument.
        let mut full: Vec<&str> = if can_sudo {
            vec!["DEBIAN_FRONTEND=noninteractive", "apt-get"]
        } else {
            vec![]
        };
        full.extend_from_slice(args);
        let program = if can_sudo { "sudo" } else { "apt-get" };
        Command::new(program, &full)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .run()
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

fn modified(path: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn install_npm_packages_if_stale() -> anyhow::Result<()> {
    let ui = workspace_root().join("ui");
    let installed = modified(&ui.join("node_modules/.package-lock.json"));
    let locked = modified(&ui.join("package-lock.json"));
    if installed.is_some() && installed >= locked {
        return Ok(());
    }
    npm(&["ci", "--no-audit", "--no-fund"])
}
