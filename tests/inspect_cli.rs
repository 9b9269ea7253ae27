//! `qoltanba inspect` as a citizen runs it: a key file made by OpenSSL the old way (3DES key,
//! RC2-40 certificates, SHA-1 MAC, as existing ЭЦП kits are), the password from a file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use std::path::Path;
use std::process::Command;

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .status()
        .expect("openssl runs");
    assert!(status.success(), "openssl {args:?}");
}

fn inspect(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_legacy_kit_file_is_described_and_a_wrong_password_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let person = &qoltanba_sandbox::citizens()[0];
    let subject = format!(
        "/CN={}/2.5.4.4={}/serialNumber=IIN{}/C=KZ",
        person.common_name(),
        person.surname,
        person.iin.as_str()
    );
    openssl(
        dir.path(),
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-days",
            "365",
            "-utf8",
            "-subj",
            &subject,
            "-addext",
            "keyUsage=critical,digitalSignature,keyEncipherment",
            "-addext",
            "extendedKeyUsage=clientAuth",
        ],
    );
    openssl(
        dir.path(),
        &[
            "pkcs12",
            "-export",
            "-legacy",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-out",
            "AUTH_RSA256_test.p12",
            "-passout",
            "pass:Secret123",
        ],
    );
    let file = dir.path().join("AUTH_RSA256_test.p12");
    let password = dir.path().join("password.txt");
    std::fs::write(&password, "Secret123\n").unwrap();
    let (ok, out, err) = inspect(&[
        "--lang",
        "ru",
        "inspect",
        file.to_str().unwrap(),
        "--password-file",
        password.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Владелец") && out.contains(&person.common_name()),
        "{out}"
    );
    assert!(out.contains(person.iin.as_str()), "{out}");
    assert!(out.contains("аутентификация (AUTH)"), "{out}");
    assert!(out.contains("осталось 36"), "about a year left: {out}");
    assert!(!out.contains('\u{2068}'), "no isolation marks: {out:?}");
    assert!(!out.contains("Secret123") && !err.contains("Secret123"));

    std::fs::write(&password, "Wrong1234\n").unwrap();
    let (ok, out, err) = inspect(&[
        "--lang",
        "kk",
        "inspect",
        file.to_str().unwrap(),
        "--password-file",
        password.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("Кілттердің құпиясөзі қате"), "{err}");

    let (ok, _, err) = inspect(&["--lang", "en", "inspect", password.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("not a PKCS#12") || err.contains("password"),
        "{err}"
    );
}
