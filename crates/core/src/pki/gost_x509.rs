//! GOST structures in НУЦ's encoding: SubjectPublicKeyInfo, PKCS#8, and certificates and
//! requests signed with GOST 34.10-2015 / Streebog-512.
//!
//! rcgen cannot sign with GOST, so requests and certificates are built by rcgen with a
//! throw-away P-256 key (subject, extensions, everything else exactly as for RSA), then the
//! public key and the signature algorithm are replaced and the to-be-signed part is signed
//! again with the GOST key. Only whole DER elements are swapped; nothing is patched by offset.

use rcgen::{CertificateParams, KeyPair};
use zeroize::Zeroizing;

use super::error::PkiError;
use crate::gost::{self, SigningKey, VerifyingKey, oid};

fn oid_of(arcs: &[u64]) -> yasna::models::ObjectIdentifier {
    yasna::models::ObjectIdentifier::from_slice(arcs)
}

/// `SEQUENCE { 1.2.398.3.10.1.1.2.2, SEQUENCE { paramSetA, Streebog-512 } }`.
fn key_algorithm(writer: yasna::DERWriter<'_>) {
    writer.write_sequence(|seq| {
        seq.next().write_oid(&oid_of(oid::PUBLIC_KEY_ARCS));
        seq.next().write_sequence(|params| {
            params.next().write_oid(&oid_of(oid::PARAM_SET_A_ARCS));
            params.next().write_oid(&oid_of(oid::STREEBOG_512_ARCS));
        });
    });
}

/// The BIT STRING contents: `OCTET STRING(128) x_LE ‖ y_LE`.
pub fn gost_public_key_bits(public: &VerifyingKey) -> Vec<u8> {
    yasna::construct_der(|writer| writer.write_bytes(&public.to_le_bytes()))
}

/// The SubjectPublicKeyInfo, DER, as НУЦ writes it.
pub fn gost_spki_der(public: &VerifyingKey) -> Vec<u8> {
    let bits = gost_public_key_bits(public);
    yasna::construct_der(|writer| {
        writer.write_sequence(|seq| {
            key_algorithm(seq.next());
            seq.next().write_bitvec_bytes(&bits, bits.len() * 8);
        });
    })
}

/// The key identifier НУЦ names files by: SHA-1 of the BIT STRING contents, lower-case hex.
pub fn gost_key_id(public: &VerifyingKey) -> String {
    super::key_id(&gost_public_key_bits(public))
}

/// PKCS#8 `PrivateKeyInfo` with the key doubly wrapped: `OCTET STRING { OCTET STRING(64)
/// d_LE }`, no attributes (as in НУЦ's kits). Zeroized when dropped.
pub fn gost_pkcs8(key: &SigningKey) -> Zeroizing<Vec<u8>> {
    let d = key.to_le_bytes();
    let inner = Zeroizing::new(yasna::construct_der(|writer| {
        writer.write_bytes(d.as_ref())
    }));
    Zeroizing::new(yasna::construct_der(|writer| {
        writer.write_sequence(|seq| {
            seq.next().write_u8(0);
            key_algorithm(seq.next());
            seq.next().write_bytes(&inner);
        });
    }))
}

/// `SEQUENCE { 1.2.398.3.10.1.1.2.3.2, NULL }`, as in НУЦ's certificates.
fn signature_algorithm() -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|seq| {
            seq.next().write_oid(&oid_of(oid::SIGNATURE_ARCS));
            seq.next().write_null();
        });
    })
}

/// The raw DER of each element of a SEQUENCE.
fn sequence_items(der: &[u8]) -> Result<Vec<Vec<u8>>, PkiError> {
    yasna::parse_der(der, |reader| {
        reader.read_sequence(|seq| {
            let mut items = Vec::new();
            while let Some(item) = seq.read_optional(|r| r.read_der())? {
                items.push(item);
            }
            Ok(items)
        })
    })
    .map_err(|e| PkiError::Request(format!("re-signing with GOST: {e}")))
}

fn sequence_of(items: &[Vec<u8>]) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|seq| {
            for item in items {
                seq.next().write_der(item);
            }
        });
    })
}

/// `SEQUENCE { tbs, GOST algorithm, BIT STRING r_LE ‖ s_LE }`: any to-be-signed structure
/// (a certificate's, a CRL's) signed with GOST 34.10-2015 / Streebog-512 as НУЦ signs.
pub fn gost_signed(tbs: &[u8], key: &SigningKey) -> Vec<u8> {
    signed(tbs, key)
}

fn signed(tbs: &[u8], key: &SigningKey) -> Vec<u8> {
    signed_as(tbs, &key.sign(tbs))
}

