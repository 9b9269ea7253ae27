//! What the capture thread shares with the [`Camera`](super::Camera): the newest frame, the
//! status and the counters.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::clock::Clock;
use crate::error::CameraError;
use crate::frame::Frame;

/// The camera's state, for the GUI to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraStatus {
    /// Delivering pictures.
    Running,
    /// Stopped delivering (e.g. [`CameraError::Disconnected`]); with
    /// [`CaptureRequest::reconnect`](super::CaptureRequest::reconnect) the thread keeps trying and returns to `Running` when the
    /// camera comes back, otherwise it has ended and a new [`Camera`](super::Camera) must be started.
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
pub(super) struct Shared {
    pub(super) latest: Mutex<Option<Frame>>,
    pub(super) fresh: Condvar,
    pub(super) status: Mutex<CameraStatus>,
    pub(super) stop: AtomicBool,
    pub(super) frames: AtomicU64,
    pub(super) decode_errors: AtomicU64,
    pub(super) losses: AtomicU64,
    /// The synthetic scene's time and every pause of the thread go by this clock.
    pub(super) clock: Clock,
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a frame or status half-written (both are
    // replaced whole), so a poisoned lock is still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    pub(super) fn publish(&self, frame: Frame) {
        *lock(&self.latest) = Some(frame);
        self.frames.fetch_add(1, Ordering::Relaxed);
        self.fresh.notify_all();
    }

    pub(super) fn set_status(&self, status: CameraStatus) {
        if let CameraStatus::Lost(_) = status {
            self.losses.fetch_add(1, Ordering::Relaxed);
            *lock(&self.latest) = None;
        }
        *lock(&self.status) = status;
        self.fresh.notify_all();
    }

    pub(super) fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Sleeps up to `duration`, waking early when asked to stop; returns whether to stop.
    pub(super) fn sleep(&self, duration: Duration) -> bool {
        self.clock
            .sleep_until(self.clock.now() + duration, &self.stop)
    }
}
