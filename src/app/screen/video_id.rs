//! Video identification: a randomised script of face movements, each shown with its
//! countdown while a short clip is recorded; the finished clip and the log of prompts are
//! sent. A still photo held to the camera fails locally (the movements never happen).

use std::sync::Arc;

use iced::widget::{column, row, text};
use iced::{Element, Task};
use qoltanba_camera::{ChallengeFailure, ChallengeState};
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::ChallengeLog;

use crate::app::screen::Event;
use crate::app::screen::live::{self, Live};
use crate::app::shared::Shared;
use crate::app::theme;
use crate::app::upload::Upload;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, banner, bullets, page};
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
    /// An attempt is under way (the camera follows the script).
    pub recording: bool,
    /// The last attempt failed locally (a prompt timed out).
    pub failed: Option<ChallengeFailure>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Start,
    Recorded(Recording),
    /// A prompt was not followed in time: the attempt is over.
    Failed(ChallengeFailure),
    /// The camera could not start for the attempt.
    CameraFailed,
    Uploaded(Result<(), ClientError>),
}

impl State {
    pub fn can_continue(&self) -> bool {
        self.upload.is_sent()
    }

    pub fn view<'a>(&'a self, lang: Language, camera: Live<'_>) -> Element<'a, Message> {
        let prompts = bullets(
            Some(t!(lang, "video-prompts-title")),
            vec![
                t!(lang, "video-prompt-straight"),
                t!(lang, "video-prompt-left"),
                t!(lang, "video-prompt-right"),
                t!(lang, "video-prompt-closer"),
            ],
        );
        let current = camera
            .view
            .and_then(|v| v.challenge)
            .filter(|_| self.recording);
        // Said as it changes (the prompt, the countdown): a polite live region.
        let instruction = match current {
            Some(ChallengeState::Active {
                index,
                prompt,
                remaining,
            }) => Some({
                let step = index as u64 + 1;
                let seconds = remaining.as_secs() + 1;
                column![
                    text(live::prompt(lang, prompt))
                        .size(theme::TITLE_SIZE)
                        .font(theme::FONT_STRONG)
                        .color(theme::primary()),
                    text(t!(lang, "video-countdown", step = step, seconds = seconds))
                        .size(theme::TEXT_SIZE)
                        .color(theme::muted()),
                ]
                .spacing(6)
            }),
            Some(ChallengeState::Passed) => Some(column![
                text(t!(lang, "video-finishing")).size(theme::TEXT_SIZE)
            ]),
            _ if self.recording => Some(column![
                text(t!(lang, "video-get-ready")).size(theme::TEXT_SIZE)
            ]),
            _ => None,
        }
        .map(|column| iced::widget::container(column).id(crate::app::a11y::LIVE));
        let failed = self
            .failed
            .map(|_| banner(Banner::Error, t!(lang, "video-failed")));
        let start =
            (!self.recording && !self.upload.is_sent() && !self.upload.is_sending()).then(|| {
                action(
                    if self.failed.is_some() {
                        t!(lang, "video-again")
                    } else {
                        t!(lang, "video-start")
                    },
                    camera.is_running().then_some(Message::Start),
                    true,
                )
            });
        page(t!(lang, "video-title"), t!(lang, "video-intro"))
            .push(live::preview(lang, camera, 260.0))
            .push(instruction)
            .push(failed)
            .push(self.upload.status(lang))
            .push(row![].push(start))
            .push(prompts)
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        State::can_continue(self)
    }

    fn camera(&self) -> Option<crate::app::camera::Purpose> {
        Some(crate::app::camera::Purpose::Video)
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Start => {
                if self.recording || self.upload.is_sending() {
                    return (Task::none(), None);
                }
                self.recording = true;
                self.failed = None;
                self.upload = Upload::Empty;
                return (Task::none(), Some(Event::StartVideo));
            }
            Message::Recorded(recording) => {
                self.recording = false;
                self.upload = Upload::sending(recording.clone());
                let Recording { video, log } = recording;
                let upload = ctx.service.with_session(
                    move |client, session| async move {
                        client
                            .upload_video(&session, video.to_vec(), "video/x-msvideo", &log)
                            .await
                            .map(drop)
                    },
                    Message::Uploaded,
                );
                return (upload, None);
            }
            Message::Failed(failure) if self.recording => {
                self.recording = false;
                self.failed = Some(failure);
            }
            Message::Failed(_) => {}
            Message::CameraFailed => self.recording = false,
            Message::Uploaded(result) => self.upload.finish(result),
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang, ctx.live())
    }
}
