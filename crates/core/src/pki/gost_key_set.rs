//! Generating a GOST kit's one key pair (GOST 34.10-2015, 512 bits, paramSetA) and its
//! request, as Kalkan builds them: one key and one certificate for both login and signing.

use std::fmt;

use zeroize::Zeroizing;

use super::error::PkiError;
use super::gost_x509::{gost_key_id, gost_pkcs8, gost_request_der, request_pem};
use super::subject::{KeyStoreOid, Subject};
use crate::gost::{Curve, SigningKey};

/// A GOST kit's key pair and its PKCS#10 request. The private key is wiped when the set is
/// dropped; `Debug` shows the id alone. Hand it to [`crate::store::save_pending_gost`] before
/// the request leaves, as for RSA.
pub struct GostKeySet {
    owner: String,
    key: SigningKey,
    id: String,
    csr_pem: String,
}

impl GostKeySet {
    /// The request's CN ("SURNAME NAME").
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The key's id: its Subject Key Identifier (SHA-1 of the public key's BIT STRING
    /// contents), 40 lower-case hex digits, as in `GOST512_<id>.p12`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The request, PEM (`csr`).
    pub fn csr_pem(&self) -> &str {
        &self.csr_pem
    }

    /// The private key as PKCS#8 DER in НУЦ's layout. Secret: never log or write it
    /// unencrypted.
    pub(crate) fn pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        gost_pkcs8(&self.key)
    }
}

impl fmt::Debug for GostKeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GostKeySet")
            .field("id", &self.id)
            .field("private_key", &"<redacted>")
            .finish()
    }
}

/// Generates the GOST key pair and its request (GOST 34.10-2015 / Streebog-512 signature,
/// Kazakh OIDs, the e-mail SubjectAltName and the key-store extension of a file store).
pub fn generate_gost_key_set(subject: &Subject) -> Result<GostKeySet, PkiError> {
    let params = subject.request_params(&KeyStoreOid::pkcs12_file())?;
    let key = SigningKey::generate(Curve::param_set_a());
    let csr_pem = request_pem(&gost_request_der(&params, &key)?);
    Ok(GostKeySet {
        owner: subject.common_name(),
        id: gost_key_id(&key.verifying_key()),
        key,
        csr_pem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Email, Iin, Sex};
    use crate::pki::verify_gost_request;

    #[test]
    fn the_request_is_signed_by_the_key_it_names() {
        let subject = Subject {
            surname: "Тестов".into(),
            given_name: "Тест".into(),
            patronymic: None,
            iin: Iin::from_parts(1990, 1, 2, Sex::Male, 1).expect("iin"),
            email: Some(Email::parse("a@example.kz").expect("email")),
        };
        let keys = generate_gost_key_set(&subject).expect("keys");
        let der = pem::parse(keys.csr_pem()).expect("pem").into_contents();
        let public = verify_gost_request(&der).expect("the request verifies");
        assert_eq!(gost_key_id(&public), keys.id());
        let debug = format!("{keys:?}");
        assert!(debug.contains(keys.id()) && debug.contains("<redacted>"));
        let pkcs8 = keys.pkcs8_der();
        assert!(!debug.contains(&hex::encode(&pkcs8[pkcs8.len() - 16..])));
    }
}
