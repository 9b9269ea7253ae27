//! Certificate requests signed by the key on the token, through rcgen's `SigningKey`.

use std::cell::RefCell;

use cryptoki::mechanism::{Mechanism, MechanismType};
use rcgen::{CertificateParams, PKCS_RSA_SHA256, PublicKeyData, SignatureAlgorithm, SigningKey};
use sha2::{Digest, Sha256};
use x509_parser::prelude::FromDer;

use super::error::{Capability, TokenError};
use super::keys::TokenKey;

/// How the token is asked for an RSA PKCS#1 v1.5 SHA-256 signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignMechanism {
    /// CKM_SHA256_RSA_PKCS: the token hashes and pads.
    Sha256RsaPkcs,
    /// CKM_RSA_PKCS over a DigestInfo hashed here, for tokens without the combined mechanism.
    RsaPkcsDigestInfo,
}

/// DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2, note 1).
const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

pub(crate) fn sha256_digest_info(message: &[u8]) -> Vec<u8> {
    let mut info = SHA256_DIGEST_INFO_PREFIX.to_vec();
    info.extend_from_slice(&Sha256::digest(message));
    info
}

impl TokenKey {
    /// The mechanism [`Self::csr_pem`] uses: CKM_SHA256_RSA_PKCS where the token lists it, else
    /// CKM_RSA_PKCS over a DigestInfo.
    pub fn sign_mechanism(&self) -> Result<SignMechanism, TokenError> {
        if self.shared.offers(MechanismType::SHA256_RSA_PKCS) {
            Ok(SignMechanism::Sha256RsaPkcs)
        } else if self.shared.offers(MechanismType::RSA_PKCS) {
            Ok(SignMechanism::RsaPkcsDigestInfo)
        } else {
            Err(TokenError::NotSupported(Capability::RsaSigning))
        }
    }

    /// Signs `message` with RSA PKCS#1 v1.5 and SHA-256 on the token.
    pub fn sign(&self, mechanism: SignMechanism, message: &[u8]) -> Result<Vec<u8>, TokenError> {
        let session = self.shared.lock();
        let signed = match mechanism {
            SignMechanism::Sha256RsaPkcs => {
                session.sign(&Mechanism::Sha256RsaPkcs, self.private, message)
            }
            SignMechanism::RsaPkcsDigestInfo => session.sign(
                &Mechanism::RsaPkcs,
                self.private,
                &sha256_digest_info(message),
            ),
        };
        signed.map_err(|error| match self.shared.fail(error) {
            TokenError::NotSupported(_) => TokenError::NotSupported(Capability::RsaSigning),
            other => other,
        })
    }

    /// A PKCS#10 request for `params` (subject, extensions: built by the caller), signed on the
    /// token, as PEM. The signature is checked against the token's public key before the request
    /// is returned.
    pub fn csr_pem(&self, params: CertificateParams) -> Result<String, TokenError> {
        self.csr_pem_using(params, self.sign_mechanism()?)
    }

    /// Like [`Self::csr_pem`] with the mechanism chosen by the caller.
    pub fn csr_pem_using(
        &self,
        params: CertificateParams,
        mechanism: SignMechanism,
    ) -> Result<String, TokenError> {
        let signer = Signer {
            key: self,
            mechanism,
            failure: RefCell::new(None),
        };
        let request = params.serialize_request(&signer).map_err(|error| {
            signer
                .failure
                .take()
                .unwrap_or(TokenError::CsrFailed(error))
        })?;
        verify_request(request.der())?;
        request.pem().map_err(TokenError::CsrFailed)
    }
}

/// Checks a request's signature with the public key it carries.
fn verify_request(der: &[u8]) -> Result<(), TokenError> {
    let (rest, request) =
        x509_parser::certification_request::X509CertificationRequest::from_der(der)
            .map_err(|_| TokenError::SignatureInvalid)?;
    if !rest.is_empty() {
        return Err(TokenError::SignatureInvalid);
    }
    request
        .verify_signature()
        .map_err(|_| TokenError::SignatureInvalid)
}

/// rcgen's view of the token key; keeps the token's own error when signing fails.
struct Signer<'a> {
    key: &'a TokenKey,
    mechanism: SignMechanism,
    failure: RefCell<Option<TokenError>>,
}

impl PublicKeyData for Signer<'_> {
    fn der_bytes(&self) -> &[u8] {
        &self.key.public_key
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &PKCS_RSA_SHA256
    }
}

impl SigningKey for Signer<'_> {
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        self.key.sign(self.mechanism, message).map_err(|error| {
            self.failure.replace(Some(error));
            rcgen::Error::RemoteKeyError
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_info_is_the_rfc_8017_encoding() {
        let info = sha256_digest_info(b"abc");
        assert_eq!(info.len(), 51);
        assert_eq!(info[..19], SHA256_DIGEST_INFO_PREFIX);
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assert_eq!(info[19..23], [0xba, 0x78, 0x16, 0xbf], "first digest bytes");
        // The prefix is itself DER: SEQUENCE of 0x31 bytes = 49 + 2 = 51.
        assert_eq!(usize::from(info[1]) + 2, info.len());
    }

    #[test]
    fn a_request_with_a_bad_signature_is_refused() {
        assert_eq!(
            verify_request(b"not DER"),
            Err(TokenError::SignatureInvalid)
        );
    }
}
