//! ЦОН kiosk mode, the visitor's side: the on-screen keypad alone gets a visitor through the
//! IIN and the SMS code; a visitor who walks away halfway, or cancels, is asked, then wiped
//! (a device they logged in to included); a kiosk photographs the ID card and shows no files.
//! The operator's side is in `kiosk_operator.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod softhsm;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use iced_test::Error;

use common::kiosk::{kiosk_app, kiosk_config, press, seen, simulator, start_application, touch};
use common::{camera_until, citizen_who, config, send};
use qoltanba::app::kiosk;
use qoltanba::app::kiosk::fields::Field;
use qoltanba::app::kiosk::keypad::Key;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::otp;
use qoltanba::app::screen::{devices, storage};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::token::{TokenError, TokenPin};
use softhsm::{block_on, isolated};

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
    assert_eq!(seen(&app).keypad_field, Some(Field::Iin));
    // A slip of the finger, taken back with the keypad's own Delete.
    press(&mut app, Key::Char('7')).await?;
    press(&mut app, Key::Backspace).await?;
    assert_eq!(seen(&app).text(Field::Iin), Some(""));
    for digit in iin.chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    assert_eq!(seen(&app).text(Field::Iin), Some(iin.as_str()));
    touch(&mut app, &t!(lang, "nav-next")).await?;
    assert_eq!(
        app.snapshot().step,
        Step::Otp,
        "{:?}",
        app.snapshot().failure
    );

    send(&mut app, Message::Tick).await;
    let code = app.snapshot().sms.expect("the sandbox SMS").code;
    assert_eq!(seen(&app).keypad_field, Some(Field::Otp));
    for digit in code.chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    assert_eq!(seen(&app).text(Field::Otp), Some(code.as_str()));
    touch(&mut app, &t!(lang, "nav-next")).await?;
    assert_eq!(
        app.snapshot().step,
        Step::Selfie,
        "{:?}",
        app.snapshot().failure
    );
    assert!(app.snapshot().service.session_id.is_some());
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
    let code = app.snapshot().sms.unwrap().code;
    for digit in code.chars() {
        send(
            &mut app,
            Message::Kiosk(kiosk::Message::Key(Key::Char(digit))),
        )
        .await;
    }
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Selfie,
        "{:?}",
        app.snapshot().failure
    );
    assert!(
        camera_until(&mut app, Duration::from_secs(20), |seen| seen
            .selfie
            .is_sent())
        .await,
        "the selfie was not taken and sent in time"
    );
    let held = seen(&app).visitor_data;
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
    assert_eq!(seen(&app).warning, None, "too early to ask");
    send(
        &mut app,
        Message::Kiosk(kiosk::Message::Tick(
            quiet + timeout - Duration::from_secs(10),
        )),
    )
    .await;
    let left = seen(&app).warning.expect("the question is asked");
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

    assert_eq!(app.snapshot().step, Step::Welcome);
    assert_eq!(
        app.snapshot().language,
        lang,
        "back to the kiosk's own language"
    );
    assert_eq!(seen(&app).warning, None);
    assert_eq!(seen(&app).visitor_data, Vec::<&str>::new());
    assert!(!app.snapshot().camera.active, "the camera is released");
    assert_eq!(app.snapshot().service.session_id, None);
    assert_eq!(seen(&app).keypad_field, None);
    assert!(
        app.snapshot().service.reached,
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
    assert_eq!(seen(&app).visitor_data, Vec::<&str>::new());

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
    assert_eq!(seen(&app).counters.abandoned, 1);
    // A demonstration kiosk's embedded sandbox forgot the visit: no record, no SMS, no
    // upload of the visitor in its data folder.
    let sandbox = data.path().join("sandbox");
    let db = rusqlite::Connection::open(sandbox.join("sandbox.db")).unwrap();
    let phone = qoltanba_core::domain::Phone::parse(person.phone.unwrap()).unwrap();
    for (what, sql, key) in [
        (
            "sessions",
            "SELECT COUNT(*) FROM sessions WHERE iin = ?1",
            person.iin.as_str(),
        ),
        (
            "uploads",
            "SELECT COUNT(*) FROM uploads WHERE ?1 <> ''",
            "all",
        ),
        (
            "SMS",
            "SELECT COUNT(*) FROM inbox WHERE phone = ?1",
            phone.e164(),
        ),
    ] {
        let left: i64 = db.query_row(sql, [key], |row| row.get(0)).unwrap();
        assert_eq!(left, 0, "{what} of the visitor left in the sandbox");
    }
    let uploads: Vec<_> = std::fs::read_dir(sandbox.join("uploads"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    assert_eq!(
        uploads,
        Vec::<std::path::PathBuf>::new(),
        "upload files left"
    );
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
        app.snapshot().step,
        Step::Iin,
        "nothing is wiped before the visitor agrees"
    );
    touch(&mut app, &t!(lang, "kiosk-cancel-no")).await?;
    assert_eq!(seen(&app).text(Field::Iin), Some("870412"));
    touch(&mut app, &t!(lang, "kiosk-cancel")).await?;
    touch(&mut app, &t!(lang, "kiosk-cancel-yes")).await?;
    assert_eq!(app.snapshot().step, Step::Welcome);
    assert_eq!(seen(&app).visitor_data, Vec::<&str>::new());
    assert_eq!(seen(&app).counters.abandoned, 1);
    Ok(())
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
                .snapshot()
                .devices
                .listed
                .iter()
                .position(|t| t.label == "Visitor token")
                .expect("the token is listed");
            send(&mut app, device(devices::Message::Picked(index))).await;
            // The device PIN on the kiosk's Latin keyboard.
            assert_eq!(seen(&app).keypad_field, Some(Field::DevicePin));
            for digit in PIN.chars() {
                send(
                    &mut app,
                    Message::Kiosk(kiosk::Message::Key(Key::Char(digit))),
                )
                .await;
            }
            send(&mut app, Message::Next).await;
            assert!(
                seen(&app).visitor_data.contains(&"device session"),
                "logged in: {:?}",
                seen(&app).visitor_data
            );

            send(&mut app, Message::Kiosk(kiosk::Message::Cancel)).await;
            send(&mut app, Message::Kiosk(kiosk::Message::CancelConfirmed)).await;
            assert_eq!(seen(&app).visitor_data, Vec::<&str>::new());

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
