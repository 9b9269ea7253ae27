//! Video identification's liveness prompts: a random script of face movements per attempt and
//! a tracker that confirms each one, in order and in time, from the face track. A photograph
//! held still in front of the camera passes "look straight" and then runs out of time.
//!
//! Directions are the person's own: "turn left" means towards the person's left, which in the
//! unmirrored camera frame moves the face towards the frame's **right** edge (larger `x`).
//! The frontal detector has no head-pose output, so a turn is recognised by the face box
//! moving sideways by a share of the face width (the box follows the nose when the head turns),
//! and "come closer"/"move back" by the face growing or shrinking.

use std::time::Duration;

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::guidance::Assessment;

/// One thing the person is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// Look straight into the camera, face in the oval (sets the starting position).
    LookStraight,
    /// Turn the head to the person's left.
    TurnLeft,
    /// Turn the head to the person's right.
    TurnRight,
    /// Come closer to the camera.
    ComeCloser,
    /// Move back from the camera.
    MoveBack,
}

impl Prompt {
    /// The machine name used in the challenge log and as a Fluent id suffix.
    pub fn key(self) -> &'static str {
        match self {
            Self::LookStraight => "look_straight",
            Self::TurnLeft => "turn_left",
            Self::TurnRight => "turn_right",
            Self::ComeCloser => "come_closer",
            Self::MoveBack => "move_back",
        }
    }

    /// The movements a script draws from (everything but the opening "look straight").
    pub const MOVES: [Prompt; 4] = [
        Prompt::TurnLeft,
        Prompt::TurnRight,
        Prompt::ComeCloser,
        Prompt::MoveBack,
    ];
}

/// One prompt with its time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptStep {
    /// What to do.
    pub prompt: Prompt,
    /// How long the person has, from the moment the prompt appears.
    pub time_limit: Duration,
}

/// The prompts of one attempt, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeScript {
    /// The steps; the first is always [`Prompt::LookStraight`].
    pub steps: Vec<ScriptStep>,
}

/// Time to settle in the oval at the start.
pub const LOOK_STRAIGHT_LIMIT: Duration = Duration::from_secs(5);
/// Time for each movement.
pub const MOVE_LIMIT: Duration = Duration::from_secs(5);

impl ChallengeScript {
    /// A fresh random script: look straight, then 2 or 3 different movements in random order
    /// (3–4 prompts in all).
    pub fn random<R: Rng + ?Sized>(rng: &mut R) -> Self {
        let mut moves = Prompt::MOVES;
        moves.shuffle(rng);
        let count = rng.random_range(2..=3);
        Self::new(&moves[..count])
    }

    /// "Look straight" followed by `moves`, with the standard time limits.
    pub fn new(moves: &[Prompt]) -> Self {
        let mut steps = vec![ScriptStep {
            prompt: Prompt::LookStraight,
            time_limit: LOOK_STRAIGHT_LIMIT,
        }];
        steps.extend(moves.iter().map(|&prompt| ScriptStep {
            prompt,
            time_limit: MOVE_LIMIT,
        }));
        Self { steps }
    }

    /// The longest the whole script can take.
    pub fn max_duration(&self) -> Duration {
        self.steps.iter().map(|s| s.time_limit).sum()
    }
}

/// How much movement counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackerRules {
    /// Where the face must be for "look straight", `(x, y)` fractions of the frame.
    pub target: (f32, f32),
    /// How far from `target` it may be.
    pub centre_tolerance: (f32, f32),
    /// How long "look straight" must be held.
    pub straight_hold: Duration,
    /// Sideways shift of the face centre, in face widths, that counts as a turn.
    pub turn_shift: f32,
    /// Growth of the face (ratio to the start) that counts as coming closer.
    pub closer_ratio: f32,
    /// Shrinking of the face (ratio to the start) that counts as moving back.
    pub back_ratio: f32,
    /// Consecutive frames a movement must be seen in.
    pub confirm_frames: u32,
}

