//! The on-screen keypad (digits: IIN, phone, codes, PINs) and Latin keyboard (the key
//! password, e-mail, device PINs) a kiosk visitor types with. Keys edit a copy of the field's
//! value, which the parent hands to the step as if it had been typed; secrets' copies are
//! zeroized.

use iced::widget::{button, column, container, row, text};
use iced::{Center, Element, Fill, Length};
use zeroize::Zeroizing;

use crate::app::screen::MAX_INPUT;
use crate::app::theme;
use crate::app::widget::focusable_with;
use crate::i18n::Language;
use crate::t;
use iced::widget::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Digits,
    Latin,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Backspace,
    Clear,
    /// Latin keyboard: capitals on or off.
    Shift,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The keypad types PINs, codes and passwords: a key never says which character it is.
        f.write_str(match self {
            Key::Char(_) => "Char(*)",
            Key::Backspace => "Backspace",
            Key::Clear => "Clear",
            Key::Shift => "Shift",
        })
    }
}

const DIGIT_ROWS: [&str; 3] = ["123", "456", "789"];
const LATIN_ROWS: [&str; 4] = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];
/// Every symbol the key password allows (`#$^ =!*()@%&_?-.`, space on its own key), plus what
/// e-mail addresses and service URLs need.
const SYMBOLS: &str = "#$^=!*()@%&_?-.:/";

/// The value after one key press. Capitals come from `shift`.
pub fn apply(value: &str, key: Key, shift: bool) -> Zeroizing<String> {
    let mut next = Zeroizing::new(String::with_capacity(value.len() + 1));
    match key {
        Key::Char(c) => {
            next.push_str(value);
            if value.chars().count() < MAX_INPUT {
                next.push(if shift { c.to_ascii_uppercase() } else { c });
            }
        }
        Key::Backspace => {
            next.push_str(value);
            next.pop();
        }
        Key::Clear => {}
        Key::Shift => next.push_str(value),
    }
    next
}

/// Width of the keypad beside the step's content.
pub const WIDTH: f32 = 560.0;

/// The widget id of a key (tests and accessibility tools find keys by it, not by a label that
/// may also be the value typed so far).
pub fn key_id(key: Key) -> String {
    match key {
        Key::Char(c) => format!("key-{}", u32::from(c)),
        Key::Backspace => "key-backspace".into(),
        Key::Clear => "key-clear".into(),
        Key::Shift => "key-shift".into(),
    }
}

fn key<'a, M: Clone + 'a>(
    label: String,
    pressed: Key,
    on_key: &impl Fn(Key) -> M,
    width: Length,
    height: f32,
    strong: bool,
) -> Element<'a, M> {
    let pad = button(
        text(label)
            .size(if strong {
                theme::SUBTITLE_SIZE
            } else {
                theme::TEXT_SIZE
            })
            .font(theme::FONT_STRONG)
            .align_x(Center)
            .align_y(Center)
            .width(Fill)
            .height(Fill),
    )
    .width(Fill)
    .height(height)
    .padding(4)
    .style(if strong {
        button::secondary
    } else {
        button::subtle
    })
    .on_press(on_key(pressed));
    // In the Tab order too: a kiosk may have a keyboard (Enter or Space press the key).
    let pad = focusable_with(
        Id::from(format!("focus-{}", key_id(pressed))),
        pad,
        Some(on_key(pressed)),
    );
    container(pad).id(key_id(pressed)).width(width).into()
}

pub fn view<'a, M: Clone + 'a>(
    lang: Language,
    layout: Layout,
    shift: bool,
    on_key: impl Fn(Key) -> M + 'a,
) -> Element<'a, M> {
    let pad = match layout {
        Layout::Digits => digits(lang, &on_key),
        Layout::Latin => latin(lang, shift, &on_key),
    };
    container(pad)
        .padding(12)
        .style(container::rounded_box)
        .width(WIDTH)
        .into()
}

