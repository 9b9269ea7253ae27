//! SQLite persistence. One connection behind a mutex; every call runs on the blocking pool
//! inside one transaction, so a killed process loses nothing that was answered.

mod application_keys;
mod citizen_data;
mod records;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, Transaction};

pub use application_keys::ApplicationKey;
pub use citizen_data::{PhoneReplacement, forget, remove_uploads};
pub use records::{
    ApplicationRecord, InboxRecord, SessionRecord, UploadRecord, phone_registration, register_phone,
};

use crate::error::{ApiResult, Failure, SandboxError};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    token_hash TEXT,
    otp_code TEXT,
    otp_sent_at INTEGER,
    otp_expires_at INTEGER,
    otp_failures INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0,
    pin_salt TEXT,
    pin_hash TEXT,
    challenge_log TEXT,
    data_read INTEGER NOT NULL DEFAULT 0,
    data_confirmed INTEGER NOT NULL DEFAULT 0,
    verification TEXT,
    verification_reason TEXT,
    moderated INTEGER NOT NULL DEFAULT 0,
    token_used_at INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_token ON sessions(token_hash);
CREATE TABLE IF NOT EXISTS uploads (
    session_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    duration_ms INTEGER,
    file_name TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, kind)
);
CREATE TABLE IF NOT EXISTS inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone TEXT NOT NULL,
    text TEXT NOT NULL,
    code TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS phone_registrations (
    iin TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS applications (
    number TEXT PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    email TEXT,
    storage TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    issue_at INTEGER NOT NULL,
    reason TEXT,
    auth_cert_pem TEXT NOT NULL,
    sign_cert_pem TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_iin ON sessions(iin, created_at);
CREATE INDEX IF NOT EXISTS inbox_phone ON inbox(phone, sent_at);
CREATE TABLE IF NOT EXISTS wrong_codes (
    iin TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS wrong_codes_iin ON wrong_codes(iin, at);
CREATE TABLE IF NOT EXISTS application_keys (
    idempotency_key TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE REFERENCES applications(number),
    iin TEXT NOT NULL,
    request_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS phone_changes (
    iin TEXT PRIMARY KEY,
    last_session INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS phone_replacements (
    registration_id TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    phone TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ca (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    root_key_pem TEXT NOT NULL,
    root_cert_pem TEXT NOT NULL,
    issuing_key_pem TEXT NOT NULL,
    issuing_cert_pem TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS gost_ca (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    root_key BLOB NOT NULL,
    root_cert BLOB NOT NULL,
    issuing_key BLOB NOT NULL,
    issuing_cert BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
";

/// The sandbox database plus the folder holding uploaded files.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    dir: PathBuf,
}

impl Store {
    /// Opens (creating if needed) `sandbox.db` in `dir`. Blocking: call it off the runtime.
    pub fn open(dir: &Path) -> Result<Self, SandboxError> {
        let data_dir_error = |source| SandboxError::DataDir {
            path: dir.to_path_buf(),
            source,
        };
        create_private_dir(dir).map_err(data_dir_error)?;
        create_private_dir(&dir.join("uploads")).map_err(data_dir_error)?;
        let db_path = dir.join("sandbox.db");
        create_private_file(&db_path).map_err(data_dir_error)?;
        let conn = Connection::open(&db_path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            dir: dir.to_path_buf(),
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `work` in one transaction synchronously (for the CLI and start-up).
    pub fn run_blocking<R>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> ApiResult<R>,
    ) -> ApiResult<R> {
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let tx = conn.transaction()?;
        let result = work(&tx)?;
        tx.commit()?;
        Ok(result)
    }

    /// Runs `work` in one transaction on the blocking pool; an `Err` rolls it back.
    pub async fn call<R: Send + 'static>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> ApiResult<R> + Send + 'static,
    ) -> ApiResult<R> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.run_blocking(work))
            .await
            .map_err(|e| Failure::internal(format!("store task failed: {e}")))?
    }
}

/// Brings a database made by an older sandbox up to the current schema.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let has_token_used_at = conn
        .prepare("SELECT token_used_at FROM sessions LIMIT 0")
        .is_ok();
    if !has_token_used_at {
        conn.execute_batch("ALTER TABLE sessions ADD COLUMN token_used_at INTEGER")?;
    }
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Creates `path` readable by the owner only (SQLite gives its -wal/-shm files the same mode).
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_from_before_token_expiry_gains_the_column() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = Connection::open(dir.path().join("sandbox.db")).expect("old database");
        old.execute_batch(
            "CREATE TABLE sessions (id TEXT PRIMARY KEY, iin TEXT NOT NULL, \
             created_at INTEGER NOT NULL, token_hash TEXT, otp_code TEXT, otp_sent_at INTEGER, \
             otp_expires_at INTEGER, otp_failures INTEGER NOT NULL DEFAULT 0, \
             locked INTEGER NOT NULL DEFAULT 0, pin_salt TEXT, pin_hash TEXT, \
             challenge_log TEXT, data_read INTEGER NOT NULL DEFAULT 0, \
             data_confirmed INTEGER NOT NULL DEFAULT 0, verification TEXT, \
             verification_reason TEXT, moderated INTEGER NOT NULL DEFAULT 0);
             INSERT INTO sessions (id, iin, created_at) VALUES ('s', '850314391017', 1);",
        )
        .expect("old schema");
        drop(old);
        let store = Store::open(dir.path()).expect("opens");
        let loaded = store
            .run_blocking(|tx| Ok(SessionRecord::load(tx, "s")?))
            .map_err(|f| f.0.message);
        assert_eq!(loaded.map(|r| r.map(|r| r.token_used_at)), Ok(Some(None)));
        assert!(
            Store::open(dir.path()).is_ok(),
            "opening twice migrates once"
        );
    }
}
