//! Low vision: Ctrl+= / Ctrl+- change the text size (100% to 200%), the first screen's
//! checkbox switches high contrast, both are written to settings.toml and read at the next
//! start; at 200% in a 1024×768 window every step's header and navigation stay inside it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::config;
use common::keys::{events, key_press, tab_to, tap};
use iced::Settings;
use iced::keyboard::{Key, Modifiers, key::Named};
use iced_test::Simulator;
use qoltanba::app::step::Step;
use qoltanba::app::{App, display, theme};
use qoltanba::i18n::Language;
use qoltanba::t;

async fn ctrl(app: &mut App, c: &str) {
    events(
        app,
        key_press(Key::Character(c.into()), Modifiers::CTRL, None),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_size_and_high_contrast_by_keyboard_are_remembered() {
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.toml");
    let mut first = config(Language::Kk, &data, None);
    first.settings_path = Some(settings.clone());
    let mut app = App::new(first);
    assert_eq!(app.scale_factor(), 1.0);
    for _ in 0..6 {
        ctrl(&mut app, "=").await;
    }
    assert_eq!(app.scale_factor(), 2.0, "200% is the most");
    ctrl(&mut app, "-").await;
    assert_eq!(app.scale_factor(), 1.75);
    tab_to(&mut app, display::CONTRAST_ID).await;
    tap(&mut app, Named::Space).await;

    let written = std::fs::read_to_string(&settings).unwrap();
    let read: qoltanba::config::Settings = toml::from_str(&written).unwrap();
    assert_eq!(read.text_size, Some(175));
    assert!(read.high_contrast);
    // The next start reads them.
    let again = qoltanba::config::Config::merge(
        read,
        &qoltanba::cli::Cli::default(),
        data.path().to_path_buf(),
        None,
        Vec::new(),
    );
    assert_eq!((again.text_size, again.high_contrast), (175, true));
    assert!(
        App::new(again)
            .theme()
            .to_string()
            .contains("high contrast")
    );
    ctrl(&mut app, "0").await;
    assert_eq!(app.scale_factor(), 1.0);
}

/// Every step at 200% in a 1024×768 window (512×384 in layout pixels): the header's
/// language buttons, the step's title and the navigation's Back / Next are all inside the
/// window's width, none cut off at its right edge.
/// Connected to the embedded sandbox, so the header carries its badge too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_200_percent_every_step_fits_the_width_of_a_1024_window() {
    for lang in [Language::Ru, Language::Kk] {
        for step in Step::ALL {
            let data = tempfile::tempdir().unwrap();
            let mut settings = config(lang, &data, None);
            settings.text_size = 200;
            let mut app = App::new(settings).at(step);
            let connect = app.connect();
            common::run(&mut app, connect).await;
            assert!(app.snapshot().service.reached);
            let scale = app.scale_factor();
            let window = iced::Size::new(1024.0 / scale, 768.0 / scale);
            let mut labels: Vec<String> = Language::ALL
                .iter()
                .map(|l| l.short_name().to_owned())
                .collect();
            if step.can_go_back() {
                labels.push(t!(lang, "nav-back"));
            }
            // Each label's own width, laid out with room to spare, then in the window.
            let natural = widths(&app, iced::Size::new(4096.0, window.height), &labels);
            let fitted = widths(&app, window, &labels);
            for ((_, wide), (label, bounds)) in natural.into_iter().zip(fitted) {
                assert!(
                    bounds.x >= 0.0
                        && bounds.x + bounds.width <= window.width + 0.5
                        && bounds.width + 0.5 >= wide.width,
                    "{step:?} {lang:?}: {label} at {bounds:?} (needs {} wide) is cut by the {} \
                     wide window",
                    wide.width,
                    window.width
                );
            }
        }
    }
}

/// Where each label is laid out in a window of `size`.
fn widths(app: &App, size: iced::Size, labels: &[String]) -> Vec<(String, iced::Rectangle)> {
    let mut ui = Simulator::with_size(
        Settings {
            fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
            default_font: theme::FONT,
            ..Settings::default()
        },
        size,
        app.view(),
    );
    labels
        .iter()
        .map(|label| {
            let found = ui
                .find(label.as_str())
                .unwrap_or_else(|_| panic!("{label} missing"));
            // The layout's own bounds, not clipped to the window: a cut label shows here.
            (label.clone(), iced_test::selector::Bounded::bounds(&found))
        })
        .collect()
}
