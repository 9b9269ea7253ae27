//! Face guidance: from one frame (and, for "hold still", the last half second) to the single
//! most useful instruction for the person in front of the camera.

use std::collections::VecDeque;
use std::time::Duration;

use crate::detect::{DetectorError, DetectorSettings, FaceBox, FaceTracker, detect_faces};
use crate::frame::Frame;
use crate::imageops::{
    Region, grey_downscaled, grey_region, laplacian_variance, mean_luma, stretch_contrast,
};

/// What the person should do next. The GUI maps each to translated text; `None` in an
/// [`Assessment`] means every rule passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hint {
    /// No face is found (look at the camera, come into the frame).
    NoFace,
    /// More than one face is in the frame (only one person, please).
    MoreThanOne,
    /// The face is too small: come closer.
    MoveCloser,
    /// The face is too large: move back.
    MoveBack,
    /// The face is off the oval: centre it.
    Centre,
    /// Too dark: more light on the face.
    TooDark,
    /// Too bright: avoid light behind or straight into the camera.
    TooBright,
    /// The picture is blurred: clean the lens, hold still.
    Blurry,
    /// The face is moving: hold still.
    HoldStill,
}

impl Hint {
    /// A stable machine name (`no_face`, `move_closer`, …), e.g. for Fluent message ids.
    pub fn key(self) -> &'static str {
        match self {
            Self::NoFace => "no_face",
            Self::MoreThanOne => "more_than_one",
            Self::MoveCloser => "move_closer",
            Self::MoveBack => "move_back",
            Self::Centre => "centre",
            Self::TooDark => "too_dark",
            Self::TooBright => "too_bright",
            Self::Blurry => "blurry",
            Self::HoldStill => "hold_still",
        }
    }
}

/// The oval the GUI draws over the preview, as fractions of the frame (unmirrored; mirror
/// `cx` for a mirrored preview, it is 0.5 by default anyway).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oval {
    /// Centre, fraction of the frame width.
    pub cx: f32,
    /// Centre, fraction of the frame height.
    pub cy: f32,
    /// Width, fraction of the frame width.
    pub width: f32,
    /// Height, fraction of the frame height.
    pub height: f32,
}

/// The thresholds of the guidance rules. Face size is the detector box width as a fraction of
/// the frame **height**; positions are fractions of the frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuideRules {
    /// How the detector runs.
    pub detector: DetectorSettings,
    /// Where the face centre should be, `(x, y)`.
    pub target: (f32, f32),
    /// How far the face centre may be from `target`, `(x, y)`.
    pub centre_tolerance: (f32, f32),
    /// Below this face size: [`Hint::MoveCloser`].
    pub min_face: f32,
    /// Above this face size: [`Hint::MoveBack`].
    pub max_face: f32,
    /// Mean luma of the face (0–1) below which it is [`Hint::TooDark`].
    pub dark_below: f32,
    /// Mean luma of the face (0–1) above which it is [`Hint::TooBright`].
    pub bright_above: f32,
    /// Variance of the Laplacian of the face (resampled to 96×96, contrast stretched) below
    /// which it is [`Hint::Blurry`].
    pub min_sharpness: f32,
    /// How far the face may move within [`GuideRules::still_window`], in face widths, before
    /// [`Hint::HoldStill`].
    pub max_motion: f32,
    /// The time over which stillness is judged.
    pub still_window: Duration,
}

impl Default for GuideRules {
    fn default() -> Self {
        Self {
            detector: DetectorSettings::default(),
            target: (0.5, 0.45),
            centre_tolerance: (0.10, 0.12),
            min_face: 0.24,
            max_face: 0.56,
            dark_below: 0.22,
            bright_above: 0.82,
            min_sharpness: 60.0,
            max_motion: 0.15,
            still_window: Duration::from_millis(500),
        }
    }
}

impl GuideRules {
    /// The oval to draw for a frame of `width × height`: centred on the target and sized for a
    /// face in the middle of the accepted range (a head is taller than the detector's box).
    pub fn oval(&self, width: u32, height: u32) -> Oval {
        let face = (self.min_face + self.max_face) / 2.0;
        let aspect = height as f32 / width.max(1) as f32;
        Oval {
            cx: self.target.0,
            cy: self.target.1,
            width: face * 1.45 * aspect,
            height: face * 1.9,
        }
    }
}

