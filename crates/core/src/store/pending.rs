//! Keys made but not yet certified: encrypted PKCS#8 files and a small manifest, kept until
//! the certificates are installed (or the application is refused).

use std::path::{Path, PathBuf};

use pkcs8::pkcs5::pbes2;
use pkcs8::{EncryptedPrivateKeyInfoRef, LineEnding, PrivateKeyInfoRef};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::atomic::{remove_if_present, write_error, write_new, write_replace};
use super::error::StoreError;
use super::names::{
    MANIFEST_PREFIX, MANIFEST_SUFFIX, is_key_id, key_file_name, manifest_file_name,
    pending_key_file_name,
};
use super::preflight::{SPACE_NEEDED, available_space};
use crate::domain::{ApplicationNumber, IdempotencyKey, KeyPassword};
use crate::pki::{KeyRole, KeySet, key_id, rsa_key_from_pkcs8};

/// PBKDF2-HMAC-SHA256 iterations protecting pending keys. Higher than the PKCS#12 files'
/// (these wait on disk, possibly for days), low enough to open quickly on an old PC.
const PENDING_ITERATIONS: u32 = 100_000;
const PEM_LABEL: &str = "ENCRYPTED PRIVATE KEY";
const MANIFEST_KIND: &str = "qoltanba-pending-keys";
/// Manifests and pending keys are a few kilobytes; anything much larger is not ours.
const MAX_PENDING_FILE: u64 = 64 * 1024;

/// The manifest, as stored (non-secret).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    kind: String,
    version: u32,
    /// RFC 3339, when the keys were saved.
    created_at: String,
    /// The CN of the requests, so the user can tell kits apart.
    owner: String,
    auth_id: String,
    sign_id: String,
    application_number: Option<ApplicationNumber>,
    /// Version 2: the `Idempotency-Key` of the application request, made before it is sent,
    /// and the two requests (public), so that a lost answer can be asked for again, even after
    /// a restart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_key: Option<IdempotencyKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    csr_auth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    csr_sign: Option<String>,
}

/// The manifest versions this build reads (1: no request key).
const MANIFEST_VERSIONS: std::ops::RangeInclusive<u32> = 1..=2;

/// A handle on keys saved by [`save_pending`]: where they are and what they are for. Holds
/// no secret; the keys stay encrypted on disk until `store::install` opens them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingKeys {
    folder: PathBuf,
    owner: String,
    created_at: String,
    auth_id: String,
    sign_id: String,
    application_number: Option<ApplicationNumber>,
    request_key: Option<IdempotencyKey>,
    requests: Option<(String, String)>,
}

impl PendingKeys {
    /// The folder that holds the keys (and will hold the PKCS#12 files).
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The CN ("SURNAME NAME") the keys were requested for.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// When the keys were saved, RFC 3339.
    pub fn created_at(&self) -> &str {
        &self.created_at
    }

    /// The AUTH key's id (Subject Key Identifier, 40 hex digits).
    pub fn auth_id(&self) -> &str {
        &self.auth_id
    }

    /// The signing key's id.
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

    /// The AUTH and signing requests (PEM) made with these keys, to send them again.
    pub fn requests(&self) -> Option<(&str, &str)> {
        self.requests
            .as_ref()
            .map(|(auth, sign)| (auth.as_str(), sign.as_str()))
    }

    /// The application these keys were submitted with, once recorded.
    pub fn application_number(&self) -> Option<&ApplicationNumber> {
        self.application_number.as_ref()
    }

    /// Where the final PKCS#12 file of a role goes.
    pub fn key_file(&self, role: KeyRole) -> PathBuf {
        self.folder.join(key_file_name(role, self.id(role)))
    }

    /// Where the encrypted pending key of a role is.
    pub fn pending_file(&self, role: KeyRole) -> PathBuf {
        self.folder.join(pending_key_file_name(role, self.id(role)))
    }

    /// The manifest's path.
    pub fn manifest_file(&self) -> PathBuf {
        self.folder.join(manifest_file_name(&self.auth_id))
    }

