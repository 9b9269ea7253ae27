#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The capture thread with the synthetic source: frames flow, only the newest is kept, start
//! failures and an unplug/replug are reported, and a missing device is "no camera".

use std::time::{Duration, Instant};

use qoltanba_camera::{
    Camera, CameraError, CameraSource, CameraStatus, CaptureRequest, DeviceId, Scene, list_devices,
};

fn wait_for(camera: &Camera, wanted: impl Fn(&CameraStatus) -> bool, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if wanted(&camera.status()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn frames_flow_and_only_the_newest_is_kept() {
    let camera = Camera::start(
        CameraSource::Synthetic(Scene::steady()),
        CaptureRequest::default(),
    )
    .unwrap();
    assert!(camera.is_synthetic());
    assert_eq!(camera.label(), "synthetic: steady");
    assert_eq!((camera.mode().width, camera.mode().height), (1280, 720));
    let first = camera
        .wait_newer(None, Duration::from_secs(5))
        .expect("a first frame");
    let second = camera
        .wait_newer(Some(first.sequence()), Duration::from_secs(5))
        .expect("a second frame");
    assert!(second.sequence() > first.sequence());
    assert!(second.captured_at() > first.captured_at());
    // Nobody reads for a while: frames are replaced, not queued.
    std::thread::sleep(Duration::from_millis(400));
    let latest = camera.latest().unwrap();
    assert!(
        latest.sequence() >= second.sequence() + 3,
        "{latest:?} after {second:?}"
    );
    assert_eq!(camera.stats().frames, latest.sequence() + 1);
    assert_eq!(camera.status(), CameraStatus::Running);
    drop(camera);
}

#[test]
fn start_failures_are_typed() {
    for (scene, error) in [
        ("denied", CameraError::PermissionDenied),
        ("busy", CameraError::Busy),
    ] {
        let scene = Scene::by_name(scene).unwrap();
        assert_eq!(
            Camera::start(CameraSource::Synthetic(scene), CaptureRequest::default()).err(),
            Some(error)
        );
    }
}

#[test]
fn an_unplugged_camera_is_lost_and_comes_back() {
    let scene =
        Scene::steady().unplugged(Duration::from_millis(300), Some(Duration::from_millis(600)));
    let camera = Camera::start(CameraSource::Synthetic(scene), CaptureRequest::default()).unwrap();
    assert!(wait_for(
        &camera,
        |s| *s == CameraStatus::Lost(CameraError::Disconnected),
        Duration::from_secs(5)
    ));
    assert!(
        camera.latest().is_none(),
        "a lost camera shows no stale frame"
    );
    assert!(wait_for(
        &camera,
        |s| *s == CameraStatus::Running,
        Duration::from_secs(5)
    ));
    assert!(camera.wait_newer(None, Duration::from_secs(5)).is_some());
    assert_eq!(camera.stats().losses, 1);
}

#[test]
fn without_reconnect_a_lost_camera_stays_lost() {
    let scene =
        Scene::steady().unplugged(Duration::from_millis(200), Some(Duration::from_millis(200)));
    let request = CaptureRequest {
        reconnect: false,
        ..CaptureRequest::default()
    };
    let camera = Camera::start(CameraSource::Synthetic(scene), request).unwrap();
    assert!(wait_for(
        &camera,
        |s| matches!(s, CameraStatus::Lost(_)),
        Duration::from_secs(5)
    ));
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        camera.status(),
        CameraStatus::Lost(CameraError::Disconnected)
    );
    assert!(
        camera
            .wait_newer(None, Duration::from_millis(100))
            .is_none()
    );
}

#[test]
fn a_device_that_does_not_exist_is_no_camera() {
    let listed = list_devices().unwrap();
    assert!(listed.iter().all(|d| !d.name.is_empty()));
    let result = Camera::start(
        CameraSource::Device(DeviceId::Index(9_999)),
        CaptureRequest::default(),
    );
    assert_eq!(result.err(), Some(CameraError::NoCamera));
}
