//! The Debian packages the binaries link against, as `dpkg-shlibdeps` (the tool Debian's own
//! packages use) finds them: the libraries each binary needs, the installed packages that ship
//! them, and the oldest versions that provide every symbol used.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _};

/// `Depends` entries for `binaries`, e.g. `libgtk-3-0 (>= 3.21.5)`.
pub fn linked_libraries(binaries: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    // dpkg-shlibdeps insists on being run from a source package: give it a minimal one.
    let source = tempfile::tempdir()?;
    std::fs::create_dir(source.path().join("debian"))?;
    std::fs::write(
        source.path().join("debian/control"),
        "Source: helpline\n\nPackage: helpline\nArchitecture: any\n",
    )?;
    let output = Command::new("dpkg-shlibdeps")
        // Print the result instead of writing debian/substvars. It warns that the binaries are
        // not under debian/<package>/: they are analysed where cargo left them, which is fine.
        .arg("-O")
        .args(binaries.iter().map(|binary| absolute(binary)))
        .current_dir(source.path())
        .output()
        .context("cannot run dpkg-shlibdeps (Debian's dpkg-dev package has it)")?;
    if !output.status.success() {
        bail!(
            "dpkg-shlibdeps failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    parse_substvars(&String::from_utf8_lossy(&output.stdout))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// `shlibs:Depends=a (>= 1), b` → `["a (>= 1)", "b"]`.
fn parse_substvars(text: &str) -> anyhow::Result<Vec<String>> {
    let line = text
        .lines()
        .find_map(|line| line.strip_prefix("shlibs:Depends="))
        .context("dpkg-shlibdeps found no libraries")?;
    Ok(line
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_substitution_variable_becomes_one_entry_per_package() {
        let entries =
            parse_substvars("shlibs:Depends=libc6 (>= 2.34), libgtk-3-0 (>= 3.21.5), libssl3\n")
                .unwrap();
        assert_eq!(
            entries,
            ["libc6 (>= 2.34)", "libgtk-3-0 (>= 3.21.5)", "libssl3"]
        );
        assert!(parse_substvars("").is_err());
    }
}
