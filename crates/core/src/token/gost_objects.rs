//! Reading GOST key objects on a token: whether a key is a 512-bit GOST one, and the public
//! point of a GOST public key object (CKA_VALUE, X_LE ‖ Y_LE). Shared by the key, request
//! and certificate code; no key is made here (`gost_keys`).

use cryptoki::object::{Attribute, AttributeType, ObjectHandle};
use cryptoki::session::Session;

use super::error::TokenError;
use super::gost_support::CKK_GOSTR3410_512;
use super::session::SessionShared;
use crate::gost::{self, Curve, VerifyingKey};

/// Whether `key` is a 512-bit GOST key (its CKA_KEY_TYPE).
pub(crate) fn is_gost_key(
    shared: &SessionShared,
    session: &Session,
    key: ObjectHandle,
) -> Result<bool, TokenError> {
    let attributes = session
        .get_attributes(key, &[AttributeType::KeyType])
        .map_err(|error| shared.fail(error))?;
    #[allow(clippy::useless_conversion)]
    Ok(attributes.into_iter().any(|attribute| {
        matches!(attribute, Attribute::KeyType(kind) if u64::from(*kind) == CKK_GOSTR3410_512)
    }))
}

/// The public key of a GOST public key object (CKA_VALUE, X_LE ‖ Y_LE), checked to be a
/// point of paramSetA.
pub(crate) fn gost_public_key(
    shared: &SessionShared,
    session: &Session,
    public: ObjectHandle,
) -> Result<VerifyingKey, TokenError> {
    let value = session
        .get_attributes(public, &[AttributeType::Value])
        .map_err(|error| shared.fail(error))?
        .into_iter()
        .find_map(|attribute| match attribute {
            Attribute::Value(value) => Some(value),
            _ => None,
        })
        .ok_or(TokenError::KeyMissing)?;
    // Some modules wrap the point in an OCTET STRING (04 81 80 …), as in the SPKI.
    let bytes = match value.as_slice() {
        [0x04, 0x81, 0x80, rest @ ..] if rest.len() == gost::PUBLIC_KEY_LEN => rest,
        other => other,
    };
    VerifyingKey::from_le_bytes(Curve::param_set_a(), bytes).map_err(|_| TokenError::KeyMissing)
}
