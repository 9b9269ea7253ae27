//! Shared by the integration tests: an app connected to a fresh embedded sandbox, and a way to
//! run the app's tasks as the iced runtime would.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;

use futures::StreamExt;
use iced::Task;
use iced_runtime::Action;

use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::cli::Cli;
use qoltanba::config::{Config, Settings};
use qoltanba::i18n::Language;
use qoltanba_sandbox::Citizen;

/// Runs a task and every task its messages produce, until nothing is left.
pub async fn run(app: &mut App, task: Task<Message>) {
    let mut queue = VecDeque::from([task]);
    while let Some(task) = queue.pop_front() {
        let Some(mut stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        while let Some(action) = stream.next().await {
            if let Action::Output(message) = action {
                queue.push_back(app.update(message));
            }
        }
    }
}

pub async fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    run(app, task).await;
}

pub fn config(lang: Language, data: &tempfile::TempDir, service_url: Option<&str>) -> Config {
    let cli = Cli {
        lang: Some(lang),
        service_url: service_url.map(str::to_owned),
        ..Cli::default()
    };
    Config::merge(
        Settings::default(),
        &cli,
        data.path().to_path_buf(),
        None,
        Vec::new(),
    )
}

/// An app on `step`, connected to its own embedded sandbox in `data`.
pub async fn connected_app(data: &tempfile::TempDir, lang: Language, step: Step) -> App {
    let mut app = App::new(config(lang, data, None)).at(step);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(app.is_service_ready(), "the embedded sandbox did not start");
    app
}

pub fn citizen(registered: bool) -> &'static Citizen {
    qoltanba_sandbox::citizens()
        .iter()
        .find(|c| c.phone.is_some() == registered)
        .unwrap_or_else(|| panic!("no fixture citizen with registered = {registered}"))
}
