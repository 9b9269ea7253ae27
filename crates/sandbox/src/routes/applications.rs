//! Applications: CSR checks, issuance, status, certificate download.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use qoltanba_core::domain::{ApplicationNumber, Email};
use qoltanba_core::protocol::{
    ApplicationStatus, ApplicationStatusResponse, CertificateBundle, CertificatesResponse,
    CreateApplicationRequest, CreateApplicationResponse, ErrorCode, KeyAlgorithm,
    VerificationStatus,
};

use crate::body::{ApiJson, ApiPath, Bearer};
use crate::ca::Purpose;
use crate::config::{rfc3339, secs};
use crate::csr;
use crate::error::{ApiResult, Failure};
use crate::replays;
use crate::secrets;
use crate::session;
use crate::state::AppState;
use crate::store::{ApplicationKey, ApplicationRecord};
use sha2::{Digest, Sha256};

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Bearer(token): Bearer,
    ApiJson(request): ApiJson<CreateApplicationRequest>,
) -> ApiResult<Json<CreateApplicationResponse>> {
    let access = session::Access::of(&state);
    let key = replays::key_of(&headers)?.map(|key| key.as_str().to_owned());
    let request_hash = request_hash(&request)?;
    let email = request
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .map(Email::parse)
        .transpose()
        .map_err(|e| Failure::new(ErrorCode::InvalidEmail, e.to_string()))?
        .map(|e| e.as_str().to_owned());
    let session_id = request.session_id.clone();
    let (lookup_key, lookup_hash) = (key.clone(), request_hash.clone());
    let found = state
        .store
        .call(move |tx| {
            let record = session::authorize(tx, &session_id, &token, access)?;
            // A repeat of an accepted request is answered before anything else is checked, so
            // a refusal below always means that no application was made under this key.
            if let Some(number) = earlier(tx, lookup_key.as_deref(), &record.iin, &lookup_hash)? {
                return Ok(Err(number));
            }
            ensure_verified(&record)?;
            if let Some(existing) = ApplicationRecord::for_session(tx, &record.id)? {
                return Err(Failure::new(
                    ErrorCode::StepOutOfOrder,
                    format!("this session already has application {}", existing.number),
                ));
            }
            Ok(Ok(session::citizen(&record)?))
        })
        .await?;
    let citizen = match found {
        Ok(citizen) => citizen,
        Err(number) => {
            tracing::info!(application = %number, "application request repeated");
            return Ok(Json(CreateApplicationResponse {
                application_number: number,
            }));
        }
    };
    let now = state.clock.now();
    let ca = state.ca.clone();
    let base_url = state.base_url.clone();
    let checked_email = email.clone();
    let algorithm = request.algorithm;
    let gost_csr = request.csr.clone();
    let (auth_pem, sign_pem) = tokio::task::spawn_blocking(move || -> ApiResult<_> {
        let email = checked_email.as_deref();
        if algorithm == KeyAlgorithm::Gost2015_512 {
            // One key pair, one certificate; stored as the AUTH one with no signing one.
            let pem = gost_csr.ok_or_else(|| {
                Failure::new(
                    ErrorCode::CsrInvalid,
                    "csr: a GOST application has one request in `csr`",
                )
            })?;
            let checked = csr::check_for(&pem, "csr", citizen, email, algorithm)?;
            let key = csr::gost_key(&checked)?;
            let certificate = ca.gost.issue(&checked, &key, citizen, &base_url, now)?;
            return Ok((certificate, String::new()));
        }
        let auth = csr::check(&request.csr_auth, "csr_auth", citizen, email)?;
        let sign = csr::check(&request.csr_sign, "csr_sign", citizen, email)?;
        if auth.spki_der == sign.spki_der {
            return Err(Failure::new(
                ErrorCode::CsrInvalid,
                "csr_auth and csr_sign must carry two different keys",
            ));
        }
        let auth_pem = ca.issue(&auth, Purpose::Auth, citizen, &base_url, now)?;
        let sign_pem = ca.issue(&sign, Purpose::Sign, citizen, &base_url, now)?;
        Ok((auth_pem, sign_pem))
    })
    .await
    .map_err(|e| Failure::internal(format!("issuance task failed: {e}")))??;
    let issue_at = now.saturating_add(secs(state.timing.issue_delay));
    let session_id = request.session_id;
    let storage = request.storage;
    let iin = citizen.iin.as_str().to_owned();
    let number = state
        .store
        .call(move |tx| {
            // The same key may have raced in on another connection.
            if let Some(number) = earlier(tx, key.as_deref(), &iin, &request_hash)? {
                return Ok(number);
            }
            if ApplicationRecord::for_session(tx, &session_id)?.is_some() {
                return Err(Failure::new(
                    ErrorCode::StepOutOfOrder,
                    "this session already has an application",
                ));
            }
            let number = loop {
                let candidate = secrets::random_digits(10);
                if ApplicationRecord::load(tx, &candidate)?.is_none() {
                    break candidate;
                }
            };
            ApplicationRecord {
                number: number.clone(),
                session_id,
                email,
                storage,
                submitted_at: now,
                issue_at,
                reason: None,
                auth_cert_pem: auth_pem,
                sign_cert_pem: sign_pem,
            }
            .insert(tx)?;
            if let Some(key) = key {
                ApplicationKey {
                    key,
                    number: number.clone(),
                    iin,
                    request_hash,
                }
                .insert(tx)?;
            }
            Ok(number)
        })
        .await?;
    tracing::info!(application = %number, "application accepted");
    Ok(Json(CreateApplicationResponse {
        application_number: number,
    }))
}