fn signed_as(tbs: &[u8], signature: &gost::Signature) -> Vec<u8> {
    let signature = signature.to_nuc_bytes();
    let value =
        yasna::construct_der(|writer| writer.write_bitvec_bytes(&signature, signature.len() * 8));
    sequence_of(&[tbs.to_vec(), signature_algorithm(), value])
}

/// A throw-away key for rcgen to sign with before the GOST signature replaces its own.
pub(crate) fn placeholder_key() -> Result<KeyPair, PkiError> {
    KeyPair::generate().map_err(|e| PkiError::KeyGeneration(e.to_string()))
}

/// A PKCS#10 request (DER) for `params` with the GOST key: subject and extensionRequest as
/// rcgen writes them for RSA, SPKI and signature НУЦ's GOST ones.
pub fn gost_request_der(params: &CertificateParams, key: &SigningKey) -> Result<Vec<u8>, PkiError> {
    let info = gost_request_info(params, &key.verifying_key())?;
    Ok(signed(&info, key))
}

/// The same request signed elsewhere (on a device): `sign` gets the DER of the
/// CertificationRequestInfo and returns the GOST signature over it. The caller checks the
/// result with [`verify_gost_request`].
pub fn gost_request_der_signed_by<E: From<PkiError>>(
    params: &CertificateParams,
    public: &VerifyingKey,
    sign: impl FnOnce(&[u8]) -> Result<gost::Signature, E>,
) -> Result<Vec<u8>, E> {
    let info = gost_request_info(params, public)?;
    let signature = sign(&info)?;
    Ok(signed_as(&info, &signature))
}

/// The CertificationRequestInfo (DER) of a GOST request for `public`.
fn gost_request_info(
    params: &CertificateParams,
    public: &VerifyingKey,
) -> Result<Vec<u8>, PkiError> {
    let placeholder = placeholder_key()?;
    let request = params
        .serialize_request(&placeholder)
        .map_err(|e| PkiError::Request(e.to_string()))?;
    let outer = sequence_items(request.der())?;
    let mut info = sequence_items(outer.first().ok_or_else(malformed)?)?;
    // CertificationRequestInfo: version, subject, subjectPKInfo, [0] attributes.
    let spki = info.get_mut(2).ok_or_else(malformed)?;
    *spki = gost_spki_der(public);
    Ok(sequence_of(&info))
}

/// A certificate rcgen made (signed with a placeholder key) signed again by `issuer_key`:
/// its signature algorithm (in the TBS and outside) becomes GOST's, and its public key
/// `subject_spki` when given.
pub fn gost_resign_certificate(
    certificate_der: &[u8],
    subject_spki: Option<&[u8]>,
    issuer_key: &SigningKey,
) -> Result<Vec<u8>, PkiError> {
    let outer = sequence_items(certificate_der)?;
    let mut tbs = sequence_items(outer.first().ok_or_else(malformed)?)?;
    // TBSCertificate: [0] version, serial, signature, issuer, validity, subject, spki, …
    *tbs.get_mut(2).ok_or_else(malformed)? = signature_algorithm();
    if let Some(spki) = subject_spki {
        *tbs.get_mut(6).ok_or_else(malformed)? = spki.to_vec();
    }
    Ok(signed(&sequence_of(&tbs), issuer_key))
}

fn malformed() -> PkiError {
    PkiError::Request("re-signing with GOST: unexpected structure".into())
}

/// PEM of a DER request.
pub fn request_pem(der: &[u8]) -> String {
    pem::encode(&pem::Pem::new("CERTIFICATE REQUEST", der.to_vec()))
}

/// Verifies a GOST request's own signature (its SPKI key over its info) and returns the key.
pub fn verify_gost_request(der: &[u8]) -> Result<VerifyingKey, PkiError> {
    use x509_parser::prelude::FromDer;
    let (_, request) = x509_parser::certification_request::X509CertificationRequest::from_der(der)
        .map_err(|e| PkiError::Request(e.to_string()))?;
    let bad = |e: gost::GostError| PkiError::Request(e.to_string());
    let info = &request.certification_request_info;
    let bytes = gost::spki_public_key_bytes(&info.subject_pki).map_err(bad)?;
    let key = VerifyingKey::from_le_bytes(gost::Curve::param_set_a(), &bytes).map_err(bad)?;
    if request.signature_algorithm.algorithm.to_id_string() != oid::SIGNATURE {
        return Err(PkiError::Request("not signed with GOST 34.10-2015".into()));
    }
    let signature =
        gost::Signature::from_nuc_bytes(request.signature_value.data.as_ref()).map_err(bad)?;
    if key.verify(info.raw, &signature) {
        Ok(key)
    } else {
        Err(PkiError::Request(
            "the request's GOST signature does not verify".into(),
        ))
    }
}
