//! Does the private key in a kit belong to its certificate? RSA: the key's public half is the
//! certificate's. GOST: d·P, computed from the decrypted key, is the certificate's point. The
//! decrypted key lives only in zeroized buffers.

use pkcs8::PrivateKeyInfoRef;
use pkcs8::der::Decode;
use x509_parser::certificate::X509Certificate;
use zeroize::Zeroizing;

use super::key_set::rsa_key_from_pkcs8;
use crate::gost;

/// `Some(true/false)` when the key could be checked against the certificate, `None` for a
/// key of an algorithm this program does not know.
pub(crate) fn key_matches(pkcs8_der: &[u8], certificate: &X509Certificate<'_>) -> Option<bool> {
    let spki = certificate.public_key();
    if spki.algorithm.algorithm.to_id_string() == gost::oid::PUBLIC_KEY {
        return Some(gost_key_matches(pkcs8_der, certificate));
    }
    let pair = rsa_key_from_pkcs8(pkcs8_der)?;
    Some(pair.public_key_raw() == spki.subject_public_key.data.as_ref())
}

/// The GOST key from PKCS#8: `OCTET STRING { OCTET STRING(64) d_LE }` (doubly wrapped, as
/// НУЦ writes it); also taken singly wrapped.
pub fn gost_signing_key(pkcs8_der: &[u8]) -> Option<gost::SigningKey> {
    let info = PrivateKeyInfoRef::from_der(pkcs8_der).ok()?;
    if info.algorithm.oid.to_string() != gost::oid::PUBLIC_KEY {
        return None;
    }
    let outer = info.private_key.as_bytes();
    let inner: Zeroizing<Vec<u8>> = match outer {
        [0x04, 0x40, rest @ ..] if rest.len() == gost::SCALAR_LEN => Zeroizing::new(rest.to_vec()),
        _ if outer.len() == gost::SCALAR_LEN => Zeroizing::new(outer.to_vec()),
        _ => return None,
    };
    gost::SigningKey::from_le_bytes(gost::Curve::param_set_a(), &inner).ok()
}

fn gost_key_matches(pkcs8_der: &[u8], certificate: &X509Certificate<'_>) -> bool {
    let Some(key) = gost_signing_key(pkcs8_der) else {
        return false;
    };
    match gost::certificate_public_key(certificate) {
        Ok(public) => key.verifying_key() == public,
        Err(_) => false,
    }
}
