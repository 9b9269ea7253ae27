//! Keys made but not yet certified: encrypted PKCS#8 files and a small manifest, kept until
//! the certificates are installed (or the application is refused). An RSA kit has two keys
//! (AUTH and signing); a GOST kit has one, for both.

use std::path::{Path, PathBuf};

use pkcs8::pkcs5::pbes2;
use pkcs8::{EncryptedPrivateKeyInfoRef, LineEnding, PrivateKeyInfoRef};
use zeroize::Zeroizing;

use super::atomic::{remove_if_present, write_error, write_new, write_replace};
use super::error::StoreError;
use super::manifest::{KitRecord, Requests, manifest_json, read_limited, read_manifest};
use super::names::{
    MANIFEST_PREFIX, MANIFEST_SUFFIX, gost_key_file_name, gost_pending_file_name, key_file_name,
    manifest_file_name, pending_key_file_name,
};
use super::preflight::{SPACE_NEEDED, available_space};
use crate::domain::{ApplicationNumber, IdempotencyKey, KeyPassword};
use crate::pki::{
    GostKeySet, KeyRole, KeySet, gost_key_id, gost_signing_key, key_id, rsa_key_from_pkcs8,
};
use crate::protocol::KeyAlgorithm;

/// PBKDF2-HMAC-SHA256 iterations protecting pending keys. Higher than the PKCS#12 files'
/// (these wait on disk, possibly for days), low enough to open quickly on an old PC.
const PENDING_ITERATIONS: u32 = 100_000;
const PEM_LABEL: &str = "ENCRYPTED PRIVATE KEY";
/// A handle on keys saved by [`save_pending`] or [`save_pending_gost`]: where they are and
/// what they are for. Holds no secret; the keys stay encrypted on disk until `store::install`
/// opens them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingKeys {
    pub(super) folder: PathBuf,
    pub(super) algorithm: KeyAlgorithm,
    pub(super) owner: String,
    pub(super) created_at: String,
    pub(super) auth_id: String,
    /// GOST: the same as `auth_id`.
    pub(super) sign_id: String,
    pub(super) application_number: Option<ApplicationNumber>,
    pub(super) request_key: Option<IdempotencyKey>,
    pub(super) requests: Option<Requests>,
}

