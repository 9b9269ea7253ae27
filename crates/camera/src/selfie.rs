//! The guided selfie: takes the picture by itself once every guidance rule has passed for a
//! steady second, or when the person presses the button while the rules pass; retake starts
//! over.

use std::time::Duration;

use thiserror::Error;

use crate::frame::Frame;
use crate::guidance::{Assessment, Hint};
use crate::imageops::encode_jpeg;

/// When the selfie is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelfieSettings {
    /// How long every rule must pass without a break before the automatic capture.
    pub steady_for: Duration,
    /// How many passing frames in a row that must include (so a slow camera cannot capture
    /// from two frames).
    pub min_frames: u32,
    /// JPEG quality of the uploaded picture.
    pub jpeg_quality: u8,
}

impl Default for SelfieSettings {
    fn default() -> Self {
        Self {
            steady_for: Duration::from_millis(1000),
            min_frames: 8,
            jpeg_quality: 90,
        }
    }
}

/// A taken selfie: the unmirrored frame, its JPEG for upload and what guidance said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Selfie {
    /// The frame as captured (not mirrored).
    pub frame: Frame,
    /// The frame as JPEG (`image/jpeg`).
    pub jpeg: Vec<u8>,
    /// The guidance for this frame (every rule passed).
    pub assessment: Assessment,
    /// Whether the person pressed the button (otherwise it was automatic).
    pub manual: bool,
}

impl Selfie {
    /// The content type of [`Selfie::jpeg`].
    pub const CONTENT_TYPE: &'static str = "image/jpeg";
}

/// Where the selfie flow is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SelfieProgress {
    /// Still guiding: the current hint (`None` = all good, hold on) and how far the steady
    /// period has come, 0.0–1.0 (for a progress ring).
    Guiding {
        /// The instruction to show.
        hint: Option<Hint>,
        /// Share of the steady period done.
        steady: f32,
    },
    /// The selfie has been taken (see [`SelfieCapture::selfie`]).
    Captured,
}

/// Why a manual capture or the encoding failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SelfieError {
    /// The rules do not pass for this frame; the hint says what to fix.
    #[error("the picture is not ready: {0:?}")]
    NotReady(Hint),
    /// The frame and the assessment are of different frames.
    #[error("the assessment is of another frame")]
    Mismatch,
    /// The JPEG encoder failed.
    #[error("the selfie could not be encoded: {0}")]
    Encode(String),
}

/// The selfie state machine. Feed it every assessed frame.
#[derive(Debug, Clone)]
pub struct SelfieCapture {
    settings: SelfieSettings,
    steady_since: Option<Duration>,
    steady_frames: u32,
    selfie: Option<Selfie>,
    last: SelfieProgress,
}

impl SelfieCapture {
    /// A fresh flow.
    pub fn new(settings: SelfieSettings) -> Self {
        Self {
            settings,
            steady_since: None,
            steady_frames: 0,
            selfie: None,
            last: SelfieProgress::Guiding {
                hint: Some(Hint::NoFace),
                steady: 0.0,
            },
        }
    }

    /// Takes the next frame with its assessment; captures automatically when the rules have
    /// passed for [`SelfieSettings::steady_for`] and [`SelfieSettings::min_frames`].
    pub fn feed(
        &mut self,
        frame: &Frame,
        assessment: &Assessment,
    ) -> Result<SelfieProgress, SelfieError> {
        if self.selfie.is_some() {
            return Ok(SelfieProgress::Captured);
        }
        if assessment.at != frame.captured_at() {
            return Err(SelfieError::Mismatch);
        }
        if !assessment.ready() {
            self.steady_since = None;
            self.steady_frames = 0;
            self.last = SelfieProgress::Guiding {
                hint: assessment.hint,
                steady: 0.0,
            };
            return Ok(self.last);
        }
        // A frame from before the steady period began means the source restarted.
        let since = match self.steady_since {
            Some(since) if since <= assessment.at => since,
            _ => {
                self.steady_frames = 0;
                assessment.at
            }
        };
        self.steady_since = Some(since);
        self.steady_frames += 1;
        let held = assessment.at - since;
        if held >= self.settings.steady_for && self.steady_frames >= self.settings.min_frames {
            self.take(frame, assessment, false)?;
            return Ok(SelfieProgress::Captured);
        }
        let by_time = held.as_secs_f32() / self.settings.steady_for.as_secs_f32().max(0.001);
        let by_frames = self.steady_frames as f32 / self.settings.min_frames.max(1) as f32;
        self.last = SelfieProgress::Guiding {
            hint: None,
            steady: by_time.min(by_frames).clamp(0.0, 0.99),
        };
        Ok(self.last)
    }

