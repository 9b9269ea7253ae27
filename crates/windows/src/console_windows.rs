//! The call behind [`crate::attach_to_parent_console`].
#![allow(unsafe_code)]

use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
};

pub(crate) fn attach_to_parent_console() {
    // SAFETY: GetStdHandle only reads the process's standard handle table.
    let output = unsafe { GetStdHandle(STD_OUTPUT_HANDLE) };
    if output.is_null() {
        // SAFETY: no arguments beyond the constant; a failure (no parent console: started from
        // the Start menu or Explorer) leaves the process as it was.
        unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
    }
}
