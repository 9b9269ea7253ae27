//! The loaded modules and the tokens they see.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use cryptoki::error::{Error as Pkcs11Error, RvError};
use cryptoki::session::UserType;
use cryptoki::slot::Slot;

use super::error::TokenError;
use super::gost_support::vendor_gost_mechanisms;
use super::info::TokenInfo;
use super::known::{Vendor, device_modules};
use super::module::{LibraryInfo, LoadedModule, ModuleProblem, ProblemKind, code_of};
use super::pin::TokenPin;
use super::pin_checks::{check_can_use_pin, check_new_pin, pin_failure};
use super::presence::{read_present, removal_aware};
use super::session::{SessionShared, TokenSession};

/// How a module came to be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleOrigin {
    /// Found at a known vendor location.
    Known(Vendor),
    /// Added by path (settings or `--module`).
    Added,
}

/// A loaded module, for diagnostics (`qoltanba tokens`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleInfo {
    /// Canonical path.
    pub path: PathBuf,
    /// How it came to be loaded.
    pub origin: ModuleOrigin,
    /// What it says about itself.
    pub library: LibraryInfo,
}

struct Registered {
    module: Arc<LoadedModule>,
    origin: ModuleOrigin,
}

/// The PKCS#11 modules in use and the tokens they see.
///
/// Loading calls into vendor libraries that may block (waiting for a smart-card service, for
/// example), so the GUI loads and scans off the UI thread. Listing again (`tokens`) sees devices
/// inserted or removed since; see docs/tokens.md for how each module reports that.
pub struct TokenRegistry {
    modules: Vec<Registered>,
}

impl std::fmt::Debug for TokenRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.modules.iter().map(|m| &m.module.path))
            .finish()
    }
}

impl TokenRegistry {
    /// Loads the known vendor modules installed on this machine (SoftHSM2 excluded) and the
    /// modules at `extra` (settings, `--module`). A module that is missing, fails to load or
    /// misbehaves is skipped and reported; absent known modules are simply not installed and are
    /// not reported.
    pub fn load(extra: &[PathBuf]) -> (Self, Vec<ModuleProblem>) {
        let known = device_modules()
            .map(|known| (known.path(), ModuleOrigin::Known(known.vendor)))
            .filter(|(path, _)| path.exists());
        let added = extra.iter().map(|path| (path.clone(), ModuleOrigin::Added));
        Self::load_from(known.chain(added))
    }

    /// Loads only the modules at `paths` (tests, or a support session with `--module` and no
    /// vendor modules).
    pub fn load_only(paths: &[PathBuf]) -> (Self, Vec<ModuleProblem>) {
        Self::load_from(paths.iter().map(|path| (path.clone(), ModuleOrigin::Added)))
    }

    fn load_from(
        candidates: impl Iterator<Item = (PathBuf, ModuleOrigin)>,
    ) -> (Self, Vec<ModuleProblem>) {
        let mut modules = Vec::new();
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for (path, origin) in candidates {
            let Ok(canonical) = path.canonicalize() else {
                problems.push(ModuleProblem {
                    path,
                    kind: ProblemKind::NotFound,
                });
                continue;
            };
            if !seen.insert(canonical.clone()) {
                continue;
            }
            match LoadedModule::open(&canonical) {
                Ok(module) => modules.push(Registered { module, origin }),
                Err(problem) => problems.push(ModuleProblem { path, ..problem }),
            }
        }
        (Self { modules }, problems)
    }

    /// The loaded modules.
    pub fn modules(&self) -> Vec<ModuleInfo> {
        self.modules
            .iter()
            .map(|registered| ModuleInfo {
                path: registered.module.path.clone(),
                origin: registered.origin,
                library: registered.module.info.clone(),
            })
            .collect()
    }

    /// The tokens present now, in module order. Modules that fail to list are skipped; see
    /// [`Self::scan`] for their problems.
    pub fn tokens(&self) -> Vec<TokenInfo> {
        self.scan().0
    }

