//! The synthetic camera: a scripted scene of a real face photograph (public domain, see
//! `assets/synthetic/README.md`) composited onto a plain room background and moved, scaled,
//! darkened or blurred over time. Rendering is a pure function of the scene time, so tests
//! and headless screenshots see the same pictures on every machine.
//!
//! `shot` holds what the camera sees at one moment, `scene` the script and its renderer,
//! `catalogue` the named scenes, `draw` the compositing, `card` the made-up ID card and
//! `photo` the embedded face photograph.

mod card;
mod catalogue;
mod draw;
mod photo;
mod scene;
mod shot;

pub use card::id_card;
pub use photo::face_photo;
pub use scene::{Faults, Keyframe, Scene, SceneBuilder, SceneRenderer};
pub use shot::{CardFault, CardShot, Placement, Shot};

#[cfg(test)]
mod tests;
