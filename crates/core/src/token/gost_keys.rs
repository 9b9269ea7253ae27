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
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass};
use rcgen::CertificateParams;

use super::error::{Capability, TokenError};
use super::gost_objects::gost_public_key;
use super::gost_support::{
    CKA_GOSTR3410_PARAMS, CKA_GOSTR3411_PARAMS, CKK_GOSTR3410_512, CKM_GOSTR3410_512,
    CKM_GOSTR3410_512_KEY_PAIR_GEN, PARAM_SET_A_512_DER, STREEBOG_512_DER,
};
use super::keys::{TokenKey, check_protected};
use super::object_names::{KeyId, check_label};
use super::session::TokenSession;
use crate::gost::{self, Curve, Signature, VerifyingKey};
use crate::pki::{PkiError, gost_request_der_signed_by, request_pem, verify_gost_request};
use crate::protocol::KeyAlgorithm;

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
