//! Selfie with the face centred in an oval. A captured photo is shown and sent at once; it can
//! be retaken. The live preview and the automatic capture come from the camera engine.

use iced::widget::{image, row};
use iced::{Element, Fill};

use crate::app::photo::Photo;
use crate::app::screen::preview_area;
use crate::app::upload::Upload;
use crate::app::widget::nav::action;
use crate::app::widget::{caption, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State {
    pub upload: Upload<Photo>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A photo from the camera (or, in tests, a fixture standing in for it).
    Captured(Photo),
    Retake,
}

#[derive(Debug, Clone)]
pub enum Event {
    Upload(Photo),
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Captured(photo) => {
                self.upload = Upload::sending(photo.clone());
                Some(Event::Upload(photo))
            }
            Message::Retake => {
                self.upload = Upload::Empty;
                None
            }
        }
    }

    pub fn can_continue(&self) -> bool {
        self.upload.is_sent()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let picture: Element<'_, Message> = match self.upload.value() {
            Some(photo) => image(photo.preview.clone()).height(300).width(Fill).into(),
            None => preview_area(t!(lang, "camera-preview"), 300.0),
        };
        page(t!(lang, "selfie-title"), t!(lang, "selfie-intro"))
            .push(picture)
            .push(self.upload.status(lang))
            .push(
                row![
                    action(t!(lang, "selfie-take"), None, true),
                    action(
                        t!(lang, "selfie-retake"),
                        (!self.upload.is_empty() && !self.upload.is_sending())
                            .then_some(Message::Retake),
                        false
                    )
                ]
                .spacing(12),
            )
            .push(caption(t!(lang, "selfie-tips")))
            .into()
    }
}
