//! What the device picker shows: the devices plugged in with their PIN state, the PIN of the
//! one picked, and the new PIN when it still has its factory one.

use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Element, Fill};
use qoltanba_core::token::{DeviceKind, PinState, TokenInfo, TokenPin};

use super::{KindChoice, Message, NEW_PIN_ID, PIN_ID, REPEAT_ID, Stage, State};
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, caption, choice_with, field, section};
use crate::app::{explain, theme};
use crate::i18n::Language;
use crate::t;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let refresh = action(
            t!(lang, "storage-device-refresh"),
            (!self.scanning).then_some(Message::Refresh),
            false,
        );
        let mut content = column![section(t!(lang, "storage-device-list"))].spacing(10);
        match &self.listing {
            None => content = content.push(caption(t!(lang, "storage-device-searching"))),
            Some(listing) if listing.tokens.is_empty() => {
                content = content.push(caption(t!(lang, "storage-device-none")));
            }
            Some(listing) => {
                for (index, token) in listing.tokens.iter().enumerate() {
                    let picked = self.selected.as_ref().is_some_and(|s| s.same_device(token));
                    let shown = if picked { self.selected.as_ref() } else { None };
                    content = content.push(device_row(
                        lang,
                        shown.unwrap_or(token),
                        picked,
                        Message::Picked(index),
                    ));
                }
            }
        }
        content = content.push(
            row![
                refresh,
                caption(t!(lang, "storage-device-no-module")).width(Fill)
            ]
            .align_y(Alignment::Center)
            .spacing(16),
        );
        if let Some(listing) = &self.listing
            && !listing.problems.is_empty()
        {
            let lines: Vec<String> = listing
                .problems
                .iter()
                .map(|problem| explain::module_problem(lang, problem))
                .collect();
            content = content.push(caption(format!(
                "{}\n{}",
                t!(lang, "storage-device-problems"),
                lines.join("\n")
            )));
        }
        if let Some(token) = &self.selected {
            content = content.push(self.pin_entry(lang, token));
        }
        content.into()
    }

    fn pin_entry<'a>(&'a self, lang: Language, token: &'a TokenInfo) -> Element<'a, Message> {
        let kinds: Vec<KindChoice> = DeviceKind::ALL
            .into_iter()
            .map(|kind| KindChoice::new(lang, kind))
            .collect();
        let current = kinds.iter().find(|c| c.kind == token.kind).cloned();
        let kind_row = row![
            text(t!(lang, "storage-device-kind"))
                .size(theme::TEXT_SIZE)
                .width(Fill),
            pick_list(kinds, current, Message::KindPicked)
                .text_size(theme::TEXT_SIZE)
                .padding(10),
        ]
        .align_y(Alignment::Center)
        .spacing(12);
        let mut entry = column![kind_row].spacing(12);
        if let Some(advice) = explain::pin_advice(lang, token.pin_state) {
            let kind = if token.pin_state.can_log_in() {
                Banner::Warning
            } else {
                Banner::Error
            };
            entry = entry.push(banner(kind, advice));
        }
        if !token.pin_state.can_log_in() {
            return entry.into();
        }
        match self.stage {
            Stage::NewPin | Stage::ChangingPin => entry.push(self.pin_change(lang, token)).into(),
            Stage::Pin | Stage::LoggingIn | Stage::Ready => {
                let feedback = match (&self.error, self.stage) {
                    (Some(error), _) => Feedback::Error(explain::device(lang, error)),
                    (None, Stage::LoggingIn) => Feedback::Hint(t!(lang, "storage-pin-checking")),
                    (None, Stage::Ready) => Feedback::Valid(if self.pin_changed {
                        t!(lang, "storage-pin-changed")
                    } else {
                        t!(lang, "storage-pin-ok")
                    }),
                    (None, _) if !self.pin.is_empty() && self.pin().is_none() => {
                        Feedback::Error(t!(
                            lang,
                            "token-error-pin-length",
                            min = token.pin_length.min,
                            max = token.pin_length.max
                        ))
                    }
                    (None, _) if self.pin_pad() => Feedback::Hint(t!(lang, "storage-pin-pad")),
                    (None, _) => Feedback::Hint(t!(lang, "storage-pin-hint")),
                };
                entry
                    .push(field(Field {
                        label: t!(lang, "storage-pin-label", device = device_name(lang, token)),
                        placeholder: String::new(),
                        value: &self.pin,
                        id: PIN_ID,
                        secure: true,
                        feedback,
                        on_input: Box::new(Message::PinChanged),
                        on_submit: Some(Message::Submitted),
                    }))
                    .into()
            }
        }
    }

    fn pin_change<'a>(&'a self, lang: Language, token: &'a TokenInfo) -> Element<'a, Message> {
        let factory = token.factory_pin().unwrap_or_default();
        let length = t!(
            lang,
            "storage-new-pin-length",
            min = token.pin_length.min,
            max = token.pin_length.max
        );
        let new = TokenPin::new(self.new_pin.clone());
        let new_feedback = if let Some(error) = &self.error {
            Feedback::Error(explain::device(lang, error))
        } else if self.new_pin.is_empty() {
            Feedback::Hint(length)
        } else if !token.pin_length.accepts(&new) {
            Feedback::Error(length)
        } else if new.is_factory_pin_of(token.kind) {
            Feedback::Error(t!(lang, "token-error-new-pin-is-factory"))
        } else if self.new_pin == self.pin {
            Feedback::Error(t!(lang, "token-error-new-pin-unchanged"))
        } else {
            Feedback::None
        };
        let repeat_feedback = if self.stage == Stage::ChangingPin {
            Feedback::Hint(t!(lang, "storage-pin-changing"))
        } else if self.repeat.is_empty() {
            Feedback::None
        } else if self.repeat == self.new_pin {
            Feedback::Valid(t!(lang, "storage-new-pin-match"))
        } else {
            Feedback::Error(t!(lang, "storage-new-pin-mismatch"))
        };
        column![
            banner(
                Banner::Warning,
                t!(lang, "storage-factory-pin", pin = factory)
            ),
            field(Field {
                label: t!(lang, "storage-new-pin-label"),
                placeholder: String::new(),
                value: &self.new_pin,
                id: NEW_PIN_ID,
                secure: true,
                feedback: new_feedback,
                on_input: Box::new(Message::NewPinChanged),
                on_submit: Some(Message::Submitted),
            }),
            field(Field {
                label: t!(lang, "storage-new-pin-repeat"),
                placeholder: String::new(),
                value: &self.repeat,
                id: REPEAT_ID,
                secure: true,
                feedback: repeat_feedback,
                on_input: Box::new(Message::RepeatChanged),
                on_submit: Some(Message::Submitted),
            }),
        ]
        .spacing(12)
        .into()
    }
}

