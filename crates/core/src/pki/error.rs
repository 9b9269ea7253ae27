//! What can go wrong while making keys and requests.

/// Why keys or requests could not be made. The `String`s are diagnostics for logs (never
/// secrets); the GUI picks its message by variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PkiError {
    /// The surname or the given name is empty: no valid certificate subject can be built.
    #[error("the subject lacks a surname or a given name")]
    IncompleteSubject,
    /// The key-store OID is not under the НУЦ key-store arc 1.2.398.3.3.5.
    #[error("{oid} is not a key-store OID under 1.2.398.3.3.5")]
    NotAKeyStoreOid { oid: String },
    /// The crypto library could not generate an RSA key pair.
    #[error("the RSA key pair could not be generated: {0}")]
    KeyGeneration(String),
    /// The PKCS#10 request could not be encoded or signed.
    #[error("the certificate request could not be made: {0}")]
    Request(String),
    /// The PKCS#12 file could not be encoded.
    #[error("the PKCS#12 file could not be made: {0}")]
    Pkcs12(String),
}
