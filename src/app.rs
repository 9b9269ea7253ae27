//! The wizard: the root state owns navigation, the language and what the steps share; each
//! step's own state lives in its screen module.

pub mod camera;
pub mod cameras;
mod capture;
mod device_flow;
pub mod explain;
pub mod flow;
mod identity;
pub mod keys;
pub mod kiosk;
mod notices;
pub mod photo;
pub mod screen;
pub mod service;
pub mod step;
pub mod theme;
pub mod upload;
pub mod widget;

use iced::keyboard::{self, key};
use iced::widget::{column, container, operation, scrollable};
use iced::{Element, Fill, Subscription, Task, Theme, window};
use qoltanba_core::client::Session;
use qoltanba_core::protocol::{ApplicationStatusResponse, SmsMessage};
use qoltanba_core::store::progress;
use qoltanba_core::token::devices;

use crate::config::{Config, ConfigWarning};
use crate::i18n::Language;
use crate::t;
use screen::{
    account_pin, agreement, camera_check, document, document_review, done, iin, install,
    key_password, otp, phone_registration, selfie, status, storage, submit, verification, video_id,
    welcome,
};
use step::Step;
use widget::nav::{Nav, nav};
use widget::{Banner, banner};

pub struct App {
    lang: Language,
    step: Step,
    config: Config,
    welcome: welcome::State,
    camera_check: camera_check::State,
    iin: iin::State,
    otp: otp::State,
    phone: phone_registration::State,
    selfie: selfie::State,
    video: video_id::State,
    pin: account_pin::State,
    document: document::State,
    review: document_review::State,
    verification: verification::State,
    agreement: agreement::State,
    storage: storage::State,
    password: key_password::State,
    submit: submit::State,
    install: install::State,
    status: status::State,
    /// The issuance service, once reached.
    connection: Option<service::Connection>,
    connection_error: Option<service::ConnectError>,
    session_id: Option<String>,
    /// Authorised by the SMS code; holds the bearer token in memory only.
    session: Option<Session>,
    /// A request is under way: Next is disabled and the screen says so.
    waiting: bool,
    failure: Option<flow::Failure>,
    status_result: Option<ApplicationStatusResponse>,
    /// Sandbox only: the SMS inbox, so a person can complete the flow.
    inbox: Vec<SmsMessage>,
    /// What is kept on disk for resuming (never in kiosk mode).
    progress: progress::Progress,
    /// The key files the last installation wrote.
    installed: Option<qoltanba_core::store::InstalledKeys>,
    /// The camera, while a camera step is shown (dropping it releases the device).
    camera: Option<camera::Engine>,
    camera_starting: bool,
    camera_error: Option<qoltanba_camera::CameraError>,
    camera_view: Option<camera::Analysis>,
    /// The cameras to pick from, and how they are listed.
    cameras: cameras::Cameras,
    /// PKCS#11 devices: the registry, the open session, the keys of the application.
    devices: devices::Devices,
    /// The device the last installation wrote the certificates to.
    installed_device: Option<qoltanba_core::token::DeviceKeys>,
    /// Kiosk mode's own state (keypad, idle clock, operator panel); `None` on a desktop.
    kiosk: Option<kiosk::Kiosk>,
}

#[derive(Debug, Clone)]
pub enum Message {
    LanguagePicked(Language),
    CycleLanguage,
    Next,
    Back,
    FocusNext {
        backwards: bool,
    },
    Arrow {
        up: bool,
    },
    /// Space outside a text field: ticks the step's checkbox.
    Toggle,
    Welcome(welcome::Message),
    Iin(iin::Message),
    Otp(otp::Message),
    Phone(phone_registration::Message),
    Selfie(selfie::Message),
    Video(video_id::Message),
    Pin(account_pin::Message),
    Document(document::Message),
    Review(document_review::Message),
    Verification(verification::Message),
    Agreement(agreement::Message),
    Storage(storage::Message),
    Password(key_password::Message),
    Submit(submit::Message),
    Install(install::Message),
    /// Retry after a failed send: the same keys and requests go again.
    ResendApplication,
    Status(status::Message),
    Done(done::Message),
    /// Screens with nothing to say yet.
    Idle,
    Reply(flow::Reply),
    /// Time to analyse the camera's newest frame.
    CameraTick,
    CameraAnalysed(Option<camera::Analysis>),
    CameraStarted(camera::Started),
    /// The camera picker: the list, the citizen's pick, the settings written.
    Cameras(cameras::Message),
    Retry,
    /// Ask the service again for what the current step shows (data, status).
    Refresh,
    ReconnectService,
    Tick,
    /// Kiosk mode: keypad, idle clock, cancel, operator panel.
    Kiosk(kiosk::Message),
    /// Kiosk mode: a task's message, tagged with the visit that started the task.
    Visit(u64, Box<Message>),
}

