//! Video identification: the citizen follows face-movement prompts while a short clip is
//! recorded. The prompts listed here are the kinds the challenge script draws from. The
//! recording comes from the camera engine; the finished clip and its prompt log are sent.

use std::sync::Arc;

use iced::Element;
use qoltanba_core::protocol::ChallengeLog;

use crate::app::screen::preview_area;
use crate::app::upload::Upload;
use crate::app::widget::nav::action;
use crate::app::widget::{bullets, page};
use crate::i18n::Language;
use crate::t;

/// A finished recording: the video file and the prompts with their times.
#[derive(Clone)]
pub struct Recording {
    pub video: Arc<Vec<u8>>,
    pub log: ChallengeLog,
}

impl std::fmt::Debug for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Recording({} bytes, {:?})", self.video.len(), self.log)
    }
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub upload: Upload<Recording>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Recorded(Recording),
}

#[derive(Debug, Clone)]
pub enum Event {
    Upload {
        video: Arc<Vec<u8>>,
        log: ChallengeLog,
    },
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Recorded(recording) => {
                self.upload = Upload::sending(recording.clone());
                Some(Event::Upload {
                    video: recording.video,
                    log: recording.log,
                })
            }
        }
    }

    pub fn can_continue(&self) -> bool {
        self.upload.is_sent()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let prompts = bullets(
            Some(t!(lang, "video-prompts-title")),
            vec![
                t!(lang, "video-prompt-straight"),
                t!(lang, "video-prompt-left"),
                t!(lang, "video-prompt-right"),
                t!(lang, "video-prompt-closer"),
            ],
        );
        page(t!(lang, "video-title"), t!(lang, "video-intro"))
            .push(preview_area(t!(lang, "camera-preview"), 260.0))
            .push(self.upload.status(lang))
            .push(action(t!(lang, "video-start"), None, true))
            .push(prompts)
            .into()
    }
}
