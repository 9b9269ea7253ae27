//! Object, search, key-generation, signing and random calls.

#![allow(non_snake_case)]

use cryptoki_sys::*;

use crate::abi::{slice, template, with_token};
use crate::token::{MECHANISMS, readable};

pub(crate) unsafe extern "C" fn C_CreateObject(
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

pub(crate) unsafe extern "C" fn C_DestroyObject(
    session: CK_SESSION_HANDLE,
    object: CK_OBJECT_HANDLE,
) -> CK_RV {
    with_token(|token| token.destroy(session, object))
}

pub(crate) unsafe extern "C" fn C_GetAttributeValue(
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
            // A copy: on Windows PKCS#11 structs are packed, and a reference to a packed
            // field may be unaligned.
            let kind = attribute.type_;
            let value = stored.get(&kind);
            let failure = match value {
                None => Some(CKR_ATTRIBUTE_TYPE_INVALID),
                Some(_) if !readable(&stored, kind) => Some(CKR_ATTRIBUTE_SENSITIVE),
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

pub(crate) unsafe extern "C" fn C_SetAttributeValue(
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

pub(crate) unsafe extern "C" fn C_FindObjectsInit(
    session: CK_SESSION_HANDLE,
    attributes: *mut CK_ATTRIBUTE,
    count: CK_ULONG,
) -> CK_RV {
    with_token(|token| {
        let template = unsafe { template(attributes, count) }?;
        token.find_init(session, &template)
    })
}

pub(crate) unsafe extern "C" fn C_FindObjects(
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

pub(crate) unsafe extern "C" fn C_FindObjectsFinal(session: CK_SESSION_HANDLE) -> CK_RV {
    with_token(|token| {
        let session = token.session(session)?;
        session.found.take().ok_or(CKR_OPERATION_NOT_INITIALIZED)?;
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn C_GenerateKeyPair(
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

pub(crate) unsafe extern "C" fn C_SignInit(
    session: CK_SESSION_HANDLE,
    mechanism: *mut CK_MECHANISM,
    key: CK_OBJECT_HANDLE,
) -> CK_RV {
    if mechanism.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    with_token(|token| token.sign_init(session, unsafe { (*mechanism).mechanism }, key))
}

pub(crate) unsafe extern "C" fn C_Sign(
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

pub(crate) unsafe extern "C" fn C_GenerateRandom(
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
