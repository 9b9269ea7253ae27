//! The check against the population register: approved, sent to moderation, or rejected.

use iced::Element;

use crate::app::widget::nav::action;
use crate::app::widget::{Banner, banner, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Checking,
    Approved,
    Moderation,
    Rejected { reason: String },
}

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    /// `None` until the service has been asked.
    pub outcome: Option<Outcome>,
}

impl State {
    /// Moving on needs the service's approval.
    pub fn can_continue(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Approved))
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let status = self.outcome.as_ref().map(|outcome| match outcome {
            Outcome::Checking => banner(Banner::Info, t!(lang, "verification-checking")),
            Outcome::Approved => banner(Banner::Success, t!(lang, "verification-approved")),
            Outcome::Moderation => banner(Banner::Warning, t!(lang, "verification-moderation")),
            Outcome::Rejected { reason } => banner(
                Banner::Error,
                t!(lang, "verification-rejected", reason = reason.as_str()),
            ),
        });
        let refresh = matches!(self.outcome, Some(Outcome::Moderation)).then(|| {
            action(
                t!(lang, "verification-refresh"),
                Some(Message::Refresh),
                false,
            )
        });
        page(
            t!(lang, "verification-title"),
            t!(lang, "verification-intro"),
        )
        .push(status)
        .push(refresh)
        .into()
    }
}
