//! The Win32 calls behind [`crate::restrict_to_owner`]: the current user's SID from the process
//! token, a one-entry ACL, `SetSecurityInfo` with a protected DACL. Changing a DACL needs a
//! handle opened with `WRITE_DAC`, which a file opened for reading and writing (`std::fs`,
//! `tempfile`) lacks, so the file is reopened for that alone (`ReOpenFile`): the owner of a
//! file may always change its access list.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::fs::File;
use std::io;
use std::os::windows::io::AsRawHandle;
use std::ptr::null_mut;

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE, INVALID_HANDLE_VALUE, LocalFree};
use windows_sys::Win32::Security::Authorization::{
    ConvertSidToStringSidW, GetSecurityInfo, SE_FILE_OBJECT, SetSecurityInfo,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACE_HEADER, ACL, ACL_REVISION, AddAccessAllowedAce,
    DACL_SECURITY_INFORMATION, EqualSid, GetAce, GetLengthSid, GetSecurityDescriptorControl,
    GetTokenInformation, InitializeAcl, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR,
    SE_DACL_PROTECTED, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE, READ_CONTROL, ReOpenFile, WRITE_DAC,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

use crate::AccessSummary;

/// Everything a file's owner may do (`FILE_ALL_ACCESS`).
const FILE_ALL_ACCESS: u32 = 0x001F_01FF;
/// `ACCESS_ALLOWED_ACE_TYPE`.
const ACCESS_ALLOWED: u8 = 0;
/// `ACCESS_DENIED_ACE_TYPE`.
const ACCESS_DENIED: u8 = 1;

/// The current user's `TOKEN_USER`, kept in an aligned buffer (the SID points into it).
struct CurrentUser {
    buffer: Vec<u64>,
}

impl CurrentUser {
    fn query() -> io::Result<CurrentUser> {
        let mut token: HANDLE = null_mut();
        // SAFETY: the pseudo-handle of this process is always valid; `token` is written on success.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let result = Self::from_token(token);
        // SAFETY: `token` was opened above and is closed once.
        unsafe { CloseHandle(token) };
        result
    }

    fn from_token(token: HANDLE) -> io::Result<CurrentUser> {
        let mut needed = 0u32;
        // SAFETY: a size query (null buffer, length 0) only writes `needed`.
        unsafe { GetTokenInformation(token, TokenUser, null_mut(), 0, &mut needed) };
        if needed == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
        // SAFETY: the buffer holds `needed` bytes, 8-aligned (TOKEN_USER needs pointer alignment).
        let ok = unsafe {
            GetTokenInformation(
                token,
                TokenUser,
                buffer.as_mut_ptr().cast::<c_void>(),
                needed,
                &mut needed,
            )
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(CurrentUser { buffer })
    }

    fn sid(&self) -> *mut c_void {
        // SAFETY: the buffer was filled by GetTokenInformation(TokenUser) and outlives the SID.
        unsafe { (*self.buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid }
    }
}

pub(crate) fn restrict_to_owner(file: &File) -> io::Result<()> {
    let user = CurrentUser::query()?;
    let sid = user.sid();
    // SAFETY: `sid` is a valid SID inside `user`.
    let sid_length = unsafe { GetLengthSid(sid) } as usize;
    // An ACL header, one ACCESS_ALLOWED_ACE (whose SidStart is the SID's first 4 bytes), the SID.
    let size = std::mem::size_of::<ACL>() + std::mem::size_of::<ACCESS_ALLOWED_ACE>() + sid_length;
    let mut acl_buffer = vec![0u64; size.div_ceil(8)];
    let acl = acl_buffer.as_mut_ptr().cast::<ACL>();
    // SAFETY: `acl` points to `size` writable, aligned bytes.
    if unsafe { InitializeAcl(acl, size as u32, ACL_REVISION) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the ACL was initialised with room for this entry; `sid` is valid.
    if unsafe { AddAccessAllowedAce(acl, ACL_REVISION, FILE_ALL_ACCESS, sid) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the handle is an open file of ours. Every sharing mode is given, so the reopening
    // does not conflict with the handle the caller holds.
    let dac = unsafe {
        ReOpenFile(
            file.as_raw_handle() as HANDLE,
            WRITE_DAC | READ_CONTROL,
            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
            0,
        )
    };
    if dac == INVALID_HANDLE_VALUE {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `dac` was opened above with WRITE_DAC; the ACL is valid for the call's duration.
    let status = unsafe {
        SetSecurityInfo(
            dac,
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            acl,
            null_mut(),
        )
    };
    // SAFETY: `dac` was opened above and is closed once.
    unsafe { CloseHandle(dac) };
    if status != 0 {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    Ok(())
}

pub(crate) fn access_summary(file: &File) -> io::Result<AccessSummary> {
    let user = CurrentUser::query()?;
    let mut dacl: *mut ACL = null_mut();
    let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: out-pointers are valid; the descriptor is freed with LocalFree below.
    let status = unsafe {
        GetSecurityInfo(
            file.as_raw_handle() as HANDLE,
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            &mut dacl,
            null_mut(),
            &mut descriptor,
        )
    };
    if status != 0 {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    let summary = summarise(descriptor, dacl, user.sid());
    // SAFETY: `descriptor` was allocated by GetSecurityInfo and is freed once.
    unsafe { LocalFree(descriptor) };
    Ok(summary)
}

fn summarise(descriptor: PSECURITY_DESCRIPTOR, dacl: *mut ACL, user: *mut c_void) -> AccessSummary {
    let mut control = 0u16;
    let mut revision = 0u32;
    // SAFETY: `descriptor` is a valid descriptor from GetSecurityInfo.
    unsafe { GetSecurityDescriptorControl(descriptor, &mut control, &mut revision) };
    let protected = control & SE_DACL_PROTECTED != 0;
    if dacl.is_null() {
        // A null DACL grants everyone everything.
        return AccessSummary {
            protected,
            entries: 0,
            only_current_user: false,
            others: vec!["no access list: everyone may do everything".to_owned()],
        };
    }
    // SAFETY: a non-null DACL from GetSecurityInfo.
    let count = u32::from(unsafe { (*dacl).AceCount });
    let mut others = Vec::new();
    for index in 0..count {
        let mut ace: *mut c_void = null_mut();
        // SAFETY: `index` is below the ACL's entry count.
        if unsafe { GetAce(dacl, index, &mut ace) } == 0 {
            others.push(format!("entry {index} unreadable"));
            continue;
        }
        // SAFETY: every ACE starts with an ACE_HEADER.
        let header = unsafe { *ace.cast::<ACE_HEADER>() };
        // Allowed and denied entries share the layout: the mask, then the SID at SidStart.
        let entry = ace.cast::<ACCESS_ALLOWED_ACE>();
        // SAFETY: as above; other entry types are named by their type alone.
        let (mask, sid) = unsafe {
            (
                (*entry).Mask,
                std::ptr::addr_of_mut!((*entry).SidStart).cast::<c_void>(),
            )
        };
        let kind = match header.AceType {
            ACCESS_ALLOWED => "allow",
            ACCESS_DENIED => "deny",
            other => {
                others.push(format!("entry of type {other}"));
                continue;
            }
        };
        // SAFETY: both SIDs are valid.
        if kind == "allow" && unsafe { EqualSid(sid, user) } != 0 {
            continue;
        }
        others.push(format!("{kind} {} {mask:#010x}", sid_text(sid)));
    }
    AccessSummary {
        protected,
        entries: count as usize,
        only_current_user: others.is_empty() && count > 0,
        others,
    }
}

/// `S-1-5-21-…` for a valid SID.
fn sid_text(sid: *mut c_void) -> String {
    let mut text: *mut u16 = null_mut();
    // SAFETY: `sid` is valid; the string is freed with LocalFree below.
    if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 || text.is_null() {
        return "(unreadable SID)".to_owned();
    }
    let mut length = 0;
    // SAFETY: a NUL-terminated string from ConvertSidToStringSidW.
    while unsafe { *text.add(length) } != 0 {
        length += 1;
    }
    // SAFETY: `length` characters were just read.
    let result = String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(text, length) });
    // SAFETY: allocated by ConvertSidToStringSidW, freed once.
    unsafe { LocalFree(text.cast()) };
    result
}

#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetModuleHandleW(name: *const u16) -> *mut c_void;
    fn GetProcAddress(module: *mut c_void, name: *const u8) -> *mut c_void;
}

pub(crate) fn under_wine() -> bool {
    let ntdll: Vec<u16> = "ntdll.dll\0".encode_utf16().collect();
    // SAFETY: NUL-terminated names; ntdll is loaded in every process; nothing is called.
    unsafe {
        let module = GetModuleHandleW(ntdll.as_ptr());
        !module.is_null() && !GetProcAddress(module, c"wine_get_version".as_ptr().cast()).is_null()
    }
}
