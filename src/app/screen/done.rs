//! The end of the road: what the citizen now has and what each key is for.

use iced::Element;

use crate::app::widget::nav::action;
use crate::app::widget::{body, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Copy)]
pub enum Message {
    Home,
}

pub fn view<'a>(lang: Language) -> Element<'a, Message> {
    page(t!(lang, "done-title"), t!(lang, "done-intro"))
        .push(body(t!(lang, "done-next")))
        .push(action(t!(lang, "done-home"), Some(Message::Home), true))
        .into()
}
