//! A test-only PKCS#11 module with GOST 34.10-2015 (2012) 512-bit keys, so the app's device
//! path can be tested on a device that offers GOST (SoftHSM2 has no GOST 2012). It implements
//! what Qoltanba calls and nothing more: C_GetFunctionList, Initialize/Finalize, GetInfo,
//! GetSlotList/SlotInfo/TokenInfo, GetMechanismList/Info (the three TC 26 GOST 2012-512
//! mechanisms), Open/CloseSession, GetSessionInfo, Login/Logout/SetPIN (a user PIN; a wrong
//! one answers CKR_PIN_INCORRECT), GenerateKeyPair (GOST paramSetA, with the app's own GOST
//! code), Find*, GetAttributeValue, SetAttributeValue, CreateObject, DestroyObject,
//! SignInit/Sign and GenerateRandom; every other entry answers CKR_FUNCTION_NOT_SUPPORTED.
//!
//! This file is the C ABI: pointers in, pointers out, nothing else. The token itself is
//! `token.rs` (safe code). It is not a vendor token: see docs/keys.md for the conventions it
//! assumes.

#![allow(non_snake_case, clippy::missing_safety_doc)]

mod token;
mod unsupported;

use std::sync::{Mutex, PoisonError};

use cryptoki_sys::*;
use token::{Attributes, MECHANISMS, Token, readable};
use unsupported::*;

static TOKEN: Mutex<Option<Token>> = Mutex::new(None);

/// The one slot.
const SLOT: CK_SLOT_ID = 1;

/// Runs `body` on the initialised token and turns its result into a CK_RV.
fn with_token(body: impl FnOnce(&mut Token) -> token::Result<()>) -> CK_RV {
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
fn padded<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [b' '; N];
    let bytes = text.as_bytes();
    let len = bytes.len().min(N);
    out[..len].copy_from_slice(&bytes[..len]);
    out
}

unsafe fn slice<'a>(data: *const u8, len: CK_ULONG) -> token::Result<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(CKR_ARGUMENTS_BAD);
    }
    Ok(unsafe { std::slice::from_raw_parts(data, len as usize) })
}

unsafe fn template(attributes: *const CK_ATTRIBUTE, count: CK_ULONG) -> token::Result<Attributes> {
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
unsafe fn write_list<T: Copy>(items: &[T], out: *mut T, count: *mut CK_ULONG) -> token::Result<()> {
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

#[unsafe(no_mangle)]
pub unsafe extern "C" fn C_GetFunctionList(list: *mut *mut CK_FUNCTION_LIST) -> CK_RV {
    if list.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    // The caller only reads the table.
    unsafe { *list = std::ptr::addr_of!(FUNCTIONS) as *mut CK_FUNCTION_LIST };
    CKR_OK
}

unsafe extern "C" fn C_Initialize(_args: *mut std::os::raw::c_void) -> CK_RV {
    let mut guard = TOKEN.lock().unwrap_or_else(PoisonError::into_inner);
    if guard.is_some() {
        return CKR_CRYPTOKI_ALREADY_INITIALIZED;
    }
    match Token::open() {
        Ok(token) => {
            *guard = Some(token);
            CKR_OK
        }
        Err(rv) => rv,
    }
}

unsafe extern "C" fn C_Finalize(_reserved: *mut std::os::raw::c_void) -> CK_RV {
    let mut guard = TOKEN.lock().unwrap_or_else(PoisonError::into_inner);
    match guard.take() {
        Some(_) => CKR_OK,
        None => CKR_CRYPTOKI_NOT_INITIALIZED,
    }
}

unsafe extern "C" fn C_GetInfo(info: *mut CK_INFO) -> CK_RV {
    if info.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|_| {
        unsafe {
            *info = CK_INFO {
                cryptokiVersion: CK_VERSION {
                    major: 2,
                    minor: 40,
                },
                manufacturerID: padded("Qoltanba tests"),
                flags: 0,
                libraryDescription: padded("Qoltanba GOST test token"),
                libraryVersion: CK_VERSION { major: 0, minor: 1 },
            }
        };
        Ok(())
    })
}

unsafe extern "C" fn C_GetSlotList(
    present: CK_BBOOL,
    slots: *mut CK_SLOT_ID,
    count: *mut CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        let listed: &[CK_SLOT_ID] = if present == 0 || token.present() {
            &[SLOT]
        } else {
            &[]
        };
        unsafe { write_list(listed, slots, count) }
    })
}

