//! Helpers shared by the sandbox's integration tests: start a sandbox on a random port in a
//! temporary directory, speak to it over real HTTP, and make fixture media and CSRs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod client;

use std::io::Cursor;
use std::path::Path;

use qoltanba_sandbox::{Citizen, RunningSandbox, SandboxConfig};
use rcgen::{
    CertificateParams, CustomExtension, DistinguishedName, DnType, DnValue, KeyPair,
    PKCS_RSA_SHA256, RsaKeySize, SanType,
};
use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};

pub struct Sandbox {
    pub running: RunningSandbox,
    pub dir: tempfile::TempDir,
    pub http: reqwest::Client,
    pub base: String,
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

pub async fn start() -> Sandbox {
    start_with(|_| {}).await
}

pub async fn start_with(adjust: impl FnOnce(&mut SandboxConfig)) -> Sandbox {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = SandboxConfig::loopback(dir.path());
    adjust(&mut config);
    let running = qoltanba_sandbox::serve(config)
        .await
        .expect("sandbox starts");
    let base = running.base_url();
    Sandbox {
        running,
        dir,
        http: http(),
        base,
    }
}

pub async fn restart(sandbox: Sandbox) -> Sandbox {
    let Sandbox {
        running, dir, http, ..
    } = sandbox;
    running.shutdown_and_wait().await;
    let running = qoltanba_sandbox::serve(SandboxConfig::loopback(dir.path()))
        .await
        .expect("sandbox restarts");
    let base = running.base_url();
    Sandbox {
        running,
        dir,
        http,
        base,
    }
}

/// Sends a request; returns the status and the body parsed as JSON (Null if it is not).
pub async fn send(request: RequestBuilder) -> (u16, Value) {
    let response = request.send().await.expect("request is answered");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

impl Sandbox {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let request = self.http.request(method, self.url(path));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        send(self.request(Method::POST, path, token).json(&body)).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        send(self.request(Method::GET, path, token)).await
    }

    pub async fn put_bytes(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> (u16, Value) {
        send(
            self.request(Method::PUT, path, Some(token))
                .header("content-type", content_type)
                .body(bytes),
        )
        .await
    }

    /// The newest code in the inbox for a phone.
    pub async fn latest_code(&self, phone: &str) -> String {
        let (status, body) = self
            .get(
                &format!("/sandbox/sms?phone={}", phone.replace('+', "%2B")),
                None,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body[0]["code"]
            .as_str()
            .expect("a code in the inbox")
            .to_owned()
    }

    /// Starts a session and verifies the SMS code; returns (session id, token).
    pub async fn sign_in(&self, citizen: &Citizen) -> (String, String) {
        let (status, body) = self
            .post("/v1/sessions", None, json!({ "iin": citizen.iin.as_str() }))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["otp_sent"], true, "{body}");
        let session = body["session_id"].as_str().expect("session id").to_owned();
        let code = self
            .latest_code(citizen.phone.expect("registered phone"))
            .await;
        let (status, body) = self
            .post(
                &format!("/v1/sessions/{session}/otp:verify"),
                None,
                json!({ "code": code }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let token = body["access_token"].as_str().expect("token").to_owned();
        (session, token)
    }

    /// Uploads every piece of evidence, reads and confirms the document data.
    pub async fn identify(&self, session: &str, token: &str) -> Value {
        let base = format!("/v1/sessions/{session}");
        let (status, body) = self
            .put_bytes(
                &format!("{base}/selfie"),
                token,
                "image/jpeg",
                jpeg(640, 480),
            )
            .await;
        assert_eq!(status, 200, "selfie: {body}");
        let (status, body) = send(
            self.request(Method::PUT, &format!("{base}/video"), Some(token))
                .multipart(video_form(avi(4_000))),
        )
        .await;
        assert_eq!(status, 200, "video: {body}");
        let (status, body) = send(
            self.request(Method::PUT, &format!("{base}/pin"), Some(token))
                .json(&json!({ "pin": "402917" })),
        )
        .await;
        assert_eq!(status, 200, "pin: {body}");
        for side in ["front", "back"] {
            let (status, body) = self
                .put_bytes(
                    &format!("{base}/documents/{side}"),
                    token,
                    "image/png",
                    png(800, 500),
                )
                .await;
            assert_eq!(status, 200, "{side}: {body}");
        }
        let (status, data) = self
            .get(&format!("{base}/document-data"), Some(token))
            .await;
        assert_eq!(status, 200, "{data}");
        let (status, body) = self
            .post(
                &format!("{base}/document-data:confirm"),
                Some(token),
                json!({}),
            )
            .await;
        assert_eq!(status, 200, "confirm: {body}");
        data
    }
}

pub fn video_form(video: Vec<u8>) -> reqwest::multipart::Form {
    let log = json!({ "challenges": [
        { "kind": "turn_left", "started_ms": 500, "completed_ms": 1400 },
        { "kind": "blink", "started_ms": 1800, "completed_ms": 2500 }
    ]});
    reqwest::multipart::Form::new()
        .part(
            "video",
            reqwest::multipart::Part::bytes(video)
                .file_name("video.avi")
                .mime_str("video/x-msvideo")
                .expect("mime"),
        )
        .part(
            "challenge_log",
            reqwest::multipart::Part::text(log.to_string())
                .mime_str("application/json")
                .expect("mime"),
        )
}

pub fn citizen(behaviour: &str) -> &'static Citizen {
    qoltanba_sandbox::citizens()
        .iter()
        .find(|c| match behaviour {
            "approve" => c.behaviour == qoltanba_sandbox::Behaviour::Approve && c.phone.is_some(),
            "unregistered" => c.phone.is_none(),
            "moderation" => c.behaviour == qoltanba_sandbox::Behaviour::DocumentMismatch,
            "reject" => matches!(c.behaviour, qoltanba_sandbox::Behaviour::Reject(_)),
            _ => false,
        })
        .expect("a fixture with this behaviour")
}

fn encode(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut bytes), format)
        .expect("encode");
    bytes
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, image::ImageFormat::Png)
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, image::ImageFormat::Jpeg)
}

