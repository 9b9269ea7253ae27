//! The `Idempotency-Key` of each application, kept with it for good: a repeated
//! `POST /v1/applications` (a lost answer, the app restarted, a new login) finds the
//! application it made instead of making another or being refused.

use rusqlite::{OptionalExtension, Transaction, params};

/// One application's key and what it was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationKey {
    pub key: String,
    pub number: String,
    /// Whose application: a key is only ever answered for the same citizen.
    pub iin: String,
    /// SHA-256 (hex) of what the request asked for (storage, e-mail, both requests), but not
    /// of the session it came in, so that it matches again after a new login.
    pub request_hash: String,
}

impl ApplicationKey {
    pub fn load(tx: &Transaction<'_>, key: &str) -> rusqlite::Result<Option<ApplicationKey>> {
        tx.query_row(
            "SELECT idempotency_key, number, iin, request_hash FROM application_keys \
             WHERE idempotency_key = ?1",
            [key],
            |row| {
                Ok(ApplicationKey {
                    key: row.get(0)?,
                    number: row.get(1)?,
                    iin: row.get(2)?,
                    request_hash: row.get(3)?,
                })
            },
        )
        .optional()
    }

    pub fn insert(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute(
            "INSERT INTO application_keys (idempotency_key, number, iin, request_hash) \
             VALUES (?1, ?2, ?3, ?4)",
            params![self.key, self.number, self.iin, self.request_hash],
        )
        .map(drop)
    }
}
