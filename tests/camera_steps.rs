//! The camera steps with the synthetic camera (the test double for a real one): the camera
//! opens on the camera steps and is released after them, the selfie is taken by itself once
//! the face is steady (the oval shows when the face is in it), the video identification
//! follows a random script and its recording is accepted by the sandbox; both sides of the ID
//! card are photographed inside the card frame, a badly held card is refused with the reason;
//! the camera picker remembers its choice in the settings file. The synthetic camera plays in
//! simulated time (`common::camera_until`), so the limits below are simulated seconds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;

use std::time::Duration;

use common::{camera_until, citizen_who, config, png_file, run, send};
use iced_test::Simulator;
use qoltanba::app::cameras::{CameraOption, Lister};
use qoltanba::app::photo::PhotoError;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::{document, iin, otp, video_id};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, cameras, theme};
use qoltanba::config::{CameraChoice, Config, Settings};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_camera::{CameraError, Clock, DeviceId, DeviceInfo, DocumentHint, ManualClock};
use qoltanba_core::protocol::DocumentSide;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synthetic_camera_takes_the_selfie_and_records_the_video_identification() {
    let data = tempfile::tempdir().unwrap();
    let mut settings = config(Language::Ru, &data, None);
    settings.camera = CameraChoice::Synthetic;
    let mut app = App::new(settings).at(Step::Iin);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(app.snapshot().service.reached);

    let person = citizen_who("approve");
    send(
        &mut app,
        Message::Step(StepMessage::Iin(iin::Message::Changed(
            person.iin.to_string(),
        ))),
    )
    .await;
    send(&mut app, Message::Next).await;
    send(&mut app, Message::Tick).await;
    let code = app.snapshot().sms.unwrap().code;
    send(
        &mut app,
        Message::Step(StepMessage::Otp(otp::Message::Changed(code))),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Selfie);
    assert!(
        app.snapshot().camera.active,
        "the camera opens on the selfie step"
    );
    assert!(!app.can_continue(), "no selfie yet");

    let mut in_oval = false;
    assert!(
        camera_until(&mut app, Duration::from_secs(20), |seen| {
            in_oval |= seen.camera.face_in_oval;
            seen.selfie.is_sent()
        })
        .await,
        "the selfie was not taken and accepted by itself"
    );
    assert!(in_oval, "the centred face was never shown in the oval");
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::VideoId);
    assert!(app.snapshot().camera.active);

    send(
        &mut app,
        Message::Step(StepMessage::VideoId(video_id::Message::Start)),
    )
    .await;
    assert!(
        camera_until(&mut app, Duration::from_secs(45), |seen| {
            seen.video.upload.is_sent()
        })
        .await,
        "the recording did not finish and reach the service: {:?} {:?} {:?}",
        app.snapshot().failure,
        app.snapshot().video,
        app.snapshot().camera.problem
    );
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::AccountPin);
    assert!(
        !app.snapshot().camera.active,
        "the camera is released after the camera steps"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_camera_the_system_refuses_is_explained_and_holds_the_check() {
    let data = tempfile::tempdir().unwrap();
    let mut settings = config(Language::Kk, &data, None);
    // The synthetic camera acting out an OS that denies access.
    settings.camera = CameraChoice::Device("synthetic:denied".into());
    let mut app = App::new(settings).at(Step::Welcome);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(
            qoltanba::app::screen::welcome::Message::Activate(
                qoltanba::app::screen::welcome::Action::Start,
            ),
        )),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::CameraCheck);
    camera_until(&mut app, Duration::from_secs(3), |_| false).await;
    assert_eq!(
        app.snapshot().camera.problem.as_deref(),
        Some(qoltanba::t!(Language::Kk, "camera-error-permission-linux").as_str())
    );
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::CameraCheck,
        "no going on without a camera"
    );
    send(&mut app, Message::Back).await;
    assert!(!app.snapshot().camera.active);
}

fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_settings(
        iced::Settings {
            fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
            default_font: theme::FONT,
            ..iced::Settings::default()
        },
        app.view(),
    )
}

/// Whether the screen shows exactly this text.
fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

