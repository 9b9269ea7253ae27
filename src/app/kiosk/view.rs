//! What kiosk mode adds to the wizard's window: the keypad beside the step, the
//! "Are you still here?" and "Start again?" questions over it, the operator's screens, and the
//! discreet operator button on the first screen.

use iced::widget::{button, center, column, container, opaque, row, stack, text};
use iced::{Center, Color, Element, Fill};

use crate::app::step::Step;
use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{focusable, toggle};
use crate::app::{App, Message as AppMessage};
use crate::t;

use super::keypad;
use super::operator::{self, Access};
use super::{Kiosk, Message};

fn kiosk_message(message: Message) -> AppMessage {
    AppMessage::Kiosk(message)
}

impl App {
    /// The operator's sign-in or panel, when open: it replaces the wizard.
    pub(in crate::app) fn operator_view(&self) -> Option<Element<'_, AppMessage>> {
        let kiosk = self.kiosk.as_ref()?;
        let lang = self.shared.lang;
        let content: Element<'_, operator::Message> = match kiosk.operator.as_ref()? {
            Access::SignIn(sign_in) => operator::sign_in_view(
                lang,
                sign_in,
                kiosk.lockout.attempts_left(),
                kiosk.lockout.remaining(kiosk.now()),
            ),
            Access::Panel(panel) => operator::panel_view(lang, panel, kiosk.counters, kiosk.visit),
        };
        Some(
            container(content.map(|m| kiosk_message(Message::Operator(m))))
                .padding(32)
                .center_x(Fill)
                .into(),
        )
    }

    /// The keypad beside the step, when the step has a field to type into.
    pub(in crate::app) fn keypad_view(&self) -> Option<Element<'_, AppMessage>> {
        let kiosk = self.kiosk.as_ref()?;
        let field = self.keypad_field()?;
        let lang = self.shared.lang;
        let fields = self.keypad_fields();
        let switch = (fields.len() > 1).then(|| {
            row(fields.into_iter().map(|candidate| {
                let active = candidate == field;
                let pick = kiosk_message(Message::FieldPicked(candidate));
                let pad = button(
                    text(candidate.label(lang))
                        .size(theme::TEXT_SIZE)
                        .align_x(Center)
                        .width(Fill),
                )
                .width(Fill)
                .height(theme::TARGET_HEIGHT)
                .padding([12, 16])
                .on_press(pick.clone())
                .style(toggle(active));
                focusable(pad, Some(pick))
            }))
            .spacing(8)
            .width(keypad::WIDTH)
        });
        let shift = kiosk.shift;
        Some(
            column![]
                .push(switch)
                .push(keypad::view(lang, field.layout(), shift, |key| {
                    kiosk_message(Message::Key(key))
                }))
                .spacing(12)
                .into(),
        )
    }

    /// The discreet way in for staff, on the first screen only.
    pub(in crate::app) fn operator_button(&self) -> Option<Element<'_, AppMessage>> {
        (self.kiosk.is_some() && self.step == Step::Welcome).then(|| {
            let open = kiosk_message(Message::Operator(operator::Message::Open));
            let pad = button(
                text(t!(self.shared.lang, "kiosk-operator-button"))
                    .size(theme::SMALL_SIZE)
                    .color(theme::muted()),
            )
            .style(button::text)
            .padding([12, 16])
            .on_press(open.clone());
            focusable(pad, Some(open))
        })
    }

    /// The visitor's Cancel, on every step but the first.
    pub(in crate::app) fn cancel_message(&self) -> Option<AppMessage> {
        (self.kiosk.is_some() && !matches!(self.step, Step::Welcome))
            .then_some(kiosk_message(Message::Cancel))
    }

    /// Lays a question over the wizard, if one is asked.
    pub(in crate::app) fn with_questions<'a>(
        &'a self,
        wizard: Element<'a, AppMessage>,
    ) -> Element<'a, AppMessage> {
        let Some(kiosk) = self.kiosk.as_ref() else {
            return wizard;
        };
        match question(self, kiosk) {
            Some(card) => stack![wizard, modal(card)].into(),
            None => wizard,
        }
    }
}

fn question<'a>(app: &App, kiosk: &Kiosk) -> Option<Element<'a, AppMessage>> {
    let lang = app.shared.lang;
    if let Some(seconds) = kiosk.warning {
        return Some(
            column![
                text(t!(lang, "kiosk-idle-title"))
                    .size(theme::TITLE_SIZE)
                    .font(theme::FONT_STRONG),
                text(t!(lang, "kiosk-idle-body", seconds = seconds)).size(theme::SUBTITLE_SIZE),
                action(
                    t!(lang, "kiosk-idle-continue"),
                    Some(kiosk_message(Message::StillHere)),
                    true
                ),
            ]
            .spacing(24)
            .align_x(Center)
            .into(),
        );
    }
    if kiosk.confirm_cancel {
        return Some(
            column![
                text(t!(lang, "kiosk-cancel-title"))
                    .size(theme::TITLE_SIZE)
                    .font(theme::FONT_STRONG),
                text(t!(lang, "kiosk-cancel-body")).size(theme::SUBTITLE_SIZE),
                row![
                    action(
                        t!(lang, "kiosk-cancel-no"),
                        Some(kiosk_message(Message::CancelDismissed)),
                        true
                    ),
                    action(
                        t!(lang, "kiosk-cancel-yes"),
                        Some(kiosk_message(Message::CancelConfirmed)),
                        false
                    ),
                ]
                .spacing(24),
            ]
            .spacing(24)
            .align_x(Center)
            .into(),
        );
    }
    None
}

fn modal<'a>(card: Element<'a, AppMessage>) -> Element<'a, AppMessage> {
    let card = container(card)
        .padding(48)
        .max_width(820)
        .style(|_| container::Style {
            background: Some(theme::surface().into()),
            border: iced::Border {
                radius: 12.0.into(),
                width: 1.0,
                color: theme::border(),
            },
            ..container::Style::default()
        });
    opaque(center(card).style(|_| {
        container::Style {
            background: Some(
                Color {
                    a: 0.6,
                    ..theme::ink()
                }
                .into(),
            ),
            ..container::Style::default()
        }
    }))
}
