//! The running camera: a capture thread that owns the device (or plays a synthetic scene),
//! decodes each picture to RGBA and publishes only the newest one. The GUI polls
//! [`Camera::latest`] (or waits with [`Camera::wait_newer`]); old frames are simply replaced,
//! so nothing queues up when the UI is slow.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::decode::{PixelFormat, decode_to_rgba};
use crate::device::{self, CaptureMode, DeviceId};
use crate::error::CameraError;
use crate::frame::Frame;
use crate::synthetic::Scene;

/// Where pictures come from.
#[derive(Debug, Clone, PartialEq)]
pub enum CameraSource {
    /// A real camera.
    Device(DeviceId),
    /// A scripted scene (`--camera synthetic`, tests, screenshots).
    Synthetic(Scene),
}

impl CameraSource {
    /// Reads a `--camera` value: `synthetic` or `synthetic:NAME` (see [`Scene::by_name`]), a
    /// device number (`0`), `/dev/videoN`, or a device name as the OS lists it. `None` for an
    /// unknown synthetic scene or an empty value.
    pub fn parse(value: &str) -> Option<CameraSource> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if let Some(rest) = value.strip_prefix("synthetic") {
            let name = match rest.strip_prefix(':') {
                Some(name) => name,
                None if rest.is_empty() => "",
                None => return Some(CameraSource::Device(DeviceId::Name(value.to_owned()))),
            };
            return Scene::by_name(name).map(CameraSource::Synthetic);
        }
        let number = value.strip_prefix("/dev/video").unwrap_or(value);
        Some(CameraSource::Device(match number.parse::<u32>() {
            Ok(index) => DeviceId::Index(index),
            Err(_) => DeviceId::Name(value.to_owned()),
        }))
    }
}

/// What to ask the camera for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureRequest {
    /// Wanted width (the nearest mode is chosen).
    pub width: u32,
    /// Wanted height.
    pub height: u32,
    /// Wanted frame rate.
    pub fps: u32,
    /// Whether to keep trying to reopen a camera that was lost, until the [`Camera`] is dropped.
    pub reconnect: bool,
}

impl Default for CaptureRequest {
    fn default() -> Self {
        Self {
            width: 1280,
            height: 720,
            fps: 30,
            reconnect: true,
        }
    }
}

/// The camera's state, for the GUI to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraStatus {
    /// Delivering pictures.
    Running,
    /// Stopped delivering (e.g. [`CameraError::Disconnected`]); with
    /// [`CaptureRequest::reconnect`] the thread keeps trying and returns to `Running` when the
    /// camera comes back, otherwise it has ended and a new [`Camera`] must be started.
    Lost(CameraError),
}

/// Counters since the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaptureStats {
    /// Frames published.
    pub frames: u64,
    /// Frames that could not be decoded and were skipped.
    pub decode_errors: u64,
    /// Times the camera was lost.
    pub losses: u64,
}

#[derive(Debug)]
struct Shared {
    latest: Mutex<Option<Frame>>,
    fresh: Condvar,
    status: Mutex<CameraStatus>,
    stop: AtomicBool,
    frames: AtomicU64,
    decode_errors: AtomicU64,
    losses: AtomicU64,
    /// The synthetic scene's time and every pause of the thread go by this clock.
    clock: Clock,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a frame or status half-written (both are
    // replaced whole), so a poisoned lock is still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn publish(&self, frame: Frame) {
        *lock(&self.latest) = Some(frame);
        self.frames.fetch_add(1, Ordering::Relaxed);
        self.fresh.notify_all();
    }

