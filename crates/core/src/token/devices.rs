//! Protected devices as the app keeps them: the module registry, shared with and locked only
//! by blocking worker threads, and the one open device session. Every call into a vendor
//! module may block (on the device, or on the smart-card service), so the GUI's `update`
//! never touches the registry or the session itself: it sends them to [`blocking`] (or
//! `spawn_blocking`) and gets the answer back as a message.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::device_error::DeviceError;
use super::device_keys::{DeviceKeys, DevicePrepared};
use super::info::TokenInfo;
use super::module::ModuleProblem;
use super::pin::TokenPin;
use super::registry::TokenRegistry;
use super::session::TokenSession;
use crate::pki::KitTrial;

/// How many 2-second scans pass between reloads of the modules. A reload initialises the
/// modules afresh, which is how SoftHSM2-like modules see tokens created since (smart-card
/// modules see insertions at every scan anyway).
const SCANS_PER_RELOAD: u32 = 5;

/// The devices present and the modules that could not be used, from one scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub tokens: Vec<TokenInfo>,
    pub problems: Vec<ModuleProblem>,
}

struct Loaded {
    registry: TokenRegistry,
    /// Problems found when the modules were loaded (kept until the next reload).
    problems: Vec<ModuleProblem>,
}

/// The PKCS#11 registry, shared with the worker threads. Only those threads lock it.
#[derive(Clone)]
pub struct Registry {
    loaded: Arc<Mutex<Option<Loaded>>>,
    /// Modules added in the settings or with `--module`.
    extra: Arc<Vec<PathBuf>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("extra", &self.extra)
            .finish_non_exhaustive()
    }
}

impl Registry {
    pub fn new(extra: Vec<PathBuf>) -> Self {
        Self {
            loaded: Arc::new(Mutex::new(None)),
            extra: Arc::new(extra),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<Loaded>> {
        self.loaded.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocking: loads the modules (again, if `reload`) and lists the devices present now.
    pub fn scan(&self, reload: bool) -> Listing {
        let mut guard = self.lock();
        if reload {
            // Dropped before loading again, so modules nobody else uses are finalized and
            // initialised afresh.
            *guard = None;
        }
        let loaded = guard.get_or_insert_with(|| {
            let (registry, problems) = TokenRegistry::load(&self.extra);
            Loaded { registry, problems }
        });
        let (tokens, mut problems) = loaded.registry.scan();
        problems.splice(0..0, loaded.problems.iter().cloned());
        Listing { tokens, problems }
    }

    /// Blocking: logs in to `token`. The previous session is closed first (one session at a
    /// time: a second login to the same token has to log the first one out to check its PIN).
    pub fn login(
        &self,
        token: &TokenInfo,
        pin: &TokenPin,
        previous: Option<DeviceSession>,
    ) -> Result<DeviceSession, DeviceError> {
        drop(previous);
        let mut guard = self.lock();
        let loaded = guard.get_or_insert_with(|| {
            let (registry, problems) = TokenRegistry::load(&self.extra);
            Loaded { registry, problems }
        });
        let session = loaded.registry.login(token, pin)?;
        Ok(DeviceSession::new(session))
    }

    /// Blocking: finds the device that holds `keys` (by module and serial) and logs in to it.
    pub fn open(&self, keys: &DeviceKeys, pin: &TokenPin) -> Result<DeviceSession, DeviceError> {
        let listing = self.scan(false);
        let token = listing
            .tokens
            .into_iter()
            .find(|token| keys.is_on(token))
            .ok_or_else(|| DeviceError::NotConnected {
                label: keys.label.clone(),
                serial: keys.serial.clone(),
            })?;
        self.login(&token, pin, None)
    }
}

/// Counts scans so the modules are reloaded now and then.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScanClock(u32);

impl ScanClock {
    /// Whether this scan reloads the modules (never the first: that one loads them anyway).
    pub fn tick(&mut self) -> bool {
        self.0 = self.0.wrapping_add(1);
        self.0.is_multiple_of(SCANS_PER_RELOAD)
    }
}

/// The open, logged-in session on the device the citizen picked. Cloning shares it; the
/// device logs out when the last clone is dropped (do that on a worker thread).
#[derive(Clone)]
pub struct DeviceSession {
    session: Arc<Mutex<TokenSession>>,
    /// The device as it was at login (reading it needs no device call).
    token: TokenInfo,
    uses_factory_pin: bool,
    /// The module lists GOST 2012-512 key pairs for this device (read at login).
    offers_gost: bool,
}

impl std::fmt::Debug for DeviceSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceSession")
            .field("label", &self.token.label)
            .field("serial", &self.token.serial)
            .finish_non_exhaustive()
    }
}

impl DeviceSession {
    fn new(session: TokenSession) -> Self {
        let uses_factory_pin = session.uses_factory_pin();
        // The session's view of the device keeps the kind the user picked (the factory-PIN
        // check used it).
        let token = session.token().clone();
        let offers_gost = session.shared.offers_gost_512_key_pairs();
        Self {
            offers_gost,
            session: Arc::new(Mutex::new(session)),
            token,
            uses_factory_pin,
        }
    }