impl PendingKeys {
    /// The folder that holds the keys (and will hold the PKCS#12 files).
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// GOST 34.10-2015 (one key) or RSA-2048 (two).
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The roles with a key of their own: AUTH and signing for RSA; for GOST the one key,
    /// kept as AUTH, serves both.
    pub fn roles(&self) -> &'static [KeyRole] {
        match self.algorithm {
            KeyAlgorithm::Rsa2048 => &KeyRole::ALL,
            KeyAlgorithm::Gost2015_512 => &[KeyRole::Auth],
        }
    }

    /// The CN ("SURNAME NAME") the keys were requested for.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// When the keys were saved, RFC 3339.
    pub fn created_at(&self) -> &str {
        &self.created_at
    }

    /// The AUTH key's id (Subject Key Identifier, 40 hex digits); a GOST kit's one key.
    pub fn auth_id(&self) -> &str {
        &self.auth_id
    }

    /// The signing key's id (a GOST kit's one key).
    pub fn sign_id(&self) -> &str {
        &self.sign_id
    }

    /// The key id of one role.
    pub fn id(&self, role: KeyRole) -> &str {
        match role {
            KeyRole::Auth => &self.auth_id,
            KeyRole::Sign => &self.sign_id,
        }
    }

    /// The `Idempotency-Key` of the application request for these keys (absent in kits saved
    /// by an older version).
    pub fn request_key(&self) -> Option<&IdempotencyKey> {
        self.request_key.as_ref()
    }

    /// An RSA kit's AUTH and signing requests (PEM), to send them again.
    pub fn requests(&self) -> Option<(&str, &str)> {
        match &self.requests {
            Some(Requests::Rsa { auth, sign }) => Some((auth.as_str(), sign.as_str())),
            _ => None,
        }
    }

    /// A GOST kit's one request (PEM), to send it again.
    pub fn gost_request(&self) -> Option<&str> {
        match &self.requests {
            Some(Requests::Gost(csr)) => Some(csr.as_str()),
            _ => None,
        }
    }

    /// The application these keys were submitted with, once recorded.
    pub fn application_number(&self) -> Option<&ApplicationNumber> {
        self.application_number.as_ref()
    }

    /// Where the final PKCS#12 file of a role goes (`GOST512_<id>.p12` for both roles of a
    /// GOST kit).
    pub fn key_file(&self, role: KeyRole) -> PathBuf {
        let id = self.id(role);
        self.folder.join(match self.algorithm {
            KeyAlgorithm::Rsa2048 => key_file_name(role, id),
            KeyAlgorithm::Gost2015_512 => gost_key_file_name(id),
        })
    }

    /// Where the encrypted pending key of a role is.
    pub fn pending_file(&self, role: KeyRole) -> PathBuf {
        let id = self.id(role);
        self.folder.join(match self.algorithm {
            KeyAlgorithm::Rsa2048 => pending_key_file_name(role, id),
            KeyAlgorithm::Gost2015_512 => gost_pending_file_name(id),
        })
    }

    /// The manifest's path.
    pub fn manifest_file(&self) -> PathBuf {
        self.folder.join(manifest_file_name(&self.auth_id))
    }

    /// What the manifest says about this kit.
    pub(super) fn record(&self) -> KitRecord {
        KitRecord {
            algorithm: self.algorithm,
            owner: self.owner.clone(),
            created_at: self.created_at.clone(),
            auth_id: self.auth_id.clone(),
            sign_id: self.sign_id.clone(),
            application_number: self.application_number.clone(),
            request_key: self.request_key.clone(),
            requests: self.requests.clone(),
        }
    }

    fn from_record(folder: &Path, record: KitRecord) -> Self {
        PendingKeys {
            folder: folder.to_path_buf(),
            algorithm: record.algorithm,
            owner: record.owner,
            created_at: record.created_at,
            auth_id: record.auth_id,
            sign_id: record.sign_id,
            application_number: record.application_number,
            request_key: record.request_key,
            requests: record.requests,
        }
    }

    /// Every file of this kit, pending and final: none may exist before it is written.
    pub(super) fn kit_files(&self) -> Vec<PathBuf> {
        let roles = self.roles();
        let mut files: Vec<PathBuf> = roles.iter().map(|&r| self.pending_file(r)).collect();
        files.push(self.manifest_file());
        files.extend(roles.iter().map(|&r| self.key_file(r)));
        files
    }

    /// Whether the final key files exist already (an installation finished but the pending
    /// files could not be removed): the kit can be discarded.
    pub fn is_installed(&self) -> bool {
        self.roles()
            .iter()
            .all(|&role| self.key_file(role).is_file())
    }

    /// Records the number the service gave the application, atomically, so that "install
    /// certificates" works after a restart without asking for it.
    pub fn record_application(&mut self, number: &ApplicationNumber) -> Result<(), StoreError> {
        let mut updated = self.clone();
        updated.application_number = Some(number.clone());
        write_replace(
            &self.folder,
            &manifest_file_name(&self.auth_id),
            &manifest_json(&updated.record())?,
        )?;
        *self = updated;
        Ok(())
    }

    /// Opens the pending key of a role with the password; checks it is the key the manifest
    /// names. Returns its PKCS#8 DER (wiped on drop).
    pub(crate) fn open_key(
        &self,
        role: KeyRole,
        password: &KeyPassword,
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        let path = self.pending_file(role);
        let corrupt = || StoreError::PendingCorrupt { path: path.clone() };
        let pem = read_limited(&path)?;
        let pem = std::str::from_utf8(&pem).map_err(|_| corrupt())?;
        let (label, document) = pkcs8::Document::from_pem(pem).map_err(|_| corrupt())?;
        if label != PEM_LABEL {
            return Err(corrupt());
        }
        let encrypted =
            EncryptedPrivateKeyInfoRef::try_from(document.as_bytes()).map_err(|_| corrupt())?;
        let decrypted = encrypted
            .decrypt(password.expose())
            .map_err(|_| StoreError::WrongPassword)?;
        let der = Zeroizing::new(decrypted.as_bytes().to_vec());
        // A wrong password that happens to leave valid padding gives garbage, not a key.
        let id = match self.algorithm {
            KeyAlgorithm::Rsa2048 => rsa_key_from_pkcs8(&der).map(|k| key_id(k.public_key_raw())),
            KeyAlgorithm::Gost2015_512 => {
                gost_signing_key(&der).map(|k| gost_key_id(&k.verifying_key()))
            }
        };
        if id.ok_or(StoreError::WrongPassword)? != self.id(role) {
            return Err(corrupt());
        }
        Ok(der)
    }
}

