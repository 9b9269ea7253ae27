//! RSA-2048 key pairs generated on the token; the private half never leaves it. (GOST ones:
//! `gost_keys`.)

use std::fmt;
use std::sync::Arc;

use cryptoki::error::{Error as Pkcs11Error, RvError};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;

use super::error::{Capability, TokenError};
use super::gost_objects::{gost_public_key, is_gost_key};
use super::object_names::{KeyId, KeyRole, check_label};
use super::session::{SessionShared, TokenSession};
use crate::protocol::KeyAlgorithm;

/// A key pair on the token. Holds the session it was made in, so it can sign requests later.
pub struct TokenKey {
    pub(crate) shared: Arc<SessionShared>,
    pub(crate) private: ObjectHandle,
    pub(crate) id: KeyId,
    pub(crate) label: String,
    /// RSA-2048 or GOST 34.10-2015 512.
    pub(crate) algorithm: KeyAlgorithm,
    /// RSA: PKCS#1 RSAPublicKey DER; GOST: x_LE ‖ y_LE (128 bytes).
    pub(crate) public_key: Vec<u8>,
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenKey")
            .field("id", &self.id)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl TokenKey {
    /// The key pair's CKA_ID.
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// The key pair's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The public key as PKCS#1 RSAPublicKey DER (empty for a GOST key: see
    /// [`Self::gost_public_key`]).
    pub fn rsa_public_key_der(&self) -> &[u8] {
        match self.algorithm {
            KeyAlgorithm::Rsa2048 => &self.public_key,
            KeyAlgorithm::Gost2015_512 => &[],
        }
    }
}

/// RSA public exponent 65537.
const PUBLIC_EXPONENT: [u8; 3] = [0x01, 0x00, 0x01];

impl TokenSession {
    /// Generates an RSA-2048 key pair on the token: the private key is a token object, private,
    /// sensitive and not extractable; both halves carry `id` and `label`. The label must start
    /// with [`super::LABEL_PREFIX`] (use [`KeyRole::label`]). The key's protection is read
    /// back, and a key the token did not protect is deleted again (`KeyNotProtected`).
    pub fn generate_key_pair(
        &self,
        role: KeyRole,
        id: &KeyId,
        label: &str,
    ) -> Result<TokenKey, TokenError> {
        check_label(label)?;
        let shared = &self.shared;
        if !shared.offers(MechanismType::RSA_PKCS_KEY_PAIR_GEN) {
            return Err(TokenError::NotSupported(Capability::Rsa2048KeyGeneration));
        }
        shared.ensure_present()?;
        let session = shared.lock();
        if !shared.find_by_id(&session, id)?.is_empty() {
            return Err(TokenError::KeyIdInUse);
        }
        let templates = |strict: bool| {
            let common = |class| {
                vec![
                    Attribute::Class(class),
                    Attribute::KeyType(KeyType::RSA),
                    Attribute::Token(true),
                    Attribute::Id(id.as_bytes().to_vec()),
                    Attribute::Label(label.as_bytes().to_vec()),
                ]
            };
            let auth = role == KeyRole::Auth;
            let mut public = common(ObjectClass::PUBLIC_KEY);
            public.extend([
                Attribute::Private(false),
                Attribute::ModulusBits(2048.into()),
                Attribute::PublicExponent(PUBLIC_EXPONENT.to_vec()),
                Attribute::Verify(true),
            ]);
            let mut private = common(ObjectClass::PRIVATE_KEY);
            private.extend([
                Attribute::Private(true),
                Attribute::Sensitive(true),
                Attribute::Extractable(false),
                Attribute::Sign(true),
            ]);
            if strict {
                // Only what the role needs: AUTH keys may also decrypt (keyEncipherment);
                // neither wraps keys.
                public.extend([Attribute::Encrypt(auth), Attribute::Wrap(false)]);
                private.extend([Attribute::Decrypt(auth), Attribute::Unwrap(false)]);
            }
            (public, private)
        };
        let generate = |strict: bool| {
            let (public, private) = templates(strict);
            session.generate_key_pair(&Mechanism::RsaPkcsKeyPairGen, &public, &private)
        };
        // Some tokens refuse usage attributes they do not know or do not let be set; the
        // protection attributes are required either way and checked below.
        let generated = match generate(true) {
            Err(Pkcs11Error::Pkcs11(
                RvError::AttributeTypeInvalid
                | RvError::AttributeValueInvalid
                | RvError::TemplateInconsistent,
                _,
            )) => generate(false),
            other => other,
        };
        let (public_handle, private_handle) = generated.map_err(|error| match error {
            Pkcs11Error::Pkcs11(
                RvError::MechanismInvalid
                | RvError::KeySizeRange
                | RvError::TemplateInconsistent
                | RvError::AttributeValueInvalid
                | RvError::AttributeTypeInvalid,
                _,
            ) => TokenError::NotSupported(Capability::Rsa2048KeyGeneration),
            other => shared.fail(other),
        })?;
        let made = (|| {
            check_protected(shared, &session, private_handle)?;
            rsa_public_key(shared, &session, public_handle)
        })();
        match made {
            Ok(public_key) => Ok(TokenKey {
                shared: Arc::clone(shared),
                private: private_handle,
                id: id.clone(),
                label: label.to_owned(),
                algorithm: KeyAlgorithm::Rsa2048,
                public_key,
            }),
            Err(error) => {
                // Best effort: a pulled device keeps them, and `remove_incomplete` takes them
                // away on the next attempt.
                let _ = session.destroy_object(private_handle);
                let _ = session.destroy_object(public_handle);
                Err(error)
            }
        }
    }

