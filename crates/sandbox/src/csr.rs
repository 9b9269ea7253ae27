//! Checking a PKCS#10 request against the НУЦ РК rules and the verified citizen.

use qoltanba_core::pki::{KeyStoreOid, verify_gost_request};
use qoltanba_core::protocol::{ErrorCode, KeyAlgorithm};
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::cri_attributes::ParsedCriAttribute;
use x509_parser::extensions::{GeneralName, ParsedExtension, X509Extension};
use x509_parser::prelude::FromDer;

use crate::error::{ApiResult, Failure};
use crate::fixtures::Citizen;

/// Smallest RSA modulus accepted.
pub const MIN_RSA_BITS: usize = 2048;

/// The НУЦ key-store extension (`keystore_branch`): its value is KeyStoreInfo =
/// SEQUENCE { storage OID under 1.2.398.3.3.5, optional path }.
pub const KEY_STORE_EXTENSION: &str = "1.2.398.3.3.5";
/// Prefix of the storage OIDs (1.2.398.3.3.5.1.1 = PKCS#12). Requests made before the
/// extension was corrected used the storage OID itself as the extension's OID (value NULL);
/// they are still accepted, so that applications submitted then can be resumed.
pub const KEY_STORE_OID_PREFIX: &str = "1.2.398.3.3.5.";

const OID_COMMON_NAME: &str = "2.5.4.3";
const OID_SURNAME: &str = "2.5.4.4";
const OID_SERIAL_NUMBER: &str = "2.5.4.5";
const OID_COUNTRY: &str = "2.5.4.6";
const OID_GIVEN_NAME: &str = "2.5.4.42";
const OID_EMAIL: &str = "1.2.840.113549.1.9.1";

/// What issuance needs from a request that passed every check.
#[derive(Debug, Clone)]
pub struct CheckedCsr {
    /// The DER SubjectPublicKeyInfo.
    pub spki_der: Vec<u8>,
    /// The subjectPublicKey bits (for the SHA-1 key identifier).
    pub public_key_bits: Vec<u8>,
    /// E-mail from the SubjectAltName (or the subject's E), to copy into the certificate.
    pub email: Option<String>,
    /// The storage named by the key-store extension, to copy into the certificate.
    pub key_store: KeyStoreOid,
}

fn invalid(which: &str, message: impl std::fmt::Display) -> Failure {
    Failure::new(ErrorCode::CsrInvalid, format!("{which}: {message}"))
}

fn mismatch(which: &str, message: impl std::fmt::Display) -> Failure {
    Failure::new(ErrorCode::CsrSubjectMismatch, format!("{which}: {message}"))
}

/// Parses and checks one request. `which` (`csr_auth` / `csr_sign`) prefixes messages;
/// `email` is the application's e-mail, which the request's must equal when both exist.
pub fn check(
    pem: &str,
    which: &str,
    citizen: &Citizen,
    email: Option<&str>,
) -> ApiResult<CheckedCsr> {
    check_for(pem, which, citizen, email, KeyAlgorithm::Rsa2048)
}

