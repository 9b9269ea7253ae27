//! The wizard: the root state owns navigation, the language and what the steps share; each
//! step's own state lives in its screen module.

pub mod camera;
pub mod cameras;
mod capture;
pub mod device;
mod device_flow;
pub mod device_keys;
pub mod explain;
pub mod flow;
pub mod keys;
pub mod kiosk;
mod notices;
pub mod photo;
pub mod progress;
pub mod screen;
pub mod service;
pub mod shared;
pub mod step;
pub mod theme;
pub mod upload;
pub mod widget;

use iced::keyboard::{self, key};
use iced::widget::{column, container, operation, scrollable};
use iced::{Element, Fill, Subscription, Task, Theme, window};

use crate::config::{Config, ConfigWarning};
use crate::i18n::Language;
use crate::t;
use screen::{Event, Screen};
use screen::{
    account_pin, agreement, camera_check, document, document_review, done, iin, install,
    key_password, otp, phone_registration, selfie, status, storage, submit, verification, video_id,
    welcome,
};
use shared::Shared;
use step::Step;
use widget::nav::{Nav, nav};
use widget::{Banner, banner};

pub struct App {
    step: Step,
    /// What the steps share (language, settings, citizen, service, camera, devices, progress).
    shared: Shared,
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
    done: done::State,
    /// What Retry sends again, for a request the root still sends for its step.
    retry: Option<Box<Message>>,
    /// The key files the last installation wrote.
    installed: Option<qoltanba_core::store::InstalledKeys>,
    /// The device the last installation wrote the certificates to.
    installed_device: Option<device_keys::DeviceKeys>,
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
            installed: None,
            installed_device: None,
            step: Step::Welcome,
            storage: storage::State::new(config.kiosk),
            shared: Shared::new(config, progress),
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
            done: done::State,
            retry: None,
        }
    }

    /// Reaches the issuance service (starting the embedded sandbox if none is configured).
    pub fn connect(&self) -> Task<Message> {
        let service = self.shared.config.service.clone();
        let data_dir = self.shared.config.data_dir.clone();
        let ca_file = self.shared.config.ca_file.clone();
        Task::perform(service::connect(service, data_dir, ca_file), |r| {
            Message::Reply(flow::Reply::Connected(r))
        })
    }

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
            self.shared.camera.view.as_ref().and_then(|v| v.challenge),
            self.shared.camera.starting,
            self.shared.camera.error
        )
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
        self.shared
            .citizen
            .recognised
            .as_ref()
            .map(|r| r.surname.as_str())
    }

    /// The translated reason the last photo file was refused, if it was.
    pub fn document_problem(&self) -> Option<String> {
        self.document
            .problem()
            .map(|p| explain::photo(self.shared.lang, p))
    }

    /// The translated reason the service refused the card's front side, if it did.
    pub fn document_front_status(&self) -> Option<String> {
        match &self.document.front {
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

    pub fn title(&self) -> String {
        t!(self.shared.lang, "app-title")
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
            Message::CycleLanguage => self.set_language(self.shared.lang.next()),
            Message::Next => return self.next(),
            Message::Back => return self.back(),
            Message::FocusNext { backwards } => {
                return if backwards {
                    operation::focus_previous()
                } else {
                    operation::focus_next()
                };
            }
            Message::Arrow { up } => self.screen_mut(self.step).arrow(up),
            Message::Toggle => self.screen_mut(self.step).toggle(),
            Message::Welcome(message) => return self.on_welcome(message),
            Message::Iin(message) => {
                let (task, event) = self.iin.update(message, &mut self.shared);
                return self.then(Step::Iin, task.map(Message::Iin), event);
            }
            Message::Otp(message) => {
                let (task, event) = self.otp.update(message, &mut self.shared);
                return self.then(Step::Otp, task.map(Message::Otp), event);
            }
            Message::Phone(message) => {
                let (task, event) = self.phone.update(message, &mut self.shared);
                return self.then(Step::PhoneRegistration, task.map(Message::Phone), event);
            }
            Message::Pin(message) => {
                let (task, event) = self.pin.update(message, &mut self.shared);
                return self.then(Step::AccountPin, task.map(Message::Pin), event);
            }
            Message::Selfie(message) => return self.on_selfie(message),
            Message::Video(message) => return self.on_video(message),
            Message::Document(message) => return self.on_document(message),
            Message::Review(message) => {
                let (task, event) = self.review.update(message, &mut self.shared);
                return self.then(Step::DocumentReview, task.map(Message::Review), event);
            }
            Message::Verification(message) => {
                return self
                    .verification
                    .update(message, &mut self.shared)
                    .map(Message::Verification);
            }
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
                return self
                    .status
                    .update(message, &mut self.shared)
                    .map(Message::Status);
            }
            Message::Done(done::Message::Home) if self.kiosk.is_some() => {
                return self.reset_visit(kiosk::counters::Outcome::Completed);
            }
            Message::Done(done::Message::Home) => return self.go(Step::Welcome),
            Message::Kiosk(message) => return self.on_kiosk(message),
            Message::Visit(_, message) => return self.handle(*message),
            Message::Idle => {}
            Message::Reply(reply) => return self.on_reply(reply),
            Message::Retry => return self.retry(),
            Message::Refresh => return self.enter(self.step),
            Message::ReconnectService => {
                self.shared.service.connection_error = None;
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
        self.shared.lang = language;
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
        let screen = self.screen_of(self.step);
        if self.shared.service.waiting
            || screen.needs_service() && self.shared.service.connection.is_none()
        {
            return false;
        }
        screen.can_continue(&self.shared)
    }

    /// The step's answers to what the root asks (see [`screen::Screen`]).
    fn screen_of(&self, step: Step) -> &dyn Screen {
        match step {
            Step::Welcome => &self.welcome,
            Step::CameraCheck => &self.camera_check,
            Step::Iin => &self.iin,
            Step::Otp => &self.otp,
            Step::PhoneRegistration => &self.phone,
            Step::Selfie => &self.selfie,
            Step::VideoId => &self.video,
            Step::AccountPin => &self.pin,
            Step::Document => &self.document,
            Step::DocumentReview => &self.review,
            Step::Verification => &self.verification,
            Step::Agreement => &self.agreement,
            Step::Storage => &self.storage,
            Step::KeyPassword => &self.password,
            Step::Submit => &self.submit,
            Step::Install => &self.install,
            Step::Done => &self.done,
            Step::Status => &self.status,
        }
    }

    fn screen_mut(&mut self, step: Step) -> &mut dyn Screen {
        match step {
            Step::Welcome => &mut self.welcome,
            Step::CameraCheck => &mut self.camera_check,
            Step::Iin => &mut self.iin,
            Step::Otp => &mut self.otp,
            Step::PhoneRegistration => &mut self.phone,
            Step::Selfie => &mut self.selfie,
            Step::VideoId => &mut self.video,
            Step::AccountPin => &mut self.pin,
            Step::Document => &mut self.document,
            Step::DocumentReview => &mut self.review,
            Step::Verification => &mut self.verification,
            Step::Agreement => &mut self.agreement,
            Step::Storage => &mut self.storage,
            Step::KeyPassword => &mut self.password,
            Step::Submit => &mut self.submit,
            Step::Install => &mut self.install,
            Step::Done => &mut self.done,
            Step::Status => &mut self.status,
        }
    }

    /// What a step's update asked of the root. A step that is no longer shown (a late
    /// answer) moves nobody.
    fn then(&mut self, from: Step, task: Task<Message>, event: Option<Event>) -> Task<Message> {
        let moved = match event {
            _ if from != self.step => Task::none(),
            Some(Event::Next) => self.next(),
            Some(Event::Go(step)) => self.go(step),
            Some(Event::PickCamera(option)) => self.on_cameras(cameras::Message::Picked(option)),
            Some(Event::StartVideo) => self.start_video(),
            None => Task::none(),
        };
        Task::batch([task, moved])
    }

    /// Retry after a failed request: the step sends what failed again.
    fn retry(&mut self) -> Task<Message> {
        if let Some(message) = self.retry.take() {
            return self.handle(*message);
        }
        let shared = &mut self.shared;
        match self.step {
            Step::Iin => self.iin.send(shared).map(Message::Iin),
            Step::Otp => self.otp.retry(shared).map(Message::Otp),
            Step::PhoneRegistration => self.phone.send(shared).map(Message::Phone),
            Step::AccountPin => self.pin.send(shared).map(Message::Pin),
            Step::DocumentReview => self.review.retry(shared).map(Message::Review),
            Step::Verification => self.verification.check(shared).map(Message::Verification),
            Step::Status => self.status.check(shared).map(Message::Status),
            _ => Task::none(),
        }
    }

    fn next(&mut self) -> Task<Message> {
        if self.step == Step::Welcome {
            return self.on_welcome(welcome::Message::ActivateSelected);
        }
        if !self.can_continue() {
            return Task::none();
        }
        let shared = &mut self.shared;
        match self.step {
            Step::Iin => return self.iin.send(shared).map(Message::Iin),
            Step::Otp => return self.otp.send(shared).map(Message::Otp),
            Step::PhoneRegistration => return self.phone.send(shared).map(Message::Phone),
            Step::AccountPin => return self.pin.send(shared).map(Message::Pin),
            Step::DocumentReview => return self.review.send(shared).map(Message::Review),
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
        self.retry = None;
        self.shared.service.failure = None;
        self.shared.service.waiting = false;
        let focus = match self.screen_of(step).focus() {
            Some(id) => operation::focus(id),
            None => Task::none(),
        };
        let camera = self.camera_for(step);
        Task::batch([focus, self.enter(step), camera])
    }

    /// What a step asks the service for when it opens (and on Refresh / Retry).
    fn enter(&mut self, step: Step) -> Task<Message> {
        match step {
            Step::DocumentReview => self.review.enter(&mut self.shared).map(Message::Review),
            Step::Verification => self
                .verification
                .check(&mut self.shared)
                .map(Message::Verification),
            Step::Install => self.enter_install(),
            Step::Storage => self.scan_devices(false),
            _ => Task::none(),
        }
    }

    /// The welcome screen's "Continue an application": submitted requests go to installing
    /// the certificates; otherwise the citizen logs in again and the service remembers their
    /// Digital ID.
    fn resume(&mut self) -> Task<Message> {
        if self.shared.progress.application_number.is_some() {
            if let Some(keys) = &self.shared.progress.device {
                self.shared.devices.pending = Some(keys.clone());
            } else if let Some(folder) = &self.shared.progress.folder {
                self.install.folder = folder.display().to_string();
            }
            return self.go(Step::Install);
        }
        if let Some(iin) = self.shared.progress.iin.clone() {
            _ = self
                .iin
                .update(iin::Message::Changed(iin), &mut self.shared);
        }
        self.go(Step::Iin)
    }

    /// Stores the non-secret progress off the UI thread (nothing in kiosk mode).
    fn save_progress(&self) -> Task<Message> {
        self.shared.save_progress()
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(operator) = self.operator_view() {
            return operator;
        }
        let lang = self.shared.lang;
        let warnings = column(self.shared.config.warnings.iter().map(|warning| {
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
        let content = column![warnings]
            .push(self.service_notice())
            .push(self.screen())
            .push(self.sandbox_inbox())
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
                self.shared
                    .service
                    .connection
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
            next_label: t!(self.shared.lang, "nav-next"),
        }
    }

    fn screen(&self) -> Element<'_, Message> {
        let lang = self.shared.lang;
        match self.step {
            Step::Welcome => self.welcome.view(lang).map(Message::Welcome),
            Step::CameraCheck => self
                .camera_check
                .view(lang, self.live())
                .map(|option| Message::Cameras(cameras::Message::Picked(option))),
            Step::Iin => self.iin.view(lang).map(Message::Iin),
            Step::Otp => self.otp.view(&self.shared).map(Message::Otp),
            Step::PhoneRegistration => self.phone.view(lang).map(Message::Phone),
            Step::Selfie => self.selfie.view(lang, self.live()).map(Message::Selfie),
            Step::VideoId => self.video.view(lang, self.live()).map(Message::Video),
            Step::AccountPin => self.pin.view(lang).map(Message::Pin),
            Step::Document => self.document.view(lang, self.live()).map(Message::Document),
            Step::DocumentReview => self.review.view(&self.shared).map(Message::Review),
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
                    self.shared.devices.session.is_some(),
                )
                .map(Message::Install),
            Step::Done => done::view(
                lang,
                self.installed.as_ref(),
                self.installed_device.as_ref(),
                self.kiosk.is_some(),
            )
            .map(Message::Done),
            Step::Status => self.status.view(&self.shared).map(Message::Status),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let ticking = self.shared.service.resend_in.is_some() || self.step == Step::Otp;
        let tick = ticking
            .then(|| iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick));
        let moderation = (self.step == Step::Verification)
            .then(|| self.verification.subscription().map(Message::Verification));
        let issue = (self.step == Step::Install
            && self.install.stage == screen::install::Stage::NotYet)
            .then(|| {
                iced::time::every(keys::ISSUE_POLL)
                    .map(|_| Message::Install(screen::install::Message::Start))
            });
        let camera = self
            .shared
            .camera
            .engine
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
            .and_then(|step| app.screen_of(step).focus())
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
