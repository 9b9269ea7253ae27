//! Frontal face detection with rustface (a Rust port of SeetaFace) and the SeetaFace frontal
//! model that ships inside this crate (`assets/model`, BSD 2-Clause). The detector runs on a
//! grey copy of the frame shrunk to about [`DetectorSettings::analysis_width`] pixels.
//!
//! rustface scans a 40-pixel window over an image pyramid that starts at the analysis size
//! (its `set_min_face_size` does not change that), so the smallest face found is about 40
//! pixels of the shrunk copy: with the default 320-pixel analysis width that is about an
//! eighth of a 1280×720 frame's height, a person roughly 1.5 m from a laptop camera.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustface::{Detector, ImageData, Model};
use thiserror::Error;

use crate::frame::Frame;
use crate::imageops::{Grey, Region, grey_downscaled, grey_region};

/// The SeetaFace frontal face model, embedded so the app needs no model file at run time.
static MODEL_BYTES: &[u8] = include_bytes!("../assets/model/seeta_fd_frontal_v1.0.bin");

static MODEL: OnceLock<Option<Model>> = OnceLock::new();

thread_local! {
    /// rustface's detector is not `Send`; one per thread keeps [`detect_faces`] callable from
    /// any thread while reusing its buffers from frame to frame.
    static DETECTOR: RefCell<Option<Box<dyn Detector>>> = const { RefCell::new(None) };
}

/// The detector could not be prepared.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DetectorError {
    /// The embedded model did not parse (a broken build).
    #[error("the face model inside the app is damaged")]
    Model,
}

/// One face, in coordinates relative to the frame: `x`, `width` as fractions of the frame
/// width, `y`, `height` of its height; (0, 0) is the top-left corner of the unmirrored frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceBox {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The detector's confidence (higher is surer; around 2 is the usual threshold).
    pub score: f32,
}

impl FaceBox {
    /// Centre of the box, `(x, y)` as fractions of the frame.
    pub fn centre(&self) -> (f32, f32) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Area as a fraction of the frame.
    pub fn area(&self) -> f32 {
        self.width * self.height
    }
}

/// How the detector is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectorSettings {
    /// Width the grey copy is shrunk to (by an integer factor) before detection.
    pub analysis_width: u32,
    /// Score below which a candidate is dropped.
    pub score_threshold: f64,
    /// Ratio between the levels of the image pyramid (0.1–0.99).
    pub pyramid_scale: f32,
    /// Sliding-window step in pixels.
    pub window_step: u32,
}

impl Default for DetectorSettings {
    fn default() -> Self {
        Self {
            analysis_width: 320,
            score_threshold: 2.0,
            pyramid_scale: 0.8,
            window_step: 4,
        }
    }
}

impl DetectorSettings {
    /// The integer factor a `width`-pixel frame is shrunk by.
    pub fn factor_for(&self, width: u32) -> u32 {
        (width / self.analysis_width.max(40)).max(1)
    }
}

fn model() -> Result<&'static Model, DetectorError> {
    MODEL
        .get_or_init(|| rustface::read_model(MODEL_BYTES).ok())
        .as_ref()
        .ok_or(DetectorError::Model)
}

/// Checks that the embedded model parses (it is parsed once per process).
pub fn check_model() -> Result<(), DetectorError> {
    model().map(|_| ())
}

/// Finds frontal faces in a frame, largest first.
pub fn detect_faces(
    frame: &Frame,
    settings: &DetectorSettings,
) -> Result<Vec<FaceBox>, DetectorError> {
    let factor = settings.factor_for(frame.width()) as usize;
    let grey = grey_downscaled(
        frame.rgba(),
        frame.width() as usize,
        frame.height() as usize,
        factor,
    );
    detect_in_grey(&grey, settings)
}

/// Finds frontal faces in a grey picture, largest first, relative to its size.
pub fn detect_in_grey(
    grey: &Grey,
    settings: &DetectorSettings,
) -> Result<Vec<FaceBox>, DetectorError> {
    let model = model()?;
    // The detector needs a picture larger than its 40-pixel window.
    if grey.width < 48 || grey.height < 48 {
        return Ok(Vec::new());
    }
    let (w, h) = (grey.width as u32, grey.height as u32);
    let faces = DETECTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let detector =
            slot.get_or_insert_with(|| rustface::create_detector_with_model(model.clone()));
        detector.set_score_thresh(settings.score_threshold.max(0.01));
        detector.set_pyramid_scale_factor(settings.pyramid_scale.clamp(0.1, 0.95));
        detector.set_slide_window_step(settings.window_step.max(1), settings.window_step.max(1));
        detector.detect(&ImageData::new(&grey.pixels, w, h))
    });
    let (wf, hf) = (w as f32, h as f32);
    let mut boxes: Vec<FaceBox> = faces
        .iter()
        .map(|face| {
            let b = face.bbox();
            let x0 = (b.x().max(0) as f32).min(wf);
            let y0 = (b.y().max(0) as f32).min(hf);
            let x1 = ((b.x() + b.width() as i32) as f32).clamp(x0, wf);
            let y1 = ((b.y() + b.height() as i32) as f32).clamp(y0, hf);
            FaceBox {
                x: x0 / wf,
                y: y0 / hf,
                width: (x1 - x0) / wf,
                height: (y1 - y0) / hf,
                score: face.score() as f32,
            }
        })
        .filter(|b| b.width > 0.0 && b.height > 0.0)
        .collect();
    boxes.sort_by(|a, b| b.area().total_cmp(&a.area()));
    Ok(boxes)
}

