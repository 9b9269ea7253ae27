//! Installing issued certificates: the final PKCS#12 files.

use std::path::PathBuf;

use super::atomic::{remove_if_present, write_new};
use super::error::StoreError;
use super::names::key_file_name;
use super::pending::{PendingKeys, remove_after_install};
use crate::domain::KeyPassword;
use crate::pki::{KeyRole, Pkcs12Format, build_pkcs12, parse_certificate_pem, rsa_key_from_pkcs8};
use crate::pki::{KitTrial, try_kit};
use crate::protocol::{CertificateBundle, CertificatesResponse};

/// The two key files written by [`install`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledKeys {
    /// `AUTH_RSA256_<id>.p12`.
    pub auth_file: PathBuf,
    /// `RSA256_<id>.p12`.
    pub sign_file: PathBuf,
    /// Each file read back from disk, opened with the password, a test message signed with
    /// its key and verified against its certificate (AUTH, then signing).
    pub trials: [KitTrial; 2],
}

/// Writes the final key files for a pending kit: opens each key with the password, checks
/// that each certificate is for its key, then writes `AUTH_RSA256_<id>.p12` and
/// `RSA256_<id>.p12` (key, certificate and CA chain, the key id as friendly name, protected
/// with the same password) and removes the pending files.
///
/// Nothing is written unless both files can be: on any failure (wrong password, a
/// certificate for another key, a full disk) no key file is left, and the pending keys stay
/// as they were, so the installation can be tried again. Existing files are never replaced.
pub fn install(
    pending: &PendingKeys,
    password: &KeyPassword,
    certificates: &CertificatesResponse,
    format: Pkcs12Format,
) -> Result<InstalledKeys, StoreError> {
    let bundles = [
        (KeyRole::Auth, &certificates.auth),
        (KeyRole::Sign, &certificates.sign),
    ];
    let mut files = Vec::with_capacity(2);
    for (role, bundle) in bundles {
        // An RSA kit needs both certificates; a GOST answer has neither.
        let bundle = bundle
            .as_ref()
            .ok_or(StoreError::CertificateInvalid { role })?;
        let chain = parse_bundle(role, bundle)?;
        let key = pending.open_key(role, password)?;
        let pair = rsa_key_from_pkcs8(&key).ok_or(StoreError::WrongPassword)?;
        let leaf = &chain[0];
        if leaf.key_algorithm != crate::pki::RSA_ENCRYPTION
            || pair.public_key_raw() != leaf.public_key_bits.as_slice()
        {
            return Err(StoreError::CertificateMismatch { role });
        }
        let id = pending.id(role);
        let ders: Vec<&[u8]> = chain.iter().map(|c| c.der.as_slice()).collect();
        // The local key id links the key bag to its certificate bag: the SKI's 20 bytes.
        let local_key_id = hex::decode(id).map_err(|_| StoreError::PendingCorrupt {
            path: pending.manifest_file(),
        })?;
        let bytes = build_pkcs12(&key, &local_key_id, id, &ders, password.expose(), format)?;
        files.push((key_file_name(role, id), bytes));
    }
    let present: Vec<PathBuf> = KeyRole::ALL
        .iter()
        .map(|&role| pending.key_file(role))
        .filter(|path| path.exists())
        .collect();
    if !present.is_empty() {
        return Err(StoreError::KeysAlreadyPresent { files: present });
    }
    let mut written: Vec<PathBuf> = Vec::with_capacity(2);
    for (name, bytes) in &files {
        match write_new(pending.folder(), name, bytes) {
            Ok(path) => written.push(path),
            Err(error) => {
                for path in &written {
                    let _ = remove_if_present(path);
                }
                return Err(error);
            }
        }
    }
    remove_after_install(pending);
    let [auth_file, sign_file]: [PathBuf; 2] = written
        .try_into()
        .map_err(|_| StoreError::Io(std::io::Error::other("two key files expected")))?;
    // Try each kit as written: read back, sign, verify. A failure here means a file that
    // would not work at the first login, so it is reported, not hidden.
    let trial = |path: &PathBuf| {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| try_kit(&bytes, password.expose()).ok())
            .unwrap_or(KitTrial::Mismatch)
    };
    let trials = [trial(&auth_file), trial(&sign_file)];
    Ok(InstalledKeys {
        auth_file,
        sign_file,
        trials,
    })
}

/// The bundle's certificate then its chain, each a well-formed certificate.
fn parse_bundle(
    role: KeyRole,
    bundle: &CertificateBundle,
) -> Result<Vec<crate::pki::ParsedCertificate>, StoreError> {
    std::iter::once(&bundle.certificate_pem)
        .chain(&bundle.chain_pem)
        .map(|pem| parse_certificate_pem(pem).ok_or(StoreError::CertificateInvalid { role }))
        .collect()
}
