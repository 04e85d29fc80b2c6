//! Developer tasks, run as `cargo xtask <task>`:
//!
//! - `setup`: install what building and testing need (Debian packages, the UI's npm packages).
//! - `run`: set up if needed, build the UI and the app, and start the app.
//! - `test`: set up if needed, then every check CI runs, in order, stopping at the first failure.
//! - `e2e`: build the app and drive it over WebDriver under Xvfb (part of `test`).
//! - `bindings`: regenerate `ui/src/lib/bindings.ts` from the Rust commands.
//! - `bench search`: install the benchmark corpus and compare help search with SQLite FTS5.
//! - `bench desk`: the demo desk under 500 mixed reads a second.
//! - `bench store`: the ticket store at 10,000 requests and 100,000 comments.
//! - `bench notify [--rest SECONDS] [--replies N]`: the release app's reply notifications,
//!   requests a minute, memory and CPU at rest in the tray, window from the tray, cold start.
//! - `bundle [--debug]`: the Debian package (`target/<profile>/bundle/deb/`), with Tauri's
//!   bundler; `--debug` packages the debug build the end-to-end tests use.

mod bench;
mod process;
mod setup;

use std::time::Instant;

use anyhow::bail;
use process::{cargo, npm, target_dir, workspace_root};

const USAGE: &str =
    "usage: cargo xtask <setup|run|test|e2e|bindings|bench search|bench desk|bench store|bench notify|bundle [--debug]> [args for run...]";

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    match task.as_deref() {
        Some("setup") => setup::run(),
        Some("run") => run_app(&rest),
        Some("test") => test_everything(),
        Some("e2e") => {
            setup::run()?;
            build_ui()?;
            e2e()
        }
        Some("bindings") => bindings(),
        Some("bundle") => bundle(rest.iter().any(|arg| arg == "--debug")),
        Some("bench") if rest.first().map(String::as_str) == Some("search") => bench::search(),
        Some("bench") if rest.first().map(String::as_str) == Some("desk") => bench::desk(),
        Some("bench") if rest.first().map(String::as_str) == Some("store") => bench::store(),
        Some("bench") if rest.first().map(String::as_str) == Some("notify") => {
            bench::notify(&rest[1..])
        }
        _ => bail!("{USAGE}"),
    }
}

pub(crate) fn build_ui() -> anyhow::Result<()> {
    npm(&["run", "build"])
}

fn run_app(app_args: &[String]) -> anyhow::Result<()> {
    setup::run()?;
    build_ui()?;
    // The whole workspace, like `test` builds it, so the two share compiled dependencies.
    cargo(&["build", "--workspace", "--bins"])?;
    let app = target_dir().join("debug/helpline-app");
    let args: Vec<&str> = app_args.iter().map(String::as_str).collect();
    process::Command::new(&app.to_string_lossy(), &args).run()
}

fn bindings() -> anyhow::Result<()> {
    // The shell embeds ui/dist at compile time, so it must exist before the generator compiles.
    if !workspace_root().join("ui/dist/index.html").exists() {
        setup::run()?;
        build_ui()?;
    }
    process::Command::cargo(&["test", "--package", "helpline-app", "--lib", "bindings::"])
        .env("HELPLINE_WRITE_BINDINGS", "1")
        .run()?;
    println!("wrote ui/src/lib/bindings.ts");
    Ok(())
}

/// Builds the app and its Debian package, and runs the `#[ignore]`d end-to-end tests (one
/// installs the package). The commands select the whole workspace, like the other steps, so
/// cargo reuses what they compiled instead of rebuilding dependencies with another feature set.
fn e2e() -> anyhow::Result<()> {
    cargo(&["build", "--workspace", "--bins"])?;
    package("debug")?;
    cargo(&["test", "--workspace", "--", "--ignored", "--test-threads=1"])
}

/// `cargo xtask bundle`: the release build (or the debug one), packaged.
fn bundle(debug: bool) -> anyhow::Result<()> {
    setup::run()?;
    build_ui()?;
    if debug {
        cargo(&["build", "--workspace", "--bins"])?;
        return package("debug");
    }
    build_release_binaries()?;
    cargo(&["build", "--package", "helpline-packaging"])?;
    package("release")
}

/// The app and the `helpline` command in release mode (the package and `bench notify`).
pub(crate) fn build_release_binaries() -> anyhow::Result<()> {
    cargo(&[
        "build",
        "--release",
        "--package",
        "helpline-app",
        "--package",
        "helpline-cli",
    ])
}

/// Runs the packager (already built, in the debug profile) on `target/<profile>/`.
fn package(profile: &str) -> anyhow::Result<()> {
    let packager = target_dir().join("debug/helpline-package");
    let profile_dir = target_dir().join(profile);
    process::Command::new(
        &packager.to_string_lossy(),
        &[profile_dir.to_string_lossy().as_ref()],
    )
    .run()
}

/// A clean build with every check fills about 4 GB of target/; a full disk shows up as odd linker and
/// compiler crashes, so say up front how much room there is.
fn report_free_disk() {
    let target = target_dir();
    let probe = if target.exists() {
        target
    } else {
        workspace_root()
    };
    let _ = std::process::Command::new("df")
        .args(["-h", "--output=avail,target"])
        .arg(probe)
        .status();
}

/// A named check of `cargo xtask test`.
type Step = (&'static str, fn() -> anyhow::Result<()>);

fn test_everything() -> anyhow::Result<()> {
    let started = Instant::now();
    report_free_disk();
    let steps: [Step; 10] = [
        ("setup", setup::run),
        ("build the UI", build_ui),
        ("rustfmt", || cargo(&["fmt", "--all", "--", "--check"])),
        ("clippy", || {
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        }),
        ("Rust tests (with the bindings drift check)", || {
            cargo(&["test", "--workspace"])
        }),
        ("UI typecheck", || npm(&["run", "check"])),
        ("UI lint", || npm(&["run", "lint"])),
        ("UI unit tests", || npm(&["run", "test:unit"])),
        ("UI tests in headless Chromium (mock backend)", || {
            npm(&["run", "test:ui"])
        }),
        ("real-app end-to-end test (Xvfb + WebDriver)", e2e),
    ];
    for (name, step) in steps {
        let step_started = Instant::now();
        println!("\n==> {name}");
        step().map_err(|error| error.context(format!("step failed: {name}")))?;
        println!("<== {name}: ok in {:.0?}", step_started.elapsed());
    }
    println!("\nall checks passed in {:.0?}", started.elapsed());
    // A closing line CI can read: the last runner output above may be a crate with no tests.
    println!("checks: {} passed, 0 failed", steps.len());
    Ok(())
}
