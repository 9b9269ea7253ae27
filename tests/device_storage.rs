//! Keys on a protected device, through the wizard, against SoftHSM2 tokens and the embedded
//! sandbox: the picker lists the tokens plugged in, a wrong PIN is explained, a factory PIN is
//! changed before use, a device pulled out is reported, and the whole path ends with two key
//! pairs and their certificates on the token — checked with OpenSC's `pkcs11-tool`. After the
//! application is sent (a restart, a refusal): `device_after_submit.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;
mod softhsm;
mod token_app;

use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::{devices, submit};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::token::{DeviceKind, PinState};

use common::{citizen_who, send};
use softhsm::{SoftHsm, block_on, isolated};
use token_app::{Object, PIN, config, connected, device, objects, pick, position, simulator};

/// "Pulls out" a SoftHSM2 token: its directory moves away (and comes back with `plug_in`).
fn pull_out(hsm: &SoftHsm, label: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    for entry in std::fs::read_dir(hsm.tokens()).unwrap() {
        let dir = entry.unwrap().path();
        let object = std::fs::read(dir.join("token.object")).unwrap_or_default();
        if String::from_utf8_lossy(&object).contains(label) {
            let away = hsm.dir.join("pulled-out");
            std::fs::rename(&dir, &away).unwrap();
            return (away, dir);
        }
    }
    panic!("no token directory for {label}");
}

#[test]
fn keys_are_made_on_the_token_and_the_certificates_written_next_to_them() {
    isolated(
        "keys_are_made_on_the_token_and_the_certificates_written_next_to_them",
        |hsm| block_on(the_whole_device_path(hsm)),
    );
}

