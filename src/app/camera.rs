//! The camera engine as the wizard uses it. The camera runs on its own thread (the camera
//! crate); on each UI tick the newest frame is analysed on a blocking thread — face guidance,
//! the selfie state machine, the video-identification tracker and recorder — and a small
//! mirrored preview comes back. `update` never waits for any of it. Dropping the [`Engine`]
//! releases the device, which happens whenever the citizen leaves the camera steps.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use iced::widget::image::Handle;
use qoltanba_camera::{
    CARD_FRAME_MARGIN, Camera, CameraError, CameraSource, CaptureRequest, CardFrame, CardSide,
    ChallengeScript, ChallengeState, ChallengeTracker, Clock, DeviceId, DocumentHint, Guide,
    GuideRules, Hint, Preview, RecorderSettings, Scene, SelfieCapture, SelfieProgress,
    SelfieSettings, TrackerRules, VideoIdentification,
};
use qoltanba_core::protocol::{ChallengeLog, ChallengeStep, DocumentSide};

use super::photo::{self, Photo, PhotoError};
use crate::config::CameraChoice;

/// How often the UI asks for a new analysed frame (about 15 per second).
pub const TICK: Duration = Duration::from_millis(66);

/// Width of the preview handed to the renderer (the software renderer draws every pixel).
const PREVIEW_WIDTH: u32 = 640;

/// Shortest identification video.
const MIN_VIDEO: Duration = Duration::from_secs(6);

/// What the camera is used for right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Check,
    Selfie,
    Video,
    /// One side of the ID card, inside the card frame.
    Card(DocumentSide),
}

/// The camera and the analysis state that lives between frames.
pub struct Engine {
    /// `Camera` is `Send` but not `Sync`; the lock is only held to read the newest frame.
    camera: Arc<Mutex<Camera>>,
    label: String,
    synthetic: bool,
    work: Arc<Mutex<Work>>,
    choice: CameraChoice,
    /// The camera thread's clock, kept for the restart of [`Engine::start_video`].
    clock: Clock,
    purpose: Purpose,
    /// An analysis is running; ticks meanwhile are skipped (never a queue).
    pub busy: bool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("camera", &self.label)
            .field("busy", &self.busy)
            .finish()
    }
}

struct Work {
    guide: Guide,
    selfie: SelfieCapture,
    /// Set by the button: take the next frame that passes every rule (the selfie), or check
    /// the next frame and take it if it passes (the card).
    capture_requested: bool,
    video: Option<VideoIdentification>,
    last_sequence: Option<u64>,
}

/// One analysed frame, for the screens.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub preview: Handle,
    pub hint: Option<Hint>,
    pub selfie: SelfieProgress,
    /// A selfie taken on this frame.
    pub taken: Option<Photo>,
    pub challenge: Option<ChallengeState>,
    /// A finished identification video with its log.
    pub recorded: Option<(Arc<Vec<u8>>, ChallengeLog)>,
    /// Whether the face sits in the oval (the oval is drawn green then).
    pub face_in_oval: bool,
    /// The card side being photographed, with the check of this frame.
    pub card: Option<CardAnalysis>,
    pub synthetic: bool,
    pub label: String,
    pub lost: Option<CameraError>,
}

/// The card camera's view of one frame.
#[derive(Debug, Clone)]
pub struct CardAnalysis {
    pub side: DocumentSide,
    /// What to fix before the picture can be taken, or `None` when it would be accepted.
    pub hint: Option<DocumentHint>,
    /// The answer to the capture button on this frame: the photo, or why it was not taken.
    pub capture: Option<Result<Photo, PhotoError>>,
}

/// The source the settings name. The synthetic one plays the demonstration scene, or for the
/// card camera the card held up in the frame.
fn source(choice: &CameraChoice, purpose: Purpose) -> CameraSource {
    match choice {
        CameraChoice::Synthetic => CameraSource::Synthetic(match purpose {
            Purpose::Card(side) => Scene::card(card_side(side)),
            _ => Scene::tour(),
        }),
        // `0`, `/dev/video0`, a device name, or `synthetic:SCENE` (e.g. `synthetic:denied`).
        CameraChoice::Device(id) => CameraSource::parse(id.trim_start_matches('#'))
            .unwrap_or_else(|| CameraSource::Device(DeviceId::Name(id.clone()))),
        CameraChoice::Default => CameraSource::Device(DeviceId::Index(0)),
    }
}

/// What a camera test found: the camera's name and the size of its first frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub label: String,
    pub width: u32,
    pub height: u32,
}

