use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

/// The repository root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_owned()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// A child process that inherits stdio and must succeed.
pub struct Command(std::process::Command);

impl Command {
    pub fn new(program: &str, args: &[&str]) -> Self {
        let mut command = std::process::Command::new(program);
        command.args(args).current_dir(workspace_root());
        Self(command)
    }

    pub fn cargo(args: &[&str]) -> Self {
        Self::new(
            &std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
            args,
        )
    }

    pub fn in_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.0.current_dir(workspace_root().join(dir));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.0.env(key, value);
        self
    }

    pub fn run(mut self) -> anyhow::Result<()> {
        let shown = format!("{:?}", self.0);
        let status = self
            .0
            .status()
            .with_context(|| format!("cannot start {shown}"))?;
        if !status.success() {
            bail!("{shown} failed ({status})");
        }
        Ok(())
    }

    /// Runs quietly and returns stdout, or None when the program fails or is missing.
    pub fn output(mut self) -> Option<String> {
        let output = self.0.output().ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

pub fn cargo(args: &[&str]) -> anyhow::Result<()> {
    Command::cargo(args).run()
}

/// npm in the UI folder. Playwright must never download a browser: Chromium comes from Debian.
pub fn npm(args: &[&str]) -> anyhow::Result<()> {
    Command::new("npm", args)
        .in_dir("ui")
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .run()
}