unsafe extern "C" fn C_GetSlotInfo(slot: CK_SLOT_ID, info: *mut CK_SLOT_INFO) -> CK_RV {
    if info.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        let present = if token.present() {
            CKF_TOKEN_PRESENT
        } else {
            0
        };
        unsafe {
            *info = CK_SLOT_INFO {
                slotDescription: padded("Qoltanba GOST test slot"),
                manufacturerID: padded("Qoltanba tests"),
                flags: present | CKF_REMOVABLE_DEVICE | CKF_HW_SLOT,
                hardwareVersion: CK_VERSION { major: 1, minor: 0 },
                firmwareVersion: CK_VERSION { major: 1, minor: 0 },
            }
        };
        Ok(())
    })
}

unsafe extern "C" fn C_GetTokenInfo(slot: CK_SLOT_ID, info: *mut CK_TOKEN_INFO) -> CK_RV {
    if info.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        let flags = token.flags().map_err(|_| CKR_TOKEN_NOT_PRESENT)?;
        let sessions = token.sessions.len() as CK_ULONG;
        let stored = token.stored()?;
        unsafe {
            *info = CK_TOKEN_INFO {
                label: padded(&stored.label),
                manufacturerID: padded("Qoltanba tests"),
                model: padded("GOST test token"),
                serialNumber: padded(&stored.serial),
                flags,
                ulMaxSessionCount: CK_EFFECTIVELY_INFINITE,
                ulSessionCount: sessions,
                ulMaxRwSessionCount: CK_EFFECTIVELY_INFINITE,
                ulRwSessionCount: sessions,
                ulMaxPinLen: 32,
                ulMinPinLen: 4,
                ulTotalPublicMemory: CK_UNAVAILABLE_INFORMATION,
                ulFreePublicMemory: CK_UNAVAILABLE_INFORMATION,
                ulTotalPrivateMemory: CK_UNAVAILABLE_INFORMATION,
                ulFreePrivateMemory: CK_UNAVAILABLE_INFORMATION,
                hardwareVersion: CK_VERSION { major: 1, minor: 0 },
                firmwareVersion: CK_VERSION { major: 1, minor: 0 },
                utcTime: padded(""),
            }
        };
        Ok(())
    })
}

unsafe extern "C" fn C_GetMechanismList(
    slot: CK_SLOT_ID,
    list: *mut CK_MECHANISM_TYPE,
    count: *mut CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        token.stored().map_err(|_| CKR_TOKEN_NOT_PRESENT)?;
        unsafe { write_list(&MECHANISMS, list, count) }
    })
}

unsafe extern "C" fn C_GetMechanismInfo(
    slot: CK_SLOT_ID,
    mechanism: CK_MECHANISM_TYPE,
    info: *mut CK_MECHANISM_INFO,
) -> CK_RV {
    if info.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|_| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        let flags = match MECHANISMS.iter().position(|m| *m == mechanism) {
            Some(0) => CKF_HW | CKF_GENERATE_KEY_PAIR,
            Some(_) => CKF_HW | CKF_SIGN | CKF_VERIFY,
            None => return Err(CKR_MECHANISM_INVALID),
        };
        unsafe {
            *info = CK_MECHANISM_INFO {
                ulMinKeySize: 512,
                ulMaxKeySize: 512,
                flags,
            }
        };
        Ok(())
    })
}

unsafe extern "C" fn C_OpenSession(
    slot: CK_SLOT_ID,
    flags: CK_FLAGS,
    _application: *mut std::os::raw::c_void,
    _notify: CK_NOTIFY,
    session: *mut CK_SESSION_HANDLE,
) -> CK_RV {
    if session.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        if flags & CKF_SERIAL_SESSION == 0 {
            return Err(CKR_SESSION_PARALLEL_NOT_SUPPORTED);
        }
        let handle = token.open_session().map_err(|_| CKR_TOKEN_NOT_PRESENT)?;
        unsafe { *session = handle };
        Ok(())
    })
}

