//! Keys made on this computer: RSA-2048 key pairs and GOST 34.10-2015 ones, their PKCS#10 requests with the НУЦ РК
//! subject, PKCS#12 files, and reading key files back ([`inspect`]), BER ones too ([`ber`]).
//!
//! Nothing here touches the disk; [`crate::store`] writes and reads the files. Private key
//! bytes live in [`zeroize::Zeroizing`] buffers and no `Debug` output shows them.

pub mod ber;
mod certificate;
mod error;
mod gost_key_set;
mod gost_pkcs12;
mod gost_x509;
mod holder;
pub mod inspect;
mod inspect_error;
mod key_file_key;
mod key_match;
mod key_set;
mod kit_check;
mod oid;
mod pfx;
mod pkcs12;
mod subject;

pub use error::PkiError;
pub use gost_key_set::{GostKeySet, generate_gost_key_set};
pub use gost_pkcs12::{NUC_ITERATIONS, build_gost_pkcs12, gost_file_name};
pub use gost_x509::{
    gost_key_id, gost_pkcs8, gost_public_key_bits, gost_request_der, gost_request_der_signed_by,
    gost_resign_certificate, gost_signed, gost_spki_der, request_pem, verify_gost_request,
};
pub use key_match::gost_signing_key;
pub use key_set::{KeySet, generate_key_set};
pub use kit_check::{
    KitTrial, TEST_MESSAGE, open_gost_key, open_private_key_der, rsa_sha256_verifies, try_kit,
};
pub use pkcs12::Pkcs12Format;
pub use subject::{KeyStoreOid, Subject};

pub(crate) use certificate::{ParsedCertificate, parse_certificate_pem};
pub(crate) use key_file_key::private_key_id;
pub(crate) use key_set::{key_id, rsa_key_from_pkcs8};
pub(crate) use oid::RSA_ENCRYPTION;
pub(crate) use pkcs12::build_pkcs12;

/// Which of the two keys of a kit: НУЦ issues one for authentication and one for signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyRole {
    /// Authentication (TLS client, logging in to egov.kz): `AUTH_RSA256_<id>.p12`.
    Auth,
    /// Signing documents (non-repudiation): `RSA256_<id>.p12`.
    Sign,
}

impl KeyRole {
    /// Both roles, AUTH first.
    pub const ALL: [KeyRole; 2] = [KeyRole::Auth, KeyRole::Sign];
}
