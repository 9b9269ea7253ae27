//! Keys on a device, the blocking half: two RSA-2048 pairs generated on the token, their
//! requests signed there, the certificates written next to them and read back. What is
//! remembered of them is [`DeviceKeys`].

use crate::pki::{KeyStoreOid, Subject};
use crate::protocol::{CertificateBundle, CertificatesResponse};

use super::device_error::DeviceError;
use super::device_keys::{DeviceKey, DeviceKeys, DevicePrepared};
use super::devices::DeviceSession;
use super::error::TokenError;
use super::object_names::{KeyId, KeyRole};
use super::session::TokenSession;

/// The key-store extension put in requests for keys on a device. НУЦ publishes only the
/// PKCS#12 file store (1.2.398.3.3.5.1.1); no public value is known for hardware stores, so
/// this is our choice under the same arc (the service checks the arc, see docs/tokens.md).
pub const DEVICE_KEY_STORE: &[u64] = &[1, 2, 398, 3, 3, 5, 2, 1];

/// Blocking: generates the AUTH and signing pairs on the device and signs their requests
/// there. It first removes what an interrupted attempt left (key pairs of ours without a
/// certificate) — except the pairs of `known`, the applications recorded as sent (or perhaps
/// sent) and waiting for their certificates. If something fails after a pair was made, what
/// was made is removed again, unless the device was pulled out (then the next attempt's
/// clean-up does it).
pub fn make_keys(
    session: &DeviceSession,
    subject: &Subject,
    known: &[DeviceKeys],
    tag: &str,
) -> Result<DevicePrepared, DeviceError> {
    let key_store = KeyStoreOid::from_arcs(DEVICE_KEY_STORE)?;
    // Checked before anything is made on the device.
    subject.request_params(&key_store)?;
    let mut keep = Vec::new();
    for keys in known.iter().filter(|keys| keys.is_on(session.token())) {
        keep.extend(keys.ids()?);
    }
    let token = session.lock();
    token.remove_incomplete_except(&keep)?;
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
        let der = certificate_der(bundle.as_ref().ok_or(DeviceError::CertificateUnreadable)?)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
