//! Keys on this PC against the real sandbox: requests from `generate_key_set` pass the
//! sandbox's CSR checks, the keys are saved encrypted before submission and found again
//! after a "restart", and `install` turns the issued certificates into two PKCS#12 files that
//! OpenSSL 3 (no -legacy) and keytool open, each key matching its certificate.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{avi, citizen, jpeg, png, start};
use qoltanba_core::client::Client;
use qoltanba_core::domain::{
    AccountPin, ApplicationNumber, Email, IdempotencyKey, KeyPassword, OtpCode,
};
use qoltanba_core::pki::inspect::inspect_pkcs12;
use qoltanba_core::pki::{KeyRole, Pkcs12Format, Subject, generate_key_set};
use qoltanba_core::protocol::{
    ApplicationStatus, ChallengeLog, ChallengeStep, CreateApplicationRequest, DocumentSide,
    StorageKind,
};
use qoltanba_core::store::{find_pending, install, preflight, save_pending};

const PASSWORD: &str = "Sandbox2024key";

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed: {e}"))
}

fn report(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn check_file(file: &Path, id: &str, format: Pkcs12Format) {
    let path = file.to_str().unwrap();
    let pass = format!("pass:{PASSWORD}");
    let info = run(
        "openssl",
        &["pkcs12", "-info", "-nokeys", "-in", path, "-passin", &pass],
    );
    let text = report(&info);
    assert!(info.status.success(), "openssl pkcs12 -info:\n{text}");
    let mac = match format {
        Pkcs12Format::Modern => "MAC: sha256",
        Pkcs12Format::Compatible => "MAC: sha1",
    };
    assert!(text.contains(mac), "{text}");
    assert_eq!(text.matches("BEGIN CERTIFICATE").count(), 3, "{text}");

    let list = run(
        "keytool",
        &[
            "-list",
            "-v",
            "-storetype",
            "PKCS12",
            "-keystore",
            path,
            "-storepass",
            PASSWORD,
        ],
    );
    let text = report(&list);
    assert!(list.status.success(), "keytool -list:\n{text}");
    assert!(text.contains(&format!("Alias name: {id}")), "{text}");
    assert!(text.contains("Entry type: PrivateKeyEntry"), "{text}");
    assert!(text.contains("Certificate chain length: 3"), "{text}");

    // The private key's modulus equals the certificate's.
    let dir = tempfile::tempdir().unwrap();
    let key_pem = dir.path().join("key.pem");
    let cert_pem = dir.path().join("cert.pem");
    let out = |p: &Path| p.to_str().unwrap().to_owned();
    let key = run(
        "openssl",
        &[
            "pkcs12",
            "-in",
            path,
            "-nocerts",
            "-nodes",
            "-passin",
            &pass,
            "-out",
            &out(&key_pem),
        ],
    );
    assert!(key.status.success(), "{}", report(&key));
    let cert = run(
        "openssl",
        &[
            "pkcs12",
            "-in",
            path,
            "-clcerts",
            "-nokeys",
            "-passin",
            &pass,
            "-out",
            &out(&cert_pem),
        ],
    );
    assert!(cert.status.success(), "{}", report(&cert));
    let key_modulus = run(
        "openssl",
        &["rsa", "-noout", "-modulus", "-in", &out(&key_pem)],
    );
    let cert_modulus = run(
        "openssl",
        &["x509", "-noout", "-modulus", "-in", &out(&cert_pem)],
    );
    assert!(key_modulus.status.success() && cert_modulus.status.success());
    assert!(key_modulus.stdout.starts_with(b"Modulus="));
    assert_eq!(key_modulus.stdout, cert_modulus.stdout);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

async fn issue_with_generated_keys(format: Pkcs12Format) {
    let sandbox = start().await;
    let person = citizen("approve");
    let client = Client::new(&sandbox.base, None).unwrap();

    let created = client
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    let code = sandbox.latest_code(person.phone.unwrap()).await;
    let session = client
        .verify_otp(
            &created.session_id,
            &OtpCode::parse(&code).unwrap(),
            &IdempotencyKey::new(),
        )
        .await
        .unwrap();
    client
        .upload_selfie(&session, jpeg(640, 480), "image/jpeg")
        .await
        .unwrap();
    let log = ChallengeLog {
        challenges: vec![
            ChallengeStep {
                kind: "turn_left".into(),
                started_ms: 500,
                completed_ms: 1400,
            },
            ChallengeStep {
                kind: "blink".into(),
                started_ms: 1800,
                completed_ms: 2500,
            },
        ],
    };
    client
        .upload_video(&session, avi(6_000), "video/x-msvideo", &log)
        .await
        .unwrap();
    client
        .set_pin(&session, &AccountPin::parse("402917").unwrap())
        .await
        .unwrap();
    for side in [DocumentSide::Front, DocumentSide::Back] {
        client
            .upload_document(&session, side, png(800, 500), "image/png")
            .await
            .unwrap();
    }
    client.document_data(&session).await.unwrap();
    client
        .confirm_document_data(&session, &IdempotencyKey::new())
        .await
        .unwrap();

    // The wizard's order: folder check, keys, save encrypted, then submit.
    let folder_root = tempfile::tempdir().unwrap();
    let folder = folder_root.path().join("ЭЦП");
    let check = preflight(&folder).unwrap();
    assert!(check.existing_key_files.is_empty());
    let email = "citizen@example.kz";
    let subject = Subject {
        surname: person.surname.to_owned(),
        given_name: person.given_name.to_owned(),
        patronymic: person.patronymic.map(str::to_owned),
        iin: person.iin.clone(),
        email: Some(Email::parse(email).unwrap()),
    };
    let keys = tokio::task::spawn_blocking(move || generate_key_set(&subject).unwrap())
        .await
        .unwrap();
    let password = KeyPassword::parse(PASSWORD).unwrap();
    let mut pending = save_pending(&folder, &keys, &password).unwrap();
    let request = CreateApplicationRequest {
        session_id: session.id.clone(),
        email: Some(email.into()),
        storage: StorageKind::Pkcs12,
        csr_auth: keys.csr_auth_pem().to_owned(),
        csr_sign: keys.csr_sign_pem().to_owned(),
        algorithm: Default::default(),
        csr: None,
    };
    let created = client
        .create_application(&session, &request, &IdempotencyKey::new())
        .await
        .unwrap();
    let number = ApplicationNumber::parse(&created.application_number).unwrap();
    pending.record_application(&number).unwrap();
    let (auth_id, sign_id) = (keys.auth_id().to_owned(), keys.sign_id().to_owned());
    drop(keys);
    drop(pending);

    // "Restart": the kit is found in the folder with its application number.
    let found = find_pending(&folder).unwrap();
    assert_eq!(found.len(), 1);
    let pending = &found[0];
    let number = pending.application_number().unwrap().clone();
    assert_eq!(
        client.application_status(&number).await.unwrap().status,
        ApplicationStatus::Issued
    );
    let certificates = client.certificates(&number).await.unwrap();
    let files = install(pending, &password, &certificates, format).unwrap();
    assert_eq!(
        files.files[0].path,
        folder.join(format!("AUTH_RSA256_{auth_id}.p12"))
    );
    assert_eq!(
        files.files[1].path,
        folder.join(format!("RSA256_{sign_id}.p12"))
    );
    assert!(find_pending(&folder).unwrap().is_empty());

    for (file, id, role) in [
        (&files.files[0].path, &auth_id, KeyRole::Auth),
        (&files.files[1].path, &sign_id, KeyRole::Sign),
    ] {
        check_file(file, id, format);
        let info = inspect_pkcs12(&std::fs::read(file).unwrap(), PASSWORD).unwrap();
        assert_eq!(info.role, Some(role));
        assert_eq!(info.iin.as_ref(), Some(&person.iin));
        assert_eq!(info.owner, Some(person.common_name()));
        assert_eq!(&info.key_id, id, "the sandbox's SKI names the file");
        assert_eq!(info.issuer, "Qoltanba Sandbox Issuing CA (TEST ONLY)");
        assert_eq!(info.key_matches_certificate, Some(true));
        assert!((364..=365).contains(&info.days_left), "{}", info.days_left);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_certificates_install_into_modern_pkcs12_files() {
    issue_with_generated_keys(Pkcs12Format::Modern).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_certificates_install_into_compatible_pkcs12_files() {
    issue_with_generated_keys(Pkcs12Format::Compatible).await;
}
