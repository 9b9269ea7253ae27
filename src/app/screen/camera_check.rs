//! Camera check: the live picture, or what stops the camera and how to fix it, and what helps
//! a good picture. Next waits until the camera delivers pictures.

use iced::Element;

use crate::app::cameras::CameraOption;
use crate::app::screen::live::{self, Live};
use crate::app::widget::{bullets, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    /// The preview, the camera picker when there is a choice (its message is the pick), tips.
    pub fn view<'a>(&'a self, lang: Language, camera: Live<'a>) -> Element<'a, CameraOption> {
        let tips = bullets(
            Some(t!(lang, "camera-tips-title")),
            vec![
                t!(lang, "camera-tip-light"),
                t!(lang, "camera-tip-busy"),
                t!(lang, "camera-tip-steady"),
            ],
        );
        page(t!(lang, "camera-title"), t!(lang, "camera-intro"))
            .push(live::preview(lang, camera, 260.0))
            .push(live::picker(lang, camera, |option| option))
            .push(tips)
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, ctx: &crate::app::shared::Shared) -> bool {
        ctx.live().is_running()
    }

    fn camera(&self) -> Option<crate::app::camera::Purpose> {
        Some(crate::app::camera::Purpose::Check)
    }
}

/// The camera picker's pick (the only thing the citizen does here).
#[derive(Debug, Clone)]
pub enum Message {
    Picked(CameraOption),
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(
        &mut self,
        Message::Picked(option): Message,
        _ctx: &mut crate::app::shared::Shared,
    ) -> (iced::Task<Message>, Option<crate::app::screen::Event>) {
        (
            iced::Task::none(),
            Some(crate::app::screen::Event::PickCamera(option)),
        )
    }

    fn view<'a>(&'a self, ctx: &'a crate::app::shared::Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang, ctx.live()).map(Message::Picked)
    }
}
