//! Certificates written next to their keys, and the read-back check.

use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::error::TokenError;
use super::gost_objects::{gost_public_key, is_gost_key};
use super::keys::{read_label, rsa_parts};
use super::object_names::{KeyId, check_label};
use super::session::{SessionShared, TokenSession};

/// A key pair with its certificate, as read back from the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredKeyPair {
    /// The CKA_ID shared by the three objects.
    pub id: KeyId,
    /// The private key's label.
    pub label: String,
    /// The certificate's label.
    pub certificate_label: String,
    /// The certificate (DER).
    pub certificate: Vec<u8>,
    /// Whether the token also keeps the public key as its own object.
    pub has_public_key_object: bool,
}

/// The parts of a certificate the token object needs.
struct ParsedCertificate {
    subject: Vec<u8>,
    issuer: Vec<u8>,
    serial: Vec<u8>,
    key: PublicParts,
}

/// A public key as the certificate and the token hold it.
#[derive(Debug, PartialEq, Eq)]
enum PublicParts {
    /// Modulus and exponent.
    Rsa(Vec<u8>, Vec<u8>),
    /// x_LE ‖ y_LE.
    Gost(Vec<u8>),
}

impl PublicParts {
    fn same_as(&self, other: &PublicParts) -> bool {
        match (self, other) {
            (PublicParts::Rsa(m1, e1), PublicParts::Rsa(m2, e2)) => same_key((m1, e1), (m2, e2)),
            (PublicParts::Gost(a), PublicParts::Gost(b)) => a == b,
            _ => false,
        }
    }
}

fn parse(der: &[u8]) -> Result<ParsedCertificate, TokenError> {
    let (rest, certificate) =
        X509Certificate::from_der(der).map_err(|_| TokenError::CertificateInvalid)?;
    if !rest.is_empty() {
        return Err(TokenError::CertificateInvalid);
    }
    let key = match certificate.public_key().parsed() {
        Ok(PublicKey::RSA(rsa)) => PublicParts::Rsa(rsa.modulus.to_vec(), rsa.exponent.to_vec()),
        _ => match crate::gost::certificate_public_key(&certificate) {
            Ok(gost) => PublicParts::Gost(gost.to_le_bytes().to_vec()),
            Err(_) => return Err(TokenError::CertificateInvalid),
        },
    };
    let tbs = &certificate.tbs_certificate;
    Ok(ParsedCertificate {
        subject: tbs.subject.as_raw().to_vec(),
        issuer: tbs.issuer.as_raw().to_vec(),
        serial: der_integer(tbs.raw_serial()),
        key,
    })
}

/// DER INTEGER from its content octets (as they appear in the certificate).
fn der_integer(content: &[u8]) -> Vec<u8> {
    let mut out = vec![0x02];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|byte| *byte == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| *byte != 0)
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn same_key(a: (&[u8], &[u8]), b: (&[u8], &[u8])) -> bool {
    strip_zeros(a.0) == strip_zeros(b.0) && strip_zeros(a.1) == strip_zeros(b.1)
}

impl TokenSession {
    /// Writes `der` as an X.509 certificate object with the key pair's CKA_ID, the certificate's
    /// subject, issuer and serial, and `label` (which must start with
    /// [`super::LABEL_PREFIX`]). Refuses a certificate whose public key is not the key pair's,
    /// and a second certificate for the same key. Also sets CKA_SUBJECT on the key objects
    /// where the token allows it.
    pub fn import_certificate(
        &self,
        id: &KeyId,
        label: &str,
        der: &[u8],
    ) -> Result<(), TokenError> {
        check_label(label)?;
        let parsed = parse(der)?;
        let shared = &self.shared;
        shared.ensure_present()?;
        let session = shared.lock();
        if !key_parts(shared, &session, id)?.same_as(&parsed.key) {
            return Err(TokenError::CertificateMismatch);
        }
        if shared
            .find_class(&session, ObjectClass::CERTIFICATE, id)?
            .is_some()
        {
            return Err(TokenError::CertificateExists);
        }
        session
            .create_object(&[
                Attribute::Class(ObjectClass::CERTIFICATE),
                Attribute::CertificateType(CertificateType::X_509),
                Attribute::Token(true),
                Attribute::Private(false),
                Attribute::Id(id.as_bytes().to_vec()),
                Attribute::Label(label.as_bytes().to_vec()),
                Attribute::Subject(parsed.subject.clone()),
                Attribute::Issuer(parsed.issuer),
                Attribute::SerialNumber(parsed.serial),
                Attribute::Value(der.to_vec()),
            ])
            .map_err(|error| shared.fail(error))?;
        for class in [ObjectClass::PRIVATE_KEY, ObjectClass::PUBLIC_KEY] {
            if let Some(key) = shared.find_class(&session, class, id)? {
                // Some tokens make CKA_SUBJECT read-only on keys; the certificate carries it.
                let set =
                    session.update_attributes(key, &[Attribute::Subject(parsed.subject.clone())]);
                if let Err(error) = set
                    && shared.fail(error) == TokenError::TokenRemoved
                {
                    return Err(TokenError::TokenRemoved);
                }
            }
        }
        Ok(())
    }