    /// The device the session is open on.
    pub fn token(&self) -> &TokenInfo {
        &self.token
    }

    /// Whether the device's module lists GOST 2012-512 key pairs (see
    /// [`super::offers_gost_512_key_pairs`]): then the wizard makes its GOST pair there.
    pub fn offers_gost_512_key_pairs(&self) -> bool {
        self.offers_gost
    }

    /// Whether the device was unlocked with its factory PIN (to be changed before use).
    pub fn uses_factory_pin(&self) -> bool {
        self.uses_factory_pin
    }

    /// Blocking: the session, for one worker at a time.
    pub fn lock(&self) -> MutexGuard<'_, TokenSession> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocking: changes the PIN (`C_SetPIN` in this session).
    pub fn change_pin(&self, old: &TokenPin, new: &TokenPin) -> Result<(), DeviceError> {
        self.lock().change_pin(old, new)?;
        Ok(())
    }
}

/// What the app keeps about devices: the registry, the open session and the keys of the
/// application under way.
#[derive(Debug)]
pub struct Devices {
    pub registry: Registry,
    pub session: Option<DeviceSession>,
    /// Keys made on the device whose application the service has not accepted yet.
    pub prepared: Option<DevicePrepared>,
    /// Keys of an accepted application, waiting for their certificates.
    pub pending: Option<DeviceKeys>,
    /// The keys whose certificates were just written (the done screen names the device).
    pub installed: Option<DeviceKeys>,
    /// How each installed pair did when tried (signed on the device, verified with its
    /// certificate), in [`DeviceKeys::pairs`]' order.
    pub trials: Vec<KitTrial>,
    pub clock: ScanClock,
}

impl Devices {
    pub fn new(extra: Vec<PathBuf>) -> Self {
        Self {
            registry: Registry::new(extra),
            session: None,
            prepared: None,
            pending: None,
            installed: None,
            trials: Vec::new(),
            clock: ScanClock::default(),
        }
    }

    /// The open session, if it is on this device.
    pub fn session_on(&self, token: &TokenInfo) -> Option<&DeviceSession> {
        self.session
            .as_ref()
            .filter(|session| session.token().same_device(token))
    }
}

/// Runs blocking device work off the UI thread.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, DeviceError> + Send + 'static,
) -> Result<T, DeviceError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| DeviceError::Interrupted)
        .and_then(|result| result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_modules_are_reloaded_every_few_scans() {
        let mut clock = ScanClock::default();
        let reloads: Vec<bool> = (0..10).map(|_| clock.tick()).collect();
        assert_eq!(reloads.iter().filter(|reload| **reload).count(), 2);
        assert!(!reloads[0]);
    }
}
