//! Settings: a TOML file in the OS configuration directory, overridden by the command line.
//! A broken or unreadable file never stops the app: it is reported and defaults are used.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use qoltanba_core::kiosk::code::CodeHash;
use qoltanba_core::kiosk::idle;
use serde::{Deserialize, Serialize};

use crate::cli::Cli;
use crate::i18n::Language;

/// What the settings file may hold. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub language: Option<Language>,
    pub service_url: Option<String>,
    /// Extra trust anchors (PEM) for the service's TLS certificate.
    pub ca_file: Option<PathBuf>,
    /// The only trust anchors (PEM) for the service's TLS certificate.
    pub only_ca: Option<PathBuf>,
    /// Allow plain http:// to a service on another computer (labs).
    pub insecure_http: bool,
    pub kiosk: bool,
    pub camera: Option<String>,
    pub data_dir: Option<PathBuf>,
    /// PKCS#11 modules to load besides the known vendor ones (a Kaztoken, AKey or ID-card
    /// module, for example): `modules = ["/usr/lib/libvendor-pkcs11.so"]`.
    pub modules: Vec<PathBuf>,
    /// Kiosk: the operator code's salted hash (`qoltanba operator-code` writes it).
    pub operator_code: Option<String>,
    /// Kiosk: seconds without a touch before the visitor is asked and then everything is reset.
    pub idle_timeout_secs: Option<u64>,
    /// Kiosk: run on the embedded sandbox on purpose (a demonstration; it keeps what visitors
    /// upload in its data folder, so a real kiosk needs `service_url`).
    pub demo_sandbox: bool,
    /// Text size in percent, 100 to 200 (the window is drawn this much larger).
    pub text_size: Option<u16>,
    /// The high-contrast colours.
    pub high_contrast: bool,
}

/// Which camera to use: the system default, one device by id, or the built-in synthetic
/// source used by tests and demos.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CameraChoice {
    #[default]
    Default,
    Device(String),
    Synthetic,
}

impl FromStr for CameraChoice {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value.trim() {
            "" | "default" => CameraChoice::Default,
            "synthetic" => CameraChoice::Synthetic,
            id => CameraChoice::Device(id.to_owned()),
        })
    }
}

/// Where the issuance service lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Service {
    /// The sandbox, started inside the app on loopback (a build without the `sandbox` feature
    /// has none and says so: `service::ConnectError::NoServiceUrl`).
    EmbeddedSandbox,
    /// A remote service at this base URL.
    Remote(String),
}

/// The effective configuration after the file and the command line are merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub language: Language,
    pub service: Service,
    /// Extra trust anchors (PEM) for a remote service.
    pub ca_file: Option<PathBuf>,
    /// Trust only these anchors (PEM) for a remote service.
    pub only_ca: Option<PathBuf>,
    /// Plain http:// allowed to a remote service on another computer.
    pub insecure_http: bool,
    pub kiosk: bool,
    pub camera: CameraChoice,
    /// The camera was named on the command line: it wins over the settings file, and the
    /// camera picker is not offered.
    pub camera_from_cli: bool,
    /// The camera thread's clock: the system clock, or in tests a manual one that plays the
    /// synthetic camera in simulated time.
    pub camera_clock: qoltanba_camera::Clock,
    /// Where the settings file lives (the camera picker and the kiosk operator panel write
    /// there); `None` when the OS gives no configuration directory.
    pub settings_path: Option<PathBuf>,
    /// The document screen opens with the card camera for this side (`--screen-card`,
    /// screenshots and support).
    pub screen_card: Option<qoltanba_core::protocol::DocumentSide>,
    pub data_dir: PathBuf,
    /// Extra PKCS#11 modules: the settings file's, then those given with `--module`.
    pub modules: Vec<PathBuf>,
    /// Kiosk: the hash of the operator code; without one the kiosk does not start.
    pub operator_code: Option<CodeHash>,
    /// Kiosk: the embedded sandbox was asked for on purpose (`--demo-sandbox`).
    pub demo_sandbox: bool,
    /// Kiosk: how long a visitor may be idle before the reset.
    pub idle_timeout: Duration,
    /// Problems found while reading the settings; shown to the user, never fatal.
    pub warnings: Vec<ConfigWarning>,
    /// Text size in percent, 100 to 200 (see `app::display`).
    pub text_size: u16,
    pub high_contrast: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigWarning {
    /// The settings file exists but could not be read or parsed.
    UnreadableSettings { path: PathBuf, reason: String },
    /// The service URL is not an http(s) URL; the sandbox is used instead.
    InvalidServiceUrl { url: String },
    /// The stored operator code is not a hash this app wrote.
    InvalidOperatorCode,
}

