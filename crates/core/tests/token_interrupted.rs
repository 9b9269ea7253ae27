//! A device pulled out mid-way: the user is told, and the next attempt removes what the
//! interrupted one left (SoftHSM2; "pulling" moves the token's directory away).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod token_support;

use std::fs;
use std::path::PathBuf;

use qoltanba_core::token::{KeyId, KeyRole, TokenError, TokenPin};
use token_support::{SoftHsm, TestCa, isolated, request_params};

const PIN: &str = "40917263";

/// Every token directory of the configuration (one per token).
fn token_dirs(hsm: &SoftHsm) -> Vec<PathBuf> {
    fs::read_dir(hsm.tokens())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect()
}

#[test]
fn a_pulled_device_is_reported_and_leftovers_are_removed_next_time() {
    isolated(
        "a_pulled_device_is_reported_and_leftovers_are_removed_next_time",
        |hsm| {
            hsm.init_token("citizen", PIN);
            // Another application's key without a certificate: not ours, never touched.
            hsm.pkcs11_tool(
                "citizen",
                &[
                    "--login",
                    "--pin",
                    PIN,
                    "--keypairgen",
                    "--key-type",
                    "rsa:1024",
                    "--id",
                    "0102",
                    "--label",
                    "Other application",
                ],
            );
            let registry = hsm.registry();
            let token = hsm.token(&registry, "citizen");
            let session = registry.login(&token, &TokenPin::new(PIN)).unwrap();

            // A complete pair from an earlier application stays.
            let ca = TestCa::new();
            let kept = KeyId::new(b"earlier".to_vec()).unwrap();
            let kept_label = KeyRole::Auth.label("2024-000099");
            let key = session
                .generate_key_pair(KeyRole::Auth, &kept, &kept_label)
                .unwrap();
            let params = request_params("ЕРТЕ", "990101400006", "a@example.kz");
            let subject = params.distinguished_name.clone();
            let certificate = ca.issue(&key.csr_pem(params).unwrap(), &subject);
            session
                .import_certificate(&kept, &kept_label, &certificate)
                .unwrap();

            // This attempt gets as far as its AUTH key pair, then the device is pulled.
            let auth = session.new_key_id().unwrap();
            let auth_key = session
                .generate_key_pair(KeyRole::Auth, &auth, &KeyRole::Auth.label("2025-000002"))
                .unwrap();
            let dirs = token_dirs(hsm);
            for dir in &dirs {
                fs::rename(dir, dir.with_extension("pulled")).unwrap();
            }
            let sign = KeyId::new(b"sign".to_vec()).unwrap();
            let params = request_params("ЕРТЕ", "990101400006", "a@example.kz");
            assert_eq!(
                session
                    .generate_key_pair(KeyRole::Sign, &sign, &KeyRole::Sign.label("2025-000002"))
                    .unwrap_err(),
                TokenError::TokenRemoved
            );
            assert_eq!(
                auth_key.csr_pem(params).unwrap_err(),
                TokenError::TokenRemoved
            );
            assert_eq!(
                session.import_certificate(&auth, &KeyRole::Auth.label("x"), &certificate),
                Err(TokenError::TokenRemoved)
            );
            assert_eq!(session.read_back(&kept), Err(TokenError::TokenRemoved));
            assert_eq!(session.remove_incomplete(), Err(TokenError::TokenRemoved));
            assert!(registry.tokens().iter().all(|t| t.serial != token.serial));
            drop((auth_key, key, session, registry));

            // Plugged back in: the next attempt starts by removing the half-made pair.
            for dir in &dirs {
                fs::rename(dir.with_extension("pulled"), dir).unwrap();
            }
            let registry = hsm.registry();
            let token = hsm.token(&registry, "citizen");
            let session = registry.login(&token, &TokenPin::new(PIN)).unwrap();
            assert_eq!(
                session.remove_incomplete().unwrap(),
                std::slice::from_ref(&auth)
            );
            assert_eq!(session.read_back(&auth), Err(TokenError::KeyMissing));
            assert_eq!(session.read_back(&kept).unwrap().certificate, certificate);
            assert_eq!(session.remove_incomplete().unwrap(), []);

            let listing = hsm.pkcs11_tool("citizen", &["-O", "--login", "--pin", PIN]);
            assert!(!listing.contains(&auth.to_hex()), "{listing}");
            assert!(listing.contains(&kept.to_hex()), "{listing}");
            assert!(listing.contains("Other application"), "{listing}");
        },
    );
}