/// Blocking: opens the camera, waits for its first frame and releases it (the kiosk
/// operator's camera test).
pub fn probe(choice: CameraChoice) -> Result<Probe, CameraError> {
    let camera = Camera::start(source(&choice, Purpose::Check), CaptureRequest::default())?;
    let frame = camera
        .wait_newer(None, Duration::from_secs(5))
        .ok_or(CameraError::Disconnected)?;
    Ok(Probe {
        label: camera.label().to_owned(),
        width: frame.width(),
        height: frame.height(),
    })
}

fn card_side(side: DocumentSide) -> CardSide {
    match side {
        DocumentSide::Front => CardSide::Front,
        DocumentSide::Back => CardSide::Back,
    }
}

/// Opens the camera (blocking: a device can take a moment). Call off the UI thread. `clock`
/// is the system clock except in tests, which play the synthetic camera in simulated time.
pub fn start(choice: CameraChoice, clock: Clock, purpose: Purpose) -> Result<Engine, CameraError> {
    start_with(source(&choice, purpose), choice, clock, purpose)
}

fn start_with(
    source: CameraSource,
    choice: CameraChoice,
    clock: Clock,
    purpose: Purpose,
) -> Result<Engine, CameraError> {
    let camera = Camera::start_with_clock(source, CaptureRequest::default(), clock.clone())?;
    let label = camera.label().to_owned();
    let synthetic = camera.is_synthetic();
    let guide = Guide::new(GuideRules::default()).map_err(|e| CameraError::Other(e.to_string()))?;
    Ok(Engine {
        camera: Arc::new(Mutex::new(camera)),
        label,
        synthetic,
        work: Arc::new(Mutex::new(Work {
            guide,
            selfie: SelfieCapture::new(SelfieSettings::default()),
            capture_requested: false,
            video: None,
            last_sequence: None,
        })),
        choice,
        clock,
        purpose,
        busy: false,
    })
}

impl Engine {
    pub fn is_synthetic(&self) -> bool {
        self.synthetic
    }

    /// The camera the settings named when this one was opened.
    pub fn choice(&self) -> &CameraChoice {
        &self.choice
    }

    /// What the camera was opened for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The work for one tick, to run on a blocking thread.
    pub fn analyse_job(
        &self,
        purpose: Purpose,
    ) -> impl FnOnce() -> Option<Analysis> + Send + 'static {
        let camera = self.camera.clone();
        let work = self.work.clone();
        let (label, synthetic) = (self.label.clone(), self.synthetic);
        move || {
            let (status, frame) = {
                let camera = camera.lock().ok()?;
                (camera.status(), camera.latest())
            };
            analyse(status, frame?, &work, purpose, label, synthetic)
        }
    }

    pub fn request_capture(&self) {
        if let Ok(mut work) = self.work.lock() {
            work.capture_requested = true;
        }
    }

    pub fn retake(&self) {
        if let Ok(mut work) = self.work.lock() {
            work.selfie.retake();
            work.capture_requested = false;
        }
    }

    /// A new identification attempt with a freshly drawn script. With the synthetic camera
    /// the scene acts the script out (the returned engine replaces this one).
    pub fn start_video(self) -> Result<Engine, CameraError> {
        let script = ChallengeScript::random(&mut rand::rng());
        let engine = if self.is_synthetic() {
            let (choice, clock) = (self.choice.clone(), self.clock.clone());
            drop(self);
            start_with(
                CameraSource::Synthetic(Scene::performing(&script)),
                choice,
                clock,
                Purpose::Video,
            )?
        } else {
            self
        };
        if let Ok(mut work) = engine.work.lock() {
            work.guide.reset();
            work.video = Some(VideoIdentification::new(
                ChallengeTracker::new(script, TrackerRules::default()),
                RecorderSettings::default(),
                MIN_VIDEO,
            ));
        }
        Ok(engine)
    }
}

