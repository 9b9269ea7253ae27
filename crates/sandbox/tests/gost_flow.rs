//! A GOST 34.10-2015 application end to end: one request built by core as Kalkan builds it,
//! one certificate issued under the sandbox's GOST CA with НУЦ's GOST profile, the chain
//! verified with core's GOST verifier.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use common::{citizen, start};
use qoltanba_core::domain::Email;
use qoltanba_core::gost::{self, Curve, SigningKey};
use qoltanba_core::pki::{KeyStoreOid, Subject, gost_key_id, gost_request_der, request_pem};
use serde_json::json;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::{FromDer, X509Certificate};

fn der_of(pem: &str) -> Vec<u8> {
    x509_parser::pem::parse_x509_pem(pem.as_bytes())
        .unwrap()
        .1
        .contents
}

#[tokio::test]
async fn a_gost_application_gets_one_certificate_with_the_nuc_gost_profile() {
    let sandbox = start().await;
    let person = citizen("approve");
    let (session, token) = sandbox.sign_in(person).await;
    sandbox.identify(&session, &token).await;

    let email = "erlan@example.kz";
    let subject = Subject {
        surname: person.surname.to_owned(),
        given_name: person.given_name.to_owned(),
        patronymic: person.patronymic.map(str::to_owned),
        iin: person.iin.clone(),
        email: Some(Email::parse(email).unwrap()),
    };
    let key = SigningKey::generate(Curve::param_set_a());
    let params = subject.request_params(&KeyStoreOid::pkcs12_file()).unwrap();
    let csr = request_pem(&gost_request_der(&params, &key).unwrap());
    let apply = |body| sandbox.post("/v1/applications", Some(&token), body);
    let (status, body) = apply(json!({ "session_id": session, "email": email,
        "storage": "pkcs12", "algorithm": "gost2015_512" }))
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("csr_invalid")),
        "{body}"
    );
    let (status, body) = apply(json!({ "session_id": session, "email": email,
        "storage": "pkcs12", "algorithm": "gost2015_512", "csr": csr }))
    .await;
    assert_eq!(status, 200, "{body}");
    let number = body["application_number"].as_str().unwrap().to_owned();
    let (status, certs) = sandbox
        .get(&format!("/v1/applications/{number}/certificates"), None)
        .await;
    assert_eq!(status, 200, "{certs}");
    assert!(
        certs.get("auth").is_none() && certs.get("sign").is_none(),
        "{certs}"
    );
    let bundle = &certs["certificate"];
    let leaf_der = der_of(bundle["certificate_pem"].as_str().unwrap());
    let chain: Vec<Vec<u8>> = bundle["chain_pem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pem| der_of(pem.as_str().unwrap()))
        .collect();
    assert_eq!(chain.len(), 2, "issuing CA and root");
    let (_, leaf) = X509Certificate::from_der(&leaf_der).unwrap();
    let (_, issuing) = X509Certificate::from_der(&chain[0]).unwrap();
    let (_, root) = X509Certificate::from_der(&chain[1]).unwrap();
    gost::verify_certificate_signature(&leaf, &issuing).unwrap();
    gost::verify_certificate_signature(&issuing, &root).unwrap();
    gost::verify_certificate_signature(&root, &root).unwrap();
    assert_eq!(
        gost::certificate_public_key(&leaf).unwrap(),
        key.verifying_key()
    );

    gostcrypto_verifies(&[(&leaf, &issuing), (&issuing, &root), (&root, &root)]);

    // The profile (DOMAIN.md).
    let ski = gost_key_id(&key.verifying_key());
    let mut serial = hex::decode(&ski).unwrap();
    serial[0] &= 0x7f;
    assert_eq!(
        leaf.raw_serial(),
        serial.as_slice(),
        "serial = SKI, top bit cleared"
    );
    let usage = leaf.key_usage().unwrap().unwrap();
    assert!(usage.critical);
    assert!(
        usage.value.digital_signature()
            && usage.value.non_repudiation()
            && usage.value.key_agreement()
            && !usage.value.key_encipherment()
    );
    let eku = leaf.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.email_protection && !eku.client_auth);
    let others: Vec<String> = eku.other.iter().map(|o| o.to_id_string()).collect();
    assert_eq!(others, ["1.2.398.3.3.4.1.1", "1.2.398.3.3.4.3.2.1"]);
    let ids: Vec<String> = leaf
        .extensions()
        .iter()
        .map(|e| e.oid.to_id_string())
        .collect();
    for expected in [
        "2.5.29.32",         // certificate policies
        "1.3.6.1.5.5.7.1.1", // AIA
        "2.5.29.31",         // CRL distribution points
        "2.5.29.46",         // Freshest CRL
        "2.5.29.14",         // SKI
        "2.5.29.35",         // AKI
        "1.2.398.3.3.5",     // key store, copied
    ] {
        assert!(
            ids.iter().any(|id| id == expected),
            "{expected} missing: {ids:?}"
        );
    }
    for ext in leaf.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::CertificatePolicies(policies) => {
                assert_eq!(policies[0].policy_id.to_id_string(), "1.2.398.3.3.2");
                let raw = String::from_utf8_lossy(ext.value);
                assert!(raw.contains("/sandbox/cps"), "the CPS qualifier: {raw}");
            }
            ParsedExtension::SubjectKeyIdentifier(id) => assert_eq!(hex::encode(id.0), ski),
            _ => {}
        }
    }
}

/// PyPI gostcrypto (its own Streebog and arithmetic) verifies each (certificate, issuer)
/// signature, and refuses a tampered one. SKIPPED when gostcrypto is not installed.
fn gostcrypto_verifies(pairs: &[(&X509Certificate<'_>, &X509Certificate<'_>)]) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let present = Command::new("python3")
        .args(["-c", "import gostcrypto"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !present {
        eprintln!("SKIPPED the gostcrypto cross-check: pip install gostcrypto (scripts/test does)");
        return;
    }
    let mut input = String::new();
    for (certificate, issuer) in pairs {
        let public = gost::certificate_public_key(issuer).unwrap().to_le_bytes();
        let line = |tbs: &[u8]| {
            format!(
                "{} {} {}\n",
                hex::encode(tbs),
                hex::encode(certificate.signature_value.data.as_ref()),
                hex::encode(public)
            )
        };
        input += &line(certificate.tbs_certificate.as_ref());
        let mut tampered = certificate.tbs_certificate.as_ref().to_vec();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        input += &line(&tampered);
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scripts/gostcrypto_verify.py"
    );
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "gostcrypto script failed");
    let verdicts: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = pairs
        .iter()
        .flat_map(|_| ["OK".to_owned(), "FAIL".to_owned()])
        .collect();
    assert_eq!(
        verdicts, expected,
        "gostcrypto: each signature OK, each tampered one FAIL"
    );
}
