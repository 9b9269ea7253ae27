//! Fault injection on `/v1` routes: latency, 503 answers, dropped connections, broken JSON,
//! and two faults after the request was carried out: the connection dropped instead of the
//! answer, and the answer sent only after the client has stopped waiting.

use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use qoltanba_core::protocol::{ErrorCode, FaultSettings};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::error::{ApiResult, Failure};
use crate::state::AppState;

/// Longest latency that can be configured (a minute).
pub const MAX_LATENCY_MS: u64 = 60_000;
/// How late a late answer comes unless configured: past the client's 30-second timeout.
pub const DEFAULT_LATE_ANSWER_MS: u64 = 35_000;

/// Marker put on a response to make the server close the connection without sending it.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Pass,
    Fail,
    Drop,
    Malformed,
    /// Carried out, then the connection is closed without the answer.
    CommitThenDrop,
    /// Carried out, then answered after this many milliseconds.
    Late(u64),
}

/// The live fault settings and their random source.
pub struct Faults {
    settings: Mutex<FaultSettings>,
    rng: Mutex<StdRng>,
}

impl Faults {
    pub fn new(settings: FaultSettings) -> Result<Self, Failure> {
        validate(&settings)?;
        Ok(Self {
            rng: Mutex::new(rng_for(&settings)),
            settings: Mutex::new(settings),
        })
    }

    pub fn get(&self) -> FaultSettings {
        self.settings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Replaces the settings; a seed restarts the random sequence.
    pub fn set(&self, settings: FaultSettings) -> ApiResult<()> {
        validate(&settings)?;
        *self
            .rng
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = rng_for(&settings);
        *self
            .settings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = settings;
        Ok(())
    }

    fn draw(&self) -> (u64, Action) {
        let settings = self.get();
        if rates(&settings).iter().all(|rate| *rate <= 0.0) {
            return (settings.latency_ms, Action::Pass);
        }
        let roll: f64 = self
            .rng
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .random();
        let late = Action::Late(settings.late_answer_ms.unwrap_or(DEFAULT_LATE_ANSWER_MS));
        let actions = [
            Action::Drop,
            Action::Fail,
            Action::Malformed,
            Action::CommitThenDrop,
            late,
        ];
        let mut threshold = 0.0;
        for (rate, action) in rates(&settings).into_iter().zip(actions) {
            threshold += rate;
            if roll < threshold {
                return (settings.latency_ms, action);
            }
        }
        (settings.latency_ms, Action::Pass)
    }
}

fn rng_for(settings: &FaultSettings) -> StdRng {
    match settings.seed {
        Some(seed) => StdRng::seed_from_u64(seed),
        None => StdRng::from_os_rng(),
    }
}

/// The rates in the order they are drawn.
fn rates(settings: &FaultSettings) -> [f64; 5] {
    [
        settings.drop_rate,
        settings.error_rate,
        settings.malformed_rate,
        settings.commit_drop_rate,
        settings.late_answer_rate,
    ]
}

fn validate(settings: &FaultSettings) -> ApiResult<()> {
    let rates = rates(settings);
    if rates.iter().any(|rate| !(0.0..=1.0).contains(rate)) || rates.iter().sum::<f64>() > 1.0 {
        return Err(Failure::new(
            ErrorCode::MalformedRequest,
            "each rate must be within 0..=1 and together at most 1",
        ));
    }
    if settings
        .late_answer_ms
        .is_some_and(|late| late > 2 * MAX_LATENCY_MS)
    {
        return Err(Failure::new(
            ErrorCode::MalformedRequest,
            format!("late_answer_ms must be at most {}", 2 * MAX_LATENCY_MS),
        ));
    }
    if settings.latency_ms > MAX_LATENCY_MS {
        return Err(Failure::new(
            ErrorCode::MalformedRequest,
            format!("latency_ms must be at most {MAX_LATENCY_MS}"),
        ));
    }
    Ok(())
}

/// Middleware for the `/v1` router.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (latency_ms, action) = state.faults.draw();
    if latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    match action {
        Action::Pass => next.run(request).await,
        Action::Fail => Failure::new(
            ErrorCode::Unavailable,
            "injected fault: the service is temporarily unavailable",
        )
        .retry_after(1)
        .into_response(),
        Action::Drop => {
            let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            response.extensions_mut().insert(DropConnection);
            response
        }
        Action::Malformed => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "{\"injected_fault\": \"malformed\", \"data\": [1, 2,",
        )
            .into_response(),
        Action::CommitThenDrop => {
            let mut response = next.run(request).await;
            response.extensions_mut().insert(DropConnection);
            response
        }
        Action::Late(ms) => {
            let response = next.run(request).await;
            tokio::time::sleep(Duration::from_millis(ms)).await;
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_makes_the_draws_repeatable() {
        let settings = FaultSettings {
            error_rate: 0.3,
            drop_rate: 0.2,
            malformed_rate: 0.1,
            seed: Some(7),
            ..FaultSettings::default()
        };
        let draws = |faults: &Faults| (0..50).map(|_| faults.draw().1).collect::<Vec<_>>();
        let first = Faults::new(settings.clone()).map(|f| draws(&f)).ok();
        let second = Faults::new(settings).map(|f| draws(&f)).ok();
        assert_eq!(first, second);
        let first = first.unwrap_or_default();
        assert!(first.contains(&Action::Fail) && first.contains(&Action::Pass));
    }

    #[test]
    fn the_faults_after_the_work_are_drawn_too() {
        let settings = FaultSettings {
            commit_drop_rate: 0.5,
            late_answer_rate: 0.5,
            late_answer_ms: Some(250),
            seed: Some(3),
            ..FaultSettings::default()
        };
        let draws: Vec<Action> = Faults::new(settings)
            .map(|f| (0..40).map(|_| f.draw().1).collect())
            .unwrap_or_default();
        assert!(draws.contains(&Action::CommitThenDrop));
        assert!(draws.contains(&Action::Late(250)));
        assert!(!draws.contains(&Action::Pass));
        let too_late = FaultSettings {
            late_answer_ms: Some(10 * MAX_LATENCY_MS),
            ..FaultSettings::default()
        };
        assert!(Faults::new(too_late).is_err());
    }

    #[test]
    fn rates_out_of_range_are_refused() {
        let settings = FaultSettings {
            error_rate: 1.5,
            ..FaultSettings::default()
        };
        assert!(Faults::new(settings).is_err());
    }
}
