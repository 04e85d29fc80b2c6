//! A private D-Bus session and the desktop services tests need on it, so that nothing a test
//! does on D-Bus (single-instance name, notifications, keyring) leaks out of it.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context as _};

/// Kills a child process when dropped.
pub struct Daemon(pub(crate) Child);

impl Daemon {
    pub fn new(child: Child) -> Self {
        Self(child)
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts a private session bus; returns its address.
pub fn start_session_bus() -> anyhow::Result<(String, Daemon)> {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start dbus-daemon: install Debian's dbus (`cargo xtask setup`)")?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let daemon = Daemon(child);
    let mut address = String::new();
    BufReader::new(stdout).read_line(&mut address)?;
    if address.trim().is_empty() {
        bail!("dbus-daemon printed no bus address");
    }
    Ok((address.trim().to_owned(), daemon))
}

/// Starts GNOME Keyring's Secret Service on the bus at `bus_address`, with its keyrings under
/// `home` and the login keyring unlocked, as a signed-in desktop session has it. Returns once
/// the service answers on the bus.
pub fn start_keyring(bus_address: &str, home: &Path) -> anyhow::Result<Daemon> {
    let runtime_dir = home.join("run");
    std::fs::create_dir_all(&runtime_dir)?;
    std::fs::set_permissions(
        &runtime_dir,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )?;
    let mut child = Command::new("gnome-keyring-daemon")
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("DBUS_SESSION_BUS_ADDRESS", bus_address)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start gnome-keyring-daemon: install Debian's gnome-keyring (`cargo xtask setup`)")?;
    // The password of the login keyring it creates and unlocks; stdin must close after it.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin.write_all(b"helpline-test-keyring")?;
    drop(stdin);
    let daemon = Daemon(child);
    crate::wait_until(crate::STARTUP_TIMEOUT, "the keyring on D-Bus", || {
        has_owner(bus_address, "org.freedesktop.secrets").unwrap_or(false)
    })?;
    Ok(daemon)
}

/// Whether `name` is owned on the bus at `bus_address`.
pub(crate) fn has_owner(bus_address: &str, name: &str) -> anyhow::Result<bool> {
    let answer = Command::new("dbus-send")
        .args([
            "--session",
            "--dest=org.freedesktop.DBus",
            "--print-reply",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
        ])
        .arg(format!("string:{name}"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus_address)
        .output()
        .context("cannot run dbus-send (Debian's dbus package)")?;
    Ok(String::from_utf8_lossy(&answer.stdout).contains("boolean true"))
}

/// Makes a fake web browser the desktop's handler for http(s) links under `home` (the app's
/// XDG folders there), so that "open in the browser" is recorded instead of starting a real
/// one. Returns the file each opened address is appended to, one per line.
pub fn install_fake_browser(home: &Path) -> anyhow::Result<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt as _;
    let opened = home.join("opened-urls");
    let script = home.join("fake-browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            opened.display()
        ),
    )?;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    let applications = home.join("data/applications");
    std::fs::create_dir_all(&applications)?;
    std::fs::write(
        applications.join("helpline-test-browser.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Test browser\nExec={} %u\n\
             MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
            script.display()
        ),
    )?;
    std::fs::create_dir_all(home.join("config"))?;
    std::fs::write(
        home.join("config/mimeapps.list"),
        "[Default Applications]\n\
         x-scheme-handler/http=helpline-test-browser.desktop\n\
         x-scheme-handler/https=helpline-test-browser.desktop\n",
    )?;
    Ok(opened)
}
