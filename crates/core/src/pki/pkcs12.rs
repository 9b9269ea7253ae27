//! Writing PKCS#12 files with p12-keystore.

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKey,
    PrivateKeyChain,
};
use serde::{Deserialize, Serialize};

use super::error::PkiError;

/// PBKDF iterations for bag encryption and the MAC: Java's default for PKCS#12 (OpenSSL 3
/// uses 2048), which every reader in the chain accepts.
pub(crate) const PKCS12_ITERATIONS: u32 = 10_000;

/// How a PKCS#12 file is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pkcs12Format {
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and the certificates, HMAC-SHA256
    /// MAC: what OpenSSL 3 and Java 17 write by default.
    #[default]
    Modern,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC for the key and the certificates, HMAC-SHA1 MAC: for
    /// old software (Java 8 before 8u301, old NCALayer); OpenSSL 3 still reads it without
    /// `-legacy` (unlike RC2).
    Compatible,
}

impl Pkcs12Format {
    fn algorithms(self) -> (EncryptionAlgorithm, MacAlgorithm) {
        match self {
            Self::Modern => (
                EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
                MacAlgorithm::HmacSha256,
            ),
            Self::Compatible => (
                EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
                MacAlgorithm::HmacSha1,
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
    let (encryption, mac) = format.algorithms();
    store
        .writer(password)
        .encryption_algorithm(encryption)
        .encryption_iterations(PKCS12_ITERATIONS)
        .mac_algorithm(mac)
        .mac_iterations(PKCS12_ITERATIONS)
        .write()
        .map_err(failed)
}
