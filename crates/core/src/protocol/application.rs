//! Applications for certificates and their download.

use serde::{Deserialize, Serialize};

/// Where the keys live, as chosen by the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageKind {
    /// PKCS#12 files on a computer.
    Pkcs12,
    /// A hardware token or the ID card chip.
    Token,
}

/// The key algorithm of an application.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyAlgorithm {
    /// GOST 34.10-2015, 512 bits (parameter set A): one key pair and one certificate for both
    /// login and signing, in `csr`. What НУЦ РК issues today.
    #[serde(rename = "gost2015_512")]
    Gost2015_512,
    /// RSA-2048: two key pairs (AUTH and signing), in `csr_auth` and `csr_sign`. The older
    /// kind; the default, so clients that do not send `algorithm` keep working.
    #[default]
    #[serde(rename = "rsa2048")]
    Rsa2048,
}

/// `POST /v1/applications` (bearer token of the session required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApplicationRequest {
    /// The verified session.
    pub session_id: String,
    /// Optional e-mail; when given, a CSR's e-mail (SAN or subject E) must equal it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub storage: StorageKind,
    #[serde(default)]
    pub algorithm: KeyAlgorithm,
    /// RSA: PKCS#10 request for the authentication key, PEM.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub csr_auth: String,
    /// RSA: PKCS#10 request for the signing key, PEM.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub csr_sign: String,
    /// GOST: the one PKCS#10 request, PEM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csr: Option<String>,
}

/// Answer to `POST /v1/applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApplicationResponse {
    /// 10 digits; enough to check the status and fetch the certificates later.
    pub application_number: String,
}

/// State of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Accepted, certificates not issued yet.
    Processing,
    /// Certificates ready: `GET /v1/applications/{number}/certificates`.
    Issued,
    /// Refused; see `reason`.
    Rejected,
}

/// `GET /v1/applications/{number}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationStatusResponse {
    pub application_number: String,
    pub status: ApplicationStatus,
    pub storage: StorageKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// RFC 3339 time the application was accepted.
    pub submitted_at: String,
    /// RFC 3339 time the certificates were (or will be) issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One issued certificate with its chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateBundle {
    /// The end-entity certificate, PEM.
    pub certificate_pem: String,
    /// Issuing CA first, then the root, each PEM.
    pub chain_pem: Vec<String>,
}

/// `GET /v1/applications/{number}/certificates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificatesResponse {
    /// RSA: certificate for the authentication key (from `csr_auth`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<CertificateBundle>,
    /// RSA: certificate for the signing key (from `csr_sign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign: Option<CertificateBundle>,
    /// GOST: the one certificate (from `csr`), for login and signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateBundle>,
}
