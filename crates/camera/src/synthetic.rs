//! The synthetic camera: a scripted scene of a real face photograph (public domain, see
//! `assets/synthetic/README.md`) composited onto a plain room background and moved, scaled,
//! darkened or blurred over time. Rendering is a pure function of the scene time, so tests
//! and headless screenshots see the same pictures on every machine.

use std::sync::OnceLock;
use std::time::Duration;

use image::{RgbImage, Rgba, RgbaImage};

use crate::challenge::{ChallengeScript, Prompt};
use crate::document::{CardSide, ID1_ASPECT};
use crate::error::CameraError;
use crate::frame::Frame;

static FACE_PNG: &[u8] = include_bytes!("../assets/synthetic/astronaut_head.png");

/// Where the face sits in the sprite, as fractions of the sprite: centre and width of the part
/// the detector reports (calibrated against the detector by `placements_match_detections`).
const FACE_CX: f32 = 0.50;
const FACE_CY: f32 = 0.41;
const FACE_W: f32 = 0.40;

/// One face in the scene: where its centre is (fractions of the frame width and height) and how
/// wide it is as a fraction of the frame **height** (so a placement means the same closeness
/// whatever the frame's aspect ratio).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Face centre, fraction of the frame width (0 = left edge of the unmirrored frame).
    pub cx: f32,
    /// Face centre, fraction of the frame height (0 = top).
    pub cy: f32,
    /// Face width as a fraction of the frame height.
    pub size: f32,
}

impl Placement {
    /// A face at `(cx, cy)` with width `size` (see the field docs).
    pub const fn new(cx: f32, cy: f32, size: f32) -> Self {
        Self { cx, cy, size }
    }

    /// The usual good selfie position: centred, a bit above the middle, comfortably large.
    pub const CENTRE: Placement = Placement::new(0.5, 0.45, 0.34);

    fn lerp(a: Placement, b: Placement, t: f32) -> Placement {
        Placement {
            cx: a.cx + (b.cx - a.cx) * t,
            cy: a.cy + (b.cy - a.cy) * t,
            size: a.size + (b.size - a.size) * t,
        }
    }
}

/// What the camera sees at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Shot {
    /// The faces in view (none, one, or several).
    pub faces: Vec<Placement>,
    /// Exposure multiplier: 1.0 normal, below 0.3 a dark room, above 2 a blown-out picture.
    pub exposure: f32,
    /// Blur radius of the person in sprite pixels (0 = sharp), as when they move quickly or the
    /// lens is out of focus.
    pub blur: u32,
    /// An ID card held up to the camera.
    pub card: Option<CardShot>,
}

/// How [`Scene::card_held_badly`] holds the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFault {
    /// In a dark room.
    Dark,
    /// Out of focus.
    Blurred,
    /// Too far away: the card covers about half of the card frame's width.
    Far,
}

/// An ID card in the scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardShot {
    /// Which side faces the camera.
    pub side: CardSide,
    /// Card centre, fractions of the frame.
    pub cx: f32,
    /// Card centre, fractions of the frame.
    pub cy: f32,
    /// Card width, fraction of the frame width.
    pub width: f32,
    /// Blur radius in frame pixels (0 = sharp).
    pub blur: u32,
}

impl Shot {
    /// One face at `placement`, normal light, sharp.
    pub fn face(placement: Placement) -> Self {
        Self {
            faces: vec![placement],
            exposure: 1.0,
            blur: 0,
            card: None,
        }
    }

    /// An empty room.
    pub fn empty() -> Self {
        Self {
            faces: Vec::new(),
            exposure: 1.0,
            blur: 0,
            card: None,
        }
    }

    /// Several faces.
    pub fn faces(faces: Vec<Placement>) -> Self {
        Self {
            faces,
            exposure: 1.0,
            blur: 0,
            card: None,
        }
    }

    /// The same shot with another exposure.
    pub fn with_exposure(mut self, exposure: f32) -> Self {
        self.exposure = exposure;
        self
    }

    /// An ID card filling most of the card frame, nobody else in view.
    pub fn card(side: CardSide) -> Self {
        Self {
            card: Some(CardShot {
                side,
                cx: 0.5,
                cy: 0.5,
                width: 0.62,
                blur: 0,
            }),
            ..Self::empty()
        }
    }