/// Size the face is scaled to when searching around its last position.
const TRACK_FACE_PX: f32 = 44.0;
/// Room searched around the last face, in face widths on each side.
const TRACK_MARGIN: f32 = 0.7;

/// Looks for one face near `previous` (from an earlier frame) in a small, shrunk window.
/// `None` when not exactly one face is there.
pub fn detect_near(
    frame: &Frame,
    previous: &FaceBox,
    settings: &DetectorSettings,
) -> Result<Option<FaceBox>, DetectorError> {
    let (fw, fh) = (frame.width() as f32, frame.height() as f32);
    let (face_w, face_h) = (previous.width * fw, previous.height * fh);
    if face_w < 1.0 || face_h < 1.0 {
        return Ok(None);
    }
    let (mx, my) = (face_w * TRACK_MARGIN, face_h * TRACK_MARGIN);
    let x0 = (previous.x * fw - mx).max(0.0);
    let y0 = (previous.y * fh - my).max(0.0);
    let x1 = (previous.x * fw + face_w + mx).min(fw);
    let y1 = (previous.y * fh + face_h + my).min(fh);
    let region = Region {
        x: x0 as usize,
        y: y0 as usize,
        width: (x1 - x0) as usize,
        height: (y1 - y0) as usize,
    };
    // Never enlarge: a face already small is searched at full resolution.
    let scale = (TRACK_FACE_PX / face_w).min(1.0);
    let (out_w, out_h) = (
        (region.width as f32 * scale) as usize,
        (region.height as f32 * scale) as usize,
    );
    if out_w < 48 || out_h < 48 {
        return Ok(None);
    }
    let Some(grey) = grey_region(
        frame.rgba(),
        frame.width() as usize,
        frame.height() as usize,
        region,
        out_w,
        out_h,
    ) else {
        return Ok(None);
    };
    let faces = detect_in_grey(&grey, settings)?;
    let [face] = faces.as_slice() else {
        return Ok(None);
    };
    let (rw, rh) = (region.width as f32, region.height as f32);
    Ok(Some(FaceBox {
        x: (region.x as f32 + face.x * rw) / fw,
        y: (region.y as f32 + face.y * rh) / fh,
        width: face.width * rw / fw,
        height: face.height * rh / fh,
        score: face.score,
    }))
}

/// Detection that follows a single face from frame to frame: most frames search only a small
/// window around it, and every `full_every`-th frame (or whenever the face is not found
/// there) searches the whole frame, so a second person or a lost face is noticed within a
/// few frames.
#[derive(Debug, Clone)]
pub struct FaceTracker {
    full_every: u32,
    since_full: u32,
    last: Option<FaceBox>,
}

impl FaceTracker {
    /// A tracker that scans the whole frame at least every `full_every` frames (1 = always).
    pub fn new(full_every: u32) -> Self {
        Self {
            full_every: full_every.max(1),
            since_full: 0,
            last: None,
        }
    }

    /// Forgets the last face.
    pub fn reset(&mut self) {
        self.last = None;
        self.since_full = 0;
    }

    /// Faces in `frame`, largest first.
    pub fn detect(
        &mut self,
        frame: &Frame,
        settings: &DetectorSettings,
    ) -> Result<Vec<FaceBox>, DetectorError> {
        if self.since_full + 1 < self.full_every
            && let Some(previous) = self.last
            && let Some(face) = detect_near(frame, &previous, settings)?
        {
            self.since_full += 1;
            self.last = Some(face);
            return Ok(vec![face]);
        }
        let faces = detect_faces(frame, settings)?;
        self.since_full = 0;
        self.last = match faces.as_slice() {
            [face] => Some(*face),
            _ => None,
        };
        Ok(faces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses() {
        assert!(model().is_ok());
    }

    #[test]
    fn a_flat_grey_picture_has_no_face() {
        let grey = Grey {
            width: 320,
            height: 180,
            pixels: vec![120; 320 * 180],
        };
        assert_eq!(
            detect_in_grey(&grey, &DetectorSettings::default()),
            Ok(vec![])
        );
        let tiny = Grey {
            width: 10,
            height: 10,
            pixels: vec![0; 100],
        };
        assert_eq!(
            detect_in_grey(&tiny, &DetectorSettings::default()),
            Ok(vec![])
        );
    }
}
