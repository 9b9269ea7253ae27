//! Phone replacements waiting for an operator, and forgetting a citizen (a demo kiosk at the
//! end of each visit).

use std::path::Path;

use rusqlite::{OptionalExtension, Transaction, params};

/// A request to replace a citizen's registered phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneReplacement {
    pub registration_id: String,
    pub iin: String,
    pub phone: String,
    pub created_at: i64,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
}

impl PhoneReplacement {
    pub fn insert(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute(
            "INSERT INTO phone_replacements (registration_id, iin, phone, created_at, status) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                self.registration_id,
                self.iin,
                self.phone,
                self.created_at,
                self.status
            ],
        )
        .map(drop)
    }

    pub fn load(tx: &Transaction<'_>, id: &str) -> rusqlite::Result<Option<PhoneReplacement>> {
        tx.query_row(
            "SELECT registration_id, iin, phone, created_at, status FROM phone_replacements \
             WHERE registration_id = ?1",
            [id],
            |row| {
                Ok(PhoneReplacement {
                    registration_id: row.get(0)?,
                    iin: row.get(1)?,
                    phone: row.get(2)?,
                    created_at: row.get(3)?,
                    status: row.get(4)?,
                })
            },
        )
        .optional()
    }

    pub fn set_status(tx: &Transaction<'_>, id: &str, status: &str) -> rusqlite::Result<()> {
        tx.execute(
            "UPDATE phone_replacements SET status = ?2 WHERE registration_id = ?1",
            params![id, status],
        )
        .map(drop)
    }

    /// The number changed: no session started before now hands its Digital ID on (sessions
    /// are ordered by their row, which timestamps in seconds cannot do).
    pub fn mark_change(tx: &Transaction<'_>, iin: &str) -> rusqlite::Result<()> {
        tx.execute(
            "INSERT OR REPLACE INTO phone_changes (iin, last_session) \
             VALUES (?1, (SELECT COALESCE(MAX(rowid), 0) FROM sessions))",
            [iin],
        )
        .map(drop)
    }

    /// The replacements still waiting, oldest first.
    pub fn pending(tx: &Transaction<'_>) -> rusqlite::Result<Vec<PhoneReplacement>> {
        let mut statement = tx.prepare(
            "SELECT registration_id, iin, phone, created_at, status FROM phone_replacements \
             WHERE status = 'pending' ORDER BY created_at, registration_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(PhoneReplacement {
                registration_id: row.get(0)?,
                iin: row.get(1)?,
                phone: row.get(2)?,
                created_at: row.get(3)?,
                status: row.get(4)?,
            })
        })?;
        rows.collect()
    }
}

/// Deletes every record about a citizen — sessions and their uploads, SMS to their phones,
/// phone registrations and replacements, wrong-code counts, applications and their keys — and
/// returns the upload folders (one per session) to remove from `uploads/` once the
/// transaction is committed. Phones that belong to this citizen are `phones`.
pub fn forget(tx: &Transaction<'_>, iin: &str, phones: &[String]) -> rusqlite::Result<Vec<String>> {
    let sessions: Vec<String> = {
        let mut statement = tx.prepare("SELECT id FROM sessions WHERE iin = ?1")?;
        let rows = statement.query_map([iin], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for session in &sessions {
        tx.execute(
            "DELETE FROM application_keys WHERE number IN \
             (SELECT number FROM applications WHERE session_id = ?1)",
            [session],
        )?;
        tx.execute("DELETE FROM applications WHERE session_id = ?1", [session])?;
        tx.execute("DELETE FROM uploads WHERE session_id = ?1", [session])?;
    }
    tx.execute("DELETE FROM sessions WHERE iin = ?1", [iin])?;
    tx.execute("DELETE FROM wrong_codes WHERE iin = ?1", [iin])?;
    tx.execute("DELETE FROM phone_registrations WHERE iin = ?1", [iin])?;
    tx.execute("DELETE FROM phone_replacements WHERE iin = ?1", [iin])?;
    tx.execute("DELETE FROM phone_changes WHERE iin = ?1", [iin])?;
    for phone in phones {
        tx.execute("DELETE FROM inbox WHERE phone = ?1", [phone])?;
    }
    Ok(sessions)
}

/// Removes the upload folders of forgotten sessions (ids are ours: hex, never a path).
pub fn remove_uploads(dir: &Path, sessions: &[String]) -> std::io::Result<()> {
    for session in sessions {
        if session.chars().all(|c| c.is_ascii_alphanumeric()) {
            match std::fs::remove_dir_all(dir.join("uploads").join(session)) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
        }
    }
    Ok(())
}
