//! The operator sign-in's lockout: after a few wrong codes in a row the sign-in is locked for
//! a while, each lockout longer than the one before (1, 5, 30 minutes, then 2 and 12 hours,
//! then a day), until the right code is typed. It is kept in `kiosk-lockout.toml` in wall-clock
//! seconds, so pulling the plug does not give a guesser a fresh set of tries.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

const FILE: &str = "kiosk-lockout.toml";

/// Wrong codes in a row before the sign-in is locked.
pub const ATTEMPTS: u32 = 5;

/// How long each lockout lasts, in order; the last one repeats.
const STEPS: [Duration; 6] = [
    Duration::from_secs(60),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 60 * 60),
    Duration::from_secs(12 * 60 * 60),
    Duration::from_secs(24 * 60 * 60),
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lockout {
    /// Wrong codes since the last lockout (or the last right code).
    pub wrong: u32,
    /// Lockouts since the last right code; decides how long the next one lasts.
    pub lockouts: u32,
    /// Locked until this many seconds after the Unix epoch.
    pub until: Option<u64>,
}

impl Lockout {
    /// How long the sign-in stays locked from `now`, if it is.
    pub fn remaining(&self, now: SystemTime) -> Option<Duration> {
        let until = UNIX_EPOCH + Duration::from_secs(self.until?);
        until.duration_since(now).ok().filter(|d| !d.is_zero())
    }

    pub fn is_locked(&self, now: SystemTime) -> bool {
        self.remaining(now).is_some()
    }

    /// A wrong code: the fifth in a row locks the sign-in for the next, longer, while.
    pub fn wrong_code(&mut self, now: SystemTime) {
        self.wrong = self.wrong.saturating_add(1);
        if self.wrong < ATTEMPTS {
            return;
        }
        let index = usize::try_from(self.lockouts).unwrap_or(usize::MAX);
        let length = STEPS[index.min(STEPS.len() - 1)];
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        self.until = Some((now + length).as_secs());
        self.lockouts = self.lockouts.saturating_add(1);
        self.wrong = 0;
    }

    /// The right code: everything is forgiven.
    pub fn right_code(&mut self) {
        *self = Lockout::default();
    }

    /// Wrong codes left before the next lockout.
    pub fn attempts_left(&self) -> u32 {
        ATTEMPTS.saturating_sub(self.wrong)
    }
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The stored lockout. A damaged file counts as a lockout in force for the first step, so
/// deleting half of it gives nothing away; no file is no lockout.
pub fn load(data_dir: &Path) -> Lockout {
    match std::fs::read_to_string(path(data_dir)) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|_| {
            let mut lockout = Lockout {
                wrong: ATTEMPTS - 1,
                ..Lockout::default()
            };
            lockout.wrong_code(SystemTime::now());
            lockout
        }),
        Err(_) => Lockout::default(),
    }
}

/// Blocking: writes the lockout atomically, owner-only.
pub fn save(data_dir: &Path, lockout: &Lockout) -> std::io::Result<()> {
    let text = toml::to_string(lockout).map_err(std::io::Error::other)?;
    crate::store::write_private(&path(data_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn each_lockout_lasts_longer_than_the_one_before() {
        let mut lockout = Lockout::default();
        let mut now = 1_000_000;
        let mut lengths = Vec::new();
        for _ in 0..7 {
            for _ in 0..ATTEMPTS {
                assert!(!lockout.is_locked(at(now)));
                lockout.wrong_code(at(now));
            }
            let length = lockout.remaining(at(now)).unwrap().as_secs();
            lengths.push(length / 60);
            now += length;
            assert!(!lockout.is_locked(at(now)), "the lock ends on time");
        }
        assert_eq!(lengths, [1, 5, 30, 120, 720, 1440, 1440]);
        lockout.right_code();
        assert_eq!(lockout, Lockout::default());
        assert_eq!(lockout.attempts_left(), ATTEMPTS);
    }

    #[test]
    fn a_lockout_survives_a_restart_and_a_damaged_file_stays_locked() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Lockout::default());
        let mut lockout = Lockout::default();
        for _ in 0..ATTEMPTS {
            lockout.wrong_code(SystemTime::now());
        }
        save(dir.path(), &lockout).unwrap();
        assert!(load(dir.path()).is_locked(SystemTime::now()));
        std::fs::write(path(dir.path()), "until = \"tomorrow\"").unwrap();
        assert!(load(dir.path()).is_locked(SystemTime::now()));
    }
}
