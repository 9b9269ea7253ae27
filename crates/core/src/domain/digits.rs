//! Shared clean-up for the digit-only identifiers (IIN, BIN, application number, codes).
//!
//! People paste these numbers from documents, SMS and web pages, so they arrive with spaces
//! and dashes. Every type strips the same way and reports the same two early problems; the
//! types then map [`DigitsProblem`] onto their own error enums.

/// Why the input could not be reduced to a string of ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DigitsProblem {
    /// Nothing but whitespace and separators was typed.
    Empty,
    /// Something other than a digit or an allowed separator was found.
    NotDigits,
}

/// Appends the ASCII digits of `input` to `out`, skipping characters for which
/// `is_separator` is true.
///
/// Writing into a caller-supplied buffer lets secret types collect straight into zeroizing
/// storage; the caller should reserve `input.len()` bytes so the buffer never reallocates
/// (a reallocation would leave an un-wiped copy behind).
pub(crate) fn collect_digits(
    input: &str,
    is_separator: impl Fn(char) -> bool,
    out: &mut String,
) -> Result<(), DigitsProblem> {
    for ch in input.trim().chars() {
        if ch.is_ascii_digit() {
            out.push(ch);
        } else if !is_separator(ch) {
            return Err(DigitsProblem::NotDigits);
        }
    }
    if out.is_empty() {
        return Err(DigitsProblem::Empty);
    }
    Ok(())
}

/// Returns the digits of `input` with whitespace and dashes removed — the separators people
/// use when they group an IIN, BIN or application number.
pub(crate) fn strip_spaces_and_dashes(input: &str) -> Result<String, DigitsProblem> {
    let mut digits = String::with_capacity(input.len());
    collect_digits(input, |ch| ch.is_whitespace() || ch == '-', &mut digits)?;
    Ok(digits)
}

/// Converts a string already known to hold only ASCII digits into digit values.
pub(crate) fn digit_values<const N: usize>(digits: &str) -> Option<[u8; N]> {
    let mut values = [0u8; N];
    if digits.len() != N {
        return None;
    }
    for (slot, byte) in values.iter_mut().zip(digits.bytes()) {
        if !byte.is_ascii_digit() {
            return None;
        }
        *slot = byte - b'0';
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_separators_and_reports_problems() {
        let cases: [(&str, Result<&str, DigitsProblem>); 7] = [
            ("123", Ok("123")),
            ("  1 2-3  ", Ok("123")),
            ("1\t2\u{a0}3", Ok("123")),
            ("", Err(DigitsProblem::Empty)),
            (" - - ", Err(DigitsProblem::Empty)),
            ("12a", Err(DigitsProblem::NotDigits)),
            ("１２", Err(DigitsProblem::NotDigits)),
        ];
        for (input, expected) in cases {
            let actual = strip_spaces_and_dashes(input);
            assert_eq!(actual.as_deref(), expected.as_deref(), "input {input:?}");
        }
    }

    #[test]
    fn converts_digit_values_of_exact_length() {
        assert_eq!(digit_values::<3>("907"), Some([9, 0, 7]));
        assert_eq!(digit_values::<3>("90"), None);
        assert_eq!(digit_values::<3>("9a7"), None);
    }
}
