//! The running camera: a capture thread that owns the device (or plays a synthetic scene),
//! decodes each picture to RGBA and publishes only the newest one. The GUI polls
//! [`Camera::latest`] (or waits with [`Camera::wait_newer`]); old frames are simply replaced,
//! so nothing queues up when the UI is slow.
//!
//! `source` holds what to open and how, `shared` what the capture thread publishes (newest
//! frame, status, counters), `capture` the loop over a real device and `playback` the loop
//! playing a synthetic scene.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::decode::PixelFormat;
use crate::device::CaptureMode;
use crate::error::CameraError;
use crate::frame::Frame;

mod capture;
mod playback;
mod shared;
mod source;

use capture::run_device;
use playback::run_synthetic;
pub use shared::{CameraStatus, CaptureStats};
use shared::{Shared, lock};
pub use source::{CameraSource, CaptureRequest};

/// A running camera. Dropping it stops the capture thread and releases the device.
#[derive(Debug)]
pub struct Camera {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    finished: Mutex<Receiver<()>>,
    mode: CaptureMode,
    label: String,
    synthetic: bool,
}

/// How long [`Camera::start`] waits for a device to open.
const OPEN_TIMEOUT: Duration = Duration::from_secs(150);
/// How long dropping a [`Camera`] waits for its thread before leaving it to finish alone.
const STOP_TIMEOUT: Duration = Duration::from_secs(3);

impl Camera {
    /// Opens the source and starts capturing on a thread of its own. Blocks until the device is
    /// open and streaming (on macOS this includes the permission prompt), so call it off the UI
    /// thread.
    pub fn start(source: CameraSource, request: CaptureRequest) -> Result<Camera, CameraError> {
        Self::start_with_clock(source, request, Clock::System)
    }

    /// As [`Camera::start`], with the thread's time taken from `clock`: with a
    /// [`ManualClock`](crate::ManualClock) a synthetic scene plays in simulated time.
    pub fn start_with_clock(
        source: CameraSource,
        request: CaptureRequest,
        clock: Clock,
    ) -> Result<Camera, CameraError> {
        let shared = Arc::new(Shared {
            latest: Mutex::new(None),
            fresh: Condvar::new(),
            status: Mutex::new(CameraStatus::Running),
            stop: AtomicBool::new(false),
            frames: AtomicU64::new(0),
            decode_errors: AtomicU64::new(0),
            losses: AtomicU64::new(0),
            clock,
        });
        let (ready_tx, ready_rx) = sync_channel::<Result<CaptureMode, CameraError>>(1);
        let (finished_tx, finished) = sync_channel::<()>(1);
        let (label, synthetic) = match &source {
            CameraSource::Device(id) => (format!("camera {id}"), false),
            CameraSource::Synthetic(scene) => (format!("synthetic: {}", scene.name), true),
        };
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("camera".into())
            .spawn(move || {
                let outcome = catch_unwind(AssertUnwindSafe(|| match source {
                    CameraSource::Device(id) => run_device(&id, request, &thread_shared, &ready_tx),
                    CameraSource::Synthetic(scene) => {
                        run_synthetic(&scene, request, &thread_shared, &ready_tx)
                    }
                }));
                if outcome.is_err() {
                    let _ = ready_tx
                        .try_send(Err(CameraError::Other("the capture thread failed".into())));
                    thread_shared.set_status(CameraStatus::Lost(CameraError::Other(
                        "the capture thread failed".into(),
                    )));
                }
                let _ = finished_tx.try_send(());
            })
            .map_err(|e| CameraError::Other(format!("cannot start the capture thread: {e}")))?;
        let mut camera = Camera {
            shared,
            thread: Some(thread),
            finished: Mutex::new(finished),
            mode: CaptureMode {
                width: request.width,
                height: request.height,
                fps: request.fps,
                format: PixelFormat::Rgb,
            },
            label,
            synthetic,
        };
        match ready_rx.recv_timeout(OPEN_TIMEOUT) {
            Ok(Ok(mode)) => {
                camera.mode = mode;
                Ok(camera)
            }
            Ok(Err(error)) => Err(error),
            Err(_) => Err(CameraError::Other("the camera did not open in time".into())),
        }
    }

    /// The newest frame, if one has arrived since the start (or since the camera came back).
    pub fn latest(&self) -> Option<Frame> {
        lock(&self.shared.latest).clone()
    }

    /// Waits up to `timeout` for a frame newer than sequence number `than` (any frame when
    /// `None`); returns the newest then, or `None` on timeout or when the camera is lost. The
    /// timeout is real time, whatever the camera's clock: it bounds the wait for a thread.
    pub fn wait_newer(&self, than: Option<u64>, timeout: Duration) -> Option<Frame> {
        let deadline = Instant::now() + timeout;
        let mut latest = lock(&self.shared.latest);
        loop {
            if let Some(frame) = latest.as_ref()
                && than.is_none_or(|seq| frame.sequence() > seq)
            {
                return Some(frame.clone());
            }
            let now = Instant::now();
            if now >= deadline || self.status() != CameraStatus::Running {
                return None;
            }
            latest = self
                .shared
                .fresh
                .wait_timeout(latest, deadline - now)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
    }

    /// Whether the camera is delivering.
    pub fn status(&self) -> CameraStatus {
        lock(&self.shared.status).clone()
    }

    /// The mode in use (size, frame rate, format).
    pub fn mode(&self) -> CaptureMode {
        self.mode
    }

    /// A short label for the screen ("camera #0", "synthetic: tour").
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether pictures come from a synthetic scene (the GUI labels the preview).
    pub fn is_synthetic(&self) -> bool {
        self.synthetic
    }

    /// Counters since the start.
    pub fn stats(&self) -> CaptureStats {
        CaptureStats {
            frames: self.shared.frames.load(Ordering::Relaxed),
            decode_errors: self.shared.decode_errors.load(Ordering::Relaxed),
            losses: self.shared.losses.load(Ordering::Relaxed),
        }
    }

    /// Stops capturing and releases the device (the same as dropping).
    pub fn stop(self) {}
}

/// [`Camera`] can be shared with the GUI's background tasks (`Arc<Camera>`).
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Camera>();
    shareable::<Frame>();
};

impl Drop for Camera {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.fresh.notify_all();
        // Join only if the thread finishes soon: a driver stuck in a read must not freeze the
        // app. A detached thread still releases the device when its read returns.
        let finished = lock(&self.finished).recv_timeout(STOP_TIMEOUT).is_ok();
        if finished && let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
