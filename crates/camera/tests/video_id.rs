#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Video identification with the synthetic camera: a person acting out the random prompts
//! passes, a still photo fails, and the recording is a video ffprobe reads with the expected
//! duration, uploaded with a log the service accepts.

mod common;

use std::process::Command;
use std::time::Duration;

use qoltanba_camera::challenge::ChallengeFailure;
use qoltanba_camera::{
    ChallengeScript, ChallengeState, ChallengeTracker, Guide, GuideRules, Prompt, RecorderSettings,
    Scene, TrackerRules, VideoEvidence, VideoIdentification,
};
use rand::SeedableRng;

const MIN_VIDEO: Duration = Duration::from_secs(6);

/// Plays `scene` at 640×360 (the recorded size, so the debug-build test skips the scaling)
/// and 10 fps through guidance into an attempt until the recording is complete or the attempt
/// fails; returns the final state and the attempt.
fn attempt(scene: &Scene, script: ChallengeScript) -> (ChallengeState, VideoIdentification) {
    let mut scene = scene.clone();
    (scene.width, scene.height) = (640, 360);
    let scene = &scene;
    let mut guide = Guide::new(GuideRules::default()).unwrap();
    let tracker = ChallengeTracker::new(script, TrackerRules::default());
    let mut video = VideoIdentification::new(tracker, RecorderSettings::default(), MIN_VIDEO);
    let mut state = ChallengeState::NotStarted;
    for frame in common::frames_at(scene, 10, Duration::from_secs(20)) {
        let assessment = guide.assess(&frame);
        state = video.feed(&frame, &assessment).unwrap();
        if video.is_complete() {
            break;
        }
    }
    (state, video)
}

fn ffprobe(path: &std::path::Path) -> serde_json::Value {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-of", "json"])
        .args(["-show_entries", "format=duration,format_name:stream=codec_name,width,height,nb_read_frames,r_frame_rate"])
        .arg(path)
        .output()
        .expect("ffprobe must be installed (Debian package ffmpeg)");
    assert!(
        output.status.success(),
        "ffprobe failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "ffprobe complained: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn check_evidence(evidence: &VideoEvidence, prompts: usize) {
    let recording = &evidence.recording;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("video.avi");
    std::fs::write(&path, &recording.avi).unwrap();
    let probe = ffprobe(&path);
    assert_eq!(probe["format"]["format_name"], "avi");
    let stream = &probe["streams"][0];
    assert_eq!(stream["codec_name"], "mjpeg");
    assert_eq!(
        (stream["width"].as_u64(), stream["height"].as_u64()),
        (Some(640), Some(360))
    );
    assert_eq!(stream["r_frame_rate"], "15/1");
    let frames: u64 = stream["nb_read_frames"].as_str().unwrap().parse().unwrap();
    assert_eq!(frames, u64::from(recording.frames));
    let duration: f64 = probe["format"]["duration"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (duration - recording.duration.as_secs_f64()).abs() < 0.07,
        "ffprobe says {duration} s, the recorder {:?}",
        recording.duration
    );
    assert!((6.0..=8.5).contains(&duration), "{duration} s");
    // Every frame decodes.
    let decoded = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(&path)
        .args(["-f", "null", "-"])
        .output()
        .unwrap();
    assert!(
        decoded.status.success() && decoded.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&decoded.stderr)
    );
    // And the service's own checks pass.
    let service_ms = common::service_accepts_avi(&recording.avi).unwrap();
    assert!((service_ms as f64 / 1000.0 - duration).abs() < 0.07);
    assert_eq!(
        common::service_accepts_log(&evidence.log.to_json(), service_ms),
        Ok(prompts)
    );
}

#[test]
fn a_person_doing_the_random_prompts_passes_and_the_video_is_valid() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2024);
    let script = ChallengeScript::random(&mut rng);
    let prompts = script.steps.len();
    let (state, video) = attempt(&Scene::performing(&script), script.clone());
    assert_eq!(state, ChallengeState::Passed, "{:?}", video.tracker().log());
    let log = video.tracker().log().clone();
    let kinds: Vec<_> = log.challenges.iter().map(|c| c.kind.clone()).collect();
    let expected: Vec<_> = script
        .steps
        .iter()
        .map(|s| s.prompt.key().to_owned())
        .collect();
    assert_eq!(kinds, expected);
    for pair in log.challenges.windows(2) {
        assert_eq!(
            pair[1].started_ms, pair[0].completed_ms,
            "prompts follow each other"
        );
    }
    let evidence = video.finish().unwrap().unwrap();
    check_evidence(&evidence, prompts);
}

#[test]
fn all_four_movements_pass_within_eight_seconds() {
    let script = ChallengeScript::new(&Prompt::MOVES);
    let (state, video) = attempt(&Scene::performing(&script), script);
    assert_eq!(state, ChallengeState::Passed, "{:?}", video.tracker().log());
    let evidence = video.finish().unwrap().unwrap();
    assert!(
        evidence.recording.duration > MIN_VIDEO,
        "{:?}",
        evidence.recording.duration
    );
    check_evidence(&evidence, 5);
}

#[test]
fn a_still_photo_fails_on_the_first_movement() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(99);
    let script = ChallengeScript::random(&mut rng);
    let first_move = script.steps[1].prompt;
    let (state, video) = attempt(&Scene::static_photo(), script);
    assert_eq!(
        state,
        ChallengeState::Failed(ChallengeFailure::TimedOut(first_move))
    );
    assert_eq!(
        video.tracker().log().challenges.len(),
        1,
        "only 'look straight' was done"
    );
    assert!(
        video.finish().is_none(),
        "a failed attempt yields no upload"
    );
}

#[test]
fn acting_out_a_different_script_fails() {
    let asked = ChallengeScript::new(&[Prompt::TurnLeft, Prompt::ComeCloser]);
    let acted = ChallengeScript::new(&[Prompt::TurnRight, Prompt::MoveBack]);
    let (state, _) = attempt(&Scene::performing(&acted), asked);
    assert_eq!(
        state,
        ChallengeState::Failed(ChallengeFailure::TimedOut(Prompt::TurnLeft))
    );
}
