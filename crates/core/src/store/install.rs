//! Installing issued certificates: the final PKCS#12 files.

use std::path::PathBuf;

use super::atomic::{remove_if_present, write_new};
use super::error::StoreError;
use super::names::key_file_name;
use super::pending::{PendingKeys, remove_after_install};
use crate::domain::KeyPassword;
use crate::pki::{
    KeyRole, KitTrial, Pkcs12Format, build_pkcs12, parse_certificate_pem, private_key_id,
    rsa_key_from_pkcs8, try_kit,
};
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
/// certificate for another key, a full disk) no file of this attempt is left, and the pending
/// keys stay as they were, so the installation can be tried again. Existing files are never
/// replaced. A key file an interrupted installation already wrote (it opens with this password
/// and holds this kit's own key) is kept and the installation finishes the other one; a file
/// that is anything else is someone's key, and the installation stops with
/// [`StoreError::KeysAlreadyPresent`].
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
    let mut present = Vec::new();
    let mut to_write = Vec::with_capacity(2);
    for (role, bundle) in bundles {
        // An RSA kit needs both certificates; a GOST answer has neither.
        let bundle = bundle
            .as_ref()
            .ok_or(StoreError::CertificateInvalid { role })?;
        let path = pending.key_file(role);
        if !path.exists() {
            to_write.push((role, bundle));
        } else if !written_earlier(pending, role, password) {
            present.push(path);
        }
    }
    if !present.is_empty() {
        return Err(StoreError::KeysAlreadyPresent { files: present });
    }
    let mut files = Vec::with_capacity(2);
    for (role, bundle) in to_write {
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
    let (auth_file, sign_file) = (
        pending.key_file(KeyRole::Auth),
        pending.key_file(KeyRole::Sign),
    );
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

/// Whether the key file of `role` already there is this kit's own, written by an earlier
/// installation that was interrupted before the other file.
fn written_earlier(pending: &PendingKeys, role: KeyRole, password: &KeyPassword) -> bool {
    let path = pending.key_file(role);
    let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_KEY_FILE);
    small
        && std::fs::read(&path).is_ok_and(|bytes| {
            private_key_id(&bytes, password.expose())
                .is_ok_and(|id| id.as_deref() == Some(pending.id(role)))
        })
}

/// A kit file is a few kilobytes; a larger file at the name is not one we wrote.
const MAX_KEY_FILE: u64 = 1024 * 1024;

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
