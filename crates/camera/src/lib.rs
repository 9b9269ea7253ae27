//! Qoltanba's camera layer, without a GUI: a capture thread over nokhwa that publishes only the
//! newest decoded frame, a synthetic camera that plays a scripted scene, face guidance with the
//! embedded SeetaFace model, the selfie state machine, video identification (challenge script,
//! tracker, MJPEG-in-AVI recorder) and ID document checks.
//!
//! Frames flow one way: [`Camera`] (its own thread) → [`Camera::latest`] → guidance
//! ([`Guide::assess`]) → [`SelfieCapture`] / [`ChallengeTracker`] → the GUI's screen state.
//! See `docs/camera.md`.

pub mod camera;
pub mod decode;
pub mod detect;
pub mod device;
pub mod error;
pub mod frame;
pub mod guidance;
pub mod imageops;
pub mod synthetic;

pub use camera::{Camera, CameraSource, CameraStatus, CaptureRequest, CaptureStats};
pub use device::{CaptureMode, DeviceId, DeviceInfo, list_devices};
pub use error::CameraError;
pub use frame::Frame;
pub use guidance::{Assessment, Guide, GuideRules, Hint, assess};
pub use synthetic::{Placement, Scene, SceneBuilder, Shot};