    /// The button: takes this frame now if its assessment passes every rule.
    pub fn capture_now(
        &mut self,
        frame: &Frame,
        assessment: &Assessment,
    ) -> Result<&Selfie, SelfieError> {
        if assessment.at != frame.captured_at() {
            return Err(SelfieError::Mismatch);
        }
        if let Some(hint) = assessment.hint {
            return Err(SelfieError::NotReady(hint));
        }
        self.take(frame, assessment, true)
    }

    fn take(
        &mut self,
        frame: &Frame,
        assessment: &Assessment,
        manual: bool,
    ) -> Result<&Selfie, SelfieError> {
        let jpeg = encode_jpeg(
            frame.rgba(),
            frame.width(),
            frame.height(),
            self.settings.jpeg_quality,
        )
        .map_err(|e| SelfieError::Encode(e.to_string()))?;
        self.last = SelfieProgress::Captured;
        Ok(self.selfie.insert(Selfie {
            frame: frame.clone(),
            jpeg,
            assessment: assessment.clone(),
            manual,
        }))
    }

    /// Discards the taken selfie and starts guiding again.
    pub fn retake(&mut self) {
        *self = Self::new(self.settings);
    }

    /// The taken selfie.
    pub fn selfie(&self) -> Option<&Selfie> {
        self.selfie.as_ref()
    }

    /// The last progress reported.
    pub fn progress(&self) -> SelfieProgress {
        self.last
    }
}

impl Default for SelfieCapture {
    fn default() -> Self {
        Self::new(SelfieSettings::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_at(ms: u64) -> Frame {
        Frame::from_rgba(4, 4, vec![128u8; 64], Duration::from_millis(ms), ms).unwrap()
    }

    fn assessment(ms: u64, hint: Option<Hint>) -> Assessment {
        Assessment {
            at: Duration::from_millis(ms),
            frame_size: (4, 4),
            faces: Vec::new(),
            hint,
            brightness: 0.5,
            sharpness: 100.0,
        }
    }

    #[test]
    fn captures_after_a_steady_second_and_restarts_on_a_hint() {
        let mut capture = SelfieCapture::default();
        // 0.6 s good, then a hint resets the count.
        for ms in (0..=600).step_by(100) {
            let p = capture.feed(&frame_at(ms), &assessment(ms, None)).unwrap();
            assert!(matches!(p, SelfieProgress::Guiding { hint: None, .. }));
        }
        let p = capture
            .feed(&frame_at(700), &assessment(700, Some(Hint::HoldStill)))
            .unwrap();
        assert_eq!(
            p,
            SelfieProgress::Guiding {
                hint: Some(Hint::HoldStill),
                steady: 0.0
            }
        );
        let mut captured_at = None;
        for ms in (800..=2500).step_by(100) {
            if capture.feed(&frame_at(ms), &assessment(ms, None)).unwrap()
                == SelfieProgress::Captured
            {
                captured_at = Some(ms);
                break;
            }
        }
        assert_eq!(captured_at, Some(1800));
        let selfie = capture.selfie().unwrap();
        assert!(!selfie.manual);
        assert_eq!(&selfie.jpeg[..2], &[0xFF, 0xD8]);
        capture.retake();
        assert!(capture.selfie().is_none());
    }

    #[test]
    fn too_few_frames_do_not_capture() {
        let mut capture = SelfieCapture::default();
        for ms in [0, 600, 1200, 1800] {
            let p = capture.feed(&frame_at(ms), &assessment(ms, None)).unwrap();
            assert_ne!(p, SelfieProgress::Captured);
        }
    }

    #[test]
    fn the_button_works_only_when_the_rules_pass() {
        let mut capture = SelfieCapture::default();
        assert_eq!(
            capture
                .capture_now(&frame_at(0), &assessment(0, Some(Hint::Centre)))
                .err(),
            Some(SelfieError::NotReady(Hint::Centre))
        );
        assert_eq!(
            capture
                .capture_now(&frame_at(0), &assessment(5, None))
                .err(),
            Some(SelfieError::Mismatch)
        );
        assert!(
            capture
                .capture_now(&frame_at(0), &assessment(0, None))
                .unwrap()
                .manual
        );
        assert_eq!(capture.progress(), SelfieProgress::Captured);
    }
}
