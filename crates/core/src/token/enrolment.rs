//! Keys on a device, the blocking half: one GOST 34.10-2015 512-bit pair where the device's
//! module offers GOST 2012-512 key pairs, else two RSA-2048 pairs, generated on the token,
//! their requests signed there, the certificates written next to them, read back and tried.
//! What is remembered of them is [`DeviceKeys`].

use crate::pki::{KeyStoreOid, KitTrial, Subject, TEST_MESSAGE, rsa_sha256_verifies};
use crate::protocol::{CertificateBundle, CertificatesResponse, KeyAlgorithm};

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

/// Blocking: generates the key pairs on the device and signs their requests there: the one
/// GOST pair when the device's module lists CKM_GOSTR3410_512_KEY_PAIR_GEN, else the AUTH and
/// signing RSA-2048 pairs. It first removes what an interrupted attempt left (key pairs of ours without a
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
    let algorithm = if session.offers_gost_512_key_pairs() {
        KeyAlgorithm::Gost2015_512
    } else {
        KeyAlgorithm::Rsa2048
    };
    let pairs = match algorithm {
        KeyAlgorithm::Gost2015_512 => make_gost_pair(&token, subject, &key_store, tag, &mut made),
        KeyAlgorithm::Rsa2048 => make_pairs(&token, subject, &key_store, tag, &mut made),
    };
    match pairs {
        Ok(Pairs {
            auth,
            sign,
            csr_auth,
            csr_sign,
            csr,
        }) => {
            let device = session.token();
            Ok(DevicePrepared {
                keys: DeviceKeys {
                    label: device.label.clone(),
                    model: device.model.clone(),
                    serial: device.serial.clone(),
                    module: device.module.clone(),
                    algorithm,
                    auth,
                    sign,
                },
                csr_auth,
                csr_sign,
                csr,
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

/// What [`make_pairs`] or [`make_gost_pair`] made.
struct Pairs {
    auth: DeviceKey,
    sign: DeviceKey,
    csr_auth: String,
    csr_sign: String,
    csr: Option<String>,
}

/// The one GOST pair (labelled as the AUTH pair: it is the kit's key for login and
/// signing) and its request, signed on the device.
fn make_gost_pair(
    token: &TokenSession,
    subject: &Subject,
    key_store: &KeyStoreOid,
    tag: &str,
    made: &mut Vec<KeyId>,
) -> Result<Pairs, DeviceError> {
    let id = token.new_key_id()?;
    let label = KeyRole::Auth.label(tag);
    let key = token.generate_gost_key_pair(&id, &label)?;
    made.push(id.clone());
    let csr = key.gost_csr_pem(&subject.request_params(key_store)?)?;
    let pair = DeviceKey::new(&id, &label);
    Ok(Pairs {
        auth: pair.clone(),
        sign: pair,
        csr_auth: String::new(),
        csr_sign: String::new(),
        csr: Some(csr),
    })
}

fn make_pairs(
    token: &TokenSession,
    subject: &Subject,
    key_store: &KeyStoreOid,
    tag: &str,
    made: &mut Vec<KeyId>,
) -> Result<Pairs, DeviceError> {
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
    Ok(Pairs {
        auth,
        sign,
        csr_auth,
        csr_sign,
        csr: None,
    })
}

/// Blocking: removes the key pairs of an application that failed for good.
pub fn remove_keys(session: &DeviceSession, keys: &DeviceKeys) -> Result<usize, DeviceError> {
    let ids = keys.ids()?;
    Ok(session.lock().remove_objects(&ids)?)
}

/// Blocking: writes the certificates (RSA's two, GOST's one) next to their keys (same CKA_ID
/// and label), reads each pair back and tries it: a test message signed on the device and
/// verified with the certificate ([`KitTrial`], one per pair). A certificate written by an
/// earlier, interrupted try is accepted if it is the same one.
pub fn install(
    session: &DeviceSession,
    keys: &DeviceKeys,
    certificates: &CertificatesResponse,
) -> Result<Vec<KitTrial>, DeviceError> {
    let token = session.lock();
    let pairs = match keys.algorithm {
        KeyAlgorithm::Rsa2048 => vec![
            (&keys.auth, &certificates.auth),
            (&keys.sign, &certificates.sign),
        ],
        KeyAlgorithm::Gost2015_512 => vec![(&keys.auth, &certificates.certificate)],
    };
    let mut trials = Vec::new();
    for (key, bundle) in pairs {
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
        trials.push(try_pair(&token, &id, &der)?);
    }
    Ok(trials)
}

/// Signs [`TEST_MESSAGE`] with the key on the device and verifies it with `certificate`.
fn try_pair(token: &TokenSession, id: &KeyId, certificate: &[u8]) -> Result<KitTrial, DeviceError> {
    let key = token.key(id)?;
    let (_, parsed) = x509_parser::parse_x509_certificate(certificate)
        .map_err(|_| DeviceError::CertificateUnreadable)?;
    let verified = match key.algorithm() {
        KeyAlgorithm::Gost2015_512 => {
            let signature = key.sign_gost(TEST_MESSAGE);
            // A signature the key's own point refuses is already SignatureInvalid.
            match (signature, crate::gost::certificate_public_key(&parsed)) {
                (Ok(signature), Ok(public)) => public.verify(TEST_MESSAGE, &signature),
                (Err(TokenError::SignatureInvalid), _) | (_, Err(_)) => false,
                (Err(error), _) => return Err(error.into()),
            }
        }
        KeyAlgorithm::Rsa2048 => {
            let signature = key.sign(key.sign_mechanism()?, TEST_MESSAGE)?;
            rsa_sha256_verifies(&parsed, TEST_MESSAGE, signature)
        }
    };
    Ok(if verified {
        KitTrial::Verified
    } else {
        KitTrial::Mismatch
    })
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
