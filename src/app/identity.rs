//! The Digital ID steps that talk to the service: selfie, video, account PIN, both sides of
//! the card, the recognised data and the verification outcome. Like `flow`, every request is
//! a task whose answer comes back as a [`Reply`].

use iced::Task;
use qoltanba_core::client::{ClientError, Session};
use qoltanba_core::protocol::{
    ChallengeLog, DocumentData, ErrorCode, VerificationResponse, VerificationStatus,
};

use super::flow::Reply;
use super::photo::{self, Photo, PhotoError};
use super::screen::document_review::Recognised;
use super::screen::verification::Outcome;
use super::screen::{document, selfie, verification, video_id};
use super::step::Step;
use super::{App, Message};
use crate::t;

/// How often the verification screen asks again while an operator checks the case.
pub const MODERATION_POLL: std::time::Duration = std::time::Duration::from_secs(15);

/// What a request without an authorised session gets: the same answer the service would give.
fn no_session() -> ClientError {
    ClientError::Api {
        code: ErrorCode::Unauthorized,
        message: "no authorised session".into(),
        retry_after: None,
    }
}

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
        match (self.client(), self.session.clone()) {
            (Some(client), Some(session)) => {
                Task::perform(request(client, session), move |r| Message::Reply(reply(r)))
            }
            _ => Task::done(Message::Reply(reply(Err(no_session())))),
        }
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

    pub(super) fn submit_pin(&mut self) -> Task<Message> {
        let Some(pin) = self.pin.pin() else {
            return Task::none();
        };
        self.waiting = true;
        self.failure = None;
        self.with_session(
            move |client, session| async move { client.set_pin(&session, &pin).await.map(drop) },
            Reply::PinSet,
        )
    }

    pub(super) fn on_document(&mut self, message: document::Message) -> Task<Message> {
        let lang = self.lang;
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

    /// Entering the review: the service reads the card.
    pub(super) fn load_document_data(&mut self) -> Task<Message> {
        if self.review.recognised.is_some() {
            return Task::none();
        }
        self.waiting = true;
        self.failure = None;
        self.with_session(
            |client, session| async move { client.document_data(&session).await },
            Reply::DocumentData,
        )
    }

    pub(super) fn confirm_document_data(&mut self) -> Task<Message> {
        self.waiting = true;
        self.failure = None;
        self.with_session(
            |client, session| async move { client.confirm_document_data(&session).await.map(drop) },
            Reply::DataConfirmed,
        )
    }

    /// Entering the verification step, its Refresh button and the moderation poll.
    pub(super) fn check_verification(&mut self) -> Task<Message> {
        if self.verification.outcome.is_none() {
            self.verification.outcome = Some(Outcome::Checking);
        }
        self.failure = None;
        self.with_session(
            |client, session| async move { client.verification(&session).await },
            Reply::Verification,
        )
    }

    pub(super) fn on_verification(&mut self, message: verification::Message) -> Task<Message> {
        match message {
            verification::Message::Refresh => self.check_verification(),
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
            Reply::PinSet(result) if self.step == Step::AccountPin => match result {
                Ok(()) => self.go(Step::Document),
                Err(error) => self.fail_with(error, Message::Next),
            },
            Reply::DocumentData(result) if self.step == Step::DocumentReview => match result {
                Ok(data) => {
                    self.review.recognised = Some(recognised(data));
                    Task::none()
                }
                Err(error) => self.fail_with(error, Message::Refresh),
            },
            Reply::DataConfirmed(result) if self.step == Step::DocumentReview => match result {
                Ok(()) => self.go(Step::Verification),
                Err(error) => self.fail_with(error, Message::Next),
            },
            Reply::Verification(result) if self.step == Step::Verification => match result {
                Ok(answer) => {
                    self.verification.outcome = Some(outcome(answer));
                    self.save_progress()
                }
                Err(error) => self.fail_with(error, Message::Refresh),
            },
            // A late answer for a step the user has left, or not a Digital ID answer.
            _ => Task::none(),
        }
    }

    /// Where a login lands: a citizen whose Digital ID is already approved or with an
    /// operator skips the identification steps.
    pub(super) fn after_login(&self) -> Step {
        match self.session.as_ref().and_then(|s| s.identity) {
            Some(VerificationStatus::Approved | VerificationStatus::Moderation) => {
                Step::Verification
            }
            _ => Step::Selfie,
        }
    }
}

fn recognised(data: DocumentData) -> Recognised {
    Recognised {
        surname: data.surname,
        given_name: data.given_name,
        patronymic: data.patronymic.unwrap_or_default(),
        birth_date: data.birth_date,
        document_number: data.document_number,
        issued_by: data.issued_by,
        expires: data.expires,
    }
}

fn outcome(answer: VerificationResponse) -> Outcome {
    match answer.status {
        VerificationStatus::Approved => Outcome::Approved,
        VerificationStatus::Moderation => Outcome::Moderation,
        VerificationStatus::Rejected => Outcome::Rejected {
            reason: answer.reason.unwrap_or_default(),
        },
    }
}