impl App {
    pub fn new(config: Config) -> Self {
        let kiosk = config.kiosk.then(|| kiosk::Kiosk::new(&config));
        Self::with_kiosk(config, kiosk)
    }

    /// A fresh wizard; kiosk resets keep the kiosk's own state.
    fn with_kiosk(config: Config, kiosk: Option<kiosk::Kiosk>) -> Self {
        let progress = if config.kiosk {
            progress::Progress::default()
        } else {
            progress::load(&config.data_dir).unwrap_or_default()
        };
        let mut welcome = welcome::State::default();
        welcome.resume_available = !progress.is_empty();
        welcome.kiosk = config.kiosk;
        let mut document = document::State::with_camera(config.screen_card);
        document.kiosk = config.kiosk;
        App {
            kiosk,
            progress,
            installed: None,
            camera: None,
            camera_starting: false,
            camera_error: None,
            camera_view: None,
            cameras: cameras::Cameras::default(),
            devices: devices::Devices::new(config.modules.clone()),
            installed_device: None,
            lang: config.language,
            step: Step::Welcome,
            storage: storage::State::new(config.kiosk),
            config,
            welcome,
            camera_check: camera_check::State,
            iin: iin::State::default(),
            otp: otp::State::default(),
            phone: phone_registration::State::default(),
            selfie: selfie::State::default(),
            video: video_id::State::default(),
            pin: account_pin::State::default(),
            document,
            review: document_review::State::default(),
            verification: verification::State::default(),
            agreement: agreement::State::default(),
            password: key_password::State::default(),
            submit: submit::State::default(),
            install: install::State::default(),
            status: status::State::default(),
            connection: None,
            connection_error: None,
            session_id: None,
            session: None,
            waiting: false,
            failure: None,
            status_result: None,
            inbox: Vec::new(),
        }
    }

    /// Reaches the issuance service (starting the embedded sandbox if none is configured).
    pub fn connect(&self) -> Task<Message> {
        let service = self.config.service.clone();
        let data_dir = self.config.data_dir.clone();
        let ca_file = self.config.ca_file.clone();
        Task::perform(service::connect(service, data_dir, ca_file), |r| {
            Message::Reply(flow::Reply::Connected(r))
        })
    }

    /// Whether the issuance service is reached (tests wait for this).
    pub fn is_service_ready(&self) -> bool {
        self.connection.is_some()
    }

    pub fn is_waiting(&self) -> bool {
        self.waiting
    }

    /// Opens on a given step (support and screenshots).
    pub fn at(mut self, step: Step) -> Self {
        self.step = step;
        self
    }

    /// Whether the camera is open (it is released whenever the camera steps are left).
    pub fn camera_active(&self) -> bool {
        self.camera.is_some()
    }

    /// What stops the camera, as the camera screens say it, if anything does.
    pub fn camera_problem(&self) -> Option<String> {
        self.camera_error
            .as_ref()
            .or(self.camera_view.as_ref().and_then(|v| v.lost.as_ref()))
            .map(|e| screen::live::camera_error(self.lang, e))
    }

    /// Whether the selfie and the identification video are with the service.
    pub fn selfie_sent(&self) -> bool {
        self.selfie.can_continue()
    }

    pub fn video_sent(&self) -> bool {
        self.video.can_continue()
    }

    /// What the video step shows (tests and support): attempt running, failure, challenge.
    pub fn video_state(&self) -> String {
        format!(
            "recording={} failed={:?} upload={:?} challenge={:?} starting={} error={:?}",
            self.video.recording,
            self.video.failed,
            self.video.upload.is_sent(),
            self.camera_view.as_ref().and_then(|v| v.challenge),
            self.camera_starting,
            self.camera_error
        )
    }

