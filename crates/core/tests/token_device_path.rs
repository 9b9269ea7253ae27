//! The whole device path against SoftHSM2: two key pairs generated on the token, two requests
//! signed there (checked with `openssl req -verify`), certificates issued by a test CA and
//! written next to the keys, read back, checked with `pkcs11-tool`, then removed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod token_support;

use std::collections::BTreeSet;
use std::process::Command;

use qoltanba_core::token::{KeyRole, SignMechanism, TokenError, TokenPin};
use token_support::{TestCa, assert_success, isolated, request_params};

const PIN: &str = "40917263";

/// `openssl req -verify` on a PEM request; panics unless the signature verifies.
fn openssl_verifies(pem: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("request.pem");
    std::fs::write(&path, pem).unwrap();
    let output = Command::new("openssl")
        .args(["req", "-verify", "-noout", "-in"])
        .arg(&path)
        .output()
        .expect("openssl runs");
    assert_success("openssl req -verify", &output);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("verify OK"), "{said}");
}

#[test]
fn keys_are_generated_certified_and_stored_on_the_token() {
    isolated(
        "keys_are_generated_certified_and_stored_on_the_token",
        |hsm| {
            hsm.init_token("citizen", PIN);
            let registry = hsm.registry();
            let token = hsm.token(&registry, "citizen");
            let session = registry.login(&token, &TokenPin::new(PIN)).unwrap();
            assert_eq!(session.remove_incomplete().unwrap(), []);

            let ca = TestCa::new();
            let mut made = Vec::new();
            for role in [KeyRole::Auth, KeyRole::Sign] {
                let id = session.new_key_id().unwrap();
                let label = role.label("2025-000001");
                let key = session.generate_key_pair(role, &id, &label).unwrap();
                assert_eq!(key.id(), &id);
                assert_eq!(key.sign_mechanism().unwrap(), SignMechanism::Sha256RsaPkcs);
                // A second pair under the same identifier is refused.
                assert_eq!(
                    session.generate_key_pair(role, &id, &label).unwrap_err(),
                    TokenError::KeyIdInUse
                );

                let params = request_params("ТЕСТОВА", "990101400006", "citizen@example.kz");
                let subject = params.distinguished_name.clone();
                let pem = key.csr_pem(params).unwrap();
                assert!(pem.starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
                openssl_verifies(&pem);

                let certificate = ca.issue(&pem, &subject);
                session
                    .import_certificate(&id, &label, &certificate)
                    .unwrap();
                assert_eq!(
                    session.import_certificate(&id, &label, &certificate),
                    Err(TokenError::CertificateExists)
                );
                made.push((id, label, certificate));
            }

            // A certificate for the other key pair's key is refused.
            assert_eq!(
                session.import_certificate(&made[0].0, &made[0].1, &made[1].2),
                Err(TokenError::CertificateMismatch)
            );
            assert_eq!(
                session.import_certificate(&made[0].0, &made[0].1, b"not a certificate"),
                Err(TokenError::CertificateInvalid)
            );

            for (id, label, certificate) in &made {
                let stored = session.read_back(id).unwrap();
                assert_eq!(&stored.id, id);
                assert_eq!(&stored.label, label);
                assert_eq!(&stored.certificate_label, label);
                assert_eq!(&stored.certificate, certificate);
                assert!(stored.has_public_key_object);
            }
            // Nothing is incomplete, so nothing is cleaned up.
            assert_eq!(session.remove_incomplete().unwrap(), []);

            // What another PKCS#11 application sees on the token.
            let listing = hsm.pkcs11_tool("citizen", &["-O", "--login", "--pin", PIN]);
            let objects = parse_objects(&listing);
            let ids = |kind: &str| -> BTreeSet<String> {
                objects
                    .iter()
                    .filter(|o| o.kind.starts_with(kind))
                    .map(|o| o.id.clone())
                    .collect()
            };
            let expected: BTreeSet<String> = made.iter().map(|(id, ..)| id.to_hex()).collect();
            assert_eq!(ids("Private Key Object"), expected, "{listing}");
            assert_eq!(ids("Certificate Object"), expected, "{listing}");
            assert_eq!(ids("Public Key Object"), expected, "{listing}");
            for public in objects.iter().filter(|o| o.kind.starts_with("Public Key")) {
                assert_eq!(public.kind, "Public Key Object; RSA 2048 bits", "{listing}");
            }
            for private in objects.iter().filter(|o| o.kind.starts_with("Private Key")) {
                assert!(
                    private.kind.starts_with("Private Key Object; RSA"),
                    "{listing}"
                );
                let access: Vec<_> = private.access.split(", ").collect();
                assert!(access.contains(&"never extractable"), "{listing}");
                assert!(access.contains(&"sensitive"), "{listing}");
                assert!(!access.contains(&"extractable"), "{listing}");
                // Only the AUTH key decrypts; neither unwraps keys.
                let decrypts = private.usage.contains("decrypt");
                assert_eq!(decrypts, private.label.contains(" AUTH "), "{listing}");
                assert!(!private.usage.contains("unwrap"), "{listing}");
            }
            for (id, label, _) in &made {
                let certificate = objects
                    .iter()
                    .find(|o| o.kind.starts_with("Certificate") && o.id == id.to_hex())
                    .unwrap();
                assert_eq!(&certificate.label, label);
                assert!(
                    certificate.subject.contains("serialNumber=IIN990101400006"),
                    "{listing}"
                );
                let private = objects
                    .iter()
                    .find(|o| o.kind.starts_with("Private Key") && o.id == id.to_hex())
                    .unwrap();
                assert_eq!(&private.label, label);
            }

            // The application failed: its objects are removed (2 × private, public, certificate).
            let ids: Vec<_> = made.iter().map(|(id, ..)| id.clone()).collect();
            assert_eq!(session.remove_objects(&ids).unwrap(), 6);
            assert_eq!(session.read_back(&ids[0]), Err(TokenError::KeyMissing));
            let listing = hsm.pkcs11_tool("citizen", &["-O", "--login", "--pin", PIN]);
            assert!(parse_objects(&listing).is_empty(), "{listing}");
        },
    );
}

#[test]
fn a_request_can_be_signed_with_plain_rsa_pkcs() {
    isolated("a_request_can_be_signed_with_plain_rsa_pkcs", |hsm| {
        hsm.init_token("citizen", PIN);
        let registry = hsm.registry();
        let token = hsm.token(&registry, "citizen");
        let session = registry.login(&token, &TokenPin::new(PIN)).unwrap();
        let id = session.new_key_id().unwrap();
        let key = session
            .generate_key_pair(KeyRole::Sign, &id, &KeyRole::Sign.label("fallback"))
            .unwrap();
        let params = request_params("ТЕСТОВ", "990101300007", "x@example.kz");
        let pem = key
            .csr_pem_using(params, SignMechanism::RsaPkcsDigestInfo)
            .unwrap();
        openssl_verifies(&pem);
        // The key can be found again by its identifier and signs the same way.
        let again = session.key(&id).unwrap();
        assert_eq!(again.rsa_public_key_der(), key.rsa_public_key_der());
        assert_eq!(again.label(), "Qoltanba SIGN fallback");
        let params = request_params("ТЕСТОВ", "990101300007", "x@example.kz");
        openssl_verifies(&again.csr_pem(params).unwrap());
    });
}

/// One object from `pkcs11-tool -O`.
#[derive(Debug)]
struct Object {
    kind: String,
    label: String,
    id: String,
    access: String,
    usage: String,
    subject: String,
}

fn parse_objects(listing: &str) -> Vec<Object> {
    let mut objects: Vec<Object> = Vec::new();
    for line in listing.lines() {
        if line.contains(" Object;") {
            objects.push(Object {
                kind: line.trim().to_owned(),
                label: String::new(),
                id: String::new(),
                access: String::new(),
                usage: String::new(),
                subject: String::new(),
            });
            continue;
        }
        let Some(object) = objects.last_mut() else {
            continue;
        };
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        let value = value.trim().to_owned();
        match key.trim() {
            "label" => object.label = value,
            "ID" => object.id = value,
            "Access" => object.access = value,
            "Usage" => object.usage = value,
            "subject" => object.subject = value,
            _ => {}
        }
    }
    objects
}
