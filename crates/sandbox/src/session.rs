//! Session rules shared by the routes: authorisation, the citizen, the phone, OTP sending.

use qoltanba_core::domain::Phone;
use qoltanba_core::protocol::{ErrorCode, VerificationStatus};
use rusqlite::Transaction;

use crate::config::{Timing, secs};
use crate::error::{ApiResult, Failure};
use crate::fixtures::{self, Citizen};
use crate::secrets;
use crate::state::AppState;
use crate::store::{InboxRecord, SessionRecord, UploadRecord, phone_registration};

/// Loads a session or answers `unknown_session`.
pub fn load(tx: &Transaction<'_>, id: &str) -> ApiResult<SessionRecord> {
    SessionRecord::load(tx, id)?
        .ok_or_else(|| Failure::new(ErrorCode::UnknownSession, "no session with this id"))
}

/// What checking a token needs to know: the time and how long an unused token lives.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    pub now: i64,
    pub idle_ttl: i64,
}

impl Access {
    pub fn of(state: &AppState) -> Self {
        Self {
            now: state.clock.now(),
            idle_ttl: secs(state.limits.token_idle_ttl),
        }
    }
}

/// Loads a session and checks its bearer token, which must have been used within the idle
/// lifetime; a good token is marked as used now.
pub fn authorize(
    tx: &Transaction<'_>,
    id: &str,
    token: &str,
    access: Access,
) -> ApiResult<SessionRecord> {
    let mut record = load(tx, id)?;
    let expected = record.token_hash.as_deref().unwrap_or_default();
    if expected.is_empty()
        || !secrets::constant_time_eq(expected, &secrets::sha256_hex(token.as_bytes()))
    {
        return Err(Failure::new(
            ErrorCode::Unauthorized,
            "the access token does not belong to this session (verify the SMS code first)",
        ));
    }
    let used = record.token_used_at.unwrap_or(record.created_at);
    if access.now.saturating_sub(used) > access.idle_ttl {
        return Err(Failure::new(
            ErrorCode::Unauthorized,
            "the access token expired after being unused; start a new session",
        ));
    }
    record.token_used_at = Some(access.now);
    tx.execute(
        "UPDATE sessions SET token_used_at = ?1 WHERE id = ?2",
        rusqlite::params![access.now, record.id],
    )?;
    Ok(record)
}

/// The register entry of a session's citizen.
pub fn citizen(record: &SessionRecord) -> ApiResult<&'static Citizen> {
    fixtures::find(&record.iin)
        .ok_or_else(|| Failure::internal(format!("session {} names an unknown IIN", record.id)))
}

/// The phone in the mobile-citizens database: a sandbox registration wins over the fixture.
pub fn phone(tx: &Transaction<'_>, citizen: &Citizen) -> ApiResult<Option<Phone>> {
    let registered = phone_registration(tx, citizen.iin.as_str())?;
    let text = registered.as_deref().or(citizen.phone);
    Ok(text.and_then(|t| Phone::parse(t).ok()))
}

/// Generates a code, stores it on the session, and drops the SMS into the inbox. Wrong codes
/// entered before stay counted: a resend gives no fresh attempts.
pub fn send_otp(
    tx: &Transaction<'_>,
    record: &mut SessionRecord,
    phone: &Phone,
    timing: &Timing,
    now: i64,
) -> ApiResult<()> {
    let code = secrets::random_digits(6);
    InboxRecord {
        phone: phone.e164().to_owned(),
        text: format!(
            "Qoltanba sandbox: ЭЦП алу коды / код для получения ЭЦП: {code}. \
             Никому не сообщайте / ешкімге айтпаңыз."
        ),
        code: code.clone(),
        sent_at: now,
    }
    .save(tx)?;
    record.otp_code = Some(code);
    record.otp_sent_at = Some(now);
    record.otp_expires_at = Some(now.saturating_add(secs(timing.otp_ttl)));
    tracing::info!(session = %record.id, phone = %phone.masked(), "sent a one-time code");
    Ok(())
}

/// Seconds until another code may be sent.
pub fn resend_wait(record: &SessionRecord, timing: &Timing, now: i64) -> u64 {
    record
        .otp_sent_at
        .map(|sent| sent.saturating_add(secs(timing.resend_cooldown)) - now)
        .and_then(|left| u64::try_from(left).ok())
        .unwrap_or(0)
}

/// The upload kinds a session has stored.
pub fn uploads(tx: &Transaction<'_>, record: &SessionRecord) -> ApiResult<Vec<String>> {
    Ok(UploadRecord::kinds(tx, &record.id)?)
}

/// A Digital ID belongs to the person, not to one login: when this session has no identity of
/// its own yet, it takes over the newest approved or moderated one of the same citizen, so a
/// citizen who left while an operator checked their documents resumes where they were.
pub fn carry_identity(
    tx: &Transaction<'_>,
    record: &mut SessionRecord,
) -> ApiResult<Option<VerificationStatus>> {
    if record.verification.is_some() {
        return Ok(record.verification);
    }
    let Some(earlier) = SessionRecord::earlier_identity(tx, &record.iin, &record.id)? else {
        return Ok(None);
    };
    record.pin_salt = earlier.pin_salt;
    record.pin_hash = earlier.pin_hash;
    record.challenge_log = earlier.challenge_log;
    record.data_read = true;
    record.data_confirmed = true;
    record.verification = earlier.verification;
    record.verification_reason = earlier.verification_reason;
    tracing::info!(session = %record.id, from = %earlier.id, "identity carried over");
    Ok(record.verification)
}

/// Fails with `step_out_of_order` once the document data are confirmed (evidence is frozen).
pub fn ensure_open(record: &SessionRecord) -> ApiResult<()> {
    if record.data_confirmed {
        return Err(Failure::new(
            ErrorCode::StepOutOfOrder,
            "the document data are already confirmed; this session's evidence can no longer change",
        ));
    }
    Ok(())
}