/// A citizen logged in with `camera`, on the ID card step.
async fn on_the_document_step(lang: Language, camera: CameraChoice) -> (App, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let mut settings = config(lang, &data, None);
    settings.camera = camera;
    let mut app = App::new(settings).at(Step::Iin);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(app.snapshot().service.reached);
    journey::log_in(&mut app, citizen_who("approve")).await;
    journey::to_document_step(&mut app).await;
    assert!(
        !app.snapshot().camera.active,
        "no camera until a side is photographed"
    );
    (app, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_card_sides_photographed_by_camera_are_accepted_like_files() {
    let lang = Language::Ru;
    let (mut app, _data) = on_the_document_step(lang, CameraChoice::Synthetic).await;
    for side in [DocumentSide::Front, DocumentSide::Back] {
        send(
            &mut app,
            Message::Step(StepMessage::Document(document::Message::Camera(side))),
        )
        .await;
        assert!(
            app.snapshot().camera.active,
            "the card camera opens for {side:?}"
        );
        assert!(
            camera_until(&mut app, Duration::from_secs(10), |seen| {
                seen.camera.card_check == Some((side, None))
            })
            .await,
            "the synthetic card never passed the check: {:?}",
            app.snapshot().camera.card_check
        );
        assert!(shows(&app, &t!(lang, "card-hint-ok")));
        // The button, as the citizen presses it.
        let messages: Vec<Message> = {
            let mut ui = simulator(&app);
            ui.click(t!(lang, "document-camera-take").as_str()).unwrap();
            ui.into_messages().collect()
        };
        for message in messages {
            send(&mut app, message).await;
        }
        assert!(
            camera_until(&mut app, Duration::from_secs(10), |seen| {
                seen.document.side(side).upload.is_sent()
            })
            .await,
            "the {side:?} photo did not reach the service: {:?} {:?}",
            app.snapshot().document.refused,
            app.snapshot().document.front.upload.refusal()
        );
        assert!(
            !app.snapshot().camera.active,
            "the camera is released once the photo is taken"
        );
        let photo = app.snapshot().document.side(side).photo.unwrap();
        assert_eq!(photo.content_type, "image/jpeg");
        assert!(photo.width > photo.height, "a card is landscape");
    }
    assert!(app.can_continue(), "both sides accepted: Next is enabled");
    journey::confirm_document(&mut app).await;
    assert!(app.snapshot().recognised_surname.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_badly_held_card_is_refused_with_the_reason_and_cancel_keeps_the_other_side() {
    let lang = Language::Kk;
    // The synthetic camera acting out a card held too far from the camera.
    let (mut app, data) =
        on_the_document_step(lang, CameraChoice::Device("synthetic:card-far".into())).await;
    // The back from a file first.
    let back = png_file(data.path(), "back.png", 1000, 640);
    send(
        &mut app,
        Message::Step(StepMessage::Document(document::Message::Loaded(
            DocumentSide::Back,
            qoltanba::app::photo::load_document(&back),
        ))),
    )
    .await;
    assert!(app.snapshot().document.back.upload.is_sent());

    send(
        &mut app,
        Message::Step(StepMessage::Document(document::Message::Camera(
            DocumentSide::Front,
        ))),
    )
    .await;
    let far = Some((DocumentSide::Front, Some(DocumentHint::NotFilling)));
    assert!(
        camera_until(&mut app, Duration::from_secs(10), |seen| seen
            .camera
            .card_check
            == far)
        .await,
        "{:?}",
        app.snapshot().camera.card_check
    );
    assert!(shows(&app, &t!(lang, "card-hint-not-filling")));
    send(
        &mut app,
        Message::Step(StepMessage::Document(document::Message::Capture)),
    )
    .await;
    assert!(
        camera_until(&mut app, Duration::from_secs(10), |seen| seen
            .document
            .refused
            .is_some())
        .await
    );
    let reason =
        qoltanba::app::explain::photo(lang, &PhotoError::Quality(DocumentHint::NotFilling));
    assert_eq!(app.snapshot().document.refused, Some(reason.clone()));
    assert!(
        shows(
            &app,
            &t!(lang, "document-camera-refused", reason = reason.as_str())
        ),
        "the refusal is explained in Kazakh"
    );
    assert!(
        app.snapshot().document.front.upload.is_empty(),
        "nothing was taken"
    );
    assert!(
        app.snapshot().camera.active,
        "the camera stays open to try again"
    );

    send(
        &mut app,
        Message::Step(StepMessage::Document(document::Message::CameraCancel)),
    )
    .await;
    assert!(!app.snapshot().camera.active, "cancel releases the camera");
    assert_eq!(app.snapshot().document.camera, None);
    assert!(
        app.snapshot().document.back.upload.is_sent(),
        "the back side is kept"
    );
    assert!(app.snapshot().document.front.upload.is_empty());
    // The choice is there again: file or camera for either side.
    assert!(shows(&app, &t!(lang, "document-file")));
    assert!(!app.can_continue());
}

/// Two cameras the test makes up: both are synthetic scenes, so whichever is picked really
/// opens and delivers pictures.
fn two_cameras() -> Result<Vec<DeviceInfo>, CameraError> {
    Ok(vec![
        DeviceInfo {
            id: DeviceId::Name("synthetic:steady".into()),
            name: "Built-in camera".into(),
            description: "test".into(),
        },
        DeviceInfo {
            id: DeviceId::Name("synthetic:empty".into()),
            name: "USB camera".into(),
            description: "test".into(),
        },
    ])
}

fn config_with_settings(
    lang: Language,
    data: &tempfile::TempDir,
    cli_camera: Option<&str>,
) -> Config {
    let path = data.path().join("settings.toml");
    let settings: Settings = std::fs::read_to_string(&path)
        .map(|text| toml::from_str(&text).unwrap())
        .unwrap_or_default();
    let cli = qoltanba::cli::Cli {
        lang: Some(lang),
        camera: cli_camera.map(str::to_owned),
        ..qoltanba::cli::Cli::default()
    };
    let mut config = Config::merge(settings, &cli, data.path().to_path_buf(), None, Vec::new());
    config.settings_path = Some(path);
    config.camera_clock = Clock::from(ManualClock::new());
    config
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_camera_picker_uses_and_remembers_the_choice() {
    let lang = Language::Ru;
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("settings.toml"),
        "# set up by the service desk\nlanguage = \"ru\"\ncamera = \"synthetic:steady\"\n",
    )
    .unwrap();
    let mut app = App::new(config_with_settings(lang, &data, None))
        .with_camera_lister(Lister::new(two_cameras))
        .at(Step::Welcome);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(
            qoltanba::app::screen::welcome::Message::Activate(
                qoltanba::app::screen::welcome::Action::Start,
            ),
        )),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::CameraCheck);
    assert!(app.snapshot().camera.active);
    assert_eq!(app.snapshot().camera.listed.len(), 2);
    assert!(shows(&app, &t!(lang, "camera-picker-label")));
    let selected = |app: &App| {
        app.snapshot()
            .camera
            .picker
            .and_then(|picker| picker.selected)
    };
    assert_eq!(
        selected(&app).as_deref(),
        Some("Built-in camera"),
        "the stored camera is selected"
    );

    let usb = CameraOption {
        id: "synthetic:empty".into(),
        label: "USB camera".into(),
    };
    send(&mut app, Message::Cameras(cameras::Message::Picked(usb))).await;
    assert_eq!(
        app.snapshot().camera.choice,
        CameraChoice::Device("synthetic:empty".into())
    );
    assert!(app.snapshot().camera.active, "the picked camera is opened");
    assert!(camera_until(&mut app, Duration::from_secs(5), |seen| seen.next_enabled).await);
    assert_eq!(app.snapshot().camera.problem, None);
    assert_eq!(selected(&app).as_deref(), Some("USB camera"));
    let stored = std::fs::read_to_string(data.path().join("settings.toml")).unwrap();
    assert!(stored.contains("camera = \"synthetic:empty\""), "{stored}");
    assert!(stored.contains("# set up by the service desk"), "{stored}");

    // The next start uses the stored choice.
    let app = App::new(config_with_settings(lang, &data, None));
    assert_eq!(
        app.snapshot().camera.choice,
        CameraChoice::Device("synthetic:empty".into())
    );

    // A camera named on the command line wins, and no list is offered.
    let mut app = App::new(config_with_settings(lang, &data, Some("synthetic")))
        .with_camera_lister(Lister::new(two_cameras))
        .at(Step::Welcome);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(
            qoltanba::app::screen::welcome::Message::Activate(
                qoltanba::app::screen::welcome::Action::Start,
            ),
        )),
    )
    .await;
    assert_eq!(app.snapshot().camera.choice, CameraChoice::Synthetic);
    assert!(app.snapshot().camera.listed.is_empty());
    assert!(!shows(&app, &t!(lang, "camera-picker-label")));

    // One camera: nothing to choose, no list.
    let mut app = App::new(config_with_settings(lang, &data, None))
        .with_camera_lister(Lister::new(|| {
            two_cameras().map(|mut list| {
                list.truncate(1);
                list
            })
        }))
        .at(Step::Welcome);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(
            qoltanba::app::screen::welcome::Message::Activate(
                qoltanba::app::screen::welcome::Action::Start,
            ),
        )),
    )
    .await;
    assert_eq!(app.snapshot().camera.listed.len(), 1);
    assert!(!shows(&app, &t!(lang, "camera-picker-label")));
}
