//! Loading a PKCS#11 module once per process and finalizing it when nobody uses it any more.
//!
//! `C_Initialize` may be called once per process for a module until `C_Finalize`; loading the
//! same library again only returns the same handle. So every loaded module lives in one
//! process-wide table, shared by every registry and session that uses it, and is finalized when
//! the last of them lets go. A later `TokenRegistry::load` initialises it afresh (which is also
//! how a module that only discovers tokens in `C_Initialize`, like SoftHSM2, sees new ones).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as Pkcs11Error, RvError};

/// Why a module was skipped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    /// No file at that path.
    #[error("no such file")]
    NotFound,
    /// The operating system could not load the library (wrong architecture, missing
    /// dependencies, not a library at all).
    #[error("the library could not be loaded: {detail}")]
    LoadFailed {
        /// The loader's message, for support diagnostics.
        detail: String,
    },
    /// The library loaded but is not a PKCS#11 module (no `C_GetFunctionList`).
    #[error("not a PKCS#11 module")]
    NotPkcs11,
    /// `C_Initialize` or `C_GetInfo` failed.
    #[error("the module failed to start: {code}")]
    InitFailed {
        /// The PKCS#11 return value's name.
        code: String,
    },
    /// `C_GetSlotList` failed while listing tokens.
    #[error("the module failed to list its slots: {code}")]
    ListFailed {
        /// The PKCS#11 return value's name.
        code: String,
    },
}

/// A module that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("PKCS#11 module {path:?}: {kind}")]
pub struct ModuleProblem {
    /// The module's path as given (or as found in the known list).
    pub path: PathBuf,
    /// What went wrong.
    pub kind: ProblemKind,
}

/// What a module says about itself (`C_GetInfo`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryInfo {
    /// Who made the module.
    pub manufacturer: String,
    /// The module's own description.
    pub description: String,
    /// The module's version, `major.minor`.
    pub version: String,
    /// The PKCS#11 version it implements, `major.minor`.
    pub cryptoki_version: String,
}

/// A loaded and initialised module.
pub(crate) struct LoadedModule {
    pub(crate) ctx: Pkcs11,
    /// Canonical path: the table's key.
    pub(crate) path: PathBuf,
    pub(crate) info: LibraryInfo,
}

static LOADED: Mutex<BTreeMap<PathBuf, Weak<LoadedModule>>> = Mutex::new(BTreeMap::new());

fn table() -> MutexGuard<'static, BTreeMap<PathBuf, Weak<LoadedModule>>> {
    LOADED.lock().unwrap_or_else(PoisonError::into_inner)
}

impl LoadedModule {
    /// Loads (or shares the already loaded) module at `path`, which must be canonical.
    pub(crate) fn open(path: &Path) -> Result<Arc<Self>, ModuleProblem> {
        let problem = |kind| ModuleProblem {
            path: path.to_path_buf(),
            kind,
        };
        // No `Arc<LoadedModule>` may be dropped while the table is locked: its `Drop` locks it.
        let mut table = table();
        if let Some(shared) = table.get(path).and_then(Weak::upgrade) {
            return Ok(shared);
        }
        let ctx = Pkcs11::new(path).map_err(|error| {
            problem(match error {
                Pkcs11Error::MissingSymbol(_) => ProblemKind::NotPkcs11,
                other => ProblemKind::LoadFailed {
                    detail: other.to_string(),
                },
            })
        })?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            // Already initialised: a module of ours being dropped right now has not finalized it
            // yet; it sees it was replaced and leaves it initialised for us.
            Ok(()) | Err(Pkcs11Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(error) => {
                return Err(problem(ProblemKind::InitFailed {
                    code: code_of(&error),
                }));
            }
        }
        let info = match ctx.get_library_info() {
            Ok(info) => LibraryInfo {
                manufacturer: info.manufacturer_id().trim().to_owned(),
                description: info.library_description().trim().to_owned(),
                version: version(info.library_version()),
                cryptoki_version: version(info.cryptoki_version()),
            },
            Err(error) => {
                let _ = ctx.finalize();
                return Err(problem(ProblemKind::InitFailed {
                    code: code_of(&error),
                }));
            }
        };
        let module = Arc::new(Self {
            ctx,
            path: path.to_path_buf(),
            info,
        });
        table.insert(path.to_path_buf(), Arc::downgrade(&module));
        Ok(module)
    }
}

impl Drop for LoadedModule {
    fn drop(&mut self) {
        let mut table = table();
        let still_ours = table
            .get(&self.path)
            .is_some_and(|entry| std::ptr::eq(entry.as_ptr(), self));
        if still_ours {
            table.remove(&self.path);
            // Nothing useful can be done if finalizing fails; the library is unloaded next.
            let _ = self.ctx.clone().finalize();
        }
    }
}

fn version(version: cryptoki::types::Version) -> String {
    format!("{}.{}", version.major(), version.minor())
}

/// A short, stable name for a PKCS#11 failure (for diagnostics, not for users).
pub(crate) fn code_of(error: &Pkcs11Error) -> String {
    match error {
        Pkcs11Error::Pkcs11(rv, _) => format!("{rv:?}"),
        other => other.to_string(),
    }
}
