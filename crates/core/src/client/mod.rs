//! The issuance-service client. One code path for the embedded sandbox and a real service:
//! real HTTP, rustls, a timeout on every request, and retries with backoff only for requests
//! that are safe to repeat: GET, PUT, and a POST that carries an `Idempotency-Key` (the
//! service answers a repeat with the first answer). Every POST that changes state takes the
//! caller's key, so the caller can also repeat it later (Retry, a restart) under the same key.

mod builder;
mod error;
mod sandbox;

use std::path::Path;
use std::time::Duration;

use reqwest::{Method, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

pub use builder::{ClientBuilder, MAX_RESPONSE_BYTES};
pub use error::ClientError;

use crate::domain::{
    AccountPin, ApplicationNumber, IDEMPOTENCY_KEY_HEADER, IdempotencyKey, Iin, OtpCode, Phone,
};
use crate::protocol::{
    ApplicationStatusResponse, CertificatesResponse, ChallengeLog, CreateApplicationRequest,
    CreateApplicationResponse, CreateSessionRequest, CreateSessionResponse, DocumentData,
    DocumentSide, OtpResendResponse, OtpVerifyRequest, OtpVerifyResponse, PhoneRegistrationRequest,
    PhoneRegistrationResponse, PinRequest, StepAccepted, VerificationResponse, VerificationStatus,
};

/// How long one request may take, uploads included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Waits before the second and third try of an idempotent request.
const BACKOFF: [Duration; 2] = [Duration::from_millis(300), Duration::from_millis(1200)];

/// A session authorised by the SMS code. The bearer token is secret: kept in memory only,
/// wiped on drop, never printed.
#[derive(Clone)]
pub struct Session {
    pub id: String,
    token: Zeroizing<String>,
    /// The citizen's Digital ID found from an earlier login (approved or in moderation).
    pub identity: Option<VerificationStatus>,
}

impl Session {
    pub fn new(id: String, token: String) -> Session {
        Session {
            id,
            token: Zeroizing::new(token),
            identity: None,
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("token", &"***")
            .field("identity", &self.identity)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    /// The waits before each retry of an idempotent request (one retry per entry).
    retry_pauses: &'static [Duration],
    /// The largest response body read.
    max_response_bytes: usize,
}

impl Client {
    /// `base_url` is the service root, e.g. `http://127.0.0.1:8787` (plain http only on
    /// loopback); `extra_ca` adds trust anchors (PEM) to the system's, for deployments behind
    /// a private CA. [`Client::builder`] has the other options.
    pub fn new(base_url: &str, extra_ca: Option<&Path>) -> Result<Client, ClientError> {
        let builder = Client::builder(base_url);
        match extra_ca {
            Some(path) => builder.extra_ca(path),
            None => builder,
        }
        .build()
    }

    /// Options: trust only a given CA, allow plain http to another host, the response size cap.
    pub fn builder(base_url: &str) -> ClientBuilder {
        ClientBuilder::new(base_url)
    }

    /// The same client waiting `pauses` before its retries instead of 0.3 s and 1.2 s (as many
    /// retries as pauses): tests that inject failures need not wait for real.
    pub fn with_retry_pauses(mut self, pauses: &'static [Duration]) -> Client {
        self.retry_pauses = pauses;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub async fn create_session(
        &self,
        iin: &Iin,
        key: &IdempotencyKey,
    ) -> Result<CreateSessionResponse, ClientError> {
        let body = CreateSessionRequest {
            iin: iin.to_string(),
        };
        self.post_json("/v1/sessions", None, key, Some(&body)).await
    }

    pub async fn verify_otp(
        &self,
        session_id: &str,
        code: &OtpCode,
        key: &IdempotencyKey,
    ) -> Result<Session, ClientError> {
        let body = OtpVerifyRequest {
            code: code.expose().to_owned(),
        };
        let path = format!("/v1/sessions/{}/otp:verify", segment(session_id));
        let answer: OtpVerifyResponse = self.post_json(&path, None, key, Some(&body)).await?;
        let mut session = Session::new(session_id.to_owned(), answer.access_token);
        session.identity = answer.identity;
        Ok(session)
    }

    pub async fn resend_otp(
        &self,
        session_id: &str,
        key: &IdempotencyKey,
    ) -> Result<OtpResendResponse, ClientError> {
        let path = format!("/v1/sessions/{}/otp:resend", segment(session_id));
        self.post_json::<(), _>(&path, None, key, None).await
    }

    pub async fn register_phone(
        &self,
        iin: &Iin,
        phone: &Phone,
        key: &IdempotencyKey,
    ) -> Result<PhoneRegistrationResponse, ClientError> {
        let body = PhoneRegistrationRequest {
            iin: iin.to_string(),
            phone: phone.e164().to_owned(),
        };
        self.post_json("/v1/phone-registrations", None, key, Some(&body))
            .await
    }

    /// Where a phone registration stands (a replacement waits for an operator).
    pub async fn phone_registration(
        &self,
        registration_id: &str,
    ) -> Result<PhoneRegistrationResponse, ClientError> {
        let path = format!("/v1/phone-registrations/{}", segment(registration_id));
        self.send_json::<(), _>(Method::GET, &path, None, None)
            .await
    }

    pub async fn upload_selfie(
        &self,
        session: &Session,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> Result<StepAccepted, ClientError> {
        let path = format!("/v1/sessions/{}/selfie", segment(&session.id));
        self.send_bytes(&path, session, bytes, content_type).await
    }

    pub async fn upload_document(
        &self,
        session: &Session,
        side: DocumentSide,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> Result<StepAccepted, ClientError> {
        let path = format!(
            "/v1/sessions/{}/documents/{}",
            segment(&session.id),
            side.as_str()
        );
        self.send_bytes(&path, session, bytes, content_type).await
    }

    /// The identification video and the log of the prompts shown while it was recorded, as
    /// one multipart body (`video`, `challenge_log`).
    pub async fn upload_video(
        &self,
        session: &Session,
        video: Vec<u8>,
        content_type: &str,
        log: &ChallengeLog,
    ) -> Result<StepAccepted, ClientError> {
        let path = format!("/v1/sessions/{}/video", segment(&session.id));
        let log = serde_json::to_vec(log).map_err(|e| ClientError::Config(e.to_string()))?;
        let content_type = content_type.to_owned();
        self.send(Method::PUT, &path, Some(session), None, move |request| {
            let video = reqwest::multipart::Part::bytes(video.clone())
                .file_name("video")
                .mime_str(&content_type);
            let log = reqwest::multipart::Part::bytes(log.clone()).mime_str("application/json");
            match (video, log) {
                (Ok(video), Ok(log)) => request.multipart(
                    reqwest::multipart::Form::new()
                        .part("video", video)
                        .part("challenge_log", log),
                ),
                _ => request,
            }
        })
        .await
    }

    pub async fn set_pin(
        &self,
        session: &Session,
        pin: &AccountPin,
    ) -> Result<StepAccepted, ClientError> {
        let path = format!("/v1/sessions/{}/pin", segment(&session.id));
        let body = PinRequest {
            pin: pin.expose().to_owned(),
        };
        self.send_json(Method::PUT, &path, Some(session), Some(&body))
            .await
    }

    pub async fn document_data(&self, session: &Session) -> Result<DocumentData, ClientError> {
        let path = format!("/v1/sessions/{}/document-data", segment(&session.id));
        self.send_json::<(), _>(Method::GET, &path, Some(session), None)
            .await
    }

    pub async fn confirm_document_data(
        &self,
        session: &Session,
        key: &IdempotencyKey,
    ) -> Result<StepAccepted, ClientError> {
        let path = format!(
            "/v1/sessions/{}/document-data:confirm",
            segment(&session.id)
        );
        self.post_json::<(), _>(&path, Some(session), key, None)
            .await
    }

    pub async fn verification(
        &self,
        session: &Session,
    ) -> Result<VerificationResponse, ClientError> {
        let path = format!("/v1/sessions/{}/verification", segment(&session.id));
        self.send_json::<(), _>(Method::GET, &path, Some(session), None)
            .await
    }

    pub async fn create_application(
        &self,
        session: &Session,
        request: &CreateApplicationRequest,
        key: &IdempotencyKey,
    ) -> Result<CreateApplicationResponse, ClientError> {
        self.post_json("/v1/applications", Some(session), key, Some(request))
            .await
    }

    pub async fn application_status(
        &self,
        number: &ApplicationNumber,
    ) -> Result<ApplicationStatusResponse, ClientError> {
        let path = format!("/v1/applications/{}", segment(number.as_str()));
        self.send_json::<(), _>(Method::GET, &path, None, None)
            .await
    }

    pub async fn certificates(
        &self,
        number: &ApplicationNumber,
    ) -> Result<CertificatesResponse, ClientError> {
        let path = format!("/v1/applications/{}/certificates", segment(number.as_str()));
        self.send_json::<(), _>(Method::GET, &path, None, None)
            .await
    }

    async fn send_bytes(
        &self,
        path: &str,
        session: &Session,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> Result<StepAccepted, ClientError> {
        let content_type = content_type.to_owned();
        self.send(Method::PUT, path, Some(session), None, move |request| {
            request
                .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
                .body(bytes.clone())
        })
        .await
    }

    /// A POST that changes state, under the caller's idempotency key.
    async fn post_json<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        session: Option<&Session>,
        key: &IdempotencyKey,
        body: Option<&B>,
    ) -> Result<T, ClientError> {
        self.request_json(Method::POST, path, session, Some(key), body)
            .await
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        session: Option<&Session>,
        body: Option<&B>,
    ) -> Result<T, ClientError> {
        self.request_json(method, path, session, None, body).await
    }

    async fn request_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        session: Option<&Session>,
        key: Option<&IdempotencyKey>,
        body: Option<&B>,
    ) -> Result<T, ClientError> {
        let body = match body {
            Some(body) => {
                Some(serde_json::to_vec(body).map_err(|e| ClientError::Config(e.to_string()))?)
            }
            None => None,
        };
        self.send(method, path, session, key, move |request| match &body {
            Some(body) => request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone()),
            None => request,
        })
        .await
    }

    /// Sends a request, retrying transient failures of idempotent requests (GET, PUT, or any
    /// with an idempotency key), and decodes the answer or the protocol's error shape.
    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        session: Option<&Session>,
        key: Option<&IdempotencyKey>,
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> Result<T, ClientError> {
        let idempotent = key.is_some() || matches!(method, Method::GET | Method::PUT);
        let url = format!("{}{path}", self.base);
        let mut attempt = 0;
        loop {
            let mut request = self.http.request(method.clone(), &url);
            if let Some(session) = session {
                request = request.bearer_auth(session.token.as_str());
            }
            if let Some(key) = key {
                request = request.header(IDEMPOTENCY_KEY_HEADER, key.as_str());
            }
            let result = match build(request).send().await {
                Ok(response) => decode(response, self.max_response_bytes).await,
                Err(error) => Err(ClientError::from_reqwest(&error)),
            };
            match result {
                Err(error)
                    if idempotent && error.is_transient() && attempt < self.retry_pauses.len() =>
                {
                    tokio::time::sleep(self.retry_pauses[attempt]).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }
}

async fn decode<T: DeserializeOwned>(response: Response, limit: usize) -> Result<T, ClientError> {
    let status = response.status();
    let body = read_body(response, limit).await?;
    if status.is_success() {
        serde_json::from_slice(&body).map_err(|e| ClientError::Malformed(e.to_string()))
    } else {
        Err(ClientError::from_api(status, &body))
    }
}

/// The body, refused as soon as it is known to be longer than `limit` (by Content-Length, or
/// while it arrives), so a hostile service cannot make the client hold more than that.
async fn read_body(mut response: Response, limit: usize) -> Result<Vec<u8>, ClientError> {
    let too_large = || ClientError::Malformed(format!("the answer is larger than {limit} bytes"));
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| ClientError::from_reqwest(&e))?
    {
        if chunk.len() > limit - body.len() {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Ids come from the service; keep them from changing the path if one is ever odd.
fn segment(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unusable_ca_file_is_a_configuration_error_naming_the_file() {
        let missing = Client::new(
            "https://issuance.example.kz",
            Some(Path::new("/nope/ca.pem")),
        );
        assert!(
            matches!(&missing, Err(ClientError::Config(m)) if m.contains("/nope/ca.pem")),
            "{missing:?}"
        );
        let dir = std::env::temp_dir().join(format!("qoltanba-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let refused = Client::new("https://issuance.example.kz", Some(&empty));
        assert!(
            matches!(&refused, Err(ClientError::Config(m)) if m.contains("no PEM certificate")),
            "{refused:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(Client::new("ftp://issuance.example.kz", None).is_err());
    }

    #[test]
    fn rejects_non_http_urls() {
        assert!(matches!(
            Client::new("ftp://x", None),
            Err(ClientError::Config(_))
        ));
        assert!(
            Client::new("http://127.0.0.1:1/", None)
                .is_ok_and(|c| c.base_url() == "http://127.0.0.1:1")
        );
    }

    #[test]
    fn session_debug_hides_the_token() {
        let session = Session::new("abc".into(), "very-secret-token".into());
        assert!(!format!("{session:?}").contains("very-secret"));
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(segment("../../etc"), "etc");
        assert_eq!(segment("s-1_2"), "s-1_2");
    }

    #[test]
    fn error_bodies_decode_to_codes() {
        let body = br#"{"code":"otp_invalid","message":"wrong code"}"#;
        let error = ClientError::from_api(reqwest::StatusCode::BAD_REQUEST, body);
        assert_eq!(error.code(), Some(crate::protocol::ErrorCode::OtpInvalid));
        assert!(!error.is_transient());
        let error = ClientError::from_api(reqwest::StatusCode::BAD_GATEWAY, b"<html>");
        assert!(error.is_transient());
        assert!(matches!(
            ClientError::from_api(reqwest::StatusCode::BAD_REQUEST, b"nope"),
            ClientError::Malformed(_)
        ));
    }
}
