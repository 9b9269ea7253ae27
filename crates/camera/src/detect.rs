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
use crate::imageops::{Grey, grey_downscaled};

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
