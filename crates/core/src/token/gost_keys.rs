//! GOST 34.10-2015 (2012) 512-bit key pairs on a token, through TC 26's PKCS#11 extension
//! ("PKCS#11 extensions for GOST R 34.10-2012 and GOST R 34.11-2012", the vendor range
//! `CK_VENDOR_PKCS11_RU_TEAM_TC26` = 0xD4321000; the same values are in opencryptoki's and
//! NSS's pkcs11 headers and in Aktiv's Rutoken `Pkcs11Tc26Constants`). One pair per kit, on
//! parameter set A; the private half never leaves the token.
//!
//! Byte layouts (PKCS#11 2.40+, "GOST R 34.10-2001 public key objects" and the CKM_GOSTR3410
//! mechanism, which the 512-bit ones follow): CKA_VALUE of the public key is X ‖ Y, each
//! little-endian — НУЦ's own layout, so it goes into the SPKI unchanged; a signature is
//! s ‖ r, each big-endian (RFC 4491 §2.2.2) — the byte reversal of НУЦ's r_LE ‖ s_LE.
//! CKM_GOSTR3410_512 signs a digest computed here (Streebog-512, the bytes as the `streebog`
//! crate emits them, which the token reads as a little-endian integer as gost-engine does).

use std::sync::Arc;

use cryptoki::error::{Error as Pkcs11Error, RvError};
use cryptoki::mechanism::vendor_defined::VendorDefinedMechanism;
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;
use rcgen::CertificateParams;

use super::error::{Capability, TokenError};
use super::gost_support::CKM_GOSTR3410_512_KEY_PAIR_GEN;
use super::keys::{TokenKey, check_protected};
use super::object_names::{KeyId, check_label};
use super::session::{SessionShared, TokenSession};
use crate::gost::{self, Curve, Signature, VerifyingKey};
use crate::pki::{PkiError, gost_request_der_signed_by, request_pem, verify_gost_request};
use crate::protocol::KeyAlgorithm;

/// `CKK_GOSTR3410_512` = TC26 | 0x003: the key type of 512-bit GOST keys.
pub const CKK_GOSTR3410_512: u64 = 0xD432_1000 | 0x003;
/// `CKM_GOSTR3410_512` = TC26 | 0x006: signs a 64-byte digest given by the caller.
pub const CKM_GOSTR3410_512: u64 = 0xD432_1000 | 0x006;
/// `CKM_GOSTR3410_WITH_GOSTR3411_2012_512` = TC26 | 0x009 (0x008 is the 256-bit one): hashes
/// on the token. Listed by the test module; the app signs digests with CKM_GOSTR3410_512,
/// which every GOST token with 512-bit keys has.
pub const CKM_GOSTR3410_WITH_GOSTR3411_12_512: u64 = 0xD432_1000 | 0x009;
/// `CKA_GOSTR3410_PARAMS` (PKCS#11 2.40: 0x250): DER OID of the curve.
pub const CKA_GOSTR3410_PARAMS: u64 = 0x250;
/// `CKA_GOSTR3411_PARAMS` (0x251): DER OID of the hash.
pub const CKA_GOSTR3411_PARAMS: u64 = 0x251;
/// `OBJECT IDENTIFIER 1.2.643.7.1.2.1.2.1` (id-tc26-gost-3410-12-512-paramSetA): the curve
/// НУЦ's 1.2.398.3.10.1.1.2.2.1 names; tokens know it by the TC 26 OID.
pub const PARAM_SET_A_512_DER: &[u8] = &[
    0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x01,
];
/// `OBJECT IDENTIFIER 1.2.643.7.1.1.2.3` (id-tc26-gost3411-12-512, Streebog-512).
pub const STREEBOG_512_DER: &[u8] = &[0x06, 0x08, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x02, 0x03];

fn vendor_mechanism(value: u64) -> Result<MechanismType, TokenError> {
    // CK_ULONG is 32 bits on Windows; the TC 26 values fit.
    #[allow(clippy::useless_conversion)]
    let value = value
        .try_into()
        .map_err(|_| TokenError::NotSupported(Capability::Gost512KeyGeneration))?;
    MechanismType::new_vendor_defined(value)
        .map_err(|_| TokenError::NotSupported(Capability::Gost512KeyGeneration))
}