unsafe extern "C" fn C_CloseSession(session: CK_SESSION_HANDLE) -> CK_RV {
    with_token(|token| token.close_session(session))
}

unsafe extern "C" fn C_CloseAllSessions(slot: CK_SLOT_ID) -> CK_RV {
    with_token(|token| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        token.sessions.clear();
        token.logged_in = false;
        Ok(())
    })
}

unsafe extern "C" fn C_GetSessionInfo(
    session: CK_SESSION_HANDLE,
    info: *mut CK_SESSION_INFO,
) -> CK_RV {
    if info.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        token.session(session)?;
        let state = if token.logged_in {
            CKS_RW_USER_FUNCTIONS
        } else {
            CKS_RW_PUBLIC_SESSION
        };
        unsafe {
            *info = CK_SESSION_INFO {
                slotID: SLOT,
                state,
                flags: CKF_SERIAL_SESSION | CKF_RW_SESSION,
                ulDeviceError: 0,
            }
        };
        Ok(())
    })
}

unsafe extern "C" fn C_Login(
    session: CK_SESSION_HANDLE,
    user: CK_USER_TYPE,
    pin: *mut CK_UTF8CHAR,
    len: CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        let pin = unsafe { slice(pin, len) }?;
        token.login(session, user, pin)
    })
}

unsafe extern "C" fn C_Logout(session: CK_SESSION_HANDLE) -> CK_RV {
    with_token(|token| token.logout(session))
}

unsafe extern "C" fn C_SetPIN(
    session: CK_SESSION_HANDLE,
    old: *mut CK_UTF8CHAR,
    old_len: CK_ULONG,
    new: *mut CK_UTF8CHAR,
    new_len: CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        let (old, new) = unsafe { (slice(old, old_len)?, slice(new, new_len)?) };
        token.set_pin(session, old, new)
    })
}

unsafe extern "C" fn C_CreateObject(
    session: CK_SESSION_HANDLE,
    attributes: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
    object: *mut CK_OBJECT_HANDLE,
) -> CK_RV {
    if object.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        let attributes = unsafe { template(attributes, count) }?;
        let handle = token.create(session, attributes)?;
        unsafe { *object = handle };
        Ok(())
    })
}

unsafe extern "C" fn C_DestroyObject(
    session: CK_SESSION_HANDLE,
    object: CK_OBJECT_HANDLE,
) -> CK_RV {
    with_token(|token| token.destroy(session, object))
}

unsafe extern "C" fn C_GetAttributeValue(
    session: CK_SESSION_HANDLE,
    object: CK_OBJECT_HANDLE,
    attributes: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
) -> CK_RV {
    if attributes.is_null() && count > 0 {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        let stored = token.object(session, object)?.clone();
        let list = unsafe { std::slice::from_raw_parts_mut(attributes, count as usize) };
        let mut result = Ok(());
        for attribute in list {
            let value = stored.get(&attribute.type_);
            let failure = match value {
                None => Some(CKR_ATTRIBUTE_TYPE_INVALID),
                Some(_) if !readable(&stored, attribute.type_) => Some(CKR_ATTRIBUTE_SENSITIVE),
                Some(value) if attribute.pValue.is_null() => {
                    attribute.ulValueLen = value.len() as CK_ULONG;
                    None
                }
                Some(value) if (attribute.ulValueLen as usize) < value.len() => {
                    Some(CKR_BUFFER_TOO_SMALL)
                }
                Some(value) => {
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            value.as_ptr(),
                            attribute.pValue as *mut u8,
                            value.len(),
                        )
                    };
                    attribute.ulValueLen = value.len() as CK_ULONG;
                    None
                }
            };
            if let Some(rv) = failure {
                attribute.ulValueLen = CK_UNAVAILABLE_INFORMATION;
                result = Err(rv);
            }
        }
        result
    })
}

unsafe extern "C" fn C_SetAttributeValue(
    session: CK_SESSION_HANDLE,
    object: CK_OBJECT_HANDLE,
    attributes: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        let changes = unsafe { template(attributes, count) }?;
        token.update(session, object, changes)
    })
}

