//! The camera steps with the synthetic camera (the test double for a real one): the camera
//! opens on the camera steps and is released after them, the selfie is taken by itself once
//! the face is steady, the video identification follows a random script and its recording is
//! accepted by the sandbox.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::time::{Duration, Instant};

use common::{citizen_who, config, run, send};
use qoltanba::app::screen::{iin, otp, video_id};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::config::CameraChoice;
use qoltanba::i18n::Language;

/// Lets the camera run, ticking as the subscription would, until `done` or the time is up.
async fn tick_until(app: &mut App, limit: Duration, done: impl Fn(&App) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done(app) {
            return true;
        }
        send(app, Message::CameraTick).await;
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    done(app)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synthetic_camera_takes_the_selfie_and_records_the_video_identification() {
    let data = tempfile::tempdir().unwrap();
    let mut settings = config(Language::Ru, &data, None);
    settings.camera = CameraChoice::Synthetic;
    let mut app = App::new(settings).at(Step::Iin);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(app.is_service_ready());

    let person = citizen_who("approve");
    send(
        &mut app,
        Message::Iin(iin::Message::Changed(person.iin.to_string())),
    )
    .await;
    send(&mut app, Message::Next).await;
    send(&mut app, Message::Tick).await;
    let code = app.visible_sms().unwrap().code.clone();
    send(&mut app, Message::Otp(otp::Message::Changed(code))).await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.step(), Step::Selfie);
    assert!(app.camera_active(), "the camera opens on the selfie step");
    assert!(!app.can_continue(), "no selfie yet");

    assert!(
        tick_until(&mut app, Duration::from_secs(20), App::selfie_sent).await,
        "the selfie was not taken and accepted by itself"
    );
    send(&mut app, Message::Next).await;
    assert_eq!(app.step(), Step::VideoId);
    assert!(app.camera_active());

    send(&mut app, Message::Video(video_id::Message::Start)).await;
    assert!(
        tick_until(&mut app, Duration::from_secs(45), App::video_sent).await,
        "the recording did not finish and reach the service: {:?} {}",
        app.failure_text(),
        app.video_state()
    );
    send(&mut app, Message::Next).await;
    assert_eq!(app.step(), Step::AccountPin);
    assert!(
        !app.camera_active(),
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
        Message::Welcome(qoltanba::app::screen::welcome::Message::Activate(
            qoltanba::app::screen::welcome::Action::Start,
        )),
    )
    .await;
    assert_eq!(app.step(), Step::CameraCheck);
    tick_until(&mut app, Duration::from_secs(3), |_| false).await;
    assert_eq!(
        app.camera_problem().as_deref(),
        Some(qoltanba::t!(Language::Kk, "camera-error-permission-linux").as_str())
    );
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.step(),
        Step::CameraCheck,
        "no going on without a camera"
    );
    send(&mut app, Message::Back).await;
    assert!(!app.camera_active());
}
