//! Rows of the sandbox database and their queries.

use qoltanba_core::protocol::{StorageKind, VerificationStatus};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// One session, loaded whole, changed in Rust, saved whole (inside one transaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: String,
    pub iin: String,
    pub created_at: i64,
    /// SHA-256 (hex) of the access token; the token itself is never stored.
    pub token_hash: Option<String>,
    pub otp_code: Option<String>,
    pub otp_sent_at: Option<i64>,
    pub otp_expires_at: Option<i64>,
    pub otp_failures: u32,
    pub locked: bool,
    pub pin_salt: Option<String>,
    pub pin_hash: Option<String>,
    pub challenge_log: Option<String>,
    pub data_read: bool,
    pub data_confirmed: bool,
    pub verification: Option<VerificationStatus>,
    pub verification_reason: Option<String>,
    /// Whether the case went through moderation (stays listed in `/sandbox/moderation`).
    pub moderated: bool,
    /// When the access token was last used (issued, or accepted on a request).
    pub token_used_at: Option<i64>,
}

const SESSION_COLUMNS: &str = "id, iin, created_at, token_hash, otp_code, otp_sent_at, \
    otp_expires_at, otp_failures, locked, pin_salt, pin_hash, challenge_log, data_read, \
    data_confirmed, verification, verification_reason, moderated, token_used_at";

impl SessionRecord {
    pub fn new(id: String, iin: String, now: i64) -> Self {
        Self {
            id,
            iin,
            created_at: now,
            token_hash: None,
            otp_code: None,
            otp_sent_at: None,
            otp_expires_at: None,
            otp_failures: 0,
            locked: false,
            pin_salt: None,
            pin_hash: None,
            challenge_log: None,
            data_read: false,
            data_confirmed: false,
            verification: None,
            verification_reason: None,
            moderated: false,
            token_used_at: None,
        }
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let verification: Option<String> = row.get(14)?;
        Ok(Self {
            id: row.get(0)?,
            iin: row.get(1)?,
            created_at: row.get(2)?,
            token_hash: row.get(3)?,
            otp_code: row.get(4)?,
            otp_sent_at: row.get(5)?,
            otp_expires_at: row.get(6)?,
            otp_failures: row.get(7)?,
            locked: row.get(8)?,
            pin_salt: row.get(9)?,
            pin_hash: row.get(10)?,
            challenge_log: row.get(11)?,
            data_read: row.get(12)?,
            data_confirmed: row.get(13)?,
            verification: verification.as_deref().and_then(verification_from_str),
            verification_reason: row.get(15)?,
            moderated: row.get(16)?,
            token_used_at: row.get(17)?,
        })
    }

    pub fn load(tx: &Transaction<'_>, id: &str) -> rusqlite::Result<Option<Self>> {
        tx.query_row(
            &format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?1"),
            [id],
            Self::from_row,
        )
        .optional()
    }

    /// Sessions whose verification is or was decided by an operator, newest first.
    pub fn moderation_queue(tx: &Transaction<'_>) -> rusqlite::Result<Vec<Self>> {
        let mut statement = tx.prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE moderated = 1 \
             ORDER BY created_at DESC, id"
        ))?;
        let rows = statement.query_map([], Self::from_row)?;
        rows.collect()
    }

    /// The newest other session of the same citizen whose identity is approved or waiting in
    /// moderation and not yet used for an application: a Digital ID belongs to the person, so
    /// a later login finds it again; once keys were applied for, a new application starts
    /// with a new identification.
    pub fn earlier_identity(
        tx: &Transaction<'_>,
        iin: &str,
        except: &str,
    ) -> rusqlite::Result<Option<Self>> {
        tx.query_row(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions WHERE iin = ?1 AND id <> ?2 \
                 AND verification IN ('approved', 'moderation') \
                 AND created_at > COALESCE((SELECT MAX(a.submitted_at) FROM applications a \
                     JOIN sessions s ON s.id = a.session_id WHERE s.iin = ?1), -1) \
                 AND rowid > COALESCE((SELECT last_session FROM phone_changes \
                     WHERE iin = ?1), -1) \
                 ORDER BY created_at DESC, id LIMIT 1"
            ),
            [iin, except],
            Self::from_row,
        )
        .optional()
    }

    /// Every session of a citizen whose identity waits in moderation.
    pub fn in_moderation(tx: &Transaction<'_>, iin: &str) -> rusqlite::Result<Vec<Self>> {
        let mut statement = tx.prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE iin = ?1 AND verification = 'moderation'"
        ))?;
        let rows = statement.query_map([iin], Self::from_row)?;
        rows.collect()
    }

    /// Inserts or replaces the whole row.
    pub fn save(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO sessions ({SESSION_COLUMNS}) VALUES \
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
            ),
            params![
                self.id,
                self.iin,
                self.created_at,
                self.token_hash,
                self.otp_code,
                self.otp_sent_at,
                self.otp_expires_at,
                self.otp_failures,
                self.locked,
                self.pin_salt,
                self.pin_hash,
                self.challenge_log,
                self.data_read,
                self.data_confirmed,
                self.verification.map(verification_to_str),
                self.verification_reason,
                self.moderated,
                self.token_used_at,
            ],
        )
        .map(drop)
    }
}

