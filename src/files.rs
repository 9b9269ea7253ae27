//! Small files the app keeps for itself (progress, settings, the kiosk counter): written
//! atomically (temporary file in the same folder, fsync, rename) and owner-only on Unix, so a
//! crash or a pulled cable leaves either the old file or the new one, never half of one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `target` atomically, creating its folder if needed.
pub fn write_private(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = (|| {
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("deeper").join("a.toml");
        write_private(&target, b"one").expect("first");
        write_private(&target, b"two").expect("second");
        assert_eq!(std::fs::read(&target).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(target.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
