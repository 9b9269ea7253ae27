//! The device PIN: kept zeroized, never printed.

use std::fmt;

use cryptoki::types::AuthPin;
use zeroize::Zeroizing;

use super::state::{DeviceKind, factory_pin};

/// A device (user) PIN as typed. Wiped from memory when dropped; `Debug` shows no digits.
#[derive(Clone)]
pub struct TokenPin(Zeroizing<String>);

impl TokenPin {
    /// Wraps a PIN as typed. Length rules are the token's own (`TokenInfo::pin_length`), checked
    /// before any login so a PIN of the wrong length never costs a try.
    pub fn new(pin: impl Into<String>) -> Self {
        Self(Zeroizing::new(pin.into()))
    }

    /// The PIN's length in bytes, as PKCS#11 counts it.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this is the factory PIN of that kind of device.
    pub fn is_factory_pin_of(&self, kind: DeviceKind) -> bool {
        is_factory_pin(kind, self)
    }

    pub(crate) fn auth_pin(&self) -> AuthPin {
        AuthPin::new(self.0.as_str().into())
    }
}

impl From<String> for TokenPin {
    fn from(pin: String) -> Self {
        Self::new(pin)
    }
}

impl fmt::Debug for TokenPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenPin(<redacted>)")
    }
}

impl PartialEq for TokenPin {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(self.0.as_bytes(), other.0.as_bytes())
    }
}

impl Eq for TokenPin {}

/// Whether `pin` is the factory PIN of `kind` (false for kinds without a published one).
pub fn is_factory_pin(kind: DeviceKind, pin: &TokenPin) -> bool {
    factory_pin(kind).is_some_and(|factory| constant_time_eq(factory.as_bytes(), pin.0.as_bytes()))
}

/// Compares without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The PIN length range a token accepts (`ulMinPinLen`..=`ulMaxPinLen`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PinLength {
    /// Shortest accepted PIN.
    pub min: usize,
    /// Longest accepted PIN.
    pub max: usize,
}

impl PinLength {
    /// Whether a PIN of this length can be right. A token reporting nonsense (max below min,
    /// or zero max) is not trusted to limit anything.
    pub fn accepts(&self, pin: &TokenPin) -> bool {
        if self.max == 0 || self.max < self.min {
            return !pin.is_empty();
        }
        (self.min.max(1)..=self.max).contains(&pin.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_digits() {
        let pin = TokenPin::new("12345678");
        assert_eq!(format!("{pin:?}"), "TokenPin(<redacted>)");
    }

    #[test]
    fn factory_pins_are_recognised_per_kind() {
        assert!(is_factory_pin(
            DeviceKind::Kaztoken,
            &TokenPin::new("12345678")
        ));
        assert!(!is_factory_pin(
            DeviceKind::Kaztoken,
            &TokenPin::new("1234567890")
        ));
        assert!(TokenPin::new("1234567890").is_factory_pin_of(DeviceKind::EToken72K));
        assert!(TokenPin::new("1234567890").is_factory_pin_of(DeviceKind::JaCarta));
        assert!(TokenPin::new("1234567890").is_factory_pin_of(DeviceKind::AKey));
        assert!(!TokenPin::new("123456789").is_factory_pin_of(DeviceKind::AKey));
        assert!(!TokenPin::new("12345678").is_factory_pin_of(DeviceKind::SoftHsm));
        assert!(!TokenPin::new("").is_factory_pin_of(DeviceKind::Other));
    }

    #[test]
    fn length_rules() {
        let range = PinLength { min: 4, max: 8 };
        assert!(!range.accepts(&TokenPin::new("123")));
        assert!(range.accepts(&TokenPin::new("1234")));
        assert!(range.accepts(&TokenPin::new("12345678")));
        assert!(!range.accepts(&TokenPin::new("123456789")));
        let nonsense = PinLength { min: 8, max: 0 };
        assert!(nonsense.accepts(&TokenPin::new("1")));
        assert!(!nonsense.accepts(&TokenPin::new("")));
        let zero_min = PinLength { min: 0, max: 8 };
        assert!(!zero_min.accepts(&TokenPin::new("")));
    }

    #[test]
    fn equality_compares_contents() {
        assert_eq!(TokenPin::new("0000"), TokenPin::new("0000"));
        assert_ne!(TokenPin::new("0000"), TokenPin::new("00000"));
        assert_ne!(TokenPin::new("0001"), TokenPin::new("0000"));
    }
}
