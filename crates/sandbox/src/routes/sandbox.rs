//! Sandbox-only controls: SMS inbox, fixtures, moderation, faults, CA certificates.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use qoltanba_core::domain::Phone;
use qoltanba_core::protocol::{
    ErrorCode, FaultSettings, ModerationItem, ModerationRequest, SandboxCitizen, SmsMessage,
};
use serde::Deserialize;

use crate::body::{ApiJson, ApiPath, ApiQuery};
use crate::config::rfc3339;
use crate::error::{ApiResult, Failure};
use crate::fixtures::{self, Behaviour};
use crate::moderation;
use crate::session;
use crate::state::AppState;
use crate::store::{InboxRecord, SessionRecord};

#[derive(Deserialize)]
pub struct SmsQuery {
    phone: Option<String>,
    /// Only the SMS to this session's citizen's current phone (what a kiosk shows a visitor).
    session_id: Option<String>,
}

pub async fn sms(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SmsQuery>,
) -> ApiResult<Json<Vec<SmsMessage>>> {
    let phone = query
        .phone
        .as_deref()
        .map(Phone::parse)
        .transpose()
        .map_err(|e| Failure::new(ErrorCode::InvalidPhone, e.to_string()))?
        .map(|p| p.e164().to_owned());
    let session_id = query.session_id;
    let messages = state
        .store
        .call(move |tx| {
            let phone = match session_id {
                None => phone,
                Some(id) => {
                    let Some(record) = SessionRecord::load(tx, &id)? else {
                        return Ok(Vec::new());
                    };
                    let Some(phone) = session::phone(tx, session::citizen(&record)?)? else {
                        return Ok(Vec::new());
                    };
                    Some(phone.e164().to_owned())
                }
            };
            match phone {
                Some(phone) => Ok(InboxRecord::list(tx, Some(&phone))?),
                None => Ok(InboxRecord::list(tx, None)?),
            }
        })
        .await?;
    Ok(Json(
        messages
            .into_iter()
            .map(|m| SmsMessage {
                phone: m.phone,
                text: m.text,
                code: m.code,
                sent_at: rfc3339(m.sent_at),
            })
            .collect(),
    ))
}

pub async fn citizens() -> Json<Vec<SandboxCitizen>> {
    Json(
        fixtures::citizens()
            .iter()
            .map(|c| SandboxCitizen {
                iin: c.iin.as_str().to_owned(),
                full_name: c.full_name(),
                phone: c.phone.map(str::to_owned),
                behaviour: match c.behaviour {
                    Behaviour::Approve => "approve",
                    Behaviour::DocumentMismatch => "moderation",
                    Behaviour::Reject(_) => "reject",
                }
                .to_owned(),
            })
            .collect(),
    )
}

pub async fn moderation_queue(
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<ModerationItem>>> {
    Ok(Json(state.store.call(moderation::queue).await?))
}

pub async fn moderate(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ModerationRequest>,
) -> ApiResult<Json<ModerationItem>> {
    let item = state
        .store
        .call(move |tx| moderation::decide(tx, &id, request.decision, request.reason))
        .await?;
    Ok(Json(item))
}

pub async fn get_faults(State(state): State<AppState>) -> Json<FaultSettings> {
    Json(state.faults.get())
}

pub async fn put_faults(
    State(state): State<AppState>,
    ApiJson(settings): ApiJson<FaultSettings>,
) -> ApiResult<Json<FaultSettings>> {
    state.faults.set(settings)?;
    tracing::info!(faults = ?state.faults.get(), "fault injection changed");
    Ok(Json(state.faults.get()))
}

pub async fn root_pem(State(state): State<AppState>) -> impl IntoResponse {
    pem_response(state.ca.root_pem())
}

pub async fn issuing_pem(State(state): State<AppState>) -> impl IntoResponse {
    pem_response(state.ca.issuing_pem())
}

pub async fn root_der(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    der_response(state.ca.root_pem())
}

pub async fn issuing_der(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    der_response(state.ca.issuing_pem())
}

pub async fn issuing_crl(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    let ca = state.ca.clone();
    let now = state.clock.now();
    let der = tokio::task::spawn_blocking(move || ca.crl_der(now))
        .await
        .map_err(Failure::internal)??;
    Ok(([(header::CONTENT_TYPE, "application/pkix-crl")], der))
}

fn pem_response(pem: &str) -> impl IntoResponse + use<> {
    (
        [(header::CONTENT_TYPE, "application/x-pem-file")],
        pem.to_owned(),
    )
}

fn der_response(pem: &str) -> ApiResult<impl IntoResponse + use<>> {
    let (_, parsed) =
        x509_parser::pem::parse_x509_pem(pem.as_bytes()).map_err(Failure::internal)?;
    Ok((
        [(header::CONTENT_TYPE, "application/pkix-cert")],
        parsed.contents,
    ))
}

/// The GOST issuing CA certificate, DER: what the GOST certificates' AIA caIssuers names.
pub async fn gost_issuing_der(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/pkix-cert")],
        state.ca.gost.issuing_der().to_vec(),
    )
}

/// The GOST root certificate, DER.
pub async fn gost_root_der(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/pkix-cert")],
        state.ca.gost.root_der().to_vec(),
    )
}

/// The GOST issuing CA's (empty) CRL, GOST-signed: the certificates' CRL distribution point.
pub async fn gost_crl(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    gost_crl_response(state, false).await
}

/// The delta CRL against it: the certificates' Freshest CRL.
pub async fn gost_delta_crl(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    gost_crl_response(state, true).await
}

async fn gost_crl_response(state: AppState, delta: bool) -> ApiResult<impl IntoResponse + use<>> {
    let ca = state.ca.clone();
    let now = state.clock.now();
    let der = tokio::task::spawn_blocking(move || ca.gost.crl_der(now, delta))
        .await
        .map_err(Failure::internal)?
        .map_err(Failure::internal)?;
    Ok(([(header::CONTENT_TYPE, "application/pkix-crl")], der))
}

/// The page the certificates' policy names as its CPS.
pub async fn cps() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Qoltanba sandbox: test certificates only, issued to fixture citizens; no \
         certification practice applies and nothing is ever revoked.\n",
    )
}
