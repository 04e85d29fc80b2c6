//! Which desk the app is signed in to, as a rule rather than a screen's business: a finished
//! sign-in keeps its tokens and replaces another desk's (one company desk at a time, so no
//! tokens are left in the keyring behind the user's back); signing out forgets both.
//!
//! The tokens go through a [`TokenVault`]: the OS keyring in the app ([`SystemKeyring`]), a
//! map in tests. Keyring calls block on D-Bus, so async callers run these on a blocking thread.

use crate::{AccountError, AccountStore, DeskAccount, KeyringTokens, OAuthTokens};

/// Where the desks' tokens are kept.
pub trait TokenVault: Send + Sync {
    fn save(&self, desk_url: &str, tokens: &OAuthTokens) -> Result<(), AccountError>;
    /// Forgetting what is not there is fine.
    fn delete(&self, desk_url: &str) -> Result<(), AccountError>;
}

/// The OS keyring (Secret Service on Linux), one entry per desk.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemKeyring;

impl TokenVault for SystemKeyring {
    fn save(&self, desk_url: &str, tokens: &OAuthTokens) -> Result<(), AccountError> {
        KeyringTokens::for_desk(desk_url).save(tokens)
    }

    fn delete(&self, desk_url: &str) -> Result<(), AccountError> {
        KeyringTokens::for_desk(desk_url).delete()
    }
}

impl AccountStore {
    /// Keeps a finished sign-in: its tokens first (without them the account is useless), then
    /// the previous desk's tokens forgotten when it was another desk, then `account.json`.
    pub fn adopt(
        &self,
        vault: &dyn TokenVault,
        account: &DeskAccount,
        tokens: &OAuthTokens,
    ) -> Result<(), AccountError> {
        vault.save(&account.desk_url, tokens)?;
        if let Some(previous) = self.load()? {
            if !same_desk(&previous.desk_url, &account.desk_url) {
                vault.delete(&previous.desk_url)?;
            }
        }
        self.save(account)
    }

    /// Forgets the signed-in desk's tokens and account; the desk it was, if any. Its cached
    /// tickets and unsent items stay on disk for the next sign-in to it.
    pub fn sign_out(&self, vault: &dyn TokenVault) -> Result<Option<DeskAccount>, AccountError> {
        let Some(account) = self.load()? else {
            return Ok(None);
        };
        vault.delete(&account.desk_url)?;
        self.clear()?;
        Ok(Some(account))
    }
}

fn same_desk(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct MemoryVault(Mutex<BTreeMap<String, String>>);

    impl MemoryVault {
        fn desks(&self) -> Vec<String> {
            self.0.lock().unwrap().keys().cloned().collect()
        }
    }

    impl TokenVault for MemoryVault {
        fn save(&self, desk_url: &str, tokens: &OAuthTokens) -> Result<(), AccountError> {
            let mut map = self.0.lock().unwrap();
            map.insert(desk_url.to_owned(), tokens.access_token.clone());
            Ok(())
        }

        fn delete(&self, desk_url: &str) -> Result<(), AccountError> {
            self.0.lock().unwrap().remove(desk_url);
            Ok(())
        }
    }

    fn account(desk_url: &str) -> DeskAccount {
        DeskAccount {
            desk_url: desk_url.into(),
            client_id: "helpline_desktop".into(),
            user_name: "Dana".into(),
            user_email: None,
        }
    }

    fn tokens(access: &str) -> OAuthTokens {
        OAuthTokens {
            access_token: access.into(),
            refresh_token: format!("{access}-refresh"),
        }
    }

    #[test]
    fn signing_in_to_another_desk_forgets_the_first_desks_tokens() {
        let folder = tempfile::tempdir().unwrap();
        let accounts = AccountStore::new(folder.path().join("account.json"));
        let vault = MemoryVault::default();
        accounts
            .adopt(&vault, &account("https://acme.zendesk.com"), &tokens("a"))
            .unwrap();
        accounts
            .adopt(&vault, &account("https://acme.zendesk.com"), &tokens("b"))
            .unwrap();
        assert_eq!(
            vault.desks(),
            ["https://acme.zendesk.com"],
            "same desk: kept"
        );
        accounts
            .adopt(&vault, &account("https://other.zendesk.com"), &tokens("c"))
            .unwrap();
        assert_eq!(vault.desks(), ["https://other.zendesk.com"]);
        assert_eq!(
            accounts.load().unwrap().unwrap().desk_url,
            "https://other.zendesk.com"
        );
    }

    #[test]
    fn signing_out_forgets_the_tokens_and_the_account() {
        let folder = tempfile::tempdir().unwrap();
        let accounts = AccountStore::new(folder.path().join("account.json"));
        let vault = MemoryVault::default();
        assert_eq!(accounts.sign_out(&vault).unwrap(), None);
        accounts
            .adopt(&vault, &account("https://acme.zendesk.com"), &tokens("a"))
            .unwrap();
        let was = accounts.sign_out(&vault).unwrap().unwrap();
        assert_eq!(was.desk_url, "https://acme.zendesk.com");
        assert!(vault.desks().is_empty());
        assert_eq!(accounts.load().unwrap(), None);
    }

    #[test]
    fn a_damaged_account_file_does_not_stop_a_new_sign_in() {
        let folder = tempfile::tempdir().unwrap();
        let accounts = AccountStore::new(folder.path().join("account.json"));
        std::fs::write(accounts.path(), "{broken").unwrap();
        let vault = MemoryVault::default();
        accounts
            .adopt(&vault, &account("https://acme.zendesk.com"), &tokens("a"))
            .unwrap();
        assert_eq!(vault.desks(), ["https://acme.zendesk.com"]);
        assert!(accounts.load().unwrap().is_some());
        assert_eq!(
            accounts.sign_out(&vault).unwrap().unwrap().user_name,
            "Dana"
        );
    }
}