    /// The same shot with the person blurred.
    pub fn with_blur(mut self, blur: u32) -> Self {
        self.blur = blur;
        self
    }

    fn lerp(a: &Shot, b: &Shot, t: f32) -> Shot {
        if a.faces.len() != b.faces.len() {
            return if t < 1.0 { a.clone() } else { b.clone() };
        }
        Shot {
            faces: a
                .faces
                .iter()
                .zip(&b.faces)
                .map(|(&p, &q)| Placement::lerp(p, q, t))
                .collect(),
            exposure: a.exposure + (b.exposure - a.exposure) * t,
            blur: if t < 0.5 { a.blur } else { b.blur },
            card: if t < 1.0 { a.card } else { b.card },
        }
    }
}

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

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

impl Scene {
    /// A person sitting still in the middle of the frame, at 1280×720 and 30 fps.
    pub fn steady() -> Scene {
        SceneBuilder::new("steady", 1280, 720, 30, Shot::face(Placement::CENTRE))
            .hold(ms(1000))
            .once()
    }

    /// A photograph held still in front of the camera: the same as [`Scene::steady`] (the
    /// point is that nothing moves, whatever is asked).
    pub fn static_photo() -> Scene {
        let mut scene = Self::steady();
        scene.name = "static photo".into();
        scene
    }

    /// The demonstration loop for `--camera synthetic`: a steady centred face first (long
    /// enough for the selfie to be taken), then every situation the guidance explains: off
    /// centre, too far, too close, nobody, two people, too dark, too bright, blurred.
    pub fn tour() -> Scene {
        let c = Placement::CENTRE;
        SceneBuilder::new("tour", 1280, 720, 30, Shot::face(c))
            .hold(ms(3000))
            .glide(ms(700), Shot::face(Placement::new(0.22, 0.45, 0.34)))
            .hold(ms(1500))
            .glide(ms(1200), Shot::face(Placement::new(0.78, 0.45, 0.34)))
            .hold(ms(1500))
            .glide(ms(700), Shot::face(c))
            .glide(ms(900), Shot::face(Placement::new(0.5, 0.47, 0.72)))
            .hold(ms(1500))
            .glide(ms(1200), Shot::face(Placement::new(0.5, 0.45, 0.12)))
            .hold(ms(1500))
            .cut(Shot::empty())
            .hold(ms(1500))
            .cut(Shot::faces(vec![
                Placement::new(0.3, 0.45, 0.3),
                Placement::new(0.72, 0.5, 0.28),
            ]))
            .hold(ms(1500))
            .cut(Shot::face(c).with_exposure(0.2))
            .hold(ms(1500))
            .cut(Shot::face(c).with_exposure(2.6))
            .hold(ms(1500))
            .cut(Shot::face(c).with_blur(4))
            .hold(ms(1500))
            .cut(Shot::face(c))
            .hold(ms(1000))
            .looping()
    }

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

    /// A person acting out `script` at 1280×720, 30 fps: centred for a second, then each
    /// movement in turn (over half a second, held 0.7 s, back to the centre), one every two
    /// seconds — what an honest person does when the prompts appear. A turn is acted as the
    /// face moving sideways by a third of its width (see `challenge` for why).
    pub fn performing(script: &ChallengeScript) -> Scene {
        let c = Placement::CENTRE;
        let mut builder =
            SceneBuilder::new("performing", 1280, 720, 30, Shot::face(c)).hold(ms(1000));
        for step in script
            .steps
            .iter()
            .filter(|s| s.prompt != Prompt::LookStraight)
        {
            let moved = match step.prompt {
                // The person's left is the unmirrored frame's right.
                Prompt::TurnLeft => Placement {
                    cx: c.cx + 0.1,
                    ..c
                },
                Prompt::TurnRight => Placement {
                    cx: c.cx - 0.1,
                    ..c
                },
                Prompt::ComeCloser => Placement {
                    size: c.size * 1.35,
                    ..c
                },
                Prompt::MoveBack => Placement {
                    size: c.size * 0.74,
                    ..c
                },
                Prompt::LookStraight => c,
            };
            builder = builder
                .glide(ms(500), Shot::face(moved))
                .hold(ms(700))
                .glide(ms(500), Shot::face(c))
                .hold(ms(300));
        }
        builder.hold(ms(2000)).once()
    }

