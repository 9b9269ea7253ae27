//! The one-time code egov sends by SMS (from the short number 1414).
//!
//! Treated as a secret: whoever holds it can complete the user's sign-in, so it lives in
//! wiped memory and never appears in logs or on screen once typed.

use std::fmt;

use zeroize::Zeroizing;

use super::digits::{DigitsProblem, collect_digits};

/// Why a string is not a well-formed SMS code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OtpError {
    #[error("the code is empty")]
    Empty,
    #[error("the code must contain only digits")]
    NotDigits,
    #[error("the code must have {expected} digits, not {len}")]
    WrongLength { expected: usize, len: usize },
}

/// A six-digit SMS code; its memory is wiped when dropped.
#[derive(Clone)]
pub struct OtpCode(Zeroizing<String>);

impl OtpCode {
    /// Number of digits in every code.
    pub const LEN: usize = 6;

    /// Parses a code, ignoring whitespace anywhere (SMS apps often show `123 456`).
    pub fn parse(input: &str) -> Result<Self, OtpError> {
        // Reserve the whole input up front so the buffer never reallocates and leaves an
        // un-wiped copy of the digits behind.
        let mut digits = Zeroizing::new(String::with_capacity(input.len()));
        collect_digits(input, char::is_whitespace, &mut digits).map_err(
            |problem| match problem {
                DigitsProblem::Empty => OtpError::Empty,
                DigitsProblem::NotDigits => OtpError::NotDigits,
            },
        )?;
        if digits.len() != Self::LEN {
            return Err(OtpError::WrongLength {
                expected: Self::LEN,
                len: digits.len(),
            });
        }
        Ok(Self(digits))
    }

    /// The digits, for sending to the server. Do not log or display the result.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for OtpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OtpCode(******)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_six_digits_with_any_spacing() {
        let cases = [
            ("123456", "123456"),
            ("123 456", "123456"),
            ("  000000 ", "000000"),
            ("1 2 3 4 5 6", "123456"),
            ("987\t654", "987654"),
        ];
        for (input, expected) in cases {
            let code = OtpCode::parse(input);
            assert_eq!(
                code.as_ref().map(OtpCode::expose),
                Ok(expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn reports_every_error_variant() {
        let wrong = |len| OtpError::WrongLength { expected: 6, len };
        let cases = [
            ("", OtpError::Empty),
            ("   ", OtpError::Empty),
            ("12345a", OtpError::NotDigits),
            ("123-456", OtpError::NotDigits),
            ("１２３４５６", OtpError::NotDigits),
            ("12345", wrong(5)),
            ("1234567", wrong(7)),
            ("1", wrong(1)),
        ];
        for (input, expected) in cases {
            let result = OtpCode::parse(input).map(|code| code.expose().to_owned());
            assert_eq!(result, Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn debug_output_hides_the_digits() {
        let code = OtpCode::parse("123456");
        let debug = format!("{code:?}");
        assert_eq!(debug, "Ok(OtpCode(******))");
        assert!(!debug.contains("123"));
    }
}
