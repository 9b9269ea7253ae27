//! `Idempotency-Key` on the session routes that change state (`POST /v1/sessions`,
//! `otp:verify`, `otp:resend`, `/v1/phone-registrations`, `document-data:confirm`): the first
//! request with a key runs; a repeat with the same key and the same request (route, bearer
//! token, body) gets the first answer again without running twice; the same key with another
//! request is refused with `idempotency_key_reused`; a repeat while the first is still running
//! gets `request_in_progress`. Answers that say "try again" (429, 5xx) are not kept, so a repeat
//! runs anew.
//!
//! The answers are kept in memory only, for [`KEEP`] and at most [`CAPACITY`] of them: an
//! answer to `otp:verify` holds a bearer token, which the database never stores in clear.
//! `POST /v1/applications` keeps its key durably in the database instead (see
//! `routes::applications`), because an application must be found again after a restart.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use qoltanba_core::domain::{IDEMPOTENCY_KEY_HEADER, IdempotencyKey};
use qoltanba_core::protocol::{ErrorCode, MAX_JSON_BYTES};
use sha2::{Digest, Sha256};

use crate::body::read_body;
use crate::error::{ApiResult, Failure};
use crate::state::AppState;

/// How long an answer can be replayed.
pub const KEEP: Duration = Duration::from_secs(24 * 60 * 60);
/// The most answers kept; beyond it the oldest go first.
pub const CAPACITY: usize = 50_000;
/// The largest answer kept (the session routes answer a few hundred bytes).
const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// Set on a replayed answer.
pub const REPLAYED_HEADER: &str = "Idempotent-Replayed";

#[derive(Clone)]
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

enum Slot {
    Running,
    Done(Answer),
}

struct Entry {
    fingerprint: [u8; 32],
    at: Instant,
    slot: Slot,
}

/// The kept answers, by key.
#[derive(Default)]
pub struct Replays {
    entries: Mutex<HashMap<String, Entry>>,
}

/// What to do with a request that carries a key.
enum Claim {
    Run,
    Replay(Answer),
    Refuse(Failure),
}

impl Replays {
    fn claim(&self, key: &str, fingerprint: [u8; 32], now: Instant) -> Claim {
        let mut entries = self.lock();
        entries.retain(|_, entry| now.duration_since(entry.at) < KEEP);
        match entries.get(key) {
            Some(entry) if entry.fingerprint != fingerprint => Claim::Refuse(Failure::new(
                ErrorCode::IdempotencyKeyReused,
                "this Idempotency-Key was used with another request; make a new key",
            )),
            Some(Entry {
                slot: Slot::Running,
                ..
            }) => Claim::Refuse(
                Failure::new(
                    ErrorCode::RequestInProgress,
                    "the first request with this Idempotency-Key is still being handled",
                )
                .retry_after(1),
            ),
            Some(Entry {
                slot: Slot::Done(answer),
                ..
            }) => Claim::Replay(answer.clone()),
            None => {
                if entries.len() >= CAPACITY
                    && let Some(oldest) = entries
                        .iter()
                        .min_by_key(|(_, entry)| entry.at)
                        .map(|(key, _)| key.clone())
                {
                    entries.remove(&oldest);
                }
                entries.insert(
                    key.to_owned(),
                    Entry {
                        fingerprint,
                        at: now,
                        slot: Slot::Running,
                    },
                );
                Claim::Run
            }
        }
    }

