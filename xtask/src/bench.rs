//! `cargo xtask bench search`: the corpus comes from Debian's packages listed in
//! `bench/corpus.toml`; the benchmark runs in release mode on one search thread.
//! `cargo xtask bench desk` and `cargo xtask bench store` need nothing installed;
//! `cargo xtask bench notify` needs what the real-app tests need (`cargo xtask setup`).

use anyhow::Context as _;
use serde::Deserialize;

use crate::process::{workspace_root, Command};
use crate::setup;

#[derive(Deserialize)]
struct Corpus {
    packages: Vec<String>,
}

pub fn search() -> anyhow::Result<()> {
    let path = workspace_root().join("bench/corpus.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let corpus: Corpus =
        toml::from_str(&text).with_context(|| format!("bad {}", path.display()))?;
    let packages: Vec<&str> = corpus.packages.iter().map(String::as_str).collect();
    setup::install_apt_packages(&packages)?;
    run_bench("bench-search", &[])
}

pub fn desk() -> anyhow::Result<()> {
    run_bench("bench-desk", &[])
}

/// The ticket store with 10,000 requests and 100,000 comments: list, thread and mark-read times.
pub fn store() -> anyhow::Result<()> {
    run_bench("bench-store", &[])
}

/// One of helpline-bench's programs, in release mode, with `args`.
fn run_bench(program: &str, args: &[String]) -> anyhow::Result<()> {
    let mut command = vec![
        "run",
        "--release",
        "--quiet",
        "--package",
        "helpline-bench",
        "--bin",
        program,
        "--",
    ];
    command.extend(args.iter().map(String::as_str));
    Command::cargo(&command).run()
}

/// The release app in a private desktop: cold start, reply → notification, requests a minute,
/// memory and CPU at rest in the tray, the window shown from the tray. `args` go to the
/// benchmark (`--rest SECONDS`, `--replies N`).
pub fn notify(args: &[String]) -> anyhow::Result<()> {
    setup::run()?;
    crate::build_ui()?;
    crate::build_release_binaries()?;
    run_bench("bench-notify", args)
}
