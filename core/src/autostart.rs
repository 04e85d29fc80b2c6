//! "Open Helpline when I log in": an XDG autostart entry (`$XDG_CONFIG_HOME/autostart/
//! helpline.desktop`, the folder every Linux desktop reads at login). Written here rather than
//! through tauri-plugin-autostart because its Linux side (auto-launch) always writes under
//! `~/.config`, ignoring `XDG_CONFIG_HOME`, which the spec and the tests' private home rely on.

use std::io;
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "helpline.desktop";

/// The autostart entry of the program at `exec`.
#[derive(Debug, Clone)]
pub struct Autostart {
    entry: PathBuf,
    exec: PathBuf,
}

impl Autostart {
    /// The entry for the current user (`$XDG_CONFIG_HOME`, else `~/.config`) and this program.
    pub fn for_current_user() -> io::Result<Self> {
        let config = directories::BaseDirs::new()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no home folder"))?
            .config_dir()
            .to_path_buf();
        Ok(Self::in_config_dir(&config, &std::env::current_exe()?))
    }

    pub fn in_config_dir(config_dir: &Path, exec: &Path) -> Self {
        Self {
            entry: config_dir.join("autostart").join(FILE_NAME),
            exec: exec.to_path_buf(),
        }
    }

    pub fn entry_path(&self) -> &Path {
        &self.entry
    }

    /// Whether the user's session starts Helpline (an entry someone turned off with
    /// `Hidden=true` does not count).
    pub fn is_enabled(&self) -> bool {
        std::fs::read_to_string(&self.entry)
            .is_ok_and(|text| !text.lines().any(|line| line.trim() == "Hidden=true"))
    }

    /// Writes the entry (through a temporary file, so a crash leaves none or a whole one).
    pub fn enable(&self) -> io::Result<()> {
        let folder = self.entry.parent().expect("the entry is in a folder");
        std::fs::create_dir_all(folder)?;
        let temporary = folder.join(format!(".{FILE_NAME}.new"));
        std::fs::write(&temporary, self.desktop_entry())?;
        std::fs::rename(&temporary, &self.entry)
    }

    pub fn disable(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.entry) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    fn desktop_entry(&self) -> String {
        format!(
            "[Desktop Entry]\nType=Application\nName=Helpline\nComment=Help articles, tickets and platform status\nExec={}\nIcon=helpline\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
            quoted(&self.exec.to_string_lossy())
        )
    }
}

/// An `Exec` argument as the Desktop Entry spec quotes it: in double quotes, with `"`, `` ` ``,
/// `$` and `\` escaped, and `%` doubled (field codes).
fn quoted(program: &str) -> String {
    let mut out = String::from("\"");
    for character in program.chars() {
        match character {
            '"' | '`' | '$' | '\\' => {
                out.push('\\');
                out.push(character);
            }
            '%' => out.push_str("%%"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_is_written_read_and_removed_in_the_xdg_config_folder() {
        let config = tempfile::tempdir().unwrap();
        let autostart =
            Autostart::in_config_dir(config.path(), Path::new("/opt/Help line/helpline"));
        assert!(!autostart.is_enabled());
        autostart.enable().unwrap();
        assert!(autostart.is_enabled());
        let text =
            std::fs::read_to_string(config.path().join("autostart/helpline.desktop")).unwrap();
        assert!(text.starts_with("[Desktop Entry]\n"));
        assert!(
            text.contains("\nExec=\"/opt/Help line/helpline\"\n"),
            "{text}"
        );
        autostart.disable().unwrap();
        assert!(!autostart.is_enabled());
        autostart.disable().unwrap();
    }

    #[test]
    fn an_entry_turned_off_by_the_desktop_does_not_count_and_odd_paths_are_quoted() {
        let config = tempfile::tempdir().unwrap();
        let autostart = Autostart::in_config_dir(config.path(), Path::new("/x"));
        std::fs::create_dir_all(config.path().join("autostart")).unwrap();
        std::fs::write(autostart.entry_path(), "[Desktop Entry]\nHidden=true\n").unwrap();
        assert!(!autostart.is_enabled());
        assert_eq!(quoted("/a$b/100%/\"q\""), "\"/a\\$b/100%%/\\\"q\\\"\"");
    }
}
