//! Where the capture thread's time comes from. The app uses the system clock. Tests use a
//! [`ManualClock`], which moves only when the test advances it: a synthetic scene then plays
//! in simulated time, so a six-second identification video takes as long as its frames take
//! to analyse, and which frame is seen at which moment no longer depends on the machine's
//! load. Every frame carries its time ([`Frame::captured_at`](crate::Frame::captured_at)), and
//! the selfie timer, the challenge prompts and the recorder go by that time, so they follow
//! whichever clock the camera runs on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// How often a sleeping capture thread looks whether it was asked to stop.
const STOP_POLL: Duration = Duration::from_millis(20);

/// How long [`ManualClock::advance`] waits for the capture threads to catch up before it
/// gives up on them (a thread stuck outside the clock must not hang a test forever).
const CATCH_UP_LIMIT: Duration = Duration::from_secs(30);

/// The capture thread's clock: the system clock, or a test's [`ManualClock`].
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// Real time.
    #[default]
    System,
    /// Simulated time that moves only when advanced.
    Manual(ManualClock),
}

impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Clock::System, Clock::System) => true,
            (Clock::Manual(a), Clock::Manual(b)) => Arc::ptr_eq(&a.shared, &b.shared),
            _ => false,
        }
    }
}

impl From<ManualClock> for Clock {
    fn from(clock: ManualClock) -> Self {
        Clock::Manual(clock)
    }
}

impl Clock {
    /// Time since the clock's origin (for the system clock: the first time it was read).
    pub fn now(&self) -> Duration {
        match self {
            Clock::System => system_origin().elapsed(),
            Clock::Manual(clock) => clock.now(),
        }
    }

    /// Marks the calling thread as one that a [`ManualClock`] waits for while it advances,
    /// until the returned guard is dropped. Nothing for the system clock.
    pub(crate) fn enter(&self) -> Participant {
        if let Clock::Manual(clock) = self {
            lock(&clock.shared.state).busy += 1;
        }
        Participant {
            clock: self.clone(),
        }
    }

    /// Sleeps until the clock reads `deadline`, waking early when `stop` is set; returns
    /// whether to stop.
    pub(crate) fn sleep_until(&self, deadline: Duration, stop: &AtomicBool) -> bool {
        match self {
            Clock::System => {
                let origin = system_origin();
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return true;
                    }
                    let now = origin.elapsed();
                    if now >= deadline {
                        return false;
                    }
                    std::thread::sleep((deadline - now).min(STOP_POLL));
                }
            }
            Clock::Manual(clock) => clock.sleep_until(deadline, stop),
        }
    }
}

fn system_origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// A thread the clock waits for (see [`Clock::enter`]).
pub(crate) struct Participant {
    clock: Clock,
}

impl Drop for Participant {
    fn drop(&mut self) {
        if let Clock::Manual(clock) = &self.clock {
            let mut state = lock(&clock.shared.state);
            state.busy = state.busy.saturating_sub(1);
            clock.shared.changed.notify_all();
        }
    }
}

/// Simulated time for tests. [`advance`](ManualClock::advance) moves it on and returns once
/// every capture thread on this clock has done what was due by then (rendered a frame,
/// noticed an unplug) and sleeps again, so what a test reads next does not depend on the
/// machine's speed. Clones share the same time.
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    now: Duration,
    /// Threads on this clock that are not asleep in it.
    busy: usize,
    /// Sleeping threads: (ticket, wake-up time).
    sleepers: Vec<(u64, Duration)>,
    next_ticket: u64,
}