unsafe extern "C" fn C_FindObjectsInit(
    session: CK_SESSION_HANDLE,
    attributes: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        let template = unsafe { template(attributes, count) }?;
        token.find_init(session, &template)
    })
}

unsafe extern "C" fn C_FindObjects(
    session: CK_SESSION_HANDLE,
    objects: *mut CK_OBJECT_HANDLE,
    max: CK_ULONG,
    count: *mut CK_ULONG,
) -> CK_RV {
    if count.is_null() || (objects.is_null() && max > 0) {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        let found = token
            .session(session)?
            .found
            .as_mut()
            .ok_or(CKR_OPERATION_NOT_INITIALIZED)?;
        let take = found.len().min(max as usize);
        let batch: Vec<CK_OBJECT_HANDLE> = found.drain(..take).collect();
        unsafe {
            std::ptr::copy_nonoverlapping(batch.as_ptr(), objects, batch.len());
            *count = batch.len() as CK_ULONG;
        }
        Ok(())
    })
}

unsafe extern "C" fn C_FindObjectsFinal(session: CK_SESSION_HANDLE) -> CK_RV {
    with_token(|token| {
        let session = token.session(session)?;
        session.found.take().ok_or(CKR_OPERATION_NOT_INITIALIZED)?;
        Ok(())
    })
}

unsafe extern "C" fn C_GenerateKeyPair(
    session: CK_SESSION_HANDLE,
    mechanism: *mut CK_MECHANISM,
    public: *mut CK_ATTRIBUTE,
    public_count: CK_ULONG,
    private: *mut CK_ATTRIBUTE,
    private_count: CK_ULONG,
    public_handle: *mut CK_OBJECT_HANDLE,
    private_handle: *mut CK_OBJECT_HANDLE,
) -> CK_RV {
    if mechanism.is_null() || public_handle.is_null() || private_handle.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        if unsafe { (*mechanism).mechanism } != MECHANISMS[0] {
            return Err(CKR_MECHANISM_INVALID);
        }
        let (public, private) = unsafe {
            (
                template(public, public_count)?,
                template(private, private_count)?,
            )
        };
        let (public, private) = token.generate_gost_pair(session, public, private)?;
        unsafe {
            *public_handle = public;
            *private_handle = private;
        }
        Ok(())
    })
}

unsafe extern "C" fn C_SignInit(
    session: CK_SESSION_HANDLE,
    mechanism: *mut CK_MECHANISM,
    key: CK_OBJECT_HANDLE,
) -> CK_RV {
    if mechanism.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| token.sign_init(session, unsafe { (*mechanism).mechanism }, key))
}

unsafe extern "C" fn C_Sign(
    session: CK_SESSION_HANDLE,
    data: *mut CK_BYTE,
    len: CK_ULONG,
    signature: *mut CK_BYTE,
    signature_len: *mut CK_ULONG,
) -> CK_RV {
    if signature_len.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        let length = qoltanba_core::gost::SIGNATURE_LEN;
        if signature.is_null() {
            // A length query leaves the operation active.
            unsafe { *signature_len = length as CK_ULONG };
            return Ok(());
        }
        if (unsafe { *signature_len } as usize) < length {
            unsafe { *signature_len = length as CK_ULONG };
            return Err(CKR_BUFFER_TOO_SMALL);
        }
        let data = unsafe { slice(data, len) }?;
        let signed = token.sign(session, data)?;
        unsafe {
            std::ptr::copy_nonoverlapping(signed.as_ptr(), signature, signed.len());
            *signature_len = signed.len() as CK_ULONG;
        }
        Ok(())
    })
}

unsafe extern "C" fn C_GenerateRandom(
    session: CK_SESSION_HANDLE,
    out: *mut CK_BYTE,
    len: CK_ULONG,
) -> CK_RV {
    if out.is_null() && len > 0 {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| {
        token.session(session)?;
        let out = unsafe { std::slice::from_raw_parts_mut(out, len as usize) };
        rand::RngCore::fill_bytes(&mut rand::rng(), out);
        Ok(())
    })
}

