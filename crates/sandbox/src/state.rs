//! What every handler shares.

use std::sync::Arc;

use crate::ca::Ca;
use crate::config::{Clock, Limits, Timing};
use crate::faults::Faults;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub ca: Arc<Ca>,
    pub clock: Clock,
    pub timing: Timing,
    pub limits: Limits,
    /// Whether `/sandbox/*` answers peers that are not on this machine.
    pub remote_controls: bool,
    pub faults: Arc<Faults>,
    /// Answers kept for repeated `Idempotency-Key`s on the session routes.
    pub replays: Arc<crate::replays::Replays>,
    /// Where certificates point for the CA certificate and the CRL.
    pub base_url: String,
}
