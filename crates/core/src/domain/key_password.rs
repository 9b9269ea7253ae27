//! The password that protects the user's key files (PKCS#12) or token keys.
//!
//! The policy is НУЦ РК's, as shown to users: Latin letters and digits, 6–32 characters,
//! optionally capitals and `#$^ =!*()@%&_?-.`. We also require a letter and a digit, which
//! matches what the strictest software in the chain enforces. НУЦ never stores the password,
//! so a lost one means revoking the keys: hence the strength meter.

use std::fmt;

use zeroize::Zeroizing;

/// Why a string is not an acceptable key password. Checked in declaration order, so the
/// user sees the most fundamental problem first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyPasswordError {
    #[error("the password is empty")]
    Empty,
    #[error("the password may not contain '{ch}': use Latin letters, digits and #$^ =!*()@%&_?-.")]
    ForbiddenCharacter { ch: char },
    #[error("the password must have at least {min} characters, not {len}")]
    TooShort { min: usize, len: usize },
    #[error("the password must have at most {max} characters, not {len}")]
    TooLong { max: usize, len: usize },
    #[error("the password must contain at least one Latin letter")]
    NeedsLetter,
    #[error("the password must contain at least one digit")]
    NeedsDigit,
}

/// How hard a password would be to guess, for the meter shown while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Fair,
    Strong,
}

/// A password that satisfies the key password policy; its memory is wiped when dropped.
#[derive(Clone)]
pub struct KeyPassword(Zeroizing<String>);

impl KeyPassword {
    pub const MIN_LEN: usize = 6;
    pub const MAX_LEN: usize = 32;
    /// The only non-alphanumeric characters allowed, the space included.
    pub const SPECIALS: &str = "#$^ =!*()@%&_?-.";

    /// Checks a candidate against the policy.
    ///
    /// The input is not trimmed: spaces are allowed characters, and silently dropping one
    /// the user typed would lock them out of their own keys.
    pub fn parse(candidate: &str) -> Result<Self, KeyPasswordError> {
        if candidate.is_empty() {
            return Err(KeyPasswordError::Empty);
        }
        if let Some(ch) = candidate.chars().find(|&ch| !is_allowed(ch)) {
            return Err(KeyPasswordError::ForbiddenCharacter { ch });
        }
        // Every allowed character is ASCII, so bytes and characters coincide here.
        let len = candidate.len();
        if len < Self::MIN_LEN {
            return Err(KeyPasswordError::TooShort {
                min: Self::MIN_LEN,
                len,
            });
        }
        if len > Self::MAX_LEN {
            return Err(KeyPasswordError::TooLong {
                max: Self::MAX_LEN,
                len,
            });
        }
        if !candidate.chars().any(|ch| ch.is_ascii_alphabetic()) {
            return Err(KeyPasswordError::NeedsLetter);
        }
        if !candidate.chars().any(|ch| ch.is_ascii_digit()) {
            return Err(KeyPasswordError::NeedsDigit);
        }
        Ok(Self(Zeroizing::new(candidate.to_owned())))
    }

    /// The password, for opening or creating the key store. Do not log or display it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The strength of this password (see [`strength`]).
    pub fn strength(&self) -> Strength {
        strength(&self.0)
    }
}

fn is_allowed(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || KeyPassword::SPECIALS.contains(ch)
}

/// Rates any string, valid or not, so the meter can react while the user is still typing.
///
/// Strong: at least 12 characters from at least 3 of the classes lower-case, upper-case,
/// digit, other. Fair: at least 8 characters from at least 2 classes. Otherwise weak.
pub fn strength(candidate: &str) -> Strength {
    let len = candidate.chars().count();
    let has_class = [
        candidate.chars().any(char::is_lowercase),
        candidate.chars().any(char::is_uppercase),
        candidate.chars().any(char::is_numeric),
        candidate.chars().any(|ch| !ch.is_alphanumeric()),
    ];
    let classes = has_class.iter().filter(|&&present| present).count();
    if len >= 12 && classes >= 3 {
        Strength::Strong
    } else if len >= 8 && classes >= 2 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

impl fmt::Debug for KeyPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyPassword(******)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_passwords_within_the_policy() {
        let cases = [
            "abc123",
            "Qwerty12",
            " pass 1 ",
            "a1#$^ =!*()@%&_?-.",
            "ABCDE5",
            "1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a",
        ];
        for input in cases {
            let password = KeyPassword::parse(input);
            assert_eq!(
                password.as_ref().map(KeyPassword::expose),
                Ok(input),
                "{input:?}"
            );
        }
    }

    #[test]
    fn reports_every_error_variant_in_order() {
        use KeyPasswordError as E;
        let cases = [
            ("", E::Empty),
            ("парол1", E::ForbiddenCharacter { ch: 'п' }),
            ("abc+123", E::ForbiddenCharacter { ch: '+' }),
            // The forbidden character wins over the length problem.
            ("a+", E::ForbiddenCharacter { ch: '+' }),
            ("abc123\t", E::ForbiddenCharacter { ch: '\t' }),
            ("abc123ә", E::ForbiddenCharacter { ch: 'ә' }),
            ("abc,123", E::ForbiddenCharacter { ch: ',' }),
            ("a1", E::TooShort { min: 6, len: 2 }),
            ("abc12", E::TooShort { min: 6, len: 5 }),
            (" ", E::TooShort { min: 6, len: 1 }),
            (
                "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a",
                E::TooLong { max: 32, len: 33 },
            ),
            ("123456", E::NeedsLetter),
            ("12 34 56 !", E::NeedsLetter),
            ("abcdef", E::NeedsDigit),
            ("Abc Def!", E::NeedsDigit),
        ];
        for (input, expected) in cases {
            let result = KeyPassword::parse(input).map(|password| password.strength());
            assert_eq!(result, Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn rates_strength_of_any_string() {
        let cases = [
            ("", Strength::Weak),
            ("abc123", Strength::Weak),
            ("abcdefgh", Strength::Weak),
            ("abcdefg1", Strength::Fair),
            ("ABCdefgh", Strength::Fair),
            ("abcdefghijk1", Strength::Fair),
            ("Abcdefghij1", Strength::Fair),
            ("Abcdefghijk1", Strength::Strong),
            ("abcdefghij1!", Strength::Strong),
            ("Пароль-пароль", Strength::Strong),
            ("Long passphrase here", Strength::Strong),
        ];
        for (input, expected) in cases {
            assert_eq!(strength(input), expected, "input {input:?}");
        }
        let password = KeyPassword::parse("Abcdefghijk1");
        assert_eq!(password.map(|p| p.strength()), Ok(Strength::Strong));
    }

    #[test]
    fn debug_output_hides_the_password() {
        let debug = format!("{:?}", KeyPassword::parse("secret123"));
        assert_eq!(debug, "Ok(KeyPassword(******))");
    }
}