/// Why a kiosk does not start as configured (it exits with EX_CONFIG, see packaging/).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskProblem {
    /// Nobody could leave or configure it.
    NoOperatorCode,
    /// No service address: falling back to the embedded sandbox would keep every visitor's
    /// selfie, video, card photos and phone in its data folder.
    NoServiceUrl,
}

impl Config {
    /// Whether this kiosk may start (always `None` on a desktop).
    pub fn kiosk_problem(&self) -> Option<KioskProblem> {
        if !self.kiosk {
            return None;
        }
        if self.operator_code.is_none() {
            return Some(KioskProblem::NoOperatorCode);
        }
        if self.service == Service::EmbeddedSandbox && !self.demo_sandbox {
            return Some(KioskProblem::NoServiceUrl);
        }
        None
    }

    /// Reads the settings file from the OS location and merges the command line over it.
    pub fn load(cli: &Cli) -> Config {
        let dirs = directories::ProjectDirs::from("kz", "Qoltanba", "Qoltanba");
        let settings_path = cli
            .settings
            .clone()
            .or_else(|| settings_path(dirs.as_ref()));
        // The local (not roaming) data folder: pending keys, photos and the video stay on this
        // PC (Windows: %LOCALAPPDATA%\Qoltanba\Qoltanba\data; the same folder as data_dir on
        // Linux and macOS). Settings stay in the roaming config folder (%APPDATA%).
        let default_data = dirs
            .as_ref()
            .map(|d| d.data_local_dir().to_path_buf())
            .unwrap_or_else(|| std::env::temp_dir().join("qoltanba"));
        let mut warnings = Vec::new();
        let settings = match &settings_path {
            Some(path) => read_settings(path).unwrap_or_else(|warning| {
                warnings.extend(warning);
                Settings::default()
            }),
            None => Settings::default(),
        };
        let mut config = Config::merge(settings, cli, default_data, Language::from_os(), warnings);
        config.settings_path = settings_path;
        config
    }

    /// The merge rules, kept pure for tests: the command line wins over the file, the file
    /// over the OS, and Russian is the last resort.
    pub fn merge(
        settings: Settings,
        cli: &Cli,
        default_data_dir: PathBuf,
        os_language: Option<Language>,
        mut warnings: Vec<ConfigWarning>,
    ) -> Config {
        let language = cli
            .lang
            .or(settings.language)
            .or(os_language)
            .unwrap_or(Language::Ru);
        let url = cli.service_url.clone().or(settings.service_url);
        let service = match url {
            Some(url) if is_http_url(&url) => Service::Remote(url.trim_end_matches('/').to_owned()),
            Some(url) => {
                warnings.push(ConfigWarning::InvalidServiceUrl { url });
                Service::EmbeddedSandbox
            }
            None => Service::EmbeddedSandbox,
        };
        let camera = cli
            .camera
            .clone()
            .or(settings.camera)
            .map(|value| value.parse().unwrap_or_default())
            .unwrap_or_default();
        let operator_code = settings.operator_code.as_deref().and_then(|stored| {
            let parsed = CodeHash::parse(stored);
            if parsed.is_none() {
                warnings.push(ConfigWarning::InvalidOperatorCode);
            }
            parsed
        });
        let idle_timeout = settings
            .idle_timeout_secs
            .map_or(idle::DEFAULT_TIMEOUT, |secs| {
                idle::clamp(Duration::from_secs(secs))
            });
        Config {
            text_size: clamp_text_size(settings.text_size.unwrap_or(TEXT_SIZE_MIN)),
            high_contrast: settings.high_contrast,
            operator_code,
            demo_sandbox: cli.demo_sandbox || settings.demo_sandbox,
            idle_timeout,
            language,
            service,
            ca_file: cli.ca_file.clone().or(settings.ca_file),
            only_ca: cli.only_ca.clone().or(settings.only_ca),
            insecure_http: cli.insecure_http || settings.insecure_http,
            kiosk: cli.kiosk || settings.kiosk,
            camera,
            camera_from_cli: cli.camera.is_some(),
            camera_clock: qoltanba_camera::Clock::System,
            settings_path: None,
            screen_card: cli.screen_card.map(Into::into),
            data_dir: cli
                .data_dir
                .clone()
                .or(settings.data_dir)
                .unwrap_or(default_data_dir),
            modules: settings
                .modules
                .into_iter()
                .chain(cli.module.iter().cloned())
                .collect(),
            warnings,
        }
    }
}

