//! Records the identification video: frames arrive at whatever rate the camera manages; the
//! recorder writes a constant-rate MJPEG AVI (repeating or skipping frames to stay on time),
//! scaled down to at most [`RecorderSettings::max_width`].

use std::time::Duration;

use thiserror::Error;

use crate::avi::{AviError, AviWriter};
use crate::challenge::{ChallengeLog, ChallengeState, ChallengeTracker};
use crate::frame::Frame;
use crate::guidance::Assessment;
use crate::imageops::{encode_jpeg, resize_rgba};

/// How the video is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecorderSettings {
    /// Frames per second of the file.
    pub fps: u32,
    /// Frames wider than this are scaled down (keeping the aspect ratio).
    pub max_width: u32,
    /// JPEG quality of each frame.
    pub jpeg_quality: u8,
    /// The recording stops growing at this length.
    pub max_duration: Duration,
}

impl Default for RecorderSettings {
    fn default() -> Self {
        Self {
            fps: 15,
            max_width: 640,
            jpeg_quality: 80,
            max_duration: Duration::from_secs(30),
        }
    }
}

/// Why recording failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecorderError {
    /// A frame could not be encoded.
    #[error("a video frame could not be encoded: {0}")]
    Encode(String),
    /// The container refused a frame.
    #[error(transparent)]
    Avi(#[from] AviError),
    /// No frame was recorded.
    #[error("the video has no frames")]
    Empty,
}

/// A finished recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    /// The AVI file.
    pub avi: Vec<u8>,
    /// Its length.
    pub duration: Duration,
    /// Frames in the file.
    pub frames: u32,
    /// Frame size in the file.
    pub width: u32,
    /// Frame size in the file.
    pub height: u32,
}

impl Recording {
    /// The content type to upload it with.
    pub const CONTENT_TYPE: &'static str = "video/x-msvideo";
}

/// Turns camera frames into a constant-rate MJPEG AVI.
#[derive(Debug, Clone)]
pub struct VideoRecorder {
    settings: RecorderSettings,
    origin: Option<Duration>,
    size: Option<(u32, u32)>,
    writer: Option<AviWriter>,
}

impl VideoRecorder {
    /// An empty recording.
    pub fn new(settings: RecorderSettings) -> Self {
        Self {
            settings,
            origin: None,
            size: None,
            writer: None,
        }
    }

    /// Adds a frame. The first frame starts the clock; each later one fills the file up to its
    /// capture time (repeating the previous picture for frames the camera did not deliver, and
    /// dropping frames that arrive faster than the file's rate). Frames of another size than
    /// the first are scaled to it.
    pub fn push(&mut self, frame: &Frame) -> Result<(), RecorderError> {
        let origin = *self.origin.get_or_insert(frame.captured_at());
        let elapsed = frame
            .captured_at()
            .saturating_sub(origin)
            .min(self.settings.max_duration);
        let fps = self.settings.fps.max(1);
        // Frame slots due by now: the one starting at 0, then one per 1/fps.
        let due = (elapsed.as_secs_f64() * f64::from(fps)).floor() as u32 + 1;
        let (out_w, out_h) = *self.size.get_or_insert_with(|| {
            let (w, h) = (frame.width(), frame.height());
            let out_w = (w.min(self.settings.max_width.max(16)) & !1).max(2);
            let out_h =
                ((u64::from(out_w) * u64::from(h) / u64::from(w.max(1))) as u32 & !1).max(2);
            (out_w, out_h)
        });
        let writer = self
            .writer
            .get_or_insert_with(|| AviWriter::new(out_w, out_h, fps));
        let written = writer.frame_count();
        if written >= due {
            return Ok(());
        }
        let pixels = if (frame.width(), frame.height()) == (out_w, out_h) {
            frame.rgba().to_vec()
        } else {
            resize_rgba(
                frame.rgba(),
                frame.width() as usize,
                frame.height() as usize,
                out_w as usize,
                out_h as usize,
            )
        };
        // Slots missed since the last frame repeat the previous picture.
        for _ in written + 1..due {
            if !writer.repeat_last() {
                break;
            }
        }
        let jpeg = encode_jpeg(&pixels, out_w, out_h, self.settings.jpeg_quality)
            .map_err(|e| RecorderError::Encode(e.to_string()))?;
        writer.push_jpeg(&jpeg)?;
        Ok(())
    }

    /// Length recorded so far.
    pub fn duration(&self) -> Duration {
        self.writer.as_ref().map_or(Duration::ZERO, |w| {
            Duration::from_secs_f64(f64::from(w.frame_count()) / f64::from(w.fps()))
        })
    }

