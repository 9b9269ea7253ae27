//! GOST 34.10-2015 keys ON a device, through the wizard, against the embedded sandbox. The
//! device is the test-only PKCS#11 module of crates/test-token (SoftHSM2 has no GOST 2012):
//! its module lists CKM_GOSTR3410_512_KEY_PAIR_GEN, so the wizard makes ONE GOST pair on it,
//! signs the request there, sends `algorithm: gost2015_512` with the one request, and — after
//! a restart, with the device pulled out and plugged in again in between — writes the one
//! certificate next to the key and tries it. The certificate is then checked with tools that
//! are not the app: OpenSC's `pkcs11-tool` reads it and the public key off the device and signs
//! a message there, and gost-engine (OpenSSL) verifies that signature with the certificate's
//! key. The RSA fallback on SoftHSM2 stays in device_storage.rs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;
mod softhsm;
mod test_token;
mod token_app;

use std::process::Command;

use qoltanba::app::Message;
use qoltanba::app::screen::{StepMessage, devices, install, submit, welcome};
use qoltanba::app::step::Step;
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::gost::{Signature, certificate_public_key};
use qoltanba_core::pki::KitTrial;
use qoltanba_core::protocol::KeyAlgorithm;
use qoltanba_core::token::PARAM_SET_A_512_DER;
use x509_parser::prelude::FromDer;

use common::{citizen_who, send};
use softhsm::block_on;
use test_token::urls::check_the_urls;
use test_token::{GostToken, isolated};
use token_app::{Object, PIN, config, connected, device, objects, pick, simulator};

const LABEL: &str = "GOST token";

#[test]
fn a_gost_kit_is_made_on_a_gost_device_and_its_certificate_installed_after_a_restart() {
    isolated(
        "a_gost_kit_is_made_on_a_gost_device_and_its_certificate_installed_after_a_restart",
        |token| block_on(gost_on_the_device(token, Language::Ru)),
    );
}

async fn gost_on_the_device(token: &GostToken, lang: Language) {
    token.create(LABEL, "GT-0001", PIN);
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let person = citizen_who("approve");
    {
        let mut app = connected(config(lang, data.path(), &token.module), Step::Iin).await;
        journey::log_in(&mut app, person).await;
        journey::identify(&mut app, files.path()).await;
        journey::agree(&mut app, "citizen@example.kz").await;
        simulator(&app)
            .find(t!(lang, "storage-device-key-rule").as_str())
            .unwrap();
        // A wrong PIN is refused by the module and explained.
        pick(&mut app, LABEL).await;
        send(
            &mut app,
            device(devices::Message::PinChanged("00000000".into())),
        )
        .await;
        send(&mut app, Message::Next).await;
        assert_eq!(
            app.snapshot().devices.problem,
            Some(t!(lang, "token-error-wrong-pin-count-low"))
        );
        send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
        send(&mut app, Message::Next).await;
        assert_eq!(
            app.snapshot().step,
            Step::Submit,
            "{:?}",
            app.snapshot().devices.problem
        );
        // The module lists GOST 2012-512 key pairs: GOST on it, and the step says so.
        assert_eq!(app.snapshot().devices.offers_gost, Some(true));
        {
            let mut ui = simulator(&app);
            ui.find(t!(lang, "storage-device-gost-on-device").as_str())
                .unwrap();
            ui.find(t!(lang, "submit-intro-gost").as_str()).unwrap();
        }
        send(
            &mut app,
            Message::Step(StepMessage::Submit(submit::Message::Start)),
        )
        .await;
        assert_eq!(app.snapshot().failure, None);
        assert_eq!(app.snapshot().application.submit_problem, None);
        assert!(app.snapshot().application.number.is_some());
        // The record: which device and which one key (a GOST pair); no PIN.
        let stored = std::fs::read_to_string(data.path().join("progress.toml")).unwrap();
        assert!(stored.contains("algorithm = \"gost2015_512\""), "{stored}");
        assert!(!stored.contains(PIN), "{stored}");
        // The app closes before installing.
    }
    let waiting = objects(&token.as_hsm(), LABEL, PIN);
    let ours = |objects: &[Object], kind: &str| -> usize {
        objects
            .iter()
            .filter(|o| o.kind.starts_with(kind) && o.label.starts_with("Qoltanba AUTH "))
            .count()
    };
    assert_eq!(ours(&waiting, "Private Key Object"), 1, "{waiting:#?}");
    assert_eq!(ours(&waiting, "Public Key Object"), 1, "{waiting:#?}");
    assert_eq!(ours(&waiting, "Certificate Object"), 0, "{waiting:#?}");
    let listing = token
        .as_hsm()
        .pkcs11_tool(LABEL, &["--login", "--pin", PIN, "--list-objects"])
        .unwrap();
    for kind in [
        "Private Key Object; GOSTR3410-2012-512",
        "Public Key Object; GOSTR3410-2012-512",
    ] {
        assert!(listing.contains(kind), "{listing}");
    }
    let private = waiting
        .iter()
        .find(|o| o.kind == "Private Key Object")
        .unwrap();
    assert!(private.access.contains("never extractable"), "{listing}");
    assert!(private.access.contains("sensitive"), "{listing}");

    // Pulled out and plugged in again: the module keeps its objects.
    token.pull_out();
    token.plug_in();

    let mut app = connected(config(lang, data.path(), &token.module), Step::Welcome).await;
    assert!(app.snapshot().resume_offered);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(welcome::Message::Activate(
            welcome::Action::Resume,
        ))),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::Install);
    for message in [
        install::Message::DevicePinChanged(PIN.into()),
        install::Message::Start,
    ] {
        send(&mut app, Message::Step(StepMessage::Install(message))).await;
    }
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().application.install_problem
    );
    let installed = app.snapshot().devices.installed.unwrap();
    assert_eq!(installed.algorithm, KeyAlgorithm::Gost2015_512);
    assert_eq!(installed.auth, installed.sign, "one pair");
    // Tried: signed on the device, verified with the certificate.
    assert_eq!(app.snapshot().devices.trials, [KitTrial::Verified]);
    {
        let mut ui = simulator(&app);
        ui.find(t!(lang, "done-next-gost").as_str()).unwrap();
        let tried = format!(
            "{}\n{} — {}",
            t!(lang, "done-key-tried-gost"),
            t!(lang, "done-key-gost"),
            t!(lang, "done-key-tried-ok")
        );
        ui.find(tried.as_str()).unwrap();
    }

    // On the device: the one pair, never extractable, and its certificate (same CKA_ID).
    let listed = objects(&token.as_hsm(), LABEL, PIN);
    assert_eq!(ours(&listed, "Certificate Object"), 1, "{listed:#?}");
    let key = listed
        .iter()
        .find(|o| o.kind.starts_with("Private Key Object"))
        .unwrap();
    assert!(
        listed
            .iter()
            .any(|o| o.kind.starts_with("Certificate") && o.id == key.id)
    );
    assert_eq!(key.id, installed.auth.id);
    check_the_certificate(token, &key.id);
    let service = app.snapshot().service.url.unwrap();
    let certificate = std::fs::read(token.dir.join("certificate.der")).unwrap();
    check_the_urls(token, &certificate, service.trim_end_matches('/'));

    // `qoltanba tokens` lists the device.
    let listing = qoltanba::tokens::run(std::slice::from_ref(&token.module), lang);
    assert!(listing.contains(LABEL), "{listing}");
}

