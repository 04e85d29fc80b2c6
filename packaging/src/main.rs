//! `helpline-package <profile dir>`: wraps the app and the `helpline` command that cargo built
//! in `<profile dir>` (e.g. `target/release`) into a Debian package with Tauri's bundler, and
//! prints its path. `cargo xtask bundle` builds the binaries first and runs this.
//!
//! What goes in comes from the shell's `tauri.conf.json` (name, version, identifier, icon, the
//! `helpline://` scheme), so the package and the running app never disagree. The desktop file
//! comes from our own template: the bundler's has no `%u`, and without it a desktop that opens
//! a `helpline://` link starts Helpline without the link.

mod depends;
mod shell_config;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use tauri_bundler::bundle::{
    bundle_project, AppCategory, BundleBinary, BundleSettings, DebianSettings, PackageSettings,
    PackageType, SettingsBuilder,
};

use shell_config::ShellConfig;

/// The desktop app, started by the menu entry and by `helpline://` links.
const APP_BINARY: &str = "helpline-app";
/// The command line, for scripts and for the demo desk's agent tools.
const CLI_BINARY: &str = "helpline";

/// Loaded at run time, so no linked library names them: the tray (Tauri's tray on Linux).
const RUNTIME_DEPENDS: &[&str] = &["libayatana-appindicator3-1"];
/// Opening links and files in the user's programs; keeping sign-in tokens in a keyring.
const RECOMMENDS: &[&str] = &["xdg-utils", "gnome-keyring | kwalletmanager | keepassxc"];

fn main() -> anyhow::Result<()> {
    let profile_dir = match std::env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => bail!("usage: helpline-package <profile dir, e.g. target/release>"),
    };
    let profile_dir = std::path::absolute(&profile_dir)?;
    for binary in [APP_BINARY, CLI_BINARY] {
        if !profile_dir.join(binary).is_file() {
            bail!(
                "{} is missing: build the app and the command first (cargo xtask bundle does)",
                profile_dir.join(binary).display()
            );
        }
    }
    let package = build_deb(&workspace_root(), &profile_dir)?;
    println!("{}", package.display());
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("packaging/ sits in the workspace")
        .to_owned()
}

/// Builds `<profile dir>/bundle/deb/<Name>_<version>_<arch>.deb`.
fn build_deb(root: &Path, profile_dir: &Path) -> anyhow::Result<PathBuf> {
    let shell = root.join("src-tauri");
    let config = ShellConfig::read(&shell.join("tauri.conf.json"))?;
    let binaries = [APP_BINARY, CLI_BINARY].map(|name| profile_dir.join(name));
    let mut depends = depends::linked_libraries(&binaries)?;
    depends.extend(RUNTIME_DEPENDS.iter().map(|name| name.to_string()));

    let settings = SettingsBuilder::new()
        .project_out_directory(profile_dir)
        .package_types(vec![PackageType::Deb])
        .package_settings(PackageSettings {
            product_name: config.product_name.clone(),
            version: config.version.clone(),
            description: "Help and support on the desktop: the vendor's help articles offline, \
                          tickets, reply notifications and platform status"
                .into(),
            homepage: None,
            authors: Some(vec!["The Helpline developers".into()]),
            default_run: Some(APP_BINARY.into()),
        })
        .bundle_settings(BundleSettings {
            identifier: Some(config.identifier.clone()),
            publisher: Some("The Helpline developers".into()),
            icon: Some(
                config
                    .icons
                    .iter()
                    .map(|icon| shell.join(icon).to_string_lossy().into_owned())
                    .collect(),
            ),
            category: Some(AppCategory::Utility),
            short_description: Some("Help articles, tickets and replies from support".into()),
            long_description: Some(
                "Search the vendor's help articles offline, follow and answer support \
                 tickets (also offline, sent later), hear of replies in desktop \
                 notifications and see the platform's status."
                    .into(),
            ),
            deep_link_protocols: Some(config.url_protocols.clone()),
            deb: DebianSettings {
                depends: Some(depends),
                recommends: Some(RECOMMENDS.iter().map(|name| name.to_string()).collect()),
                desktop_template: Some(root.join("packaging/helpline.desktop.hbs")),
                section: Some("utils".into()),
                ..DebianSettings::default()
            },
            ..BundleSettings::default()
        })
        .binaries(vec![
            BundleBinary::new(APP_BINARY.into(), true),
            BundleBinary::new(CLI_BINARY.into(), false),
        ])
        .build()
        .context("cannot set up the bundler")?;
    let bundles = bundle_project(&settings).context("the bundler could not build the .deb")?;
    bundles
        .into_iter()
        .flat_map(|bundle| bundle.bundle_paths)
        .find(|path| path.extension().is_some_and(|ext| ext == "deb"))
        .context("the bundler made no .deb")
}