    /// An ID card held steadily in the card frame, 1280×720 at 30 fps.
    pub fn card(side: CardSide) -> Scene {
        SceneBuilder::new(
            &format!("card {}", side.as_str()),
            1280,
            720,
            30,
            Shot::card(side),
        )
        .hold(ms(1000))
        .once()
    }

    /// A person centred in the oval who keeps swaying a little: the face is where it should
    /// be but never still, so the selfie is never taken (screenshots of the oval).
    pub fn swaying() -> Scene {
        let c = Placement::CENTRE;
        let left = Placement {
            cx: c.cx - 0.04,
            ..c
        };
        let right = Placement {
            cx: c.cx + 0.04,
            ..c
        };
        SceneBuilder::new("sway", 1280, 720, 30, Shot::face(left))
            .glide(ms(400), Shot::face(right))
            .glide(ms(400), Shot::face(left))
            .looping()
    }

    /// A person sitting still to the side of the oval.
    pub fn off_centre() -> Scene {
        SceneBuilder::new(
            "off-centre",
            1280,
            720,
            30,
            Shot::face(Placement::new(0.27, 0.45, 0.34)),
        )
        .hold(ms(1000))
        .once()
    }

    /// The front of the card held badly, for the reasons a card picture is refused: too dark,
    /// out of focus, or too far away to fill the card frame. 1280×720 at 30 fps.
    pub fn card_held_badly(fault: CardFault) -> Scene {
        let mut shot = Shot::card(CardSide::Front);
        let name = match fault {
            CardFault::Dark => {
                shot.exposure = 0.15;
                "card dark"
            }
            CardFault::Blurred => {
                if let Some(card) = shot.card.as_mut() {
                    card.blur = 3;
                }
                "card blurred"
            }
            CardFault::Far => {
                if let Some(card) = shot.card.as_mut() {
                    card.width = 0.42;
                }
                "card far"
            }
        };
        SceneBuilder::new(name, 1280, 720, 30, shot)
            .hold(ms(1000))
            .once()
    }

