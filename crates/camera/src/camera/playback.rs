//! The loop playing a synthetic scene at its frame rate on the camera's clock, acting out its
//! faults.

use std::sync::mpsc::SyncSender;
use std::time::Duration;

use crate::decode::PixelFormat;
use crate::device::CaptureMode;
use crate::error::CameraError;
use crate::synthetic::Scene;

use super::shared::{CameraStatus, Shared};
use super::source::CaptureRequest;

pub(super) fn run_synthetic(
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
