//! Keys on the device, the blocking half: two RSA-2048 pairs generated on the token, their
//! requests signed there, the certificates written next to them and read back. What is
//! remembered between the steps (and across a restart) is [`DeviceKeys`]: which device, which
//! CKA_IDs and labels — nothing secret.

use std::path::PathBuf;

use qoltanba_core::pki::{KeyStoreOid, Subject};
use qoltanba_core::protocol::{CertificateBundle, CertificatesResponse};
use qoltanba_core::token::{KeyId, KeyRole, TokenError, TokenInfo, TokenSession};
use serde::{Deserialize, Serialize};

use super::device::{DeviceError, DeviceSession};

/// The key-store extension put in requests for keys on a device. НУЦ publishes only the
/// PKCS#12 file store (1.2.398.3.3.5.1.1); no public value is known for hardware stores, so
/// this is our choice under the same arc (the service checks the arc, see docs/tokens.md).
pub const DEVICE_KEY_STORE: &[u64] = &[1, 2, 398, 3, 3, 5, 2, 1];

/// One key pair on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceKey {
    /// The CKA_ID shared by the key pair and its certificate, lower-case hex.
    pub id: String,
    /// The objects' label (`Qoltanba AUTH 2026-05-01`).
    pub label: String,
}

impl DeviceKey {
    fn new(id: &KeyId, label: &str) -> Self {
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

/// Which device holds the two key pairs of an application. Non-secret: kept in the progress
/// file so the certificates can be written after a restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceKeys {
    pub label: String,
    pub model: String,
    pub serial: String,
    /// The module the device was used through.
    pub module: PathBuf,
    pub auth: DeviceKey,
    pub sign: DeviceKey,
}

impl DeviceKeys {
    /// Whether `token` is the device these keys are on.
    pub fn is_on(&self, token: &TokenInfo) -> bool {
        token.serial == self.serial && token.label == self.label
    }

    fn ids(&self) -> Result<Vec<KeyId>, DeviceError> {
        Ok(vec![self.auth.key_id()?, self.sign.key_id()?])
    }
}

/// Keys made on the device, with the requests to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevicePrepared {
    pub keys: DeviceKeys,
    pub csr_auth: String,
    pub csr_sign: String,
}

/// Blocking: generates the AUTH and signing pairs on the device and signs their requests
/// there. `clean_up` first removes what an interrupted attempt left (key pairs of ours without
/// a certificate); it is off when the device holds keys of an application still waiting for
/// its certificates. If something fails after a pair was made, what was made is removed again,
/// unless the device was pulled out (then the next attempt's clean-up does it).
pub fn make_keys(
    session: &DeviceSession,
    subject: &Subject,
    clean_up: bool,
    tag: &str,
) -> Result<DevicePrepared, DeviceError> {
    let key_store = KeyStoreOid::from_arcs(DEVICE_KEY_STORE)?;
    // Checked before anything is made on the device.
    subject.request_params(&key_store)?;
    let token = session.lock();
    if clean_up {
        token.remove_incomplete()?;
    }
    let mut made = Vec::new();
    match make_pairs(&token, subject, &key_store, tag, &mut made) {
        Ok((auth, sign, csr_auth, csr_sign)) => {
            let device = session.token();
            Ok(DevicePrepared {
                keys: DeviceKeys {
                    label: device.label.clone(),
                    model: device.model.clone(),
                    serial: device.serial.clone(),
                    module: device.module.clone(),
                    auth,
                    sign,
                },
                csr_auth,
                csr_sign,
            })
        }
        Err(error) => {
            if !error.is_removal() && !made.is_empty() {
                // Best effort; anything left is ours and certificate-less, so the next
                // attempt's clean-up finds it.
                let _ = token.remove_objects(&made);
            }
            Err(error)
        }
    }
}

