//! The only thing a kiosk remembers about its visitors: how many runs were completed and how
//! many abandoned. No name, IIN, time or device: two numbers in `kiosk-counters.toml`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "kiosk-counters.toml";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Counters {
    /// Runs that reached the end (certificates installed).
    pub completed: u64,
    /// Runs cancelled, timed out or ended by the operator before the end.
    pub abandoned: u64,
}

/// How a visitor's run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Completed,
    Abandoned,
}

impl Counters {
    pub fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Completed => self.completed = self.completed.saturating_add(1),
            Outcome::Abandoned => self.abandoned = self.abandoned.saturating_add(1),
        }
    }
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The stored counters; zeros when there are none yet or the file is damaged (a counter is
/// not worth stopping a kiosk for).
pub fn load(data_dir: &Path) -> Counters {
    std::fs::read_to_string(path(data_dir))
        .ok()
        .and_then(|text| toml::from_str(&text).ok())
        .unwrap_or_default()
}

/// Blocking: writes the counters atomically, owner-only.
pub fn save(data_dir: &Path, counters: &Counters) -> std::io::Result<()> {
    let text = toml::to_string(counters).map_err(std::io::Error::other)?;
    crate::store::write_private(&path(data_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_survive_a_restart_and_say_nothing_else() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(load(dir.path()), Counters::default());
        let mut counters = Counters::default();
        counters.record(Outcome::Completed);
        counters.record(Outcome::Abandoned);
        counters.record(Outcome::Abandoned);
        save(dir.path(), &counters).expect("save");
        assert_eq!(
            load(dir.path()),
            Counters {
                completed: 1,
                abandoned: 2
            }
        );
        let text = std::fs::read_to_string(path(dir.path())).expect("read");
        assert_eq!(text.lines().count(), 2, "two numbers, nothing else: {text}");
    }

    #[test]
    fn a_damaged_file_counts_from_zero() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(path(dir.path()), "completed = \"many\"").expect("write");
        assert_eq!(load(dir.path()), Counters::default());
    }
}
