//! Generating the two RSA-2048 key pairs of a kit and their requests.

use std::fmt;

use rcgen::{CertificateParams, KeyPair, PKCS_RSA_SHA256, RsaKeySize};
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

use super::KeyRole;
use super::error::PkiError;
use super::subject::{KeyStoreOid, Subject};

/// One generated key: its PKCS#8 private key (wiped on drop), its id and its request.
pub(crate) struct GeneratedKey {
    pkcs8: Zeroizing<Vec<u8>>,
    id: String,
    csr_pem: String,
}

impl GeneratedKey {
    /// The private key, PKCS#8 DER. Secret: never log or write it unencrypted.
    pub(crate) fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }
}

/// The AUTH and signing key pairs of one kit with their PKCS#10 requests.
///
/// The private keys are kept only in memory that is wiped when the set is dropped; `Debug`
/// shows the ids alone. Hand the set to [`crate::store::save_pending`] before submitting the
/// requests, so the keys are on disk (encrypted) whatever happens next.
pub struct KeySet {
    owner: String,
    auth: GeneratedKey,
    sign: GeneratedKey,
}

impl KeySet {
    /// The requests' CN ("SURNAME NAME").
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The AUTH key's request, PEM (`csr_auth`).
    pub fn csr_auth_pem(&self) -> &str {
        &self.auth.csr_pem
    }

    /// The signing key's request, PEM (`csr_sign`).
    pub fn csr_sign_pem(&self) -> &str {
        &self.sign.csr_pem
    }

    /// The AUTH key's id: its Subject Key Identifier, 40 lower-case hex digits.
    pub fn auth_id(&self) -> &str {
        &self.auth.id
    }

    /// The signing key's id: its Subject Key Identifier, 40 lower-case hex digits.
    pub fn sign_id(&self) -> &str {
        &self.sign.id
    }

    pub(crate) fn key(&self, role: KeyRole) -> &GeneratedKey {
        match role {
            KeyRole::Auth => &self.auth,
            KeyRole::Sign => &self.sign,
        }
    }
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("auth_id", &self.auth.id)
            .field("sign_id", &self.sign.id)
            .field("private_keys", &"<redacted>")
            .finish()
    }
}

/// Generates the AUTH and signing RSA-2048 key pairs and their SHA256withRSA requests for a
/// PKCS#12 file store.
///
/// Slow (RSA prime search, about a tenth of a second per key with a wide spread): run it off
/// the UI thread. The two keys are made on two threads when the system allows.
pub fn generate_key_set(subject: &Subject) -> Result<KeySet, PkiError> {
    let params = subject.request_params(&KeyStoreOid::pkcs12_file())?;
    let (auth, sign) = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("rsa-keygen".into())
            .spawn_scoped(scope, || generate_key(&params));
        let auth = generate_key(&params);
        let sign = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(PkiError::KeyGeneration("the thread failed".into()))),
            Err(_) => generate_key(&params),
        };
        (auth, sign)
    });
    Ok(KeySet {
        owner: subject.common_name(),
        auth: auth?,
        sign: sign?,
    })
}

fn generate_key(params: &CertificateParams) -> Result<GeneratedKey, PkiError> {
    let key = Zeroizing::new(
        KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048)
            .map_err(|e| PkiError::KeyGeneration(e.to_string()))?,
    );
    let csr_pem = params
        .serialize_request(&*key)
        .and_then(|csr| csr.pem())
        .map_err(|e| PkiError::Request(e.to_string()))?;
    Ok(GeneratedKey {
        pkcs8: Zeroizing::new(key.serialize_der()),
        id: key_id(key.public_key_raw()),
        csr_pem,
    })
}

/// RFC 5280 key identifier, method 1: SHA-1 of the subjectPublicKey bits, as 40 lower-case
/// hex digits. НУЦ names key files by it.
pub(crate) fn key_id(public_key_bits: &[u8]) -> String {
    hex::encode(Sha1::digest(public_key_bits))
}

/// Loads an RSA private key (PKCS#8 DER) for signing or to read its public key.
pub(crate) fn rsa_key_from_pkcs8(der: &[u8]) -> Option<Zeroizing<KeyPair>> {
    KeyPair::try_from(der).ok().map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Email, Iin, Sex};

    #[test]
    fn debug_hides_the_private_keys() {
        let subject = Subject {
            surname: "Тестов".into(),
            given_name: "Тест".into(),
            patronymic: None,
            iin: Iin::from_parts(1990, 1, 2, Sex::Male, 1).expect("iin"),
            email: Some(Email::parse("a@example.kz").expect("email")),
        };
        let keys = generate_key_set(&subject).expect("keys");
        let debug = format!("{keys:?}");
        assert!(debug.contains(keys.auth_id()) && debug.contains("<redacted>"));
        let der = keys.key(KeyRole::Auth).pkcs8_der();
        // The tail of a PKCS#8 RSA key is private (CRT coefficient); no form of it may show.
        let tail = &der[der.len() - 8..];
        let as_debug = format!("{tail:?}");
        assert!(
            !debug.contains(as_debug.trim_matches(['[', ']'])),
            "{debug}"
        );
        assert!(!debug.contains(&hex::encode(tail)), "{debug}");
        assert_ne!(keys.auth_id(), keys.sign_id());
    }
}