fn analyse(
    status: qoltanba_camera::CameraStatus,
    frame: qoltanba_camera::Frame,
    work: &Mutex<Work>,
    purpose: Purpose,
    label: String,
    synthetic: bool,
) -> Option<Analysis> {
    let lost = match status {
        qoltanba_camera::CameraStatus::Running => None,
        qoltanba_camera::CameraStatus::Lost(error) => Some(error),
    };
    let mut work = work.lock().ok()?;
    if work.last_sequence == Some(frame.sequence()) && lost.is_none() {
        return None;
    }
    work.last_sequence = Some(frame.sequence());
    if let Purpose::Card(side) = purpose {
        let capture = std::mem::take(&mut work.capture_requested);
        drop(work);
        return Some(card(frame, side, capture, lost, label, synthetic));
    }
    let assessment = work.guide.assess(&frame);
    let face_in_oval = work.guide.rules().face_in_oval(&assessment);
    let mut taken = None;
    let mut recorded = None;
    let mut challenge = None;
    let selfie = match purpose {
        Purpose::Selfie if work.selfie.selfie().is_none() => {
            let progress = if std::mem::take(&mut work.capture_requested) {
                work.selfie
                    .capture_now(&frame, &assessment)
                    .map(|_| SelfieProgress::Captured)
                    .unwrap_or_else(|_| work.selfie.progress())
            } else {
                work.selfie
                    .feed(&frame, &assessment)
                    .unwrap_or_else(|_| work.selfie.progress())
            };
            if progress == SelfieProgress::Captured {
                taken = work
                    .selfie
                    .selfie()
                    .and_then(|s| photo::from_bytes(s.jpeg.clone()).ok());
            }
            progress
        }
        _ => work.selfie.progress(),
    };
    if purpose == Purpose::Video
        && let Some(video) = work.video.as_mut()
    {
        let state = video.feed(&frame, &assessment).ok();
        challenge = state.or(Some(video.tracker().state()));
        if video.is_complete() {
            let finished = work.video.take().and_then(VideoIdentification::finish);
            match finished {
                Some(Ok(evidence)) => {
                    recorded = Some((
                        Arc::new(evidence.recording.avi),
                        protocol_log(&evidence.log),
                    ));
                    challenge = Some(ChallengeState::Passed);
                }
                _ => challenge = challenge.filter(|c| matches!(c, ChallengeState::Failed(_))),
            }
        }
    }
    let mut picture = Preview::of(&frame, PREVIEW_WIDTH, true);
    if matches!(purpose, Purpose::Selfie | Purpose::Video) {
        let oval = work.guide.rules().oval(frame.width(), frame.height());
        picture.draw_oval(&oval, guide_colour(face_in_oval));
    }
    Some(Analysis {
        preview: handle(picture),
        hint: assessment.hint,
        selfie,
        taken,
        challenge,
        recorded,
        face_in_oval,
        card: None,
        synthetic,
        label,
        lost,
    })
}

/// One frame of the card camera: the inside of the card frame checked (and, when the button
/// asked for it, taken if it passes), the unmirrored preview with the frame drawn in — a
/// mirrored card would show its print backwards.
fn card(
    frame: qoltanba_camera::Frame,
    side: DocumentSide,
    capture: bool,
    lost: Option<CameraError>,
    label: String,
    synthetic: bool,
) -> Analysis {
    let frame_rect = CardFrame::centred(frame.width(), frame.height(), CARD_FRAME_MARGIN);
    let inside = frame_rect.crop(&frame);
    let hint = qoltanba_camera::check_card_capture(&inside).hint;
    let capture = capture.then(|| match hint {
        Some(hint) => Err(PhotoError::Quality(hint)),
        None => qoltanba_camera::encode_document_jpeg(&inside)
            .map_err(|e| PhotoError::Damaged(e.to_string()))
            .and_then(photo::from_bytes),
    });
    let mut picture = Preview::of(&frame, PREVIEW_WIDTH, false);
    picture.draw_card_frame(&frame_rect, guide_colour(hint.is_none()));
    Analysis {
        preview: handle(picture),
        hint: None,
        selfie: SelfieProgress::Guiding {
            hint: None,
            steady: 0.0,
        },
        taken: None,
        challenge: None,
        recorded: None,
        face_in_oval: false,
        card: Some(CardAnalysis {
            side,
            hint,
            capture,
        }),
        synthetic,
        label,
        lost,
    }
}

/// Green when the face or card is where it should be, amber otherwise: brighter than the
/// theme's text colours, which are made for a light page, not a camera picture.
fn guide_colour(good: bool) -> [u8; 3] {
    if good { GUIDE_GOOD } else { GUIDE_ADJUST }
}

const GUIDE_GOOD: [u8; 3] = [0x2f, 0xd0, 0x5a];
const GUIDE_ADJUST: [u8; 3] = [0xff, 0xb0, 0x20];

fn protocol_log(log: &qoltanba_camera::ChallengeLog) -> ChallengeLog {
    ChallengeLog {
        challenges: log
            .challenges
            .iter()
            .map(|step| ChallengeStep {
                kind: step.kind.clone(),
                started_ms: step.started_ms,
                completed_ms: step.completed_ms,
            })
            .collect(),
    }
}

fn handle(preview: Preview) -> Handle {
    Handle::from_rgba(preview.width, preview.height, preview.rgba)
}

/// A camera opened on a blocking thread, handed to `update` once (messages must be `Clone`).
#[derive(Clone)]
pub struct Started(Arc<Mutex<Option<Result<Engine, CameraError>>>>);

impl Started {
    pub fn new(result: Result<Engine, CameraError>) -> Self {
        Started(Arc::new(Mutex::new(Some(result))))
    }

    pub fn take(&self) -> Option<Result<Engine, CameraError>> {
        self.0.lock().ok()?.take()
    }
}

impl std::fmt::Debug for Started {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Started")
    }
}
