//! The Win32 calls behind [`crate::restrict_to_owner`]: the current user's SID from the process
//! token, a one-entry ACL, `SetSecurityInfo` with a protected DACL.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::fs::File;
use std::io;
use std::os::windows::io::AsRawHandle;
use std::ptr::null_mut;

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE, LocalFree};
use windows_sys::Win32::Security::Authorization::{
    GetSecurityInfo, SE_FILE_OBJECT, SetSecurityInfo,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACE_HEADER, ACL, ACL_REVISION, AddAccessAllowedAce,
    DACL_SECURITY_INFORMATION, EqualSid, GetAce, GetLengthSid, GetSecurityDescriptorControl,
    GetTokenInformation, InitializeAcl, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR,
    SE_DACL_PROTECTED, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

use crate::AccessSummary;

/// Everything a file's owner may do (`FILE_ALL_ACCESS`).
const FILE_ALL_ACCESS: u32 = 0x001F_01FF;
/// `ACCESS_ALLOWED_ACE_TYPE`.
const ACCESS_ALLOWED: u8 = 0;

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
    // SAFETY: the handle is an open file of ours; the ACL is valid for the call's duration.
    let status = unsafe {
        SetSecurityInfo(
            file.as_raw_handle() as HANDLE,
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            acl,
            null_mut(),
        )
    };
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
        };
    }
    // SAFETY: a non-null DACL from GetSecurityInfo.
    let count = u32::from(unsafe { (*dacl).AceCount });
    let mut only_current_user = true;
    for index in 0..count {
        let mut ace: *mut c_void = null_mut();
        // SAFETY: `index` is below the ACL's entry count.
        if unsafe { GetAce(dacl, index, &mut ace) } == 0 {
            only_current_user = false;
            continue;
        }
        // SAFETY: every ACE starts with an ACE_HEADER.
        let header = unsafe { *ace.cast::<ACE_HEADER>() };
        if header.AceType != ACCESS_ALLOWED {
            only_current_user = false;
            continue;
        }
        let allowed = ace.cast::<ACCESS_ALLOWED_ACE>();
        // SAFETY: an ACCESS_ALLOWED_ACE's SID starts at SidStart.
        let sid = unsafe { std::ptr::addr_of_mut!((*allowed).SidStart) }.cast::<c_void>();
        // SAFETY: both SIDs are valid.
        if unsafe { EqualSid(sid, user) } == 0 {
            only_current_user = false;
        }
    }
    AccessSummary {
        protected,
        entries: count as usize,
        only_current_user: only_current_user && count > 0,
    }
}
