//! A pending kit's encrypted keys held in memory, to write the kit again elsewhere.

use std::path::{Path, PathBuf};

use super::atomic::{remove_if_present, write_error, write_new};
use super::error::StoreError;
use super::manifest::{manifest_json, read_limited};
use super::pending::PendingKeys;
use crate::domain::ApplicationNumber;
use crate::pki::KeyRole;

/// A pending kit's encrypted keys held in memory (they stay encrypted with the key password),
/// to write the kit again elsewhere when its folder fails after the application went out: a
/// USB stick pulled, a folder gone read-only. One key for a GOST kit, two for RSA.
#[derive(Clone, PartialEq, Eq)]
pub struct KitCopy {
    pending: PendingKeys,
    pems: Vec<(KeyRole, Vec<u8>)>,
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
        let pems = self
            .roles()
            .iter()
            .map(|&role| Ok((role, read_limited(&self.pending_file(role))?)))
            .collect::<Result<_, StoreError>>()?;
        Ok(KitCopy {
            pending: self.clone(),
            pems,
        })
    }
}

impl KitCopy {
    /// Writes the kit, with `number` recorded, into `folder` (created if needed), as
    /// [`super::save_pending`] would: nothing is overwritten, and on failure nothing is left.
    pub fn save_in(
        &self,
        folder: &Path,
        number: &ApplicationNumber,
    ) -> Result<PendingKeys, StoreError> {
        std::fs::create_dir_all(folder).map_err(|source| write_error(source, folder))?;
        let mut pending = self.pending.clone();
        pending.folder = folder.to_path_buf();
        pending.application_number = Some(number.clone());
        let present: Vec<PathBuf> = pending
            .kit_files()
            .into_iter()
            .filter(|path| path.exists())
            .collect();
        if !present.is_empty() {
            return Err(StoreError::KeysAlreadyPresent { files: present });
        }
        let manifest = manifest_json(&pending.record())?;
        let mut files: Vec<(PathBuf, &[u8])> = self
            .pems
            .iter()
            .map(|(role, pem)| (pending.pending_file(*role), pem.as_slice()))
            .collect();
        files.push((pending.manifest_file(), &manifest));
        let mut written = Vec::new();
        for (path, bytes) in files {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            match write_new(folder, name, bytes) {
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
