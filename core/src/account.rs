//! The company help desk the user signed in to: its address and OAuth client in a small JSON
//! file (nothing secret), its tokens in the OS keyring (Secret Service on Linux), never on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::damaged::{DamageLog, DamagedFileKind};
use crate::json_file::JsonFile;
use crate::{OAuthTokens, TokenSink};

/// The keyring service name Helpline's entries are filed under; the account is the desk's
/// address, so each desk has its own entry.
const KEYRING_SERVICE: &str = "Helpline help desk sign-in";

/// A desk the user signed in to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskAccount {
    /// The desk's address, as `https://acme.zendesk.com` (no path).
    pub desk_url: String,
    /// The OAuth client the tokens belong to; refreshing needs it.
    pub client_id: String,
    /// Who signed in, as the desk named them then (shown in Settings).
    pub user_name: String,
    #[serde(default)]
    pub user_email: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot save the help desk account to {path}: {source}. Check that the folder is writable"
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No Secret Service answered, or it refused: the tokens cannot be kept or read.
    #[error("Helpline keeps your sign-in in the system keyring, and the keyring did not answer ({0}). Start or unlock your keyring (GNOME Keyring, KWallet), then sign in again")]
    Keyring(String),
}

/// Loads and saves the [`DeskAccount`] as `account.json`. A damaged file is set aside
/// (`account.json.damaged`) and reads as no account, so signing in and out keep working.
#[derive(Debug, Clone)]
pub struct AccountStore {
    file: JsonFile,
}

impl AccountStore {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let file = JsonFile::new(path.into(), DamagedFileKind::Account);
        Self { file }
    }

    /// Records a damaged file found at load in `log`, for the app to tell the user.
    pub fn reporting_to(mut self, log: DamageLog) -> Self {
        self.file.report_to(log);
        self
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The desk signed in to, or `None` (the demo desk).
    pub fn load(&self) -> Result<Option<DeskAccount>, AccountError> {
        self.file
            .load(|text| serde_json::from_str(text))
            .map_err(|source| AccountError::Read {
                path: self.path().to_path_buf(),
                source,
            })
    }

    /// The OAuth client the saved account at `desk_url` signed in with, to sign in again with
    /// the same one; `None` for another desk or no account.
    pub fn client_id_for(&self, desk_url: &str) -> Option<String> {
        let saved = self.load().ok().flatten()?;
        (saved.desk_url.trim_end_matches('/') == desk_url.trim_end_matches('/'))
            .then_some(saved.client_id)
    }

    pub fn save(&self, account: &DeskAccount) -> Result<(), AccountError> {
        self.file
            .save(account)
            .map_err(|source| AccountError::Write {
                path: self.path().to_path_buf(),
                source,
            })
    }

    pub fn clear(&self) -> Result<(), AccountError> {
        match std::fs::remove_file(self.path()) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                Err(AccountError::Write {
                    path: self.path().to_path_buf(),
                    source,
                })
            }
            _ => Ok(()),
        }
    }
}

/// A desk's OAuth tokens in the OS keyring. The keyring calls block on D-Bus, so async code
/// calls them from a blocking thread.
#[derive(Debug, Clone)]
pub struct KeyringTokens {
    desk_url: String,
}

impl KeyringTokens {
    pub fn for_desk(desk_url: &str) -> Self {
        Self {
            desk_url: desk_url.to_owned(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, AccountError> {
        keyring::Entry::new(KEYRING_SERVICE, &self.desk_url).map_err(keyring_error)
    }

    /// The stored tokens, or `None` when the keyring holds none for this desk.
    pub fn load(&self) -> Result<Option<OAuthTokens>, AccountError> {
        match self.entry()?.get_password() {
            Ok(secret) => serde_json::from_str(&secret)
                .map(Some)
                .map_err(|error| AccountError::Keyring(format!("unreadable entry: {error}"))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    pub fn save(&self, tokens: &OAuthTokens) -> Result<(), AccountError> {
        let secret = serde_json::to_string(tokens).expect("tokens serialise");
        self.entry()?.set_password(&secret).map_err(keyring_error)
    }

    /// Forgets the tokens; forgetting what is not there is fine.
    pub fn delete(&self) -> Result<(), AccountError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }

    /// A sink that keeps every refreshed pair, for [`crate::Credentials::OAuth`].
    pub fn sink(&self) -> Arc<dyn TokenSink> {
        Arc::new(self.clone())
    }
}

impl TokenSink for KeyringTokens {
    fn tokens_refreshed(&self, tokens: &OAuthTokens) {
        // The old pair no longer works once the desk rotated it: failing to keep the new one
        // means signing in again after the next start, which the log should explain.
        if let Err(error) = self.save(tokens) {
            tracing::error!(%error, desk = %self.desk_url, "cannot keep the refreshed sign-in");
        }
    }
}

impl From<AccountError> for crate::WireError {
    fn from(error: AccountError) -> Self {
        crate::WireError::new(crate::ErrorCode::Internal, error.to_string())
    }
}

fn keyring_error(error: keyring::Error) -> AccountError {
    AccountError::Keyring(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_survives_a_save_and_clear_forgets_it() {
        let folder = tempfile::tempdir().unwrap();
        let store = AccountStore::new(folder.path().join("nested/account.json"));
        assert_eq!(store.load().unwrap(), None);
        let account = DeskAccount {
            desk_url: "https://acme.zendesk.com".to_owned(),
            client_id: "helpline_desktop".to_owned(),
            user_name: "Dana Demo".to_owned(),
            user_email: None,
        };
        store.save(&account).unwrap();
        assert_eq!(store.load().unwrap(), Some(account.clone()));
        assert_eq!(
            store.client_id_for("https://acme.zendesk.com/").as_deref(),
            Some("helpline_desktop")
        );
        assert_eq!(store.client_id_for("https://other.zendesk.com"), None);
        store.clear().unwrap();
        store.clear().unwrap();
        assert_eq!(store.load().unwrap(), None);
    }

    #[test]
    fn a_damaged_account_file_is_set_aside_and_reads_as_signed_out() {
        let folder = tempfile::tempdir().unwrap();
        let log = DamageLog::default();
        let store = AccountStore::new(folder.path().join("account.json")).reporting_to(log.clone());
        std::fs::write(store.path(), "{not json").unwrap();
        assert_eq!(store.load().unwrap(), None);
        assert!(!store.path().exists());
        assert!(folder.path().join("account.json.damaged").is_file());
        assert_eq!(log.all()[0].kind, DamagedFileKind::Account);
    }
}