fn vendor_attribute(value: u64, bytes: &[u8]) -> Attribute {
    #[allow(clippy::useless_conversion, clippy::unnecessary_fallible_conversions)]
    let kind = AttributeType::VendorDefined(value.try_into().unwrap_or_default());
    Attribute::VendorDefined((kind, bytes.to_vec()))
}

/// Whether `key` is a 512-bit GOST key (its CKA_KEY_TYPE).
pub(crate) fn is_gost_key(
    shared: &SessionShared,
    session: &Session,
    key: ObjectHandle,
) -> Result<bool, TokenError> {
    let attributes = session
        .get_attributes(key, &[AttributeType::KeyType])
        .map_err(|error| shared.fail(error))?;
    #[allow(clippy::useless_conversion)]
    Ok(attributes.into_iter().any(|attribute| {
        matches!(attribute, Attribute::KeyType(kind) if u64::from(*kind) == CKK_GOSTR3410_512)
    }))
}

/// The public key of a GOST public key object (CKA_VALUE, X_LE ‖ Y_LE), checked to be a
/// point of paramSetA.
pub(crate) fn gost_public_key(
    shared: &SessionShared,
    session: &Session,
    public: ObjectHandle,
) -> Result<VerifyingKey, TokenError> {
    let value = session
        .get_attributes(public, &[AttributeType::Value])
        .map_err(|error| shared.fail(error))?
        .into_iter()
        .find_map(|attribute| match attribute {
            Attribute::Value(value) => Some(value),
            _ => None,
        })
        .ok_or(TokenError::KeyMissing)?;
    // Some modules wrap the point in an OCTET STRING (04 81 80 …), as in the SPKI.
    let bytes = match value.as_slice() {
        [0x04, 0x81, 0x80, rest @ ..] if rest.len() == gost::PUBLIC_KEY_LEN => rest,
        other => other,
    };
    VerifyingKey::from_le_bytes(Curve::param_set_a(), bytes).map_err(|_| TokenError::KeyMissing)
}

impl TokenSession {
    /// Generates a GOST 34.10-2015 512-bit key pair (paramSetA, Streebog-512) on the token:
    /// the private key a token object, private, sensitive, not extractable, for signing; the
    /// public key a token object for verifying; both with `id` and `label`. The protection is
    /// read back, and a key the token did not protect is deleted again.
    pub fn generate_gost_key_pair(&self, id: &KeyId, label: &str) -> Result<TokenKey, TokenError> {
        check_label(label)?;
        let shared = &self.shared;
        if !shared.offers_gost_512_key_pairs() {
            return Err(TokenError::NotSupported(Capability::Gost512KeyGeneration));
        }
        shared.ensure_present()?;
        let session = shared.lock();
        if !shared.find_by_id(&session, id)?.is_empty() {
            return Err(TokenError::KeyIdInUse);
        }
        #[allow(clippy::useless_conversion)]
        let key_type =
            KeyType::new_vendor_defined(CKK_GOSTR3410_512.try_into().unwrap_or_default())
                .map_err(|_| TokenError::NotSupported(Capability::Gost512KeyGeneration))?;
        let common = |class| {
            vec![
                Attribute::Class(class),
                Attribute::KeyType(key_type),
                Attribute::Token(true),
                Attribute::Id(id.as_bytes().to_vec()),
                Attribute::Label(label.as_bytes().to_vec()),
            ]
        };
        let mut public = common(ObjectClass::PUBLIC_KEY);
        public.extend([
            Attribute::Private(false),
            Attribute::Verify(true),
            vendor_attribute(CKA_GOSTR3410_PARAMS, PARAM_SET_A_512_DER),
            vendor_attribute(CKA_GOSTR3411_PARAMS, STREEBOG_512_DER),
        ]);
        let mut private = common(ObjectClass::PRIVATE_KEY);
        private.extend([
            Attribute::Private(true),
            Attribute::Sensitive(true),
            Attribute::Extractable(false),
            Attribute::Sign(true),
            vendor_attribute(CKA_GOSTR3410_PARAMS, PARAM_SET_A_512_DER),
            vendor_attribute(CKA_GOSTR3411_PARAMS, STREEBOG_512_DER),
        ]);
        let mechanism = Mechanism::VendorDefined(VendorDefinedMechanism::new::<()>(
            vendor_mechanism(CKM_GOSTR3410_512_KEY_PAIR_GEN)?,
            None,
        ));
        let (public_handle, private_handle) = session
            .generate_key_pair(&mechanism, &public, &private)
            .map_err(|error| match error {
                Pkcs11Error::Pkcs11(
                    RvError::MechanismInvalid
                    | RvError::TemplateInconsistent
                    | RvError::AttributeValueInvalid
                    | RvError::AttributeTypeInvalid
                    | RvError::DomainParamsInvalid,
                    _,
                ) => TokenError::NotSupported(Capability::Gost512KeyGeneration),
                other => shared.fail(other),
            })?;
        let made = (|| {
            check_protected(shared, &session, private_handle)?;
            gost_public_key(shared, &session, public_handle)
        })();
        match made {
            Ok(public_key) => Ok(TokenKey {
                shared: Arc::clone(shared),
                private: private_handle,
                id: id.clone(),
                label: label.to_owned(),
                algorithm: KeyAlgorithm::Gost2015_512,
                public_key: public_key.to_le_bytes().to_vec(),
            }),
            Err(error) => {
                let _ = session.destroy_object(private_handle);
                let _ = session.destroy_object(public_handle);
                Err(error)
            }
        }
    }
}