    fn set_status(&self, status: CameraStatus) {
        if let CameraStatus::Lost(_) = status {
            self.losses.fetch_add(1, Ordering::Relaxed);
            *lock(&self.latest) = None;
        }
        *lock(&self.status) = status;
        self.fresh.notify_all();
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Sleeps up to `duration`, waking early when asked to stop; returns whether to stop.
    fn sleep(&self, duration: Duration) -> bool {
        self.clock
            .sleep_until(self.clock.now() + duration, &self.stop)
    }
}

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
/// Reading this many failed frames in a row means the camera is gone.
const MAX_READ_FAILURES: u32 = 5;
/// Decoding this many frames in a row failing means the format is not what it claims.
const MAX_DECODE_FAILURES: u32 = 60;
/// Pause between attempts to reopen a lost camera.
const RECONNECT_INTERVAL: Duration = Duration::from_secs(1);

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

fn run_device(
    id: &DeviceId,
    request: CaptureRequest,
    shared: &Shared,
    ready: &SyncSender<Result<CaptureMode, CameraError>>,
) {
    let mut first = true;
    let start = Instant::now();
    let mut sequence = 0u64;
    loop {
        match device::open(id, (request.width, request.height), request.fps) {
            Ok(mut camera) => {
                if first {
                    let _ = ready.try_send(Ok(camera.mode));
                    first = false;
                }
                shared.set_status(CameraStatus::Running);
                let outcome = pump(&mut camera, shared, start, &mut sequence);
                drop(camera);
                match outcome {
                    None => return,
                    Some(error) => shared.set_status(CameraStatus::Lost(error)),
                }
            }
            Err(error) => {
                if first {
                    let _ = ready.try_send(Err(error));
                    return;
                }
                // Still gone (or busy, or denied now): keep the first loss reason unless this
                // one says more.
                if !matches!(error, CameraError::NoCamera) {
                    *lock(&shared.status) = CameraStatus::Lost(error);
                }
            }
        }
        if !request.reconnect || shared.sleep(RECONNECT_INTERVAL) {
            return;
        }
    }
}

/// Reads, decodes and publishes frames until asked to stop (`None`) or the camera fails.
fn pump(
    camera: &mut device::OpenCamera,
    shared: &Shared,
    start: Instant,
    sequence: &mut u64,
) -> Option<CameraError> {
    let mode = camera.mode;
    let mut read_failures = 0;
    let mut decode_failures = 0;
    loop {
        if shared.stopping() {
            return None;
        }
        let mut rgba = Vec::new();
        let read =
            camera.read(|raw| decode_to_rgba(mode.format, mode.width, mode.height, raw, &mut rgba));
        match read {
            Ok(Ok(())) => {
                read_failures = 0;
                decode_failures = 0;
                if let Some(frame) =
                    Frame::from_rgba(mode.width, mode.height, rgba, start.elapsed(), *sequence)
                {
                    *sequence += 1;
                    shared.publish(frame);
                }
            }
            Ok(Err(_)) => {
                // A torn MJPEG frame now and then is normal on USB; skip it.
                shared.decode_errors.fetch_add(1, Ordering::Relaxed);
                decode_failures += 1;
                if decode_failures >= MAX_DECODE_FAILURES {
                    return Some(CameraError::UnsupportedFormat);
                }
            }
            Err(error) => {
                read_failures += 1;
                if read_failures >= MAX_READ_FAILURES || error != CameraError::Disconnected {
                    return Some(error);
                }
                if shared.sleep(Duration::from_millis(50)) {
                    return None;
                }
            }
        }
    }
}

fn run_synthetic(
    scene: &Scene,
    request: CaptureRequest,
    shared: &Shared,
    ready: &SyncSender<Result<CaptureMode, CameraError>>,
) {
    // Registered before `start` returns, so a manual clock's first advance waits for the first
    // frame.
    let _participant = shared.clock.enter();
    if let Some(error) = scene.faults.start_error.clone() {
        let _ = ready.try_send(Err(error));
        return;
    }
    let renderer = scene.renderer();
    let mode = CaptureMode {
        width: scene.width,
        height: scene.height,
        fps: scene.fps,
        format: PixelFormat::Rgb,
    };
    let _ = ready.try_send(Ok(mode));
    let clock = &shared.clock;
    let start = clock.now();
    let interval = scene.frame_interval();
    let mut sequence = 0u64;
    let mut lost_since: Option<Duration> = None;
    let mut next_tick = Duration::ZERO;
    loop {
        if shared.stopping() {
            return;
        }
        let elapsed = clock.now() - start;
        let unplugged = scene.faults.unplug_at.is_some_and(|at| {
            let back = scene.faults.replug_after.map(|after| at + after);
            elapsed >= at && back.is_none_or(|back| elapsed < back)
        });
        if unplugged {
            if lost_since.is_none() {
                lost_since = Some(elapsed);
                shared.set_status(CameraStatus::Lost(CameraError::Disconnected));
                if !request.reconnect {
                    return;
                }
            }
        } else {
            if lost_since.take().is_some() {
                shared.set_status(CameraStatus::Running);
            }
            shared.publish(renderer.render(elapsed, sequence));
            sequence += 1;
        }
        next_tick += interval;
        let now = clock.now() - start;
        if next_tick <= now {
            // Rendering fell behind, or the thread woke late: skip the frames missed and wait
            // for the next slot of the frame rate instead of rendering them all at once.
            let interval_ns = interval.as_nanos().max(1);
            let slot = now.as_nanos() / interval_ns + 1;
            next_tick = Duration::from_nanos(u64::try_from(slot * interval_ns).unwrap_or(u64::MAX));
        }
        if clock.sleep_until(start + next_tick, &shared.stop) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_arguments_are_read() {
        let synthetic = |s: &str| match CameraSource::parse(s) {
            Some(CameraSource::Synthetic(scene)) => Some(scene.name),
            _ => None,
        };
        assert_eq!(synthetic("synthetic").as_deref(), Some("tour"));
        assert_eq!(synthetic("synthetic:steady").as_deref(), Some("steady"));
        assert!(CameraSource::parse("synthetic:nope").is_none());
        assert!(CameraSource::parse(" ").is_none());
        assert_eq!(
            CameraSource::parse("2"),
            Some(CameraSource::Device(DeviceId::Index(2)))
        );
        assert_eq!(
            CameraSource::parse("/dev/video4"),
            Some(CameraSource::Device(DeviceId::Index(4)))
        );
        assert_eq!(
            CameraSource::parse("FaceTime HD Camera"),
            Some(CameraSource::Device(DeviceId::Name(
                "FaceTime HD Camera".into()
            )))
        );
    }
}
