//! GOST 34.10-2015 with 512-bit keys on parameter set A, the keys НУЦ РК issues today:
//! curve arithmetic, signing and verification with Streebog-512 (GOST 34.11-2015), НУЦ's byte
//! layouts and OIDs, and checking certificates signed this way.
//!
//! What is whose: big-integer and modular arithmetic are crypto-bigint's (constant time),
//! Streebog is RustCrypto's `streebog`; the point formulas and the ladder are ours
//! ([`point`] says why), as are the signing equations (a few lines of the standard).
//! Secret scalars live in [`SigningKey`] (zeroized on drop) and are wiped where copied.

mod certificate;
mod curve;
mod keys;
pub mod oid;
mod point;
#[cfg(test)]
mod tests;

pub use certificate::{
    certificate_public_key, spki_public_key_bytes, verify_certificate_signature,
};
pub use curve::Curve;
pub use keys::{
    DIGEST_LEN, PUBLIC_KEY_LEN, SCALAR_LEN, SIGNATURE_LEN, Signature, SigningKey, VerifyingKey,
    streebog512,
};

/// What can be wrong with GOST key material or a GOST signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GostError {
    #[error("a GOST private key is 64 bytes, this one is {0}")]
    PrivateKeyLength(usize),
    #[error("the GOST private key is 0 or not below the group order")]
    PrivateKeyRange,
    #[error("a GOST public key is 128 bytes (x, y), this one is {0}")]
    PublicKeyLength(usize),
    #[error("the public key is not a point of the curve")]
    NotOnCurve,
    #[error("a GOST signature is 128 bytes, this one is {0}")]
    SignatureLength(usize),
    #[error("the key is not GOST 34.10-2015 512-bit on parameter set A (algorithm {0})")]
    NotGost(String),
    #[error("the certificate's public key is malformed")]
    MalformedPublicKey,
    #[error("the certificate is not signed with GOST 34.10-2015 / Streebog-512 ({0})")]
    SignatureAlgorithm(String),
    #[error("the signature does not verify")]
    BadSignature,
}
