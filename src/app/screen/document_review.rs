//! The data recognised from the ID card, for the citizen to confirm.

use iced::widget::{checkbox, column, row, text};
use iced::{Element, Fill};

use crate::app::theme;
use crate::app::widget::page;
use crate::i18n::Language;
use crate::t;

/// What the service recognised on the document. Empty until the service answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognised {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub document_number: String,
    pub issued_by: String,
    pub expires: String,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub recognised: Option<Recognised>,
    /// The IIN the citizen typed earlier, shown for comparison.
    pub iin: Option<String>,
    confirmed: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Confirmed(bool),
}

impl State {
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Confirmed(value) => self.confirmed = value,
        }
    }

    pub fn toggle(&mut self) {
        self.confirmed = !self.confirmed;
    }

    pub fn can_continue(&self) -> bool {
        self.confirmed
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let unknown = t!(lang, "review-unknown");
        let value = |pick: fn(&Recognised) -> &String| {
            self.recognised
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
                self.iin.clone().unwrap_or_else(|| unknown.clone()),
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
                    .color(theme::MUTED)
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
            .push(
                checkbox(self.confirmed)
                    .label(t!(lang, "review-confirm"))
                    .on_toggle(Message::Confirmed)
                    .size(26)
                    .text_size(theme::TEXT_SIZE),
            )
            .into()
    }
}
