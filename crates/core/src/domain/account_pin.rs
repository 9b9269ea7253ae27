//! The six-digit PIN of the user's Digital ID account, chosen during remote identification.
//!
//! A secret: it lives in wiped memory and never appears in debug output.

use std::fmt;

use zeroize::Zeroizing;

use super::digits::{DigitsProblem, collect_digits};

/// Why a string is not an acceptable account PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountPinError {
    #[error("the PIN is empty")]
    Empty,
    #[error("the PIN must contain only digits")]
    NotDigits,
    #[error("the PIN must have {expected} digits, not {len}")]
    WrongLength { expected: usize, len: usize },
    #[error("the PIN is too easy to guess: avoid repeated or consecutive digits")]
    TooSimple,
}

/// A validated account PIN; its memory is wiped when dropped.
#[derive(Clone)]
pub struct AccountPin(Zeroizing<String>);

impl AccountPin {
    /// Number of digits in the PIN.
    pub const LEN: usize = 6;

    /// Parses a PIN after trimming surrounding whitespace. Spaces inside are not allowed:
    /// a PIN is typed, not copied from a message that groups its digits.
    pub fn parse(input: &str) -> Result<Self, AccountPinError> {
        // Reserve the whole input so the buffer never reallocates and leaves a copy behind.
        let mut digits = Zeroizing::new(String::with_capacity(input.len()));
        collect_digits(input, |_| false, &mut digits).map_err(|problem| match problem {
            DigitsProblem::Empty => AccountPinError::Empty,
            DigitsProblem::NotDigits => AccountPinError::NotDigits,
        })?;
        if digits.len() != Self::LEN {
            return Err(AccountPinError::WrongLength {
                expected: Self::LEN,
                len: digits.len(),
            });
        }
        if is_too_simple(digits.as_bytes()) {
            return Err(AccountPinError::TooSimple);
        }
        Ok(Self(digits))
    }

    /// The digits, for sending to the server. Do not log or display the result.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// All digits equal (`111111`), or each one up or down by one from the previous (`123456`,
/// `654321`, `012345`): the first PINs an attacker tries.
fn is_too_simple(digits: &[u8]) -> bool {
    let steps: Vec<i16> = digits
        .windows(2)
        .map(|pair| i16::from(pair[1]) - i16::from(pair[0]))
        .collect();
    [0, 1, -1]
        .iter()
        .any(|&step| steps.iter().all(|&actual| actual == step))
}

impl fmt::Debug for AccountPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccountPin(******)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_pins() {
        let cases = [
            ("482915", "482915"),
            (" 104729 ", "104729"),
            ("111112", "111112"),
            ("123457", "123457"),
            // Wrapping past 9 is not a plain run.
            ("789012", "789012"),
            ("135791", "135791"),
            ("000001", "000001"),
        ];
        for (input, expected) in cases {
            let pin = AccountPin::parse(input);
            assert_eq!(
                pin.as_ref().map(AccountPin::expose),
                Ok(expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn reports_every_error_variant() {
        let wrong = |len| AccountPinError::WrongLength { expected: 6, len };
        let cases = [
            ("", AccountPinError::Empty),
            ("  ", AccountPinError::Empty),
            ("12345a", AccountPinError::NotDigits),
            ("482 915", AccountPinError::NotDigits),
            ("482-915", AccountPinError::NotDigits),
            ("４８２９１５", AccountPinError::NotDigits),
            ("48291", wrong(5)),
            ("4829150", wrong(7)),
            ("000000", AccountPinError::TooSimple),
            ("777777", AccountPinError::TooSimple),
            ("123456", AccountPinError::TooSimple),
            ("012345", AccountPinError::TooSimple),
            ("456789", AccountPinError::TooSimple),
            ("654321", AccountPinError::TooSimple),
            ("987654", AccountPinError::TooSimple),
            ("543210", AccountPinError::TooSimple),
        ];
        for (input, expected) in cases {
            let result = AccountPin::parse(input).map(|pin| pin.expose().to_owned());
            assert_eq!(result, Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn debug_output_hides_the_digits() {
        let debug = format!("{:?}", AccountPin::parse("482915"));
        assert_eq!(debug, "Ok(AccountPin(******))");
    }
}
