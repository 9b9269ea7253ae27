//! Why a key file could not be read, and the largest one accepted: shared by `inspect` (which
//! re-exports both, their public paths) and the PFX reader `pfx`, so that neither module
//! imports the other back.

/// Largest file accepted: real kits are a few kilobytes.
pub const MAX_FILE_SIZE: usize = 1024 * 1024;

/// Why a key file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    /// Larger than any key file ([`MAX_FILE_SIZE`]).
    #[error("the file is {size} bytes, too large for a key file")]
    TooLarge { size: usize },
    /// Not a PKCS#12 (PFX) file, or a damaged one (malformed or truncated DER or BER too).
    #[error("the file is not a PKCS#12 key file or is damaged")]
    NotPkcs12,
    /// The password does not open the file.
    #[error("the password is wrong")]
    WrongPassword,
    /// Protected with an algorithm this program cannot read.
    #[error("the file is protected with an algorithm that is not supported")]
    UnsupportedProtection,
    /// The file holds no certificate (a key without its certificate, or empty).
    #[error("the file holds no certificate")]
    NoCertificate,
    /// A certificate in the file cannot be parsed.
    #[error("a certificate in the file is damaged")]
    CertificateUnreadable,
}
