//! Unguessable tokens and the digests they are stored as.

use rand::distr::Alphanumeric;
use rand::Rng;
use sha2::{Digest, Sha256};

/// `length` random letters and digits (62 symbols, so 32 of them carry about 190 bits).
pub(crate) fn random_token(length: usize) -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(length)
        .map(char::from)
        .collect()
}

/// Lowercase hex SHA-256: how secrets are kept at rest, so a copy of the database hands out
/// no working credential.
pub(crate) fn digest_hex(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_alphanumeric_and_differ() {
        let a = random_token(32);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, random_token(32));
    }

    #[test]
    fn digests_are_stable_hex() {
        assert_eq!(
            digest_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
