//! Reading the certificates the issuance service returns.

use x509_parser::prelude::{FromDer, X509Certificate};

/// A certificate from a PEM string, checked to be a parseable X.509 certificate.
pub(crate) struct ParsedCertificate {
    pub der: Vec<u8>,
    /// The subjectPublicKey bits (an RSAPublicKey for RSA).
    pub public_key_bits: Vec<u8>,
    /// The subjectPublicKeyInfo algorithm, dotted.
    pub key_algorithm: String,
}

/// Parses one PEM certificate; `None` if it is not a single well-formed certificate.
pub(crate) fn parse_certificate_pem(pem: &str) -> Option<ParsedCertificate> {
    let (rest, pem) = x509_parser::pem::parse_x509_pem(pem.trim().as_bytes()).ok()?;
    if !rest.iter().all(u8::is_ascii_whitespace) || pem.label != "CERTIFICATE" {
        return None;
    }
    let (rest, certificate) = X509Certificate::from_der(&pem.contents).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let spki = certificate.public_key();
    Some(ParsedCertificate {
        public_key_bits: spki.subject_public_key.data.to_vec(),
        key_algorithm: spki.algorithm.algorithm.to_id_string(),
        der: pem.contents.clone(),
    })
}
