//! Atomic, owner-only writes: a temporary file in the same folder, fsync, a rename that does
//! not replace (or, for the manifest, does), then an fsync of the folder.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::StoreError;

/// Maps an I/O failure while writing in `folder` to what the user must be told.
pub(crate) fn write_error(error: io::Error, folder: &Path) -> StoreError {
    match error.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => StoreError::DiskFull,
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
            StoreError::ReadOnly {
                path: folder.to_path_buf(),
            }
        }
        _ => StoreError::Io(error),
    }
}

/// Writes `bytes` to `folder/name`, which must not exist yet. On any failure nothing is left
/// behind: the temporary file is removed and the target is never half-written.
pub(crate) fn write_new(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let target = folder.join(name);
    let temporary = write_temporary(folder, bytes)?;
    temporary.persist_noclobber(&target).map_err(|error| {
        if error.error.kind() == io::ErrorKind::AlreadyExists {
            StoreError::KeysAlreadyPresent {
                files: vec![target.clone()],
            }
        } else {
            write_error(error.error, folder)
        }
    })?;
    sync_folder(folder).map_err(|e| write_error(e, folder))?;
    Ok(target)
}

/// Writes `bytes` to `folder/name`, replacing it atomically if it exists.
pub(crate) fn write_replace(folder: &Path, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let target = folder.join(name);
    let temporary = write_temporary(folder, bytes)?;
    temporary
        .persist(&target)
        .map_err(|error| write_error(error.error, folder))?;
    sync_folder(folder).map_err(|e| write_error(e, folder))
}

fn write_temporary(folder: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, StoreError> {
    // tempfile creates the file with mode 0600 on Unix, before any byte is written.
    let mut temporary = tempfile::Builder::new()
        .prefix(".qoltanba-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| write_error(e, folder))?;
    restrict(temporary.as_file()).map_err(|e| write_error(e, folder))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|e| write_error(e, folder))?;
    Ok(temporary)
}

#[cfg(unix)]
fn restrict(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Makes a rename durable: fsync of the directory (Unix; elsewhere the rename is enough).
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

/// Removes a file; a file that is already gone is not an error.
pub(crate) fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}
