//! ЦОН kiosk mode: the on-screen keypad alone gets a visitor through the IIN and the SMS code;
//! a visitor who walks away halfway is asked, then wiped; the operator code guards the panel.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod softhsm;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use iced::Settings;
use iced_test::{Error, Simulator};

use common::{camera_until, citizen_who, config, run, send};
use qoltanba::app::kiosk::fields::Field;
use qoltanba::app::kiosk::keypad::{self, Key};
use qoltanba::app::kiosk::{self, operator};
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::otp;
use qoltanba::app::screen::{devices, storage};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::config::{CameraChoice, Config};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::kiosk::code::CodeHash;
use qoltanba_core::token::{TokenError, TokenPin};
use softhsm::{block_on, isolated};

const OPERATOR_CODE: &str = "482913";

fn kiosk_config(data: &tempfile::TempDir, lang: Language) -> Config {
    let mut config = config(lang, data, None);
    config.kiosk = true;
    config.camera = CameraChoice::Synthetic;
    config.operator_code = Some(CodeHash::new(OPERATOR_CODE).unwrap());
    config.settings_path = Some(data.path().join("settings.toml"));
    config
}

/// A kiosk on its first screen, connected to its own embedded sandbox.
async fn kiosk_app(data: &tempfile::TempDir, lang: Language) -> App {
    let mut app = App::new(kiosk_config(data, lang));
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(app.is_service_ready(), "the embedded sandbox did not start");
    assert!(app.is_kiosk());
    assert_eq!(app.step(), Step::Welcome);
    app
}

fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings {
            fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
            default_font: theme::FONT,
            ..Settings::default()
        },
        iced::Size::new(1920.0, 1080.0),
        app.view(),
    )
}

/// Touches what carries `label` on the screen and delivers what that produced.
async fn touch(app: &mut App, label: &str) -> Result<(), Error> {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        let _ = ui.click(label)?;
        ui.into_messages().collect()
    };
    for message in messages {
        send(app, message).await;
    }
    Ok(())
}

/// Presses one key of the on-screen keypad (found by its id: its label may also be the value
/// typed so far).
async fn press(app: &mut App, key: Key) -> Result<(), Error> {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        let _ = ui.click(iced_test::selector::id(keypad::key_id(key)))?;
        ui.into_messages().collect()
    };
    for message in messages {
        send(app, message).await;
    }
    Ok(())
}

/// From the first screen through the camera check to the IIN, by touch.
async fn start_application(app: &mut App, lang: Language) -> Result<(), Error> {
    touch(app, &t!(lang, "welcome-start")).await?;
    assert_eq!(app.step(), Step::CameraCheck);
    assert!(
        camera_until(app, Duration::from_secs(20), App::can_continue).await,
        "the synthetic camera did not get there in time"
    );
    touch(app, &t!(lang, "nav-next")).await?;
    assert_eq!(app.step(), Step::Iin);
    Ok(())
}