    /// The issuance service's address, once reached.
    pub fn service_url(&self) -> Option<&str> {
        self.connection.as_ref().map(|c| c.client.base_url())
    }

    /// The service's session id, once a session is started (support and tests).
    pub fn session_id(&self) -> Option<&str> {
        self.session_id.as_deref()
    }

    /// The application number the submit step shows, once the service gave one.
    pub fn application_number(&self) -> Option<&str> {
        self.submit.application_number.as_deref()
    }

    /// The application number of the kit the install step found.
    pub fn install_number(&self) -> Option<String> {
        self.install
            .pending
            .as_ref()
            .and_then(|p| p.application_number())
            .map(|n| n.as_str().to_owned())
    }

    /// Why the install step could not write the files (translated), if it could not.
    pub fn install_problem(&self) -> Option<String> {
        self.install.problem.clone()
    }

    /// Whether the welcome screen offers to continue an application.
    pub fn resume_available(&self) -> bool {
        self.welcome.resume_available
    }

    pub fn verification_outcome(&self) -> Option<&screen::verification::Outcome> {
        self.verification.outcome.as_ref()
    }

    pub fn recognised_surname(&self) -> Option<&str> {
        self.review.recognised.as_ref().map(|r| r.surname.as_str())
    }

    /// The translated reason the last photo file was refused, if it was.
    pub fn document_problem(&self) -> Option<String> {
        self.document
            .problem()
            .map(|p| explain::photo(self.lang, p))
    }

    /// The translated reason the service refused the card's front side, if it did.
    pub fn document_front_status(&self) -> Option<String> {
        match &self.document.front {
            upload::Upload::Failed(_, error) => Some(explain::service(self.lang, error)),
            _ => None,
        }
    }

    pub fn language(&self) -> Language {
        self.lang
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn title(&self) -> String {
        t!(self.lang, "app-title")
    }

    pub fn theme(&self) -> Theme {
        theme::theme()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let mut message = message;
        while let Message::Visit(generation, inner) = message {
            if !self.is_current(generation) {
                // An answer for a visitor who is gone.
                return Task::none();
            }
            message = *inner;
        }
        let task = self.handle(message);
        self.tag(task)
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::LanguagePicked(language) => self.set_language(language),
            Message::CycleLanguage => self.set_language(self.lang.next()),
            Message::Next => return self.next(),
            Message::Back => return self.back(),
            Message::FocusNext { backwards } => {
                return if backwards {
                    operation::focus_previous()
                } else {
                    operation::focus_next()
                };
            }
            Message::Arrow { up } => self.arrow(up),
            Message::Toggle => self.toggle(),
            Message::Welcome(message) => return self.on_welcome(message),
            Message::Iin(message) => {
                if let Some(iin::Event::Continue(_)) = self.iin.update(message) {
                    return self.next();
                }
            }
            Message::Otp(message) => match self.otp.update(message) {
                Some(otp::Event::Continue) => return self.next(),
                Some(otp::Event::NotRegistered) => return self.go(Step::PhoneRegistration),
                Some(otp::Event::Resend) => return self.resend_otp(),
                None => {}
            },
            Message::Phone(message) => {
                if let Some(phone_registration::Event::Continue(_)) = self.phone.update(message) {
                    return self.next();
                }
            }
            Message::Pin(message) => {
                if let Some(account_pin::Event::Continue) = self.pin.update(message) {
                    return self.next();
                }
            }
            Message::Selfie(message) => return self.on_selfie(message),
            Message::Video(message) => return self.on_video(message),
            Message::Document(message) => return self.on_document(message),
            Message::Review(message) => self.review.update(message),
            Message::Verification(message) => return self.on_verification(message),
            Message::Agreement(message) => {
                if let Some(agreement::Event::Continue) = self.agreement.update(message) {
                    return self.next();
                }
            }
            Message::Storage(message) => return self.on_storage(message),
            Message::Submit(message) => return self.on_submit(message),
            Message::Install(message) => return self.on_install(message),
            Message::ResendApplication => return self.resend_application(),
            Message::Password(message) => {
                if let Some(key_password::Event::Continue) = self.password.update(message) {
                    return self.next();
                }
            }
            Message::Status(message) => {
                if let Some(status::Event::Check(_)) = self.status.update(message) {
                    return self.check_status();
                }
            }
            Message::Done(done::Message::Home) if self.kiosk.is_some() => {
                return self.reset_visit(qoltanba_core::kiosk::counters::Outcome::Completed);
            }
            Message::Done(done::Message::Home) => return self.go(Step::Welcome),
            Message::Kiosk(message) => return self.on_kiosk(message),
            Message::Visit(_, message) => return self.handle(*message),
            Message::Idle => {}
            Message::Reply(reply) => return self.on_reply(reply),
            Message::Retry => {
                if let Some(failure) = self.failure.take() {
                    return self.handle(*failure.retry);
                }
            }
            Message::Refresh => return self.enter(self.step),
            Message::ReconnectService => {
                self.connection_error = None;
                return self.connect();
            }
            Message::Tick => return self.on_tick(),
            Message::CameraTick => return self.camera_tick(),
            Message::CameraAnalysed(analysis) => return self.camera_analysed(analysis),
            Message::CameraStarted(started) => return self.camera_started(started),
            Message::Cameras(message) => return self.on_cameras(message),
        }
        Task::none()
    }