pub fn verification_to_str(status: VerificationStatus) -> &'static str {
    match status {
        VerificationStatus::Approved => "approved",
        VerificationStatus::Moderation => "moderation",
        VerificationStatus::Rejected => "rejected",
    }
}

fn verification_from_str(text: &str) -> Option<VerificationStatus> {
    match text {
        "approved" => Some(VerificationStatus::Approved),
        "moderation" => Some(VerificationStatus::Moderation),
        "rejected" => Some(VerificationStatus::Rejected),
        _ => None,
    }
}

/// Metadata of an uploaded file (the bytes live in `uploads/<session>/<file_name>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub session_id: String,
    /// `selfie`, `video`, `document_front`, `document_back`.
    pub kind: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_ms: Option<u64>,
    pub file_name: String,
    pub uploaded_at: i64,
}

impl UploadRecord {
    pub fn save(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute(
            "INSERT OR REPLACE INTO uploads (session_id, kind, content_type, size, sha256, \
             width, height, duration_ms, file_name, uploaded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                self.session_id,
                self.kind,
                self.content_type,
                self.size,
                self.sha256,
                self.width,
                self.height,
                self.duration_ms,
                self.file_name,
                self.uploaded_at,
            ],
        )
        .map(drop)
    }

    /// Which kinds of upload a session has.
    pub fn kinds(tx: &Transaction<'_>, session_id: &str) -> rusqlite::Result<Vec<String>> {
        let mut statement = tx.prepare("SELECT kind FROM uploads WHERE session_id = ?1")?;
        let rows = statement.query_map([session_id], |row| row.get(0))?;
        rows.collect()
    }
}

/// One SMS in the sandbox inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRecord {
    pub phone: String,
    pub text: String,
    pub code: String,
    pub sent_at: i64,
}

impl InboxRecord {
    pub fn save(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute(
            "INSERT INTO inbox (phone, text, code, sent_at) VALUES (?1, ?2, ?3, ?4)",
            params![self.phone, self.text, self.code, self.sent_at],
        )
        .map(drop)
    }

    /// Messages, newest first, for one phone or all.
    pub fn list(tx: &Transaction<'_>, phone: Option<&str>) -> rusqlite::Result<Vec<Self>> {
        let mut statement = tx.prepare(
            "SELECT phone, text, code, sent_at FROM inbox \
             WHERE ?1 IS NULL OR phone = ?1 ORDER BY id DESC LIMIT 200",
        )?;
        let rows = statement.query_map([phone], |row| {
            Ok(Self {
                phone: row.get(0)?,
                text: row.get(1)?,
                code: row.get(2)?,
                sent_at: row.get(3)?,
            })
        })?;
        rows.collect()
    }
}

/// The phone registered through `POST /v1/phone-registrations` for an IIN, if any.
pub fn phone_registration(tx: &Transaction<'_>, iin: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "SELECT phone FROM phone_registrations WHERE iin = ?1",
        [iin],
        |row| row.get(0),
    )
    .optional()
}

/// Records a phone registration (replacing an earlier one).
pub fn register_phone(
    tx: &Transaction<'_>,
    iin: &str,
    phone: &str,
    registration_id: &str,
    now: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO phone_registrations (iin, phone, registration_id, created_at) \
         VALUES (?1, ?2, ?3, ?4)",
        params![iin, phone, registration_id, now],
    )
    .map(drop)
}

/// A submitted application with its (already signed) certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub number: String,
    pub session_id: String,
    pub email: Option<String>,
    pub storage: StorageKind,
    pub submitted_at: i64,
    /// Certificates become visible from this moment (the optional issuance delay).
    pub issue_at: i64,
    pub reason: Option<String>,
    pub auth_cert_pem: String,
    pub sign_cert_pem: String,
}

const APPLICATION_COLUMNS: &str = "number, session_id, email, storage, submitted_at, issue_at, \
    reason, auth_cert_pem, sign_cert_pem";

impl ApplicationRecord {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let storage: String = row.get(3)?;
        Ok(Self {
            number: row.get(0)?,
            session_id: row.get(1)?,
            email: row.get(2)?,
            storage: if storage == "token" {
                StorageKind::Token
            } else {
                StorageKind::Pkcs12
            },
            submitted_at: row.get(4)?,
            issue_at: row.get(5)?,
            reason: row.get(6)?,
            auth_cert_pem: row.get(7)?,
            sign_cert_pem: row.get(8)?,
        })
    }

    pub fn load(tx: &Transaction<'_>, number: &str) -> rusqlite::Result<Option<Self>> {
        tx.query_row(
            &format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE number = ?1"),
            [number],
            Self::from_row,
        )
        .optional()
    }

    pub fn for_session(tx: &Transaction<'_>, session_id: &str) -> rusqlite::Result<Option<Self>> {
        tx.query_row(
            &format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE session_id = ?1"),
            [session_id],
            Self::from_row,
        )
        .optional()
    }

    pub fn insert(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let storage = match self.storage {
            StorageKind::Pkcs12 => "pkcs12",
            StorageKind::Token => "token",
        };
        tx.execute(
            &format!(
                "INSERT INTO applications ({APPLICATION_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ),
            params![
                self.number,
                self.session_id,
                self.email,
                storage,
                self.submitted_at,
                self.issue_at,
                self.reason,
                self.auth_cert_pem,
                self.sign_cert_pem,
            ],
        )
        .map(drop)
    }
}
