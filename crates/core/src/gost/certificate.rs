//! GOST public keys in certificates and certificate signatures, НУЦ's way: SPKI algorithm
//! 1.2.398.3.10.1.1.2.2 with parameters `{ paramSetA, Streebog-512 }`, the BIT STRING holding
//! `OCTET STRING(128) x_LE ‖ y_LE`; signatures 1.2.398.3.10.1.1.2.3.2, r_LE ‖ s_LE.

use x509_parser::certificate::X509Certificate;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::keys::{PUBLIC_KEY_LEN, Signature, VerifyingKey};
use super::{Curve, GostError, oid};

/// `OBJECT IDENTIFIER 1.2.398.3.10.1.1.2.2.1`, first in the SPKI parameters.
const PARAM_SET_A_DER: &[u8] = &[
    0x06, 0x0a, 0x2a, 0x83, 0x0e, 0x03, 0x0a, 0x01, 0x01, 0x02, 0x02, 0x01,
];

/// The 128 key bytes inside the SPKI BIT STRING (`04 81 80 ‖ x_LE ‖ y_LE`).
pub fn spki_public_key_bytes(
    spki: &SubjectPublicKeyInfo<'_>,
) -> Result<[u8; PUBLIC_KEY_LEN], GostError> {
    let algorithm = spki.algorithm.algorithm.to_id_string();
    if algorithm != oid::PUBLIC_KEY {
        return Err(GostError::NotGost(algorithm));
    }
    // Parameters: SEQUENCE { paramSetA, Streebog-512 }; only set A exists in НУЦ's kits.
    if let Some(parameters) = &spki.algorithm.parameters
        && !parameters.data.starts_with(PARAM_SET_A_DER)
    {
        return Err(GostError::NotGost(format!(
            "{algorithm}, not parameter set A"
        )));
    }
    let bits = spki.subject_public_key.data.as_ref();
    match bits {
        [0x04, 0x81, 0x80, key @ ..] if key.len() == PUBLIC_KEY_LEN => {
            let mut out = [0u8; PUBLIC_KEY_LEN];
            out.copy_from_slice(key);
            Ok(out)
        }
        _ => Err(GostError::MalformedPublicKey),
    }
}

/// The certificate's GOST public key, checked to be a point of paramSetA.
pub fn certificate_public_key(
    certificate: &X509Certificate<'_>,
) -> Result<VerifyingKey, GostError> {
    let bytes = spki_public_key_bytes(certificate.public_key())?;
    VerifyingKey::from_le_bytes(Curve::param_set_a(), &bytes)
}

/// Does `issuer`'s key sign `certificate`? (Only the signature: names, dates and extensions
/// are the caller's business.)
pub fn verify_certificate_signature(
    certificate: &X509Certificate<'_>,
    issuer: &X509Certificate<'_>,
) -> Result<(), GostError> {
    let algorithm = certificate.signature_algorithm.algorithm.to_id_string();
    if algorithm != oid::SIGNATURE {
        return Err(GostError::SignatureAlgorithm(algorithm));
    }
    let key = certificate_public_key(issuer)?;
    let signature = Signature::from_nuc_bytes(certificate.signature_value.data.as_ref())?;
    if key.verify(certificate.tbs_certificate.as_ref(), &signature) {
        Ok(())
    } else {
        Err(GostError::BadSignature)
    }
}
