//! `POST /v1/sessions`, OTP verify/resend, phone registration.

use axum::Json;
use axum::extract::State;
use qoltanba_core::domain::{Iin, OtpCode, Phone};
use qoltanba_core::protocol::{
    CreateSessionRequest, CreateSessionResponse, ErrorCode, OtpResendResponse, OtpVerifyRequest,
    OtpVerifyResponse, PhoneRegistrationRequest, PhoneRegistrationResponse,
    PhoneRegistrationStatus,
};

use crate::body::{ApiJson, ApiPath};
use crate::config::secs;
use crate::error::{ApiResult, Failure};
use crate::fixtures::{self, Citizen};
use crate::limits;
use crate::secrets;
use crate::session;
use crate::state::AppState;
use crate::store::{self, PhoneReplacement, SessionRecord};

fn parse_citizen(iin: &str) -> ApiResult<&'static Citizen> {
    let iin = Iin::parse(iin).map_err(|e| Failure::new(ErrorCode::InvalidIin, e.to_string()))?;
    fixtures::find(iin.as_str()).ok_or_else(|| {
        Failure::new(
            ErrorCode::UnknownCitizen,
            "the register knows no person with this IIN (the sandbox knows only its fixtures)",
        )
    })
}

pub async fn create(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<CreateSessionRequest>,
) -> ApiResult<Json<CreateSessionResponse>> {
    let citizen = parse_citizen(&request.iin)?;
    let now = state.clock.now();
    let timing = state.timing;
    let limits = state.limits;
    let response = state
        .store
        .call(move |tx| {
            let iin = citizen.iin.as_str();
            limits::check_lockout(tx, &limits, iin, now)?;
            limits::check_sessions(tx, &limits, iin, now)?;
            let phone = session::phone(tx, citizen)?;
            if let Some(phone) = &phone {
                limits::check_codes(tx, &limits, phone.e164(), now)?;
            }
            let mut record = SessionRecord::new(
                secrets::random_hex(16),
                citizen.iin.as_str().to_owned(),
                now,
            );
            if let Some(phone) = &phone {
                session::send_otp(tx, &mut record, phone, &timing, now)?;
            }
            record.save(tx)?;
            Ok(CreateSessionResponse {
                session_id: record.id.clone(),
                phone_registered: phone.is_some(),
                masked_phone: phone.as_ref().map(Phone::masked),
                otp_sent: phone.is_some(),
                resend_after_s: if phone.is_some() {
                    timing.resend_cooldown.as_secs()
                } else {
                    0
                },
            })
        })
        .await?;
    tracing::info!(session = %response.session_id, "session started");
    Ok(Json(response))
}

pub async fn verify_otp(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<OtpVerifyRequest>,
) -> ApiResult<Json<OtpVerifyResponse>> {
    let now = state.clock.now();
    let max_attempts = state.timing.otp_max_attempts;
    let limits = state.limits;
    // The outer result commits; the inner one is the answer (a wrong code must be counted
    // even though the answer is an error).
    let outcome = state
        .store
        .call(move |tx| {
            let mut record = session::load(tx, &id)?;
            if record.token_hash.is_none()
                && let Err(locked) = limits::check_lockout(tx, &limits, &record.iin, now)
            {
                return Ok(Err(locked));
            }
            let failures = record.otp_failures;
            let mut outcome = check_code(&mut record, &request.code, now, max_attempts);
            if record.otp_failures > failures {
                limits::record_wrong_code(tx, &record.iin, now)?;
                if !record.locked
                    && let Err(locked) = limits::check_lockout(tx, &limits, &record.iin, now)
                {
                    record.locked = true;
                    record.otp_code = None;
                    tracing::info!(session = %record.id, "IIN locked after wrong codes across sessions");
                    outcome = Err(locked);
                }
            }
            if let Ok(answer) = &mut outcome {
                answer.identity = session::carry_identity(tx, &mut record)?;
            }
            record.save(tx)?;
            Ok(outcome)
        })
        .await?;
    outcome.map(Json)
}

fn check_code(
    record: &mut SessionRecord,
    code: &str,
    now: i64,
    max_attempts: u32,
) -> ApiResult<OtpVerifyResponse> {
    if record.locked {
        return Err(locked());
    }
    let Some(expected) = record.otp_code.clone() else {
        return Err(Failure::new(
            ErrorCode::StepOutOfOrder,
            if record.token_hash.is_some() {
                "the code was already verified"
            } else {
                "no code was sent for this session"
            },
        ));
    };
    let code =
        OtpCode::parse(code).map_err(|e| Failure::new(ErrorCode::OtpInvalid, e.to_string()))?;
    if record.otp_expires_at.is_none_or(|expires| now >= expires) {
        return Err(Failure::new(
            ErrorCode::OtpExpired,
            "the code has expired; ask for a new one",
        ));
    }
    if !secrets::constant_time_eq(code.expose(), &expected) {
        record.otp_failures = record.otp_failures.saturating_add(1);
        if record.otp_failures >= max_attempts {
            record.locked = true;
            record.otp_code = None;
            tracing::info!(session = %record.id, "session locked after wrong codes");
            return Err(locked());
        }
        let left = max_attempts - record.otp_failures;
        return Err(Failure::new(
            ErrorCode::OtpInvalid,
            format!("the code is wrong; {left} attempt(s) left"),
        ));
    }
    let token = secrets::random_hex(32);
    record.token_hash = Some(secrets::sha256_hex(token.as_bytes()));
    record.token_used_at = Some(now);
    record.otp_code = None;
    record.otp_expires_at = None;
    tracing::info!(session = %record.id, "code verified");
    Ok(OtpVerifyResponse {
        access_token: token,
        identity: None,
    })
}

