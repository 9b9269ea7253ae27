//! Qoltanba's few Windows system calls, each a no-op elsewhere: owner-only files and the
//! console of the command that started the app.
//!
//! On Unix the app's atomic writer creates every file with mode 0600. On Windows that mode
//! means nothing: a new file inherits its folder's access list, which in a shared or
//! misconfigured folder may let other users read a pending key. [`restrict_to_owner`] replaces
//! the file's access list with a protected one (no inherited entries) holding a single entry:
//! full access for the user the process runs as. Elsewhere it does nothing (Unix modes do it).

use std::fs::File;
use std::io;

#[cfg(windows)]
mod console_windows;
#[cfg(windows)]
mod owner_only_windows;

/// Windows: the app is a GUI program (no console window of its own opens next to the wizard),
/// so when it was started from a console (`qoltanba --help`, `qoltanba inspect FILE` in cmd or
/// PowerShell) its output goes to that console. Output redirected to a file or a pipe already
/// has somewhere to go and is left alone. Elsewhere nothing to do.
pub fn attach_to_parent_console() {
    #[cfg(windows)]
    console_windows::attach_to_parent_console();
}

/// Leaves `file` accessible to the current user only (Windows); a no-op on other systems.
pub fn restrict_to_owner(file: &File) -> io::Result<()> {
    #[cfg(windows)]
    {
        owner_only_windows::restrict_to_owner(file)
    }
    #[cfg(not(windows))]
    {
        let _ = file;
        Ok(())
    }
}

/// What a file's access list allows, as far as the owner-only rule is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessSummary {
    /// The list does not inherit entries from the folder.
    pub protected: bool,
    /// How many entries the list has.
    pub entries: usize,
    /// Every entry allows access, and only to the current user.
    pub only_current_user: bool,
    /// The entries that are not "the current user may": `allow S-1-1-0 0x001200a9`, …
    pub others: Vec<String>,
}

/// Whether this Windows is wine (its ntdll exports `wine_get_version`). Upstream wine keeps
/// no access list on a file: it maps one onto the Unix mode bits and makes one up from them
/// when asked, so tests check there what those bits can say.
#[cfg(windows)]
pub fn under_wine() -> bool {
    owner_only_windows::under_wine()
}

/// Reads back `file`'s access list (Windows only; tests use it to check the rule).
#[cfg(windows)]
pub fn access_summary(file: &File) -> io::Result<AccessSummary> {
    owner_only_windows::access_summary(file)
}