/// Every file under `dir` (but the sandbox's own store, which stands in for the remote
/// service) with its contents.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path == dir.join("sandbox") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                found.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_on_screen_keypad_alone_completes_the_iin_and_the_sms_code() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let lang = Language::Kk;
    let mut app = kiosk_app(&data, lang).await;
    start_application(&mut app, lang).await?;

    let person = citizen_who("approve");
    let iin = person.iin.to_string();
    assert_eq!(app.keypad_field(), Some(Field::Iin));
    // A slip of the finger, taken back with the keypad's own Delete.
    press(&mut app, Key::Char('7')).await?;
    press(&mut app, Key::Backspace).await?;
    assert_eq!(app.field_text(Field::Iin), "");
    for digit in iin.chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    assert_eq!(app.field_text(Field::Iin), iin);
    touch(&mut app, &t!(lang, "nav-next")).await?;
    assert_eq!(app.step(), Step::Otp, "{:?}", app.failure_text());

    send(&mut app, Message::Tick).await;
    let code = app.visible_sms().expect("the sandbox SMS").code.clone();
    assert_eq!(app.keypad_field(), Some(Field::Otp));
    for digit in code.chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    assert_eq!(app.field_text(Field::Otp), code);
    touch(&mut app, &t!(lang, "nav-next")).await?;
    assert_eq!(app.step(), Step::Selfie, "{:?}", app.failure_text());
    assert!(app.session_id().is_some());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_who_walks_away_halfway_is_asked_then_wiped() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let lang = Language::Ru;
    let mut app = kiosk_app(&data, lang).await;
    let before = files(data.path());
    let began = Instant::now();

    // Halfway: the IIN and the SMS code by keypad, the selfie by the (synthetic) camera.
    send(&mut app, Message::LanguagePicked(Language::Kk)).await;
    start_application(&mut app, Language::Kk).await?;
    let person = citizen_who("approve");
    for digit in person.iin.to_string().chars() {
        send(
            &mut app,
            Message::Kiosk(kiosk::Message::Key(Key::Char(digit))),
        )
        .await;
    }
    send(&mut app, Message::Next).await;
    send(&mut app, Message::Tick).await;
    let code = app.visible_sms().unwrap().code.clone();
    for digit in code.chars() {
        send(
            &mut app,
            Message::Kiosk(kiosk::Message::Key(Key::Char(digit))),
        )
        .await;
    }
    send(&mut app, Message::Next).await;
    assert_eq!(app.step(), Step::Selfie, "{:?}", app.failure_text());
    assert!(
        camera_until(&mut app, Duration::from_secs(20), App::selfie_sent).await,
        "the selfie was not taken and sent in time"
    );
    let held = app.visitor_data();
    for piece in ["iin", "session", "selfie", "camera", "sms inbox"] {
        assert!(
            held.contains(&piece),
            "{piece} is not held halfway: {held:?}"
        );
    }

    // The visitor walks away. Ticks come with the time they are delivered at.
    // Their last touch (the event subscription turns every touch into this message).
    send(&mut app, Message::Kiosk(kiosk::Message::Activity)).await;
    let quiet = Instant::now();
    let timeout = kiosk_config(&data, lang).idle_timeout;
    send(
        &mut app,
        Message::Kiosk(kiosk::Message::Tick(quiet + timeout / 2)),
    )
    .await;
    assert_eq!(app.kiosk_warning(), None, "too early to ask");
    send(
        &mut app,
        Message::Kiosk(kiosk::Message::Tick(
            quiet + timeout - Duration::from_secs(10),
        )),
    )
    .await;
    let left = app.kiosk_warning().expect("the question is asked");
    assert!((9..=11).contains(&left), "{left} s left");
    {
        let mut ui = simulator(&app);
        let _ = ui.find(t!(Language::Kk, "kiosk-idle-title").as_str())?;
    }
    send(
        &mut app,
        Message::Kiosk(kiosk::Message::Tick(
            quiet + timeout + Duration::from_secs(1),
        )),
    )
    .await;

    assert_eq!(app.step(), Step::Welcome);
    assert_eq!(app.language(), lang, "back to the kiosk's own language");
    assert_eq!(app.kiosk_warning(), None);
    assert_eq!(app.visitor_data(), Vec::<&str>::new());
    assert!(!app.camera_active(), "the camera is released");
    assert_eq!(app.session_id(), None);
    assert_eq!(app.keypad_field(), None);
    assert!(
        app.is_service_ready(),
        "the service connection is the kiosk's, kept"
    );

    // An answer for the visitor who left (a slow reply, a late frame) is dropped.
    send(
        &mut app,
        Message::Visit(
            0,
            Box::new(Message::Step(StepMessage::Otp(otp::Message::Changed(
                code.clone(),
            )))),
        ),
    )
    .await;
    assert_eq!(app.visitor_data(), Vec::<&str>::new());

    // On disk: nothing but the anonymous counter changed.
    let mut after = files(data.path());
    let counter = after
        .remove("kiosk-counters.toml")
        .expect("the run is counted");
    assert_eq!(
        String::from_utf8(counter).unwrap(),
        "completed = 0\nabandoned = 1\n"
    );
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "files left behind"
    );
    assert_eq!(app.kiosk_counters().unwrap().abandoned, 1);
    // Nothing of the visitor went into the system's temporary folder either.
    let leftovers: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < began.elapsed()))
        })
        .filter(|e| {
            std::fs::read(e.path()).is_ok_and(|b| {
                b.windows(12)
                    .any(|w| w == person.iin.to_string().as_bytes())
            })
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_asks_first_then_wipes_the_visit() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let lang = Language::Ru;
    let mut app = kiosk_app(&data, lang).await;
    start_application(&mut app, lang).await?;
    for digit in "870412".chars() {
        send(
            &mut app,
            Message::Kiosk(kiosk::Message::Key(Key::Char(digit))),
        )
        .await;
    }
    touch(&mut app, &t!(lang, "kiosk-cancel")).await?;
    assert_eq!(
        app.step(),
        Step::Iin,
        "nothing is wiped before the visitor agrees"
    );
    touch(&mut app, &t!(lang, "kiosk-cancel-no")).await?;
    assert_eq!(app.field_text(Field::Iin), "870412");
    touch(&mut app, &t!(lang, "kiosk-cancel")).await?;
    touch(&mut app, &t!(lang, "kiosk-cancel-yes")).await?;
    assert_eq!(app.step(), Step::Welcome);
    assert_eq!(app.visitor_data(), Vec::<&str>::new());
    assert_eq!(app.kiosk_counters().unwrap().abandoned, 1);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_code_opens_the_panel_and_wrong_codes_lock_it() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let lang = Language::Ru;
    let mut app = kiosk_app(&data, lang).await;
    let op = |m: operator::Message| Message::Kiosk(kiosk::Message::Operator(m));

    touch(&mut app, &t!(lang, "kiosk-operator-button")).await?;
    for digit in "111111".chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    touch(&mut app, &t!(lang, "kiosk-operator-enter")).await?;
    assert!(!app.operator_panel_open(), "a wrong code opens nothing");
    {
        let mut ui = simulator(&app);
        let _ = ui.find(t!(lang, "kiosk-operator-wrong", left = 4).as_str())?;
    }
    for digit in OPERATOR_CODE.chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    touch(&mut app, &t!(lang, "kiosk-operator-enter")).await?;
    assert!(app.operator_panel_open());

    // Settings are written to the file (the operator code's hash stays in it) and applied.
    send(&mut app, op(operator::Message::IdlePicked(300))).await;
    send(
        &mut app,
        op(operator::Message::LanguagePicked(Language::Kk)),
    )
    .await;
    send(
        &mut app,
        op(operator::Message::UrlChanged("ftp://nope".into())),
    )
    .await;
    send(&mut app, op(operator::Message::Save)).await;
    assert!(
        !data.path().join("settings.toml").exists(),
        "an invalid address is not saved"
    );
    send(&mut app, op(operator::Message::UrlChanged(String::new()))).await;
    send(&mut app, op(operator::Message::Save)).await;
    let saved = std::fs::read_to_string(data.path().join("settings.toml")).unwrap();
    assert!(saved.contains("idle_timeout_secs = 300"), "{saved}");
    assert!(saved.contains("language = \"kk\""), "{saved}");
    send(&mut app, op(operator::Message::Close)).await;
    assert_eq!(app.language(), Language::Kk);

    // Five wrong codes in a row lock the sign-in, even for the right code.
    send(&mut app, op(operator::Message::Open)).await;
    for _ in 0..operator::ATTEMPTS {
        send(
            &mut app,
            op(operator::Message::CodeChanged("000000".into())),
        )
        .await;
        send(&mut app, op(operator::Message::SubmitCode)).await;
    }
    send(
        &mut app,
        op(operator::Message::CodeChanged(OPERATOR_CODE.into())),
    )
    .await;
    send(&mut app, op(operator::Message::SubmitCode)).await;
    assert!(!app.operator_panel_open(), "locked");
    // A minute later the first lock is lifted.
    send(
        &mut app,
        Message::Kiosk(kiosk::Message::Tick(
            Instant::now() + Duration::from_secs(61),
        )),
    )
    .await;
    send(&mut app, op(operator::Message::SubmitCode)).await;
    assert!(app.operator_panel_open());
    Ok(())
}

#[test]
fn the_operator_code_is_set_hashed_and_a_kiosk_without_one_does_not_start() {
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.toml");
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(["--lang", "en", "--settings"])
            .arg(&settings)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };

    let output = run(
        &["--kiosk", "--data-dir", &data.path().display().to_string()],
        "",
    );
    assert_eq!(output.status.code(), Some(78), "EX_CONFIG for a supervisor");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("operator-code"), "{stderr}");

    let output = run(&["operator-code"], "12345\n12345\n");
    assert!(!output.status.success());
    let output = run(&["operator-code"], "482913\n482914\n");
    assert!(!output.status.success());
    assert!(!settings.exists());
    let output = run(&["operator-code"], "482913\n482913\n");
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(!text.contains("482913"), "the code itself is never stored");
    let stored = text
        .lines()
        .find_map(|l| l.strip_prefix("operator_code = "))
        .unwrap()
        .trim_matches('"');
    assert!(CodeHash::parse(stored).unwrap().verify("482913"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&settings).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_reset_logs_the_visitors_device_out() {
    isolated("a_reset_logs_the_visitors_device_out", |hsm| {
        block_on(async {
            const PIN: &str = "40917263";
            hsm.init_token("Visitor token", PIN);
            let data = tempfile::tempdir().unwrap();
            let mut config = kiosk_config(&data, Language::Ru);
            config.modules = vec![hsm.module.clone()];
            let mut app = App::new(config).at(Step::Storage);
            let device = |m: devices::Message| {
                Message::Step(StepMessage::Storage(storage::Message::Device(m)))
            };
            send(&mut app, device(devices::Message::Refresh)).await;
            let index = app
                .listed_devices()
                .iter()
                .position(|t| t.label == "Visitor token")
                .expect("the token is listed");
            send(&mut app, device(devices::Message::Picked(index))).await;
            // The device PIN on the kiosk's Latin keyboard.
            assert_eq!(app.keypad_field(), Some(Field::DevicePin));
            for digit in PIN.chars() {
                send(
                    &mut app,
                    Message::Kiosk(kiosk::Message::Key(Key::Char(digit))),
                )
                .await;
            }
            send(&mut app, Message::Next).await;
            assert!(
                app.visitor_data().contains(&"device session"),
                "logged in: {:?}",
                app.visitor_data()
            );

            send(&mut app, Message::Kiosk(kiosk::Message::Cancel)).await;
            send(&mut app, Message::Kiosk(kiosk::Message::CancelConfirmed)).await;
            assert_eq!(app.visitor_data(), Vec::<&str>::new());

            // Logged out: the token checks a PIN again (a token still logged in would take any
            // PIN), so a wrong one is refused and the right one works.
            let registry = app.device_registry().clone();
            let token = registry
                .scan(false)
                .tokens
                .into_iter()
                .find(|t| t.label == "Visitor token")
                .unwrap();
            let wrong = registry.login(&token, &TokenPin::new("11112222"), None);
            assert!(
                matches!(
                    wrong,
                    Err(qoltanba_core::token::DeviceError::Token(
                        TokenError::WrongPin { .. }
                    ))
                ),
                "{wrong:?}"
            );
            assert!(registry.login(&token, &TokenPin::new(PIN), None).is_ok());
        });
    });
}

#[test]
fn a_kiosk_photographs_the_id_card_and_shows_no_files() {
    let data = tempfile::tempdir().unwrap();
    for lang in [Language::Ru, Language::Kk] {
        let kiosk = App::new(kiosk_config(&data, lang)).at(Step::Document);
        let mut ui = simulator(&kiosk);
        assert!(ui.find(t!(lang, "document-camera").as_str()).is_ok());
        assert!(
            ui.find(t!(lang, "document-file").as_str()).is_err(),
            "a file dialog would show a visitor the terminal's files"
        );
        assert!(ui.find(t!(lang, "document-path-label").as_str()).is_err());
        // The same screen on a desktop offers files.
        let desktop = App::new(config(lang, &data, None)).at(Step::Document);
        let mut ui = simulator(&desktop);
        assert!(ui.find(t!(lang, "document-file").as_str()).is_ok());
    }
}
