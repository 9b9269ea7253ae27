//! Shared by the device tests: the wizard on SoftHSM2 tokens (its configuration, connected to
//! its own sandbox), picking a token, the screen, and the objects on a token as
//! `pkcs11-tool` lists them.

use std::path::Path;

use iced::Settings;
use iced_test::Simulator;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::{devices, storage};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::cli::Cli;
use qoltanba::config::{Config, Settings as AppSettings};
use qoltanba::i18n::Language;

use crate::common::{run, send};
use crate::softhsm::SoftHsm;

pub const PIN: &str = "40917263";

pub fn config(lang: Language, data: &Path, module: &Path) -> Config {
    let cli = Cli {
        lang: Some(lang),
        module: vec![module.to_path_buf()],
        ..Cli::default()
    };
    Config::merge(
        AppSettings::default(),
        &cli,
        data.to_path_buf(),
        None,
        Vec::new(),
    )
}

pub async fn connected(config: Config, step: Step) -> App {
    let mut app = App::new(config).at(step);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(
        app.snapshot().service.reached,
        "the embedded sandbox did not start"
    );
    app
}

pub fn device(message: devices::Message) -> Message {
    Message::Step(StepMessage::Storage(storage::Message::Device(message)))
}

/// The position of the token labelled `label` in the picker.
pub fn position(app: &App, label: &str) -> usize {
    app.snapshot()
        .devices
        .listed
        .iter()
        .position(|token| token.label == label)
        .unwrap_or_else(|| panic!("{label} is listed: {:?}", app.snapshot().devices.listed))
}

/// Picks the token labelled `label` in the picker.
pub async fn pick(app: &mut App, label: &str) {
    let index = position(app, label);
    send(app, device(devices::Message::Picked(index))).await;
}

pub fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_settings(
        Settings {
            fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
            default_font: theme::FONT,
            ..Settings::default()
        },
        app.view(),
    )
}

/// One object as `pkcs11-tool --list-objects` prints it.
#[derive(Debug)]
pub struct Object {
    pub kind: String,
    pub label: String,
    pub id: String,
    pub access: String,
}

pub fn objects(hsm: &SoftHsm, token: &str, pin: &str) -> Vec<Object> {
    let listing = hsm
        .pkcs11_tool(token, &["--login", "--pin", pin, "--list-objects"])
        .unwrap();
    let mut objects: Vec<Object> = Vec::new();
    for line in listing.lines() {
        if !line.starts_with(char::is_whitespace) && !line.trim().is_empty() {
            objects.push(Object {
                kind: line.split(';').next().unwrap_or_default().trim().to_owned(),
                label: String::new(),
                id: String::new(),
                access: String::new(),
            });
        } else if let (Some(object), Some((key, value))) =
            (objects.last_mut(), line.split_once(':'))
        {
            let value = value.trim().to_owned();
            match key.trim() {
                "label" => object.label = value,
                "ID" => object.id = value,
                "Access" => object.access = value,
                _ => {}
            }
        }
    }
    objects
}
