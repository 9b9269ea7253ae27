//! What every handler shares.

use std::sync::Arc;

use crate::ca::Ca;
use crate::config::{Clock, Timing};
use crate::faults::Faults;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub ca: Arc<Ca>,
    pub clock: Clock,
    pub timing: Timing,
    pub faults: Arc<Faults>,
    /// Where certificates point for the CA certificate and the CRL.
    pub base_url: String,
}
