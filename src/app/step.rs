//! The wizard's steps, in the order a citizen meets them (iced's `tour` pattern, grown up).

/// A screen of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Step {
    Welcome,
    CameraCheck,
    Iin,
    Otp,
    PhoneRegistration,
    Selfie,
    VideoId,
    AccountPin,
    Document,
    DocumentReview,
    Verification,
    Agreement,
    Storage,
    KeyPassword,
    Submit,
    Install,
    Done,
    Status,
    /// "Check my keys": a key file described (a side road from the first screen).
    CheckKeys,
}

impl Step {
    /// The main path, front to back. Phone registration and the status check are side
    /// roads reached from a screen, not by Next.
    pub const FLOW: [Step; 16] = [
        Step::Welcome,
        Step::CameraCheck,
        Step::Iin,
        Step::Otp,
        Step::Selfie,
        Step::VideoId,
        Step::AccountPin,
        Step::Document,
        Step::DocumentReview,
        Step::Verification,
        Step::Agreement,
        Step::Storage,
        Step::KeyPassword,
        Step::Submit,
        Step::Install,
        Step::Done,
    ];

    /// Every screen, for screenshots and tests.
    pub const ALL: [Step; 19] = [
        Step::Welcome,
        Step::CameraCheck,
        Step::Iin,
        Step::Otp,
        Step::PhoneRegistration,
        Step::Selfie,
        Step::VideoId,
        Step::AccountPin,
        Step::Document,
        Step::DocumentReview,
        Step::Verification,
        Step::Agreement,
        Step::Storage,
        Step::KeyPassword,
        Step::Submit,
        Step::Install,
        Step::Done,
        Step::Status,
        Step::CheckKeys,
    ];

    /// How many numbered steps the header counts ("Step 3 of 14").
    pub const NUMBERED: u8 = 14;

    /// The step's number in the header, if it has one. Phone registration stands in for the
    /// SMS code step, so it shares its number.
    pub fn number(self) -> Option<u8> {
        let position = match self {
            Step::PhoneRegistration => return Step::Otp.number(),
            Step::Welcome | Step::Done | Step::Status | Step::CheckKeys => return None,
            step => Step::FLOW.iter().position(|s| *s == step)?,
        };
        u8::try_from(position).ok()
    }

    pub fn next(self) -> Option<Step> {
        match self {
            Step::PhoneRegistration => Some(Step::Otp),
            Step::Status | Step::CheckKeys => None,
            step => {
                let position = Step::FLOW.iter().position(|s| *s == step)?;
                Step::FLOW.get(position + 1).copied()
            }
        }
    }

    pub fn previous(self) -> Option<Step> {
        match self {
            Step::PhoneRegistration => Some(Step::Otp),
            Step::Status | Step::CheckKeys => Some(Step::Welcome),
            step => {
                let position = Step::FLOW.iter().position(|s| *s == step)?;
                position
                    .checked_sub(1)
                    .and_then(|p| Step::FLOW.get(p).copied())
            }
        }
    }

    /// Whether Back is offered. Once the requests are submitted there is no going back:
    /// the keys exist and the application is with the service.
    pub fn can_go_back(self) -> bool {
        !matches!(self, Step::Welcome | Step::Install | Step::Done) && self.previous().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_from_one_to_numbered() {
        let numbers: Vec<u8> = Step::FLOW.iter().filter_map(|s| s.number()).collect();
        assert_eq!(numbers, (1..=Step::NUMBERED).collect::<Vec<_>>());
        assert_eq!(Step::Iin.number(), Some(2));
        assert_eq!(Step::PhoneRegistration.number(), Step::Otp.number());
        assert_eq!(Step::Welcome.number(), None);
    }

    #[test]
    fn next_and_previous_walk_the_flow() {
        let mut step = Step::Welcome;
        let mut walked = vec![step];
        while let Some(next) = step.next() {
            assert_eq!(next.previous(), Some(step));
            walked.push(next);
            step = next;
        }
        assert_eq!(walked, Step::FLOW.to_vec());
        assert_eq!(Step::PhoneRegistration.next(), Some(Step::Otp));
        assert!(!Step::Install.can_go_back());
        assert!(Step::Otp.can_go_back());
        assert!(Step::Status.can_go_back());
    }
}
