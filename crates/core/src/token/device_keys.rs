//! What is remembered about keys made on a device, between the steps and across a restart
//! (in the progress file): which device, which CKA_IDs and labels — nothing secret.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::device_error::DeviceError;
use super::error::TokenError;
use super::info::TokenInfo;
use super::object_names::KeyId;
use crate::protocol::KeyAlgorithm;

/// One key pair on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceKey {
    /// The CKA_ID shared by the key pair and its certificate, lower-case hex.
    pub id: String,
    /// The objects' label (`Qoltanba AUTH 2026-05-01`).
    pub label: String,
}

impl DeviceKey {
    pub(crate) fn new(id: &KeyId, label: &str) -> Self {
        Self {
            id: id.to_hex(),
            label: label.to_owned(),
        }
    }

    /// The CKA_ID, or `KeyMissing` if the stored hex is damaged.
    pub fn key_id(&self) -> Result<KeyId, DeviceError> {
        from_hex(&self.id)
            .and_then(KeyId::new)
            .ok_or(DeviceError::Token(TokenError::KeyMissing))
    }
}

/// Which device holds the key pairs of an application: RSA's two, or GOST's one (then `auth`
/// and `sign` are the same pair). Non-secret: kept in the progress file so the certificates
/// can be written after a restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceKeys {
    pub label: String,
    pub model: String,
    pub serial: String,
    /// The module the device was used through.
    pub module: PathBuf,
    /// RSA-2048 (two pairs; what records written before GOST on devices hold) or GOST.
    #[serde(default)]
    pub algorithm: KeyAlgorithm,
    pub auth: DeviceKey,
    pub sign: DeviceKey,
}

impl DeviceKeys {
    /// Whether `token` is the device these keys are on.
    pub fn is_on(&self, token: &TokenInfo) -> bool {
        token.serial == self.serial && token.label == self.label
    }

    pub(crate) fn ids(&self) -> Result<Vec<KeyId>, DeviceError> {
        self.pairs().into_iter().map(DeviceKey::key_id).collect()
    }

    /// The distinct pairs: AUTH and SIGN for RSA, the one pair for GOST.
    pub fn pairs(&self) -> Vec<&DeviceKey> {
        match self.algorithm {
            KeyAlgorithm::Rsa2048 => vec![&self.auth, &self.sign],
            KeyAlgorithm::Gost2015_512 => vec![&self.auth],
        }
    }
}

/// Keys made on the device, with the requests to send: `csr_auth` and `csr_sign` for RSA,
/// `csr` for GOST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevicePrepared {
    pub keys: DeviceKeys,
    pub csr_auth: String,
    pub csr_sign: String,
    pub csr: Option<String>,
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) || !hex.is_ascii() {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_survive_the_progress_file() {
        let id = KeyId::new(vec![0x00, 0x7f, 0xff, 0x10]).unwrap_or_else(|| unreachable!());
        let key = DeviceKey::new(&id, "Qoltanba AUTH 2026-05-01");
        assert_eq!(key.id, "007fff10");
        assert_eq!(key.key_id(), Ok(id));
        for damaged in ["", "0", "zz", "0g", "ф0"] {
            let key = DeviceKey {
                id: damaged.into(),
                label: String::new(),
            };
            assert!(key.key_id().is_err(), "{damaged:?}");
        }
    }
}