async fn the_whole_device_path(hsm: &SoftHsm) {
    hsm.init_token("Citizen token", PIN);
    hsm.init_token("Spare token", "11112222");
    let keygen = |id: &str, label: &str| {
        hsm.pkcs11_tool(
            "Citizen token",
            &[
                "--login",
                "--pin",
                PIN,
                "--keypairgen",
                "--key-type",
                "rsa:1024",
                "--id",
                id,
                "--label",
                label,
            ],
        )
        .unwrap();
    };
    // What an interrupted attempt of ours left (a pair without a certificate), and another
    // application's key, which is never touched.
    keygen("99", "Qoltanba AUTH interrupted");
    keygen("0102", "Other application");

    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let person = citizen_who("approve");
    let lang = Language::Ru;
    let mut app = connected(config(lang, data.path(), &hsm.module), Step::Iin).await;
    journey::log_in(&mut app, person).await;
    journey::identify(&mut app, files.path()).await;
    journey::agree(&mut app, "citizen@example.kz").await;

    // Both tokens are listed (SoftHSM2's empty slot for new tokens is not a device), and a
    // device is offered first once one is plugged in.
    let mut labels: Vec<String> = app
        .snapshot()
        .devices
        .listed
        .into_iter()
        .filter(|token| token.kind == DeviceKind::SoftHsm)
        .map(|token| token.label)
        .collect();
    labels.sort();
    assert_eq!(labels, ["Citizen token", "Spare token"]);
    assert!(app.snapshot().devices.on_device);

    // A wrong PIN: told so, and the device's count-low flag shows in the list.
    pick(&mut app, "Citizen token").await;
    send(
        &mut app,
        device(devices::Message::PinChanged("00000000".into())),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Storage);
    assert_eq!(
        app.snapshot().devices.problem,
        Some(t!(lang, "token-error-wrong-pin-count-low"))
    );
    let citizen_token = &app.snapshot().devices.listed[position(&app, "Citizen token")];
    assert_eq!(citizen_token.pin_state, PinState::CountLow);

    // The right PIN: the key-password step is skipped.
    send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Submit,
        "{:?}",
        app.snapshot().devices.problem
    );
    assert!(app.snapshot().devices.session_open);
    // SoftHSM2 lists no GOST 2012-512 key pairs: RSA-2048 on it, and the submit step says why.
    assert_eq!(app.snapshot().devices.offers_gost, Some(false));
    let why = t!(lang, "storage-device-gost-none");
    {
        let mut ui = iced_test::Simulator::with_settings(
            iced::Settings {
                fonts: vec![
                    qoltanba::app::theme::FONT_REGULAR.into(),
                    qoltanba::app::theme::FONT_BOLD.into(),
                ],
                default_font: qoltanba::app::theme::FONT,
                ..iced::Settings::default()
            },
            app.view(),
        );
        assert!(ui.find(why.as_str()).is_ok(), "the submit step: {why}");
    }

    // The device is pulled out before the keys are made: the citizen is told, and plugs it
    // in again.
    let (away, home) = pull_out(hsm, "Citizen token");
    send(
        &mut app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(
        app.snapshot().application.submit_problem,
        Some(t!(lang, "token-error-removed"))
    );
    assert!(!app.snapshot().devices.session_open);
    assert_eq!(app.snapshot().application.number, None);
    std::fs::rename(&away, &home).unwrap();
    send(&mut app, Message::Back).await;
    assert_eq!(
        app.snapshot().step,
        Step::Storage,
        "back past the key password"
    );
    send(&mut app, device(devices::Message::Refresh)).await;
    pick(&mut app, "Citizen token").await;
    send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Submit,
        "{:?}",
        app.snapshot().devices.problem
    );

    send(
        &mut app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(app.snapshot().failure, None);
    assert_eq!(app.snapshot().application.submit_problem, None);
    assert!(app.snapshot().application.number.is_some());
    let stored = std::fs::read_to_string(data.path().join("progress.toml")).unwrap();
    assert!(
        stored.contains("Citizen token") && !stored.contains(PIN),
        "{stored}"
    );

    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().failure
    );
    assert_eq!(
        app.snapshot().devices.installed.map(|keys| keys.label),
        Some("Citizen token".to_owned())
    );
    assert!(
        !data.path().join("progress.toml").exists(),
        "nothing left to resume"
    );
    // Both RSA pairs were tried: signed on the token, verified with their certificates.
    assert_eq!(
        app.snapshot().devices.trials,
        [
            qoltanba_core::pki::KitTrial::Verified,
            qoltanba_core::pki::KitTrial::Verified
        ]
    );

    // On the token: two private keys of ours, never extractable, each with a certificate of
    // the same CKA_ID; the leftover is gone, the other application's key is still there.
    let objects = objects(hsm, "Citizen token", PIN);
    let ours = |kind: &str| -> Vec<&Object> {
        objects
            .iter()
            .filter(|o| o.kind.starts_with(kind) && o.label.starts_with("Qoltanba "))
            .collect()
    };
    let keys = ours("Private Key Object");
    let certificates = ours("Certificate Object");
    assert_eq!(keys.len(), 2, "{objects:#?}");
    assert_eq!(certificates.len(), 2, "{objects:#?}");
    for key in &keys {
        assert!(key.access.contains("never extractable"), "{key:?}");
        assert!(key.access.contains("sensitive"), "{key:?}");
        assert!(
            certificates
                .iter()
                .any(|c| c.id == key.id && c.label == key.label),
            "{key:?} has its certificate"
        );
    }
    assert!(keys.iter().any(|k| k.label.starts_with("Qoltanba AUTH ")));
    assert!(keys.iter().any(|k| k.label.starts_with("Qoltanba SIGN ")));
    assert!(!objects.iter().any(|o| o.id == "99"), "{objects:#?}");
    assert!(objects.iter().any(|o| o.label == "Other application"));
    let spare = self::objects(hsm, "Spare token", "11112222");
    assert!(spare.is_empty(), "{spare:#?}");
}