impl GuideRules {
    /// Whether the face sits in the oval: exactly one face, its size within the accepted
    /// range and its centre within the tolerance (light, sharpness and stillness aside) —
    /// what the oval's colour tells the person.
    pub fn face_in_oval(&self, assessment: &Assessment) -> bool {
        let (Some(face), Some(size)) = (assessment.face(), assessment.face_size()) else {
            return false;
        };
        let (cx, cy) = face.centre();
        assessment.faces.len() == 1
            && (self.min_face..=self.max_face).contains(&size)
            && (cx - self.target.0).abs() <= self.centre_tolerance.0
            && (cy - self.target.1).abs() <= self.centre_tolerance.1
    }
}

/// What the guidance saw in one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// When the frame was captured (from the start of its source).
    pub at: Duration,
    /// Frame size, `(width, height)`.
    pub frame_size: (u32, u32),
    /// Faces found, largest first.
    pub faces: Vec<FaceBox>,
    /// The most important instruction, or `None` when every rule passes.
    pub hint: Option<Hint>,
    /// Mean luma of the largest face (of the whole frame when there is none), 0–1.
    /// Without a face, a very dark or very bright frame gives [`Hint::TooDark`] or
    /// [`Hint::TooBright`] instead of [`Hint::NoFace`], since the light is then the likely cause.
    pub brightness: f32,
    /// Variance of the Laplacian of the largest face resampled to 96×96 with its contrast
    /// stretched (so exposure does not change it); 0 without a face.
    pub sharpness: f32,
}

impl Assessment {
    /// Whether every rule passes.
    pub fn ready(&self) -> bool {
        self.hint.is_none()
    }

    /// The largest face.
    pub fn face(&self) -> Option<&FaceBox> {
        self.faces.first()
    }

    /// The largest face's width as a fraction of the frame height (the size the rules use).
    pub fn face_size(&self) -> Option<f32> {
        let (w, h) = self.frame_size;
        self.face().map(|f| f.width * w as f32 / h.max(1) as f32)
    }
}

/// Judges one frame without history (so never [`Hint::HoldStill`]).
pub fn assess(frame: &Frame, rules: &GuideRules) -> Result<Assessment, DetectorError> {
    let faces = detect_faces(frame, &rules.detector)?;
    Ok(judge(frame, faces, rules))
}

fn face_region(frame: &Frame, face: &FaceBox) -> Region {
    let (w, h) = (frame.width() as f32, frame.height() as f32);
    Region {
        x: (face.x * w).max(0.0) as usize,
        y: (face.y * h).max(0.0) as usize,
        width: (face.width * w).max(1.0) as usize,
        height: (face.height * h).max(1.0) as usize,
    }
}

fn judge(frame: &Frame, faces: Vec<FaceBox>, rules: &GuideRules) -> Assessment {
    let (w, h) = (frame.width() as usize, frame.height() as usize);
    let mut assessment = Assessment {
        at: frame.captured_at(),
        frame_size: (frame.width(), frame.height()),
        faces,
        hint: None,
        brightness: 0.0,
        sharpness: 0.0,
    };
    let Some(face) = assessment.faces.first().copied() else {
        // Without a face, the whole picture tells whether darkness is the reason.
        let grey = grey_downscaled(frame.rgba(), w, h, (w / 80).max(1));
        assessment.brightness = mean_luma(&grey);
        assessment.hint = Some(if assessment.brightness < rules.dark_below * 0.6 {
            Hint::TooDark
        } else if assessment.brightness > rules.bright_above {
            Hint::TooBright
        } else {
            Hint::NoFace
        });
        return assessment;
    };
    if let Some(mut grey) = grey_region(frame.rgba(), w, h, face_region(frame, &face), 96, 96) {
        assessment.brightness = mean_luma(&grey);
        stretch_contrast(&mut grey);
        assessment.sharpness = laplacian_variance(&grey);
    }
    let size = assessment.face_size().unwrap_or(0.0);
    let (cx, cy) = face.centre();
    let off_centre = (cx - rules.target.0).abs() > rules.centre_tolerance.0
        || (cy - rules.target.1).abs() > rules.centre_tolerance.1;
    assessment.hint = if assessment.faces.len() > 1 {
        Some(Hint::MoreThanOne)
    } else if assessment.brightness < rules.dark_below {
        Some(Hint::TooDark)
    } else if assessment.brightness > rules.bright_above {
        Some(Hint::TooBright)
    } else if size > rules.max_face {
        Some(Hint::MoveBack)
    } else if size < rules.min_face {
        Some(Hint::MoveCloser)
    } else if off_centre {
        Some(Hint::Centre)
    } else if assessment.sharpness < rules.min_sharpness {
        Some(Hint::Blurry)
    } else {
        None
    };
    assessment
}

