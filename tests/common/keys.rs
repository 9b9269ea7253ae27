//! The keyboard as a person uses it, through iced_test's simulator and the app's own view:
//! key events go through the focus widgets and the key catcher, as in the window.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use iced::keyboard::{self, Key, Modifiers, key::Named};
use iced::{Event, Settings};
use iced_test::Simulator;

use qoltanba::app::{App, Message, theme};

use super::send;

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

/// Feeds `events` to the app's window and delivers what they produced.
pub async fn events(app: &mut App, events: Vec<Event>) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        let _ = ui.simulate(events);
        ui.into_messages().collect()
    };
    for message in messages {
        send(app, message).await;
    }
}

pub fn key_press(key: Key, modifiers: Modifiers, text: Option<&str>) -> Vec<Event> {
    vec![
        Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key.clone(),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers,
            text: text.map(Into::into),
            repeat: false,
        }),
        Event::Keyboard(keyboard::Event::KeyReleased {
            key: key.clone(),
            modified_key: key,
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers,
        }),
    ]
}

pub async fn tap(app: &mut App, named: Named) {
    let text = match named {
        Named::Space => Some(" "),
        Named::Enter => Some("\r"),
        _ => None,
    };
    events(app, key_press(Key::Named(named), Modifiers::empty(), text)).await;
}

pub fn typed(value: &str) -> Vec<Event> {
    let mut all = Vec::new();
    for c in value.chars() {
        let s = c.to_string();
        all.extend(key_press(
            Key::Character(s.as_str().into()),
            Modifiers::empty(),
            Some(&s),
        ));
    }
    all
}

pub async fn typewrite(app: &mut App, value: &str) {
    events(app, typed(value)).await;
}

/// Tab (or Shift+Tab) until the focused element's id contains `needle`.
pub async fn tab_to(app: &mut App, needle: &str) {
    let mut seen = Vec::new();
    for _ in 0..40 {
        let focus = app.snapshot().focus.unwrap_or_default();
        if focus.contains(needle) {
            return;
        }
        seen.push(focus);
        events(
            app,
            key_press(Key::Named(Named::Tab), Modifiers::empty(), None),
        )
        .await;
    }
    panic!(
        "Tab never reached {needle} on {:?}; focus went {seen:?}",
        app.snapshot().step
    );
}

/// Tabs to the button whose id contains `needle` and presses Enter.
pub async fn press(app: &mut App, needle: &str) {
    tab_to(app, needle).await;
    tap(app, Named::Enter).await;
}