static FUNCTIONS: CK_FUNCTION_LIST = CK_FUNCTION_LIST {
    version: CK_VERSION {
        major: 2,
        minor: 40,
    },
    C_Initialize: Some(C_Initialize),
    C_Finalize: Some(C_Finalize),
    C_GetInfo: Some(C_GetInfo),
    C_GetFunctionList: Some(C_GetFunctionList),
    C_GetSlotList: Some(C_GetSlotList),
    C_GetSlotInfo: Some(C_GetSlotInfo),
    C_GetTokenInfo: Some(C_GetTokenInfo),
    C_GetMechanismList: Some(C_GetMechanismList),
    C_GetMechanismInfo: Some(C_GetMechanismInfo),
    C_InitToken: Some(C_InitToken),
    C_InitPIN: Some(C_InitPIN),
    C_SetPIN: Some(C_SetPIN),
    C_OpenSession: Some(C_OpenSession),
    C_CloseSession: Some(C_CloseSession),
    C_CloseAllSessions: Some(C_CloseAllSessions),
    C_GetSessionInfo: Some(C_GetSessionInfo),
    C_GetOperationState: Some(C_GetOperationState),
    C_SetOperationState: Some(C_SetOperationState),
    C_Login: Some(C_Login),
    C_Logout: Some(C_Logout),
    C_CreateObject: Some(C_CreateObject),
    C_CopyObject: Some(C_CopyObject),
    C_DestroyObject: Some(C_DestroyObject),
    C_GetObjectSize: Some(C_GetObjectSize),
    C_GetAttributeValue: Some(C_GetAttributeValue),
    C_SetAttributeValue: Some(C_SetAttributeValue),
    C_FindObjectsInit: Some(C_FindObjectsInit),
    C_FindObjects: Some(C_FindObjects),
    C_FindObjectsFinal: Some(C_FindObjectsFinal),
    C_EncryptInit: Some(C_EncryptInit),
    C_Encrypt: Some(C_Encrypt),
    C_EncryptUpdate: Some(C_EncryptUpdate),
    C_EncryptFinal: Some(C_EncryptFinal),
    C_DecryptInit: Some(C_DecryptInit),
    C_Decrypt: Some(C_Decrypt),
    C_DecryptUpdate: Some(C_DecryptUpdate),
    C_DecryptFinal: Some(C_DecryptFinal),
    C_DigestInit: Some(C_DigestInit),
    C_Digest: Some(C_Digest),
    C_DigestUpdate: Some(C_DigestUpdate),
    C_DigestKey: Some(C_DigestKey),
    C_DigestFinal: Some(C_DigestFinal),
    C_SignInit: Some(C_SignInit),
    C_Sign: Some(C_Sign),
    C_SignUpdate: Some(C_SignUpdate),
    C_SignFinal: Some(C_SignFinal),
    C_SignRecoverInit: Some(C_SignRecoverInit),
    C_SignRecover: Some(C_SignRecover),
    C_VerifyInit: Some(C_VerifyInit),
    C_Verify: Some(C_Verify),
    C_VerifyUpdate: Some(C_VerifyUpdate),
    C_VerifyFinal: Some(C_VerifyFinal),
    C_VerifyRecoverInit: Some(C_VerifyRecoverInit),
    C_VerifyRecover: Some(C_VerifyRecover),
    C_DigestEncryptUpdate: Some(C_DigestEncryptUpdate),
    C_DecryptDigestUpdate: Some(C_DecryptDigestUpdate),
    C_SignEncryptUpdate: Some(C_SignEncryptUpdate),
    C_DecryptVerifyUpdate: Some(C_DecryptVerifyUpdate),
    C_GenerateKey: Some(C_GenerateKey),
    C_GenerateKeyPair: Some(C_GenerateKeyPair),
    C_WrapKey: Some(C_WrapKey),
    C_UnwrapKey: Some(C_UnwrapKey),
    C_DeriveKey: Some(C_DeriveKey),
    C_SeedRandom: Some(C_SeedRandom),
    C_GenerateRandom: Some(C_GenerateRandom),
    C_GetFunctionStatus: Some(C_GetFunctionStatus),
    C_CancelFunction: Some(C_CancelFunction),
    C_WaitForSlotEvent: Some(C_WaitForSlotEvent),
};
