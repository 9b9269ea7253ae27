//! What tests and support tools read of the wizard: the state as a user would see it.

use super::screen;
use super::step::Step;
use super::{App, explain, upload};
use crate::i18n::Language;

impl App {
    /// Whether the issuance service is reached (tests wait for this).
    pub fn is_service_ready(&self) -> bool {
        self.shared.service.connection.is_some()
    }

    pub fn is_waiting(&self) -> bool {
        self.shared.service.waiting
    }

    /// Opens on a given step (support and screenshots).
    pub fn at(mut self, step: Step) -> Self {
        self.step = step;
        self
    }

    /// Whether the camera is open (it is released whenever the camera steps are left).
    pub fn camera_active(&self) -> bool {
        self.shared.camera.engine.is_some()
    }

    /// What stops the camera, as the camera screens say it, if anything does.
    pub fn camera_problem(&self) -> Option<String> {
        self.shared
            .camera
            .error
            .as_ref()
            .or(self
                .shared
                .camera
                .view
                .as_ref()
                .and_then(|v| v.lost.as_ref()))
            .map(|e| screen::live::camera_error(self.shared.lang, e))
    }

    /// Whether the selfie and the identification video are with the service.
    pub fn selfie_sent(&self) -> bool {
        self.steps.selfie.can_continue()
    }

    pub fn video_sent(&self) -> bool {
        self.steps.video.can_continue()
    }

    /// The video step's state (attempt running, local failure, upload), for a test's or a
    /// support report's message.
    pub fn video_step(&self) -> &screen::video_id::State {
        &self.steps.video
    }

    /// The issuance service's address, once reached.
    pub fn service_url(&self) -> Option<&str> {
        self.shared
            .service
            .connection
            .as_ref()
            .map(|c| c.client.base_url())
    }

    /// The service's session id, once a session is started (support and tests).
    pub fn session_id(&self) -> Option<&str> {
        self.shared.service.session_id.as_deref()
    }

    /// The application number the submit step shows, once the service gave one.
    pub fn application_number(&self) -> Option<&str> {
        self.shared.application.number.as_ref().map(|n| n.as_str())
    }

    /// The application number of the kit the install step found.
    pub fn install_number(&self) -> Option<String> {
        self.steps
            .install
            .pending
            .as_ref()
            .and_then(|p| p.application_number())
            .map(|n| n.as_str().to_owned())
    }

    /// Why the install step could not write the files (translated), if it could not.
    pub fn install_problem(&self) -> Option<String> {
        let lang = self.shared.lang;
        self.steps.install.problem.as_ref().map(|p| p.text(lang))
    }

    /// Why the keys could not be made on the submit step (translated), if they could not.
    pub fn submit_problem(&self) -> Option<String> {
        let lang = self.shared.lang;
        self.steps.submit.problem.as_ref().map(|p| p.text(lang))
    }

    /// The files written by the last installation (the done screen lists them).
    pub fn installed_files(&self) -> Option<&qoltanba_core::store::InstalledKeys> {
        self.shared.application.installed.as_ref()
    }

    /// The device the keys were written to (the done screen names it).
    pub fn installed_device(&self) -> Option<&qoltanba_core::token::DeviceKeys> {
        self.shared.devices.installed.as_ref()
    }

    /// The devices the storage step lists now.
    pub fn listed_devices(&self) -> Vec<qoltanba_core::token::TokenInfo> {
        self.steps
            .storage
            .device
            .listing
            .as_ref()
            .map(|listing| listing.tokens.clone())
            .unwrap_or_default()
    }

    /// The translated reason the last device operation on the storage step failed.
    pub fn device_problem(&self) -> Option<String> {
        let error = self.steps.storage.device.error.as_ref()?;
        Some(explain::device(self.shared.lang, error))
    }

    /// Whether a device session is open.
    pub fn device_session_open(&self) -> bool {
        self.shared.devices.session.is_some()
    }

    /// Whether the storage step offers (or chose) a device.
    pub fn on_device(&self) -> bool {
        self.steps.storage.kind() == screen::storage::Kind::Device
    }

    /// The sandbox SMS the panel shows now, if any.
    pub fn visible_sms(&self) -> Option<&qoltanba_core::protocol::SmsMessage> {
        self.shared.service.latest_sms()
    }

    /// The translated text of the failed request's banner, if one is shown.
    pub fn failure_text(&self) -> Option<String> {
        let error = self.shared.service.failure.as_ref()?;
        Some(explain::service(self.shared.lang, error))
    }

    /// Whether the welcome screen offers to continue an application.
    pub fn resume_available(&self) -> bool {
        self.steps.welcome.resume_available
    }

    pub fn verification_outcome(&self) -> Option<&screen::verification::Outcome> {
        self.steps.verification.outcome.as_ref()
    }

    pub fn recognised_surname(&self) -> Option<&str> {
        self.shared
            .citizen
            .recognised
            .as_ref()
            .map(|r| r.surname.as_str())
    }

    /// The translated reason the last photo file was refused, if it was.
    pub fn document_problem(&self) -> Option<String> {
        self.steps
            .document
            .problem()
            .map(|p| explain::photo(self.shared.lang, p))
    }

    /// The translated reason the service refused the card's front side, if it did.
    pub fn document_front_status(&self) -> Option<String> {
        match &self.steps.document.front {
            upload::Upload::Failed(_, error) => Some(explain::service(self.shared.lang, error)),
            _ => None,
        }
    }

    pub fn language(&self) -> Language {
        self.shared.lang
    }

    pub fn step(&self) -> Step {
        self.step
    }
}