fn make_pairs(
    token: &TokenSession,
    subject: &Subject,
    key_store: &KeyStoreOid,
    tag: &str,
    made: &mut Vec<KeyId>,
) -> Result<(DeviceKey, DeviceKey, String, String), DeviceError> {
    let mut pair = |role: KeyRole| -> Result<_, DeviceError> {
        let id = token.new_key_id()?;
        let label = role.label(tag);
        let key = token.generate_key_pair(role, &id, &label)?;
        made.push(id.clone());
        Ok((DeviceKey::new(&id, &label), key))
    };
    let (auth, auth_key) = pair(KeyRole::Auth)?;
    let (sign, sign_key) = pair(KeyRole::Sign)?;
    let csr_auth = auth_key.csr_pem(subject.request_params(key_store)?)?;
    let csr_sign = sign_key.csr_pem(subject.request_params(key_store)?)?;
    Ok((auth, sign, csr_auth, csr_sign))
}

/// Blocking: removes the key pairs of an application that failed for good.
pub fn remove_keys(session: &DeviceSession, keys: &DeviceKeys) -> Result<usize, DeviceError> {
    let ids = keys.ids()?;
    Ok(session.lock().remove_objects(&ids)?)
}

/// Blocking: writes both certificates next to their keys (same CKA_ID and label) and reads
/// each pair back. A certificate written by an earlier, interrupted try is accepted if it is
/// the same one.
pub fn install(
    session: &DeviceSession,
    keys: &DeviceKeys,
    certificates: &CertificatesResponse,
) -> Result<(), DeviceError> {
    let token = session.lock();
    for (key, bundle) in [
        (&keys.auth, &certificates.auth),
        (&keys.sign, &certificates.sign),
    ] {
        let id = key.key_id()?;
        let der = certificate_der(bundle)?;
        match token.import_certificate(&id, &key.label, &der) {
            Ok(()) | Err(TokenError::CertificateExists) => {}
            Err(error) => return Err(error.into()),
        }
        let stored = token.read_back(&id)?;
        if stored.certificate != der {
            return Err(TokenError::CertificateExists.into());
        }
    }
    Ok(())
}

/// The end-entity certificate of a bundle as DER, checked to be one X.509 certificate.
fn certificate_der(bundle: &CertificateBundle) -> Result<Vec<u8>, DeviceError> {
    let (rest, pem) = x509_parser::pem::parse_x509_pem(bundle.certificate_pem.trim().as_bytes())
        .map_err(|_| DeviceError::CertificateUnreadable)?;
    if !rest.iter().all(u8::is_ascii_whitespace) || pem.label != "CERTIFICATE" {
        return Err(DeviceError::CertificateUnreadable);
    }
    pem.parse_x509()
        .map_err(|_| DeviceError::CertificateUnreadable)?;
    Ok(pem.contents)
}

/// The label tag of a new pair: today's date, so the citizen can tell kits apart in other
/// programs' key lists.
pub fn label_tag() -> String {
    let today = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        today.year(),
        u8::from(today.month()),
        today.day()
    )
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

    #[test]
    fn the_device_key_store_is_under_the_nca_arc() {
        let oid = KeyStoreOid::from_arcs(DEVICE_KEY_STORE).map(|oid| oid.to_string());
        assert_eq!(oid.as_deref(), Ok("1.2.398.3.3.5.2.1"));
        assert_ne!(
            Ok(KeyStoreOid::pkcs12_file()),
            KeyStoreOid::from_arcs(DEVICE_KEY_STORE)
        );
    }

    #[test]
    fn a_bundle_that_is_not_a_certificate_is_refused() {
        for pem in [
            "",
            "hello",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
        ] {
            let bundle = CertificateBundle {
                certificate_pem: pem.into(),
                chain_pem: Vec::new(),
            };
            assert_eq!(
                certificate_der(&bundle),
                Err(DeviceError::CertificateUnreadable),
                "{pem:?}"
            );
        }
    }
}