impl Default for TrackerRules {
    fn default() -> Self {
        Self {
            target: (0.5, 0.45),
            centre_tolerance: (0.12, 0.14),
            straight_hold: Duration::from_millis(500),
            turn_shift: 0.25,
            closer_ratio: 1.2,
            back_ratio: 0.83,
            confirm_frames: 2,
        }
    }
}

/// A prompt as it went, for the log: times from the start of the video.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeStep {
    /// [`Prompt::key`].
    pub kind: String,
    /// When the prompt appeared, ms from the start.
    pub started_ms: u64,
    /// When the movement was confirmed, ms from the start.
    pub completed_ms: u64,
}

/// The challenge log uploaded with the video; the same JSON shape as the protocol's
/// `ChallengeLog` (`{"challenges":[{"kind","started_ms","completed_ms"}…]}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChallengeLog {
    /// Completed prompts, in order.
    pub challenges: Vec<ChallengeStep>,
}

impl ChallengeLog {
    /// The log as JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{\"challenges\":[]}"))
    }
}

/// Why an attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeFailure {
    /// The prompt was not done in time (a still photo ends here).
    TimedOut(Prompt),
}

/// Where the attempt is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChallengeState {
    /// Not started: no frame fed yet.
    NotStarted,
    /// Showing prompt `index` of the script.
    Active {
        /// Position in the script.
        index: usize,
        /// The prompt shown.
        prompt: Prompt,
        /// Time left for it (for the countdown).
        remaining: Duration,
    },
    /// Every prompt was done in order.
    Passed,
    /// The attempt failed; start a new one with a new script.
    Failed(ChallengeFailure),
}

/// The face position a prompt is judged against.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Baseline {
    cx: f32,
    size: f32,
}

/// Follows the face through a script.
#[derive(Debug, Clone)]
pub struct ChallengeTracker {
    script: ChallengeScript,
    rules: TrackerRules,
    origin: Option<Duration>,
    index: usize,
    prompt_started: Duration,
    straight_since: Option<Duration>,
    baseline: Option<Baseline>,
    armed: bool,
    seen: u32,
    log: ChallengeLog,
    state: ChallengeState,
}

impl ChallengeTracker {
    /// A tracker for `script`.
    pub fn new(script: ChallengeScript, rules: TrackerRules) -> Self {
        Self {
            script,
            rules,
            origin: None,
            index: 0,
            prompt_started: Duration::ZERO,
            straight_since: None,
            baseline: None,
            armed: false,
            seen: 0,
            log: ChallengeLog::default(),
            state: ChallengeState::NotStarted,
        }
    }

    /// The script being followed.
    pub fn script(&self) -> &ChallengeScript {
        &self.script
    }

    /// The current state.
    pub fn state(&self) -> ChallengeState {
        self.state
    }

    /// The log of completed prompts so far.
    pub fn log(&self) -> &ChallengeLog {
        &self.log
    }

    /// When the attempt started (the first frame's capture time); the video starts there too.
    pub fn origin(&self) -> Option<Duration> {
        self.origin
    }

    /// Takes the assessment of the next frame. The first frame starts the attempt and the
    /// clock; times come from [`Assessment::at`].
    pub fn feed(&mut self, assessment: &Assessment) -> ChallengeState {
        if matches!(
            self.state,
            ChallengeState::Passed | ChallengeState::Failed(_)
        ) {
            return self.state;
        }
        let origin = *self.origin.get_or_insert(assessment.at);
        let now = assessment.at.saturating_sub(origin);
        let Some(step) = self.script.steps.get(self.index).copied() else {
            self.state = ChallengeState::Passed;
            return self.state;
        };
        if self.confirmed(step.prompt, assessment, now) {
            self.log.challenges.push(ChallengeStep {
                kind: step.prompt.key().to_owned(),
                started_ms: self.prompt_started.as_millis() as u64,
                completed_ms: now.as_millis() as u64,
            });
            self.index += 1;
            self.prompt_started = now;
            self.seen = 0;
            // The next movement must happen after its prompt appears: if the face is already
            // there, it has to leave and come back.
            self.armed = match self.script.steps.get(self.index) {
                Some(next) => self.movement_done(next.prompt, assessment) != Some(true),
                None => true,
            };
            self.state = match self.script.steps.get(self.index) {
                Some(next) => ChallengeState::Active {
                    index: self.index,
                    prompt: next.prompt,
                    remaining: next.time_limit,
                },
                None => ChallengeState::Passed,
            };
            return self.state;
        }
        let used = now.saturating_sub(self.prompt_started);
        self.state = if used > step.time_limit {
            ChallengeState::Failed(ChallengeFailure::TimedOut(step.prompt))
        } else {
            ChallengeState::Active {
                index: self.index,
                prompt: step.prompt,
                remaining: step.time_limit - used,
            }
        };
        self.state
    }

