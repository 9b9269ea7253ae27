//! The camera picker: the cameras are listed off the UI thread whenever a camera is opened;
//! with more than one, the camera screens offer a list, and the choice is used at once and
//! remembered in settings.toml. A camera named on the command line wins and no list is shown.

use std::sync::Arc;

use iced::Task;
use qoltanba_camera::{CameraError, DeviceInfo};

use super::{App, Message as AppMessage};
use crate::config::{CameraChoice, SettingsError};

/// How the cameras are listed (blocking). The system's list by default; tests give their own.
#[derive(Clone)]
pub struct Lister(Arc<dyn Fn() -> Result<Vec<DeviceInfo>, CameraError> + Send + Sync>);

impl Lister {
    /// The cameras the operating system reports.
    pub fn system() -> Self {
        Lister(Arc::new(qoltanba_camera::list_devices))
    }

    /// Any other source of the list.
    pub fn new(
        list: impl Fn() -> Result<Vec<DeviceInfo>, CameraError> + Send + Sync + 'static,
    ) -> Self {
        Lister(Arc::new(list))
    }
}

impl Default for Lister {
    fn default() -> Self {
        Lister::system()
    }
}

impl std::fmt::Debug for Lister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lister")
    }
}

/// One camera in the list: what goes into the settings (`id`, as `--camera` takes it) and what
/// the citizen sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameraOption {
    pub id: String,
    pub label: String,
}

impl std::fmt::Display for CameraOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The list as the screens get it.
#[derive(Debug, Clone, Copy)]
pub struct Picker<'a> {
    pub options: &'a [CameraOption],
    pub selected: Option<&'a CameraOption>,
    /// The choice holds for this run but could not be written to the settings file.
    pub not_saved: Option<&'a SettingsError>,
}

#[derive(Debug, Default)]
pub struct Cameras {
    lister: Lister,
    listing: bool,
    options: Vec<CameraOption>,
    not_saved: Option<SettingsError>,
}

impl Cameras {
    /// The cameras listed (empty until listed, or when the command line named one).
    pub fn options(&self) -> &[CameraOption] {
        &self.options
    }

    /// The picker the camera screens show, when there is more than one camera to choose
    /// from and the command line did not name one.
    pub fn picker(&self, config: &crate::config::Config) -> Option<Picker<'_>> {
        (!config.camera_from_cli && self.options.len() > 1).then(|| Picker {
            options: &self.options,
            selected: selected(&self.options, &config.camera),
            not_saved: self.not_saved.as_ref(),
        })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Listed(Result<Vec<DeviceInfo>, CameraError>),
    Picked(CameraOption),
    Saved(Result<(), SettingsError>),
}

/// The list's entries; cameras with the same name are told apart by their id.
pub fn options(devices: &[DeviceInfo]) -> Vec<CameraOption> {
    devices
        .iter()
        .map(|device| {
            let id = device.id.to_string();
            let name = device.name.trim();
            let twins = devices.iter().filter(|d| d.name.trim() == name).count();
            let label = if name.is_empty() {
                id.clone()
            } else if twins > 1 {
                format!("{name} ({id})")
            } else {
                name.to_owned()
            };
            CameraOption { id, label }
        })
        .collect()
}

/// Which entry the settings name: the device by id, or the first camera for the default.
fn selected<'a>(options: &'a [CameraOption], choice: &CameraChoice) -> Option<&'a CameraOption> {
    match choice {
        CameraChoice::Device(id) => options.iter().find(|o| &o.id == id),
        CameraChoice::Default => options
            .iter()
            .find(|o| o.id == "#0")
            .or_else(|| options.first()),
        CameraChoice::Synthetic => None,
    }
}

impl App {
    /// Uses `lister` instead of the system's camera list (tests, support tools).
    pub fn with_camera_lister(mut self, lister: Lister) -> Self {
        self.shared.camera.picker.lister = lister;
        self
    }

    /// The clock the camera thread runs on (a manual one in tests: simulated time).
    pub fn camera_clock(&self) -> &qoltanba_camera::Clock {
        &self.shared.config.camera_clock
    }

    /// Lists the cameras on a blocking thread (not when the command line named one).
    pub(super) fn list_cameras(&mut self) -> Task<AppMessage> {
        if self.shared.config.camera_from_cli || self.shared.camera.picker.listing {
            return Task::none();
        }
        self.shared.camera.picker.listing = true;
        let lister = self.shared.camera.picker.lister.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || (lister.0)())
                    .await
                    .unwrap_or_else(|e| Err(CameraError::Other(e.to_string())))
            },
            |result| AppMessage::Cameras(Message::Listed(result)),
        )
    }

    pub(super) fn on_cameras(&mut self, message: Message) -> Task<AppMessage> {
        match message {
            Message::Listed(result) => {
                self.shared.camera.picker.listing = false;
                match result {
                    Ok(devices) => self.shared.camera.picker.options = options(&devices),
                    Err(error) => {
                        // No list means no picker; the camera screens say what is wrong.
                        eprintln!("qoltanba: cannot list the cameras: {error}");
                        self.shared.camera.picker.options.clear();
                    }
                }
                Task::none()
            }
            Message::Picked(option) => {
                let choice = CameraChoice::Device(option.id.clone());
                if self.shared.config.camera_from_cli || self.shared.config.camera == choice {
                    return Task::none();
                }
                self.shared.config.camera = choice;
                // A kiosk's camera is the operator's (the panel stores it); a visitor's pick
                // holds for the visit and is never written.
                let settings = match self.kiosk {
                    Some(_) => None,
                    None => self.shared.config.settings_path.clone(),
                };
                let save = match settings {
                    Some(path) => Task::perform(
                        async move {
                            tokio::task::spawn_blocking(move || {
                                crate::config::save_camera(&path, &option.id)
                            })
                            .await
                            .unwrap_or_else(|e| {
                                Err(SettingsError::Unwritable {
                                    path: Default::default(),
                                    reason: e.to_string(),
                                })
                            })
                        },
                        |result| AppMessage::Cameras(Message::Saved(result)),
                    ),
                    None => Task::none(),
                };
                // The camera in use is released and the chosen one opened.
                Task::batch([save, self.reconcile_camera()])
            }
            Message::Saved(result) => {
                if let Err(error) = &result {
                    eprintln!("qoltanba: the camera choice was not stored: {error}");
                }
                self.shared.camera.picker.not_saved = result.err();
                Task::none()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qoltanba_camera::DeviceId;

    fn device(id: DeviceId, name: &str) -> DeviceInfo {
        DeviceInfo {
            id,
            name: name.into(),
            description: String::new(),
        }
    }

    #[test]
    fn twins_are_told_apart_and_the_default_is_the_first_camera() {
        let list = options(&[
            device(DeviceId::Index(0), "Integrated Camera"),
            device(DeviceId::Index(2), "USB Camera"),
            device(DeviceId::Index(4), "USB Camera"),
        ]);
        let labels: Vec<&str> = list.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Integrated Camera", "USB Camera (#2)", "USB Camera (#4)"]
        );
        assert_eq!(
            selected(&list, &CameraChoice::Default).map(|o| o.id.as_str()),
            Some("#0")
        );
        assert_eq!(
            selected(&list, &CameraChoice::Device("#4".into())).map(|o| o.label.as_str()),
            Some("USB Camera (#4)")
        );
        assert_eq!(selected(&list, &CameraChoice::Device("#9".into())), None);
    }
}