    /// Reads the key pair and certificate with this CKA_ID back and checks them: the private key
    /// is there, private, sensitive and not extractable; the certificate is there and its public
    /// key is the key pair's.
    pub fn read_back(&self, id: &KeyId) -> Result<StoredKeyPair, TokenError> {
        let shared = &self.shared;
        shared.ensure_present()?;
        let session = shared.lock();
        let private = shared
            .find_class(&session, ObjectClass::PRIVATE_KEY, id)?
            .ok_or(TokenError::KeyMissing)?;
        check_private(shared, &session, private)?;
        let public = shared.find_class(&session, ObjectClass::PUBLIC_KEY, id)?;
        let certificate = shared
            .find_class(&session, ObjectClass::CERTIFICATE, id)?
            .ok_or(TokenError::CertificateMissing)?;
        let value = session
            .get_attributes(certificate, &[AttributeType::Value])
            .map_err(|error| shared.fail(error))?
            .into_iter()
            .find_map(|attribute| match attribute {
                Attribute::Value(value) => Some(value),
                _ => None,
            })
            .ok_or(TokenError::CertificateMissing)?;
        let parsed = parse(&value)?;
        if !key_parts(shared, &session, id)?.same_as(&parsed.key) {
            return Err(TokenError::CertificateMismatch);
        }
        Ok(StoredKeyPair {
            id: id.clone(),
            label: read_label(shared, &session, private)?,
            certificate_label: read_label(shared, &session, certificate)?,
            certificate: value,
            has_public_key_object: public.is_some(),
        })
    }
}

/// The key pair's public key. RSA: modulus and exponent from the public key object, else the
/// private key; GOST: the point from the public key object.
fn key_parts(
    shared: &SessionShared,
    session: &Session,
    id: &KeyId,
) -> Result<PublicParts, TokenError> {
    let private = shared
        .find_class(session, ObjectClass::PRIVATE_KEY, id)?
        .ok_or(TokenError::KeyMissing)?;
    let public = shared.find_class(session, ObjectClass::PUBLIC_KEY, id)?;
    if is_gost_key(shared, session, private)? {
        let public = public.ok_or(TokenError::KeyMissing)?;
        let key = gost_public_key(shared, session, public)?;
        return Ok(PublicParts::Gost(key.to_le_bytes().to_vec()));
    }
    let (modulus, exponent) = rsa_parts(shared, session, public.unwrap_or(private))?;
    Ok(PublicParts::Rsa(modulus, exponent))
}

fn check_private(
    shared: &SessionShared,
    session: &Session,
    private: ObjectHandle,
) -> Result<(), TokenError> {
    let attributes = session
        .get_attributes(
            private,
            &[
                AttributeType::Sensitive,
                AttributeType::Extractable,
                AttributeType::Private,
            ],
        )
        .map_err(|error| shared.fail(error))?;
    let protected = attributes.iter().all(|attribute| match attribute {
        Attribute::Sensitive(value) | Attribute::Private(value) => *value,
        Attribute::Extractable(value) => !*value,
        _ => true,
    });
    if protected && attributes.len() == 3 {
        Ok(())
    } else {
        Err(TokenError::KeyNotProtected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_wrapped_as_der_integers() {
        assert_eq!(der_integer(&[0x01]), [0x02, 0x01, 0x01]);
        assert_eq!(der_integer(&[0x00, 0x80]), [0x02, 0x02, 0x00, 0x80]);
        let long = vec![0x11; 200];
        let der = der_integer(&long);
        assert_eq!(der[..3], [0x02, 0x81, 200]);
        assert_eq!(der.len(), 203);
    }

    #[test]
    fn keys_compare_without_leading_zeros() {
        assert!(same_key(
            (&[0, 0x80, 1], &[1, 0, 1]),
            (&[0x80, 1], &[0, 1, 0, 1])
        ));
        assert!(!same_key(
            (&[0x80, 1], &[1, 0, 1]),
            (&[0x80, 2], &[1, 0, 1])
        ));
        assert!(!same_key((&[0x80, 1], &[1, 0, 1]), (&[0x80, 1], &[3])));
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(matches!(
            parse(b"\x30\x03\x02\x01\x01"),
            Err(TokenError::CertificateInvalid)
        ));
        assert!(matches!(parse(b""), Err(TokenError::CertificateInvalid)));
    }
}
