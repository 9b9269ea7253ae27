//! "Choose folder…" and "Choose a file" where nothing can show a dialog (a bare X session:
//! no desktop portal with a file chooser, no zenity): the step says so in the citizen's
//! language, points to the path field and puts the keyboard there, instead of doing nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::config;
use common::keys::{press, simulator};
use qoltanba::app::App;
use qoltanba::app::dialog::Environment;
use qoltanba::app::step::Step;
use qoltanba::i18n::Language;
use qoltanba::t;

fn bare_session(lang: Language, data: &tempfile::TempDir, step: Step) -> App {
    App::new(config(lang, data, None))
        .at(step)
        .with_dialogs(Environment::default())
}

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choose_folder_without_a_dialog_says_so_and_points_to_the_path_field() {
    for lang in [Language::Ru, Language::Kk] {
        for (step, button, field) in [
            (Step::Storage, "storage::Message:Browse", "folder-input"),
            (Step::Install, "install::Message:Browse", "install-folder"),
        ] {
            let data = tempfile::tempdir().unwrap();
            let mut app = bare_session(lang, &data, step);
            let message = t!(lang, "a11y-no-folder-dialog");
            assert!(!shows(&app, &message), "{step:?}: said before the press");
            press(&mut app, button).await;
            assert!(shows(&app, &message), "{step:?} in {lang:?}: nothing said");
            assert_eq!(app.snapshot().step, step);
            // The keyboard is in the path field now: the next key goes there.
            let messages: Vec<_> = {
                let mut ui = simulator(&app);
                let _ = ui.typewrite("/");
                ui.into_messages().collect()
            };
            for m in messages {
                common::send(&mut app, m).await;
            }
            assert!(
                app.snapshot().focus.unwrap_or_default().contains(field),
                "{step:?}: the focus is not in {field}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choose_a_photo_file_without_a_dialog_says_so_at_the_path_field() {
    for lang in [Language::Ru, Language::Kk] {
        let data = tempfile::tempdir().unwrap();
        let mut app = bare_session(lang, &data, Step::Document);
        let message = t!(lang, "a11y-no-file-dialog");
        press(&mut app, "document::Message:Browse(Front)").await;
        assert!(shows(&app, &message), "{lang:?}: nothing said");
        assert!(shows(&app, &t!(lang, "document-path-label")));
    }
}