/// As [`check`], for a request of the given algorithm: RSA-2048 or more, or GOST 34.10-2015
/// 512 (НУЦ's OIDs, its own GOST signature verified).
pub fn check_for(
    pem: &str,
    which: &str,
    citizen: &Citizen,
    email: Option<&str>,
    algorithm: KeyAlgorithm,
) -> ApiResult<CheckedCsr> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.trim().as_bytes())
        .map_err(|_| invalid(which, "not a PEM document"))?;
    if !pem.label.ends_with("CERTIFICATE REQUEST") {
        return Err(invalid(
            which,
            format!("expected a CERTIFICATE REQUEST, got {}", pem.label),
        ));
    }
    let (_, csr) = X509CertificationRequest::from_der(&pem.contents)
        .map_err(|e| invalid(which, format!("not a PKCS#10 request: {e}")))?;
    let info = &csr.certification_request_info;
    match algorithm {
        KeyAlgorithm::Gost2015_512 => {
            verify_gost_request(&pem.contents).map_err(|e| invalid(which, e))?;
        }
        KeyAlgorithm::Rsa2048 => {
            csr.verify_signature()
                .map_err(|_| invalid(which, "the request's signature does not verify"))?;
            if info.subject_pki.algorithm.algorithm.to_id_string() != "1.2.840.113549.1.1.1" {
                return Err(invalid(which, "only RSA keys are accepted"));
            }
            let bits = rsa_modulus_bits(&info.subject_pki)
                .ok_or_else(|| invalid(which, "the RSA public key cannot be read"))?;
            if bits < MIN_RSA_BITS {
                return Err(invalid(
                    which,
                    format!("the RSA key has {bits} bits; at least {MIN_RSA_BITS} are required"),
                ));
            }
        }
    }
    let subject_email = check_subject(&csr, which, citizen)?;
    let extensions = requested_extensions(&csr);
    let key_store = key_store(&extensions).ok_or_else(|| {
        invalid(
            which,
            "the extensionRequest lacks the key-store extension (1.2.398.3.3.5 = SEQUENCE { storage OID })",
        )
    })?;
    let san_email = san_email(&extensions, which)?;
    let request_email = match (san_email, subject_email) {
        (Some(san), Some(subject)) if !san.eq_ignore_ascii_case(&subject) => {
            return Err(mismatch(
                which,
                "the SAN e-mail differs from the subject's E",
            ));
        }
        (Some(san), _) => Some(san),
        (None, subject) => subject,
    };
    if let (Some(requested), Some(expected)) = (&request_email, email)
        && !requested.eq_ignore_ascii_case(expected)
    {
        return Err(mismatch(
            which,
            "the request's e-mail differs from the application's e-mail",
        ));
    }
    Ok(CheckedCsr {
        spki_der: info.subject_pki.raw.to_vec(),
        public_key_bits: info.subject_pki.subject_public_key.data.to_vec(),
        email: request_email,
        key_store,
    })
}

