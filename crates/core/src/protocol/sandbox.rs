//! Types of the sandbox-only control routes (`/sandbox/...`); a real service has none of them.

use serde::{Deserialize, Serialize};

use super::VerificationStatus;

/// One SMS in the sandbox inbox (`GET /sandbox/sms?phone=+77…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsMessage {
    /// E.164, e.g. `+77011234567`.
    pub phone: String,
    /// The text as a phone would show it.
    pub text: String,
    /// The one-time code in the text.
    pub code: String,
    /// RFC 3339.
    pub sent_at: String,
}

/// An operator's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModerationDecision {
    Approve,
    Reject,
}

/// `POST /sandbox/moderation/{session_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationRequest {
    pub decision: ModerationDecision,
    /// Shown to the citizen when rejecting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One entry of `GET /sandbox/moderation` (sessions whose verification is or was moderated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    pub session_id: String,
    pub iin: String,
    /// "SURNAME NAME PATRONYMIC" from the registry.
    pub full_name: String,
    pub status: VerificationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET`/`PUT /sandbox/faults`: fault injection on `/v1` routes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct FaultSettings {
    /// Added delay before every answer, in milliseconds.
    pub latency_ms: u64,
    /// Share (0..=1) of requests answered 503 with code `unavailable`.
    pub error_rate: f64,
    /// Share (0..=1) of requests whose connection is closed without an answer.
    pub drop_rate: f64,
    /// Share (0..=1) of requests answered 200 with a truncated, invalid JSON body.
    pub malformed_rate: f64,
    /// Share (0..=1) of requests that are carried out (committed) and whose connection is
    /// then closed without the answer: the client cannot tell whether it happened.
    pub commit_drop_rate: f64,
    /// Share (0..=1) of requests that are carried out and answered only after
    /// `late_answer_ms`, by when the client has given up waiting.
    pub late_answer_rate: f64,
    /// How late a late answer comes, in milliseconds (default 35 000: past the client's
    /// 30-second timeout).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_answer_ms: Option<u64>,
    /// When set, the random draws are repeatable: the same seed gives the same sequence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// One entry of `GET /sandbox/citizens`: the fictional people the sandbox knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxCitizen {
    pub iin: String,
    pub full_name: String,
    /// E.164 phone in the mobile-citizens database; absent = not registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `approve`, `moderation` (document data mismatch) or `reject`.
    pub behaviour: String,
}
