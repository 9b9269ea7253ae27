//! Selfie with the face centred: the live preview with the guidance hint, taken automatically
//! once the face is steady (or with the button), shown and sent at once; it can be retaken.

use iced::widget::{column, container, image, progress_bar, row, text};
use iced::{Element, Fill, FillPortion, Task};
use qoltanba_camera::SelfieProgress;
use qoltanba_core::client::ClientError;

use crate::app::cameras::CameraOption;
use crate::app::photo::Photo;
use crate::app::screen::Event;
use crate::app::screen::live::{self, Live};
use crate::app::shared::Shared;
use crate::app::theme;
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
    /// The button: take the next frame that passes every rule.
    TakeNow,
    Retake,
    PickCamera(CameraOption),
    Uploaded(Result<(), ClientError>),
}

impl State {
    pub fn can_continue(&self) -> bool {
        self.upload.is_sent()
    }

    pub fn view<'a>(&'a self, lang: Language, camera: Live<'a>) -> Element<'a, Message> {
        let picture: Element<'_, Message> = match self.upload.value() {
            Some(photo) => image(photo.preview.clone()).height(250).width(Fill).into(),
            None => live::preview(lang, camera, 250.0),
        };
        let guidance = (self.upload.is_empty()).then(|| {
            let (hint, steady) = match camera.view.map(|v| (v.hint, v.selfie)) {
                Some((hint, SelfieProgress::Guiding { steady, .. })) => (hint, steady),
                Some((hint, SelfieProgress::Captured)) => (hint, 1.0),
                None => (Some(qoltanba_camera::Hint::NoFace), 0.0),
            };
            column![
                text(live::hint(lang, hint))
                    .size(theme::SUBTITLE_SIZE)
                    .font(theme::FONT_STRONG)
                    .color(if hint.is_none() {
                        theme::success()
                    } else {
                        theme::warning()
                    }),
                progress_bar(0.0..=1.0, steady).girth(8),
            ]
            .spacing(8)
        });
        // The picture beside what to do, so the buttons stay in view on a 768-pixel screen.
        let controls = column![]
            .push(guidance.filter(|_| camera.is_running()))
            .push(self.upload.status(lang))
            .push(action(
                t!(lang, "selfie-take"),
                (camera.is_running() && self.upload.is_empty()).then_some(Message::TakeNow),
                true,
            ))
            .push(action(
                t!(lang, "selfie-retake"),
                (!self.upload.is_empty() && !self.upload.is_sending()).then_some(Message::Retake),
                false,
            ))
            .spacing(14)
            .width(FillPortion(2));
        page(t!(lang, "selfie-title"), t!(lang, "selfie-intro"))
            .push(row![container(picture).width(FillPortion(3)), controls].spacing(20))
            .push(
                self.upload
                    .is_empty()
                    .then(|| live::picker(lang, camera, Message::PickCamera))
                    .flatten(),
            )
            .push(caption(t!(lang, "selfie-tips")))
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        State::can_continue(self)
    }

    fn camera(&self) -> Option<crate::app::camera::Purpose> {
        Some(crate::app::camera::Purpose::Selfie)
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Captured(photo) => {
                self.upload = Upload::sending(photo.clone());
                let upload = ctx.service.with_session(
                    move |client, session| async move {
                        client
                            .upload_selfie(&session, photo.bytes.to_vec(), photo.content_type)
                            .await
                            .map(drop)
                    },
                    Message::Uploaded,
                );
                return (upload, None);
            }
            Message::TakeNow => {
                if self.upload.is_empty()
                    && let Some(engine) = &ctx.camera.engine
                {
                    engine.request_capture();
                }
            }
            Message::Retake => {
                self.upload = Upload::Empty;
                if let Some(engine) = &ctx.camera.engine {
                    engine.retake();
                }
            }
            Message::PickCamera(option) => return (Task::none(), Some(Event::PickCamera(option))),
            Message::Uploaded(result) => self.upload.finish(result),
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang, ctx.live())
    }
}