    /// A scene by name, for `--camera synthetic:NAME`: `tour` (the default), `steady`,
    /// `static`, `empty`, `denied`, `busy`, `unplug`, `card-front`, `card-back`, `card-dark`,
    /// `card-blurred`, `card-far`, `sway`, `off-centre`.
    pub fn by_name(name: &str) -> Option<Scene> {
        Some(match name {
            "" | "tour" => Self::tour(),
            "steady" => Self::steady(),
            "static" => Self::static_photo(),
            "empty" => SceneBuilder::new("empty", 1280, 720, 30, Shot::empty())
                .hold(ms(1000))
                .once(),
            "denied" => Self::tour().failing_with(CameraError::PermissionDenied),
            "busy" => Self::tour().failing_with(CameraError::Busy),
            "unplug" => Self::tour().unplugged(ms(4000), Some(ms(3000))),
            "card-front" => Self::card(CardSide::Front),
            "card-back" => Self::card(CardSide::Back),
            "card-dark" => Self::card_held_badly(CardFault::Dark),
            "card-blurred" => Self::card_held_badly(CardFault::Blurred),
            "card-far" => Self::card_held_badly(CardFault::Far),
            "sway" => Self::swaying(),
            "off-centre" => Self::off_centre(),
            _ => return None,
        })
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

/// A plain room: warm wall with a soft vertical gradient, a darker door-like band on the right
/// and a floor line; no shapes a face detector could mistake for a face.
fn background(w: u32, h: u32) -> Vec<u8> {
    let mut rgba = Vec::with_capacity(w as usize * h as usize * 4);
    for y in 0..h {
        let v = y as f32 / h as f32;
        let shade = 1.0 - 0.25 * v;
        let floor = v > 0.86;
        for x in 0..w {
            let u = x as f32 / w as f32;
            let door = (0.83..0.95).contains(&u) && v > 0.18;
            let (r, g, b) = if floor {
                (120.0, 104.0, 88.0)
            } else if door {
                (150.0, 135.0, 118.0)
            } else {
                (208.0, 200.0, 188.0)
            };
            rgba.extend_from_slice(&[(r * shade) as u8, (g * shade) as u8, (b * shade) as u8, 255]);
        }
    }
    rgba
}

/// The face photograph, decoded once.
fn sprite() -> Option<&'static RgbImage> {
    static SPRITE: OnceLock<Option<RgbImage>> = OnceLock::new();
    SPRITE
        .get_or_init(|| {
            image::load_from_memory_with_format(FACE_PNG, image::ImageFormat::Png)
                .ok()
                .map(|i| i.to_rgb8())
        })
        .as_ref()
}

/// The face photograph as an image (for fixtures such as the ID-card photo).
pub fn face_photo() -> Option<RgbImage> {
    sprite().cloned()
}

fn box_blur(src: &RgbImage, radius: u32) -> RgbImage {
    if radius == 0 {
        return src.clone();
    }
    let pass = |img: &RgbImage, horizontal: bool| {
        let (w, h) = img.dimensions();
        RgbImage::from_fn(w, h, |x, y| {
            let mut sum = [0u32; 3];
            let mut n = 0u32;
            for d in -(radius as i64)..=radius as i64 {
                let (sx, sy) = if horizontal {
                    ((x as i64 + d).clamp(0, w as i64 - 1), y as i64)
                } else {
                    (x as i64, (y as i64 + d).clamp(0, h as i64 - 1))
                };
                let p = img.get_pixel(sx as u32, sy as u32);
                for (s, &c) in sum.iter_mut().zip(&p.0) {
                    *s += u32::from(c);
                }
                n += 1;
            }
            image::Rgb(sum.map(|s| (s / n) as u8))
        })
    };
    pass(&pass(src, true), false)
}

/// Draws the sprite scaled so that its face matches `placement`, with a soft oval edge
/// (bilinear sampling in 8-bit fixed point).
fn composite(rgba: &mut [u8], w: u32, h: u32, sprite: &RgbImage, placement: &Placement, blur: u32) {
    let blurred;
    let sprite = if blur > 0 {
        blurred = box_blur(sprite, blur);
        &blurred
    } else {
        sprite
    };
    let (sw, sh) = (sprite.width() as usize, sprite.height() as usize);
    let face_px = placement.size * h as f32;
    let scale = face_px / (FACE_W * sw as f32);
    if scale <= 0.0 || !scale.is_finite() {
        return;
    }
    let (dw, dh) = (sw as f32 * scale, sh as f32 * scale);
    let left = placement.cx * w as f32 - FACE_CX * dw;
    let top = placement.cy * h as f32 - FACE_CY * dh;
    let x0 = left.floor().max(0.0) as usize;
    let y0 = top.floor().max(0.0) as usize;
    let x1 = ((left + dw).ceil().max(0.0) as usize).min(w as usize);
    let y1 = ((top + dh).ceil().max(0.0) as usize).min(h as usize);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    // Per column: source column, its right neighbour, the blend weight and the oval term.
    let columns: Vec<(usize, usize, u32, f32)> = (x0..x1)
        .map(|x| {
            let u = (x as f32 + 0.5 - left) / dw;
            let sx = (u * sw as f32 - 0.5).clamp(0.0, (sw - 1) as f32);
            let c0 = sx as usize;
            let weight = ((sx - c0 as f32) * 256.0) as u32;
            let du = (u - 0.5) / 0.5;
            (c0, (c0 + 1).min(sw - 1), weight, du * du)
        })
        .collect();
    let src = sprite.as_raw();
    let stride = w as usize * 4;
    for y in y0..y1 {
        let v = (y as f32 + 0.5 - top) / dh;
        let sy = (v * sh as f32 - 0.5).clamp(0.0, (sh - 1) as f32);
        let r0 = sy as usize;
        let r1 = (r0 + 1).min(sh - 1);
        let wy = ((sy - r0 as f32) * 256.0) as u32;
        let dv = (v - 0.5) / 0.5;
        let dv2 = dv * dv;
        let (row0, row1) = (
            &src[r0 * sw * 3..(r0 + 1) * sw * 3],
            &src[r1 * sw * 3..(r1 + 1) * sw * 3],
        );
        let out = &mut rgba[y * stride..(y + 1) * stride];
        for (i, &(c0, c1, wx, du2)) in columns.iter().enumerate() {
            let r2 = du2 + dv2;
            if r2 >= 1.0 {
                continue;
            }
            // Soft oval mask: opaque inside, fading out over the outer 12 % of the radius.
            let alpha = (((1.0 - r2.sqrt()) / 0.12).min(1.0) * 256.0) as u32;
            let o = (x0 + i) * 4;
            for ch in 0..3 {
                let a = u32::from(row0[c0 * 3 + ch]);
                let b = u32::from(row0[c1 * 3 + ch]);
                let c = u32::from(row1[c0 * 3 + ch]);
                let d = u32::from(row1[c1 * 3 + ch]);
                let top_mix = a * (256 - wx) + b * wx;
                let bottom_mix = c * (256 - wx) + d * wx;
                let value = (top_mix * (256 - wy) + bottom_mix * wy) >> 16;
                let dst = u32::from(out[o + ch]);
                out[o + ch] = ((dst * (256 - alpha) + value * alpha) >> 8) as u8;
            }
        }
    }
}

/// Width of the cached card pictures the scenes scale from.
const CARD_SPRITE_WIDTH: u32 = 1000;

fn card_sprite(side: CardSide) -> &'static RgbaImage {
    static FRONT: OnceLock<RgbaImage> = OnceLock::new();
    static BACK: OnceLock<RgbaImage> = OnceLock::new();
    let cell = match side {
        CardSide::Front => &FRONT,
        CardSide::Back => &BACK,
    };
    cell.get_or_init(|| id_card(side, CARD_SPRITE_WIDTH))
}

