//! ЦОН kiosk mode, the operator's side: the operator code opens the panel (its settings are
//! saved and applied) and wrong codes lock it; the code is set hashed from the command line,
//! and a kiosk without one does not start.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod bin_run;
mod common;

use std::time::{Duration, Instant};

use iced_test::Error;

use bin_run::qoltanba;
use common::kiosk::{OPERATOR_CODE, kiosk_app, press, seen, simulator, touch};
use common::send;
use qoltanba::app::Message;
use qoltanba::app::kiosk::keypad::Key;
use qoltanba::app::kiosk::{self, operator};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::kiosk::code::CodeHash;

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
    assert!(
        !seen(&app).operator_panel_open,
        "a wrong code opens nothing"
    );
    {
        let mut ui = simulator(&app);
        let _ = ui.find(t!(lang, "kiosk-operator-wrong", left = 4).as_str())?;
    }
    for digit in OPERATOR_CODE.chars() {
        press(&mut app, Key::Char(digit)).await?;
    }
    touch(&mut app, &t!(lang, "kiosk-operator-enter")).await?;
    assert!(seen(&app).operator_panel_open);

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
    assert_eq!(app.snapshot().language, Language::Kk);

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
    assert!(!seen(&app).operator_panel_open, "locked");
    // A minute later the first lock is lifted.
    send(
        &mut app,
        Message::Kiosk(kiosk::Message::Tick(
            Instant::now() + Duration::from_secs(61),
        )),
    )
    .await;
    send(&mut app, op(operator::Message::SubmitCode)).await;
    assert!(seen(&app).operator_panel_open);
    Ok(())
}

#[test]
fn the_operator_code_is_set_hashed_and_a_kiosk_without_one_does_not_start() {
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.toml");
    let settings_arg = settings.to_str().unwrap();
    let run = |args: &[&str], input: &str| {
        let all: Vec<&str> = ["--lang", "en", "--settings", settings_arg]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        qoltanba(&all, input)
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
