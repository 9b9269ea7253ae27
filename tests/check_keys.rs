//! "Check my keys" from the first screen, in Russian and Kazakh: the real НУЦ GOST kit
//! (fixtures/nca) picked by path, its password typed, the inspect report shown; and the done
//! screen saying each installed key was tried.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use common::send;
use iced::Settings;
use iced_test::selector::id;
use iced_test::{Error, Simulator};
use qoltanba::app::screen::{StepMessage, check_keys, done, welcome};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message, theme};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::pki::KitTrial;
use qoltanba_core::pki::inspect::inspect_pkcs12;
use qoltanba_core::store::InstalledKeys;

const KIT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/nca/individual_valid.p12"
);

fn settings() -> Settings {
    Settings {
        fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
        default_font: theme::FONT,
        ..Settings::default()
    }
}

async fn deliver(app: &mut App, messages: Vec<Message>) {
    for message in messages {
        send(app, message).await;
    }
}

async fn check_in(lang: Language) -> Result<(), Error> {
    let data = tempfile::tempdir().unwrap();
    let config = common::config(lang, &data, None);
    let mut app = App::new(config).at(Step::Welcome);
    {
        // The choice is on the first screen (below the fold of the test window, so the
        // message its button sends is delivered directly).
        let mut ui = Simulator::with_settings(settings(), app.view());
        let _ = ui.find(t!(lang, "welcome-check-keys").as_str())?;
    }
    let choose = welcome::Message::Activate(welcome::Action::CheckKeys);
    send(&mut app, Message::Step(StepMessage::Welcome(choose))).await;
    assert_eq!(app.snapshot().step, Step::CheckKeys);
    for (field, value) in [
        (check_keys::PATH_ID, KIT),
        (check_keys::PASSWORD_ID, "Qwerty12"),
    ] {
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_settings(settings(), app.view());
            let _ = ui.click(id(field))?;
            let _ = ui.typewrite(value);
            ui.into_messages().collect()
        };
        deliver(&mut app, messages).await;
    }
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_settings(settings(), app.view());
        let _ = ui.click(t!(lang, "check-keys-check").as_str())?;
        ui.into_messages().collect()
    };
    deliver(&mut app, messages).await;
    let info = inspect_pkcs12(&std::fs::read(KIT).unwrap(), "Qwerty12").unwrap();
    let report = qoltanba::inspect::render(&info, lang);
    assert!(report.contains(&t!(lang, "inspect-key-matches")));
    assert!(report.contains(&t!(lang, "inspect-algorithm-gost")));
    let mut ui = Simulator::with_settings(settings(), app.view());
    let _ = ui.find(t!(lang, "check-keys-done").as_str())?;
    let _ = ui.find(report.as_str())?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_my_keys_describes_the_real_nuc_kit_in_russian() -> Result<(), Error> {
    check_in(Language::Ru).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_my_keys_describes_the_real_nuc_kit_in_kazakh() -> Result<(), Error> {
    check_in(Language::Kk).await
}

fn tried_text(lang: Language, trials: [KitTrial; 2]) -> String {
    let line = |trial| match trial {
        KitTrial::Verified => t!(lang, "done-key-tried-ok"),
        KitTrial::Mismatch => t!(lang, "done-key-tried-failed"),
        KitTrial::NoUsableKey => t!(lang, "done-key-tried-unusable"),
    };
    format!(
        "{}\n{} — {}\n{} — {}",
        t!(lang, "done-key-tried"),
        t!(lang, "inspect-role-auth"),
        line(trials[0]),
        t!(lang, "inspect-role-sign"),
        line(trials[1]),
    )
}

/// What an RSA installation reports: the AUTH file, then the signing one.
fn rsa_files(paths: [&str; 2], trials: [KitTrial; 2]) -> InstalledKeys {
    InstalledKeys {
        algorithm: qoltanba_core::protocol::KeyAlgorithm::Rsa2048,
        files: paths
            .into_iter()
            .zip(trials)
            .map(|(path, trial)| qoltanba_core::store::InstalledFile {
                path: path.into(),
                trial,
            })
            .collect(),
    }
}

#[test]
fn the_done_screen_says_each_key_was_tried() -> Result<(), Error> {
    for lang in [Language::Ru, Language::Kk] {
        for trials in [
            [KitTrial::Verified; 2],
            [KitTrial::Verified, KitTrial::Mismatch],
        ] {
            let files = rsa_files(
                ["/home/a/AUTH_RSA256_1.p12", "/home/a/RSA256_1.p12"],
                trials,
            );
            let mut ui = Simulator::with_settings(
                settings(),
                done::view(lang, Some(&files), None, &[], false),
            );
            let _ = ui.find(tried_text(lang, trials).as_str())?;
        }
    }
    Ok(())
}

/// Writes docs/screenshots pictures of "Check my keys" with the real kit's report and of the
/// done screen with the key check, in ru and kk (rendered by iced_test's tiny-skia renderer;
/// the file name gets the renderer's suffix). Run on purpose:
/// `cargo test -p qoltanba --test check_keys -- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by hand"]
async fn render_screenshots() -> Result<(), Error> {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    for (lang, code) in [(Language::Ru, "ru"), (Language::Kk, "kk")] {
        let data = tempfile::tempdir().unwrap();
        let mut app = App::new(common::config(lang, &data, None)).at(Step::CheckKeys);
        for (field, value) in [
            (check_keys::PATH_ID, KIT),
            (check_keys::PASSWORD_ID, "Qwerty12"),
        ] {
            let messages: Vec<Message> = {
                let mut ui = Simulator::with_settings(settings(), app.view());
                let _ = ui.click(id(field))?;
                let _ = ui.typewrite(value);
                ui.into_messages().collect()
            };
            deliver(&mut app, messages).await;
        }
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_settings(settings(), app.view());
            let _ = ui.click(t!(lang, "check-keys-check").as_str())?;
            ui.into_messages().collect()
        };
        deliver(&mut app, messages).await;
        let path = out.join(format!("check-keys-report-{code}.png"));
        let mut ui = Simulator::with_settings(Settings { ..settings() }, app.view());
        let _ = ui.snapshot(&theme::theme())?.matches_image(&path)?;
        let files = rsa_files(
            [
                "/home/aigerim/Ключи ЭЦП/AUTH_RSA256_5b1c….p12",
                "/home/aigerim/Ключи ЭЦП/RSA256_90fe….p12",
            ],
            [KitTrial::Verified; 2],
        );
        let mut ui =
            Simulator::with_settings(settings(), done::view(lang, Some(&files), None, &[], false));
        let _ = ui
            .snapshot(&theme::theme())?
            .matches_image(out.join(format!("done-key-check-{code}.png")))?;
    }
    Ok(())
}
