//! Rate limits and the lockout across sessions, counted from the database so that they hold
//! across restarts: sessions per IIN, SMS codes per phone, wrong codes per IIN.

use qoltanba_core::protocol::ErrorCode;
use rusqlite::{Transaction, params};

use crate::config::{Limits, secs};
use crate::error::{ApiResult, Failure};

const HOUR: i64 = 60 * 60;

/// Events in `[now - window, now]` and when the oldest of them happened.
fn count(tx: &Transaction<'_>, sql: &str, key: &str, since: i64) -> ApiResult<(u32, Option<i64>)> {
    let (count, oldest): (i64, Option<i64>) = tx.query_row(sql, params![key, since], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })?;
    Ok((u32::try_from(count).unwrap_or(u32::MAX), oldest))
}

/// Seconds until the oldest event leaves the window (at least 1).
fn wait(oldest: Option<i64>, window: i64, now: i64) -> u64 {
    let left = oldest.map_or(window, |at| at.saturating_add(window) - now);
    u64::try_from(left.max(1)).unwrap_or(1)
}

/// Fails with 429 `resend_too_soon` when the IIN already started its sessions for the hour.
pub fn check_sessions(tx: &Transaction<'_>, limits: &Limits, iin: &str, now: i64) -> ApiResult<()> {
    let (started, oldest) = count(
        tx,
        "SELECT COUNT(*), MIN(created_at) FROM sessions WHERE iin = ?1 AND created_at > ?2",
        iin,
        now - HOUR,
    )?;
    if started >= limits.sessions_per_iin_per_hour {
        let wait = wait(oldest, HOUR, now);
        return Err(Failure::new(
            ErrorCode::ResendTooSoon,
            format!(
                "{started} sessions were started for this IIN within the hour; \
                 another can start in {wait} s"
            ),
        )
        .retry_after(wait));
    }
    Ok(())
}

/// Fails with 429 `resend_too_soon` when the phone already received its codes for the hour.
pub fn check_codes(tx: &Transaction<'_>, limits: &Limits, phone: &str, now: i64) -> ApiResult<()> {
    let (sent, oldest) = count(
        tx,
        "SELECT COUNT(*), MIN(sent_at) FROM inbox WHERE phone = ?1 AND sent_at > ?2",
        phone,
        now - HOUR,
    )?;
    if sent >= limits.codes_per_phone_per_hour {
        let wait = wait(oldest, HOUR, now);
        return Err(Failure::new(
            ErrorCode::ResendTooSoon,
            format!("{sent} codes were sent to this phone within the hour; another can be sent in {wait} s"),
        )
        .retry_after(wait));
    }
    Ok(())
}

/// Fails with 423 `otp_locked` while the IIN has used up its wrong codes for the window.
pub fn check_lockout(tx: &Transaction<'_>, limits: &Limits, iin: &str, now: i64) -> ApiResult<()> {
    let window = secs(limits.lockout_window);
    let (wrong, oldest) = count(
        tx,
        "SELECT COUNT(*), MIN(at) FROM wrong_codes WHERE iin = ?1 AND at > ?2",
        iin,
        now - window,
    )?;
    if wrong >= limits.wrong_codes_per_iin {
        let wait = wait(oldest, window, now);
        return Err(Failure::new(
            ErrorCode::OtpLocked,
            format!(
                "too many wrong codes for this IIN across its sessions; \
                 it is locked for another {wait} s"
            ),
        )
        .retry_after(wait));
    }
    Ok(())
}

/// Counts one wrong code against the IIN.
pub fn record_wrong_code(tx: &Transaction<'_>, iin: &str, now: i64) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO wrong_codes (iin, at) VALUES (?1, ?2)",
        params![iin, now],
    )?;
    Ok(())
}
