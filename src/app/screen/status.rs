//! Application status by number.

use iced::{Element, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::ApplicationNumber;
use qoltanba_core::protocol::{ApplicationStatus, ApplicationStatusResponse};

use crate::app::explain;
use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::{Screen, clamp_input};
use crate::app::shared::Shared;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "status-input";

#[derive(Debug, Clone, Default)]
pub struct State {
    input: String,
    /// The service's answer to the last check.
    pub answer: Option<ApplicationStatusResponse>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Changed(String),
    Submitted,
    Answered(Result<ApplicationStatusResponse, ClientError>),
}

impl State {
    pub fn update(&mut self, message: Message, ctx: &mut Shared) -> Task<Message> {
        match message {
            Message::Changed(value) => self.input = clamp_input(value),
            Message::Submitted if ctx.service.connection.is_some() && !ctx.service.waiting => {
                return self.check(ctx);
            }
            Message::Submitted => {}
            Message::Answered(Ok(answer)) => {
                ctx.service.done();
                self.answer = Some(answer);
            }
            Message::Answered(Err(error)) => ctx.service.fail(error),
        }
        Task::none()
    }

    /// The status of the typed application (also Retry after a failure).
    pub fn check(&mut self, ctx: &mut Shared) -> Task<Message> {
        let Some(number) = self.number() else {
            return Task::none();
        };
        ctx.service.start_waiting();
        self.answer = None;
        ctx.service.request(
            move |client| async move { client.application_status(&number).await },
            Message::Answered,
        )
    }

    /// What is typed so far (the kiosk keypad edits it).
    pub fn typed(&self) -> &str {
        &self.input
    }

    pub fn number(&self) -> Option<ApplicationNumber> {
        ApplicationNumber::parse(&self.input).ok()
    }

    pub fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        let lang = ctx.lang;
        let connected = ctx.service.connection.is_some() && !ctx.service.waiting;
        let feedback = if self.input.trim().is_empty() {
            Feedback::Hint(t!(lang, "status-hint"))
        } else {
            match ApplicationNumber::parse(&self.input) {
                Ok(_) => Feedback::None,
                Err(error) => Feedback::Error(explain::application_number(lang, error)),
            }
        };
        let can_check = connected && self.number().is_some();
        page(t!(lang, "status-title"), t!(lang, "status-intro"))
            .push(field(Field {
                label: t!(lang, "status-label"),
                placeholder: t!(lang, "status-placeholder"),
                value: &self.input,
                id: INPUT_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::Changed),
                on_submit: Some(Message::Submitted),
            }))
            .push(action(
                t!(lang, "status-check"),
                can_check.then_some(Message::Submitted),
                true,
            ))
            .push(
                self.answer
                    .as_ref()
                    .map(|answer| answer_banner(lang, answer)),
            )
            .into()
    }
}

/// The service's answer, in words.
fn answer_banner<'a>(lang: Language, answer: &ApplicationStatusResponse) -> Element<'a, Message> {
    let (status, kind) = match answer.status {
        ApplicationStatus::Processing => ("processing", Banner::Info),
        ApplicationStatus::Issued => ("issued", Banner::Success),
        ApplicationStatus::Rejected => ("rejected", Banner::Error),
    };
    let number = answer.application_number.as_str();
    let mut message = t!(lang, "status-result", status = status, number = number);
    // The service's own words about a rejection, after ours.
    if let Some(reason) = &answer.reason {
        message = format!("{message} {reason}");
    }
    banner(kind, message)
}

impl Screen for State {
    fn shows_next(&self) -> bool {
        false
    }

    fn focus(&self) -> Option<&'static str> {
        Some(INPUT_ID)
    }

    fn needs_service(&self) -> bool {
        true
    }

    fn keypad(&self, _ctx: &Shared) -> Vec<KeypadField> {
        vec![KeypadField::ApplicationNumber]
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
        State::view(self, ctx)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.check(ctx)
    }
}
