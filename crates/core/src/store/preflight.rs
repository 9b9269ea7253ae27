//! Checking a folder before any key is made.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::write_error;
use super::error::StoreError;
use super::names::is_key_file_name;

/// Free space a kit needs: two encrypted pending keys, a manifest, two PKCS#12 files of a
/// few kilobytes each and their temporary copies, with a wide margin.
pub const SPACE_NEEDED: u64 = 256 * 1024;

/// What [`preflight`] found out about a folder that can take keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderCheck {
    /// The folder checked.
    pub folder: PathBuf,
    /// Whether it exists already (if not, it can be created; saving creates it).
    pub exists: bool,
    /// Free bytes available to this user.
    pub available_bytes: u64,
    /// Key files (НУЦ kits, our pending keys) already in the folder. Never overwritten.
    pub existing_key_files: Vec<PathBuf>,
    /// When key files are there: a new dated subfolder to use instead (does not exist yet).
    pub suggested_subfolder: Option<PathBuf>,
}

/// Checks that `folder` can take a kit: it exists or can be created, something can really
/// be written there (a probe file is written and removed), and there is enough free space.
/// Key files already there are reported with a dated subfolder to use instead. Leaves the
/// file system as it found it.
pub fn preflight(folder: &Path) -> Result<FolderCheck, StoreError> {
    if folder.exists() && !folder.is_dir() {
        return Err(StoreError::NotADirectory {
            path: folder.to_path_buf(),
        });
    }
    let exists = folder.is_dir();
    let created = if exists {
        Vec::new()
    } else {
        create_for_probe(folder)?
    };
    let result = probe(folder, exists);
    // Leave no folder behind that the check made (deepest first; only if still empty).
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
    result
}

/// Creates `folder` and its missing parents; returns those it created, outermost first.
fn create_for_probe(folder: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let mut missing = Vec::new();
    let mut cursor = Some(folder);
    while let Some(dir) = cursor {
        if dir.as_os_str().is_empty() || dir.exists() {
            if dir.exists() && !dir.is_dir() {
                return Err(StoreError::NotADirectory {
                    path: dir.to_path_buf(),
                });
            }
            break;
        }
        missing.push(dir.to_path_buf());
        cursor = dir.parent();
    }
    missing.reverse();
    for (index, dir) in missing.iter().enumerate() {
        if let Err(source) = std::fs::create_dir(dir) {
            for made in missing[..index].iter().rev() {
                let _ = std::fs::remove_dir(made);
            }
            return Err(match write_error(source, dir) {
                StoreError::ReadOnly { path } => StoreError::ReadOnly { path },
                StoreError::Io(source) => StoreError::CannotCreate {
                    path: folder.to_path_buf(),
                    source,
                },
                other => other,
            });
        }
    }
    Ok(missing)
}

fn probe(folder: &Path, exists: bool) -> Result<FolderCheck, StoreError> {
    let available_bytes = available_space(folder)?;
    let mut probe = tempfile::Builder::new()
        .prefix(".qoltanba-probe-")
        .tempfile_in(folder)
        .map_err(|e| write_error(e, folder))?;
    probe
        .write_all(b"qoltanba")
        .and_then(|()| probe.as_file().sync_all())
        .map_err(|e| match write_error(e, folder) {
            StoreError::DiskFull => StoreError::NotEnoughSpace {
                needed: SPACE_NEEDED,
                available: available_bytes,
            },
            other => other,
        })?;
    drop(probe);
    if available_bytes < SPACE_NEEDED {
        return Err(StoreError::NotEnoughSpace {
            needed: SPACE_NEEDED,
            available: available_bytes,
        });
    }
    let existing_key_files = key_files_in(folder)?;
    let suggested_subfolder = if existing_key_files.is_empty() {
        None
    } else {
        Some(dated_subfolder(folder))
    };
    Ok(FolderCheck {
        folder: folder.to_path_buf(),
        exists,
        available_bytes,
        existing_key_files,
        suggested_subfolder,
    })
}

pub(crate) fn available_space(folder: &Path) -> Result<u64, StoreError> {
    fs4::available_space(folder).map_err(StoreError::Io)
}

/// Key files in `folder`, sorted by name.
pub(crate) fn key_files_in(folder: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_name().to_str().is_some_and(is_key_file_name) {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// `folder/keys-YYYY-MM-DD`, or with `-2`, `-3` … when that exists already.
fn dated_subfolder(folder: &Path) -> PathBuf {
    let date = time::OffsetDateTime::now_utc().date();
    let base = format!(
        "keys-{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    );
    let mut candidate = folder.join(&base);
    let mut counter = 2;
    while candidate.exists() {
        candidate = folder.join(format!("{base}-{counter}"));
        counter += 1;
    }
    candidate
}
