//! The wizard driven headless through iced's simulator: typing, clicking, switching language.
//! The app is connected to its own embedded sandbox, so Next is enabled or not because of what
//! was typed, not because the service is missing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::time::Duration;

use common::{camera_until, citizen, connected_app, send};
use iced::Settings;
use iced_test::selector::id;
use iced_test::{Error, Simulator};

use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::iin;
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::domain::{Iin, Sex};

fn app_at(step: Step, lang: Language) -> App {
    let data = std::env::temp_dir().join("qoltanba-wizard-test");
    let cli = qoltanba::cli::Cli {
        lang: Some(lang),
        // The test double for a webcam: the camera check passes once it delivers pictures.
        camera: Some("synthetic".into()),
        ..qoltanba::cli::Cli::default()
    };
    let mut config =
        qoltanba::config::Config::merge(Default::default(), &cli, data, None, Vec::new());
    config.camera_clock = qoltanba_camera::Clock::from(qoltanba_camera::ManualClock::new());
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

/// Feeds what the simulator produced back into the app, running the tasks they start.
async fn deliver(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for message in messages {
        send(app, message).await;
    }
}

/// Ticks the camera as the subscription would until the check step may be left.
async fn camera_running(app: &mut App) {
    assert!(
        camera_until(app, Duration::from_secs(5), |seen| seen.next_enabled).await,
        "the synthetic camera never delivered a picture"
    );
}

/// A citizen the sandbox knows, with a phone on file.
fn valid_iin() -> String {
    citizen(true).iin.to_string()
}

fn with_wrong_check_digit(iin: &str) -> String {
    let mut digits: Vec<u8> = iin.bytes().collect();
    if let Some(last) = digits.last_mut() {
        *last = b'0' + (*last - b'0' + 1) % 10;
    }
    String::from_utf8(digits).unwrap_or_default()
}

async fn type_into(app: &mut App, field: &'static str, value: &str) -> Result<(), Error> {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        let _ = ui.click(id(field))?;
        let _ = ui.typewrite(value);
        ui.into_messages().collect()
    };
    deliver(app, messages).await;
    Ok(())
}

