//! Colours, sizes and the bundled font. Calm and high-contrast; every target is large enough
//! for a finger on a kiosk touch screen.

use iced::theme::Palette;
use iced::{Color, Font, Theme, color};

/// Noto Sans covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і); it is bundled so the letters render
/// the same on every machine, with or without system fonts. Licence: assets/fonts/OFL.txt.
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

pub const FONT: Font = Font::with_name("Noto Sans");
pub const FONT_STRONG: Font = Font {
    weight: iced::font::Weight::Bold,
    ..FONT
};

/// Symbols drawn as text; the font test checks the bundled font has each of them. (Noto Sans
/// has no check marks or radio circles, so those are drawn as shapes instead.)
pub const BULLET: &str = "•";
pub const SYMBOLS: [&str; 1] = [BULLET];

pub const TEXT_SIZE: f32 = 18.0;
pub const SMALL_SIZE: f32 = 15.0;
pub const TITLE_SIZE: f32 = 28.0;
pub const SUBTITLE_SIZE: f32 = 21.0;
/// Minimum height of anything a finger presses.
pub const TARGET_HEIGHT: f32 = 52.0;
pub const CONTENT_WIDTH: f32 = 760.0;
pub const SPACING: f32 = 16.0;

// Colours: the calm default, or the high-contrast set (every text colour at least 7:1 on
// white, borders black). Which one is drawn is the window's own setting; the view and the
// style closures run on the UI thread, so it is kept there.
std::thread_local! {
    static HIGH_CONTRAST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Switches this thread's drawing to (or from) the high-contrast colours.
pub fn set_high_contrast(on: bool) {
    HIGH_CONTRAST.with(|cell| cell.set(on));
}

pub fn high_contrast() -> bool {
    HIGH_CONTRAST.with(std::cell::Cell::get)
}

fn pick(normal: Color, high: Color) -> Color {
    if high_contrast() { high } else { normal }
}

pub fn ink() -> Color {
    pick(color!(0x14213d), color!(0x000000))
}
pub fn muted() -> Color {
    pick(color!(0x4a5568), color!(0x1f1f1f))
}
pub fn border() -> Color {
    pick(color!(0xc3cad6), color!(0x000000))
}
pub fn surface() -> Color {
    color!(0xffffff)
}
pub fn background() -> Color {
    pick(color!(0xf3f6fa), color!(0xffffff))
}
pub fn primary() -> Color {
    pick(color!(0x0a5fa8), color!(0x00306e))
}
pub fn success() -> Color {
    pick(color!(0x1e7b3a), color!(0x0a4d1c))
}
pub fn warning() -> Color {
    pick(color!(0x9a4f00), color!(0x5c2e00))
}
pub fn danger() -> Color {
    pick(color!(0xb3261e), color!(0x7a0b05))
}
/// The keyboard focus ring: 15:1 against the page background (0xf3f6fa) and white cards;
/// black (21:1) in high contrast.
pub fn focus_ring() -> Color {
    pick(color!(0x14213d), color!(0x000000))
}

pub fn theme() -> Theme {
    let name = if high_contrast() {
        "Qoltanba high contrast"
    } else {
        "Qoltanba"
    };
    Theme::custom(
        name,
        Palette {
            background: background(),
            text: ink(),
            primary: primary(),
            success: success(),
            warning: warning(),
            danger: danger(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance and contrast ratio.
    fn luminance(c: Color) -> f32 {
        let lin = |v: f32| {
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
    }

    fn contrast(a: Color, b: Color) -> f32 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn the_focus_ring_stands_out_at_least_3_to_1_in_both_themes() {
        for high in [false, true] {
            set_high_contrast(high);
            assert!(contrast(focus_ring(), background()) >= 3.0);
            assert!(contrast(focus_ring(), surface()) >= 3.0);
        }
        set_high_contrast(false);
    }

    #[test]
    fn high_contrast_text_colours_reach_7_to_1() {
        set_high_contrast(true);
        for colour in [ink(), muted(), primary(), success(), warning(), danger()] {
            let ratio = contrast(colour, background());
            assert!(ratio >= 7.0, "{colour:?}: {ratio}");
        }
        set_high_contrast(false);
        // The default's text colours are at least 4.5:1 (WCAG AA).
        for colour in [ink(), muted(), primary(), success(), warning(), danger()] {
            assert!(contrast(colour, background()) >= 4.5, "{colour:?}");
        }
    }
}
