//! The camera steps' wiring: the camera is opened when a camera step opens (or the card camera
//! of the document step) and released when the citizen leaves them; each tick analyses the
//! newest frame off the UI thread; a taken selfie, card side or finished recording goes to the
//! service like any other upload.

use iced::Task;

use super::camera::{self, Analysis, Purpose, Started};
use super::screen::StepMessage;
use super::screen::{document, selfie, video_id};
use super::step::Step;
use super::{App, Message};

impl App {
    /// What the camera is for on the current screen, if anything.
    fn purpose(&self) -> Option<Purpose> {
        self.steps.get(self.step).camera()
    }

    /// Opens the camera for a camera step, or releases it for any other. The card camera is
    /// closed when the document step is left.
    pub(super) fn camera_for(&mut self, step: Step) -> Task<Message> {
        if step != Step::Document {
            self.steps.document.close_camera();
        }
        self.reconcile_camera()
    }

    /// Opens, keeps or releases the camera for what the screen needs now: released when
    /// nothing needs it; started again when another camera was picked or another card side
    /// is being photographed (the synthetic camera shows that side).
    pub(super) fn reconcile_camera(&mut self) -> Task<Message> {
        let Some(purpose) = self.purpose() else {
            self.release_camera();
            return Task::none();
        };
        if let Some(engine) = &self.shared.camera.engine {
            let card_changed = engine.purpose() != purpose
                && matches!(
                    (engine.purpose(), purpose),
                    (Purpose::Card(_), _) | (_, Purpose::Card(_))
                );
            if engine.choice() != &self.shared.config.camera || card_changed {
                self.release_camera();
            }
        }
        if self.shared.camera.engine.is_some() || self.shared.camera.starting {
            return Task::none();
        }
        self.open_camera(purpose)
    }

    fn release_camera(&mut self) {
        self.shared.camera.engine = None;
        self.shared.camera.view = None;
    }

    fn open_camera(&mut self, purpose: Purpose) -> Task<Message> {
        self.shared.camera.starting = true;
        self.shared.camera.error = None;
        let choice = self.shared.config.camera.clone();
        let clock = self.shared.config.camera_clock.clone();
        let open = Task::perform(
            async move {
                let result =
                    tokio::task::spawn_blocking(move || camera::start(choice, clock, purpose))
                        .await
                        .unwrap_or_else(|e| {
                            Err(qoltanba_camera::CameraError::Other(e.to_string()))
                        });
                Started::new(result)
            },
            Message::CameraStarted,
        );
        Task::batch([open, self.list_cameras()])
    }

    pub(super) fn camera_started(&mut self, started: Started) -> Task<Message> {
        self.shared.camera.starting = false;
        match started.take() {
            Some(Ok(engine)) => {
                self.shared.camera.engine = Some(engine);
                self.shared.camera.error = None;
                // Released at once if the citizen left the camera screens meanwhile, started
                // again if they picked another camera or card side meanwhile.
                return self.reconcile_camera();
            }
            Some(Err(error)) => {
                self.shared.camera.error = Some(error);
                return self.on_step(StepMessage::VideoId(video_id::Message::CameraFailed));
            }
            None => {}
        }
        Task::none()
    }

    /// Esc while the card camera is open closes it instead of leaving the step.
    pub(super) fn back_closes_card_camera(&mut self) -> Option<Task<Message>> {
        (self.step == Step::Document && self.steps.document.camera().is_some())
            .then(|| self.on_step(StepMessage::Document(document::Message::CameraCancel)))
    }

    pub(super) fn camera_tick(&mut self) -> Task<Message> {
        let Some(purpose) = self.purpose() else {
            return Task::none();
        };
        let Some(engine) = self.shared.camera.engine.as_mut() else {
            return Task::none();
        };
        if engine.busy {
            return Task::none();
        }
        engine.busy = true;
        let job = engine.analyse_job(purpose);
        Task::perform(
            async move { tokio::task::spawn_blocking(job).await.ok().flatten() },
            Message::CameraAnalysed,
        )
    }

    pub(super) fn camera_analysed(&mut self, analysis: Option<Analysis>) -> Task<Message> {
        if let Some(engine) = self.shared.camera.engine.as_mut() {
            engine.busy = false;
        }
        let Some(mut analysis) = analysis else {
            return Task::none();
        };
        let mut task = Task::none();
        if let Some(card) = analysis.card.as_mut()
            && self.step == Step::Document
        {
            if card.hint.is_none() {
                self.steps.document.clear_refusal();
            }
            if let Some(result) = card.capture.take() {
                let side = card.side;
                self.shared.camera.view = Some(analysis);
                // A photo taken closes the card camera (and releases the device).
                return self.on_step(StepMessage::Document(document::Message::CameraTaken(
                    side, result,
                )));
            }
        }
        if let Some(photo) = analysis.taken.take()
            && self.step == Step::Selfie
            && self.steps.selfie.upload.is_empty()
        {
            task = self.on_step(StepMessage::Selfie(selfie::Message::Captured(photo)));
        }
        if let Some((video, log)) = analysis.recorded.take()
            && self.step == Step::VideoId
        {
            task = self.on_step(StepMessage::VideoId(video_id::Message::Recorded(
                video_id::Recording { video, log },
            )));
        }
        if let Some(qoltanba_camera::ChallengeState::Failed(failure)) = analysis.challenge
            && self.step == Step::VideoId
        {
            task = Task::batch([
                task,
                self.on_step(StepMessage::VideoId(video_id::Message::Failed(failure))),
            ]);
        }
        self.shared.camera.view = Some(analysis);
        task
    }

    /// A new identification attempt: a fresh script (the synthetic camera restarts to act it
    /// out), off the UI thread.
    pub(super) fn start_video(&mut self) -> Task<Message> {
        let Some(engine) = self.shared.camera.engine.take() else {
            return self.open_camera(Purpose::Video);
        };
        self.shared.camera.starting = true;
        Task::perform(
            async move {
                let result = tokio::task::spawn_blocking(move || engine.start_video())
                    .await
                    .unwrap_or_else(|e| Err(qoltanba_camera::CameraError::Other(e.to_string())));
                Started::new(result)
            },
            Message::CameraStarted,
        )
    }
}