/// The number of the application an earlier request under `key` made, when it was the same
/// citizen asking for the same thing; the same key for anything else is refused.
fn earlier(
    tx: &rusqlite::Transaction<'_>,
    key: Option<&str>,
    iin: &str,
    request_hash: &str,
) -> ApiResult<Option<String>> {
    let Some(key) = key else { return Ok(None) };
    match ApplicationKey::load(tx, key)? {
        None => Ok(None),
        Some(found) if found.iin == iin && found.request_hash == request_hash => {
            Ok(Some(found.number))
        }
        Some(_) => Err(Failure::new(
            ErrorCode::IdempotencyKeyReused,
            "this Idempotency-Key was used for another application; make a new key",
        )),
    }
}

/// SHA-256 of what the request asks for, without its session and e-mail: the same keys asked
/// for again after a new login are the same request (the e-mail, when given, is inside the
/// requests' SubjectAltName, which is hashed).
fn request_hash(request: &CreateApplicationRequest) -> ApiResult<String> {
    let mut value = serde_json::to_value(request)
        .map_err(|e| Failure::internal(format!("hashing the request: {e}")))?;
    if let Some(fields) = value.as_object_mut() {
        fields.remove("session_id");
        fields.remove("email");
    }
    Ok(hex::encode(Sha256::digest(value.to_string().as_bytes())))
}

fn ensure_verified(record: &crate::store::SessionRecord) -> ApiResult<()> {
    match record.verification {
        Some(VerificationStatus::Approved) => Ok(()),
        Some(VerificationStatus::Moderation) => Err(Failure::new(
            ErrorCode::VerificationPending,
            "the identity is still being checked by an operator",
        )),
        Some(VerificationStatus::Rejected) => Err(Failure::new(
            ErrorCode::VerificationRejected,
            record
                .verification_reason
                .clone()
                .unwrap_or_else(|| "the identity check failed".to_owned()),
        )),
        None => Err(Failure::new(
            ErrorCode::StepOutOfOrder,
            "complete the identification (confirm the document data) first",
        )),
    }
}

async fn load(state: &AppState, number: String) -> ApiResult<ApplicationRecord> {
    let unknown = || {
        Failure::new(
            ErrorCode::UnknownApplication,
            "no application with this number",
        )
    };
    let number = ApplicationNumber::parse(&number).map_err(|_| unknown())?;
    let number = number.as_str().to_owned();
    state
        .store
        .call(move |tx| ApplicationRecord::load(tx, &number)?.ok_or_else(unknown))
        .await
}

fn status_of(record: &ApplicationRecord, now: i64) -> ApplicationStatus {
    if record.reason.is_some() {
        ApplicationStatus::Rejected
    } else if now >= record.issue_at {
        ApplicationStatus::Issued
    } else {
        ApplicationStatus::Processing
    }
}

pub async fn status(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<ApplicationStatusResponse>> {
    let record = load(&state, number).await?;
    let status = status_of(&record, state.clock.now());
    Ok(Json(ApplicationStatusResponse {
        application_number: record.number,
        status,
        storage: record.storage,
        email: record.email,
        submitted_at: rfc3339(record.submitted_at),
        issued_at: (record.reason.is_none()).then(|| rfc3339(record.issue_at)),
        reason: record.reason,
    }))
}

pub async fn certificates(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<CertificatesResponse>> {
    let record = load(&state, number).await?;
    match status_of(&record, state.clock.now()) {
        ApplicationStatus::Issued => {}
        ApplicationStatus::Processing => {
            let wait = u64::try_from(record.issue_at - state.clock.now()).unwrap_or(1);
            return Err(
                Failure::new(ErrorCode::NotReady, "the certificates are not issued yet")
                    .retry_after(wait.max(1)),
            );
        }
        ApplicationStatus::Rejected => {
            return Err(Failure::new(
                ErrorCode::NotReady,
                "the application was rejected; no certificates",
            ));
        }
    }
    if record.sign_cert_pem.is_empty() {
        // A GOST application: one certificate, under the GOST CA.
        return Ok(Json(CertificatesResponse {
            auth: None,
            sign: None,
            certificate: Some(CertificateBundle {
                certificate_pem: record.auth_cert_pem,
                chain_pem: state.ca.gost.chain(),
            }),
        }));
    }
    let chain = state.ca.chain();
    Ok(Json(CertificatesResponse {
        certificate: None,
        auth: Some(CertificateBundle {
            certificate_pem: record.auth_cert_pem,
            chain_pem: chain.clone(),
        }),
        sign: Some(CertificateBundle {
            certificate_pem: record.sign_cert_pem,
            chain_pem: chain,
        }),
    }))
}