    /// The tokens present now, and the modules that failed to list their slots.
    pub fn scan(&self) -> (Vec<TokenInfo>, Vec<ModuleProblem>) {
        let mut tokens = Vec::new();
        let mut problems = Vec::new();
        for registered in &self.modules {
            let module = &registered.module;
            let slots = match module.ctx.get_slots_with_token() {
                Ok(slots) => slots,
                Err(error) => {
                    problems.push(ModuleProblem {
                        path: module.path.clone(),
                        kind: ProblemKind::ListFailed {
                            code: code_of(&error),
                        },
                    });
                    continue;
                }
            };
            for slot in slots {
                // A token pulled out between the two calls is simply not listed.
                let Ok(info) = module.ctx.get_token_info(slot) else {
                    continue;
                };
                let description = module
                    .ctx
                    .get_slot_info(slot)
                    .map(|slot_info| slot_info.slot_description().to_owned())
                    .unwrap_or_default();
                tokens.push(TokenInfo::read(&module.path, slot.id(), description, &info));
            }
        }
        (tokens, problems)
    }

    /// The token's current state (fresh PIN flags), or `TokenRemoved` if it is gone.
    pub fn refresh(&self, token: &TokenInfo) -> Result<TokenInfo, TokenError> {
        let (module, slot) = self.locate(token)?;
        read_present(&module, slot, token)
    }

    /// Logs in to the token with its user PIN. The PIN is checked against the token's length
    /// rules first, and no login is tried on a locked or uninitialised PIN, so no try is wasted.
    pub fn login(&self, token: &TokenInfo, pin: &TokenPin) -> Result<TokenSession, TokenError> {
        let (module, slot) = self.locate(token)?;
        let current = read_present(&module, slot, token)?;
        check_can_use_pin(&current, pin)?;
        let session = module
            .ctx
            .open_rw_session(slot)
            .map_err(|error| removal_aware(&module, slot, token, error))?;
        let pin_pad = pin.is_empty() && current.flags.protected_authentication_path;
        let log_in = || {
            if pin_pad {
                session.login(UserType::User, None)
            } else {
                session.login(UserType::User, Some(&pin.auth_pin()))
            }
        };
        let login = match log_in() {
            // Another session of this process is logged in to the token (the login state is
            // the application's): that says nothing about the PIN typed now. Log out (which
            // logs out every session of this application on the token) and check it afresh.
            Err(Pkcs11Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => session
                .logout()
                .map_err(|error| removal_aware(&module, slot, token, error))
                .map(|()| log_in())?,
            other => other,
        };
        if let Err(error) = login {
            return Err(pin_failure(&module, slot, token, error));
        }
        let mut mechanisms = module.ctx.get_mechanism_list(slot).unwrap_or_default();
        mechanisms.extend(vendor_gost_mechanisms(&module.ctx, slot));
        let shared = SessionShared::new(session, module, slot, current.clone(), mechanisms);
        Ok(TokenSession::new(shared, current.kind, pin))
    }

    /// Changes the user PIN without logging in (`C_SetPIN` in a public session), for a PIN the
    /// device reports as expired. A logged-in session has [`TokenSession::change_pin`].
    pub fn change_pin(
        &self,
        token: &TokenInfo,
        old: &TokenPin,
        new: &TokenPin,
    ) -> Result<(), TokenError> {
        let (module, slot) = self.locate(token)?;
        let current = read_present(&module, slot, token)?;
        check_can_use_pin(&current, old)?;
        check_new_pin(&current, old, new)?;
        let session = module
            .ctx
            .open_rw_session(slot)
            .map_err(|error| removal_aware(&module, slot, token, error))?;
        session
            .set_pin(&old.auth_pin(), &new.auth_pin())
            .map_err(|error| pin_failure(&module, slot, token, error))
    }

    fn locate(&self, token: &TokenInfo) -> Result<(Arc<LoadedModule>, Slot), TokenError> {
        let module = self
            .modules
            .iter()
            .find(|registered| registered.module.path == token.module)
            .map(|registered| Arc::clone(&registered.module))
            .ok_or_else(|| TokenError::ModuleNotLoaded {
                module: token.module.clone(),
            })?;
        let slots = module
            .ctx
            .get_slots_with_token()
            .map_err(TokenError::from_pkcs11)?;
        let slot = slots
            .into_iter()
            .find(|slot| slot.id() == token.slot_id)
            .ok_or(TokenError::TokenRemoved)?;
        Ok((module, slot))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries_sessions_and_keys_can_move_to_worker_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<TokenRegistry>();
        send_sync::<TokenSession>();
        send_sync::<super::super::TokenKey>();
        send_sync::<TokenError>();
        send_sync::<ModuleProblem>();
    }
}
