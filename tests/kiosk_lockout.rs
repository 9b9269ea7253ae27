//! The operator sign-in's lockout grows with each round of wrong codes and survives a restart
//! of the kiosk (pulling the plug gives a guesser no fresh tries); and the operator cannot
//! turn a real kiosk into a sandbox one by saving an empty service address.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::{config, send};
use qoltanba::app::kiosk::{self, operator};
use qoltanba::app::{App, Message};
use qoltanba::config::{CameraChoice, Config};
use qoltanba::i18n::Language;
use qoltanba_core::kiosk::code::CodeHash;

const OPERATOR_CODE: &str = "482913";

fn kiosk_config(data: &tempfile::TempDir) -> Config {
    let mut config = config(Language::Ru, data, None);
    config.kiosk = true;
    config.camera = CameraChoice::Synthetic;
    config.operator_code = Some(CodeHash::new(OPERATOR_CODE).unwrap());
    config.settings_path = Some(data.path().join("settings.toml"));
    config
}

fn panel_open(app: &App) -> bool {
    app.snapshot()
        .kiosk
        .is_some_and(|kiosk| kiosk.operator_panel_open)
}

fn op(message: operator::Message) -> Message {
    Message::Kiosk(kiosk::Message::Operator(message))
}

async fn try_code(app: &mut App, code: &str) {
    send(app, op(operator::Message::Open)).await;
    send(app, op(operator::Message::CodeChanged(code.into()))).await;
    send(app, op(operator::Message::SubmitCode)).await;
}

async fn five_wrong_codes(app: &mut App) {
    for _ in 0..operator::ATTEMPTS {
        try_code(app, "000000").await;
    }
}

async fn tick_after(app: &mut App, later: Duration) {
    send(
        app,
        Message::Kiosk(kiosk::Message::Tick(Instant::now() + later)),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lockout_survives_a_restart_and_grows() {
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(kiosk_config(&data));
    five_wrong_codes(&mut app).await;
    try_code(&mut app, OPERATOR_CODE).await;
    assert!(!panel_open(&app), "locked after five wrong codes");

    // The kiosk is restarted (or the plug pulled): still locked, even for the right code.
    drop(app);
    let mut app = App::new(kiosk_config(&data));
    try_code(&mut app, OPERATOR_CODE).await;
    assert!(!panel_open(&app), "a restart lifted the lockout");

    // After the first minute the sign-in opens again; five more wrong codes lock it for
    // longer than a minute this time.
    tick_after(&mut app, Duration::from_secs(61)).await;
    five_wrong_codes(&mut app).await;
    tick_after(&mut app, Duration::from_secs(61 + 90)).await;
    try_code(&mut app, OPERATOR_CODE).await;
    assert!(
        !panel_open(&app),
        "the second lockout lasted no longer than the first"
    );
    tick_after(&mut app, Duration::from_secs(61 + 5 * 60 + 1)).await;
    try_code(&mut app, OPERATOR_CODE).await;
    assert!(panel_open(&app), "the second lockout did not end");

    // The right code forgives everything, also after a restart.
    drop(app);
    let mut app = App::new(kiosk_config(&data));
    try_code(&mut app, OPERATOR_CODE).await;
    assert!(panel_open(&app));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_panel_refuses_an_empty_service_address_on_a_real_kiosk() {
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(kiosk_config(&data));
    try_code(&mut app, OPERATOR_CODE).await;
    assert!(panel_open(&app));
    send(&mut app, op(operator::Message::UrlChanged(String::new()))).await;
    send(&mut app, op(operator::Message::Save)).await;
    assert!(
        !data.path().join("settings.toml").exists(),
        "an empty address (the embedded sandbox) is not saved for a real kiosk"
    );
    let address = "https://issuance.example.kz".to_owned();
    send(&mut app, op(operator::Message::UrlChanged(address))).await;
    send(&mut app, op(operator::Message::Save)).await;
    let saved = std::fs::read_to_string(data.path().join("settings.toml")).unwrap();
    assert!(
        saved.contains("service_url = \"https://issuance.example.kz\""),
        "{saved}"
    );
}
