//! Qoltanba's camera layer, without a GUI: a capture thread over nokhwa that publishes only the
//! newest decoded frame, a synthetic camera that plays a scripted scene, face guidance with the
//! embedded SeetaFace model, the selfie state machine, video identification (challenge script,
//! tracker, MJPEG-in-AVI recorder) and ID document checks.
//!
//! Frames flow one way: [`Camera`] (its own thread) → [`Camera::latest`] → guidance
//! ([`Guide::assess`]) → [`SelfieCapture`] / [`ChallengeTracker`] → the GUI's screen state.
//! See `docs/camera.md`.

pub mod avi;
pub mod camera;
pub mod challenge;
pub mod clock;
pub mod decode;
pub mod detect;
pub mod device;
pub mod document;
pub mod error;
pub mod frame;
pub mod guidance;
pub mod imageops;
pub mod overlay;
pub mod recorder;
pub mod selfie;
pub mod synthetic;

pub use camera::{Camera, CameraSource, CameraStatus, CaptureRequest, CaptureStats};
pub use challenge::{
    ChallengeFailure, ChallengeLog, ChallengeScript, ChallengeState, ChallengeTracker, Prompt,
    TrackerRules,
};
pub use clock::{Clock, ManualClock};
pub use device::{CaptureMode, DeviceId, DeviceInfo, list_devices};
pub use document::{
    CARD_FRAME_MARGIN, CardFrame, CardSide, DocumentCheck, DocumentFileError, DocumentHint,
    MIN_CARD_COVERAGE, card_coverage, check_card_capture, check_document, encode_document_jpeg,
    load_document_file,
};
pub use error::CameraError;
pub use frame::Frame;
pub use guidance::{Assessment, Guide, GuideRules, Hint, Oval, assess};
pub use overlay::Preview;
pub use recorder::{
    RecorderSettings, Recording, VideoEvidence, VideoIdentification, VideoRecorder,
};
pub use selfie::{Selfie, SelfieCapture, SelfieProgress, SelfieSettings};
pub use synthetic::{CardFault, Placement, Scene, SceneBuilder, Shot};
