//! The idle clock: a visitor who walks away is asked "Are you still here?" with a countdown,
//! then everything of theirs is wiped. Time comes in from the outside (the subscription's
//! ticks), so the rule is a pure function and tests do not wait.

use std::time::{Duration, Instant};

/// How long the "Are you still here?" question is shown before the reset.
pub const WARNING: Duration = Duration::from_secs(30);
/// The default idle timeout, and the bounds an operator may set.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
pub const MIN_TIMEOUT: Duration = Duration::from_secs(45);
pub const MAX_TIMEOUT: Duration = Duration::from_secs(900);
/// The choices the operator panel offers, in seconds.
pub const CHOICES: [u64; 6] = [60, 90, 120, 180, 300, 600];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Active,
    /// The question is shown; the visitor has this many whole seconds left.
    Warning(u64),
    /// Time is up: reset.
    Expired,
}

#[derive(Debug, Clone, Copy)]
pub struct Idle {
    last: Instant,
    timeout: Duration,
}

impl Idle {
    pub fn new(timeout: Duration) -> Self {
        Idle {
            last: Instant::now(),
            timeout: clamp(timeout),
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = clamp(timeout);
    }

    /// The visitor did something.
    pub fn touch(&mut self, now: Instant) {
        self.last = self.last.max(now);
    }

    pub fn phase(&self, now: Instant) -> Phase {
        let idle = now.saturating_duration_since(self.last);
        if idle >= self.timeout {
            return Phase::Expired;
        }
        let left = self.timeout - idle;
        if left <= WARNING {
            // Rounded up: the countdown shows 30 ... 1, never 0.
            Phase::Warning(left.as_millis().div_ceil(1000) as u64)
        } else {
            Phase::Active
        }
    }
}

/// Keeps an operator's (or a settings file's) timeout within sane bounds: long enough for the
/// question to be answered, short enough that a walked-away visitor's data does not linger.
pub fn clamp(timeout: Duration) -> Duration {
    timeout.clamp(MIN_TIMEOUT, MAX_TIMEOUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_then_countdown_then_expired() {
        let mut idle = Idle::new(Duration::from_secs(120));
        let start = Instant::now();
        idle.touch(start);
        assert_eq!(idle.phase(start + Duration::from_secs(89)), Phase::Active);
        assert_eq!(
            idle.phase(start + Duration::from_secs(90)),
            Phase::Warning(30)
        );
        assert_eq!(
            idle.phase(start + Duration::from_millis(119_500)),
            Phase::Warning(1)
        );
        assert_eq!(idle.phase(start + Duration::from_secs(120)), Phase::Expired);
    }

    #[test]
    fn a_touch_starts_the_clock_again() {
        let mut idle = Idle::new(Duration::from_secs(60));
        let start = Instant::now();
        idle.touch(start);
        idle.touch(start + Duration::from_secs(50));
        assert_eq!(idle.phase(start + Duration::from_secs(70)), Phase::Active);
        // An older instant never moves the clock back.
        idle.touch(start);
        assert_eq!(idle.phase(start + Duration::from_secs(70)), Phase::Active);
    }

    #[test]
    fn timeouts_are_kept_in_bounds() {
        assert_eq!(Idle::new(Duration::from_secs(1)).timeout(), MIN_TIMEOUT);
        assert_eq!(
            Idle::new(Duration::from_secs(86_400)).timeout(),
            MAX_TIMEOUT
        );
        for choice in CHOICES {
            let timeout = Duration::from_secs(choice);
            assert_eq!(clamp(timeout), timeout, "{choice} s is offered, so allowed");
        }
    }
}