pub const TEXT_SIZE_MIN: u16 = 100;
pub const TEXT_SIZE_MAX: u16 = 200;
pub const TEXT_SIZE_STEP: u16 = 25;

/// A stored or typed text size brought into 100..=200 (percent), to the nearest step.
pub fn clamp_text_size(percent: u16) -> u16 {
    let stepped = (percent.saturating_add(TEXT_SIZE_STEP / 2) / TEXT_SIZE_STEP) * TEXT_SIZE_STEP;
    stepped.clamp(TEXT_SIZE_MIN, TEXT_SIZE_MAX)
}

/// The settings file's usual place: the OS configuration directory.
fn settings_path(dirs: Option<&directories::ProjectDirs>) -> Option<PathBuf> {
    dirs.map(|d| d.config_dir().join("settings.toml"))
}

/// Whether `url` can be the issuance service's address.
pub fn is_service_url(url: &str) -> bool {
    is_http_url(url)
}

fn is_http_url(url: &str) -> bool {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(host) if !host.is_empty() && !host.starts_with('/') && !host.contains(char::is_whitespace))
}

/// Why a choice could not be stored in the settings file (it still holds for this run).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The file is not valid TOML; it is left alone rather than overwritten.
    #[error("{path} is not valid TOML; it was left unchanged")]
    Broken { path: PathBuf },
    /// The file or its folder could not be written.
    #[error("cannot write {path}: {reason}")]
    Unwritable { path: PathBuf, reason: String },
}

/// Remembers the chosen camera (`camera = "…"`) in the settings file, keeping everything else
/// in it, comments included. Blocking: call it off the UI thread.
pub fn save_camera(path: &Path, camera: &str) -> Result<(), SettingsError> {
    edit_settings(path, |document| {
        document["camera"] = toml_edit::value(camera)
    })
}

/// Changes the settings file with `change`, keeping everything else in it, comments included.
/// A file that is not valid TOML is left alone. Written atomically (temporary file in the same
/// folder, fsync, rename), owner-only on Unix. Blocking: call it off the UI thread.
pub fn edit_settings(
    path: &Path,
    change: impl FnOnce(&mut toml_edit::DocumentMut),
) -> Result<(), SettingsError> {
    let unwritable = |error: std::io::Error| SettingsError::Unwritable {
        path: path.to_path_buf(),
        reason: error.to_string(),
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(unwritable(error)),
    };
    let mut document: toml_edit::DocumentMut = text.parse().map_err(|_| SettingsError::Broken {
        path: path.to_path_buf(),
    })?;
    change(&mut document);
    qoltanba_core::store::write_private(path, document.to_string().as_bytes()).map_err(unwritable)
}

/// The settings file's place, or why there is none.
pub fn settings_file(path: Option<&Path>) -> Result<&Path, SettingsError> {
    path.ok_or_else(|| SettingsError::Unwritable {
        path: PathBuf::from("settings.toml"),
        reason: "the system has no configuration folder".into(),
    })
}

/// `Ok(settings)` when the file is fine or absent; `Err` with a warning when it is broken.
fn read_settings(path: &Path) -> Result<Settings, Option<ConfigWarning>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Settings::default());
        }
        Err(error) => {
            return Err(Some(ConfigWarning::UnreadableSettings {
                path: path.to_path_buf(),
                reason: error.to_string(),
            }));
        }
    };
    toml::from_str(&text).map_err(|error| {
        Some(ConfigWarning::UnreadableSettings {
            path: path.to_path_buf(),
            reason: error.message().to_owned(),
        })
    })
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