/// A minimal AVI (RIFF header, hdrl LIST, avih) lasting `duration_ms`, padded to 4 KiB.
pub fn avi(duration_ms: u32) -> Vec<u8> {
    let micros_per_frame: u32 = 40_000;
    let frames = duration_ms * 1000 / micros_per_frame;
    let len = 4096usize;
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(len as u32 - 8).to_le_bytes());
    bytes.extend_from_slice(b"AVI LIST");
    bytes.extend_from_slice(&68u32.to_le_bytes());
    bytes.extend_from_slice(b"hdrlavih");
    bytes.extend_from_slice(&56u32.to_le_bytes());
    let mut avih = [0u8; 56];
    avih[0..4].copy_from_slice(&micros_per_frame.to_le_bytes());
    avih[16..20].copy_from_slice(&frames.to_le_bytes());
    avih[32..36].copy_from_slice(&640u32.to_le_bytes());
    avih[36..40].copy_from_slice(&480u32.to_le_bytes());
    bytes.extend_from_slice(&avih);
    bytes.resize(len, 0);
    bytes
}

/// The subject parts of a CSR, by OID.
pub struct Subject {
    pub common_name: String,
    pub surname: String,
    pub serial_number: String,
    pub given_name: Option<String>,
}

impl Subject {
    pub fn of(citizen: &Citizen) -> Self {
        Self {
            common_name: citizen.common_name(),
            surname: citizen.surname.to_owned(),
            serial_number: format!("IIN{}", citizen.iin.as_str()),
            given_name: citizen.patronymic.map(str::to_owned),
        }
    }
}

/// How a test request carries the key-store extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStoreForm {
    /// 1.2.398.3.3.5 = SEQUENCE { 1.2.398.3.3.5.1.1 }, as Kalkan writes it.
    Current,
    /// 1.2.398.3.3.5.1.1 = NULL, what Qoltanba wrote before the fix.
    Legacy,
    /// 1.2.398.3.3.5 = NULL: the right OID with a value that names no store.
    Malformed,
    Missing,
}

/// An RSA-2048 PKCS#10 request with the subject built by OID, the key-store extension
/// (PKCS#12) when `key_store`, and an optional e-mail SAN.
pub fn csr(subject: &Subject, email: Option<&str>, key_store: bool) -> String {
    let form = if key_store {
        KeyStoreForm::Current
    } else {
        KeyStoreForm::Missing
    };
    csr_with(subject, email, form)
}

/// As [`csr`], the key-store extension in the given form.
pub fn csr_with(subject: &Subject, email: Option<&str>, key_store: KeyStoreForm) -> String {
    let key = KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048).expect("RSA key");
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, subject.common_name.as_str());
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 4]),
        subject.surname.as_str(),
    );
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 5]),
        DnValue::PrintableString(
            subject
                .serial_number
                .as_str()
                .try_into()
                .expect("printable"),
        ),
    );
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString("KZ".try_into().expect("printable")),
    );
    if let Some(given) = &subject.given_name {
        dn.push(DnType::CustomDnType(vec![2, 5, 4, 42]), given.as_str());
    }
    params.distinguished_name = dn;
    if let Some(email) = email {
        params.subject_alt_names = vec![SanType::Rfc822Name(email.try_into().expect("ascii"))];
    }
    let pkcs12_store = vec![
        0x30, 0x0a, 0x06, 0x08, 0x2a, 0x83, 0x0e, 0x03, 0x03, 0x05, 0x01, 0x01,
    ];
    let extension = match key_store {
        KeyStoreForm::Current => Some((&[1, 2, 398, 3, 3, 5][..], pkcs12_store)),
        KeyStoreForm::Legacy => Some((&[1, 2, 398, 3, 3, 5, 1, 1][..], vec![0x05, 0x00])),
        KeyStoreForm::Malformed => Some((&[1, 2, 398, 3, 3, 5][..], vec![0x05, 0x00])),
        KeyStoreForm::Missing => None,
    };
    if let Some((oid, value)) = extension {
        params.custom_extensions = vec![CustomExtension::from_oid_content(oid, value)];
    }
    params
        .serialize_request(&key)
        .expect("CSR")
        .pem()
        .expect("PEM")
}

pub fn data_dir(sandbox: &Sandbox) -> &Path {
    sandbox.dir.path()
}

/// Asserts an error answer: status, stable code, a message, and never a 5xx.
#[track_caller]
pub fn assert_error((status, body): (u16, Value), expected_status: u16, code: &str) {
    assert!(status < 500, "never 5xx, got {status}: {body}");
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}