    fn set_language(&mut self, language: Language) {
        self.lang = language;
    }

    fn on_welcome(&mut self, message: welcome::Message) -> Task<Message> {
        match self.welcome.update(message) {
            Some(welcome::Event::Language(language)) => {
                self.set_language(language);
                Task::none()
            }
            Some(welcome::Event::Chosen(action)) => match action {
                welcome::Action::Start => self.go(Step::CameraCheck),
                welcome::Action::CheckStatus => self.go(Step::Status),
                welcome::Action::InstallCertificates => self.go(Step::Install),
                welcome::Action::Resume => self.resume(),
            },
            None => Task::none(),
        }
    }

    /// Whether the current step lets the user move on.
    pub fn can_continue(&self) -> bool {
        if self.waiting {
            return false;
        }
        if Self::needs_service(self.step) && self.connection.is_none() {
            return false;
        }
        match self.step {
            Step::Iin => self.iin.can_continue(),
            Step::Otp => self.otp.can_continue(),
            Step::PhoneRegistration => self.phone.can_continue(),
            Step::AccountPin => self.pin.can_continue(),
            Step::Document => self.document.can_continue(),
            Step::DocumentReview => self.review.can_continue() && self.review.recognised.is_some(),
            Step::Verification => self.verification.can_continue(),
            Step::Agreement => self.agreement.can_continue(),
            Step::Storage => self.storage.can_continue(),
            Step::KeyPassword => self.password.can_continue(),
            Step::Submit => self.submit.can_continue(),
            // Steps whose engine is not connected yet do not hold the user back; the screen
            // says so in a banner.
            Step::CameraCheck => self.live().is_running(),
            Step::Selfie => self.selfie.can_continue(),
            Step::VideoId => self.video.can_continue(),
            // Installation moves on by itself once the files are written.
            Step::Welcome | Step::Done | Step::Status | Step::Install => false,
        }
    }

    /// Steps whose engine (service, camera, keys, tokens) is connected. Every other step shows
    /// a banner saying its data is not sent or checked yet.
    fn is_connected(step: Step) -> bool {
        Self::needs_service(step)
            || matches!(
                step,
                Step::Welcome
                    | Step::CameraCheck
                    | Step::Selfie
                    | Step::VideoId
                    | Step::Agreement
                    | Step::Storage
                    | Step::KeyPassword
                    | Step::Done
            )
    }

    /// Steps whose Next sends something to the issuance service.
    fn needs_service(step: Step) -> bool {
        matches!(
            step,
            Step::Iin
                | Step::Otp
                | Step::PhoneRegistration
                | Step::AccountPin
                | Step::Document
                | Step::DocumentReview
                | Step::Verification
                | Step::Submit
                | Step::Install
                | Step::Status
        )
    }