fn digits<'a, M: Clone + 'a>(lang: Language, on_key: &impl Fn(Key) -> M) -> Element<'a, M> {
    const HEIGHT: f32 = 84.0;
    let mut rows = column![].spacing(10);
    for line in DIGIT_ROWS {
        rows = rows.push(
            row(line.chars().map(|c| {
                key(
                    c.to_string(),
                    Key::Char(c),
                    on_key,
                    Length::Fill,
                    HEIGHT,
                    true,
                )
            }))
            .spacing(10),
        );
    }
    rows.push(
        row![
            key(
                t!(lang, "keypad-clear"),
                Key::Clear,
                on_key,
                Length::Fill,
                HEIGHT,
                false
            ),
            key(
                "0".to_owned(),
                Key::Char('0'),
                on_key,
                Length::Fill,
                HEIGHT,
                true
            ),
            key(
                t!(lang, "keypad-backspace"),
                Key::Backspace,
                on_key,
                Length::Fill,
                HEIGHT,
                false
            ),
        ]
        .spacing(10),
    )
    .into()
}

fn latin<'a, M: Clone + 'a>(
    lang: Language,
    shift: bool,
    on_key: &impl Fn(Key) -> M,
) -> Element<'a, M> {
    const HEIGHT: f32 = 60.0;
    let letter = |c: char| {
        let shown = if shift { c.to_ascii_uppercase() } else { c };
        key(
            shown.to_string(),
            Key::Char(c),
            on_key,
            Length::Fill,
            HEIGHT,
            true,
        )
    };
    let mut rows = column![].spacing(8);
    for line in LATIN_ROWS {
        rows = rows.push(row(line.chars().map(letter)).spacing(6));
    }
    let symbols: Vec<char> = SYMBOLS.chars().collect();
    for half in symbols.chunks(symbols.len().div_ceil(2)) {
        rows = rows.push(
            row(half.iter().map(|c| {
                key(
                    c.to_string(),
                    Key::Char(*c),
                    on_key,
                    Length::Fill,
                    HEIGHT,
                    false,
                )
            }))
            .spacing(6),
        );
    }
    let shift_label = if shift {
        t!(lang, "keypad-lower")
    } else {
        t!(lang, "keypad-upper")
    };
    rows.push(
        row![
            key(
                shift_label,
                Key::Shift,
                on_key,
                Length::FillPortion(2),
                HEIGHT,
                false
            ),
            key(
                t!(lang, "keypad-space"),
                Key::Char(' '),
                on_key,
                Length::FillPortion(3),
                HEIGHT,
                false
            ),
            key(
                t!(lang, "keypad-backspace"),
                Key::Backspace,
                on_key,
                Length::FillPortion(2),
                HEIGHT,
                false
            ),
            key(
                t!(lang, "keypad-clear"),
                Key::Clear,
                on_key,
                Length::FillPortion(2),
                HEIGHT,
                false
            ),
        ]
        .spacing(6),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[Key], shift: bool) -> String {
        let mut value = Zeroizing::new(String::new());
        for key in keys {
            value = apply(&value, *key, shift);
        }
        value.to_string()
    }

    #[test]
    fn keys_type_erase_and_clear() {
        use Key::*;
        assert_eq!(typed(&[Char('8'), Char('7'), Char('0')], false), "870");
        assert_eq!(typed(&[Char('8'), Char('7'), Backspace], false), "8");
        assert_eq!(typed(&[Char('8'), Clear, Char('1')], false), "1");
        assert_eq!(typed(&[Backspace], false), "");
        assert_eq!(typed(&[Char('q'), Shift, Char('#')], true), "Q#");
    }

    #[test]
    fn the_value_is_bounded_like_a_typed_one() {
        let long = "7".repeat(MAX_INPUT);
        assert_eq!(apply(&long, Key::Char('1'), false).as_str(), long);
    }

    #[test]
    fn every_key_password_symbol_has_a_key() {
        for c in "#$^ =!*()@%&_?-.".chars().filter(|c| *c != ' ') {
            assert!(SYMBOLS.contains(c), "{c} has no key");
        }
    }
}