    /// The finished file.
    pub fn finish(self) -> Result<Recording, RecorderError> {
        let writer = self.writer.ok_or(RecorderError::Empty)?;
        let (width, height) = self.size.ok_or(RecorderError::Empty)?;
        let frames = writer.frame_count();
        if frames == 0 {
            return Err(RecorderError::Empty);
        }
        let duration = Duration::from_millis(writer.duration_ms());
        Ok(Recording {
            avi: writer.finish(),
            duration,
            frames,
            width,
            height,
        })
    }
}

/// A video-identification attempt: the challenge tracker and the recorder fed with the same
/// frames, so the log's times are times in the video.
#[derive(Debug, Clone)]
pub struct VideoIdentification {
    tracker: ChallengeTracker,
    recorder: VideoRecorder,
    min_duration: Duration,
    finished_at: Option<Duration>,
}

/// What the attempt produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoEvidence {
    /// The recording.
    pub recording: Recording,
    /// The challenge log (JSON via [`ChallengeLog::to_json`]).
    pub log: ChallengeLog,
}

impl VideoIdentification {
    /// Starts an attempt; the video runs at least `min_duration` (6 s is the usual), longer if
    /// the prompts take longer.
    pub fn new(
        tracker: ChallengeTracker,
        settings: RecorderSettings,
        min_duration: Duration,
    ) -> Self {
        Self {
            tracker,
            recorder: VideoRecorder::new(settings),
            min_duration,
            finished_at: None,
        }
    }

    /// Feeds one frame and its assessment; returns the challenge state.
    pub fn feed(
        &mut self,
        frame: &Frame,
        assessment: &Assessment,
    ) -> Result<ChallengeState, RecorderError> {
        if !self.is_complete() {
            self.recorder.push(frame)?;
        }
        let state = self.tracker.feed(assessment);
        if self.finished_at.is_none()
            && matches!(state, ChallengeState::Passed | ChallengeState::Failed(_))
        {
            self.finished_at = Some(self.recorder.duration());
        }
        Ok(state)
    }

    /// The tracker (current prompt, countdown, log).
    pub fn tracker(&self) -> &ChallengeTracker {
        &self.tracker
    }

    /// Whether the recording is done: the prompts are over and the video has reached its
    /// minimum length.
    pub fn is_complete(&self) -> bool {
        self.finished_at.is_some() && self.recorder.duration() >= self.min_duration
    }

    /// Length recorded so far.
    pub fn recorded(&self) -> Duration {
        self.recorder.duration()
    }

    /// The video and log of a passed attempt; `None` if it has not passed (a failed attempt's
    /// video is not uploaded).
    pub fn finish(self) -> Option<Result<VideoEvidence, RecorderError>> {
        if self.tracker.state() != ChallengeState::Passed {
            return None;
        }
        let log = self.tracker.log().clone();
        Some(
            self.recorder
                .finish()
                .map(|recording| VideoEvidence { recording, log }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(ms: u64, w: u32, h: u32) -> Frame {
        let shade = (ms % 250) as u8;
        Frame::from_rgba(
            w,
            h,
            vec![shade; (w * h * 4) as usize],
            Duration::from_millis(ms),
            ms,
        )
        .unwrap()
    }

    #[test]
    fn irregular_frames_give_a_constant_rate() {
        let mut recorder = VideoRecorder::new(RecorderSettings::default());
        // 30 fps for a second, a 400 ms stall, then 10 fps for a second.
        let mut times: Vec<u64> = (0..30).map(|i| i * 33).collect();
        times.extend((0..10).map(|i| 1400 + i * 100));
        for t in times {
            recorder.push(&frame(t, 64, 48)).unwrap();
        }
        let recording = recorder.finish().unwrap();
        // The last frame at 2300 ms falls in slot 34 → 35 frames at 15 fps.
        assert_eq!(recording.frames, 35);
        assert_eq!(recording.duration, Duration::from_millis(2333));
        assert_eq!((recording.width, recording.height), (64, 48));
    }

    #[test]
    fn large_frames_are_scaled_keeping_the_aspect_ratio() {
        let mut recorder = VideoRecorder::new(RecorderSettings::default());
        recorder.push(&frame(0, 1280, 720)).unwrap();
        recorder.push(&frame(100, 1280, 720)).unwrap();
        let recording = recorder.finish().unwrap();
        assert_eq!((recording.width, recording.height), (640, 360));
        assert_eq!(
            VideoRecorder::new(RecorderSettings::default()).finish(),
            Err(RecorderError::Empty)
        );
    }
}
