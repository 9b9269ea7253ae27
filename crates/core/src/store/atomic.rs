//! The one atomic writer for every file the app keeps: key files, pending keys and their
//! manifest, progress, settings and the kiosk counter.
//!
//! A temporary file with a random name is created exclusively in the target's folder,
//! owner-only from the first byte (mode 0600 on Unix; on Windows a protected access list with
//! one entry, the current user: `qoltanba-windows`), written and fsynced; it is then renamed
//! over the target (or, for keys, next to it only if the name is free) and the folder is
//! fsynced so the rename survives a power cut. A rename that another program blocks for a
//! moment (an antivirus on Windows) is tried again for a few seconds (`busy`). A crash leaves the old file or the new one, never half of
//! one; a failure leaves no temporary file behind. Two writers to the same target never share
//! a temporary file, so the last rename wins with a whole file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::busy;
use super::error::StoreError;

/// Writes `bytes` to `target`, replacing it if it exists, creating its folder if needed.
/// Blocking; for the app's own small files (progress, settings, the kiosk counter).
pub fn write_private(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = folder_of(target);
    std::fs::create_dir_all(folder)?;
    write(target, bytes, Replace::Yes)
}

/// Writes `bytes` to `folder/name`, which must not exist yet. On any failure nothing is left
/// behind: the temporary file is removed and the target is never half-written.
pub(crate) fn write_new(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let target = folder.join(name);
    write(&target, bytes, Replace::No).map_err(|error| {
        if error.kind() == io::ErrorKind::AlreadyExists {
            StoreError::KeysAlreadyPresent {
                files: vec![target.clone()],
            }
        } else {
            write_error(error, folder)
        }
    })?;
    Ok(target)
}

/// Writes `bytes` to `folder/name`, replacing it atomically if it exists.
pub(crate) fn write_replace(folder: &Path, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    write(&folder.join(name), bytes, Replace::Yes).map_err(|error| write_error(error, folder))
}

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

/// Removes a file; a file that is already gone is not an error.
pub(crate) fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    Yes,
    /// An existing target is an error (`AlreadyExists`): keys are never overwritten.
    No,
}

fn write(target: &Path, bytes: &[u8], replace: Replace) -> io::Result<()> {
    let folder = folder_of(target);
    let mut temporary = temporary_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    // On failure the temporary file comes back inside the error: it is tried again while
    // another program holds the target, and removed with the error in the end.
    busy::retry_while_busy(
        temporary,
        |temporary| {
            match replace {
                Replace::Yes => temporary.persist(target).map(drop),
                Replace::No => temporary.persist_noclobber(target).map(drop),
            }
            .map_err(|error| (error.error, error.file))
        },
        busy::held_by_another_program,
        std::thread::sleep,
    )?;
    sync_folder(folder)
}

/// The folder `target` is in (`.` for a bare file name).
fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A new file with a random name, created exclusively (`O_EXCL`), owner-only from the start.
fn temporary_in(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".qoltanba-").suffix(".tmp").rand_bytes(12);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let temporary = builder.tempfile_in(folder)?;
    // Windows: the access list is replaced before a byte is written (a no-op elsewhere).
    qoltanba_windows::restrict_to_owner(temporary.as_file())?;
    Ok(temporary)
}

/// Makes a rename durable: fsync of the directory (Unix; elsewhere the rename is enough).
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[path = "atomic_tests.rs"]
mod tests;