    /// The key pair with this CKA_ID made earlier (e.g. in a session before the device was
    /// re-plugged), to sign its request again. RSA or GOST, as its key type says (a GOST
    /// pair needs its public key object: the private one does not carry the point).
    pub fn key(&self, id: &KeyId) -> Result<TokenKey, TokenError> {
        let shared = &self.shared;
        shared.ensure_present()?;
        let session = shared.lock();
        let private = shared
            .find_class(&session, ObjectClass::PRIVATE_KEY, id)?
            .ok_or(TokenError::KeyMissing)?;
        let label = read_label(shared, &session, private)?;
        let public = shared.find_class(&session, ObjectClass::PUBLIC_KEY, id)?;
        let (algorithm, public_key) = if is_gost_key(shared, &session, private)? {
            let public = public.ok_or(TokenError::KeyMissing)?;
            let key = gost_public_key(shared, &session, public)?;
            (KeyAlgorithm::Gost2015_512, key.to_le_bytes().to_vec())
        } else {
            let key = match public {
                Some(public) => rsa_public_key(shared, &session, public)?,
                // RSA private keys carry the public modulus and exponent too.
                None => rsa_public_key(shared, &session, private)?,
            };
            (KeyAlgorithm::Rsa2048, key)
        };
        Ok(TokenKey {
            shared: Arc::clone(shared),
            private,
            id: id.clone(),
            label,
            algorithm,
            public_key,
        })
    }
}

pub(crate) fn check_protected(
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
                AttributeType::Token,
            ],
        )
        .map_err(|error| shared.fail(error))?;
    let mut protected = [false; 4];
    for attribute in attributes {
        match attribute {
            Attribute::Sensitive(value) => protected[0] = value,
            Attribute::Extractable(value) => protected[1] = !value,
            Attribute::Private(value) => protected[2] = value,
            Attribute::Token(value) => protected[3] = value,
            _ => {}
        }
    }
    if protected.iter().all(|ok| *ok) {
        Ok(())
    } else {
        Err(TokenError::KeyNotProtected)
    }
}

pub(crate) fn read_label(
    shared: &SessionShared,
    session: &Session,
    object: ObjectHandle,
) -> Result<String, TokenError> {
    let attributes = session
        .get_attributes(object, &[AttributeType::Label])
        .map_err(|error| shared.fail(error))?;
    Ok(attributes
        .into_iter()
        .find_map(|attribute| match attribute {
            Attribute::Label(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            _ => None,
        })
        .unwrap_or_default())
}

/// The modulus and public exponent of an RSA key object (public, or private with its public
/// parts readable).
pub(crate) fn rsa_parts(
    shared: &SessionShared,
    session: &Session,
    key: ObjectHandle,
) -> Result<(Vec<u8>, Vec<u8>), TokenError> {
    let attributes = session
        .get_attributes(
            key,
            &[AttributeType::Modulus, AttributeType::PublicExponent],
        )
        .map_err(|error| shared.fail(error))?;
    let (mut modulus, mut exponent) = (None, None);
    for attribute in attributes {
        match attribute {
            Attribute::Modulus(value) => modulus = Some(value),
            Attribute::PublicExponent(value) => exponent = Some(value),
            _ => {}
        }
    }
    match (modulus, exponent) {
        (Some(modulus), Some(exponent)) if !modulus.is_empty() && !exponent.is_empty() => {
            Ok((modulus, exponent))
        }
        _ => Err(TokenError::KeyMissing),
    }
}

fn rsa_public_key(
    shared: &SessionShared,
    session: &Session,
    key: ObjectHandle,
) -> Result<Vec<u8>, TokenError> {
    let (modulus, exponent) = rsa_parts(shared, session, key)?;
    Ok(rsa_public_key_der(&modulus, &exponent))
}

/// PKCS#1 RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
pub(crate) fn rsa_public_key_der(modulus: &[u8], exponent: &[u8]) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|writer| {
            writer.next().write_bigint_bytes(modulus, true);
            writer.next().write_bigint_bytes(exponent, true);
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_public_key_der_is_minimal() {
        // High bit set: a leading zero is added; leading zeros in the input are dropped.
        let der = rsa_public_key_der(&[0x00, 0x80, 0x01], &PUBLIC_EXPONENT);
        assert_eq!(
            der,
            [
                0x30, 0x0a, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x03, 0x01, 0x00, 0x01
            ]
        );
    }
}