    fn next(&mut self) -> Task<Message> {
        if self.step == Step::Welcome {
            return self.on_welcome(welcome::Message::ActivateSelected);
        }
        if !self.can_continue() {
            return Task::none();
        }
        match self.step {
            Step::Iin => return self.submit_iin(),
            Step::Otp => return self.submit_otp(),
            Step::PhoneRegistration => return self.submit_phone(),
            Step::AccountPin => return self.submit_pin(),
            Step::DocumentReview => return self.confirm_document_data(),
            Step::Storage if self.storage.kind() == storage::Kind::Folder => {
                return self.check_folder();
            }
            Step::Storage => return self.device_next(),
            _ => {}
        }
        match self.step.next() {
            // Keys on a device are protected by the device PIN, not by a key password.
            Some(Step::KeyPassword) if self.storage.kind() == storage::Kind::Device => {
                self.go(Step::Submit)
            }
            Some(step) => self.go(step),
            None => Task::none(),
        }
    }

    fn back(&mut self) -> Task<Message> {
        if let Some(task) = self.back_closes_card_camera() {
            return task;
        }
        if !self.step.can_go_back() {
            return Task::none();
        }
        match self.step.previous() {
            Some(Step::KeyPassword) if self.storage.kind() == storage::Kind::Device => {
                self.go(Step::Storage)
            }
            Some(step) => self.go(step),
            None => Task::none(),
        }
    }

    fn go(&mut self, step: Step) -> Task<Message> {
        self.step = step;
        self.kiosk_entered(step);
        self.failure = None;
        self.waiting = false;
        let focus = match Self::first_input(step) {
            Some(id) => operation::focus(id),
            None => Task::none(),
        };
        let camera = self.camera_for(step);
        Task::batch([focus, self.enter(step), camera])
    }

    /// What a step asks the service for when it opens (and on Refresh / Retry).
    fn enter(&mut self, step: Step) -> Task<Message> {
        match step {
            Step::DocumentReview => self.load_document_data(),
            Step::Verification => self.check_verification(),
            Step::Install => self.enter_install(),
            Step::Storage => self.scan_devices(false),
            _ => Task::none(),
        }
    }

    /// The welcome screen's "Continue an application": submitted requests go to installing
    /// the certificates; otherwise the citizen logs in again and the service remembers their
    /// Digital ID.
    fn resume(&mut self) -> Task<Message> {
        if self.progress.application_number.is_some() {
            if let Some(keys) = &self.progress.device {
                self.devices.pending = Some(keys.clone());
            } else if let Some(folder) = &self.progress.folder {
                self.install.folder = folder.display().to_string();
            }
            return self.go(Step::Install);
        }
        if let Some(iin) = self.progress.iin.clone() {
            self.iin.update(iin::Message::Changed(iin));
        }
        self.go(Step::Iin)
    }

    /// Stores the non-secret progress off the UI thread (nothing in kiosk mode).
    fn save_progress(&self) -> Task<Message> {
        if self.config.kiosk {
            return Task::none();
        }
        let dir = self.config.data_dir.clone();
        let progress = self.progress.clone();
        store_in_background("the progress", move || progress::save(&dir, &progress))
    }

