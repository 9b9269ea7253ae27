//! The check digit shared by the Kazakhstan IIN and BIN.
//!
//! Both numbers end in a digit computed by the same two-pass mod-11 rule, so it lives here
//! once and `iin.rs` / `bin.rs` only decide which digits go in.

/// Weights of the first pass: digit *i* (1-based) is multiplied by *i*.
const FIRST_PASS_WEIGHTS: [u8; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/// Weights of the second pass, used only when the first pass yields 10 (a value that does
/// not fit in one digit).
const SECOND_PASS_WEIGHTS: [u8; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// Computes the 12th digit of an IIN or BIN from the first eleven.
///
/// `first11` holds digit *values* (0..=9), not ASCII characters. Returns `None` when both
/// passes give 10: the registry never issues such a number, so it cannot be valid whatever
/// the last digit is.
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    [FIRST_PASS_WEIGHTS, SECOND_PASS_WEIGHTS]
        .iter()
        .map(|weights| weighted_sum_mod_11(first11, weights))
        .find(|&remainder| remainder < 10)
}

fn weighted_sum_mod_11(digits: &[u8; 11], weights: &[u8; 11]) -> u8 {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(&digit, &weight)| u32::from(digit) * u32::from(weight))
        .sum();
    // A remainder of 11 is below u8::MAX, so the conversion cannot fail; fall back to the
    // "never issued" marker rather than panicking, to keep this function total.
    u8::try_from(sum % 11).unwrap_or(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(text: &str) -> [u8; 11] {
        let mut out = [0u8; 11];
        for (slot, byte) in out.iter_mut().zip(text.bytes()) {
            *slot = byte - b'0';
        }
        out
    }

    #[test]
    fn computes_first_pass_second_pass_and_never_issued() {
        let cases = [
            // Both passes give 0.
            ("00000000000", Some(0)),
            // First pass: 1·1 = 1.
            ("10000000000", Some(1)),
            // First pass: 1·10 = 10, so the second pass decides: 1·1 = 1.
            ("00000000010", Some(1)),
            // First pass: 296 ≡ 10; second pass: 377 ≡ 3.
            ("12345678901", Some(3)),
            // First pass: 2·9 + 8·10 + 1·11 = 109 ≡ 10; second: 2·11 + 8·1 + 1·2 = 32 ≡ 10.
            ("00000000281", None),
        ];
        for (input, expected) in cases {
            assert_eq!(check_digit(&digits(input)), expected, "input {input}");
        }
    }
}
