//! Tests of the settings file, the command line and how they merge.

use super::*;

#[test]
fn a_kiosk_needs_an_operator_code_and_a_service_url_unless_it_is_a_demo() {
    let mut config = Config::merge(
        Settings::default(),
        &Cli::default(),
        std::env::temp_dir(),
        None,
        Vec::new(),
    );
    assert_eq!(config.kiosk_problem(), None, "a desktop needs neither");
    config.kiosk = true;
    assert_eq!(config.kiosk_problem(), Some(KioskProblem::NoOperatorCode));
    config.operator_code = Some(CodeHash::new("482913").unwrap());
    assert_eq!(config.kiosk_problem(), Some(KioskProblem::NoServiceUrl));
    config.demo_sandbox = true;
    assert_eq!(config.kiosk_problem(), None);
    config.demo_sandbox = false;
    config.service = Service::Remote("https://issuance.example.kz".into());
    assert_eq!(config.kiosk_problem(), None);
}
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
fn the_chosen_camera_is_stored_keeping_the_rest_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conf").join("settings.toml");
    save_camera(&path, "#1").unwrap();
    assert_eq!(read_settings(&path).unwrap().camera.as_deref(), Some("#1"));
    std::fs::write(
        &path,
        "# chosen by the service desk\nlanguage = \"kk\"\ncamera = \"#1\"\n",
    )
    .unwrap();
    save_camera(&path, "USB Camera").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# chosen by the service desk"), "{text}");
    let settings = read_settings(&path).unwrap();
    assert_eq!(settings.camera.as_deref(), Some("USB Camera"));
    assert_eq!(settings.language, Some(Language::Kk));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The command line still wins over what was stored.
    let config = Config::merge(
        read_settings(&path).unwrap(),
        &cli(&["--camera", "synthetic"]),
        "/d".into(),
        None,
        vec![],
    );
    assert_eq!(config.camera, CameraChoice::Synthetic);
    assert!(config.camera_from_cli);
    let config = Config::merge(
        read_settings(&path).unwrap(),
        &cli(&[]),
        "/d".into(),
        None,
        vec![],
    );
    assert_eq!(config.camera, CameraChoice::Device("USB Camera".into()));
    assert!(!config.camera_from_cli);
    // A broken file is not overwritten.
    std::fs::write(&path, "language = [broken").unwrap();
    assert_eq!(
        save_camera(&path, "#0"),
        Err(SettingsError::Broken { path: path.clone() })
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "language = [broken"
    );
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

#[test]
fn only_ca_and_insecure_http_come_from_the_command_line_or_the_file() {
    use clap::Parser;
    let cli = Cli::try_parse_from([
        "qoltanba",
        "--only-ca",
        "/etc/qoltanba/pinned.pem",
        "--insecure-http",
    ])
    .unwrap();
    let config = Config::merge(
        Settings::default(),
        &cli,
        std::env::temp_dir(),
        None,
        Vec::new(),
    );
    assert_eq!(
        config.only_ca,
        Some(PathBuf::from("/etc/qoltanba/pinned.pem"))
    );
    assert!(config.insecure_http);
    let settings: Settings = toml::from_str("only_ca = \"/etc/ca.pem\"\n").unwrap();
    let config = Config::merge(
        settings,
        &Cli::default(),
        std::env::temp_dir(),
        None,
        Vec::new(),
    );
    assert_eq!(config.only_ca, Some(PathBuf::from("/etc/ca.pem")));
    assert!(!config.insecure_http, "off unless asked for");
    assert!(
        Cli::try_parse_from(["qoltanba", "--only-ca", "a.pem", "--ca-file", "b.pem"]).is_err(),
        "adding to the system's roots and trusting only one CA contradict each other"
    );
}
