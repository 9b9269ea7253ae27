//! The data recognised from the ID card, for the citizen to confirm: read from the service
//! when the step opens, confirmed by Next.

use iced::widget::{checkbox, column, row, text};
use iced::{Element, Fill, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::DocumentData;

use crate::app::screen::request_key::RequestKey;
use crate::app::screen::{Event, Screen};
use crate::app::shared::{Recognised, Shared};
use crate::app::step::Step;

use crate::app::theme;
use crate::app::widget::{focusable_as, page};
use crate::t;

/// The "the data is correct" checkbox (its keyboard focus id).
pub const CONFIRM_ID: &str = "review-confirm";

#[derive(Debug, Clone, Default)]
pub struct State {
    confirmed: bool,
    /// What Retry sends again after a failure.
    last: Request,
    /// The key of the confirmation, kept for Retry.
    key: RequestKey,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Request {
    #[default]
    Read,
    Confirm,
}

#[derive(Debug, Clone)]
pub enum Message {
    Confirmed(bool),
    Read(Result<DocumentData, ClientError>),
    ConfirmedByService(Result<(), ClientError>),
}

impl State {
    /// Opening the step: the service reads the card (once).
    pub fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        if ctx.citizen.recognised.is_some() {
            return Task::none();
        }
        self.last = Request::Read;
        ctx.service.start_waiting();
        ctx.service.with_session(
            |client, session| async move { client.document_data(&session).await },
            Message::Read,
        )
    }

    /// Next: the citizen's confirmation goes to the service.
    pub fn send(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.last = Request::Confirm;
        let key = self.key.again();
        ctx.service.start_waiting();
        ctx.service.with_session(
            move |client, session| async move {
                client.confirm_document_data(&session, &key).await.map(drop)
            },
            Message::ConfirmedByService,
        )
    }

    /// Retry after a failure: the request that failed goes again.
    pub fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        match self.last {
            Request::Read => self.enter(ctx),
            Request::Confirm => self.send(ctx),
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        let lang = ctx.lang;
        let unknown = t!(lang, "review-unknown");
        let value = |pick: fn(&Recognised) -> &String| {
            ctx.citizen
                .recognised
                .as_ref()
                .map(pick)
                .filter(|v| !v.is_empty())
                .cloned()
                .unwrap_or_else(|| unknown.clone())
        };
        let rows = [
            (t!(lang, "review-surname"), value(|r| &r.surname)),
            (t!(lang, "review-given-name"), value(|r| &r.given_name)),
            (t!(lang, "review-patronymic"), value(|r| &r.patronymic)),
            (t!(lang, "review-birth-date"), value(|r| &r.birth_date)),
            (
                t!(lang, "review-iin"),
                ctx.citizen
                    .iin
                    .as_ref()
                    .map_or_else(|| unknown.clone(), ToString::to_string),
            ),
            (
                t!(lang, "review-document-number"),
                value(|r| &r.document_number),
            ),
            (t!(lang, "review-issued-by"), value(|r| &r.issued_by)),
            (t!(lang, "review-expires"), value(|r| &r.expires)),
        ];
        let table = column(rows.into_iter().map(|(label, value)| {
            row![
                text(label)
                    .size(theme::TEXT_SIZE)
                    .color(theme::muted())
                    .width(Fill),
                text(value)
                    .size(theme::TEXT_SIZE)
                    .font(theme::FONT_STRONG)
                    .width(Fill),
            ]
            .spacing(12)
            .into()
        }))
        .spacing(10);
        page(t!(lang, "review-title"), t!(lang, "review-intro"))
            .push(table)
            .push(focusable_as(
                CONFIRM_ID,
                self.confirmed,
                checkbox(self.confirmed)
                    .label(t!(lang, "review-confirm"))
                    .on_toggle(Message::Confirmed)
                    .size(26)
                    .text_size(theme::TEXT_SIZE),
                Some(Message::Confirmed(!self.confirmed)),
            ))
            .into()
    }
}

impl Screen for State {
    fn can_continue(&self, ctx: &Shared) -> bool {
        self.confirmed && ctx.citizen.recognised.is_some()
    }

    fn needs_service(&self) -> bool {
        true
    }

    fn toggle(&mut self) {
        self.confirmed = !self.confirmed;
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Confirmed(value) => self.confirmed = value,
            Message::Read(Ok(data)) => {
                ctx.service.done();
                ctx.citizen.recognised = Some(data.into());
            }
            Message::ConfirmedByService(Ok(())) => {
                self.key.answered();
                ctx.service.done();
                return (Task::none(), Some(Event::Go(Step::Verification)));
            }
            Message::Read(Err(error)) | Message::ConfirmedByService(Err(error)) => {
                ctx.service.fail(error);
            }
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx)
    }

    fn next(&mut self, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        (self.send(ctx), None)
    }

    fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::enter(self, ctx)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::retry(self, ctx)
    }
}
