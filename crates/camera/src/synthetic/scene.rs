//! A scripted scene (keyframes, faults), its builder, and its renderer.

use std::time::Duration;

use crate::error::CameraError;
use crate::frame::Frame;

use super::draw::{background, composite, composite_card};
use super::photo::sprite;
use super::shot::Shot;

/// A point of a scene's script: at `at` the camera sees `shot`; between two keyframes whose
/// shots have the same number of faces the faces glide linearly, otherwise the scene cuts.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyframe {
    /// Time from the start of the scene.
    pub at: Duration,
    /// What is seen then.
    pub shot: Shot,
}

/// A scripted synthetic scene.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// A short name shown on screen ("synthetic: tour").
    pub name: String,
    /// Frame size in pixels.
    pub width: u32,
    /// Frame size in pixels.
    pub height: u32,
    /// Frames per second the synthetic camera delivers.
    pub fps: u32,
    /// The script, in time order (at least one keyframe).
    pub keyframes: Vec<Keyframe>,
    /// Whether the script starts again after its last keyframe (otherwise the last shot stays).
    pub looping: bool,
    /// Simulated failures of the synthetic camera, for showing and testing error screens.
    pub faults: Faults,
}

/// Failures a synthetic camera can act out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Starting fails with this error (e.g. [`CameraError::PermissionDenied`]).
    pub start_error: Option<CameraError>,
    /// The camera is "unplugged" this long after it started…
    pub unplug_at: Option<Duration>,
    /// …and "plugged back in" this long after that (never when `None`).
    pub replug_after: Option<Duration>,
}

/// Builds a scene step by step.
#[derive(Debug, Clone)]
pub struct SceneBuilder {
    scene: Scene,
    now: Duration,
}

impl SceneBuilder {
    /// Starts a scene showing `first`.
    pub fn new(name: &str, width: u32, height: u32, fps: u32, first: Shot) -> Self {
        Self {
            scene: Scene {
                name: name.to_owned(),
                width,
                height,
                fps,
                keyframes: vec![Keyframe {
                    at: Duration::ZERO,
                    shot: first,
                }],
                looping: false,
                faults: Faults::default(),
            },
            now: Duration::ZERO,
        }
    }

    fn last(&self) -> Shot {
        self.scene
            .keyframes
            .last()
            .map(|k| k.shot.clone())
            .unwrap_or_else(Shot::empty)
    }

    /// Keeps the current shot for `duration`.
    pub fn hold(mut self, duration: Duration) -> Self {
        let shot = self.last();
        self.now += duration;
        self.scene.keyframes.push(Keyframe { at: self.now, shot });
        self
    }

    /// Glides to `shot` over `duration` (a cut if the number of faces differs).
    pub fn glide(mut self, duration: Duration, shot: Shot) -> Self {
        self.now += duration;
        self.scene.keyframes.push(Keyframe { at: self.now, shot });
        self
    }

    /// Cuts to `shot` at once.
    pub fn cut(mut self, shot: Shot) -> Self {
        self.now += Duration::from_millis(1);
        self.scene.keyframes.push(Keyframe { at: self.now, shot });
        self
    }

    /// The scene, played once (the last shot stays).
    pub fn once(self) -> Scene {
        self.scene
    }

    /// The scene, played in a loop.
    pub fn looping(mut self) -> Scene {
        self.scene.looping = true;
        self.scene
    }
}

pub(super) fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}
impl Scene {
    /// The same scene, failing to start with `error`.
    pub fn failing_with(mut self, error: CameraError) -> Scene {
        self.faults.start_error = Some(error);
        self
    }

    /// The same scene, unplugged `at` after the start and (if given) back `replug_after` later.
    pub fn unplugged(mut self, at: Duration, replug_after: Option<Duration>) -> Scene {
        self.faults.unplug_at = Some(at);
        self.faults.replug_after = replug_after;
        self
    }

    /// Total length of the script.
    pub fn duration(&self) -> Duration {
        self.keyframes.last().map(|k| k.at).unwrap_or_default()
    }

    /// What the camera sees at scene time `t`.
    pub fn shot_at(&self, t: Duration) -> Shot {
        let total = self.duration();
        let t = if self.looping && !total.is_zero() {
            Duration::from_nanos((t.as_nanos() % total.as_nanos()) as u64)
        } else {
            t
        };
        let Some(first) = self.keyframes.first() else {
            return Shot::empty();
        };
        let mut previous = first;
        for key in &self.keyframes[1..] {
            if t < key.at {
                let span = key.at.saturating_sub(previous.at).as_secs_f32();
                let into = t.saturating_sub(previous.at).as_secs_f32();
                let fraction = if span > 0.0 { into / span } else { 1.0 };
                return Shot::lerp(&previous.shot, &key.shot, fraction.clamp(0.0, 1.0));
            }
            previous = key;
        }
        previous.shot.clone()
    }

    /// Renders the frame at scene time `t` (numbered `sequence`). For many frames use a
    /// [`SceneRenderer`], which keeps the background between frames.
    pub fn render(&self, t: Duration, sequence: u64) -> Frame {
        SceneRenderer::new(self.clone()).render(t, sequence)
    }

    /// A renderer for this scene.
    pub fn renderer(&self) -> SceneRenderer {
        SceneRenderer::new(self.clone())
    }

    /// The interval between frames.
    pub fn frame_interval(&self) -> Duration {
        Duration::from_secs_f64(1.0 / f64::from(self.fps.max(1)))
    }
}

/// Renders a scene frame by frame, reusing the background.
#[derive(Debug, Clone)]
pub struct SceneRenderer {
    scene: Scene,
    background: Vec<u8>,
}

impl SceneRenderer {
    /// Prepares the background of `scene`.
    pub fn new(scene: Scene) -> Self {
        let background = background(scene.width.max(2), scene.height.max(2));
        Self { scene, background }
    }

    /// The scene being rendered.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// Renders the frame at scene time `t` (numbered `sequence`).
    pub fn render(&self, t: Duration, sequence: u64) -> Frame {
        let shot = self.scene.shot_at(t);
        let (w, h) = (self.scene.width.max(2), self.scene.height.max(2));
        let mut rgba = self.background.clone();
        if let Some(sprite) = sprite() {
            for placement in &shot.faces {
                composite(&mut rgba, w, h, sprite, placement, shot.blur);
            }
        }
        if let Some(card) = &shot.card {
            composite_card(&mut rgba, w, h, card);
        }
        if (shot.exposure - 1.0).abs() > 0.01 {
            let gain = (shot.exposure.max(0.0) * 256.0) as u32;
            for px in rgba.chunks_exact_mut(4) {
                for c in &mut px[..3] {
                    *c = ((u32::from(*c) * gain) >> 8).min(255) as u8;
                }
            }
        }
        // Both sides are at least 2 and the buffer has exactly w × h × 4 bytes.
        Frame::from_rgba(w, h, rgba, t, sequence).unwrap_or_else(|| unreachable!())
    }
}
