#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The capture thread with the synthetic source: frames flow, only the newest is kept, start
//! failures and an unplug/replug are reported, and a missing device is "no camera".

use std::time::Duration;

use qoltanba_camera::{
    Camera, CameraError, CameraSource, CameraStatus, CaptureRequest, Clock, DeviceId, ManualClock,
    Scene, list_devices,
};

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// A synthetic camera playing `scene` in simulated time.
fn simulated(scene: Scene, request: CaptureRequest) -> (Camera, ManualClock) {
    let clock = ManualClock::new();
    let camera = Camera::start_with_clock(
        CameraSource::Synthetic(scene),
        request,
        Clock::from(clock.clone()),
    )
    .unwrap();
    (camera, clock)
}

#[test]
fn frames_flow_and_only_the_newest_is_kept() {
    let (camera, clock) = simulated(Scene::steady(), CaptureRequest::default());
    assert!(camera.is_synthetic());
    assert_eq!(camera.label(), "synthetic: steady");
    assert_eq!((camera.mode().width, camera.mode().height), (1280, 720));
    clock.advance(Duration::ZERO);
    let first = camera.latest().expect("a first frame at once");
    assert_eq!((first.sequence(), first.captured_at()), (0, Duration::ZERO));
    clock.advance(ms(40));
    let second = camera.latest().unwrap();
    assert_eq!(second.sequence(), 1);
    assert!(second.captured_at() > first.captured_at());
    // Nobody reads for a while: frames are replaced, not queued.
    for _ in 0..10 {
        clock.advance(ms(40));
    }
    let latest = camera.latest().unwrap();
    assert_eq!(latest.sequence(), 11, "{latest:?} after {second:?}");
    assert_eq!(latest.captured_at(), ms(440));
    assert_eq!(camera.stats().frames, 12);
    assert_eq!(camera.status(), CameraStatus::Running);
    drop(camera);
}

#[test]
fn the_system_clock_plays_the_scene_in_real_time() {
    let camera = Camera::start(
        CameraSource::Synthetic(Scene::steady()),
        CaptureRequest::default(),
    )
    .unwrap();
    let first = camera
        .wait_newer(None, Duration::from_secs(5))
        .expect("a first frame");
    let second = camera
        .wait_newer(Some(first.sequence()), Duration::from_secs(5))
        .expect("a second frame");
    assert!(second.sequence() > first.sequence());
    assert!(second.captured_at() > first.captured_at());
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
    let scene = Scene::steady().unplugged(ms(300), Some(ms(600)));
    let (camera, clock) = simulated(scene, CaptureRequest::default());
    clock.advance(ms(290));
    assert_eq!(camera.status(), CameraStatus::Running);
    clock.advance(ms(50));
    assert_eq!(
        camera.status(),
        CameraStatus::Lost(CameraError::Disconnected)
    );
    assert!(
        camera.latest().is_none(),
        "a lost camera shows no stale frame"
    );
    clock.advance(ms(540));
    assert!(camera.latest().is_none(), "still unplugged at 880 ms");
    clock.advance(ms(100));
    assert_eq!(camera.status(), CameraStatus::Running);
    let back = camera.latest().expect("frames again once plugged back in");
    assert!(back.captured_at() >= ms(900), "{back:?}");
    assert_eq!(camera.stats().losses, 1);
}

#[test]
fn without_reconnect_a_lost_camera_stays_lost() {
    let scene = Scene::steady().unplugged(ms(200), Some(ms(200)));
    let request = CaptureRequest {
        reconnect: false,
        ..CaptureRequest::default()
    };
    let (camera, clock) = simulated(scene, request);
    clock.advance(ms(250));
    assert!(matches!(camera.status(), CameraStatus::Lost(_)));
    // Long after the scene's "replug" time.
    clock.advance(ms(600));
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