#[test]
fn a_gost_pair_stays_for_a_retry_and_goes_only_when_the_service_refuses_it_for_good() {
    isolated(
        "a_gost_pair_stays_for_a_retry_and_goes_only_when_the_service_refuses_it_for_good",
        |token| block_on(kept_or_removed(token)),
    );
}

/// In Kazakh: the service cannot be reached (the one GOST pair stays, for the same request);
/// it refuses the request for good (the pair goes); Retry makes a new pair and the service
/// takes it; the done screen after installing says the device's key was tried.
async fn kept_or_removed(token: &GostToken) {
    use qoltanba_core::client::{Client, ClientError};
    use qoltanba_core::protocol::{ErrorCode, FaultSettings};
    token.create(LABEL, "GT-0002", PIN);
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let lang = Language::Kk;
    let mut app = connected(config(lang, data.path(), &token.module), Step::Iin).await;
    journey::log_in(&mut app, citizen_who("approve")).await;
    journey::identify(&mut app, files.path()).await;
    journey::agree(&mut app, "").await;
    pick(&mut app, LABEL).await;
    send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Submit);
    let ours = || {
        objects(&token.as_hsm(), LABEL, PIN)
            .into_iter()
            .filter(|o| o.label.starts_with("Qoltanba "))
            .count()
    };

    let sandbox = Client::new(&app.snapshot().service.url.unwrap(), None).unwrap();
    let unreachable = FaultSettings {
        error_rate: 1.0,
        ..FaultSettings::default()
    };
    sandbox.sandbox_set_faults(&unreachable).await.unwrap();
    send(
        &mut app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(app.snapshot().failure, Some(t!(lang, "error-unavailable")));
    assert_eq!(ours(), 2, "one GOST pair, public and private halves");

    let refusal = ClientError::Api {
        code: ErrorCode::CsrSubjectMismatch,
        message: "test".into(),
        retry_after: None,
    };
    send(
        &mut app,
        Message::Step(StepMessage::Submit(submit::Message::Submitted(Err(
            refusal,
        )))),
    )
    .await;
    assert_eq!(
        app.snapshot().application.submit_problem,
        Some(t!(lang, "submit-device-keys-removed"))
    );
    assert_eq!(ours(), 0);

    sandbox
        .sandbox_set_faults(&FaultSettings::default())
        .await
        .unwrap();
    send(&mut app, Message::Retry).await;
    assert_eq!(app.snapshot().failure, None);
    assert!(app.snapshot().application.number.is_some());
    assert_eq!(ours(), 2);
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().application.install_problem
    );
    assert_eq!(app.snapshot().devices.trials, [KitTrial::Verified]);
    assert_eq!(ours(), 3, "the pair and its certificate");
    simulator(&app)
        .find(t!(lang, "done-next-gost").as_str())
        .unwrap();
}

