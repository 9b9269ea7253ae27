//! Recognised document data, their confirmation, and the verification outcome.

use axum::Json;
use axum::extract::State;
use qoltanba_core::protocol::{
    DocumentData, ErrorCode, StepAccepted, VerificationResponse, VerificationStatus,
};

use crate::body::{ApiPath, Bearer};
use crate::error::{ApiResult, Failure};
use crate::fixtures::Behaviour;
use crate::session;
use crate::state::AppState;

fn out_of_order(message: impl Into<String>) -> Failure {
    Failure::new(ErrorCode::StepOutOfOrder, message)
}

pub async fn document_data(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Bearer(token): Bearer,
) -> ApiResult<Json<DocumentData>> {
    let access = session::Access::of(&state);
    let data = state
        .store
        .call(move |tx| {
            let mut record = session::authorize(tx, &id, &token, access)?;
            let uploads = session::uploads(tx, &record)?;
            let missing: Vec<&str> = ["document_front", "document_back"]
                .into_iter()
                .filter(|kind| !uploads.iter().any(|u| u == kind))
                .collect();
            if !missing.is_empty() {
                return Err(out_of_order(format!(
                    "upload the ID card first; missing: {}",
                    missing.join(", ")
                )));
            }
            let citizen = session::citizen(&record)?;
            record.data_read = true;
            record.save(tx)?;
            Ok(citizen.recognised_document())
        })
        .await?;
    Ok(Json(data))
}

pub async fn confirm(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Bearer(token): Bearer,
) -> ApiResult<Json<StepAccepted>> {
    let access = session::Access::of(&state);
    state
        .store
        .call(move |tx| {
            let mut record = session::authorize(tx, &id, &token, access)?;
            if record.data_confirmed {
                return Ok(());
            }
            let uploads = session::uploads(tx, &record)?;
            let mut missing: Vec<&str> = ["selfie", "video", "document_front", "document_back"]
                .into_iter()
                .filter(|kind| !uploads.iter().any(|u| u == kind))
                .collect();
            if record.pin_hash.is_none() {
                missing.push("pin");
            }
            if !record.data_read {
                missing.push("document-data (read it before confirming)");
            }
            if !missing.is_empty() {
                return Err(out_of_order(format!(
                    "earlier steps are missing: {}",
                    missing.join(", ")
                )));
            }
            let citizen = session::citizen(&record)?;
            let (status, reason) = match citizen.behaviour {
                Behaviour::Approve => (VerificationStatus::Approved, None),
                Behaviour::DocumentMismatch => (
                    VerificationStatus::Moderation,
                    Some("the recognised document data differ from the population register; an operator will check them".to_owned()),
                ),
                Behaviour::Reject(reason) => (VerificationStatus::Rejected, Some(reason.to_owned())),
            };
            record.moderated = status == VerificationStatus::Moderation;
            record.data_confirmed = true;
            record.verification = Some(status);
            record.verification_reason = reason;
            record.save(tx)?;
            tracing::info!(session = %record.id, ?status, "verification decided");
            Ok(())
        })
        .await?;
    Ok(Json(StepAccepted {
        step: "document_data_confirmed".to_owned(),
    }))
}

pub async fn status(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Bearer(token): Bearer,
) -> ApiResult<Json<VerificationResponse>> {
    let access = session::Access::of(&state);
    let response = state
        .store
        .call(move |tx| {
            let record = session::authorize(tx, &id, &token, access)?;
            let status = record
                .verification
                .ok_or_else(|| out_of_order("confirm the document data first"))?;
            Ok(VerificationResponse {
                status,
                reason: record.verification_reason,
            })
        })
        .await?;
    Ok(Json(response))
}
