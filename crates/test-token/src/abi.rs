//! The C ABI's plumbing: the one token behind a lock, and reading and writing the caller's
//! buffers the PKCS#11 way.

use std::sync::{Mutex, PoisonError};

use cryptoki_sys::*;

use crate::token::{self, Attributes, Token};

pub(crate) static TOKEN: Mutex<Option<Token>> = Mutex::new(None);

/// The one slot.
pub(crate) const SLOT: CK_SLOT_ID = 1;

/// Runs `body` on the initialised token and turns its result into a CK_RV.
pub(crate) fn with_token(body: impl FnOnce(&mut Token) -> token::Result<()>) -> CK_RV {
    let mut guard = TOKEN.lock().unwrap_or_else(PoisonError::into_inner);
    match guard.as_mut() {
        None => CKR_CRYPTOKI_NOT_INITIALIZED,
        Some(token) => match body(token) {
            Ok(()) => CKR_OK,
            Err(rv) => rv,
        },
    }
}

/// Space-padded fixed-size text, as CK_INFO and CK_TOKEN_INFO want it.
pub(crate) fn padded<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [b' '; N];
    let bytes = text.as_bytes();
    let len = bytes.len().min(N);
    out[..len].copy_from_slice(&bytes[..len]);
    out
}

pub(crate) unsafe fn slice<'a>(data: *const u8, len: CK_ULONG) -> token::Result<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(CKR_ARGUMENTS_BAD);
    }
    Ok(unsafe { std::slice::from_raw_parts(data, len as usize) })
}

pub(crate) unsafe fn template(
    attributes: *const CK_ATTRIBUTE,
    count: CK_ULONG,
) -> token::Result<Attributes> {
    if count == 0 {
        return Ok(Attributes::new());
    }
    if attributes.is_null() {
        return Err(CKR_ARGUMENTS_BAD);
    }
    let list = unsafe { std::slice::from_raw_parts(attributes, count as usize) };
    let mut out = Attributes::new();
    for attribute in list {
        let value = unsafe { slice(attribute.pValue as *const u8, attribute.ulValueLen) }?.to_vec();
        out.insert(attribute.type_, value);
    }
    Ok(out)
}

/// Writes a list the PKCS#11 way: only its length when `out` is null, else the items if
/// they fit (CKR_BUFFER_TOO_SMALL otherwise).
pub(crate) unsafe fn write_list<T: Copy>(
    items: &[T],
    out: *mut T,
    count: *mut CK_ULONG,
) -> token::Result<()> {
    if count.is_null() {
        return Err(CKR_ARGUMENTS_BAD);
    }
    let room = unsafe { *count } as usize;
    unsafe { *count = items.len() as CK_ULONG };
    if out.is_null() {
        return Ok(());
    }
    if room < items.len() {
        return Err(CKR_BUFFER_TOO_SMALL);
    }
    unsafe { std::ptr::copy_nonoverlapping(items.as_ptr(), out, items.len()) };
    Ok(())
}