/// The certificate the sandbox issued, as OpenSC reads it off the device: GOST, its key the
/// device's public key object, the device key store in its key-store extension; and a message
/// signed on the device (OpenSC, the token's combined mechanism) verifies with its key in
/// gost-engine and in our code.
fn check_the_certificate(token: &GostToken, id: &str) {
    let hsm = token.as_hsm();
    let dir = &token.dir;
    let certificate_file = dir.join("certificate.der");
    hsm.pkcs11_tool(
        LABEL,
        &[
            "--read-object",
            "--type",
            "cert",
            "--id",
            id,
            "--output-file",
            certificate_file.to_str().unwrap(),
        ],
    )
    .unwrap();
    let der = std::fs::read(&certificate_file).unwrap();
    let (_, certificate) = x509_parser::certificate::X509Certificate::from_der(&der).unwrap();
    let public = certificate_public_key(&certificate).expect("a GOST certificate");
    // The key-store extension 1.2.398.3.3.5 names the device store 1.2.398.3.3.5.2.1.
    let key_store = certificate
        .extensions()
        .iter()
        .find(|e| e.oid.to_id_string() == "1.2.398.3.3.5")
        .expect("the key-store extension");
    let device_store = [0x06, 0x08, 0x2a, 0x83, 0x0e, 0x03, 0x03, 0x05, 0x02, 0x01];
    assert!(
        key_store
            .value
            .windows(device_store.len())
            .any(|w| w == device_store),
        "{:02x?}",
        key_store.value
    );
    // The device's public key object, as OpenSC prints it (VALUE: hex over several lines).
    let listing = hsm
        .pkcs11_tool(LABEL, &["--list-objects", "--type", "pubkey", "--id", id])
        .unwrap();
    let value: String = listing
        .lines()
        .skip_while(|line| !line.trim_start().starts_with("VALUE:"))
        .take_while(|line| line.trim_start().starts_with("VALUE:") || !line.contains(':'))
        .map(|line| line.trim().trim_start_matches("VALUE:").trim().to_owned())
        .collect();
    assert_eq!(value, hex(&public.to_le_bytes()), "{listing}");

    // Signed on the device by OpenSC (s_BE ‖ r_BE, PKCS#11's layout = RFC 4491's).
    let message = dir.join("message.txt");
    let signature_file = dir.join("signature.bin");
    std::fs::write(&message, "Qoltanba: a message signed on the GOST device").unwrap();
    hsm.pkcs11_tool(
        LABEL,
        &[
            "--login",
            "--pin",
            PIN,
            "--sign",
            "--mechanism",
            "GOSTR3410-WITH-GOSTR3411-12-512",
            "--id",
            id,
            "--input-file",
            message.to_str().unwrap(),
            "--output-file",
            signature_file.to_str().unwrap(),
        ],
    )
    .unwrap();
    let signature = std::fs::read(&signature_file).unwrap();
    let text = std::fs::read(&message).unwrap();
    let ours = Signature::from_rfc_bytes(&signature).unwrap();
    assert!(
        public.verify(&text, &ours),
        "our code verifies the device's signature"
    );
    let mut tampered = text.clone();
    tampered[0] ^= 1;
    assert!(!public.verify(&tampered, &ours));

    // gost-engine, with the key re-wrapped under the Russian OIDs it reads.
    let engine = Command::new("openssl").args(["engine", "gost"]).output();
    if !engine.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: gost-engine is not installed (apt-get install libengine-gost-openssl)");
        return;
    }
    std::fs::write(dir.join("public.der"), russian_spki(&public.to_le_bytes())).unwrap();
    let output = Command::new("openssl")
        .current_dir(dir)
        .args([
            "dgst",
            "-engine",
            "gost",
            "-md_gost12_512",
            "-verify",
            "public.der",
            "-keyform",
            "DER",
            "-signature",
            "signature.bin",
            "message.txt",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("Verified OK"),
        "gost-engine: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// SubjectPublicKeyInfo { id-tc26-gost3410-12-512 { paramSetA }, BIT STRING { OCTET STRING
/// x_LE ‖ y_LE } }, DER, written out by hand (the bytes are few and fixed).
fn russian_spki(point: &[u8; 128]) -> Vec<u8> {
    let algorithm_oid = [0x06, 0x08, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x01, 0x02];
    let mut parameters = vec![0x30, PARAM_SET_A_512_DER.len() as u8];
    parameters.extend_from_slice(PARAM_SET_A_512_DER);
    let mut algorithm = vec![0x30, (algorithm_oid.len() + parameters.len()) as u8];
    algorithm.extend_from_slice(&algorithm_oid);
    algorithm.extend_from_slice(&parameters);
    let mut bits = vec![0x03, 0x81, 0x84, 0x00, 0x04, 0x81, 0x80];
    bits.extend_from_slice(point);
    let mut spki = vec![0x30, 0x81, (algorithm.len() + bits.len()) as u8];
    spki.extend(algorithm);
    spki.extend(bits);
    spki
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
