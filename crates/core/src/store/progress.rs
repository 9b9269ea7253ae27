//! Non-secret progress of an application, kept in the data directory so the welcome screen
//! can offer to resume after the app was closed (moderation may take days, certificates may
//! come later). Never a secret: no code, token, PIN, password or key. Kiosks keep nothing.

use std::path::{Path, PathBuf};

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::domain::IdempotencyKey;

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
    /// The application request for the device's keys, written before it is sent: its
    /// `Idempotency-Key` and the requests (public), so that an answer lost on the way can
    /// be asked for again, also after a restart. (A folder keeps the same in its manifest.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<SentRequest>,
}

/// An application request that went out (or was about to) and may still lack its answer:
/// RSA's two requests, or GOST's one in `csr`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRequest {
    pub key: IdempotencyKey,
    #[serde(default)]
    pub csr_auth: String,
    #[serde(default)]
    pub csr_sign: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csr: Option<String>,
}

/// Orders the saves of one file made from several threads: each save takes a ticket when it
/// is asked for (in the order the state changed), and a save older than the last one written
/// is skipped, so a slow early save can never overwrite a later state.
#[derive(Debug, Default)]
pub struct Saves {
    next: AtomicU64,
    written: Mutex<u64>,
}

impl Saves {
    pub const fn new() -> Saves {
        Saves {
            next: AtomicU64::new(1),
            written: Mutex::new(0),
        }
    }

    /// The ticket of a save asked for now.
    pub fn ticket(&self) -> u64 {
        self.next.fetch_add(1, Ordering::SeqCst)
    }

    /// Runs `write` unless a later ticket was written already; `Ok(false)` when skipped.
    pub fn write(
        &self,
        ticket: u64,
        write: impl FnOnce() -> std::io::Result<()>,
    ) -> std::io::Result<bool> {
        let mut written = self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if ticket <= *written {
            return Ok(false);
        }
        write()?;
        *written = ticket;
        Ok(true)
    }
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

    /// A record written before GOST keys were made on devices (no `algorithm`, no `csr`)
    /// reads as RSA's two pairs; a GOST record (one pair, one request) comes back as written.
    #[test]
    fn device_records_old_and_gost_read_back() {
        use crate::protocol::KeyAlgorithm;
        let old = r#"
application_number = "1234567890"
[device]
label = "Citizen"
model = "SoftHSM v2"
serial = "0001"
module = "/usr/lib/softhsm/libsofthsm2.so"
auth = { id = "0a0b", label = "Qoltanba AUTH 2026-05-01" }
sign = { id = "0c0d", label = "Qoltanba SIGN 2026-05-01" }
[request]
key = "00000000-0000-4000-8000-000000000000"
csr_auth = "A"
csr_sign = "B"
"#;
        let progress: Progress = toml::from_str(old).expect("an old record");
        let device = progress.device.expect("device");
        assert_eq!(device.algorithm, KeyAlgorithm::Rsa2048);
        assert_eq!(device.pairs().len(), 2);
        assert_eq!(progress.request.expect("request").csr, None);

        let one = crate::token::DeviceKey {
            id: "0a0b".into(),
            label: "Qoltanba AUTH 2026-12-02".into(),
        };
        let gost = Progress {
            device: Some(crate::token::DeviceKeys {
                algorithm: KeyAlgorithm::Gost2015_512,
                auth: one.clone(),
                sign: one,
                ..device
            }),
            request: Some(SentRequest {
                key: IdempotencyKey::new(),
                csr_auth: String::new(),
                csr_sign: String::new(),
                csr: Some(
                    "-----BEGIN CERTIFICATE REQUEST-----\nG\n-----END CERTIFICATE REQUEST-----\n"
                        .into(),
                ),
            }),
            ..Progress::default()
        };
        let text = toml::to_string(&gost).expect("toml");
        assert!(text.contains("algorithm = \"gost2015_512\""), "{text}");
        let back: Progress = toml::from_str(&text).expect("back");
        assert_eq!(back, gost);
        assert_eq!(
            back.device.expect("device").pairs().len(),
            1,
            "one pair for GOST"
        );
    }

    #[test]
    fn progress_round_trips_privately_and_clears() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(load(dir.path()), None);
        let progress = Progress {
            iin: Some("900101300015".into()),
            application_number: Some("1234567890".into()),
            folder: Some(dir.path().join("keys")),
            device: None,
            request: Some(SentRequest {
                key: IdempotencyKey::new(),
                csr_auth:
                    "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"
                        .into(),
                csr_sign:
                    "-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n"
                        .into(),
                csr: None,
            }),
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

    #[test]
    fn a_late_save_never_overwrites_a_newer_state() {
        let dir = tempfile::tempdir().expect("dir");
        let saves = Saves::new();
        let older = saves.ticket();
        let newer = saves.ticket();
        let state = |n: &str| Progress {
            application_number: Some(n.into()),
            ..Progress::default()
        };
        // The newer state's thread gets there first; the older one's must not undo it.
        assert!(matches!(
            saves.write(newer, || save(dir.path(), &state("2222222222"))),
            Ok(true)
        ));
        assert!(matches!(
            saves.write(older, || save(dir.path(), &state("1111111111"))),
            Ok(false)
        ));
        assert_eq!(load(dir.path()), Some(state("2222222222")));
        let newest = saves.ticket();
        assert!(matches!(
            saves.write(newest, || save(dir.path(), &state("3333333333"))),
            Ok(true)
        ));
        assert_eq!(load(dir.path()), Some(state("3333333333")));
    }
}
