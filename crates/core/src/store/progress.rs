//! Non-secret progress of an application, kept in the data directory so the welcome screen
//! can offer to resume after the app was closed (moderation may take days, certificates may
//! come later). Never a secret: no code, token, PIN, password or key. Kiosks keep nothing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "progress.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Whose application: asked again on resume so the citizen logs in with a new code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iin: Option<String>,
    /// Set once the requests are submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_number: Option<String>,
    /// The folder holding the (encrypted) keys waiting for their certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<PathBuf>,
    /// The device holding the keys waiting for their certificates (which keys, no secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<crate::token::DeviceKeys>,
}

impl Progress {
    pub fn is_empty(&self) -> bool {
        *self == Progress::default()
    }
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The stored progress; `None` when there is none or it cannot be read (a damaged file is
/// not worth stopping the app for: the citizen can still check the status by number).
pub fn load(data_dir: &Path) -> Option<Progress> {
    let text = std::fs::read_to_string(path(data_dir)).ok()?;
    toml::from_str::<Progress>(&text)
        .ok()
        .filter(|p| !p.is_empty())
}

/// Writes the progress atomically (temporary file, fsync, rename), owner-only on Unix.
/// Empty progress removes the file.
pub fn save(data_dir: &Path, progress: &Progress) -> std::io::Result<()> {
    let target = path(data_dir);
    if progress.is_empty() {
        return super::atomic::remove_if_present(&target);
    }
    let text = toml::to_string(progress).map_err(std::io::Error::other)?;
    super::write_private(&target, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips_privately_and_clears() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(load(dir.path()), None);
        let progress = Progress {
            iin: Some("900101300015".into()),
            application_number: Some("1234567890".into()),
            folder: Some(dir.path().join("keys")),
            device: None,
        };
        save(dir.path(), &progress).expect("save");
        assert_eq!(load(dir.path()), Some(progress));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(dir.path()))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let text = std::fs::read_to_string(path(dir.path())).expect("text");
        assert!(!text.contains("token") && !text.contains("password"));
        save(dir.path(), &Progress::default()).expect("clear");
        assert!(!path(dir.path()).exists());
        assert_eq!(load(dir.path()), None);
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(path(dir.path()), "iin = [not toml").expect("write");
        assert_eq!(load(dir.path()), None);
    }
}
