//! Installing issued certificates: the final PKCS#12 files (RSA: two; GOST: one).

use std::path::PathBuf;

use super::atomic::{remove_if_present, write_new};
use super::error::StoreError;
use super::pending::{PendingKeys, remove_after_install};
use crate::domain::KeyPassword;
use crate::pki::{
    KeyRole, KitTrial, ParsedCertificate, Pkcs12Format, build_gost_pkcs12, build_pkcs12,
    gost_key_id, gost_public_key_bits, gost_signing_key, open_gost_key, parse_certificate_pem,
    private_key_id, rsa_key_from_pkcs8, try_kit,
};
use crate::protocol::{CertificateBundle, CertificatesResponse, KeyAlgorithm};

/// One key file [`install`] wrote, read back from disk, opened with the password, a test
/// message signed with its key and verified against its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledFile {
    pub path: PathBuf,
    pub trial: KitTrial,
}

/// The key files written by [`install`]: RSA `AUTH_RSA256_<id>.p12` then `RSA256_<id>.p12`;
/// GOST the one `GOST512_<id>.p12`, for login and signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledKeys {
    pub algorithm: KeyAlgorithm,
    pub files: Vec<InstalledFile>,
}

/// Writes the final key files for a pending kit: opens each key with the password, checks
/// that each certificate is for its key, then writes them and removes the pending files.
/// RSA: `AUTH_RSA256_<id>.p12` and `RSA256_<id>.p12` (key, certificate and CA chain, the key
/// id as friendly name, protected with the same password, in `format`). GOST: one
/// `GOST512_<id>.p12` from `certificates.certificate`, built as НУЦ builds its kits (the
/// format choice does not apply: it is НУЦ's scheme or nothing).
///
/// Nothing is written unless every file can be: on any failure (wrong password, a
/// certificate for another key, a full disk) no file of this attempt is left, and the pending
/// keys stay as they were, so the installation can be tried again. Existing files are never
/// replaced. A key file an interrupted installation already wrote (it opens with this password
/// and holds this kit's own key) is kept and the installation finishes the rest; a file
/// that is anything else is someone's key, and the installation stops with
/// [`StoreError::KeysAlreadyPresent`].
pub fn install(
    pending: &PendingKeys,
    password: &KeyPassword,
    certificates: &CertificatesResponse,
    format: Pkcs12Format,
) -> Result<InstalledKeys, StoreError> {
    let bundles: Vec<(KeyRole, Option<&CertificateBundle>)> = match pending.algorithm() {
        KeyAlgorithm::Rsa2048 => vec![
            (KeyRole::Auth, certificates.auth.as_ref()),
            (KeyRole::Sign, certificates.sign.as_ref()),
        ],
        KeyAlgorithm::Gost2015_512 => vec![(KeyRole::Auth, certificates.certificate.as_ref())],
    };
    let mut present = Vec::new();
    let mut to_write = Vec::with_capacity(2);
    for (role, bundle) in bundles {
        // An RSA kit needs both certificates, a GOST kit its one.
        let bundle = bundle.ok_or(StoreError::CertificateInvalid { role })?;
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
        let bytes = match pending.algorithm() {
            KeyAlgorithm::Rsa2048 => rsa_file(pending, role, &key, &chain, password, format)?,
            KeyAlgorithm::Gost2015_512 => gost_file(role, &key, &chain[0], password)?,
        };
        files.push((pending.key_file(role), bytes));
    }
    let mut written: Vec<PathBuf> = Vec::with_capacity(2);
    for (path, bytes) in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
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
    // Try each kit as written: read back, sign, verify. A failure here means a file that
    // would not work at the first login, so it is reported, not hidden.
    let trial = |path: &PathBuf| {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| try_kit(&bytes, password.expose()).ok())
            .unwrap_or(KitTrial::Mismatch)
    };
    let files = pending
        .roles()
        .iter()
        .map(|&role| {
            let path = pending.key_file(role);
            InstalledFile {
                trial: trial(&path),
                path,
            }
        })
        .collect();
    Ok(InstalledKeys {
        algorithm: pending.algorithm(),
        files,
    })
}

/// An RSA key file: the key, its certificate and the chain.
fn rsa_file(
    pending: &PendingKeys,
    role: KeyRole,
    key: &[u8],
    chain: &[ParsedCertificate],
    password: &KeyPassword,
    format: Pkcs12Format,
) -> Result<Vec<u8>, StoreError> {
    let pair = rsa_key_from_pkcs8(key).ok_or(StoreError::WrongPassword)?;
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
    Ok(build_pkcs12(
        key,
        &local_key_id,
        id,
        &ders,
        password.expose(),
        format,
    )?)
}

/// A GOST kit's file, after the key is matched to the certificate (its point d·P is the
/// certificate's public key).
fn gost_file(
    role: KeyRole,
    key: &[u8],
    leaf: &ParsedCertificate,
    password: &KeyPassword,
) -> Result<Vec<u8>, StoreError> {
    let key = gost_signing_key(key).ok_or(StoreError::WrongPassword)?;
    if leaf.key_algorithm != crate::gost::oid::PUBLIC_KEY
        || gost_public_key_bits(&key.verifying_key()) != leaf.public_key_bits
    {
        return Err(StoreError::CertificateMismatch { role });
    }
    Ok(build_gost_pkcs12(&key, &leaf.der, password.expose())?)
}

/// Whether the key file of `role` already there is this kit's own, written by an earlier
/// installation that was interrupted before the other file.
fn written_earlier(pending: &PendingKeys, role: KeyRole, password: &KeyPassword) -> bool {
    let path = pending.key_file(role);
    let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_KEY_FILE);
    small
        && std::fs::read(&path).is_ok_and(|bytes| match pending.algorithm() {
            KeyAlgorithm::Rsa2048 => private_key_id(&bytes, password.expose())
                .is_ok_and(|id| id.as_deref() == Some(pending.id(role))),
            KeyAlgorithm::Gost2015_512 => open_gost_key(&bytes, password.expose())
                .is_ok_and(|key| gost_key_id(&key.verifying_key()) == pending.id(role)),
        })
}

/// A kit file is a few kilobytes; a larger file at the name is not one we wrote.
const MAX_KEY_FILE: u64 = 1024 * 1024;

/// The bundle's certificate then its chain, each a well-formed certificate.
fn parse_bundle(
    role: KeyRole,
    bundle: &CertificateBundle,
) -> Result<Vec<ParsedCertificate>, StoreError> {
    std::iter::once(&bundle.certificate_pem)
        .chain(&bundle.chain_pem)
        .map(|pem| parse_certificate_pem(pem).ok_or(StoreError::CertificateInvalid { role }))
        .collect()
}