/// Clicks what carries `label` and delivers what that produced.
async fn click(app: &mut App, label: &str) -> Result<Vec<Message>, Error> {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        let _ = ui.click(label)?;
        ui.into_messages().collect()
    };
    deliver(app, messages.clone()).await;
    Ok(messages)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_iin_shows_checksum_message_and_keeps_next_disabled() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    let wrong = with_wrong_check_digit(&valid_iin());
    type_into(&mut app, iin::INPUT_ID, &wrong).await?;
    {
        let mut ui = simulator(&app);
        let _ = ui.find(wrong.as_str())?;
        let _ = ui.find(t!(Language::Ru, "iin-error-checksum").as_str())?;
    }
    // Next is drawn but disabled (the service is reachable, the number is not valid):
    // clicking it produces nothing.
    let messages = click(&mut app, &t!(Language::Ru, "nav-next")).await?;
    assert!(
        messages.iter().all(|m| !matches!(m, Message::Next)),
        "disabled Next produced {messages:?}"
    );
    assert_eq!(app.snapshot().step, Step::Iin);
    assert!(!app.can_continue());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_iin_moves_on_to_the_sms_code() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    type_into(&mut app, iin::INPUT_ID, &valid_iin()).await?;
    assert!(app.can_continue());

    // What the number says about its owner is echoed back.
    let owner = Iin::parse(&valid_iin()).unwrap();
    let (year, month, day) = owner.birth_date();
    let sex = if owner.sex() == Sex::Male {
        "male"
    } else {
        "female"
    };
    let date = format!("{day:02}.{month:02}.{year}");
    {
        let mut ui = simulator(&app);
        let _ = ui.find(t!(Language::Ru, "iin-valid", sex = sex, date = date).as_str())?;
    }
    let _ = click(&mut app, &t!(Language::Ru, "nav-next")).await?;
    assert_eq!(app.snapshot().step, Step::Otp);

    let mut ui = simulator(&app);
    let _ = ui.find(t!(Language::Ru, "otp-title").as_str())?;
    let _ = ui.find(t!(Language::Ru, "sandbox-sms-title").as_str())?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_in_the_field_submits_a_valid_iin() -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    let messages: Vec<Message> = {
        let mut ui = simulator(&app);
        let _ = ui.click(id(iin::INPUT_ID))?;
        let _ = ui.typewrite(&valid_iin());
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        ui.into_messages().collect()
    };
    deliver(&mut app, messages).await;
    assert_eq!(app.snapshot().step, Step::Otp);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_to_kazakh_keeps_what_was_typed() -> Result<(), Error> {
    let mut app = app_at(Step::Iin, Language::Ru);
    let wrong = with_wrong_check_digit(&valid_iin());
    type_into(&mut app, iin::INPUT_ID, &wrong).await?;

    let _ = click(&mut app, Language::Kk.short_name()).await?;
    assert_eq!(app.snapshot().language, Language::Kk);

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_alone_walks_from_welcome_to_the_iin() {
    let mut app = app_at(Step::Welcome, Language::Ru);
    // Enter on the welcome screen starts the highlighted action, "get keys".
    deliver(&mut app, [Message::Next]).await;
    assert_eq!(app.snapshot().step, Step::CameraCheck);
    // Next waits for the camera's first pictures.
    camera_running(&mut app).await;
    deliver(&mut app, [Message::Next]).await;
    assert_eq!(app.snapshot().step, Step::Iin);
    // Esc goes back; Enter with an empty IIN stays.
    deliver(&mut app, [Message::Back]).await;
    assert_eq!(app.snapshot().step, Step::CameraCheck);
    camera_running(&mut app).await;
    deliver(&mut app, [Message::Next, Message::Next]).await;
    assert_eq!(app.snapshot().step, Step::Iin);
    deliver(&mut app, [Message::CycleLanguage]).await;
    assert_eq!(app.snapshot().language, Language::Kk);
}

#[test]
fn every_screen_renders_in_every_language() -> Result<(), Error> {
    for lang in Language::ALL {
        for step in Step::ALL {
            let app = app_at(step, lang);
            let mut ui = simulator(&app);
            // Each screen shows the header's language switcher.
            let _ = ui.find(Language::Ru.short_name())?;
            assert!(!app.title().is_empty());
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_camera_renders_in_every_language_and_cancel_goes_back() -> Result<(), Error> {
    use qoltanba::app::screen::document;
    use qoltanba_core::protocol::DocumentSide;
    for lang in Language::ALL {
        let mut app = app_at(Step::Document, lang);
        // Each side offers the camera; the back's is used here.
        let _ = simulator(&app).find(t!(lang, "document-camera").as_str())?;
        deliver(
            &mut app,
            [Message::Step(StepMessage::Document(
                document::Message::Camera(DocumentSide::Back),
            ))],
        )
        .await;
        camera_until(&mut app, Duration::from_secs(5), |seen| {
            seen.camera.card_check.is_some()
        })
        .await;
        assert_eq!(
            app.snapshot().camera.card_check,
            Some((DocumentSide::Back, None))
        );
        let mut ui = simulator(&app);
        let _ = ui.find(t!(lang, "document-camera-back").as_str())?;
        let _ = ui.find(t!(lang, "card-hint-ok").as_str())?;
        let _ = ui.click(t!(lang, "document-camera-cancel").as_str())?;
        let messages: Vec<Message> = ui.into_messages().collect();
        deliver(&mut app, messages).await;
        assert!(!app.snapshot().camera.active);
        let _ = simulator(&app).find(t!(lang, "document-front").as_str())?;
        // Esc closes the camera too, without leaving the step.
        deliver(
            &mut app,
            [
                Message::Step(StepMessage::Document(document::Message::Camera(
                    DocumentSide::Front,
                ))),
                Message::Back,
            ],
        )
        .await;
        assert_eq!(app.snapshot().step, Step::Document);
        assert!(!app.snapshot().camera.active);
    }
    Ok(())
}
