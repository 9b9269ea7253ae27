//! The check against the population register: approved, sent to moderation, or rejected.

use iced::{Element, Subscription, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::{VerificationResponse, VerificationStatus};

use crate::app::screen::Screen;
use crate::app::shared::Shared;
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

/// How often the step asks again while an operator checks the case.
pub const MODERATION_POLL: std::time::Duration = std::time::Duration::from_secs(15);

impl From<VerificationResponse> for Outcome {
    fn from(answer: VerificationResponse) -> Self {
        match answer.status {
            VerificationStatus::Approved => Outcome::Approved,
            VerificationStatus::Moderation => Outcome::Moderation,
            VerificationStatus::Rejected => Outcome::Rejected {
                reason: answer.reason.unwrap_or_default(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The Refresh button, the moderation poll and Retry: ask the service again.
    Refresh,
    Answered(Result<VerificationResponse, ClientError>),
}

#[derive(Debug, Clone, Default)]
pub struct State {
    /// `None` until the service has been asked.
    pub outcome: Option<Outcome>,
}

impl State {
    pub fn update(&mut self, message: Message, ctx: &mut Shared) -> Task<Message> {
        match message {
            Message::Refresh => return self.check(ctx),
            Message::Answered(Ok(answer)) => {
                ctx.service.done();
                self.outcome = Some(answer.into());
                return ctx.save_progress();
            }
            Message::Answered(Err(error)) => ctx.service.fail(error),
        }
        Task::none()
    }

    /// Opening the step, Refresh, the moderation poll and Retry.
    pub fn check(&mut self, ctx: &mut Shared) -> Task<Message> {
        if self.outcome.is_none() {
            self.outcome = Some(Outcome::Checking);
        }
        ctx.service.failure = None;
        ctx.service.with_session(
            |client, session| async move { client.verification(&session).await },
            Message::Answered,
        )
    }

    /// While an operator checks the case, the service is asked again now and then.
    pub fn subscription(&self) -> Subscription<Message> {
        if self.outcome == Some(Outcome::Moderation) {
            iced::time::every(MODERATION_POLL).map(|_| Message::Refresh)
        } else {
            Subscription::none()
        }
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

impl Screen for State {
    /// Moving on needs the service's approval.
    fn can_continue(&self, _ctx: &Shared) -> bool {
        matches!(self.outcome, Some(Outcome::Approved))
    }

    fn needs_service(&self) -> bool {
        true
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(
        &mut self,
        message: Message,
        ctx: &mut Shared,
    ) -> (Task<Message>, Option<crate::app::screen::Event>) {
        (State::update(self, message, ctx), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang)
    }

    fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.check(ctx)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.check(ctx)
    }

    fn subscription(&self, _ctx: &Shared) -> Subscription<Message> {
        State::subscription(self)
    }
}
