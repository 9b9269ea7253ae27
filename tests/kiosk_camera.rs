//! A kiosk's camera is the operator's: a visitor may pick another one for the visit (a second
//! camera on the terminal), but the pick is never written to settings.toml and the next
//! visitor starts with the operator's camera again.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{config, run, send};
use qoltanba::app::cameras::{CameraOption, Lister};
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::welcome::{Action, Message as WelcomeMessage};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, cameras, kiosk};
use qoltanba::config::CameraChoice;
use qoltanba::i18n::Language;
use qoltanba_camera::{CameraError, DeviceId, DeviceInfo};
use qoltanba_core::kiosk::code::CodeHash;

fn two_cameras() -> Result<Vec<DeviceInfo>, CameraError> {
    Ok(vec![
        DeviceInfo {
            id: DeviceId::Name("synthetic:steady".into()),
            name: "Terminal camera".into(),
            description: "test".into(),
        },
        DeviceInfo {
            id: DeviceId::Name("synthetic:empty".into()),
            name: "Document camera".into(),
            description: "test".into(),
        },
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitors_camera_pick_lasts_for_the_visit_and_is_never_stored() {
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.toml");
    let operator_setup = "# set up by the service desk\ncamera = \"synthetic:steady\"\n";
    std::fs::write(&settings, operator_setup).unwrap();
    let mut config = config(Language::Kk, &data, None);
    config.kiosk = true;
    config.camera = CameraChoice::Device("synthetic:steady".into());
    config.operator_code = Some(CodeHash::new("482913").unwrap());
    config.settings_path = Some(settings.clone());
    let mut app = App::new(config).with_camera_lister(Lister::new(two_cameras));
    let connect = app.connect();
    run(&mut app, connect).await;

    let start = WelcomeMessage::Activate(Action::Start);
    send(&mut app, Message::Step(StepMessage::Welcome(start))).await;
    assert_eq!(app.snapshot().step, Step::CameraCheck);
    let document_camera = CameraOption {
        id: "synthetic:empty".into(),
        label: "Document camera".into(),
    };
    send(
        &mut app,
        Message::Cameras(cameras::Message::Picked(document_camera)),
    )
    .await;
    assert_eq!(
        app.snapshot().camera.choice,
        CameraChoice::Device("synthetic:empty".into()),
        "the pick is used for this visit"
    );
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap(),
        operator_setup,
        "a visitor's pick is never written to the kiosk's settings"
    );

    // The visitor leaves; the next one starts with the operator's camera.
    send(&mut app, Message::Kiosk(kiosk::Message::Cancel)).await;
    send(&mut app, Message::Kiosk(kiosk::Message::CancelConfirmed)).await;
    assert_eq!(app.snapshot().step, Step::Welcome);
    assert_eq!(
        app.snapshot().camera.choice,
        CameraChoice::Device("synthetic:steady".into())
    );
}