fn locked() -> Failure {
    Failure::new(
        ErrorCode::OtpLocked,
        "too many wrong codes: this session is locked; start a new one",
    )
}

pub async fn resend_otp(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<OtpResendResponse>> {
    let now = state.clock.now();
    let timing = state.timing;
    let limits = state.limits;
    let response = state
        .store
        .call(move |tx| {
            let mut record = session::load(tx, &id)?;
            if record.locked {
                return Err(locked());
            }
            limits::check_lockout(tx, &limits, &record.iin, now)?;
            if record.token_hash.is_some() {
                return Err(Failure::new(
                    ErrorCode::StepOutOfOrder,
                    "the code was already verified",
                ));
            }
            let citizen = session::citizen(&record)?;
            let phone = session::phone(tx, citizen)?.ok_or_else(|| {
                Failure::new(
                    ErrorCode::PhoneNotRegistered,
                    "the phone is not in the mobile-citizens database; register it first",
                )
            })?;
            let wait = session::resend_wait(&record, &timing, now);
            if wait > 0 {
                return Err(Failure::new(
                    ErrorCode::ResendTooSoon,
                    format!("a new code can be sent in {wait} s"),
                )
                .retry_after(wait));
            }
            limits::check_codes(tx, &limits, phone.e164(), now)?;
            session::send_otp(tx, &mut record, &phone, &timing, now)?;
            record.save(tx)?;
            Ok(OtpResendResponse {
                otp_sent: true,
                masked_phone: Some(phone.masked()),
                resend_after_s: u64::try_from(secs(timing.resend_cooldown)).unwrap_or(0),
            })
        })
        .await?;
    Ok(Json(response))
}

pub async fn register_phone(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PhoneRegistrationRequest>,
) -> ApiResult<Json<PhoneRegistrationResponse>> {
    let citizen = parse_citizen(&request.iin)?;
    let phone = Phone::parse(&request.phone)
        .map_err(|e| Failure::new(ErrorCode::InvalidPhone, e.to_string()))?;
    let now = state.clock.now();
    let registration_id = secrets::random_hex(12);
    let id = registration_id.clone();
    let status = state
        .store
        .call(move |tx| {
            match session::phone(tx, citizen)? {
                // A first number (or the same one again): registered at once (in reality after
                // an operator's video call, which the sandbox skips).
                None => {
                    store::register_phone(tx, citizen.iin.as_str(), phone.e164(), &id, now)?;
                    Ok(PhoneRegistrationStatus::Registered)
                }
                Some(current) if current == phone => Ok(PhoneRegistrationStatus::Registered),
                // Another number is registered: replacing it would hand the citizen's account
                // (and an approved Digital ID) to whoever names a new number. It waits for an
                // operator (`/sandbox/phone-registrations`); codes keep going to the current one.
                Some(_) => {
                    PhoneReplacement {
                        registration_id: id,
                        iin: citizen.iin.as_str().to_owned(),
                        phone: phone.e164().to_owned(),
                        created_at: now,
                        status: "pending".into(),
                    }
                    .insert(tx)?;
                    Ok(PhoneRegistrationStatus::PendingOperatorCall)
                }
            }
        })
        .await?;
    tracing::info!(registration = %registration_id, ?status, "phone registration");
    Ok(Json(PhoneRegistrationResponse {
        registration_id,
        status,
    }))
}

/// `GET /v1/phone-registrations/{id}`: where a registration stands.
pub async fn phone_registration(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<PhoneRegistrationResponse>> {
    let replacement = state
        .store
        .call(move |tx| Ok(PhoneReplacement::load(tx, &id)?))
        .await?;
    // A first registration is not kept apart: it took effect at once.
    let Some(replacement) = replacement else {
        return Err(Failure::new(
            ErrorCode::NotFound,
            "no phone registration waits under this id",
        ));
    };
    Ok(Json(PhoneRegistrationResponse {
        status: replacement_status(&replacement.status),
        registration_id: replacement.registration_id,
    }))
}

/// The protocol's status of a stored replacement.
pub fn replacement_status(status: &str) -> PhoneRegistrationStatus {
    match status {
        "approved" => PhoneRegistrationStatus::Registered,
        "rejected" => PhoneRegistrationStatus::Rejected,
        _ => PhoneRegistrationStatus::PendingOperatorCall,
    }
}
