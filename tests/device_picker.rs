//! The device picker's states that SoftHSM2 cannot produce (it never reports "final try" or
//! "locked"): devices with those flags are handed to the wizard as a scan would, and the screen
//! is read through iced's simulator in Russian and Kazakh.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::path::PathBuf;

use iced::Settings;
use iced_test::Simulator;
use iced_test::selector::id;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::{devices, storage};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, explain, theme};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::token::devices::Listing;
use qoltanba_core::token::{
    DeviceError, DeviceKind, ModuleProblem, PinLength, PinState, ProblemKind, TokenError,
    TokenFlags, TokenInfo,
};

use common::{config, send};

fn token(label: &str, serial: &str, flags: TokenFlags) -> TokenInfo {
    TokenInfo {
        module: PathBuf::from("/usr/lib/libvendor-pkcs11.so"),
        slot_id: serial.len() as u64,
        slot_description: "Reader 0".into(),
        label: label.into(),
        manufacturer: "Maker".into(),
        model: "Model 1".into(),
        serial: serial.into(),
        kind: DeviceKind::Kaztoken,
        flags,
        pin_state: PinState::from_flags(flags),
        pin_length: PinLength { min: 4, max: 16 },
    }
}

fn ready() -> TokenFlags {
    TokenFlags {
        token_initialized: true,
        user_pin_initialized: true,
        login_required: true,
        ..TokenFlags::default()
    }
}

fn listing() -> Listing {
    Listing {
        tokens: vec![
            token(
                "Locked one",
                "L1",
                TokenFlags {
                    user_pin_locked: true,
                    ..ready()
                },
            ),
            token(
                "Last chance",
                "F22",
                TokenFlags {
                    user_pin_final_try: true,
                    user_pin_count_low: true,
                    ..ready()
                },
            ),
            token(
                "Blank",
                "B333",
                TokenFlags {
                    token_initialized: false,
                    ..TokenFlags::default()
                },
            ),
        ],
        problems: vec![ModuleProblem {
            path: PathBuf::from("/opt/missing-pkcs11.so"),
            kind: ProblemKind::NotFound,
        }],
    }
}

fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_settings(
        Settings {
            fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
            default_font: theme::FONT,
            ..Settings::default()
        },
        app.view(),
    )
}

fn device(message: devices::Message) -> Message {
    Message::Step(StepMessage::Storage(storage::Message::Device(message)))
}

#[tokio::test]
async fn locked_final_try_and_unprepared_devices_say_what_to_do() {
    for lang in [Language::Ru, Language::Kk] {
        let data = tempfile::tempdir().unwrap();
        let mut app = App::new(config(lang, &data, None)).at(Step::Storage);
        send(
            &mut app,
            Message::Step(StepMessage::Storage(storage::Message::Listed(listing()))),
        )
        .await;
        assert!(
            app.snapshot().devices.on_device,
            "a listed device is offered first"
        );
        {
            let mut ui = simulator(&app);
            for text in [
                t!(lang, "pin-state-locked"),
                t!(lang, "pin-state-final-try"),
                t!(lang, "pin-state-token-not-initialised"),
                "Locked one".into(),
                "Last chance".into(),
            ] {
                ui.find(text.as_str()).unwrap();
            }
            let note = format!(
                "{}\n{}",
                t!(lang, "storage-device-problems"),
                t!(
                    lang,
                    "module-problem-not-found",
                    path = "/opt/missing-pkcs11.so"
                )
            );
            ui.find(note.as_str()).unwrap();
        }

        // Locked: what to do is said, no PIN is asked, Next stays off.
        send(&mut app, device(devices::Message::Picked(0))).await;
        send(
            &mut app,
            device(devices::Message::PinChanged("1234".into())),
        )
        .await;
        assert!(!app.can_continue());
        {
            let mut ui = simulator(&app);
            ui.find(t!(lang, "pin-advice-locked").as_str()).unwrap();
            assert!(ui.find(id(devices::PIN_ID)).is_err(), "no PIN field");
        }

        // Final try: the warning is shown and the PIN may still be tried.
        send(&mut app, device(devices::Message::Picked(1))).await;
        {
            let mut ui = simulator(&app);
            ui.find(id(devices::PIN_ID)).unwrap();
            ui.find(t!(lang, "pin-advice-final-try").as_str()).unwrap();
            ui.find(t!(lang, "storage-pin-hint").as_str()).unwrap();
        }
        assert!(!app.can_continue(), "no PIN typed yet");
        send(&mut app, device(devices::Message::PinChanged("12".into()))).await;
        assert!(!app.can_continue(), "shorter than the device accepts");
        simulator(&app)
            .find(t!(lang, "token-error-pin-length", min = 4, max = 16).as_str())
            .unwrap();
        send(
            &mut app,
            device(devices::Message::PinChanged("2468".into())),
        )
        .await;
        assert!(app.can_continue());

        // Not prepared: the vendor's tool is named, nothing can be typed.
        send(&mut app, device(devices::Message::Picked(2))).await;
        assert!(!app.can_continue());
        simulator(&app)
            .find(t!(lang, "pin-advice-token-not-initialised").as_str())
            .unwrap();

        // The device went away: it is no longer picked.
        send(
            &mut app,
            Message::Step(StepMessage::Storage(storage::Message::Listed(
                Listing::default(),
            ))),
        )
        .await;
        assert!(!app.can_continue());
        simulator(&app)
            .find(t!(lang, "storage-device-none").as_str())
            .unwrap();
    }
}

#[test]
fn each_pin_failure_has_its_own_words() {
    let lang = Language::Kk;
    let said = |error: TokenError| explain::device(lang, &DeviceError::Token(error));
    assert_eq!(
        said(TokenError::WrongPin {
            count_low: false,
            final_try: false
        }),
        t!(lang, "token-error-wrong-pin")
    );
    assert_eq!(
        said(TokenError::WrongPin {
            count_low: true,
            final_try: false
        }),
        t!(lang, "token-error-wrong-pin-count-low")
    );
    assert_eq!(
        said(TokenError::WrongPin {
            count_low: true,
            final_try: true
        }),
        t!(lang, "token-error-wrong-pin-final-try")
    );
    assert_eq!(
        said(TokenError::PinLocked),
        t!(lang, "token-error-pin-locked")
    );
    assert_eq!(
        said(TokenError::TokenRemoved),
        t!(lang, "token-error-removed")
    );
    let texts = [
        said(TokenError::WrongPin {
            count_low: false,
            final_try: false,
        }),
        said(TokenError::PinLocked),
        said(TokenError::PinExpired),
        said(TokenError::TokenRemoved),
        said(TokenError::DeviceFull),
        said(TokenError::WriteProtected),
    ];
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            assert_ne!(a, b);
        }
    }
}
