//! Shared by the integration tests: an app connected to a fresh embedded sandbox, and a way to
//! run the app's tasks as the iced runtime would.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;
use std::time::Duration;

use futures::StreamExt;
use iced::Task;
use iced_runtime::Action;

use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, Snapshot, camera};
use qoltanba::cli::Cli;
use qoltanba::config::{Config, Settings};
use qoltanba::i18n::Language;
use qoltanba_camera::{Clock, ManualClock};
use qoltanba_sandbox::Citizen;

pub mod keys;
pub mod kiosk;

/// Runs a task and every task its messages produce, until nothing is left.
pub async fn run(app: &mut App, task: Task<Message>) {
    let mut queue = VecDeque::from([task]);
    while let Some(task) = queue.pop_front() {
        let Some(mut stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        while let Some(action) = stream.next().await {
            if let Action::Output(message) = action {
                queue.push_back(app.update(message));
            }
        }
    }
}

pub async fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    run(app, task).await;
}

/// A configuration for tests: the camera runs on a manual clock of its own (see
/// [`camera_until`]).
pub fn config(lang: Language, data: &tempfile::TempDir, service_url: Option<&str>) -> Config {
    let cli = Cli {
        lang: Some(lang),
        service_url: service_url.map(str::to_owned),
        ..Cli::default()
    };
    let mut config = Config::merge(
        Settings::default(),
        &cli,
        data.path().to_path_buf(),
        None,
        Vec::new(),
    );
    config.camera_clock = Clock::from(ManualClock::new());
    config
}

/// Lets the camera run in simulated time until `done`, or until `limit` of simulated time has
/// passed: each round moves the app's camera clock on by one UI tick (the camera thread renders
/// what it would have by then) and ticks as the subscription would. `done` is asked of the
/// app's snapshot after every tick. Whether it came true.
pub async fn camera_until(
    app: &mut App,
    limit: Duration,
    mut done: impl FnMut(&Snapshot) -> bool,
) -> bool {
    let Clock::Manual(clock) = app.camera_clock().clone() else {
        panic!("the test's camera should run on a manual clock (common::config sets one)");
    };
    let end = clock.now() + limit;
    while clock.now() < end {
        if done(&app.snapshot()) {
            return true;
        }
        clock.advance(camera::TICK);
        send(app, Message::CameraTick).await;
    }
    done(&app.snapshot())
}

/// An app on `step`, connected to its own embedded sandbox in `data`.
pub async fn connected_app(data: &tempfile::TempDir, lang: Language, step: Step) -> App {
    let mut app = App::new(config(lang, data, None)).at(step);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(
        app.snapshot().service.reached,
        "the embedded sandbox did not start"
    );
    app
}

pub fn citizen(registered: bool) -> &'static Citizen {
    qoltanba_sandbox::citizens()
        .iter()
        .find(|c| c.phone.is_some() == registered)
        .unwrap_or_else(|| panic!("no fixture citizen with registered = {registered}"))
}

/// A fixture citizen by behaviour: "approve", "moderation" (document mismatch) or "reject".
pub fn citizen_who(behaviour: &str) -> &'static Citizen {
    use qoltanba_sandbox::Behaviour;
    qoltanba_sandbox::citizens()
        .iter()
        .find(|c| {
            c.phone.is_some()
                && matches!(
                    (&c.behaviour, behaviour),
                    (Behaviour::Approve, "approve")
                        | (Behaviour::DocumentMismatch, "moderation")
                        | (Behaviour::Reject(_), "reject")
                )
        })
        .unwrap_or_else(|| panic!("no registered fixture citizen who would {behaviour}"))
}

/// A photo file the way a citizen's camera roll has them: a PNG of the given size.
pub fn png_file(dir: &std::path::Path, name: &str, width: u32, height: u32) -> std::path::PathBuf {
    // Dark "text" strokes on a light card, like print: sharp edges everywhere.
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let ink = (x / 3 + y / 7) % 4 == 0 || (x * 7 + y * 3) % 23 < 3;
        if ink {
            image::Rgb([40, 45, 60])
        } else {
            image::Rgb([205, 200, 190])
        }
    });
    let path = dir.join(name);
    image.save(&path).unwrap();
    path
}

/// A photo with no edges at all (a soft gradient): what a shaken camera gives.
pub fn blurred_png_file(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let image = image::RgbImage::from_fn(1000, 640, |x, y| {
        let v = 90 + ((x + y) / 20) as u8;
        image::Rgb([v, v, v])
    });
    let path = dir.join(name);
    image.save(&path).unwrap();
    path
}

/// A minimal AVI (RIFF header, hdrl LIST, avih) lasting `duration_ms`, padded to 4 KiB; stands
/// in for the camera engine's recording.
pub fn avi(duration_ms: u32) -> Vec<u8> {
    let micros_per_frame: u32 = 40_000;
    let frames = duration_ms * 1000 / micros_per_frame;
    let len = 4096usize;
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(len as u32 - 8).to_le_bytes());
    bytes.extend_from_slice(b"AVI LIST");
    bytes.extend_from_slice(&68u32.to_le_bytes());
    bytes.extend_from_slice(b"hdrlavih");
    bytes.extend_from_slice(&56u32.to_le_bytes());
    let mut avih = [0u8; 56];
    avih[0..4].copy_from_slice(&micros_per_frame.to_le_bytes());
    avih[16..20].copy_from_slice(&frames.to_le_bytes());
    avih[32..36].copy_from_slice(&640u32.to_le_bytes());
    avih[36..40].copy_from_slice(&480u32.to_le_bytes());
    bytes.extend_from_slice(&avih);
    bytes.resize(len, 0);
    bytes
}
