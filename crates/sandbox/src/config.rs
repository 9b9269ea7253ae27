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
    /// Rate limits, lockout, token lifetime, concurrency and read timeouts.
    pub limits: Limits,
    /// Serve the `/sandbox/*` control routes (SMS inbox, moderation, faults) to clients that
    /// are not on this machine. Off by default: they answer `not_found` to remote peers.
    pub remote_controls: bool,
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
            limits: Limits::default(),
            remote_controls: false,
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

/// What the sandbox refuses so that it can face the network: brute force, SMS flooding,
/// slow or huge requests. The defaults are far above what a person walking through the flow
/// (or the test suites) ever does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Sessions one IIN may start per hour (5); more answer 429 `resend_too_soon`.
    pub sessions_per_iin_per_hour: u32,
    /// SMS codes one phone may receive per hour, session starts and resends together (10);
    /// more answer 429 `resend_too_soon`.
    pub codes_per_phone_per_hour: u32,
    /// Wrong codes one IIN may enter within [`Self::lockout_window`], across all its sessions
    /// and resends (10); then every session of the IIN answers 423 `otp_locked` and no new
    /// session starts until the window has passed.
    pub wrong_codes_per_iin: u32,
    /// The window over which wrong codes are counted (1 hour).
    pub lockout_window: Duration,
    /// An access token not used for this long stops working (30 minutes).
    pub token_idle_ttl: Duration,
    /// Requests handled at the same time; more answer 503 `unavailable` (64).
    pub max_concurrent_requests: usize,
    /// Time a client has to send the request line and headers (10 s); then the connection
    /// is closed.
    pub header_read_timeout: Duration,
    /// Time a client has to send a whole body (120 s); then 400 `malformed_request`.
    pub body_read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            sessions_per_iin_per_hour: 5,
            codes_per_phone_per_hour: 10,
            wrong_codes_per_iin: 10,
            lockout_window: Duration::from_secs(60 * 60),
            token_idle_ttl: Duration::from_secs(30 * 60),
            max_concurrent_requests: 64,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(120),
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
