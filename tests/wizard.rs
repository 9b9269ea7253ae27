//! The wizard driven headless through iced's simulator: typing, clicking, switching language.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use iced::Settings;
use iced_test::selector::id;
use iced_test::{Error, Simulator};

use qoltanba::app::screen::iin;
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::cli::Cli;
use qoltanba::config::{Config, Settings as FileSettings};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::domain::{Iin, Sex};

fn app_at(step: Step, lang: Language) -> App {
    let cli = Cli {
        lang: Some(lang),
        ..Cli::default()
    };
    let config = Config::merge(
        FileSettings::default(),
        &cli,
        std::env::temp_dir(),
        None,
        Vec::new(),
    );
    App::new(config).at(step)
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

/// Feeds what the simulator produced back into the app, as the runtime would.
fn deliver(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for message in messages {
        let _task = app.update(message);
    }
}

fn valid_iin() -> String {
    Iin::from_parts(1990, 1, 15, Sex::Female, 4321)
        .map(|iin| iin.to_string())
        .unwrap_or_default()
}

fn with_wrong_check_digit(iin: &str) -> String {
    let mut digits: Vec<u8> = iin.bytes().collect();
    if let Some(last) = digits.last_mut() {
        *last = b'0' + (*last - b'0' + 1) % 10;
    }
    String::from_utf8(digits).unwrap_or_default()
}

fn type_into(app: &mut App, field: &'static str, value: &str) -> Result<(), Error> {
    let mut ui = simulator(app);
    let _ = ui.click(id(field))?;
    let _ = ui.typewrite(value);
    let messages: Vec<Message> = ui.into_messages().collect();
    deliver(app, messages);
    Ok(())
}

#[test]
fn invalid_iin_shows_checksum_message_and_keeps_next_disabled() -> Result<(), Error> {
    let mut app = app_at(Step::Iin, Language::Ru);
    let wrong = with_wrong_check_digit(&valid_iin());
    type_into(&mut app, iin::INPUT_ID, &wrong)?;

    let mut ui = simulator(&app);
    let _ = ui.find(wrong.as_str())?;
    let _ = ui.find(t!(Language::Ru, "iin-error-checksum").as_str())?;
    // Next is drawn but disabled: clicking it produces nothing.
    let _ = ui.click(t!(Language::Ru, "nav-next").as_str())?;
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages.iter().all(|m| !matches!(m, Message::Next)),
        "disabled Next produced {messages:?}"
    );
    deliver(&mut app, messages);
    assert_eq!(app.step(), Step::Iin);
    assert!(!app.can_continue());
    Ok(())
}

#[test]
fn valid_iin_moves_on_to_the_sms_code() -> Result<(), Error> {
    let mut app = app_at(Step::Iin, Language::Ru);
    type_into(&mut app, iin::INPUT_ID, &valid_iin())?;
    assert!(app.can_continue());

    let mut ui = simulator(&app);
    // What the number says about its owner is echoed back.
    let _ = ui.find(
        t!(
            Language::Ru,
            "iin-valid",
            sex = "female",
            date = "15.01.1990"
        )
        .as_str(),
    )?;
    let _ = ui.click(t!(Language::Ru, "nav-next").as_str())?;
    let messages: Vec<Message> = ui.into_messages().collect();
    deliver(&mut app, messages);
    assert_eq!(app.step(), Step::Otp);

    let mut ui = simulator(&app);
    let _ = ui.find(t!(Language::Ru, "otp-title").as_str())?;
    Ok(())
}

#[test]
fn enter_in_the_field_submits_a_valid_iin() -> Result<(), Error> {
    let mut app = app_at(Step::Iin, Language::Ru);
    let mut ui = simulator(&app);
    let _ = ui.click(id(iin::INPUT_ID))?;
    let _ = ui.typewrite(&valid_iin());
    let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    let messages: Vec<Message> = ui.into_messages().collect();
    deliver(&mut app, messages);
    assert_eq!(app.step(), Step::Otp);
    Ok(())
}

#[test]
fn switching_to_kazakh_keeps_what_was_typed() -> Result<(), Error> {
    let mut app = app_at(Step::Iin, Language::Ru);
    let wrong = with_wrong_check_digit(&valid_iin());
    type_into(&mut app, iin::INPUT_ID, &wrong)?;

    let mut ui = simulator(&app);
    let _ = ui.click(Language::Kk.short_name())?;
    let messages: Vec<Message> = ui.into_messages().collect();
    deliver(&mut app, messages);
    assert_eq!(app.language(), Language::Kk);

    let mut ui = simulator(&app);
    let _ = ui.find(t!(Language::Kk, "iin-title").as_str())?;
    let _ = ui.find(t!(Language::Kk, "iin-error-checksum").as_str())?;
    let _ = ui.find(
        t!(
            Language::Kk,
            "step-counter",
            current = 2,
            total = Step::NUMBERED
        )
        .as_str(),
    )?;
    let _ = ui.find(wrong.as_str())?;
    assert!(
        ui.find(t!(Language::Ru, "iin-title").as_str()).is_err(),
        "Russian title still shown"
    );
    Ok(())
}

#[test]
fn keyboard_alone_walks_from_welcome_to_the_iin() {
    let mut app = app_at(Step::Welcome, Language::Ru);
    // Enter on the welcome screen starts the highlighted action, "get keys".
    deliver(&mut app, [Message::Next]);
    assert_eq!(app.step(), Step::CameraCheck);
    deliver(&mut app, [Message::Next]);
    assert_eq!(app.step(), Step::Iin);
    // Esc goes back, Enter with an empty IIN stays.
    deliver(&mut app, [Message::Back]);
    assert_eq!(app.step(), Step::CameraCheck);
    deliver(&mut app, [Message::Next, Message::Next]);
    assert_eq!(app.step(), Step::Iin);
    deliver(&mut app, [Message::CycleLanguage]);
    assert_eq!(app.language(), Language::Kk);
}

#[test]
fn every_screen_renders_in_every_language() -> Result<(), Error> {
    for lang in Language::ALL {
        for step in Step::ALL {
            let app = app_at(step, lang);
            let mut ui = simulator(&app);
            // Each screen shows the header's language switcher and its own title.
            let _ = ui.find(Language::Ru.short_name())?;
            assert!(!app.title().is_empty());
        }
    }
    Ok(())
}