    /// The field that takes the keyboard when a step opens.
    fn first_input(step: Step) -> Option<&'static str> {
        Some(match step {
            Step::Iin => iin::INPUT_ID,
            Step::Otp => otp::INPUT_ID,
            Step::PhoneRegistration => phone_registration::INPUT_ID,
            Step::AccountPin => account_pin::INPUT_ID,
            Step::KeyPassword => key_password::INPUT_ID,
            Step::Status => status::INPUT_ID,
            Step::Storage => storage::FOLDER_ID,
            _ => return None,
        })
    }

    fn arrow(&mut self, up: bool) {
        match self.step {
            Step::Welcome => {
                _ = self
                    .welcome
                    .update(welcome::Message::Move(if up { -1 } else { 1 }))
            }
            Step::Storage => self.storage.cycle(),
            _ => {}
        }
    }

    fn toggle(&mut self) {
        match self.step {
            Step::DocumentReview => self.review.toggle(),
            Step::Agreement => self.agreement.toggle(),
            _ => {}
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(operator) = self.operator_view() {
            return operator;
        }
        let lang = self.lang;
        let warnings = column(self.config.warnings.iter().map(|warning| {
            let text = match warning {
                ConfigWarning::UnreadableSettings { path, reason } => t!(
                    lang,
                    "config-unreadable",
                    path = path.display().to_string(),
                    reason = reason.as_str()
                ),
                ConfigWarning::InvalidServiceUrl { url } => {
                    t!(lang, "config-bad-url", url = url.as_str())
                }
                ConfigWarning::InvalidOperatorCode => t!(lang, "config-bad-operator-code"),
            };
            banner(Banner::Warning, text)
        }))
        .spacing(8);
        let pending = (!Self::is_connected(self.step))
            .then(|| banner(Banner::Info, t!(lang, "not-connected")));
        let content = column![warnings]
            .push(pending)
            .push(self.service_notice())
            .push(self.screen())
            .push(self.sandbox_inbox())
            .push(self.status_answer())
            .spacing(theme::SPACING + 4.0);
        let body = scrollable(
            container(content.max_width(theme::CONTENT_WIDTH))
                .center_x(Fill)
                .padding([8, 16]),
        )
        .height(Fill);
        let body: Element<'_, Message> = match self.keypad_view() {
            Some(keypad) => iced::widget::row![body, keypad].spacing(24).into(),
            None => body.into(),
        };
        let wizard = column![
            widget::header::header(
                lang,
                self.step,
                self.connection
                    .as_ref()
                    .is_some_and(service::Connection::is_sandbox),
                Message::LanguagePicked
            ),
            body,
            nav(lang, self.nav()),
        ]
        .push(self.operator_button())
        .spacing(18)
        .padding(24);
        self.with_questions(wizard.into())
    }

    fn nav(&self) -> Nav<Message> {
        let next = match self.step {
            Step::Welcome | Step::Done | Step::Status => None,
            _ => Some(self.can_continue().then_some(Message::Next)),
        };
        Nav {
            cancel: self.cancel_message(),
            touch: self.kiosk.is_some(),
            back: self.step.can_go_back().then_some(Message::Back),
            next,
            next_label: t!(self.lang, "nav-next"),
        }
    }

    fn screen(&self) -> Element<'_, Message> {
        let lang = self.lang;
        match self.step {
            Step::Welcome => self.welcome.view(lang).map(Message::Welcome),
            Step::CameraCheck => self
                .camera_check
                .view(lang, self.live())
                .map(|option| Message::Cameras(cameras::Message::Picked(option))),
            Step::Iin => self.iin.view(lang).map(Message::Iin),
            Step::Otp => self.otp.view(lang).map(Message::Otp),
            Step::PhoneRegistration => self.phone.view(lang).map(Message::Phone),
            Step::Selfie => self.selfie.view(lang, self.live()).map(Message::Selfie),
            Step::VideoId => self.video.view(lang, self.live()).map(Message::Video),
            Step::AccountPin => self.pin.view(lang).map(Message::Pin),
            Step::Document => self.document.view(lang, self.live()).map(Message::Document),
            Step::DocumentReview => self.review.view(lang).map(Message::Review),
            Step::Verification => self.verification.view(lang).map(Message::Verification),
            Step::Agreement => self.agreement.view(lang).map(Message::Agreement),
            Step::Storage => self.storage.view(lang).map(Message::Storage),
            Step::KeyPassword => self.password.view(lang).map(Message::Password),
            Step::Submit => self
                .submit
                .view(lang, self.on_device())
                .map(Message::Submit),
            Step::Install => self
                .install
                .view(
                    lang,
                    self.password.password().is_some(),
                    self.devices.session.is_some(),
                )
                .map(Message::Install),
            Step::Done => done::view(
                lang,
                self.installed.as_ref(),
                self.installed_device.as_ref(),
                self.kiosk.is_some(),
            )
            .map(Message::Done),
            Step::Status => self
                .status
                .view(lang, self.connection.is_some() && !self.waiting)
                .map(Message::Status),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let ticking = self.otp.resend_in.is_some() || self.step == Step::Otp;
        let tick = ticking
            .then(|| iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick));
        let moderation = (self.step == Step::Verification
            && self.verification.outcome == Some(screen::verification::Outcome::Moderation))
        .then(|| iced::time::every(identity::MODERATION_POLL).map(|_| Message::Refresh));
        let issue = (self.step == Step::Install
            && self.install.stage == screen::install::Stage::NotYet)
            .then(|| {
                iced::time::every(keys::ISSUE_POLL)
                    .map(|_| Message::Install(screen::install::Message::Start))
            });
        let camera = self
            .camera
            .is_some()
            .then(|| iced::time::every(camera::TICK).map(|_| Message::CameraTick));
        // While devices are shown (or none was listed yet, which decides what is offered).
        let devices = (self.step == Step::Storage
            && (self.on_device() || self.storage.device.listing.is_none()))
        .then(|| {
            iced::time::every(device_flow::SCAN_INTERVAL)
                .map(|_| Message::Storage(storage::Message::Device(screen::devices::Message::Tick)))
        });
        let kiosk = self.kiosk.is_some().then(|| {
            Subscription::batch([kiosk::activity(), kiosk::ticks(), kiosk::window_opened()])
        });
        Subscription::batch([
            self.keys(),
            kiosk.unwrap_or_else(Subscription::none),
            camera.unwrap_or_else(Subscription::none),
            devices.unwrap_or_else(Subscription::none),
            tick.unwrap_or_else(Subscription::none),
            moderation.unwrap_or_else(Subscription::none),
            issue.unwrap_or_else(Subscription::none),
        ])
    }

    fn keys(&self) -> Subscription<Message> {
        keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(named),
                modifiers,
                ..
            } => match named {
                key::Named::Enter => Some(Message::Next),
                key::Named::Escape => Some(Message::Back),
                key::Named::Tab => Some(Message::FocusNext {
                    backwards: modifiers.shift(),
                }),
                key::Named::F2 => Some(Message::CycleLanguage),
                key::Named::ArrowUp => Some(Message::Arrow { up: true }),
                key::Named::ArrowDown => Some(Message::Arrow { up: false }),
                key::Named::Space => Some(Message::Toggle),
                _ => None,
            },
            _ => None,
        })
    }
}