    /// Keeps the answer, or forgets the key when the answer says "try again".
    fn finish(&self, key: &str, answer: Option<Answer>) {
        let mut entries = self.lock();
        match answer {
            Some(answer) => {
                if let Some(entry) = entries.get_mut(key) {
                    entry.slot = Slot::Done(answer);
                }
            }
            None => {
                entries.remove(key);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Whether an answer is the request's outcome (kept) or an invitation to repeat it (not kept).
fn is_outcome(status: StatusCode) -> bool {
    status.is_success()
        || (status.is_client_error()
            && status != StatusCode::TOO_MANY_REQUESTS
            && status != StatusCode::REQUEST_TIMEOUT)
}

/// The key of a request, if it has one; a malformed key is refused.
pub fn key_of(headers: &HeaderMap) -> ApiResult<Option<IdempotencyKey>> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY_HEADER) else {
        return Ok(None);
    };
    let text = value.to_str().map_err(|_| bad_key())?;
    IdempotencyKey::parse(text).map(Some).map_err(|e| {
        Failure::new(
            ErrorCode::MalformedRequest,
            format!("{IDEMPOTENCY_KEY_HEADER}: {e}"),
        )
    })
}

fn bad_key() -> Failure {
    Failure::new(
        ErrorCode::MalformedRequest,
        format!("{IDEMPOTENCY_KEY_HEADER} must be ASCII"),
    )
}

/// The middleware for the session routes that change state.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match run(&state, request, next).await {
        Ok(response) => response,
        Err(failure) => failure.into_response(),
    }
}

async fn run(state: &AppState, request: Request, next: Next) -> ApiResult<Response> {
    let Some(key) = key_of(request.headers())? else {
        return Ok(next.run(request).await);
    };
    let (parts, body) = request.into_parts();
    let body = read_body(&parts, body, MAX_JSON_BYTES).await?;
    let mut hash = Sha256::new();
    for part in [
        parts.method.as_str().as_bytes(),
        parts.uri.path().as_bytes(),
        parts
            .headers
            .get(header::AUTHORIZATION)
            .map_or(&b""[..], HeaderValue::as_bytes),
        &body,
    ] {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part);
    }
    let fingerprint: [u8; 32] = hash.finalize().into();
    match state
        .replays
        .claim(key.as_str(), fingerprint, Instant::now())
    {
        Claim::Refuse(failure) => Err(failure),
        Claim::Replay(answer) => {
            let mut response = (answer.status, answer.headers, answer.body).into_response();
            response
                .headers_mut()
                .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
            Ok(response)
        }
        Claim::Run => {
            let response = next.run(Request::from_parts(parts, Body::from(body))).await;
            let (parts, body) = response.into_parts();
            let bytes = match axum::body::to_bytes(body, MAX_ANSWER_BYTES).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    state.replays.finish(key.as_str(), None);
                    return Err(Failure::internal(format!("reading the answer: {error}")));
                }
            };
            let kept = is_outcome(parts.status).then(|| Answer {
                status: parts.status,
                headers: parts.headers.clone(),
                body: bytes.clone(),
            });
            state.replays.finish(key.as_str(), kept);
            Ok(Response::from_parts(parts, Body::from(bytes)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: StatusCode) -> Answer {
        Answer {
            status,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"{}"),
        }
    }

    #[test]
    fn a_key_runs_once_then_replays_and_refuses_another_request() {
        let replays = Replays::default();
        let now = Instant::now();
        assert!(matches!(replays.claim("k", [1; 32], now), Claim::Run));
        assert!(matches!(
            replays.claim("k", [1; 32], now),
            Claim::Refuse(Failure(e)) if e.code == ErrorCode::RequestInProgress
        ));
        replays.finish("k", Some(answer(StatusCode::OK)));
        assert!(
            matches!(replays.claim("k", [1; 32], now), Claim::Replay(a) if a.status == StatusCode::OK)
        );
        assert!(matches!(
            replays.claim("k", [2; 32], now),
            Claim::Refuse(Failure(e)) if e.code == ErrorCode::IdempotencyKeyReused
        ));
        assert!(matches!(
            replays.claim("k", [1; 32], now + KEEP),
            Claim::Run
        ));
    }

    #[test]
    fn a_try_again_answer_is_forgotten() {
        let replays = Replays::default();
        let now = Instant::now();
        assert!(matches!(replays.claim("k", [1; 32], now), Claim::Run));
        replays.finish("k", None);
        assert!(matches!(replays.claim("k", [1; 32], now), Claim::Run));
        assert!(!is_outcome(StatusCode::SERVICE_UNAVAILABLE));
        assert!(!is_outcome(StatusCode::TOO_MANY_REQUESTS));
        assert!(is_outcome(StatusCode::UNPROCESSABLE_ENTITY));
    }
}