    /// Whether this frame completes `prompt`.
    fn confirmed(&mut self, prompt: Prompt, assessment: &Assessment, now: Duration) -> bool {
        let (Some(face), Some(size)) = (assessment.face(), assessment.face_size()) else {
            // A turned head may drop out of a frontal detector: neither progress nor failure.
            self.straight_since = None;
            return false;
        };
        let (cx, cy) = face.centre();
        if prompt == Prompt::LookStraight {
            let centred = (cx - self.rules.target.0).abs() <= self.rules.centre_tolerance.0
                && (cy - self.rules.target.1).abs() <= self.rules.centre_tolerance.1
                && assessment.faces.len() == 1;
            if !centred {
                self.straight_since = None;
                return false;
            }
            let since = *self.straight_since.get_or_insert(now);
            if now.saturating_sub(since) >= self.rules.straight_hold {
                self.baseline = Some(Baseline { cx, size });
                return true;
            }
            return false;
        }
        let Some(done) = self.movement_done(prompt, assessment) else {
            return false;
        };
        if !done {
            self.armed = true;
            self.seen = 0;
            return false;
        }
        if !self.armed {
            return false;
        }
        self.seen += 1;
        self.seen >= self.rules.confirm_frames
    }

    /// Whether the face in `assessment` is where `prompt` asks, relative to the baseline;
    /// `None` without a face or a baseline.
    fn movement_done(&self, prompt: Prompt, assessment: &Assessment) -> Option<bool> {
        let base = self.baseline?;
        let face = assessment.face()?;
        let size = assessment.face_size()?;
        let (cx, _) = face.centre();
        let aspect = assessment.frame_size.0 as f32 / assessment.frame_size.1.max(1) as f32;
        // Sideways shift in face widths (x is a fraction of the width, size of the height).
        let shift = (cx - base.cx) * aspect / base.size.max(0.01);
        let growth = size / base.size.max(0.01);
        Some(match prompt {
            Prompt::TurnLeft => shift >= self.rules.turn_shift,
            Prompt::TurnRight => shift <= -self.rules.turn_shift,
            Prompt::ComeCloser => growth >= self.rules.closer_ratio,
            Prompt::MoveBack => growth <= self.rules.back_ratio,
            Prompt::LookStraight => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::FaceBox;
    use rand::SeedableRng;

    fn seen(ms: u64, cx: f32, size: f32) -> Assessment {
        // A 16:9 frame; size is the face width as a fraction of the height.
        let width = size * 720.0 / 1280.0;
        Assessment {
            at: Duration::from_millis(ms),
            frame_size: (1280, 720),
            faces: vec![FaceBox {
                x: cx - width / 2.0,
                y: 0.45 - size / 2.0,
                width,
                height: size,
                score: 10.0,
            }],
            hint: None,
            brightness: 0.5,
            sharpness: 100.0,
        }
    }

    #[test]
    fn random_scripts_start_straight_and_have_distinct_moves() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut lengths = std::collections::HashSet::new();
        let mut firsts = std::collections::HashSet::new();
        for _ in 0..50 {
            let script = ChallengeScript::random(&mut rng);
            assert_eq!(script.steps[0].prompt, Prompt::LookStraight);
            let moves: std::collections::HashSet<_> =
                script.steps[1..].iter().map(|s| s.prompt).collect();
            assert_eq!(moves.len(), script.steps.len() - 1);
            assert!(!moves.contains(&Prompt::LookStraight));
            lengths.insert(script.steps.len());
            firsts.insert(script.steps[1].prompt);
        }
        assert_eq!(lengths, [3usize, 4].into_iter().collect());
        assert_eq!(firsts.len(), 4, "every move should come first sometimes");
    }

    #[test]
    fn a_moving_face_passes_in_order() {
        let script = ChallengeScript::new(&[Prompt::TurnLeft, Prompt::ComeCloser]);
        let mut tracker = ChallengeTracker::new(script, TrackerRules::default());
        let mut t = 0;
        let mut feed = |tracker: &mut ChallengeTracker, cx: f32, size: f32, frames: u64| {
            let mut state = tracker.state();
            for _ in 0..frames {
                state = tracker.feed(&seen(t, cx, size));
                t += 100;
            }
            state
        };
        feed(&mut tracker, 0.5, 0.34, 7);
        assert!(matches!(
            tracker.state(),
            ChallengeState::Active {
                prompt: Prompt::TurnLeft,
                ..
            }
        ));
        // Turning right is not turning left.
        assert!(matches!(
            feed(&mut tracker, 0.4, 0.34, 5),
            ChallengeState::Active {
                prompt: Prompt::TurnLeft,
                ..
            }
        ));
        feed(&mut tracker, 0.6, 0.34, 3);
        assert!(matches!(
            tracker.state(),
            ChallengeState::Active {
                prompt: Prompt::ComeCloser,
                ..
            }
        ));
        feed(&mut tracker, 0.5, 0.34, 3);
        assert_eq!(feed(&mut tracker, 0.5, 0.45, 3), ChallengeState::Passed);
        let kinds: Vec<_> = tracker
            .log()
            .challenges
            .iter()
            .map(|c| c.kind.as_str())
            .collect();
        assert_eq!(kinds, ["look_straight", "turn_left", "come_closer"]);
        let json = tracker.log().to_json();
        assert!(json.starts_with("{\"challenges\":[{\"kind\":\"look_straight\",\"started_ms\":0,"));
    }

    #[test]
    fn a_still_face_times_out_on_the_first_move() {
        let script = ChallengeScript::new(&[Prompt::MoveBack, Prompt::TurnRight]);
        let mut tracker = ChallengeTracker::new(script, TrackerRules::default());
        let mut state = ChallengeState::NotStarted;
        for i in 0..200 {
            state = tracker.feed(&seen(i * 50, 0.5, 0.34));
        }
        assert_eq!(
            state,
            ChallengeState::Failed(ChallengeFailure::TimedOut(Prompt::MoveBack))
        );
        assert_eq!(tracker.log().challenges.len(), 1);
    }

    #[test]
    fn a_position_held_from_before_the_prompt_does_not_count() {
        let script = ChallengeScript::new(&[Prompt::TurnLeft, Prompt::ComeCloser]);
        let mut tracker = ChallengeTracker::new(script, TrackerRules::default());
        for i in 0..7 {
            tracker.feed(&seen(i * 100, 0.5, 0.34));
        }
        // Turning left and coming closer at once completes "turn left" only…
        for i in 7..12 {
            tracker.feed(&seen(i * 100, 0.6, 0.45));
        }
        assert!(matches!(
            tracker.state(),
            ChallengeState::Active {
                prompt: Prompt::ComeCloser,
                ..
            }
        ));
        // …and "come closer" needs the person to move back and come closer again.
        assert_eq!(tracker.log().challenges.len(), 2);
        tracker.feed(&seen(1300, 0.5, 0.34));
        tracker.feed(&seen(1400, 0.5, 0.45));
        assert_eq!(tracker.feed(&seen(1500, 0.5, 0.45)), ChallengeState::Passed);
    }
}