/// Writes one of the app's own small files on a blocking thread. A failure is reported on
/// stderr (the file holds nothing the user must act on now) and never stops the wizard.
pub(crate) fn store_in_background(
    what: &'static str,
    write: impl FnOnce() -> std::io::Result<()> + Send + 'static,
) -> Task<Message> {
    Task::perform(
        async move {
            tokio::task::spawn_blocking(write)
                .await
                .map_err(std::io::Error::other)
                .and_then(|written| written)
        },
        move |result| {
            if let Err(error) = result {
                eprintln!("qoltanba: could not store {what}: {error}");
            }
            Message::Idle
        },
    )
}

/// The iced application, built in one place so `main` and tests share it.
pub fn application(
    config: Config,
    start: Option<Step>,
) -> iced::Application<impl iced::Program<Message = Message, Theme = Theme>> {
    let kiosk = config.kiosk;
    let boot = move || {
        let app = App::new(config.clone());
        let app = match start {
            Some(step) => app.at(step),
            None => app,
        };
        let focus = start
            .and_then(App::first_input)
            .map_or_else(Task::none, operation::focus);
        let mut app = app;
        let camera = start.map_or_else(Task::none, |step| app.camera_for(step));
        let connect = app.connect();
        (app, Task::batch([connect, focus, camera]))
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .scale_factor(App::scale_factor)
        .subscription(App::subscription)
        .font(theme::FONT_REGULAR)
        .font(theme::FONT_BOLD)
        .default_font(theme::FONT)
        // A kiosk is left only through the operator panel: closing the window does nothing.
        .exit_on_close_request(!kiosk)
        .window(window::Settings {
            size: iced::Size::new(1024.0, 768.0),
            min_size: Some(iced::Size::new(800.0, 600.0)),
            fullscreen: kiosk,
            decorations: !kiosk,
            level: if kiosk {
                window::Level::AlwaysOnTop
            } else {
                window::Level::Normal
            },
            position: window::Position::Centered,
            ..window::Settings::default()
        })
}
