//! The number our issuance service assigns to a certificate application.
//!
//! The user may need to read it out to support or type it back in to resume, so parsing is
//! as forgiving about spacing as the IIN.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::digits::{DigitsProblem, strip_spaces_and_dashes};

/// Why a string is not an application number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationNumberError {
    #[error("the application number is empty")]
    Empty,
    #[error("the application number must contain only digits")]
    NotDigits,
    #[error("the application number must have {expected} digits, not {len}")]
    WrongLength { expected: usize, len: usize },
}

/// A validated application number: exactly ten ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApplicationNumber(String);

impl ApplicationNumber {
    const LEN: usize = 10;

    /// Parses an application number, ignoring surrounding whitespace and spaces or dashes
    /// between digits.
    pub fn parse(input: &str) -> Result<Self, ApplicationNumberError> {
        let digits = strip_spaces_and_dashes(input).map_err(|problem| match problem {
            DigitsProblem::Empty => ApplicationNumberError::Empty,
            DigitsProblem::NotDigits => ApplicationNumberError::NotDigits,
        })?;
        if digits.len() != Self::LEN {
            return Err(ApplicationNumberError::WrongLength {
                expected: Self::LEN,
                len: digits.len(),
            });
        }
        Ok(Self(digits))
    }

    /// The ten digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ApplicationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ApplicationNumber {
    type Error = ApplicationNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ApplicationNumber> for String {
    fn from(number: ApplicationNumber) -> Self {
        number.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ten_digits_with_separators() {
        let cases = [
            ("0123456789", "0123456789"),
            ("012 345 6789", "0123456789"),
            ("  01234-56789 ", "0123456789"),
            ("9999 9999 99", "9999999999"),
        ];
        for (input, expected) in cases {
            let number = ApplicationNumber::parse(input);
            let digits = number.as_ref().map(ApplicationNumber::as_str);
            assert_eq!(digits, Ok(expected), "input {input:?}");
            let shown = number.as_ref().map(ToString::to_string);
            assert_eq!(shown.as_deref(), Ok(expected));
        }
    }

    #[test]
    fn reports_every_error_variant() {
        let wrong = |len| ApplicationNumberError::WrongLength { expected: 10, len };
        let cases = [
            ("", ApplicationNumberError::Empty),
            (" -- ", ApplicationNumberError::Empty),
            ("012345678A", ApplicationNumberError::NotDigits),
            ("№0123456789", ApplicationNumberError::NotDigits),
            ("0123/456789", ApplicationNumberError::NotDigits),
            ("012345678", wrong(9)),
            ("01234567890", wrong(11)),
            ("1", wrong(1)),
        ];
        for (input, expected) in cases {
            assert_eq!(ApplicationNumber::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn converts_to_and_from_string_for_serde() {
        let number = ApplicationNumber::try_from("01234 56789".to_owned());
        assert_eq!(number.map(String::from).as_deref(), Ok("0123456789"));
    }
}
