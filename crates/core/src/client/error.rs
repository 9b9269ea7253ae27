//! What can go wrong talking to the issuance service, in terms the app can translate.

use crate::protocol::{ApiError, ErrorCode};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The service answered with the protocol's error shape.
    #[error("the service refused: {code:?} ({message})")]
    Api {
        code: ErrorCode,
        message: String,
        retry_after: Option<u64>,
    },
    /// No answer in time.
    #[error("the service did not answer in time")]
    Timeout,
    /// Could not reach the service at all (down, no network, connection dropped).
    #[error("could not reach the service: {0}")]
    Unreachable(String),
    /// The answer was not what the protocol says (broken JSON, unexpected status).
    #[error("the service sent an answer that does not follow the protocol: {0}")]
    Malformed(String),
    /// The configuration is wrong (bad URL, unreadable CA file).
    #[error("the client is misconfigured: {0}")]
    Config(String),
    /// A plain `http://` address for a service on another computer: the requests would carry
    /// the citizen's data, the SMS code and the bearer token in clear. Allowed only with
    /// `--insecure-http` (labs).
    #[error("{url}: plain http:// is only allowed to this computer; use https://")]
    PlainHttp { url: String },
}

impl ClientError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Worth trying again the same request: the network or the service had a passing fault.
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Timeout | ClientError::Unreachable(_) | ClientError::Malformed(_) => true,
            ClientError::Api { code, .. } => code.is_transient(),
            ClientError::Config(_) | ClientError::PlainHttp { .. } => false,
        }
    }

    /// Whether this answer to `POST /v1/applications` proves that no application uses the
    /// request's keys, so keys made for it may be deleted. Only refusals of the request's own
    /// content qualify: they are checked after an earlier attempt under the same
    /// `Idempotency-Key` would have been found and answered. A lost answer, an expired session
    /// or "this session already has an application" prove nothing: an earlier attempt may
    /// have been accepted.
    pub fn proves_no_application(&self) -> bool {
        matches!(
            self.code(),
            Some(
                ErrorCode::CsrInvalid
                    | ErrorCode::CsrSubjectMismatch
                    | ErrorCode::InvalidEmail
                    | ErrorCode::VerificationRejected
                    | ErrorCode::VerificationPending
            )
        )
    }

    /// Whether the service refused for good (the same requests will never be accepted), as
    /// opposed to not being reached or being busy. An application refused like this takes its
    /// keys off the device; any other failure keeps them for Retry.
    pub fn is_final(&self) -> bool {
        match self {
            ClientError::Timeout
            | ClientError::Unreachable(_)
            | ClientError::Malformed(_)
            | ClientError::Config(_)
            | ClientError::PlainHttp { .. } => false,
            ClientError::Api { code, .. } => !matches!(
                code,
                ErrorCode::Unavailable
                    | ErrorCode::Internal
                    | ErrorCode::NotFound
                    | ErrorCode::MethodNotAllowed
                    | ErrorCode::ResendTooSoon
                    | ErrorCode::RequestInProgress
                    | ErrorCode::Unknown
            ),
        }
    }

    pub(crate) fn from_reqwest(error: &reqwest::Error) -> ClientError {
        if error.is_timeout() {
            ClientError::Timeout
        } else if error.is_decode() || error.is_body() {
            ClientError::Malformed(error.to_string())
        } else if error.is_builder() {
            ClientError::Config(error.to_string())
        } else {
            ClientError::Unreachable(error.to_string())
        }
    }

    pub(crate) fn from_api(status: reqwest::StatusCode, body: &[u8]) -> ClientError {
        match serde_json::from_slice::<ApiError>(body) {
            Ok(error) => ClientError::Api {
                code: error.code,
                message: error.message,
                retry_after: error.retry_after,
            },
            Err(_) if status.is_server_error() => ClientError::Api {
                code: ErrorCode::Unavailable,
                message: format!("HTTP {status}"),
                retry_after: None,
            },
            Err(_) => {
                ClientError::Malformed(format!("HTTP {status} without the protocol's error body"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: ErrorCode) -> ClientError {
        ClientError::Api {
            code,
            message: String::new(),
            retry_after: None,
        }
    }

    #[test]
    fn only_a_refusal_is_final() {
        for refusal in [
            ErrorCode::CsrInvalid,
            ErrorCode::CsrSubjectMismatch,
            ErrorCode::VerificationRejected,
            ErrorCode::Unauthorized,
        ] {
            assert!(api(refusal).is_final(), "{refusal:?}");
        }
        for passing in [
            api(ErrorCode::Unavailable),
            api(ErrorCode::Internal),
            ClientError::Timeout,
            ClientError::Unreachable("connection refused".into()),
        ] {
            assert!(!passing.is_final(), "{passing:?}");
        }
    }

    #[test]
    fn only_a_refusal_of_the_request_itself_proves_there_is_no_application() {
        for proof in [ErrorCode::CsrInvalid, ErrorCode::VerificationRejected] {
            assert!(api(proof).proves_no_application(), "{proof:?}");
        }
        for doubt in [
            api(ErrorCode::StepOutOfOrder),
            api(ErrorCode::Unauthorized),
            api(ErrorCode::IdempotencyKeyReused),
            api(ErrorCode::RequestInProgress),
            api(ErrorCode::Unavailable),
            ClientError::Timeout,
            ClientError::Unreachable("connection closed".into()),
        ] {
            assert!(!doubt.proves_no_application(), "{doubt:?}");
        }
        assert!(api(ErrorCode::RequestInProgress).is_transient());
    }
}
