//! GOST kits and requests we write: built as НУЦ builds its own (compared with the real kit in
//! fixtures/nca), read back by our reader, and parsed by OpenSSL (`pkcs12 -legacy -info`), an
//! independent PKCS#12 implementation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use std::process::Command;

use qoltanba_core::gost::{Curve, SigningKey};
use qoltanba_core::pki::inspect::{PublicKeyKind, inspect_pkcs12};
use qoltanba_core::pki::{
    KeyStoreOid, KitTrial, build_gost_pkcs12, gost_file_name, gost_key_id, gost_public_key_bits,
    gost_request_der, gost_resign_certificate, gost_spki_der, try_kit, verify_gost_request,
};
use rcgen::{CertificateParams, DnType, KeyIdMethod, KeyPair};
use sha1::{Digest, Sha1};
use x509_parser::prelude::{FromDer, X509Certificate};

const REAL_KIT: &[u8] = include_bytes!("fixtures/nca/individual_valid.p12");
const PASSWORD: &str = "Secret123";

mod common;

/// A self-signed GOST certificate for `key` (rcgen builds it, our code signs it).
fn self_signed(key: &SigningKey) -> Vec<u8> {
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, "ТЕСТОВ ТЕСТ");
    let bits = gost_public_key_bits(&key.verifying_key());
    params.key_identifier_method = KeyIdMethod::PreSpecified(Sha1::digest(&bits).to_vec());
    let placeholder = KeyPair::generate().unwrap();
    let certificate = params.self_signed(&placeholder).unwrap();
    let spki = gost_spki_der(&key.verifying_key());
    gost_resign_certificate(certificate.der(), Some(&spki), key).unwrap()
}

/// `openssl pkcs12 -legacy -info` lines that name the protection (MAC, bags, iterations).
fn protection(file: &std::path::Path, password: &str) -> Option<Vec<String>> {
    let output = Command::new("openssl")
        .args(["pkcs12", "-legacy", "-info", "-nokeys", "-nocerts", "-in"])
        .arg(file)
        .args(["-passin", &format!("pass:{password}")])
        .output()
        .ok()?;
    assert!(
        output.status.success(),
        "openssl pkcs12 -legacy -info refused the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(
        report
            .lines()
            .filter(|l| l.starts_with("MAC") || l.contains("bag") || l.contains("PKCS7"))
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn our_gost_kit_is_built_like_nucs_and_reads_back() {
    let key = SigningKey::generate(Curve::param_set_a());
    let certificate = self_signed(&key);
    let bytes = build_gost_pkcs12(&key, &certificate, PASSWORD).unwrap();
    let id = gost_key_id(&key.verifying_key());
    assert_eq!(gost_file_name(&key), format!("GOST512_{id}.p12"));

    let info = inspect_pkcs12(&bytes, PASSWORD).unwrap();
    assert_eq!(info.public_key, PublicKeyKind::Gost);
    assert_eq!(info.key_matches_certificate, Some(true));
    assert_eq!(info.friendly_name.as_deref(), Some(id.as_str()));
    assert_eq!(info.key_id, id);
    assert_eq!(try_kit(&bytes, PASSWORD).unwrap(), KitTrial::Verified);
    assert!(inspect_pkcs12(&bytes, "Wrong1pass").is_err());

    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join(gost_file_name(&key));
    std::fs::write(&ours, &bytes).unwrap();
    let real = dir.path().join("real.p12");
    std::fs::write(&real, REAL_KIT).unwrap();
    let Some(our_protection) = protection(&ours, PASSWORD) else {
        eprintln!("SKIPPED the OpenSSL cross-check: the openssl command is not installed");
        return;
    };
    let real_protection = protection(&real, "Qwerty12").unwrap();
    assert_eq!(
        our_protection, real_protection,
        "same MAC, bags and iterations as НУЦ's kit"
    );
    assert!(
        our_protection
            .iter()
            .any(|l| l.contains("3-KeyTripleDES-CBC, Iteration 1024")),
        "{our_protection:?}"
    );
    assert!(
        our_protection
            .iter()
            .any(|l| l.contains("40BitRC2-CBC, Iteration 1024")),
        "{our_protection:?}"
    );
}

/// The key bag's PKCS#8 and the bag attributes are those of НУЦ's kit, byte layout included.
#[test]
fn the_key_inside_is_wrapped_as_in_nucs_kit() {
    let key = SigningKey::generate(Curve::param_set_a());
    let pkcs8 = qoltanba_core::pki::gost_pkcs8(&key);
    let real_pkcs8 = qoltanba_core::pki::open_private_key_der(REAL_KIT, "Qwerty12").unwrap();
    // Same layout: version, algorithm with paramSetA + Streebog, OCTET STRING { OCTET
    // STRING(64) d_LE }; only the 64 key bytes differ.
    assert_eq!(pkcs8.len(), real_pkcs8.len());
    assert_eq!(pkcs8[..46], real_pkcs8[..46]);

    // Both bags carry localKeyId = SKI and friendlyName = SKI in hex, as the real kit's do.
    let certificate = self_signed(&key);
    let bytes = build_gost_pkcs12(&key, &certificate, PASSWORD).unwrap();
    let archive = p12_keystore::Pkcs12Archive::from_pkcs12(&bytes, PASSWORD).unwrap();
    let id = gost_key_id(&key.verifying_key());
    assert_eq!(archive.certs.len(), 1, "only the end-entity certificate");
    assert_eq!(
        archive.certs[0].local_key_id,
        Some(hex::decode(&id).unwrap())
    );
    assert_eq!(archive.certs[0].friendly_name.as_deref(), Some(id.as_str()));
    assert_eq!(archive.keys[0].friendly_name.as_deref(), Some(id.as_str()));
}

#[test]
fn gost_requests_are_signed_and_carry_the_nuc_extensions() {
    let key = SigningKey::generate(Curve::param_set_a());
    let params = common::subject()
        .request_params(&KeyStoreOid::pkcs12_file())
        .unwrap();
    let der = gost_request_der(&params, &key).unwrap();
    assert_eq!(verify_gost_request(&der).unwrap(), key.verifying_key());
    let (_, request) =
        x509_parser::certification_request::X509CertificationRequest::from_der(&der).unwrap();
    assert_eq!(
        request.signature_algorithm.algorithm.to_id_string(),
        "1.2.398.3.10.1.1.2.3.2"
    );
    let spki = &request.certification_request_info.subject_pki;
    assert_eq!(
        spki.algorithm.algorithm.to_id_string(),
        "1.2.398.3.10.1.1.2.2"
    );
    let extensions: Vec<String> = request
        .requested_extensions()
        .into_iter()
        .flatten()
        .map(|e| format!("{e:?}"))
        .collect();
    assert_eq!(extensions.len(), 2, "{extensions:?}");
    let mut tampered = der.clone();
    let at = tampered.len() - 10;
    tampered[at] ^= 1;
    assert!(verify_gost_request(&tampered).is_err());
    // A certificate our code signs verifies with the real-chain verifier.
    let certificate = self_signed(&key);
    let (_, parsed) = X509Certificate::from_der(&certificate).unwrap();
    qoltanba_core::gost::verify_certificate_signature(&parsed, &parsed).unwrap();
}
