//! Configuration of a sandbox instance and its injectable clock.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use qoltanba_core::protocol::FaultSettings as FaultConfig;

/// Everything a sandbox needs to start.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Where the SQLite database, the uploads and nothing else live. Created if missing.
    pub data_dir: PathBuf,
    /// Address to listen on; port 0 picks a free port (see [`crate::RunningSandbox::base_url`]).
    pub listen: SocketAddr,
    /// Fault injection active from the start (can be changed at run time via `/sandbox/faults`).
    pub faults: FaultConfig,
    /// OTP lifetime, resend cooldown, issuance delay.
    pub timing: Timing,
    /// The clock used for every expiry; tests move it forward.
    pub clock: Clock,
    /// Base URL written into certificates (AIA, CRL) when the sandbox sits behind a proxy.
    /// Defaults to `http://<listen address>`.
    pub public_url: Option<String>,
}

impl SandboxConfig {
    /// A config with default timing, no faults, the system clock.
    pub fn new(data_dir: impl Into<PathBuf>, listen: SocketAddr) -> Self {
        Self {
            data_dir: data_dir.into(),
            listen,
            faults: FaultConfig::default(),
            timing: Timing::default(),
            clock: Clock::system(),
            public_url: None,
        }
    }

    /// A config listening on `127.0.0.1:0` (a random free port), as the app and tests use.
    pub fn loopback(data_dir: impl Into<PathBuf>) -> Self {
        Self::new(data_dir, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
    }
}

/// Time limits of the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// How long an SMS code is valid (5 minutes).
    pub otp_ttl: Duration,
    /// How long before another code may be sent (60 s).
    pub resend_cooldown: Duration,
    /// Wrong codes allowed before the session locks (3).
    pub otp_max_attempts: u32,
    /// Delay between accepting an application and its certificates being issued (0).
    pub issue_delay: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            otp_ttl: Duration::from_secs(5 * 60),
            resend_cooldown: Duration::from_secs(60),
            otp_max_attempts: 3,
            issue_delay: Duration::ZERO,
        }
    }
}

/// Wall clock plus an adjustable offset shared by all clones: tests call [`Clock::advance`]
/// to expire codes without waiting.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_s: Arc<AtomicI64>,
}

impl Clock {
    /// The system clock with no offset.
    pub fn system() -> Self {
        Self::default()
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        let secs = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        self.offset_s.fetch_add(secs, Ordering::SeqCst);
    }

    /// Seconds since the Unix epoch, offset included.
    pub fn now(&self) -> i64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        system.saturating_add(self.offset_s.load(Ordering::SeqCst))
    }
}

/// Formats Unix seconds as RFC 3339 (UTC).
pub(crate) fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Seconds of a duration as the `i64` the store uses.
pub(crate) fn secs(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}
