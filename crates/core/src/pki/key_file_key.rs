//! Which key a PKCS#12 file holds: lets an interrupted installation tell a kit file it wrote
//! itself (finish the rest) from someone else's file (never touch it).

use p12_keystore::Pkcs12Archive;

use super::inspect_error::InspectError;
use super::key_set::{key_id, rsa_key_from_pkcs8};
use super::pfx::pfx_to_der;

/// The id (as in the kit's file names) of the RSA private key in a PKCS#12 file opened with
/// `password`; `None` when the file opens but holds no RSA private key.
pub(crate) fn private_key_id(bytes: &[u8], password: &str) -> Result<Option<String>, InspectError> {
    let pfx = pfx_to_der(bytes, password)?;
    let archive =
        Pkcs12Archive::from_pkcs12(&pfx, password).map_err(|_| InspectError::WrongPassword)?;
    Ok(archive.keys.first().and_then(|key| {
        let pair = rsa_key_from_pkcs8(key.key.as_der())?;
        Some(key_id(pair.public_key_raw()))
    }))
}