    /// Whether both final key files exist already (an installation finished but the pending
    /// files could not be removed): the kit can be discarded.
    pub fn is_installed(&self) -> bool {
        KeyRole::ALL
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
            &updated.manifest_json()?,
        )?;
        *self = updated;
        Ok(())
    }

    fn manifest_json(&self) -> Result<Vec<u8>, StoreError> {
        let manifest = Manifest {
            kind: MANIFEST_KIND.into(),
            version: *MANIFEST_VERSIONS.end(),
            created_at: self.created_at.clone(),
            owner: self.owner.clone(),
            auth_id: self.auth_id.clone(),
            sign_id: self.sign_id.clone(),
            application_number: self.application_number.clone(),
            request_key: self.request_key.clone(),
            csr_auth: self.requests.as_ref().map(|(auth, _)| auth.clone()),
            csr_sign: self.requests.as_ref().map(|(_, sign)| sign.clone()),
        };
        serde_json::to_vec_pretty(&manifest).map_err(|e| StoreError::Io(e.into()))
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
        let key = rsa_key_from_pkcs8(&der).ok_or(StoreError::WrongPassword)?;
        if key_id(key.public_key_raw()) != self.id(role) {
            return Err(corrupt());
        }
        Ok(der)
    }
}

/// Saves freshly made keys in `folder`, encrypted with the key password (PKCS#8 PBES2:
/// PBKDF2-HMAC-SHA256, AES-256-CBC; readable by `openssl pkey` as a last resort), plus a
/// non-secret manifest. Creates the folder if needed. Refuses if any file of this kit (or its
/// final key files) exists already; on failure removes what it wrote.
pub fn save_pending(
    folder: &Path,
    keys: &KeySet,
    password: &KeyPassword,
) -> Result<PendingKeys, StoreError> {
    if folder.exists() && !folder.is_dir() {
        return Err(StoreError::NotADirectory {
            path: folder.to_path_buf(),
        });
    }
    std::fs::create_dir_all(folder).map_err(|source| match write_error(source, folder) {
        StoreError::Io(source) => StoreError::CannotCreate {
            path: folder.to_path_buf(),
            source,
        },
        other => other,
    })?;
    let owner = keys.owner().to_owned();
    let pending = PendingKeys {
        folder: folder.to_path_buf(),
        owner,
        created_at: now_rfc3339(),
        auth_id: keys.auth_id().to_owned(),
        sign_id: keys.sign_id().to_owned(),
        application_number: None,
        request_key: Some(IdempotencyKey::new()),
        requests: Some((
            keys.csr_auth_pem().to_owned(),
            keys.csr_sign_pem().to_owned(),
        )),
    };
    let files = [
        pending.pending_file(KeyRole::Auth),
        pending.pending_file(KeyRole::Sign),
        pending.manifest_file(),
        pending.key_file(KeyRole::Auth),
        pending.key_file(KeyRole::Sign),
    ];
    let present: Vec<PathBuf> = files.into_iter().filter(|path| path.exists()).collect();
    if !present.is_empty() {
        return Err(StoreError::KeysAlreadyPresent { files: present });
    }
    let available = available_space(folder)?;
    if available < SPACE_NEEDED {
        return Err(StoreError::NotEnoughSpace {
            needed: SPACE_NEEDED,
            available,
        });
    }
    let encrypted =
        [KeyRole::Auth, KeyRole::Sign].map(|role| encrypt(keys.key(role).pkcs8_der(), password));
    let [auth_pem, sign_pem] = encrypted;
    let (auth_pem, sign_pem) = (auth_pem?, sign_pem?);
    let manifest = pending.manifest_json()?;
    let mut written = Vec::new();
    let result = (|| {
        for (role, pem) in [(KeyRole::Auth, &auth_pem), (KeyRole::Sign, &sign_pem)] {
            written.push(write_new(
                folder,
                &pending_key_file_name(role, pending.id(role)),
                pem.as_bytes(),
            )?);
        }
        // The manifest last: once it exists, the kit is complete.
        written.push(write_new(
            folder,
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

/// A pending kit's encrypted keys held in memory (they stay encrypted with the key password),
/// to write the kit again elsewhere when its folder fails after the application went out: a
/// USB stick pulled, a folder gone read-only.
#[derive(Clone, PartialEq, Eq)]
pub struct KitCopy {
    pending: PendingKeys,
    auth_pem: Vec<u8>,
    sign_pem: Vec<u8>,
}

impl std::fmt::Debug for KitCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KitCopy")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl PendingKeys {
    /// Reads the kit's encrypted keys into a [`KitCopy`].
    pub fn copy(&self) -> Result<KitCopy, StoreError> {
        Ok(KitCopy {
            pending: self.clone(),
            auth_pem: read_limited(&self.pending_file(KeyRole::Auth))?,
            sign_pem: read_limited(&self.pending_file(KeyRole::Sign))?,
        })
    }
}

impl KitCopy {
    /// Writes the kit, with `number` recorded, into `folder` (created if needed), as
    /// [`save_pending`] would: nothing is overwritten, and on failure nothing is left.
    pub fn save_in(
        &self,
        folder: &Path,
        number: &ApplicationNumber,
    ) -> Result<PendingKeys, StoreError> {
        std::fs::create_dir_all(folder).map_err(|source| write_error(source, folder))?;
        let mut pending = self.pending.clone();
        pending.folder = folder.to_path_buf();
        pending.application_number = Some(number.clone());
        let present: Vec<PathBuf> = [
            pending.pending_file(KeyRole::Auth),
            pending.pending_file(KeyRole::Sign),
            pending.manifest_file(),
            pending.key_file(KeyRole::Auth),
            pending.key_file(KeyRole::Sign),
        ]
        .into_iter()
        .filter(|path| path.exists())
        .collect();
        if !present.is_empty() {
            return Err(StoreError::KeysAlreadyPresent { files: present });
        }
        let manifest = pending.manifest_json()?;
        let files = [
            (
                pending_key_file_name(KeyRole::Auth, &pending.auth_id),
                &self.auth_pem,
            ),
            (
                pending_key_file_name(KeyRole::Sign, &pending.sign_id),
                &self.sign_pem,
            ),
            (manifest_file_name(&pending.auth_id), &manifest),
        ];
        let mut written = Vec::new();
        for (name, bytes) in files {
            match write_new(folder, &name, bytes) {
                Ok(path) => written.push(path),
                Err(error) => {
                    for path in &written {
                        let _ = remove_if_present(path);
                    }
                    return Err(error);
                }
            }
        }
        Ok(pending)
    }
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

/// Finds the pending kits in `folder` (after a restart): every manifest with both of its
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
        found.push(read_manifest(folder, &entry.path())?);
    }
    found.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    Ok(found)
}

fn read_manifest(folder: &Path, path: &Path) -> Result<PendingKeys, StoreError> {
    let corrupt = || StoreError::PendingCorrupt {
        path: path.to_path_buf(),
    };
    let bytes = read_limited(path)?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|_| corrupt())?;
    if manifest.kind != MANIFEST_KIND
        || !MANIFEST_VERSIONS.contains(&manifest.version)
        || !is_key_id(&manifest.auth_id)
        || !is_key_id(&manifest.sign_id)
        || manifest.auth_id == manifest.sign_id
        || path.file_name().and_then(|n| n.to_str())
            != Some(manifest_file_name(&manifest.auth_id).as_str())
    {
        return Err(corrupt());
    }
    let pending = PendingKeys {
        folder: folder.to_path_buf(),
        owner: manifest.owner,
        created_at: manifest.created_at,
        auth_id: manifest.auth_id,
        sign_id: manifest.sign_id,
        application_number: manifest.application_number,
        request_key: manifest.request_key,
        requests: manifest.csr_auth.zip(manifest.csr_sign),
    };
    // Installed, but the manifest could not be removed afterwards: not damage, and not a
    // reason to refuse the folder; the GUI offers to tidy it up.
    if pending.is_installed() {
        return Ok(pending);
    }
    for role in KeyRole::ALL {
        if !pending.pending_file(role).is_file() {
            return Err(StoreError::PendingCorrupt {
                path: pending.pending_file(role),
            });
        }
    }
    Ok(pending)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, StoreError> {
    let corrupt = || StoreError::PendingCorrupt {
        path: path.to_path_buf(),
    };
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => corrupt(),
        _ => StoreError::Io(e),
    })?;
    if metadata.len() > MAX_PENDING_FILE {
        return Err(corrupt());
    }
    Ok(std::fs::read(path)?)
}

/// Deletes a pending kit for good (the application was refused before submission): the
/// manifest first, so an interruption never leaves a manifest without its keys.
pub fn discard_pending(pending: PendingKeys) -> Result<(), StoreError> {
    remove_if_present(&pending.manifest_file())?;
    for role in KeyRole::ALL {
        remove_if_present(&pending.pending_file(role))?;
    }
    Ok(())
}

/// Removes the pending files after a successful installation (best effort: they are
/// encrypted, and [`PendingKeys::is_installed`] tells the GUI to offer discarding them).
pub(crate) fn remove_after_install(pending: &PendingKeys) {
    let _ = remove_if_present(&pending.manifest_file());
    for role in KeyRole::ALL {
        let _ = remove_if_present(&pending.pending_file(role));
    }
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