impl State {
    /// Counts the sleepers due by now as awake (they are then no longer listed).
    fn wake_due(&mut self) {
        let now = self.now;
        let before = self.sleepers.len();
        self.sleepers.retain(|&(_, deadline)| deadline > now);
        self.busy += before - self.sleepers.len();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Only counters and times live behind the lock, each updated whole.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl ManualClock {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Simulated time since the start.
    pub fn now(&self) -> Duration {
        lock(&self.shared.state).now
    }

    /// Moves time on by `by` at once, then waits until every capture thread that was due by
    /// then has woken and sleeps again (or has finished). A thread due earlier wakes late, as
    /// on a busy machine: the synthetic camera renders one frame at the new time and skips
    /// the ones it missed.
    pub fn advance(&self, by: Duration) {
        let shared = &*self.shared;
        let mut state = Self::settle(shared, lock(&shared.state));
        state.now += by;
        state.wake_due();
        shared.changed.notify_all();
        drop(Self::settle(shared, state));
    }

    /// Waits until no thread on this clock is busy.
    fn settle<'a>(shared: &'a Shared, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        let limit = Instant::now() + CATCH_UP_LIMIT;
        while state.busy > 0 {
            let now = Instant::now();
            if now >= limit {
                break;
            }
            state = shared
                .changed
                .wait_timeout(state, limit - now)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
        state
    }

    fn sleep_until(&self, deadline: Duration, stop: &AtomicBool) -> bool {
        let shared = &*self.shared;
        let mut state = lock(&shared.state);
        if state.now >= deadline || stop.load(Ordering::Relaxed) {
            return stop.load(Ordering::Relaxed);
        }
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        state.sleepers.push((ticket, deadline));
        state.busy = state.busy.saturating_sub(1);
        shared.changed.notify_all();
        loop {
            // `advance` takes the ticket away (and counts this thread busy) when it is due.
            if !state.sleepers.iter().any(|&(t, _)| t == ticket) {
                return stop.load(Ordering::Relaxed);
            }
            if stop.load(Ordering::Relaxed) {
                state.sleepers.retain(|&(t, _)| t != ticket);
                state.busy += 1;
                return true;
            }
            state = shared
                .changed
                .wait_timeout(state, STOP_POLL)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread that wakes every `interval` and notes the time, until stopped.
    fn ticker(
        clock: &Clock,
        interval: Duration,
        stop: &Arc<AtomicBool>,
    ) -> (std::thread::JoinHandle<()>, Arc<Mutex<Vec<Duration>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (clock, stop, noted) = (clock.clone(), Arc::clone(stop), Arc::clone(&seen));
        let (entered_tx, entered) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let _participant = clock.enter();
            entered_tx.send(()).unwrap();
            loop {
                lock(&noted).push(clock.now());
                if clock.sleep_until(clock.now() + interval, &stop) {
                    return;
                }
            }
        });
        entered.recv().unwrap();
        (thread, seen)
    }

    #[test]
    fn advancing_wakes_the_threads_due_and_waits_for_them() {
        let ms = Duration::from_millis;
        let manual = ManualClock::new();
        let clock = Clock::from(manual.clone());
        let stop = Arc::new(AtomicBool::new(false));
        let (thread, seen) = ticker(&clock, ms(30), &stop);
        manual.advance(Duration::ZERO);
        assert_eq!(*lock(&seen), vec![ms(0)]);
        // Due at 30 ms, woken at 100 ms: once, late.
        manual.advance(ms(100));
        assert_eq!(*lock(&seen), vec![ms(0), ms(100)]);
        manual.advance(ms(10));
        assert_eq!(*lock(&seen), vec![ms(0), ms(100)], "not due before 130 ms");
        manual.advance(ms(30));
        assert_eq!(*lock(&seen), vec![ms(0), ms(100), ms(140)]);
        assert_eq!(manual.now(), ms(140));
        stop.store(true, Ordering::Relaxed);
        thread.join().unwrap();
        // With nobody left on the clock, advancing just moves time.
        manual.advance(ms(50));
        assert_eq!(manual.now(), ms(190));
        assert_eq!(lock(&manual.shared.state).busy, 0);
    }

    #[test]
    fn a_stopped_thread_wakes_without_the_clock_moving() {
        let clock = Clock::from(ManualClock::new());
        let stop = Arc::new(AtomicBool::new(false));
        let (thread, _) = ticker(&clock, Duration::from_secs(3600), &stop);
        stop.store(true, Ordering::Relaxed);
        thread.join().unwrap();
        assert_eq!(clock.now(), Duration::ZERO);
    }

    #[test]
    fn the_system_clock_sleeps_in_real_time() {
        let clock = Clock::System;
        let stop = AtomicBool::new(false);
        let start = clock.now();
        assert!(!clock.sleep_until(start + Duration::from_millis(30), &stop));
        assert!(clock.now() >= start + Duration::from_millis(30));
        stop.store(true, Ordering::Relaxed);
        assert!(clock.sleep_until(start + Duration::from_secs(3600), &stop));
    }

    #[test]
    fn clocks_are_equal_when_they_share_their_time() {
        let manual = ManualClock::new();
        assert_eq!(Clock::from(manual.clone()), Clock::from(manual));
        assert_ne!(
            Clock::from(ManualClock::new()),
            Clock::from(ManualClock::new())
        );
        assert_eq!(Clock::System, Clock::default());
    }
}
