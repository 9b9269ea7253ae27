//! Independent implementations check our GOST 34.10-2015 code: Debian's gost-engine (OpenSSL)
//! verifies our signatures, and PyPI gostcrypto verifies our signatures and a chain signed by
//! our code. A check whose tool is not installed is SKIPPED with a message (scripts/test
//! installs both).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use std::path::Path;
use std::process::Command;

use qoltanba_core::gost::{Curve, SigningKey, VerifyingKey, oid};

/// The public key with the Russian OIDs gost-engine reads: id-tc26-gost3410-12-512 with
/// paramSetA; the key bytes as they are (x_LE ‖ y_LE in an OCTET STRING).
fn russian_spki_pem(public: &VerifyingKey) -> String {
    let bits = yasna::construct_der(|w| w.write_bytes(&public.to_le_bytes()));
    let der = yasna::construct_der(|w| {
        w.write_sequence(|seq| {
            seq.next().write_sequence(|alg| {
                alg.next()
                    .write_oid(&yasna::models::ObjectIdentifier::from_slice(
                        oid::TC26_PUBLIC_KEY_ARCS,
                    ));
                alg.next().write_sequence(|params| {
                    params
                        .next()
                        .write_oid(&yasna::models::ObjectIdentifier::from_slice(
                            oid::TC26_PARAM_SET_A_ARCS,
                        ));
                });
            });
            seq.next().write_bitvec_bytes(&bits, bits.len() * 8);
        });
    });
    pem::encode(&pem::Pem::new("PUBLIC KEY", der))
}

fn gost_engine_present() -> bool {
    Command::new("openssl")
        .args(["engine", "gost"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// `openssl dgst -engine gost -md_gost12_512 -verify` on `message` with an RFC-layout signature.
fn engine_verifies(
    dir: &Path,
    public: &VerifyingKey,
    message: &[u8],
    rfc_signature: &[u8],
) -> bool {
    std::fs::write(dir.join("pub.pem"), russian_spki_pem(public)).unwrap();
    std::fs::write(dir.join("msg.bin"), message).unwrap();
    std::fs::write(dir.join("sig.bin"), rfc_signature).unwrap();
    let output = Command::new("openssl")
        .current_dir(dir)
        .args([
            "dgst",
            "-engine",
            "gost",
            "-md_gost12_512",
            "-verify",
            "pub.pem",
            "-signature",
            "sig.bin",
            "msg.bin",
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).contains("Verified OK")
}

#[test]
fn gost_engine_verifies_our_signatures() {
    if !gost_engine_present() {
        eprintln!("SKIPPED: gost-engine is not installed (apt-get install libengine-gost-openssl)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for round in 0..3 {
        let key = SigningKey::generate(Curve::param_set_a());
        let public = key.verifying_key();
        let message = format!("Qoltanba cross-check {round}: ҚАЗАҚСТАН");
        let signature = key.sign(message.as_bytes());
        assert!(
            engine_verifies(
                dir.path(),
                &public,
                message.as_bytes(),
                &signature.to_rfc_bytes()
            ),
            "gost-engine refused our signature (round {round})"
        );
        // And it is not a tool that says yes to anything.
        assert!(!engine_verifies(
            dir.path(),
            &public,
            b"another message",
            &signature.to_rfc_bytes()
        ));
        let other = SigningKey::generate(Curve::param_set_a()).verifying_key();
        assert!(!engine_verifies(
            dir.path(),
            &other,
            message.as_bytes(),
            &signature.to_rfc_bytes()
        ));
    }
}
