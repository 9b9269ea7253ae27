//! The one error shape of the protocol: `{code, message, retry_after?}`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code. Serialised in snake_case; the client maps each code
/// to translated text, so codes are never renamed (new ones may be added: unknown codes
/// deserialise as [`ErrorCode::Unknown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON, a field is missing or has the wrong type.
    MalformedRequest,
    /// The IIN fails the format, date or check-digit rules.
    InvalidIin,
    /// The phone number is not a Kazakhstan mobile number.
    InvalidPhone,
    /// The e-mail address is not valid.
    InvalidEmail,
    /// The account PIN does not follow the rules (see `AccountPin` in the domain module).
    InvalidPin,
    /// The IIN is valid but the registry knows no such person.
    UnknownCitizen,
    /// No session with this id.
    UnknownSession,
    /// The bearer token is missing, wrong, or belongs to another session.
    Unauthorized,
    /// The citizen's phone is not in the mobile-citizens database; register it first.
    PhoneNotRegistered,
    /// The one-time code is wrong (attempts remain).
    OtpInvalid,
    /// The one-time code has expired; ask for a new one.
    OtpExpired,
    /// Too many wrong codes: the session is locked; start a new session.
    OtpLocked,
    /// A new code was asked for before the cooldown ended; see `retry_after`.
    ResendTooSoon,
    /// The body is larger than this route accepts.
    PayloadTooLarge,
    /// The Content-Type is not one this route accepts.
    UnsupportedMediaType,
    /// The upload has an accepted type but its content is broken, too small or too long.
    InvalidMedia,
    /// This step needs an earlier step first (e.g. confirming data before the documents).
    StepOutOfOrder,
    /// The identity is still being checked by an operator.
    VerificationPending,
    /// The identity check failed; see the message for the reason.
    VerificationRejected,
    /// A CSR cannot be parsed, its signature is wrong, or its key is too weak.
    CsrInvalid,
    /// A CSR's subject does not name the verified citizen, or lacks required parts.
    CsrSubjectMismatch,
    /// No application with this number.
    UnknownApplication,
    /// The application exists but its certificates are not issued yet.
    NotReady,
    /// No such route.
    NotFound,
    /// The route exists but not with this HTTP method.
    MethodNotAllowed,
    /// This `Idempotency-Key` was used before with a different request (another body, route
    /// or session): make a new key for a new request.
    IdempotencyKeyReused,
    /// A request with this `Idempotency-Key` is still being handled; repeat it shortly (see
    /// `retry_after`) to get its answer.
    RequestInProgress,
    /// The service is temporarily unavailable; retry later.
    Unavailable,
    /// An unexpected server-side failure.
    Internal,
    /// A code this client version does not know.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// Every known code, for documentation and exhaustive tests.
    pub const ALL: [ErrorCode; 29] = [
        Self::MalformedRequest,
        Self::InvalidIin,
        Self::InvalidPhone,
        Self::InvalidEmail,
        Self::InvalidPin,
        Self::UnknownCitizen,
        Self::UnknownSession,
        Self::Unauthorized,
        Self::PhoneNotRegistered,
        Self::OtpInvalid,
        Self::OtpExpired,
        Self::OtpLocked,
        Self::ResendTooSoon,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::InvalidMedia,
        Self::StepOutOfOrder,
        Self::VerificationPending,
        Self::VerificationRejected,
        Self::CsrInvalid,
        Self::CsrSubjectMismatch,
        Self::UnknownApplication,
        Self::NotReady,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::IdempotencyKeyReused,
        Self::RequestInProgress,
        Self::Unavailable,
        Self::Internal,
    ];

    /// The snake_case text of the code, as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MalformedRequest => "malformed_request",
            Self::InvalidIin => "invalid_iin",
            Self::InvalidPhone => "invalid_phone",
            Self::InvalidEmail => "invalid_email",
            Self::InvalidPin => "invalid_pin",
            Self::UnknownCitizen => "unknown_citizen",
            Self::UnknownSession => "unknown_session",
            Self::Unauthorized => "unauthorized",
            Self::PhoneNotRegistered => "phone_not_registered",
            Self::OtpInvalid => "otp_invalid",
            Self::OtpExpired => "otp_expired",
            Self::OtpLocked => "otp_locked",
            Self::ResendTooSoon => "resend_too_soon",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::InvalidMedia => "invalid_media",
            Self::StepOutOfOrder => "step_out_of_order",
            Self::VerificationPending => "verification_pending",
            Self::VerificationRejected => "verification_rejected",
            Self::CsrInvalid => "csr_invalid",
            Self::CsrSubjectMismatch => "csr_subject_mismatch",
            Self::UnknownApplication => "unknown_application",
            Self::NotReady => "not_ready",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::RequestInProgress => "request_in_progress",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
            Self::Unknown => "unknown",
        }
    }

    /// The HTTP status a server answers with for this code.
    pub fn http_status(self) -> u16 {
        match self {
            Self::MalformedRequest => 400,
            Self::Unauthorized => 401,
            Self::UnknownCitizen
            | Self::UnknownSession
            | Self::UnknownApplication
            | Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::PhoneNotRegistered
            | Self::StepOutOfOrder
            | Self::VerificationPending
            | Self::VerificationRejected
            | Self::NotReady
            | Self::RequestInProgress => 409,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::InvalidIin
            | Self::InvalidPhone
            | Self::InvalidEmail
            | Self::InvalidPin
            | Self::OtpInvalid
            | Self::OtpExpired
            | Self::InvalidMedia
            | Self::CsrInvalid
            | Self::CsrSubjectMismatch
            | Self::IdempotencyKeyReused => 422,
            Self::OtpLocked => 423,
            Self::ResendTooSoon => 429,
            Self::Unavailable => 503,
            Self::Internal | Self::Unknown => 500,
        }
    }

    /// Whether repeating the same request later may succeed (used by clients for retries).
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            Self::Unavailable | Self::Internal | Self::RequestInProgress
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable code; clients translate it.
    pub code: ErrorCode,
    /// English explanation for logs and developers; not shown to users as is.
    pub message: String,
    /// Seconds to wait before retrying (with `resend_too_soon`, `unavailable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a code and a message, no retry hint.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// Adds a retry hint in seconds.
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