/// The storage from extension 1.2.398.3.3.5 (`SEQUENCE { OID, path? }`), or from the old form
/// whose extension OID was the storage OID itself.
fn key_store(extensions: &[&X509Extension<'_>]) -> Option<KeyStoreOid> {
    let current = extensions.iter().find_map(|ext| {
        (ext.oid.to_id_string() == KEY_STORE_EXTENSION)
            .then(|| KeyStoreOid::from_extension_value(ext.value))
            .flatten()
    });
    current.or_else(|| {
        extensions.iter().find_map(|ext| {
            let arcs: Vec<u64> = ext.oid.iter()?.collect();
            (ext.oid.to_id_string().starts_with(KEY_STORE_OID_PREFIX))
                .then(|| KeyStoreOid::from_arcs(&arcs).ok())
                .flatten()
        })
    })
}

fn rsa_modulus_bits(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> Option<usize> {
    let Ok(x509_parser::public_key::PublicKey::RSA(rsa)) = spki.parsed() else {
        return None;
    };
    let modulus = rsa.modulus;
    let start = modulus.iter().position(|&byte| byte != 0)?;
    let first = modulus.get(start)?;
    let significant = modulus.len() - start;
    Some(significant * 8 - first.leading_zeros() as usize)
}

/// Checks the subject attribute by attribute; returns its E (e-mail), if any.
fn check_subject(
    csr: &X509CertificationRequest<'_>,
    which: &str,
    citizen: &Citizen,
) -> ApiResult<Option<String>> {
    let mut seen: Vec<(String, String)> = Vec::new();
    for attribute in csr.certification_request_info.subject.iter_attributes() {
        let oid = attribute.attr_type().to_id_string();
        let value = attribute.as_str().map_err(|_| {
            mismatch(
                which,
                format!("subject attribute {oid} is not a UTF8 or printable string"),
            )
        })?;
        if seen.iter().any(|(seen_oid, _)| *seen_oid == oid) {
            return Err(mismatch(
                which,
                format!("subject attribute {oid} appears twice"),
            ));
        }
        seen.push((oid, value.trim().to_owned()));
    }
    let get = |oid: &str| {
        seen.iter()
            .find(|(seen_oid, _)| seen_oid == oid)
            .map(|(_, value)| value.as_str())
    };
    let expect = |oid: &str, label: &str, expected: &str| -> ApiResult<()> {
        match get(oid) {
            Some(value) if value.to_uppercase() == expected.to_uppercase() => Ok(()),
            Some(_) => Err(mismatch(
                which,
                format!("{label} ({oid}) does not match the verified citizen"),
            )),
            None => Err(mismatch(
                which,
                format!("the subject lacks {label} ({oid})"),
            )),
        }
    };
    expect(OID_COMMON_NAME, "CN", &citizen.common_name())?;
    expect(OID_SURNAME, "SURNAME", citizen.surname)?;
    expect(
        OID_SERIAL_NUMBER,
        "SERIALNUMBER",
        &format!("IIN{}", citizen.iin.as_str()),
    )?;
    expect(OID_COUNTRY, "C", "KZ")?;
    match citizen.patronymic {
        Some(patronymic) => expect(OID_GIVEN_NAME, "GIVENNAME (patronymic)", patronymic)?,
        None if get(OID_GIVEN_NAME).is_some() => {
            return Err(mismatch(
                which,
                "GIVENNAME (2.5.4.42) given, but the citizen has no patronymic",
            ));
        }
        None => {}
    }
    const ALLOWED: [&str; 6] = [
        OID_COMMON_NAME,
        OID_SURNAME,
        OID_SERIAL_NUMBER,
        OID_COUNTRY,
        OID_GIVEN_NAME,
        OID_EMAIL,
    ];
    if let Some((oid, _)) = seen
        .iter()
        .find(|(oid, _)| !ALLOWED.contains(&oid.as_str()))
    {
        return Err(mismatch(
            which,
            format!("subject attribute {oid} is not part of an individual's certificate"),
        ));
    }
    Ok(get(OID_EMAIL).map(str::to_owned))
}

fn requested_extensions<'a>(csr: &'a X509CertificationRequest<'a>) -> Vec<&'a X509Extension<'a>> {
    csr.certification_request_info
        .iter_attributes()
        .filter_map(|attribute| match attribute.parsed_attribute() {
            ParsedCriAttribute::ExtensionRequest(request) => Some(request.extensions.iter()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn san_email(extensions: &[&X509Extension<'_>], which: &str) -> ApiResult<Option<String>> {
    let mut email = None;
    for extension in extensions {
        match extension.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                for name in &san.general_names {
                    match name {
                        GeneralName::RFC822Name(address) => email = Some((*address).to_owned()),
                        other => {
                            return Err(mismatch(
                                which,
                                format!("only an e-mail SubjectAltName is allowed, not {other}"),
                            ));
                        }
                    }
                }
            }
            ParsedExtension::ParseError { .. } => {
                return Err(invalid(
                    which,
                    "an extension of the request cannot be parsed",
                ));
            }
            _ => {}
        }
    }
    Ok(email)
}

/// The GOST public key of a checked GOST request.
pub fn gost_key(checked: &CheckedCsr) -> ApiResult<qoltanba_core::gost::VerifyingKey> {
    let key = checked
        .public_key_bits
        .strip_prefix(&[0x04, 0x81, 0x80][..])
        .ok_or_else(|| invalid("csr", "the GOST public key is malformed"))?;
    qoltanba_core::gost::VerifyingKey::from_le_bytes(qoltanba_core::gost::Curve::param_set_a(), key)
        .map_err(|e| invalid("csr", e))
}