fn composite_card(rgba: &mut [u8], w: u32, h: u32, card: &CardShot) {
    let sprite = card_sprite(card.side);
    let dw = card.width * w as f32;
    let dh = dw / ID1_ASPECT;
    let left = card.cx * w as f32 - dw / 2.0;
    let top = card.cy * h as f32 - dh / 2.0;
    let (sw, sh) = (sprite.width() as f32, sprite.height() as f32);
    let corner = dh * 0.06;
    let x0 = left.max(0.0) as u32;
    let y0 = top.max(0.0) as u32;
    let x1 = ((left + dw).max(0.0) as u32).min(w);
    let y1 = ((top + dh).max(0.0) as u32).min(h);
    for y in y0..y1 {
        let fy = y as f32 + 0.5 - top;
        for x in x0..x1 {
            let fx = x as f32 + 0.5 - left;
            // Rounded corners.
            let cx = (corner - fx).max(fx - (dw - corner)).max(0.0);
            let cy = (corner - fy).max(fy - (dh - corner)).max(0.0);
            if cx * cx + cy * cy > corner * corner {
                continue;
            }
            let (u, v) = (fx / dw * sw - 0.5, fy / dh * sh - 0.5);
            let sx = (u.round().max(0.0) as u32).min(sprite.width() - 1);
            let sy = (v.round().max(0.0) as u32).min(sprite.height() - 1);
            let p = sprite.get_pixel(sx, sy).0;
            let i = (y as usize * w as usize + x as usize) * 4;
            rgba[i..i + 3].copy_from_slice(&p[..3]);
        }
    }
    if card.blur > 0 {
        // Out of focus: the card and its edges blur together (two box passes ≈ a Gaussian).
        let margin = card.blur * 3;
        let region = (
            x0.saturating_sub(margin),
            y0.saturating_sub(margin),
            (x1 + margin).min(w),
            (y1 + margin).min(h),
        );
        for _ in 0..2 {
            blur_region(rgba, w, region, card.blur);
        }
    }
}

