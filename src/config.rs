//! Settings: a TOML file in the OS configuration directory, overridden by the command line.
//! A broken or unreadable file never stops the app: it is reported and defaults are used.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::app::kiosk::code::CodeHash;
use crate::app::kiosk::idle;
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
    /// The sandbox, started inside the app on loopback.
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
    pub kiosk: bool,
    pub camera: CameraChoice,
    pub data_dir: PathBuf,
    /// Extra PKCS#11 modules: the settings file's, then those given with `--module`.
    pub modules: Vec<PathBuf>,
    /// The settings file this configuration was read from (the operator panel writes it).
    pub settings_path: Option<PathBuf>,
    /// Kiosk: the hash of the operator code; without one the kiosk does not start.
    pub operator_code: Option<CodeHash>,
    /// Kiosk: how long a visitor may be idle before the reset.
    pub idle_timeout: Duration,
    /// Problems found while reading the settings; shown to the user, never fatal.
    pub warnings: Vec<ConfigWarning>,
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

impl Config {
    /// Reads the settings file from the OS location and merges the command line over it.
    pub fn load(cli: &Cli) -> Config {
        let dirs = directories::ProjectDirs::from("kz", "Qoltanba", "Qoltanba");
        let settings_path = cli
            .settings
            .clone()
            .or_else(|| settings_path(dirs.as_ref()));
        let default_data = dirs
            .as_ref()
            .map(|d| d.data_dir().to_path_buf())
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
            settings_path: None,
            operator_code,
            idle_timeout,
            language,
            service,
            ca_file: cli.ca_file.clone().or(settings.ca_file),
            kiosk: cli.kiosk || settings.kiosk,
            camera,
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

/// The settings file's usual place: the OS configuration directory.
fn settings_path(dirs: Option<&directories::ProjectDirs>) -> Option<PathBuf> {
    dirs.map(|d| d.config_dir().join("settings.toml"))
}

/// Why the settings could not be changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// There is no settings location on this system.
    #[error("there is no place for the settings file on this system")]
    NoLocation,
    /// The file is there but damaged; it is not overwritten, so nothing in it is lost.
    #[error("{path} could not be read: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path} could not be written: {reason}")]
    Write { path: PathBuf, reason: String },
}

/// Blocking: reads the settings file, applies `change` and writes it back atomically,
/// owner-only. A damaged file is left as it is.
pub fn update_settings(
    path: Option<&Path>,
    change: impl FnOnce(&mut Settings),
) -> Result<(), SaveError> {
    let path = path.ok_or(SaveError::NoLocation)?;
    let mut settings = read_settings(path).map_err(|warning| match warning {
        Some(ConfigWarning::UnreadableSettings { path, reason }) => {
            SaveError::Unreadable { path, reason }
        }
        _ => SaveError::Unreadable {
            path: path.to_path_buf(),
            reason: String::new(),
        },
    })?;
    change(&mut settings);
    let write_error = |reason: String| SaveError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let text = toml::to_string(&settings).map_err(|e| write_error(e.to_string()))?;
    crate::files::write_private(path, text.as_bytes()).map_err(|e| write_error(e.to_string()))
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
mod tests {
    use super::*;
    use clap::Parser;

    fn cli(args: &[&str]) -> Cli {
        Cli::parse_from(std::iter::once("qoltanba").chain(args.iter().copied()))
    }

    #[test]
    fn command_line_wins_over_file_and_os() {
        let settings = Settings {
            language: Some(Language::En),
            kiosk: false,
            data_dir: Some(PathBuf::from("/from/file")),
            ..Settings::default()
        };
        let config = Config::merge(
            settings,
            &cli(&[
                "--lang",
                "kk",
                "--data-dir",
                "/from/cli",
                "--camera",
                "synthetic",
            ]),
            PathBuf::from("/default"),
            Some(Language::Ru),
            Vec::new(),
        );
        assert_eq!(config.language, Language::Kk);
        assert_eq!(config.data_dir, PathBuf::from("/from/cli"));
        assert_eq!(config.camera, CameraChoice::Synthetic);
        assert_eq!(config.service, Service::EmbeddedSandbox);
    }

    #[test]
    fn modules_from_the_file_and_the_command_line_are_all_loaded() {
        let settings = Settings {
            modules: vec![PathBuf::from("/from/file.so")],
            ..Settings::default()
        };
        let config = Config::merge(
            settings,
            &cli(&["--module", "/a.so", "--module", "/b.so"]),
            "/d".into(),
            None,
            vec![],
        );
        assert_eq!(
            config.modules,
            ["/from/file.so", "/a.so", "/b.so"].map(PathBuf::from)
        );
    }

    #[test]
    fn file_then_os_then_russian() {
        let from_file = Settings {
            language: Some(Language::En),
            ..Settings::default()
        };
        let config = Config::merge(
            from_file,
            &cli(&[]),
            "/d".into(),
            Some(Language::Kk),
            vec![],
        );
        assert_eq!(config.language, Language::En);
        let config = Config::merge(
            Settings::default(),
            &cli(&[]),
            "/d".into(),
            Some(Language::Kk),
            vec![],
        );
        assert_eq!(config.language, Language::Kk);
        let config = Config::merge(Settings::default(), &cli(&[]), "/d".into(), None, vec![]);
        assert_eq!(config.language, Language::Ru);
        assert_eq!(config.data_dir, PathBuf::from("/d"));
    }

    #[test]
    fn service_url_is_validated() {
        let config = Config::merge(
            Settings::default(),
            &cli(&["--service-url", "https://issuance.example.kz/"]),
            "/d".into(),
            None,
            vec![],
        );
        assert_eq!(
            config.service,
            Service::Remote("https://issuance.example.kz".into())
        );
        let config = Config::merge(
            Settings::default(),
            &cli(&["--service-url", "ftp://nope"]),
            "/d".into(),
            None,
            vec![],
        );
        assert_eq!(config.service, Service::EmbeddedSandbox);
        assert_eq!(
            config.warnings,
            vec![ConfigWarning::InvalidServiceUrl {
                url: "ftp://nope".into()
            }]
        );
    }

    #[test]
    fn ca_file_comes_from_the_command_line_before_the_file() {
        let settings = Settings {
            ca_file: Some("/etc/qoltanba/ca.pem".into()),
            ..Settings::default()
        };
        let config = Config::merge(settings.clone(), &cli(&[]), "/d".into(), None, vec![]);
        assert_eq!(config.ca_file, Some(PathBuf::from("/etc/qoltanba/ca.pem")));
        let config = Config::merge(
            settings,
            &cli(&["--ca-file", "/tmp/other.pem"]),
            "/d".into(),
            None,
            vec![],
        );
        assert_eq!(config.ca_file, Some(PathBuf::from("/tmp/other.pem")));
    }

    #[test]
    fn broken_settings_file_is_a_warning_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "language = 42\n").unwrap();
        assert!(matches!(
            read_settings(&path),
            Err(Some(ConfigWarning::UnreadableSettings { .. }))
        ));
        std::fs::write(&path, "language = \"kk\"\nkiosk = true\n").unwrap();
        let settings = read_settings(&path).unwrap();
        assert_eq!(settings.language, Some(Language::Kk));
        assert!(settings.kiosk);
        std::fs::write(&path, "modules = [\"/opt/vendor/libpkcs11.so\"]\n").unwrap();
        assert_eq!(
            read_settings(&path).unwrap().modules,
            vec![PathBuf::from("/opt/vendor/libpkcs11.so")]
        );
        assert_eq!(
            read_settings(&dir.path().join("absent.toml")).unwrap(),
            Settings::default()
        );
    }
}
