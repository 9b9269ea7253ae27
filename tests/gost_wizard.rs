//! A GOST kit end to end in the wizard, in Russian and in Kazakh, against the embedded
//! sandbox: the key type left at its default (GOST 34.10-2015), one key pair made and saved
//! encrypted before the application leaves, one request sent (`algorithm: gost2015_512`),
//! and one `GOST512_<SKI>.p12` installed from the one certificate. The file is read back by
//! our reader and by `openssl pkcs12 -legacy -info`; the done screen says the key was tried.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;

use std::process::Command;

use common::{citizen_who, connected_app, send};
use iced::Settings;
use iced_test::Simulator;
use journey::{agree, identify, log_in};
use qoltanba::app::screen::{StepMessage, key_password, storage, submit};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::pki::inspect::{PublicKeyKind, inspect_pkcs12};
use qoltanba_core::pki::{KitTrial, try_kit};
use qoltanba_core::protocol::KeyAlgorithm;

const PASSWORD: &str = "Qoltanba2026";

/// The storage step with the key type untouched (GOST is the default), the password, the
/// application, then Next to the installation and the done screen.
async fn issue_a_gost_kit(app: &mut App, folder: &std::path::Path) {
    send(
        app,
        Message::Step(StepMessage::Storage(storage::Message::FolderChanged(
            folder.display().to_string(),
        ))),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::KeyPassword);
    for message in [
        key_password::Message::PasswordChanged(PASSWORD.into()),
        key_password::Message::RepeatChanged(PASSWORD.into()),
    ] {
        send(app, Message::Step(StepMessage::KeyPassword(message))).await;
    }
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Submit);
    send(
        app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(app.snapshot().failure, None);
    assert!(app.snapshot().application.number.is_some());
    // Before the certificate: one encrypted key and the manifest, nothing in the clear.
    let mut waiting: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    waiting.sort();
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    assert!(
        waiting[0].starts_with("GOST512_") && waiting[0].ends_with(".pending.pem"),
        "{waiting:?}"
    );
    let pending = std::fs::read_to_string(folder.join(&waiting[0])).unwrap();
    assert!(pending.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    let manifest = std::fs::read_to_string(folder.join(&waiting[1])).unwrap();
    assert!(
        manifest.contains("\"algorithm\": \"gost2015_512\""),
        "{manifest}"
    );
    assert!(manifest.contains("\"request_key\""), "{manifest}");
    assert!(manifest.contains("BEGIN CERTIFICATE REQUEST"), "{manifest}");

    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().application.install_problem
    );
}

/// `openssl pkcs12 -legacy -info` on the file: the MAC and both bags, НУЦ's protection.
fn openssl_info(file: &std::path::Path) -> String {
    let output = Command::new("openssl")
        .args(["pkcs12", "-legacy", "-info", "-nokeys", "-in"])
        .arg(file)
        .args(["-passin", &format!("pass:{PASSWORD}")])
        .output()
        .expect("the openssl command (scripts/test installs it)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "openssl refused the kit: {report}");
    report
}

/// The app on the done screen after the wizard issued a GOST kit into `keys/ЭЦП` (ЭЦҚ in
/// Kazakh); the folders live as long as the returned ones.
async fn issued(lang: Language) -> (App, std::path::PathBuf, [tempfile::TempDir; 3]) {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let name = if lang == Language::Kk {
        "ЭЦҚ"
    } else {
        "ЭЦП"
    };
    let folder = keys.path().join(name);
    let person = citizen_who("approve");
    let mut app = connected_app(&data, lang, Step::Iin).await;
    log_in(&mut app, person).await;
    identify(&mut app, files.path()).await;
    agree(&mut app, "citizen@example.kz").await;
    issue_a_gost_kit(&mut app, &folder).await;
    (app, folder, [data, files, keys])
}

fn settings() -> Settings {
    Settings {
        fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
        default_font: theme::FONT,
        ..Settings::default()
    }
}

async fn a_gost_kit_in(lang: Language) {
    let (app, folder, _dirs) = issued(lang).await;
    let person = citizen_who("approve");

    let installed = app.snapshot().application.installed_files.unwrap();
    assert_eq!(installed.algorithm, KeyAlgorithm::Gost2015_512);
    assert_eq!(installed.files.len(), 1, "one file for login and signing");
    let file = &installed.files[0];
    assert_eq!(file.trial, KitTrial::Verified);
    let name = file
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec![name.clone()], "only the kit remains");

    // Our reader: the owner, the IIN, a GOST key that matches the certificate, named by SKI.
    let bytes = std::fs::read(&file.path).unwrap();
    let info = inspect_pkcs12(&bytes, PASSWORD).unwrap();
    assert_eq!(name, format!("GOST512_{}.p12", info.key_id));
    assert_eq!(info.public_key, PublicKeyKind::Gost);
    assert_eq!(info.key_matches_certificate, Some(true));
    assert_eq!(info.iin.as_ref(), Some(&person.iin));
    assert_eq!(info.email.as_deref(), Some("citizen@example.kz"));
    assert_eq!(try_kit(&bytes, PASSWORD).unwrap(), KitTrial::Verified);
    assert!(inspect_pkcs12(&bytes, "Wrong1pass").is_err());

    // OpenSSL parses it, with НУЦ's protection.
    let report = openssl_info(&file.path);
    assert!(report.contains("MAC: sha1"), "{report}");
    assert!(
        report.contains("3-KeyTripleDES-CBC, Iteration 1024"),
        "{report}"
    );
    assert!(report.contains("40BitRC2-CBC, Iteration 1024"), "{report}");
    assert!(report.contains("BEGIN CERTIFICATE"), "{report}");

    // The done screen says the one GOST key was tried.
    let said = format!(
        "{}\n{} — {}",
        t!(lang, "done-key-tried-gost"),
        t!(lang, "done-key-gost"),
        t!(lang, "done-key-tried-ok")
    );
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find(said.as_str()).is_ok(), "the done screen: {said}");
    assert!(
        ui.find(t!(lang, "done-next-gost").as_str()).is_ok(),
        "one key for both"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wizard_issues_a_gost_kit_in_russian() {
    a_gost_kit_in(Language::Ru).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wizard_issues_a_gost_kit_in_kazakh() {
    a_gost_kit_in(Language::Kk).await;
}

/// Writes docs/screenshots pictures of the storage step's key-type choice and of the done
/// screen after the wizard issued a GOST kit, in ru and kk (iced_test's tiny-skia renderer;
/// the file name gets the renderer's suffix). Run on purpose:
/// `cargo test -p qoltanba --test gost_wizard -- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by hand"]
async fn render_screenshots() -> Result<(), iced_test::Error> {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    for (lang, code) in [(Language::Ru, "ru"), (Language::Kk, "kk")] {
        let data = tempfile::tempdir().unwrap();
        let mut app = App::new(common::config(lang, &data, None)).at(Step::Storage);
        send(
            &mut app,
            Message::Step(StepMessage::Storage(storage::Message::FolderChanged(
                "/home/aigerim/Documents/Qoltanba".into(),
            ))),
        )
        .await;
        let mut ui = Simulator::with_settings(settings(), app.view());
        let _ = ui
            .snapshot(&theme::theme())?
            .matches_image(out.join(format!("storage-key-type-{code}.png")))?;

        let (app, _folder, _dirs) = issued(lang).await;
        let mut ui = Simulator::with_settings(settings(), app.view());
        let _ = ui
            .snapshot(&theme::theme())?
            .matches_image(out.join(format!("done-gost-{code}.png")))?;
    }
    Ok(())
}
