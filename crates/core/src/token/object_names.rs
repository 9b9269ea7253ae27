//! How this application names its objects on a token: the CKA_ID that ties a key pair to its
//! certificate, and labels that start with [`LABEL_PREFIX`] so an interrupted attempt's
//! leftovers can be told from other applications' objects. A leaf: no device calls.

use std::fmt;

use super::error::TokenError;

/// Every label this application gives objects on a token starts with this, so an interrupted
/// attempt's leftovers can be told from other applications' objects.
pub const LABEL_PREFIX: &str = "Qoltanba ";

/// Longest label accepted, in bytes (some tokens keep only 32; ours stay well below).
const MAX_LABEL_LEN: usize = 64;

/// What a key pair is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyRole {
    /// Authentication (TLS client, keyUsage digitalSignature + keyEncipherment): the private key
    /// may also decrypt.
    Auth,
    /// Signing documents (keyUsage digitalSignature + nonRepudiation): sign only.
    Sign,
}

impl KeyRole {
    /// The role's short name in labels.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auth => "AUTH",
            Self::Sign => "SIGN",
        }
    }

    /// The label for this role's objects: `Qoltanba AUTH <tag>` (tag: e.g. the application
    /// number), cut to the longest label accepted.
    pub fn label(self, tag: &str) -> String {
        let mut label = format!("{LABEL_PREFIX}{} {tag}", self.as_str());
        while label.len() > MAX_LABEL_LEN {
            label.pop();
        }
        label.trim_end().to_owned()
    }
}

/// A CKA_ID: what ties a private key, its public key and its certificate together.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct KeyId(Vec<u8>);

impl KeyId {
    /// An identifier of 1 to 64 bytes (an empty one would match every object without an ID).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Option<Self> {
        let bytes = bytes.into();
        (!bytes.is_empty() && bytes.len() <= 64).then_some(Self(bytes))
    }

    /// The identifier's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Lower-case hex, as `pkcs11-tool` prints it.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.to_hex())
    }
}

/// Checks a label before anything is written with it.
pub(crate) fn check_label(label: &str) -> Result<(), TokenError> {
    let ok = label.starts_with(LABEL_PREFIX)
        && label.len() > LABEL_PREFIX.len()
        && label.len() <= MAX_LABEL_LEN
        && !label.chars().any(char::is_control);
    ok.then_some(()).ok_or(TokenError::LabelInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_carry_the_prefix_and_role() {
        assert_eq!(
            KeyRole::Auth.label("2025-000001"),
            "Qoltanba AUTH 2025-000001"
        );
        assert_eq!(KeyRole::Sign.label("x"), "Qoltanba SIGN x");
        let long = KeyRole::Sign.label(&"n".repeat(100));
        assert_eq!(long.len(), MAX_LABEL_LEN);
        assert_eq!(check_label(&long), Ok(()));
    }

    #[test]
    fn labels_without_our_prefix_are_refused() {
        assert_eq!(check_label("Qoltanba AUTH 1"), Ok(()));
        for bad in [
            "",
            "Qoltanba ",
            "Other key",
            "Qoltanba \u{7}bell",
            &"Qoltanba x".repeat(9),
        ] {
            assert_eq!(check_label(bad), Err(TokenError::LabelInvalid), "{bad:?}");
        }
    }

    #[test]
    fn key_ids_are_never_empty() {
        assert!(KeyId::new(Vec::new()).is_none());
        assert!(KeyId::new(vec![0; 65]).is_none());
        let id = KeyId::new(vec![0x0a, 0xff]).expect("id");
        assert_eq!(id.to_hex(), "0aff");
        assert_eq!(format!("{id:?}"), "KeyId(0aff)");
    }
}
