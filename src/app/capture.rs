//! The camera steps' wiring: the camera is opened when a camera step opens and released when
//! the citizen leaves them; each tick analyses the newest frame off the UI thread; a taken
//! selfie or a finished recording goes to the service like any other upload.

use iced::Task;

use super::camera::{self, Analysis, Purpose, Started};
use super::screen::live::Live;
use super::screen::{selfie, video_id};
use super::step::Step;
use super::{App, Message};

fn purpose(step: Step) -> Option<Purpose> {
    match step {
        Step::CameraCheck => Some(Purpose::Check),
        Step::Selfie => Some(Purpose::Selfie),
        Step::VideoId => Some(Purpose::Video),
        _ => None,
    }
}

impl App {
    /// The camera's state for the screens.
    pub(super) fn live(&self) -> Live<'_> {
        Live {
            view: self.camera_view.as_ref(),
            error: self.camera_error.as_ref(),
            starting: self.camera_starting,
        }
    }

    /// Opens the camera for a camera step, or releases it for any other.
    pub(super) fn camera_for(&mut self, step: Step) -> Task<Message> {
        if purpose(step).is_none() {
            self.camera = None;
            self.camera_view = None;
            return Task::none();
        }
        if self.camera.is_some() || self.camera_starting {
            return Task::none();
        }
        self.open_camera()
    }

    fn open_camera(&mut self) -> Task<Message> {
        self.camera_starting = true;
        self.camera_error = None;
        let choice = self.config.camera.clone();
        Task::perform(
            async move {
                let result = tokio::task::spawn_blocking(move || camera::start(choice))
                    .await
                    .unwrap_or_else(|e| Err(qoltanba_camera::CameraError::Other(e.to_string())));
                Started::new(result)
            },
            Message::CameraStarted,
        )
    }

    pub(super) fn camera_started(&mut self, started: Started) -> Task<Message> {
        self.camera_starting = false;
        match started.take() {
            // The citizen left the camera steps meanwhile: release it at once.
            Some(Ok(_)) if purpose(self.step).is_none() => {}
            Some(Ok(engine)) => {
                self.camera = Some(engine);
                self.camera_error = None;
            }
            Some(Err(error)) => {
                self.camera_error = Some(error);
                self.video.recording = false;
            }
            None => {}
        }
        Task::none()
    }

    pub(super) fn camera_tick(&mut self) -> Task<Message> {
        let Some(purpose) = purpose(self.step) else {
            return Task::none();
        };
        let Some(engine) = self.camera.as_mut() else {
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
        if let Some(engine) = self.camera.as_mut() {
            engine.busy = false;
        }
        let Some(mut analysis) = analysis else {
            return Task::none();
        };
        let mut task = Task::none();
        if let Some(photo) = analysis.taken.take()
            && self.step == Step::Selfie
            && self.selfie.upload.is_empty()
        {
            task = self.on_selfie(selfie::Message::Captured(photo));
        }
        if let Some((video, log)) = analysis.recorded.take()
            && self.step == Step::VideoId
        {
            task = self.on_video(video_id::Message::Recorded(video_id::Recording {
                video,
                log,
            }));
        }
        if let Some(qoltanba_camera::ChallengeState::Failed(failure)) = analysis.challenge
            && self.video.recording
        {
            self.video.recording = false;
            self.video.failed = Some(failure);
        }
        self.camera_view = Some(analysis);
        task
    }

    /// A new identification attempt: a fresh script (the synthetic camera restarts to act it
    /// out), off the UI thread.
    pub(super) fn start_video(&mut self) -> Task<Message> {
        let Some(engine) = self.camera.take() else {
            return self.open_camera();
        };
        self.camera_starting = true;
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

    pub(super) fn selfie_button(&mut self, take: bool) {
        if let Some(engine) = &self.camera {
            if take {
                engine.request_capture();
            } else {
                engine.retake();
            }
        }
    }
}
