//! Wire types of the Qoltanba issuance-service protocol (`/v1`), shared by the client and the
//! sandbox server. `docs/openapi.yaml` is the contract; these types follow it field by field.
//!
//! Everything here is plain data with serde: request bodies, response bodies, the one error
//! shape ([`ApiError`] with a stable [`ErrorCode`]) and the sandbox-only control types.

mod application;
mod error;
mod sandbox;
mod session;

pub use application::{
    ApplicationStatus, ApplicationStatusResponse, CertificateBundle, CertificatesResponse,
    CreateApplicationRequest, CreateApplicationResponse, KeyAlgorithm, StorageKind,
};
pub use error::{ApiError, ErrorCode};
pub use sandbox::{
    FaultSettings, ModerationDecision, ModerationItem, ModerationRequest, SandboxCitizen,
    SmsMessage,
};
pub use session::{
    ChallengeLog, ChallengeStep, CreateSessionRequest, CreateSessionResponse, DocumentData,
    DocumentSide, OtpResendResponse, OtpVerifyRequest, OtpVerifyResponse, PhoneRegistrationRequest,
    PhoneRegistrationResponse, PhoneRegistrationStatus, PinRequest, StepAccepted,
    VerificationResponse, VerificationStatus,
};

/// The version prefix of every protocol route.
pub const API_PREFIX: &str = "/v1";

/// Content types accepted for photos (selfie, document sides).
pub const IMAGE_CONTENT_TYPES: [&str; 2] = ["image/jpeg", "image/png"];

/// Content types accepted for the identification video.
pub const VIDEO_CONTENT_TYPES: [&str; 2] = ["video/x-msvideo", "video/mp4"];

/// Largest JSON body a server accepts (64 KiB).
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// Largest photo a server accepts (8 MiB).
pub const MAX_IMAGE_BYTES: usize = 8 * 1024 * 1024;

/// Largest identification video a server accepts (32 MiB).
pub const MAX_VIDEO_BYTES: usize = 32 * 1024 * 1024;

/// Smallest accepted photo, in pixels along the longer and the shorter side.
pub const MIN_IMAGE_SIZE: (u32, u32) = (320, 240);

#[cfg(test)]
mod tests;
