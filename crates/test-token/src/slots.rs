//! Slot, token, mechanism, session and login calls.

#![allow(non_snake_case)]

use cryptoki_sys::*;

use crate::abi::{SLOT, padded, slice, with_token, write_list};
use crate::token::MECHANISMS;

pub(crate) unsafe extern "C" fn C_GetInfo(info: *mut CK_INFO) -> CK_RV {
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

pub(crate) unsafe extern "C" fn C_GetSlotList(
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

pub(crate) unsafe extern "C" fn C_GetSlotInfo(slot: CK_SLOT_ID, info: *mut CK_SLOT_INFO) -> CK_RV {
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

pub(crate) unsafe extern "C" fn C_GetTokenInfo(
    slot: CK_SLOT_ID,
    info: *mut CK_TOKEN_INFO,
) -> CK_RV {
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

pub(crate) unsafe extern "C" fn C_GetMechanismList(
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

pub(crate) unsafe extern "C" fn C_GetMechanismInfo(
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

pub(crate) unsafe extern "C" fn C_OpenSession(
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

pub(crate) unsafe extern "C" fn C_CloseSession(session: CK_SESSION_HANDLE) -> CK_RV {
    with_token(|token| token.close_session(session))
}

pub(crate) unsafe extern "C" fn C_CloseAllSessions(slot: CK_SLOT_ID) -> CK_RV {
    with_token(|token| {
        if slot != SLOT {
            return Err(CKR_SLOT_ID_INVALID);
        }
        token.sessions.clear();
        token.logged_in = false;
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn C_GetSessionInfo(
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

pub(crate) unsafe extern "C" fn C_Login(
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

pub(crate) unsafe extern "C" fn C_Logout(session: CK_SESSION_HANDLE) -> CK_RV {
    with_token(|token| token.logout(session))
}

pub(crate) unsafe extern "C" fn C_SetPIN(
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