impl TokenKey {
    /// The GOST public key (for a GOST key pair).
    pub fn gost_public_key(&self) -> Option<VerifyingKey> {
        (self.algorithm == KeyAlgorithm::Gost2015_512)
            .then(|| VerifyingKey::from_le_bytes(Curve::param_set_a(), &self.public_key).ok())
            .flatten()
    }

    /// Signs Streebog-512(`message`) with the GOST key on the token (CKM_GOSTR3410_512 over
    /// the digest computed here) and returns the signature, checked against the public key.
    pub fn sign_gost(&self, message: &[u8]) -> Result<Signature, TokenError> {
        let public = self
            .gost_public_key()
            .ok_or(TokenError::NotSupported(Capability::Gost512Signing))?;
        let digest = gost::streebog512(message);
        let mechanism = Mechanism::VendorDefined(VendorDefinedMechanism::new::<()>(
            vendor_mechanism(CKM_GOSTR3410_512)?,
            None,
        ));
        let session = self.shared.lock();
        let bytes = session
            .sign(&mechanism, self.private, &digest)
            .map_err(|error| match self.shared.fail(error) {
                TokenError::NotSupported(_) => TokenError::NotSupported(Capability::Gost512Signing),
                other => other,
            })?;
        // PKCS#11: s_BE ‖ r_BE.
        let signature =
            Signature::from_rfc_bytes(&bytes).map_err(|_| TokenError::SignatureInvalid)?;
        if public.verify_prehashed(&digest, &signature) {
            Ok(signature)
        } else {
            Err(TokenError::SignatureInvalid)
        }
    }

    /// A PKCS#10 request for `params`, as the folder GOST path builds it (НУЦ's SPKI and
    /// signature OIDs), signed by the GOST key on the token, as PEM. Its signature is checked
    /// with our own GOST code, and its key against the token's, before it is returned.
    pub fn gost_csr_pem(&self, params: &CertificateParams) -> Result<String, TokenError> {
        let public = self
            .gost_public_key()
            .ok_or(TokenError::NotSupported(Capability::Gost512Signing))?;
        let der = gost_request_der_signed_by(params, &public, |info| {
            self.sign_gost(info).map_err(RequestError::Token)
        })
        .map_err(|error| match error {
            RequestError::Token(error) => error,
            // Building the request's info failed (rcgen, before anything was signed).
            RequestError::Pki => {
                TokenError::CsrFailed(rcgen::Error::CouldNotParseCertificationRequest)
            }
        })?;
        match verify_gost_request(&der) {
            Ok(key) if key == public => Ok(request_pem(&der)),
            _ => Err(TokenError::SignatureInvalid),
        }
    }
}

/// Either side's failure while a GOST request is built and signed on the token.
enum RequestError {
    Token(TokenError),
    Pki,
}

impl From<PkiError> for RequestError {
    fn from(_: PkiError) -> Self {
        RequestError::Pki
    }
}