/// Guidance over time: [`assess`] plus [`Hint::HoldStill`] when the face moved during the last
/// [`GuideRules::still_window`], with the face followed from frame to frame (see
/// [`FULL_SCAN_EVERY`]) so most frames cost a fraction of a full scan.
#[derive(Debug, Clone)]
pub struct Guide {
    rules: GuideRules,
    tracker: FaceTracker,
    history: VecDeque<(Duration, FaceBox, f32)>,
}

/// A [`Guide`] can move to a worker thread with its history.
const _: () = {
    const fn movable<T: Send>() {}
    movable::<Guide>();
};

/// How often [`Guide`] scans the whole frame while it follows one face (every 6th frame: five
/// times a second at 30 fps); in between it searches a small window around the face.
pub const FULL_SCAN_EVERY: u32 = 6;

impl Guide {
    /// A guide with these rules; fails only if the embedded face model is damaged.
    pub fn new(rules: GuideRules) -> Result<Self, DetectorError> {
        crate::detect::check_model()?;
        Ok(Self {
            rules,
            tracker: FaceTracker::new(FULL_SCAN_EVERY),
            history: VecDeque::new(),
        })
    }

    /// The rules in use.
    pub fn rules(&self) -> &GuideRules {
        &self.rules
    }

    /// Forgets the motion history (after a pause or a retake).
    pub fn reset(&mut self) {
        self.history.clear();
        self.tracker.reset();
    }

    /// Judges the next frame.
    pub fn assess(&mut self, frame: &Frame) -> Assessment {
        // `new` checked the model, so detection cannot fail here.
        let faces = self
            .tracker
            .detect(frame, &self.rules.detector)
            .unwrap_or_default();
        let mut assessment = judge(frame, faces, &self.rules);
        self.observe(&mut assessment);
        assessment
    }

    /// Adds [`Hint::HoldStill`] to an assessment made elsewhere (e.g. with [`assess`]) and
    /// remembers its face.
    pub fn observe(&mut self, assessment: &mut Assessment) {
        let now = assessment.at;
        // A frame from the past means the source restarted: start afresh.
        if self.history.back().is_some_and(|(at, _, _)| *at > now) {
            self.history.clear();
        }
        while self
            .history
            .front()
            .is_some_and(|(at, _, _)| now.saturating_sub(*at) > self.rules.still_window)
        {
            self.history.pop_front();
        }
        let (Some(face), Some(size)) = (assessment.face().copied(), assessment.face_size()) else {
            self.history.clear();
            return;
        };
        let (cx, cy) = face.centre();
        let aspect = assessment.frame_size.0 as f32 / assessment.frame_size.1.max(1) as f32;
        let moved = self.history.iter().any(|(_, old, old_size)| {
            let (ox, oy) = old.centre();
            // Distance in units of frame height, then in face widths.
            let dx = (cx - ox) * aspect;
            let dy = cy - oy;
            let distance = (dx * dx + dy * dy).sqrt() / size.max(0.01);
            let growth = (size / old_size.max(0.01) - 1.0).abs();
            distance > self.rules.max_motion || growth > self.rules.max_motion
        });
        if moved && assessment.hint.is_none() {
            assessment.hint = Some(Hint::HoldStill);
        }
        self.history.push_back((now, face, size));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_keys_are_distinct() {
        let all = [
            Hint::NoFace,
            Hint::MoreThanOne,
            Hint::MoveCloser,
            Hint::MoveBack,
            Hint::Centre,
            Hint::TooDark,
            Hint::TooBright,
            Hint::Blurry,
            Hint::HoldStill,
        ];
        let keys: std::collections::HashSet<_> = all.iter().map(|h| h.key()).collect();
        assert_eq!(keys.len(), all.len());
    }

    #[test]
    fn the_oval_is_centred_on_the_target() {
        let oval = GuideRules::default().oval(1280, 720);
        assert_eq!((oval.cx, oval.cy), (0.5, 0.45));
        assert!(oval.height > oval.width);
    }
}
