//! Key files on this computer: checking the folder, keeping freshly made keys encrypted
//! until the certificates come (days, perhaps, across restarts of the app), and installing
//! the final PKCS#12 files.
//!
//! The life of a kit: [`preflight`] the folder → `generate_key_set` → [`save_pending`]
//! (a GOST kit: `generate_gost_key_set` → [`save_pending_gost`]) (the
//! keys are on disk, encrypted with the key password, before the requests leave the
//! computer) → submit → [`PendingKeys::record_application`] → … → [`install`] with the
//! certificates. After a restart, [`find_pending`] finds the kit again; an application
//! refused before submission ends with [`discard_pending`].
//!
//! Every file is written atomically (a temporary file in the same folder, fsync, rename that
//! never replaces an existing key file, fsync of the folder), owner-only (0600 on Unix, a
//! one-user access list on Windows). The app's own small files go through the same writer
//! ([`write_private`]); [`progress`] is one.

mod atomic;
mod busy;
mod error;
mod install;
mod kit_copy;
mod manifest;
mod names;
mod pending;
mod preflight;
pub mod progress;

pub use atomic::write_private;
pub use error::StoreError;
pub use install::{InstalledFile, InstalledKeys, install};
pub use kit_copy::KitCopy;
pub use names::{
    gost_key_file_name, gost_pending_file_name, is_key_file_name, key_file_name,
    pending_key_file_name,
};
pub use pending::{PendingKeys, discard_pending, find_pending, save_pending, save_pending_gost};
pub use preflight::{FolderCheck, SPACE_NEEDED, preflight};
