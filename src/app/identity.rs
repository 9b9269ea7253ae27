//! The Digital ID steps that talk to the service: selfie, video, account PIN, both sides of
//! the card, the recognised data and the verification outcome. Like `flow`, every request is
//! a task whose answer comes back as a [`Reply`].

use iced::Task;
use qoltanba_core::client::{ClientError, Session};
use qoltanba_core::protocol::ChallengeLog;

use super::flow::Reply;
use super::photo::{self, Photo, PhotoError};
use super::screen::{document, selfie, video_id};
use super::{App, Message};
use crate::t;

impl App {
    /// Runs `request` with the session's client, or answers "not authorised" at once.
    fn with_session<F, Fut, T>(
        &self,
        request: F,
        reply: impl Fn(Result<T, ClientError>) -> Reply + Send + 'static,
    ) -> Task<Message>
    where
        F: FnOnce(qoltanba_core::client::Client, Session) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>> + Send + 'static,
        T: Send + 'static,
    {
        self.shared
            .service
            .with_session(request, move |r| Message::Reply(reply(r)))
    }

    pub(super) fn upload_selfie(&self, photo: Photo) -> Task<Message> {
        self.with_session(
            move |client, session| async move {
                client
                    .upload_selfie(&session, photo.bytes.to_vec(), photo.content_type)
                    .await
                    .map(drop)
            },
            Reply::SelfieUploaded,
        )
    }

    pub(super) fn upload_video(
        &self,
        video: std::sync::Arc<Vec<u8>>,
        log: ChallengeLog,
    ) -> Task<Message> {
        self.with_session(
            move |client, session| async move {
                client
                    .upload_video(&session, video.to_vec(), "video/x-msvideo", &log)
                    .await
                    .map(drop)
            },
            Reply::VideoUploaded,
        )
    }

    pub(super) fn on_document(&mut self, message: document::Message) -> Task<Message> {
        let lang = self.shared.lang;
        let task = match self.document.update(message) {
            Some(document::Event::Browse(side)) => {
                let title = t!(lang, "document-dialog-title");
                Task::perform(photo::pick(title), move |path| {
                    Message::Document(document::Message::Picked(side, path))
                })
            }
            Some(document::Event::Load(side, path)) => Task::perform(
                async move {
                    tokio::task::spawn_blocking(move || photo::load_document(&path))
                        .await
                        .unwrap_or_else(|e| Err(PhotoError::Damaged(e.to_string())))
                },
                move |result| Message::Document(document::Message::Loaded(side, result)),
            ),
            Some(document::Event::Upload(side, photo)) => self.with_session(
                move |client, session| async move {
                    client
                        .upload_document(&session, side, photo.bytes.to_vec(), photo.content_type)
                        .await
                        .map(drop)
                },
                move |r| Reply::DocumentUploaded(side, r),
            ),
            Some(document::Event::Capture) => {
                self.request_card_capture();
                Task::none()
            }
            Some(document::Event::PickCamera(option)) => {
                self.on_cameras(super::cameras::Message::Picked(option))
            }
            Some(document::Event::CameraChanged) | None => Task::none(),
        };
        // The card camera may have opened or closed (a photo taken closes it).
        Task::batch([task, self.reconcile_camera()])
    }

    pub(super) fn on_selfie(&mut self, message: selfie::Message) -> Task<Message> {
        match self.selfie.update(message) {
            Some(selfie::Event::Upload(photo)) => self.upload_selfie(photo),
            Some(selfie::Event::TakeNow) => {
                self.selfie_button(true);
                Task::none()
            }
            Some(selfie::Event::Retake) => {
                self.selfie_button(false);
                Task::none()
            }
            Some(selfie::Event::PickCamera(option)) => {
                self.on_cameras(super::cameras::Message::Picked(option))
            }
            None => Task::none(),
        }
    }

    pub(super) fn on_video(&mut self, message: video_id::Message) -> Task<Message> {
        match self.video.update(message) {
            Some(video_id::Event::Upload { video, log }) => self.upload_video(video, log),
            Some(video_id::Event::Start) => self.start_video(),
            None => Task::none(),
        }
    }

    /// Handles the Digital ID answers.
    pub(super) fn on_identity_reply(&mut self, reply: Reply) -> Task<Message> {
        match reply {
            Reply::SelfieUploaded(result) => {
                self.selfie.upload.finish(result);
                Task::none()
            }
            Reply::VideoUploaded(result) => {
                self.video.upload.finish(result);
                Task::none()
            }
            Reply::DocumentUploaded(side, result) => {
                self.document.slot_mut(side).finish(result);
                Task::none()
            }
            // A late answer for a step the user has left, or not a Digital ID answer.
            _ => Task::none(),
        }
    }
}
