//! Trying a kit: open the file, sign a test message with its private key and verify the
//! signature against its certificate (GOST 34.10-2015 512 or RSA), so a broken kit shows
//! now, not at the first egov login. The decrypted key is held only in zeroized buffers.

use std::borrow::Cow;

use p12_keystore::Pkcs12Archive;
use rcgen::SigningKey as _;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::x509::AlgorithmIdentifier;

use super::inspect::InspectError;
use super::key_match::gost_signing_key;
use super::key_set::rsa_key_from_pkcs8;
use super::pfx::pfx_to_der;
use crate::gost;

/// The message signed to try a kit.
pub const TEST_MESSAGE: &[u8] = "Qoltanba: проверка ключа / кілтті тексеру".as_bytes();

/// `sha256WithRSAEncryption` with NULL parameters, DER.
const SHA256_WITH_RSA: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

/// The outcome of trying a kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KitTrial {
    /// Signed with the file's key and verified against the file's certificate.
    Verified,
    /// The signature made with the key does not verify against the certificate.
    Mismatch,
    /// The file holds no private key of an algorithm this program can sign with.
    NoUsableKey,
}

/// Opens the PKCS#12 `bytes` with `password`, signs [`TEST_MESSAGE`] with the key and
/// verifies it with the certificate linked to it.
pub fn try_kit(bytes: &[u8], password: &str) -> Result<KitTrial, InspectError> {
    let der = pfx_to_der(bytes, password)?;
    let archive =
        Pkcs12Archive::from_pkcs12(&der, password).map_err(|_| InspectError::WrongPassword)?;
    let Some(key) = archive.keys.first() else {
        return Ok(KitTrial::NoUsableKey);
    };
    let certificate = key
        .local_key_id
        .as_ref()
        .and_then(|id| {
            archive
                .certs
                .iter()
                .find(|bag| bag.local_key_id.as_deref() == Some(id.as_ref()))
        })
        .or_else(|| archive.certs.first())
        .ok_or(InspectError::NoCertificate)?;
    let (_, certificate) = X509Certificate::from_der(certificate.cert.as_der())
        .map_err(|_| InspectError::CertificateUnreadable)?;
    Ok(trial(key.key.as_der(), &certificate))
}

/// Signs and verifies with a decrypted PKCS#8 key and its certificate.
pub(crate) fn trial(pkcs8_der: &[u8], certificate: &X509Certificate<'_>) -> KitTrial {
    if let Some(key) = gost_signing_key(pkcs8_der) {
        let signature = key.sign(TEST_MESSAGE);
        return match gost::certificate_public_key(certificate) {
            Ok(public) if public.verify(TEST_MESSAGE, &signature) => KitTrial::Verified,
            _ => KitTrial::Mismatch,
        };
    }
    let Some(pair) = rsa_key_from_pkcs8(pkcs8_der) else {
        return KitTrial::NoUsableKey;
    };
    let Ok(signature) = pair.sign(TEST_MESSAGE) else {
        return KitTrial::NoUsableKey;
    };
    if rsa_sha256_verifies(certificate, TEST_MESSAGE, signature) {
        KitTrial::Verified
    } else {
        KitTrial::Mismatch
    }
}

/// Does `signature` (RSA PKCS#1 v1.5, SHA-256) sign `message` under the certificate's key?
pub fn rsa_sha256_verifies(
    certificate: &X509Certificate<'_>,
    message: &[u8],
    signature: Vec<u8>,
) -> bool {
    let Ok((_, algorithm)) = AlgorithmIdentifier::from_der(SHA256_WITH_RSA) else {
        return false;
    };
    let value = x509_parser::der_parser::asn1_rs::BitString {
        unused_bits: 0,
        data: Cow::Owned(signature),
    };
    x509_parser::verify::verify_signature(certificate.public_key(), &algorithm, &value, message)
        .is_ok()
}

/// A kit's private key as stored (PKCS#8 DER), decrypted; zeroized when dropped.
pub fn open_private_key_der(
    bytes: &[u8],
    password: &str,
) -> Result<zeroize::Zeroizing<Vec<u8>>, InspectError> {
    let der = pfx_to_der(bytes, password)?;
    let archive =
        Pkcs12Archive::from_pkcs12(&der, password).map_err(|_| InspectError::WrongPassword)?;
    archive
        .keys
        .first()
        .map(|key| zeroize::Zeroizing::new(key.key.as_der().to_vec()))
        .ok_or(InspectError::NoCertificate)
}

/// The GOST private key of a kit, decrypted (for tests and tools that re-sign with a kit).
pub fn open_gost_key(bytes: &[u8], password: &str) -> Result<gost::SigningKey, InspectError> {
    let der = open_private_key_der(bytes, password)?;
    gost_signing_key(&der).ok_or(InspectError::NoCertificate)
}