/// Box blur of radius `radius` over the rectangle `(x0, y0, x1, y1)` of an RGBA picture of
/// width `w`, horizontally then vertically.
fn blur_region(rgba: &mut [u8], w: u32, (x0, y0, x1, y1): (u32, u32, u32, u32), radius: u32) {
    let (w, r) = (w as usize, radius as i64);
    let (x0, y0, x1, y1) = (x0 as i64, y0 as i64, x1 as i64, y1 as i64);
    let at = |x: i64, y: i64| (y as usize * w + x as usize) * 4;
    for horizontal in [true, false] {
        let source = rgba.to_vec();
        for y in y0..y1 {
            for x in x0..x1 {
                let mut sum = [0u32; 3];
                let mut n = 0;
                for d in -r..=r {
                    let (sx, sy) = if horizontal {
                        ((x + d).clamp(x0, x1 - 1), y)
                    } else {
                        (x, (y + d).clamp(y0, y1 - 1))
                    };
                    let i = at(sx, sy);
                    for (s, &v) in sum.iter_mut().zip(&source[i..i + 3]) {
                        *s += u32::from(v);
                    }
                    n += 1;
                }
                let i = at(x, y);
                for (c, s) in rgba[i..i + 3].iter_mut().zip(sum) {
                    *c = (s / n) as u8;
                }
            }
        }
    }
}

/// A small deterministic random source for the card's made-up print.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n.max(1)
    }
}

fn fill_rect(img: &mut RgbaImage, x: i64, y: i64, w: i64, h: i64, colour: [u8; 3]) {
    let (iw, ih) = (i64::from(img.width()), i64::from(img.height()));
    for py in y.max(0)..(y + h).min(ih) {
        for px in x.max(0)..(x + w).min(iw) {
            img.put_pixel(
                px as u32,
                py as u32,
                Rgba([colour[0], colour[1], colour[2], 255]),
            );
        }
    }
}

/// Draws a line of made-up glyphs (letter-like strokes) starting at `(x, y)` with glyph height
/// `size`; returns the x after the last glyph.
fn glyphs(
    img: &mut RgbaImage,
    rng: &mut Lcg,
    x: i64,
    y: i64,
    size: i64,
    count: u32,
    colour: [u8; 3],
) -> i64 {
    let stroke = (size / 7).max(1);
    let advance = size * 3 / 4;
    let mut at = x;
    for _ in 0..count {
        if rng.below(7) == 0 {
            at += advance; // a space
            continue;
        }
        let gw = advance - stroke * 2;
        // Each glyph: one or two verticals and up to three horizontals, like capital letters.
        if rng.below(3) != 0 {
            fill_rect(img, at, y, stroke, size, colour);
        }
        if rng.below(2) == 0 {
            fill_rect(img, at + gw - stroke, y, stroke, size, colour);
        }
        for row in [0, size / 2 - stroke / 2, size - stroke] {
            if rng.below(2) == 0 {
                fill_rect(img, at, y + row, gw, stroke, colour);
            }
        }
        if rng.below(4) == 0 {
            // A diagonal.
            for i in 0..size {
                fill_rect(
                    img,
                    at + i * (gw - stroke) / size.max(1),
                    y + i,
                    stroke,
                    1,
                    colour,
                );
            }
        }
        at += advance;
    }
    at
}

