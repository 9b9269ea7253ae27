//! What tests and support tools read of the wizard: one owned [`Snapshot`] of what a user
//! would see now, its texts translated at the moment it is taken.

use qoltanba_camera::DocumentHint;
use qoltanba_core::pki::KitTrial;
use qoltanba_core::protocol::{DocumentSide, SmsMessage};
use qoltanba_core::store::InstalledKeys;
use qoltanba_core::token::{DeviceKeys, TokenInfo};
use zeroize::Zeroizing;

use super::cameras::CameraOption;
use super::kiosk::fields::Field;
use super::photo::Photo;
use super::screen::{self, verification};
use super::step::Step;
use super::{App, explain, upload};
use crate::config::CameraChoice;
use crate::i18n::Language;
use crate::t;

/// The wizard as the citizen sees it at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub step: Step,
    pub language: Language,
    /// The Next button is shown and can be pressed.
    pub next_enabled: bool,
    /// A request is under way (the waiting banner).
    pub waiting: bool,
    /// The failed request's banner.
    pub failure: Option<String>,
    pub service: Service,
    /// The sandbox SMS the panel shows.
    pub sms: Option<SmsMessage>,
    /// The welcome screen offers to continue an application.
    pub resume_offered: bool,
    pub camera: Camera,
    pub selfie: Delivery,
    pub video: Video,
    pub document: Document,
    pub recognised_surname: Option<String>,
    pub verification: Option<verification::Outcome>,
    pub application: Application,
    pub devices: Devices,
    /// `None` on a desktop.
    pub kiosk: Option<Kiosk>,
    /// The element with the keyboard focus, as its widget id reads (`Id(Custom("iin-input"))`;
    /// a button's id is `press:` and the message it sends).
    pub focus: Option<String>,
}

/// The issuance service, once reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub reached: bool,
    pub url: Option<String>,
    pub session_id: Option<String>,
}

/// Something given to the service, as its status line says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Empty,
    Sending,
    Sent,
    /// The service's reason.
    Refused(String),
}

impl Delivery {
    pub fn is_empty(&self) -> bool {
        *self == Delivery::Empty
    }

    pub fn is_sent(&self) -> bool {
        *self == Delivery::Sent
    }

