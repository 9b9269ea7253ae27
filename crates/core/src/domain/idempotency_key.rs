//! The `Idempotency-Key` a client sends on every request that changes state on the service.
//!
//! The app makes one per logical request (one application, one typed SMS code, ...) and keeps
//! it until the answer is in; a repeat after a lost answer carries the same key, and the
//! service answers it with the original result instead of acting twice. The key of an
//! application is stored with its keys *before* the request leaves, so a retry after a crash
//! or a restart still reuses it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The HTTP header that carries the key.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Why a string is not an idempotency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdempotencyKeyError {
    #[error("an idempotency key has {min} to {max} characters, not {len}")]
    WrongLength { min: usize, max: usize, len: usize },
    #[error("an idempotency key has only Latin letters, digits, '-' and '_'")]
    BadCharacter,
}

/// A validated key: 16 to 64 characters of `[A-Za-z0-9_-]`. Not a secret on its own (it
/// grants nothing without the session's token), but unguessable: [`IdempotencyKey::new`]
/// draws 128 random bits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const MIN_LEN: usize = 16;
    pub const MAX_LEN: usize = 64;

    /// A fresh random key (32 hex digits).
    #[allow(clippy::new_without_default)]
    pub fn new() -> IdempotencyKey {
        let bytes: [u8; 16] = rand::random();
        IdempotencyKey(hex::encode(bytes))
    }

    pub fn parse(input: &str) -> Result<IdempotencyKey, IdempotencyKeyError> {
        let len = input.chars().count();
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&len) {
            return Err(IdempotencyKeyError::WrongLength {
                min: Self::MIN_LEN,
                max: Self::MAX_LEN,
                len,
            });
        }
        if !input
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        {
            return Err(IdempotencyKeyError::BadCharacter);
        }
        Ok(IdempotencyKey(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = IdempotencyKeyError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        IdempotencyKey::parse(&value)
    }
}

impl From<IdempotencyKey> for String {
    fn from(key: IdempotencyKey) -> String {
        key.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_keys_are_valid_and_differ() {
        let (a, b) = (IdempotencyKey::new(), IdempotencyKey::new());
        assert_ne!(a, b);
        assert_eq!(IdempotencyKey::parse(a.as_str()), Ok(a.clone()));
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn odd_keys_are_refused() {
        assert!(matches!(
            IdempotencyKey::parse("short"),
            Err(IdempotencyKeyError::WrongLength { len: 5, .. })
        ));
        assert_eq!(
            IdempotencyKey::parse("0123456789abcdef\n"),
            Err(IdempotencyKeyError::BadCharacter)
        );
        assert_eq!(
            IdempotencyKey::parse("0123456789abcdef/.."),
            Err(IdempotencyKeyError::BadCharacter)
        );
        assert!(IdempotencyKey::parse(&"a".repeat(65)).is_err());
        assert!(IdempotencyKey::parse("0123456789abcdef").is_ok());
    }
}
