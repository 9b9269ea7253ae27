//! What can go wrong with key files on disk.

use std::io;
use std::path::PathBuf;

use crate::pki::{KeyRole, PkiError};

/// Why a folder cannot take keys, or keys could not be saved, found or installed. One
/// variant per situation the user is told about; the GUI picks its text by variant.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The chosen path exists and is a file, not a folder.
    #[error("{path} is not a folder")]
    NotADirectory { path: PathBuf },
    /// The folder does not exist and cannot be created.
    #[error("the folder {path} cannot be created: {source}")]
    CannotCreate {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Nothing can be written in the folder (read-only disk or no permission).
    #[error("nothing can be written in {path}")]
    ReadOnly { path: PathBuf },
    /// Less free space than keys need.
    #[error("{available} bytes free, {needed} needed")]
    NotEnoughSpace { needed: u64, available: u64 },
    /// Key files are already there; they are never overwritten.
    #[error("key files are already there: {files:?}")]
    KeysAlreadyPresent { files: Vec<PathBuf> },
    /// The key password does not open the saved keys.
    #[error("the key password is wrong")]
    WrongPassword,
    /// The issued certificate is not for this key.
    #[error("the {role:?} certificate does not match its key")]
    CertificateMismatch { role: KeyRole },
    /// The issued certificate (or its chain) cannot be read.
    #[error("the {role:?} certificate or its chain cannot be read")]
    CertificateInvalid { role: KeyRole },
    /// The disk filled up while writing; nothing was left half-written.
    #[error("the disk is full")]
    DiskFull,
    /// Saved pending keys are damaged or incomplete.
    #[error("the saved keys in {path} are damaged or incomplete")]
    PendingCorrupt { path: PathBuf },
    /// The key file could not be encoded (an internal failure).
    #[error(transparent)]
    Pki(#[from] PkiError),
    /// Any other input/output failure.
    #[error(transparent)]
    Io(#[from] io::Error),
}
