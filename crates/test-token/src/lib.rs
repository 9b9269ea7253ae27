//! A test-only PKCS#11 module with GOST 34.10-2015 (2012) 512-bit keys, so the app's device
//! path can be tested on a device that offers GOST (SoftHSM2 has no GOST 2012). It implements
//! what Qoltanba calls and nothing more: C_GetFunctionList, Initialize/Finalize, GetInfo,
//! GetSlotList/SlotInfo/TokenInfo, GetMechanismList/Info (the three TC 26 GOST 2012-512
//! mechanisms), Open/CloseSession, GetSessionInfo, Login/Logout/SetPIN (a user PIN; a wrong
//! one answers CKR_PIN_INCORRECT), GenerateKeyPair (GOST paramSetA, with the app's own GOST
//! code), Find*, GetAttributeValue, SetAttributeValue, CreateObject, DestroyObject,
//! SignInit/Sign and GenerateRandom; every other entry answers CKR_FUNCTION_NOT_SUPPORTED.
//!
//! lib.rs, abi.rs, slots.rs and objects.rs are the C ABI: pointers in, pointers out, nothing
//! else. The token itself is `token.rs` (safe code). It is not a vendor token: see docs/keys.md for the conventions it
//! assumes.

#![allow(non_snake_case, clippy::missing_safety_doc)]

mod abi;
mod objects;
mod slots;
mod token;
mod unsupported;

use std::sync::PoisonError;

use abi::TOKEN;
use cryptoki_sys::*;
use objects::*;
use slots::*;
use token::Token;
use unsupported::*;

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