#[test]
fn the_picker_lists_both_tokens_with_their_state_in_kazakh_and_russian() {
    isolated(
        "the_picker_lists_both_tokens_with_their_state_in_kazakh_and_russian",
        |hsm| {
            block_on(async {
                hsm.init_token("Alpha", PIN);
                hsm.init_token("Beta", PIN);
                for lang in [Language::Kk, Language::Ru] {
                    let data = tempfile::tempdir().unwrap();
                    let mut app =
                        App::new(config(lang, data.path(), &hsm.module)).at(Step::Storage);
                    send(&mut app, device(devices::Message::Refresh)).await;
                    let tokens: Vec<_> = app
                        .snapshot()
                        .devices
                        .listed
                        .into_iter()
                        .filter(|token| token.kind == DeviceKind::SoftHsm)
                        .collect();
                    assert_eq!(tokens.len(), 2, "{tokens:#?}");
                    assert!(
                        app.snapshot().devices.on_device,
                        "a plugged-in device is offered first"
                    );
                    {
                        let mut ui = simulator(&app);
                        for token in &tokens {
                            ui.find(token.label.as_str()).unwrap();
                            ui.find(
                                t!(
                                    lang,
                                    "storage-device-serial",
                                    serial = token.serial.as_str()
                                )
                                .as_str(),
                            )
                            .unwrap();
                        }
                        ui.find(t!(lang, "pin-state-ok").as_str()).unwrap();
                        ui.find(t!(lang, "storage-device-list").as_str()).unwrap();
                    }

                    // Picking one asks for its PIN; a wrong one is explained in this language.
                    pick(&mut app, "Beta").await;
                    send(
                        &mut app,
                        device(devices::Message::PinChanged("99999999".into())),
                    )
                    .await;
                    send(&mut app, Message::Next).await;
                    let expected = t!(lang, "token-error-wrong-pin-count-low");
                    assert_eq!(
                        app.snapshot().devices.problem.as_deref(),
                        Some(expected.as_str())
                    );
                    {
                        let mut ui = simulator(&app);
                        ui.find(expected.as_str()).unwrap();
                        ui.find(t!(lang, "pin-state-count-low").as_str()).unwrap();
                    }
                    // Log in once so the next language starts from a clean count.
                    send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
                    send(&mut app, Message::Next).await;
                    assert_eq!(
                        app.snapshot().step,
                        Step::Submit,
                        "{:?}",
                        app.snapshot().devices.problem
                    );
                }
            });
        },
    );
}

#[test]
fn a_kaztoken_on_its_factory_pin_gets_a_new_pin_before_any_key_is_made() {
    isolated(
        "a_kaztoken_on_its_factory_pin_gets_a_new_pin_before_any_key_is_made",
        |hsm| {
            block_on(async {
                hsm.init_token("Kaztoken", "12345678");
                let data = tempfile::tempdir().unwrap();
                let lang = Language::Kk;
                let mut app = App::new(config(lang, data.path(), &hsm.module)).at(Step::Storage);
                send(&mut app, device(devices::Message::Refresh)).await;
                pick(&mut app, "Kaztoken").await;
                // SoftHSM2 says it is SoftHSM; the citizen says which device it is.
                let kaztoken = devices::KindChoice::new(lang, DeviceKind::Kaztoken);
                send(&mut app, device(devices::Message::KindPicked(kaztoken))).await;
                send(
                    &mut app,
                    device(devices::Message::PinChanged("12345678".into())),
                )
                .await;
                send(&mut app, Message::Next).await;

                assert_eq!(
                    app.snapshot().step,
                    Step::Storage,
                    "no keys on a factory PIN"
                );
                assert!(app.snapshot().devices.session_open);
                let warning = t!(lang, "storage-factory-pin", pin = "12345678");
                simulator(&app).find(warning.as_str()).unwrap();
                assert!(!app.can_continue());

                // The factory PIN again is refused before the device sees it.
                for message in [
                    devices::Message::NewPinChanged("12345678".into()),
                    devices::Message::RepeatChanged("12345678".into()),
                ] {
                    send(&mut app, device(message)).await;
                }
                assert!(!app.can_continue());
                simulator(&app)
                    .find(t!(lang, "token-error-new-pin-is-factory").as_str())
                    .unwrap();

                for message in [
                    devices::Message::NewPinChanged(PIN.into()),
                    devices::Message::RepeatChanged(PIN.into()),
                ] {
                    send(&mut app, device(message)).await;
                }
                assert!(app.can_continue());
                send(&mut app, Message::Next).await;
                assert_eq!(
                    app.snapshot().step,
                    Step::Submit,
                    "{:?}",
                    app.snapshot().devices.problem
                );

                // The device took the new PIN: it opens with it and no longer with the old.
                assert!(
                    hsm.pkcs11_tool("Kaztoken", &["--login", "--pin", PIN, "--list-objects"])
                        .is_ok()
                );
                assert!(
                    hsm.pkcs11_tool(
                        "Kaztoken",
                        &["--login", "--pin", "12345678", "--list-objects"]
                    )
                    .is_err()
                );
            });
        },
    );
}