/// Saves freshly made RSA keys in `folder`, encrypted with the key password (PKCS#8 PBES2:
/// PBKDF2-HMAC-SHA256, AES-256-CBC; readable by `openssl pkey` as a last resort), plus a
/// non-secret manifest. Creates the folder if needed. Refuses if any file of this kit (or its
/// final key files) exists already; on failure removes what it wrote.
pub fn save_pending(
    folder: &Path,
    keys: &KeySet,
    password: &KeyPassword,
) -> Result<PendingKeys, StoreError> {
    let pending = new_pending(
        folder,
        KeyAlgorithm::Rsa2048,
        keys.owner(),
        (keys.auth_id(), keys.sign_id()),
        Requests::Rsa {
            auth: keys.csr_auth_pem().to_owned(),
            sign: keys.csr_sign_pem().to_owned(),
        },
    );
    let keys = [KeyRole::Auth, KeyRole::Sign].map(|role| (role, keys.key(role).pkcs8_der()));
    save_kit(pending, &keys, password)
}

/// Saves a freshly made GOST key in `folder` as [`save_pending`] does: one encrypted key
/// (`GOST512_<id>.pending.pem`, the same PBES2 protection) and the manifest with its request.
pub fn save_pending_gost(
    folder: &Path,
    keys: &GostKeySet,
    password: &KeyPassword,
) -> Result<PendingKeys, StoreError> {
    let pending = new_pending(
        folder,
        KeyAlgorithm::Gost2015_512,
        keys.owner(),
        (keys.id(), keys.id()),
        Requests::Gost(keys.csr_pem().to_owned()),
    );
    let der = keys.pkcs8_der();
    save_kit(pending, &[(KeyRole::Auth, der.as_slice())], password)
}

fn new_pending(
    folder: &Path,
    algorithm: KeyAlgorithm,
    owner: &str,
    (auth_id, sign_id): (&str, &str),
    requests: Requests,
) -> PendingKeys {
    PendingKeys {
        folder: folder.to_path_buf(),
        algorithm,
        owner: owner.to_owned(),
        created_at: now_rfc3339(),
        auth_id: auth_id.to_owned(),
        sign_id: sign_id.to_owned(),
        application_number: None,
        request_key: Some(IdempotencyKey::new()),
        requests: Some(requests),
    }
}