/// The device's label, or its kind when it has none.
pub fn device_name(lang: Language, token: &TokenInfo) -> String {
    if token.label.is_empty() {
        explain::device_kind(lang, token.kind)
    } else {
        token.label.clone()
    }
}

/// One device of the list: label; kind, maker and model; PIN state and serial.
fn device_row<'a>(
    lang: Language,
    token: &TokenInfo,
    picked: bool,
    on_press: Message,
) -> Element<'a, Message> {
    let state_colour = match token.pin_state {
        PinState::Ok => theme::success(),
        PinState::CountLow | PinState::FinalTry | PinState::MustChange => theme::warning(),
        PinState::Locked | PinState::TokenNotInitialised | PinState::UserPinNotInitialised => {
            theme::danger()
        }
    };
    let details = column![
        text(t!(
            lang,
            "storage-device-details",
            kind = explain::device_kind(lang, token.kind),
            manufacturer = token.manufacturer.as_str(),
            model = token.model.as_str()
        ))
        .size(theme::SMALL_SIZE)
        .color(theme::muted()),
        row![
            text(explain::pin_state(lang, token.pin_state))
                .size(theme::SMALL_SIZE)
                .color(state_colour)
                .width(Fill),
            text(t!(
                lang,
                "storage-device-serial",
                serial = token.serial.as_str()
            ))
            .size(theme::SMALL_SIZE)
            .color(theme::muted()),
        ]
        .spacing(12),
    ]
    .spacing(2);
    choice_with(
        device_name(lang, token),
        Some(details.into()),
        picked,
        Some(on_press),
    )
}
