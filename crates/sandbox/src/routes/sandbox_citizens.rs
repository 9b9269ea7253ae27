//! Sandbox-only controls about citizens: phone replacements waiting for an operator, and
//! forgetting a citizen (a demo kiosk at the end of a visit).

use axum::Json;
use axum::extract::State;
use qoltanba_core::domain::Iin;
use qoltanba_core::protocol::{
    ErrorCode, ModerationDecision, ModerationRequest, PhoneRegistrationResponse,
};
use serde_json::{Value, json};

use crate::body::{ApiJson, ApiPath};
use crate::error::{ApiResult, Failure};
use crate::fixtures;
use crate::routes::sessions::replacement_status;
use crate::session;
use crate::state::AppState;
use crate::store::{self, PhoneReplacement};

/// `GET /sandbox/phone-registrations`: replacements waiting for an operator.
pub async fn pending_phones(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let pending = state
        .store
        .call(|tx| Ok(PhoneReplacement::pending(tx)?))
        .await?;
    Ok(Json(Value::Array(
        pending
            .into_iter()
            .map(|r| {
                json!({
                    "registration_id": r.registration_id,
                    "iin": r.iin,
                    "phone": r.phone,
                })
            })
            .collect(),
    )))
}

/// `POST /sandbox/phone-registrations/{id}`: the operator's decision after the video call.
pub async fn decide_phone(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ModerationRequest>,
) -> ApiResult<Json<PhoneRegistrationResponse>> {
    let now = state.clock.now();
    let decided = state
        .store
        .call(move |tx| {
            let replacement = PhoneReplacement::load(tx, &id)?.ok_or_else(|| {
                Failure::new(ErrorCode::NotFound, "no phone replacement with this id")
            })?;
            if replacement.status != "pending" {
                return Err(Failure::new(
                    ErrorCode::StepOutOfOrder,
                    format!("this replacement was already {}", replacement.status),
                ));
            }
            let status = match request.decision {
                ModerationDecision::Approve => {
                    store::register_phone(tx, &replacement.iin, &replacement.phone, &id, now)?;
                    PhoneReplacement::mark_change(tx, &replacement.iin)?;
                    "approved"
                }
                ModerationDecision::Reject => "rejected",
            };
            PhoneReplacement::set_status(tx, &id, status)?;
            Ok(PhoneRegistrationResponse {
                registration_id: id,
                status: replacement_status(status),
            })
        })
        .await?;
    tracing::info!(registration = %decided.registration_id, status = ?decided.status, "phone replacement decided");
    Ok(Json(decided))
}

/// `DELETE /sandbox/citizens/{iin}`: everything the sandbox holds about a citizen goes —
/// records, SMS and the upload files.
pub async fn forget(
    State(state): State<AppState>,
    ApiPath(iin): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    let iin = Iin::parse(&iin).map_err(|e| Failure::new(ErrorCode::InvalidIin, e.to_string()))?;
    let citizen = fixtures::find(iin.as_str())
        .ok_or_else(|| Failure::new(ErrorCode::UnknownCitizen, "no such citizen"))?;
    let dir = state.store.dir().to_path_buf();
    let sessions = state
        .store
        .call(move |tx| {
            let mut phones: Vec<String> = citizen.phone.iter().map(|p| (*p).to_owned()).collect();
            if let Some(phone) = session::phone(tx, citizen)? {
                phones.push(phone.e164().to_owned());
            }
            let replacements: Vec<String> = PhoneReplacement::pending(tx)?
                .into_iter()
                .filter(|r| r.iin == citizen.iin.as_str())
                .map(|r| r.phone)
                .collect();
            phones.extend(replacements);
            Ok(store::forget(tx, citizen.iin.as_str(), &phones)?)
        })
        .await?;
    let removed = sessions.len();
    tokio::task::spawn_blocking(move || store::remove_uploads(&dir, &sessions))
        .await
        .map_err(|e| Failure::internal(format!("removing uploads: {e}")))?
        .map_err(|e| Failure::internal(format!("removing uploads: {e}")))?;
    tracing::info!(sessions = removed, "citizen forgotten");
    Ok(Json(json!({ "sessions_forgotten": removed })))
}