/// Writes the encrypted keys, then the manifest (once it exists, the kit is complete).
fn save_kit(
    pending: PendingKeys,
    keys: &[(KeyRole, &[u8])],
    password: &KeyPassword,
) -> Result<PendingKeys, StoreError> {
    let folder = pending.folder.clone();
    if folder.exists() && !folder.is_dir() {
        return Err(StoreError::NotADirectory { path: folder });
    }
    std::fs::create_dir_all(&folder).map_err(|source| match write_error(source, &folder) {
        StoreError::Io(source) => StoreError::CannotCreate {
            path: folder.clone(),
            source,
        },
        other => other,
    })?;
    let present: Vec<PathBuf> = pending
        .kit_files()
        .into_iter()
        .filter(|path| path.exists())
        .collect();
    if !present.is_empty() {
        return Err(StoreError::KeysAlreadyPresent { files: present });
    }
    let available = available_space(&folder)?;
    if available < SPACE_NEEDED {
        return Err(StoreError::NotEnoughSpace {
            needed: SPACE_NEEDED,
            available,
        });
    }
    let encrypted = keys
        .iter()
        .map(|(role, der)| Ok((*role, encrypt(der, password)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let manifest = manifest_json(&pending.record())?;
    let mut written = Vec::new();
    let result = (|| {
        for (role, pem) in &encrypted {
            let path = pending.pending_file(*role);
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            written.push(write_new(&folder, name, pem.as_bytes())?);
        }
        written.push(write_new(
            &folder,
            &manifest_file_name(&pending.auth_id),
            &manifest,
        )?);
        Ok(())
    })();
    if let Err(error) = result {
        for path in &written {
            let _ = remove_if_present(path);
        }
        return Err(error);
    }
    Ok(pending)
}

fn encrypt(pkcs8_der: &[u8], password: &KeyPassword) -> Result<Zeroizing<String>, StoreError> {
    let failed = |e: &dyn std::fmt::Display| {
        StoreError::Pki(crate::pki::PkiError::Pkcs12(format!(
            "encrypting a pending key: {e}"
        )))
    };
    let salt: [u8; 16] = p12_keystore::rand::random();
    let iv: [u8; 16] = p12_keystore::rand::random();
    let params = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(PENDING_ITERATIONS, &salt, iv)
        .map_err(|e| failed(&e))?;
    let info = PrivateKeyInfoRef::try_from(pkcs8_der).map_err(|e| failed(&e))?;
    let document = info
        .encrypt_with_params(params, password.expose())
        .map_err(|e| failed(&e))?;
    document
        .to_pem(PEM_LABEL, LineEnding::LF)
        .map_err(|e| failed(&e))
}

/// Finds the pending kits in `folder` (after a restart): every manifest with all of its
/// encrypted keys. A missing folder has none. A damaged manifest or a kit missing a key is
/// reported as [`StoreError::PendingCorrupt`], never skipped silently.
pub fn find_pending(folder: &Path) -> Result<Vec<PendingKeys>, StoreError> {
    if !folder.exists() {
        return Ok(Vec::new());
    }
    if !folder.is_dir() {
        return Err(StoreError::NotADirectory {
            path: folder.to_path_buf(),
        });
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(MANIFEST_PREFIX) && name.ends_with(MANIFEST_SUFFIX)) {
            continue;
        }
        let record = read_manifest(&entry.path())?;
        found.push(complete(PendingKeys::from_record(folder, record))?);
    }
    found.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    Ok(found)
}

/// A kit read from its manifest, with each of its pending keys present.
fn complete(pending: PendingKeys) -> Result<PendingKeys, StoreError> {
    // Installed, but the manifest could not be removed afterwards: not damage, and not a
    // reason to refuse the folder; the GUI offers to tidy it up.
    if pending.is_installed() {
        return Ok(pending);
    }
    for &role in pending.roles() {
        if !pending.pending_file(role).is_file() {
            return Err(StoreError::PendingCorrupt {
                path: pending.pending_file(role),
            });
        }
    }
    Ok(pending)
}

/// Deletes a pending kit for good (the application was refused before submission): the
/// manifest first, so an interruption never leaves a manifest without its keys.
pub fn discard_pending(pending: PendingKeys) -> Result<(), StoreError> {
    remove_if_present(&pending.manifest_file())?;
    for &role in pending.roles() {
        remove_if_present(&pending.pending_file(role))?;
    }
    Ok(())
}

/// Removes the pending files after a successful installation (best effort: they are
/// encrypted, and [`PendingKeys::is_installed`] tells the GUI to offer discarding them).
pub(crate) fn remove_after_install(pending: &PendingKeys) {
    let _ = remove_if_present(&pending.manifest_file());
    for &role in pending.roles() {
        let _ = remove_if_present(&pending.pending_file(role));
    }
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
