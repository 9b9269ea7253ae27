//! A Kazakhstan mobile phone number, the one egov sends its SMS codes to.
//!
//! Stored in E.164 form (`+77` and nine more digits) whatever way the user typed it: `8 701 …`,
//! `+7 (701) …`, `7701…` or just the ten national digits.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Digits of a Kazakhstan number without the country code: `7xx` + seven digits.
const NATIONAL_LEN: usize = 10;

/// Why a string is not a usable Kazakhstan mobile number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the phone number is empty")]
    Empty,
    #[error("the phone number contains an invalid character '{ch}'")]
    InvalidCharacter { ch: char },
    #[error("the phone number has the wrong number of digits")]
    WrongLength,
    #[error("this is not a Kazakhstan mobile number (+7 7xx …)")]
    NotKazakhMobile,
}

/// A validated Kazakhstan mobile number in E.164 form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Parses a phone number, allowing spaces, dashes, parentheses and dots between digits
    /// and a single leading `+`.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        let (has_plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let mut digits = String::with_capacity(rest.len());
        for ch in rest.chars() {
            if ch.is_ascii_digit() {
                digits.push(ch);
            } else if !matches!(ch, ' ' | '-' | '(' | ')' | '.') {
                return Err(PhoneError::InvalidCharacter { ch });
            }
        }
        let national = national_number(has_plus, &digits)?;
        if !is_mobile(national) {
            return Err(PhoneError::NotKazakhMobile);
        }
        Ok(Self(format!("+7{national}")))
    }

    /// The number in E.164 form, e.g. `+77012345678`.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// The number with the middle hidden, for screens and logs: `+7 701 *** ** 78`.
    pub fn masked(&self) -> String {
        let (operator, _, _, last) = self.groups();
        format!("+7 {operator} *** ** {last}")
    }

    /// The ten national digits split as `701`, `234`, `56`, `78`.
    fn groups(&self) -> (&str, &str, &str, &str) {
        let national = self.0.get(2..).unwrap_or_default();
        let part = |range: std::ops::Range<usize>| national.get(range).unwrap_or_default();
        (part(0..3), part(3..6), part(6..8), part(8..10))
    }
}

/// Reduces the typed digits to the ten national digits, dropping the country code (`7`
/// after a `+`) or the domestic trunk prefix (`8`, or a `7` typed without the `+`).
fn national_number(has_plus: bool, digits: &str) -> Result<&str, PhoneError> {
    if digits.is_empty() {
        // Only separators, or a lone `+`: something was typed, but no number yet.
        return Err(PhoneError::WrongLength);
    }
    if has_plus {
        // Any other country code is a foreign number, whatever its length.
        let national = digits
            .strip_prefix('7')
            .ok_or(PhoneError::NotKazakhMobile)?;
        return if national.len() == NATIONAL_LEN {
            Ok(national)
        } else {
            Err(PhoneError::WrongLength)
        };
    }
    match digits.len() {
        NATIONAL_LEN => Ok(digits),
        11 => digits
            .strip_prefix('8')
            .or_else(|| digits.strip_prefix('7'))
            .ok_or(PhoneError::NotKazakhMobile),
        _ => Err(PhoneError::WrongLength),
    }
}

/// Whether ten national digits are a Kazakhstan mobile number.
///
/// Country code 7 is shared with Russia, whose numbers start 3xx–9xx, so Kazakhstan's are
/// the ones starting with 6 or 7; the 6xx range is not in use, leaving 7xx. Within 7xx the
/// 71x and 72x codes are landlines (727 Almaty, 7172 Astana, …); the rest are mobile
/// operators (700–708, 747, 771, 775–778, …). We stop at that coarse split rather than list
/// operator codes, because new ones appear and egov checks the number itself anyway.
fn is_mobile(national: &str) -> bool {
    let mut digits = national.bytes();
    digits.next() == Some(b'7') && !matches!(digits.next(), Some(b'1' | b'2'))
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (operator, first, second, third) = self.groups();
        write!(f, "+7 {operator} {first} {second} {third}")
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> Self {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_every_accepted_spelling() {
        let cases = [
            "+7 701 234 56 78",
            "+7 (701) 234-56-78",
            "+77012345678",
            "87012345678",
            "8 701 234 56 78",
            "8 (701) 234-56-78",
            "8.701.234.56.78",
            "77012345678",
            "7012345678",
            "  +7-701-234-5678\t",
        ];
        for input in cases {
            let phone = Phone::parse(input);
            assert_eq!(
                phone.as_ref().map(Phone::e164),
                Ok("+77012345678"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn accepts_other_mobile_operators() {
        let cases = [
            ("+7 700 000 00 00", "+77000000000"),
            ("8 747 123 45 67", "+77471234567"),
            ("87751234567", "+77751234567"),
            ("7781234567", "+77781234567"),
        ];
        for (input, expected) in cases {
            let phone = Phone::parse(input);
            assert_eq!(phone.as_ref().map(Phone::e164), Ok(expected), "{input:?}");
        }
    }

    #[test]
    fn reports_every_error_variant() {
        let cases = [
            ("", PhoneError::Empty),
            ("   ", PhoneError::Empty),
            ("+7 701 234 56 7a", PhoneError::InvalidCharacter { ch: 'a' }),
            ("7+7012345678", PhoneError::InvalidCharacter { ch: '+' }),
            ("++77012345678", PhoneError::InvalidCharacter { ch: '+' }),
            ("+7 701 234/56/78", PhoneError::InvalidCharacter { ch: '/' }),
            (
                "+7 701 234 56 78 ext 1",
                PhoneError::InvalidCharacter { ch: 'e' },
            ),
            ("+", PhoneError::WrongLength),
            ("-", PhoneError::WrongLength),
            ("+7 701 234 56 7", PhoneError::WrongLength),
            ("+7 701 234 56 789", PhoneError::WrongLength),
            ("701 234 56", PhoneError::WrongLength),
            ("8 701 234 56 789", PhoneError::WrongLength),
            ("+7 495 123 45 67", PhoneError::NotKazakhMobile),
            ("8 495 123 45 67", PhoneError::NotKazakhMobile),
            ("8 727 250 00 00", PhoneError::NotKazakhMobile),
            ("+7 7172 55 00 00", PhoneError::NotKazakhMobile),
            ("+1 202 555 01 23", PhoneError::NotKazakhMobile),
            ("+44 20 7946 0958", PhoneError::NotKazakhMobile),
            ("12025550123", PhoneError::NotKazakhMobile),
            ("9161234567", PhoneError::NotKazakhMobile),
        ];
        for (input, expected) in cases {
            assert_eq!(Phone::parse(input), Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn formats_for_display_and_masks_the_middle() {
        let phone = Phone::parse("87012345678");
        assert_eq!(
            phone.as_ref().map(ToString::to_string).as_deref(),
            Ok("+7 701 234 56 78")
        );
        assert_eq!(
            phone.as_ref().map(Phone::masked).as_deref(),
            Ok("+7 701 *** ** 78")
        );
    }

    #[test]
    fn converts_to_and_from_string_for_serde() {
        let phone = Phone::try_from("8 701 234 56 78".to_owned());
        assert_eq!(phone.map(String::from).as_deref(), Ok("+77012345678"));
    }
}
