//! The operator code that guards the kiosk's operator panel (and the only way out of kiosk
//! mode). It is typed on the kiosk's own keypad, so it is digits only: 6 to 12 of them. The
//! settings keep a salted PBKDF2-SHA256 hash of it, never the code itself:
//! `pbkdf2-sha256$ROUNDS$SALT_HEX$HASH_HEX`.

use std::fmt;

use rand::RngCore;
use zeroize::Zeroizing;

pub const MIN_DIGITS: usize = 6;
pub const MAX_DIGITS: usize = 12;
const ROUNDS: u32 = 100_000;
/// Fewer rounds than this in a stored hash is a tampered or foreign file.
const MIN_ROUNDS: u32 = 10_000;
const SCHEME: &str = "pbkdf2-sha256";

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the operator code must be {MIN_DIGITS} to {MAX_DIGITS} digits")]
    Format,
    #[error("the two codes differ")]
    Mismatch,
}

/// A stored operator code.
#[derive(Clone, PartialEq, Eq)]
pub struct CodeHash {
    rounds: u32,
    salt: [u8; 16],
    hash: [u8; 32],
}

impl fmt::Debug for CodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CodeHash(***)")
    }
}

impl fmt::Display for CodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SCHEME}${}${}${}",
            self.rounds,
            hex::encode(self.salt),
            hex::encode(self.hash)
        )
    }
}

/// Whether `code` is a well-formed operator code.
pub fn check_format(code: &str) -> Result<(), CodeError> {
    let digits = code.chars().all(|c| c.is_ascii_digit());
    if digits && (MIN_DIGITS..=MAX_DIGITS).contains(&code.len()) {
        Ok(())
    } else {
        Err(CodeError::Format)
    }
}

fn derive(code: &str, salt: &[u8], rounds: u32) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(code.as_bytes(), salt, rounds, out.as_mut());
    out
}

impl CodeHash {
    /// Hashes a new code with a fresh random salt. Slow on purpose: run it off the UI thread.
    pub fn new(code: &str) -> Result<Self, CodeError> {
        check_format(code)?;
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let hash = *derive(code, &salt, ROUNDS);
        Ok(CodeHash {
            rounds: ROUNDS,
            salt,
            hash,
        })
    }

    /// Whether `code` is the stored one (compared in constant time). Slow on purpose.
    pub fn verify(&self, code: &str) -> bool {
        if check_format(code).is_err() {
            return false;
        }
        let candidate = derive(code, &self.salt, self.rounds);
        candidate
            .iter()
            .zip(self.hash.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }

    /// Reads a stored hash; `None` if it is not one this app wrote.
    pub fn parse(stored: &str) -> Option<Self> {
        let mut parts = stored.trim().split('$');
        if parts.next()? != SCHEME {
            return None;
        }
        let rounds: u32 = parts.next()?.parse().ok()?;
        let salt: [u8; 16] = hex::decode(parts.next()?).ok()?.try_into().ok()?;
        let hash: [u8; 32] = hex::decode(parts.next()?).ok()?.try_into().ok()?;
        if parts.next().is_some() || rounds < MIN_ROUNDS {
            return None;
        }
        Some(CodeHash { rounds, salt, hash })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_code_opens_and_others_do_not() {
        let stored = CodeHash::new("482913").expect("hash");
        assert!(stored.verify("482913"));
        assert!(!stored.verify("482914"));
        assert!(!stored.verify("48291"));
        assert!(!stored.verify(""));
    }

    #[test]
    fn the_stored_form_round_trips_and_holds_no_code() {
        let stored = CodeHash::new("73914025").expect("hash");
        let text = stored.to_string();
        assert!(!text.contains("73914025"));
        assert!(text.starts_with("pbkdf2-sha256$100000$"));
        let read = CodeHash::parse(&text).expect("parse");
        assert_eq!(read, stored);
        assert!(read.verify("73914025"));
        // The same code hashes differently each time (salted).
        assert_ne!(CodeHash::new("73914025").expect("hash").to_string(), text);
    }

    #[test]
    fn codes_are_six_to_twelve_digits() {
        assert_eq!(check_format("12345"), Err(CodeError::Format));
        assert_eq!(check_format("1234567890123"), Err(CodeError::Format));
        assert_eq!(check_format("12345a"), Err(CodeError::Format));
        assert_eq!(check_format("123456"), Ok(()));
        assert!(CodeHash::new("abcdef").is_err());
    }

    #[test]
    fn foreign_or_weakened_hashes_are_refused() {
        let text = CodeHash::new("482913").expect("hash").to_string();
        assert!(CodeHash::parse(&text.replace("pbkdf2-sha256", "md5")).is_none());
        assert!(CodeHash::parse(&text.replace("$100000$", "$1$")).is_none());
        assert!(CodeHash::parse("pbkdf2-sha256$100000$00$00").is_none());
        assert!(CodeHash::parse(&format!("{text}$extra")).is_none());
    }
}