/// A made-up ID card (not a real document's design) for the synthetic camera and the test
/// fixtures: guilloche background, header band, photo, text lines on the front; bar code,
/// text and a machine-readable zone on the back. `width` in pixels; the height follows ID-1.
pub fn id_card(side: CardSide, width: u32) -> RgbaImage {
    let width = width.max(200);
    let height = (width as f32 / ID1_ASPECT).round() as u32;
    let s = f64::from(width) / 1000.0;
    let mut img = RgbaImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (f64::from(x) / s, f64::from(y) / s);
        let wave = (fx * 0.045 + 3.0 * (fy * 0.021).sin()).sin()
            + (fy * 0.05 - 2.0 * (fx * 0.013).cos()).sin();
        let line = wave.abs() < 0.06;
        let base = [214.0 - fy * 0.04, 228.0 - fy * 0.03, 224.0 + fx * 0.01];
        let c = |v: f64| if line { (v - 38.0) as u8 } else { v as u8 };
        Rgba([c(base[0]), c(base[1]), c(base[2]), 255])
    });
    let px = |v: f64| (v * s).round() as i64;
    let mut rng = Lcg(match side {
        CardSide::Front => 0x1D_CA4D,
        CardSide::Back => 0xBAC_CA4D,
    });
    let ink = [28, 36, 52];
    let label = [96, 110, 128];
    match side {
        CardSide::Front => {
            fill_rect(&mut img, 0, 0, i64::from(width), px(78.0), [22, 92, 140]);
            glyphs(
                &mut img,
                &mut rng,
                px(40.0),
                px(22.0),
                px(34.0),
                24,
                [240, 244, 248],
            );
            if let Some(face) = face_photo() {
                let (pw, ph) = (px(250.0).max(8) as u32, px(300.0).max(8) as u32);
                let photo =
                    image::imageops::resize(&face, pw, ph, image::imageops::FilterType::Triangle);
                let (ox, oy) = (px(40.0), px(118.0));
                for (x, y, p) in photo.enumerate_pixels() {
                    let (tx, ty) = (ox + i64::from(x), oy + i64::from(y));
                    if tx < i64::from(width) && ty < i64::from(height) {
                        img.put_pixel(tx as u32, ty as u32, Rgba([p.0[0], p.0[1], p.0[2], 255]));
                    }
                }
            }
            let mut y = 120.0;
            for _ in 0..6 {
                glyphs(&mut img, &mut rng, px(330.0), px(y), px(16.0), 14, label);
                let count = 16 + rng.below(8);
                glyphs(
                    &mut img,
                    &mut rng,
                    px(330.0),
                    px(y + 24.0),
                    px(28.0),
                    count,
                    ink,
                );
                y += 70.0;
            }
        }
        CardSide::Back => {
            let mut x = 40.0;
            while x < 600.0 {
                let bar = 2.0 + f64::from(rng.below(5)) * 2.0;
                fill_rect(&mut img, px(x), px(40.0), px(bar).max(1), px(90.0), ink);
                x += bar + 2.0 + f64::from(rng.below(4)) * 2.0;
            }
            let mut y = 160.0;
            for _ in 0..4 {
                glyphs(&mut img, &mut rng, px(40.0), px(y), px(14.0), 18, label);
                glyphs(
                    &mut img,
                    &mut rng,
                    px(40.0),
                    px(y + 20.0),
                    px(24.0),
                    26,
                    ink,
                );
                y += 56.0;
            }
            fill_rect(
                &mut img,
                0,
                px(440.0),
                i64::from(width),
                px(190.0),
                [246, 246, 240],
            );
            for row in 0..3 {
                glyphs(
                    &mut img,
                    &mut rng,
                    px(40.0),
                    px(460.0 + f64::from(row) * 52.0),
                    px(34.0),
                    30,
                    [10, 10, 10],
                );
            }
        }
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_face_photo_decodes() {
        let face = face_photo().unwrap();
        assert_eq!(face.dimensions(), (240, 280));
    }

    #[test]
    fn scenes_interpolate_and_cut() {
        let scene = SceneBuilder::new("t", 64, 48, 10, Shot::face(Placement::new(0.2, 0.5, 0.3)))
            .glide(ms(1000), Shot::face(Placement::new(0.6, 0.5, 0.3)))
            .cut(Shot::empty())
            .once();
        let mid = scene.shot_at(ms(500));
        assert!((mid.faces[0].cx - 0.4).abs() < 1e-4);
        assert!(scene.shot_at(ms(2000)).faces.is_empty());
        assert_eq!(scene.shot_at(ms(999)).faces.len(), 1);
    }

    #[test]
    fn rendering_is_deterministic_and_sized() {
        let scene = Scene::tour();
        let a = scene.render(ms(1234), 7);
        let b = scene.render(ms(1234), 7);
        assert_eq!(a, b);
        assert_eq!((a.width(), a.height()), (1280, 720));
        assert_eq!(a.captured_at(), ms(1234));
        // The looped scene repeats.
        let again = scene.render(ms(1234) + scene.duration(), 7);
        assert_eq!(again.rgba(), a.rgba());
    }

    #[test]
    fn exposure_darkens_the_picture() {
        let normal = Scene::steady().render(ms(0), 0);
        let mut dark_scene = Scene::steady();
        dark_scene.keyframes[0].shot.exposure = 0.2;
        dark_scene.keyframes[1].shot.exposure = 0.2;
        let dark = dark_scene.render(ms(0), 0);
        let sum = |f: &Frame| f.rgba().iter().map(|&v| u64::from(v)).sum::<u64>();
        assert!(sum(&dark) < sum(&normal) / 2);
    }
}
