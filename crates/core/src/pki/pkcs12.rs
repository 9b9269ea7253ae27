//! Writing PKCS#12 files with p12-keystore.

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKey,
    PrivateKeyChain,
};
use serde::{Deserialize, Serialize};

use super::error::PkiError;

/// Iterations for [`Pkcs12Format::Modern`]: PBKDF2-HMAC-SHA256 for the key and certificate
/// bags and the SHA-256 MAC's key derivation, at OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
/// Readers cap it (p12-keystore and `pki::pfx` at 1,000,000; Java at 5,000,000).
pub(crate) const MODERN_ITERATIONS: u32 = 600_000;

/// Iterations for [`Pkcs12Format::Compatible`]: unchanged (Java's PKCS#12 default), because
/// that format is for old readers nobody here can test with a higher count.
pub(crate) const COMPATIBLE_ITERATIONS: u32 = 10_000;

/// How a PKCS#12 file is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pkcs12Format {
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and the certificates, HMAC-SHA256
    /// MAC (the RFC 7292 key derivation with SHA-256), 600,000 iterations each: the algorithms
    /// OpenSSL 3 and Java 17 write by default, at OWASP 2023's iteration count.
    #[default]
    Modern,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC for the key and the certificates, HMAC-SHA1 MAC: for
    /// old software (Java 8 before 8u301, old NCALayer); OpenSSL 3 still reads it without
    /// `-legacy` (unlike RC2). 10,000 iterations, as before.
    Compatible,
}

impl Pkcs12Format {
    /// Bag encryption, MAC, and the iterations of both.
    fn algorithms(self) -> (EncryptionAlgorithm, MacAlgorithm, u32) {
        match self {
            Self::Modern => (
                EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
                MacAlgorithm::HmacSha256,
                MODERN_ITERATIONS,
            ),
            Self::Compatible => (
                EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
                MacAlgorithm::HmacSha1,
                COMPATIBLE_ITERATIONS,
            ),
        }
    }
}

/// Encodes one key with its certificate chain (leaf first, root last) as a PKCS#12 file.
/// `friendly_name` is the key entry's alias; `local_key_id` links the key to its certificate.
pub(crate) fn build_pkcs12(
    key_pkcs8: &[u8],
    local_key_id: &[u8],
    friendly_name: &str,
    certificates_der: &[&[u8]],
    password: &str,
    format: Pkcs12Format,
) -> Result<Vec<u8>, PkiError> {
    let failed = |e: p12_keystore::error::Error| PkiError::Pkcs12(e.to_string());
    let key = PrivateKey::from_der(key_pkcs8).map_err(failed)?;
    let certificates = certificates_der
        .iter()
        .map(|der| Certificate::from_der(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(failed)?;
    let mut store = KeyStore::new();
    store.add_entry(
        friendly_name,
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(local_key_id, key, certificates)),
    );
    let (encryption, mac, iterations) = format.algorithms();
    store
        .writer(password)
        .encryption_algorithm(encryption)
        .encryption_iterations(iterations)
        .mac_algorithm(mac)
        .mac_iterations(iterations)
        .write()
        .map_err(failed)
}
