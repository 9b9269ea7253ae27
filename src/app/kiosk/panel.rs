//! What the operator panel's buttons do: settings written to the settings file and applied at
//! once, the camera and token-reader tests (off the UI thread).

use std::time::Duration;

use iced::Task;

use crate::app::{App, Message as AppMessage, camera};
use crate::config::{self, CameraChoice, Service};

use super::Message;
use super::keypad::{self, Key};
use super::operator::{Access, Message as Op, Panel};

fn reply(message: Op) -> AppMessage {
    AppMessage::Kiosk(Message::Operator(message))
}

impl App {
    fn panel(&mut self) -> Option<&mut Panel> {
        match self.kiosk.as_mut()?.operator.as_mut()? {
            Access::Panel(panel) => Some(panel),
            Access::SignIn(_) => None,
        }
    }

    pub(super) fn on_panel(&mut self, message: Op) -> Task<AppMessage> {
        let registry = self.shared.devices.registry.clone();
        let settings_path = self.shared.config.settings_path.clone();
        let demo = self.shared.config.demo_sandbox;
        let Some(panel) = self.panel() else {
            return Task::none();
        };
        match message {
            Op::UrlChanged(value) => {
                panel.service_url = crate::app::screen::clamp_path(value);
                panel.url_error = false;
                panel.url_missing = false;
            }
            Op::UrlKey(Key::Shift) => panel.shift = !panel.shift,
            Op::UrlKey(key) => {
                let next = keypad::apply(&panel.service_url, key, panel.shift);
                panel.service_url = next.as_str().to_owned();
                panel.url_error = false;
                panel.url_missing = false;
            }
            Op::IdlePicked(secs) => panel.idle_secs = secs,
            Op::LanguagePicked(language) => panel.language = language,
            Op::CameraPicked(option) => {
                panel.camera = (!option.id.is_empty()).then_some(option);
                panel.camera_test = None;
            }
            Op::CamerasListed(cameras) => panel.cameras = cameras,
            Op::TestCamera => {
                panel.testing_camera = true;
                let choice = panel.camera_choice();
                return Task::perform(
                    async move {
                        tokio::task::spawn_blocking(move || camera::probe(choice))
                            .await
                            .unwrap_or_else(|e| {
                                Err(qoltanba_camera::CameraError::Other(e.to_string()))
                            })
                    },
                    |result| reply(Op::CameraTested(result)),
                );
            }
            Op::CameraTested(result) => {
                panel.testing_camera = false;
                panel.camera_test = Some(result);
            }
            Op::TestReaders => {
                panel.testing_readers = true;
                return Task::perform(
                    async move {
                        tokio::task::spawn_blocking(move || registry.scan(true))
                            .await
                            .unwrap_or_default()
                    },
                    |listing| reply(Op::ReadersListed(listing)),
                );
            }
            Op::ReadersListed(listing) => {
                panel.testing_readers = false;
                panel.readers = Some(listing);
            }
            Op::Save => {
                let url = panel.service_url.trim().to_owned();
                // An empty address means the embedded sandbox: a demonstration kiosk only.
                let usable = if url.is_empty() {
                    demo
                } else {
                    config::is_service_url(&url)
                };
                if !usable {
                    panel.url_missing = url.is_empty();
                    panel.url_error = !url.is_empty();
                    return Task::none();
                }
                let camera = panel.camera_choice();
                let idle = panel.idle_secs;
                let language = panel.language;
                let stored_camera = match &camera {
                    CameraChoice::Default => None,
                    CameraChoice::Synthetic => Some("synthetic".to_owned()),
                    CameraChoice::Device(id) => Some(id.clone()),
                };
                let stored_url = (!url.is_empty()).then(|| url.clone());
                // Applied at once; the file makes it last.
                let service = match &stored_url {
                    Some(url) => Service::Remote(url.trim_end_matches('/').to_owned()),
                    None => Service::EmbeddedSandbox,
                };
                let reconnect = service != self.shared.config.service;
                self.shared.config.service = service;
                self.shared.config.camera = camera.clone();
                self.shared.config.language = language;
                self.shared.config.idle_timeout = super::idle::clamp(Duration::from_secs(idle));
                if self.step == crate::app::step::Step::Welcome {
                    self.shared.lang = language;
                }
                if let Some(kiosk) = &mut self.kiosk {
                    kiosk.camera = camera;
                    kiosk.idle.set_timeout(self.shared.config.idle_timeout);
                }
                let save = Task::perform(
                    async move {
                        tokio::task::spawn_blocking(move || {
                            let path = config::settings_file(settings_path.as_deref())?;
                            config::edit_settings(path, |document| {
                                match stored_url {
                                    Some(url) => document["service_url"] = toml_edit::value(url),
                                    None => _ = document.remove("service_url"),
                                }
                                match stored_camera {
                                    Some(camera) => document["camera"] = toml_edit::value(camera),
                                    None => _ = document.remove("camera"),
                                }
                                document["idle_timeout_secs"] = toml_edit::value(idle as i64);
                                document["language"] = toml_edit::value(language.code());
                            })
                        })
                        .await
                        .unwrap_or_else(|e| {
                            Err(config::SettingsError::Unwritable {
                                path: Default::default(),
                                reason: e.to_string(),
                            })
                        })
                    },
                    |result| reply(Op::Saved(result)),
                );
                if reconnect {
                    self.shared.service.connection = None;
                    self.shared.service.connection_error = None;
                    return Task::batch([save, self.connect()]);
                }
                return save;
            }
            Op::Saved(result) => panel.saved = Some(result),
            Op::Open
            | Op::Close
            | Op::CodeKey(_)
            | Op::CodeChanged(_)
            | Op::SubmitCode
            | Op::CodeChecked(_)
            | Op::EndVisit
            | Op::Exit => {}
        }
        Task::none()
    }
}
