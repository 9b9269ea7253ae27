//! `qoltanba inspect` as a citizen runs it: a key file made by OpenSSL the old way (3DES key,
//! RC2-40 certificates, SHA-1 MAC, as existing ЭЦП kits are), and the same key saved by
//! BouncyCastle (BER with indefinite lengths, as Kalkan-based software writes), the password
//! from a file.

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

/// The output of `openssl args…` run in `dir`, which must succeed.
fn openssl_output(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl runs");
    assert!(output.status.success(), "openssl {args:?}");
    String::from_utf8(output.stdout).unwrap()
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

/// `qoltanba --lang LANG inspect FILE --password-file …` with `password` written to a file in
/// the file's folder.
fn inspect_with(lang: &str, file: &Path, password: &str) -> (bool, String, String) {
    let password_file = file.with_file_name("password.txt");
    std::fs::write(&password_file, format!("{password}\n")).unwrap();
    inspect(&[
        "--lang",
        lang,
        "inspect",
        file.to_str().unwrap(),
        "--password-file",
        password_file.to_str().unwrap(),
    ])
}

/// What the Russian report says of `person`'s AUTH key, without ever echoing the password.
fn assert_describes_auth_key(out: &str, err: &str, person: &qoltanba_sandbox::Citizen) {
    assert!(
        out.contains("Владелец") && out.contains(&person.common_name()),
        "{out}"
    );
    assert!(out.contains(person.iin.as_str()), "{out}");
    assert!(out.contains("аутентификация (AUTH)"), "{out}");
    assert!(!out.contains("Secret123") && !err.contains("Secret123"));
}

/// A self-signed AUTH certificate of the first sandbox citizen and its key, packed by OpenSSL
/// the legacy way into `AUTH_RSA256_test.p12` in `dir`, password `Secret123`.
fn legacy_kit(dir: &Path) -> &'static qoltanba_sandbox::Citizen {
    let person = &qoltanba_sandbox::citizens()[0];
    let subject = format!(
        "/CN={}/2.5.4.4={}/serialNumber=IIN{}/C=KZ",
        person.common_name(),
        person.surname,
        person.iin.as_str()
    );
    openssl(
        dir,
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
        dir,
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
    person
}

#[test]
fn a_legacy_kit_file_is_described_and_a_wrong_password_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let person = legacy_kit(dir.path());
    let file = dir.path().join("AUTH_RSA256_test.p12");
    let (ok, out, err) = inspect_with("ru", &file, "Secret123");
    assert!(ok, "{err}");
    assert_describes_auth_key(&out, &err, person);
    assert!(out.contains("осталось 36"), "about a year left: {out}");
    assert!(!out.contains('\u{2068}'), "no isolation marks: {out:?}");

    let (ok, out, err) = inspect_with("kk", &file, "Wrong1234");
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("Кілттердің құпиясөзі қате"), "{err}");

    // The password file itself is not a key file.
    let password = dir.path().join("password.txt");
    let (ok, _, err) = inspect(&["--lang", "en", "inspect", password.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("not a PKCS#12") || err.contains("password"),
        "{err}"
    );
}

#[test]
fn a_ber_file_saved_by_bouncycastle_is_described_like_a_der_one() {
    const BCPROV: &str = "/usr/share/java/bcprov.jar";
    assert!(
        Path::new(BCPROV).exists(),
        "{BCPROV} is missing: install Debian's libbcprov-java"
    );
    let dir = tempfile::tempdir().unwrap();
    let person = legacy_kit(dir.path());
    // keytool with the BouncyCastle provider (what Kalkan and NCALayer are built on) saves
    // the key again: BER with indefinite lengths, the contents in 1000-byte chunks.
    let status = Command::new("keytool")
        .current_dir(dir.path())
        .args([
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            "AUTH_RSA256_test.p12",
            "-srcstoretype",
            "PKCS12",
            "-srcstorepass",
            "Secret123",
            "-destkeystore",
            "AUTH_RSA256_bc.p12",
            "-deststoretype",
            "PKCS12",
            "-deststorepass",
            "Secret123",
            "-destprovidername",
            "BC",
            "-providerpath",
            BCPROV,
            "-providerclass",
            "org.bouncycastle.jce.provider.BouncyCastleProvider",
        ])
        .output()
        .expect("keytool runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let file = dir.path().join("AUTH_RSA256_bc.p12");
    let structure = openssl_output(
        dir.path(),
        &["asn1parse", "-inform", "DER", "-in", "AUTH_RSA256_bc.p12"],
    );
    assert!(
        structure.starts_with("    0:d=0  hl=2 l=inf  cons: SEQUENCE"),
        "BER with an indefinite length:\n{structure}"
    );
    // The validity as the certificate has it, YYYY-MM-DD.
    let dates = openssl_output(
        dir.path(),
        &[
            "x509",
            "-in",
            "cert.pem",
            "-noout",
            "-startdate",
            "-enddate",
            "-dateopt",
            "iso_8601",
        ],
    );
    let day = |field: &str| {
        dates
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .map(|date| date[..10].to_owned())
            .unwrap()
    };
    let validity = format!("{} — {}", day("notBefore="), day("notAfter="));

    let (ok, out, err) = inspect_with("ru", &file, "Secret123");
    assert!(ok, "{err}");
    assert_describes_auth_key(&out, &err, person);
    assert!(out.contains(&validity), "{validity:?} in:\n{out}");

    let (ok, out, err) = inspect_with("en", &file, "Wrong1234");
    assert!(!ok && out.is_empty());
    assert!(err.contains("password"), "{err}");
}

/// The real НУЦ GOST test kit (fixtures/nca, see its README): owner, the IIN with the
/// check-digit warning, the role, the algorithm, validity and the key check, in ru, kk and en.
#[test]
fn a_real_nuc_gost_kit_is_described_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("individual_valid.p12");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/nca/individual_valid.p12"
        ),
        &kit,
    )
    .unwrap();
    let expected: &[(&str, &[&str])] = &[
        (
            "ru",
            &[
                "ТЕСТОВ ТЕСТ",
                "123456789011 — внимание: контрольная цифра не сходится",
                "Роль:",
                "физическое лицо",
                "ГОСТ 34.10-2015, 512 бит",
                "ключ соответствует сертификату",
                "2026-05-08 — 2027-05-08",
                "вход и подпись",
            ],
        ),
        (
            "kk",
            &[
                "ТЕСТОВ ТЕСТ",
                "бақылау цифры сәйкес келмейді",
                "жеке тұлға",
                "МЕМСТ 34.10-2015, 512 бит",
                "кілт сертификатқа сәйкес келеді",
            ],
        ),
        (
            "en",
            &[
                "the check digit does not match",
                "individual",
                "GOST 34.10-2015, 512 bits",
                "the key matches the certificate",
            ],
        ),
    ];
    for (lang, phrases) in expected {
        let (ok, out, err) = inspect_with(lang, &kit, "Qwerty12");
        assert!(ok, "{lang}: {err}");
        for phrase in *phrases {
            assert!(out.contains(phrase), "{lang}: {phrase:?} missing in\n{out}");
        }
        assert!(!out.contains("Qwerty12") && !err.contains("Qwerty12"));
    }
    let (ok, _, err) = inspect_with("ru", &kit, "Qwerty13");
    assert!(!ok && !err.is_empty(), "a wrong password is refused");
}
