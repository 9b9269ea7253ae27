//! Operator decisions on verifications in moderation (HTTP route and CLI share this).

use qoltanba_core::protocol::{ErrorCode, ModerationDecision, ModerationItem, VerificationStatus};
use rusqlite::Transaction;

use crate::error::{ApiResult, Failure};
use crate::session;
use crate::store::SessionRecord;

fn item(record: SessionRecord) -> ModerationItem {
    ModerationItem {
        full_name: crate::fixtures::find(&record.iin)
            .map(|c| c.full_name())
            .unwrap_or_default(),
        session_id: record.id,
        iin: record.iin,
        status: record
            .verification
            .unwrap_or(VerificationStatus::Moderation),
        reason: record.verification_reason,
    }
}

/// Sessions that are or were in moderation, newest first.
pub fn queue(tx: &Transaction<'_>) -> ApiResult<Vec<ModerationItem>> {
    Ok(SessionRecord::moderation_queue(tx)?
        .into_iter()
        .map(item)
        .collect())
}

/// Applies an operator's decision to a session waiting in moderation.
pub fn decide(
    tx: &Transaction<'_>,
    session_id: &str,
    decision: ModerationDecision,
    reason: Option<String>,
) -> ApiResult<ModerationItem> {
    let mut record = session::load(tx, session_id)?;
    if record.verification != Some(VerificationStatus::Moderation) {
        return Err(Failure::new(
            ErrorCode::StepOutOfOrder,
            "this session is not waiting for moderation",
        ));
    }
    match decision {
        ModerationDecision::Approve => {
            record.verification = Some(VerificationStatus::Approved);
            record.verification_reason = None;
        }
        ModerationDecision::Reject => {
            record.verification = Some(VerificationStatus::Rejected);
            record.verification_reason =
                Some(reason.unwrap_or_else(|| "rejected by the operator".to_owned()));
        }
    }
    record.save(tx)?;
    // Later logins of the same citizen carry this identity; they follow the decision.
    for mut other in SessionRecord::in_moderation(tx, &record.iin)? {
        other.verification = record.verification;
        other
            .verification_reason
            .clone_from(&record.verification_reason);
        other.save(tx)?;
    }
    tracing::info!(session = %record.id, ?decision, "moderation decided");
    Ok(item(record))
}
