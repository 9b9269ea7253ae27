//! Shared by the kiosk tests: a kiosk app on its own sandbox, touching the screen and its
//! keypad, and the kiosk's part of the snapshot.

use std::time::Duration;

use iced::Settings;
use iced_test::{Error, Simulator};

use qoltanba::app::kiosk::keypad::{self, Key};
use qoltanba::app::snapshot;
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::config::{CameraChoice, Config};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::kiosk::code::CodeHash;

use super::{camera_until, config, run, send};

pub const OPERATOR_CODE: &str = "482913";

pub fn kiosk_config(data: &tempfile::TempDir, lang: Language) -> Config {
    let mut config = config(lang, data, None);
    config.kiosk = true;
    config.camera = CameraChoice::Synthetic;
    config.operator_code = Some(CodeHash::new(OPERATOR_CODE).unwrap());
    config.settings_path = Some(data.path().join("settings.toml"));
    // These kiosks run on their own embedded sandbox: demonstration kiosks.
    config.demo_sandbox = true;
    config
}

/// A kiosk on its first screen, connected to its own embedded sandbox.
pub async fn kiosk_app(data: &tempfile::TempDir, lang: Language) -> App {
    let mut app = App::new(kiosk_config(data, lang));
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(
        app.snapshot().service.reached,
        "the embedded sandbox did not start"
    );
    assert!(app.snapshot().kiosk.is_some());
    assert_eq!(app.snapshot().step, Step::Welcome);
    app
}

pub fn simulator(app: &App) -> Simulator<'_, Message> {
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
pub async fn touch(app: &mut App, label: &str) -> Result<(), Error> {
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
pub async fn press(app: &mut App, key: Key) -> Result<(), Error> {
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
pub async fn start_application(app: &mut App, lang: Language) -> Result<(), Error> {
    touch(app, &t!(lang, "welcome-start")).await?;
    assert_eq!(app.snapshot().step, Step::CameraCheck);
    assert!(
        camera_until(app, Duration::from_secs(20), |seen| seen.next_enabled).await,
        "the synthetic camera did not get there in time"
    );
    touch(app, &t!(lang, "nav-next")).await?;
    assert_eq!(app.snapshot().step, Step::Iin);
    Ok(())
}

/// The kiosk's part of what the visitor sees now.
pub fn seen(app: &App) -> snapshot::Kiosk {
    app.snapshot().kiosk.expect("the app runs as a kiosk")
}
