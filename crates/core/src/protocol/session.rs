//! Session steps: IIN → OTP → phone registration → media uploads → PIN → document data →
//! verification.

use serde::{Deserialize, Serialize};

/// `POST /v1/sessions`: start a session for a citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSessionRequest {
    /// 12 digits; spaces and dashes are tolerated by the server.
    pub iin: String,
}

/// Answer to `POST /v1/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSessionResponse {
    /// Opaque id used in every later path.
    pub session_id: String,
    /// Whether the citizen's phone is in the mobile-citizens database. When false no OTP was
    /// sent: register the phone (`POST /v1/phone-registrations`), then ask for a code with
    /// `POST /v1/sessions/{id}/otp:resend` or start a new session.
    pub phone_registered: bool,
    /// The registered phone with most digits hidden, e.g. `+7 701 *** ** 67`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_phone: Option<String>,
    /// Whether an SMS code was sent.
    pub otp_sent: bool,
    /// Seconds until `otp:resend` is allowed.
    pub resend_after_s: u64,
}

/// `POST /v1/sessions/{id}/otp:verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpVerifyRequest {
    /// The 6 digits from the SMS.
    pub code: String,
}

/// Answer to a correct code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpVerifyResponse {
    /// Bearer token for every later call of this session (`Authorization: Bearer …`).
    /// Secret: clients keep it in memory only.
    pub access_token: String,
    /// The citizen's Digital ID from an earlier login, when one is approved or waiting in
    /// moderation: the client may skip the identification steps and show this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<VerificationStatus>,
}

/// Answer to `POST /v1/sessions/{id}/otp:resend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpResendResponse {
    /// Whether a new code was sent (always true on success).
    pub otp_sent: bool,
    /// Where it went, masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_phone: Option<String>,
    /// Seconds until the next resend is allowed.
    pub resend_after_s: u64,
}

/// `POST /v1/phone-registrations`: the not-registered path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneRegistrationRequest {
    /// The citizen's IIN.
    pub iin: String,
    /// Kazakhstan mobile number in any usual spelling (`+7 7xx…`, `8 7xx…`).
    pub phone: String,
}

/// State of a phone registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneRegistrationStatus {
    /// The number is in the mobile-citizens database now: the citizen had none (or had this
    /// one). A code can be asked for at once. (A real service may first hold a video call;
    /// the sandbox registers a first number at once.)
    Registered,
    /// The citizen has another number registered: replacing it needs an operator's decision
    /// after a video call (`GET /v1/phone-registrations/{id}` tells). Until then codes go to
    /// the current number, so a stranger cannot take over an account by naming a new one.
    PendingOperatorCall,
    /// The operator refused the replacement; the current number stays.
    Rejected,
}

/// Answer to `POST /v1/phone-registrations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneRegistrationResponse {
    /// Opaque id of the registration request.
    pub registration_id: String,
    pub status: PhoneRegistrationStatus,
}

/// `PUT /v1/sessions/{id}/pin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinRequest {
    /// The account PIN chosen by the citizen. The server stores only a salted hash.
    pub pin: String,
}

/// Answer to every accepted upload or step (`selfie`, `video`, `pin`, `documents/*`,
/// `document-data:confirm`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepAccepted {
    /// Which step was stored: `selfie`, `video`, `pin`, `document_front`, `document_back`,
    /// `document_data_confirmed`.
    pub step: String,
}

/// Which side of the ID card a photo shows (`PUT /v1/sessions/{id}/documents/{side}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentSide {
    Front,
    Back,
}

impl DocumentSide {
    /// The path segment: `front` or `back`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Front => "front",
            Self::Back => "back",
        }
    }
}

/// One liveness challenge shown during the video, with times relative to the video start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeStep {
    /// What the person was asked to do, e.g. `turn_left`, `turn_right`, `blink`, `smile`.
    pub kind: String,
    /// Milliseconds from the start of the video when the prompt appeared.
    pub started_ms: u64,
    /// Milliseconds from the start when the movement was detected as done.
    pub completed_ms: u64,
}

/// The `challenge_log` part of `PUT /v1/sessions/{id}/video` (multipart, JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeLog {
    /// The challenges in the order shown; at least one.
    pub challenges: Vec<ChallengeStep>,
}

/// `GET /v1/sessions/{id}/document-data`: what was recognised on the ID card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentData {
    /// Surname, as printed (Cyrillic, may contain Kazakh letters).
    pub surname: String,
    /// Given name.
    pub given_name: String,
    /// Patronymic, absent for people who have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    /// Date of birth, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Document number (9 digits for an ID card).
    pub document_number: String,
    /// Issuing authority, e.g. `МВД РК`.
    pub issued_by: String,
    /// Expiry date, `YYYY-MM-DD`.
    pub expires: String,
}

/// Outcome of the identity check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Identity confirmed; an application may be submitted.
    Approved,
    /// An operator reviews the case; poll again later (the client may leave and resume).
    Moderation,
    /// Identity not confirmed; see `reason`. A visit to a ЦОН is needed.
    Rejected,
}

/// `GET /v1/sessions/{id}/verification`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationResponse {
    pub status: VerificationStatus,
    /// Why a check was rejected or sent to moderation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
