//! What the package takes from the shell's `tauri.conf.json`.

use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;
use tauri_utils::config::DeepLinkProtocol;

pub struct ShellConfig {
    pub product_name: String,
    pub version: String,
    pub identifier: String,
    /// Relative to the shell's folder.
    pub icons: Vec<String>,
    /// The URL schemes the app handles (`plugins.deep-link.desktop`), for the desktop file's
    /// `MimeType`.
    pub url_protocols: Vec<DeepLinkProtocol>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    product_name: String,
    version: String,
    identifier: String,
    bundle: BundleSection,
    plugins: PluginsSection,
}

#[derive(Deserialize)]
struct BundleSection {
    icon: Vec<String>,
}

#[derive(Deserialize)]
struct PluginsSection {
    #[serde(rename = "deep-link")]
    deep_link: DeepLinkSection,
}

#[derive(Deserialize)]
struct DeepLinkSection {
    desktop: OneOrMany,
}

/// tauri-plugin-deep-link takes one protocol or a list.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(DeepLinkProtocol),
    Many(Vec<DeepLinkProtocol>),
}

impl ShellConfig {
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let file: ConfigFile = serde_json::from_str(&text).with_context(|| {
            format!("{} is not the shell configuration expected", path.display())
        })?;
        let url_protocols = match file.plugins.deep_link.desktop {
            OneOrMany::One(protocol) => vec![protocol],
            OneOrMany::Many(protocols) => protocols,
        };
        anyhow::ensure!(
            url_protocols
                .iter()
                .any(|protocol| !protocol.schemes.is_empty()),
            "{} declares no URL scheme under plugins.deep-link.desktop",
            path.display()
        );
        Ok(Self {
            product_name: file.product_name,
            version: file.version,
            identifier: file.identifier,
            icons: file.bundle.icon,
            url_protocols,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shells_own_configuration_names_the_helpline_scheme() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/tauri.conf.json");
        let config = ShellConfig::read(&path).unwrap();
        assert_eq!(config.product_name, "Helpline");
        assert_eq!(config.url_protocols[0].schemes, ["helpline"]);
        assert!(!config.icons.is_empty());
    }
}