    /// The service's reason, if it refused.
    pub fn refusal(&self) -> Option<&str> {
        match self {
            Delivery::Refused(reason) => Some(reason),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Camera {
    /// The camera is open (it is released whenever the camera steps are left).
    pub active: bool,
    /// What stops the camera, as the camera screens say it.
    pub problem: Option<String>,
    /// The last analysed selfie or video frame had the face in the oval.
    pub face_in_oval: bool,
    /// The card camera's last frame: the side and what to fix (`None`: it would be taken).
    pub card_check: Option<(DocumentSide, Option<DocumentHint>)>,
    /// The cameras listed (empty until listed, or when the command line named one).
    pub listed: Vec<CameraOption>,
    /// The camera the wizard uses.
    pub choice: CameraChoice,
    /// The picker the camera screens offer (more than one camera, none on the command line).
    pub picker: Option<CameraPicker>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameraPicker {
    pub labels: Vec<String>,
    pub selected: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    pub upload: Delivery,
    /// An attempt is under way.
    pub recording: bool,
    /// The last attempt's failure banner.
    pub failed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub front: Side,
    pub back: Side,
    /// The side the card camera is open for.
    pub camera: Option<DocumentSide>,
    /// Why the last press of the capture button took no photo.
    pub refused: Option<String>,
    /// Why the last photo file was refused.
    pub problem: Option<String>,
}

impl Document {
    pub fn side(&self, side: DocumentSide) -> &Side {
        match side {
            DocumentSide::Front => &self.front,
            DocumentSide::Back => &self.back,
        }
    }
}

/// One side of the ID card: its status line and the photo's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub upload: Delivery,
    pub photo: Option<PhotoShape>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoShape {
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// The number the submit step shows, once the service gave one.
    pub number: Option<String>,
    /// Why the keys could not be made on the submit step.
    pub submit_problem: Option<String>,
    /// The number of the kit the install step found.
    pub found_number: Option<String>,
    /// Why the install step could not write the files.
    pub install_problem: Option<String>,
    /// The files the last installation wrote (the done screen lists them).
    pub installed_files: Option<InstalledKeys>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Devices {
    /// The devices the storage step lists.
    pub listed: Vec<TokenInfo>,
    /// Why the last device operation on the storage step failed.
    pub problem: Option<String>,
    pub session_open: bool,
    /// With a session open: whether the device's module lists GOST 2012-512 key pairs.
    pub offers_gost: Option<bool>,
    /// The storage step offers (or chose) a device.
    pub on_device: bool,
    /// The device the keys were written to (the done screen names it).
    pub installed: Option<DeviceKeys>,
    /// How each installed pair did when tried on the device (the done screen says it).
    pub trials: Vec<KitTrial>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kiosk {
    /// The fields the keypad can type into on this step, first one first, with their text.
    pub fields: Vec<(Field, Typed)>,
    /// The field the keypad types into now.
    pub keypad_field: Option<Field>,
    /// The "Are you still here?" countdown, while it is shown.
    pub warning: Option<u64>,
    /// The operator panel (not just its sign-in) is open.
    pub operator_panel_open: bool,
    pub counters: qoltanba_core::kiosk::counters::Counters,
    /// Names of the pieces of visitor data held: empty once a reset has wiped them.
    pub visitor_data: Vec<&'static str>,
}

impl Kiosk {
    /// What `field` holds, if the step has it.
    pub fn text(&self, field: Field) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, text)| text.as_str())
    }
}

/// What a keypad field holds (a PIN, a password, an IIN…): wiped when dropped, and its `Debug`
/// gives the length only, so a support report or a test's message never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Typed(Zeroizing<String>);

impl Typed {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Typed({} characters)", self.0.chars().count())
    }
}

impl App {
    /// What a user would see now.
    pub fn snapshot(&self) -> Snapshot {
        let lang = self.shared.lang;
        let service = &self.shared.service;
        Snapshot {
            focus: self.focus.as_ref().map(|id| format!("{id:?}")),
            step: self.step,
            language: lang,
            next_enabled: self.steps.get(self.step).shows_next() && self.can_continue(),
            waiting: service.waiting,
            failure: service
                .failure
                .as_ref()
                .map(|error| explain::service(lang, error)),
            service: Service {
                reached: service.connection.is_some(),
                url: service
                    .connection
                    .as_ref()
                    .map(|c| c.client.base_url().to_owned()),
                session_id: service.session_id.clone(),
            },
            sms: service.latest_sms().cloned(),
            resume_offered: self.steps.welcome.resume_available,
            camera: self.camera_snapshot(),
            selfie: delivery(lang, &self.steps.selfie.upload),
            video: Video {
                upload: delivery(lang, &self.steps.video.upload),
                recording: self.steps.video.recording,
                failed: self.steps.video.failed.map(|_| t!(lang, "video-failed")),
            },
            document: self.document_snapshot(),
            recognised_surname: self
                .shared
                .citizen
                .recognised
                .as_ref()
                .map(|r| r.surname.clone()),
            verification: self.steps.verification.outcome.clone(),
            application: self.application_snapshot(),
            devices: self.devices_snapshot(),
            kiosk: self.kiosk_snapshot(),
        }
    }

    fn camera_snapshot(&self) -> Camera {
        let camera = &self.shared.camera;
        let view = camera.view.as_ref();
        Camera {
            active: camera.engine.is_some(),
            problem: camera
                .error
                .as_ref()
                .or(view.and_then(|v| v.lost.as_ref()))
                .map(|e| screen::live::camera_error(self.shared.lang, e)),
            face_in_oval: view.is_some_and(|v| v.face_in_oval),
            card_check: view
                .and_then(|v| v.card.as_ref())
                .map(|card| (card.side, card.hint)),
            listed: camera.picker.options().to_vec(),
            choice: self.shared.config.camera.clone(),
            picker: camera
                .picker
                .picker(&self.shared.config)
                .map(|picker| CameraPicker {
                    labels: picker.options.iter().map(|o| o.label.clone()).collect(),
                    selected: picker.selected.map(|o| o.label.clone()),
                }),
        }
    }

    fn document_snapshot(&self) -> Document {
        let lang = self.shared.lang;
        let document = &self.steps.document;
        let side = |upload: &upload::Upload<Photo>| Side {
            upload: delivery(lang, upload),
            photo: upload.value().map(|photo| PhotoShape {
                content_type: photo.content_type,
                width: photo.width,
                height: photo.height,
            }),
        };
        Document {
            front: side(&document.front),
            back: side(&document.back),
            camera: document.camera(),
            refused: document.refused().map(|p| explain::photo(lang, p)),
            problem: document.problem().map(|p| explain::photo(lang, p)),
        }
    }

    fn application_snapshot(&self) -> Application {
        let lang = self.shared.lang;
        let install = &self.steps.install;
        Application {
            number: self
                .shared
                .application
                .number
                .as_ref()
                .map(|n| n.as_str().to_owned()),
            submit_problem: self.steps.submit.problem.as_ref().map(|p| p.text(lang)),
            found_number: install
                .pending
                .as_ref()
                .and_then(|p| p.application_number())
                .map(|n| n.as_str().to_owned()),
            install_problem: install.problem.as_ref().map(|p| p.text(lang)),
            installed_files: self.shared.application.installed.clone(),
        }
    }

    fn devices_snapshot(&self) -> Devices {
        let device = &self.steps.storage.device;
        Devices {
            listed: device
                .listing
                .as_ref()
                .map(|listing| listing.tokens.clone())
                .unwrap_or_default(),
            problem: device
                .error
                .as_ref()
                .map(|error| explain::device(self.shared.lang, error)),
            session_open: self.shared.devices.session.is_some(),
            offers_gost: self
                .shared
                .devices
                .session
                .as_ref()
                .map(|session| session.offers_gost_512_key_pairs()),
            on_device: self.steps.storage.kind() == screen::storage::Kind::Device,
            installed: self.shared.devices.installed.clone(),
            trials: self.shared.devices.trials.clone(),
        }
    }

    fn kiosk_snapshot(&self) -> Option<Kiosk> {
        let kiosk = self.kiosk.as_ref()?;
        Some(Kiosk {
            fields: self
                .keypad_fields()
                .into_iter()
                .map(|field| {
                    let text = Zeroizing::new(self.field_text(field).to_owned());
                    (field, Typed(text))
                })
                .collect(),
            keypad_field: self.keypad_field(),
            warning: kiosk.warning,
            operator_panel_open: kiosk.panel_open(),
            counters: kiosk.counters,
            visitor_data: self.visitor_data(),
        })
    }
}

fn delivery<T>(lang: Language, upload: &upload::Upload<T>) -> Delivery {
    match upload {
        upload::Upload::Empty => Delivery::Empty,
        upload::Upload::Sending(_) => Delivery::Sending,
        upload::Upload::Sent(_) => Delivery::Sent,
        upload::Upload::Failed(_, error) => Delivery::Refused(explain::service(lang, error)),
    }
}
