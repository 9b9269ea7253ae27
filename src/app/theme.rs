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

pub const INK: Color = color!(0x14213d);
pub const MUTED: Color = color!(0x4a5568);
pub const BORDER: Color = color!(0xc3cad6);
pub const SURFACE: Color = color!(0xffffff);
pub const PRIMARY: Color = color!(0x0a5fa8);
pub const SUCCESS: Color = color!(0x1e7b3a);
pub const WARNING: Color = color!(0x9a4f00);
pub const DANGER: Color = color!(0xb3261e);
/// The keyboard focus ring: 15:1 against the page background (0xf3f6fa) and white cards.
pub const FOCUS_RING: Color = color!(0x14213d);

pub fn theme() -> Theme {
    Theme::custom(
        "Qoltanba",
        Palette {
            background: color!(0xf3f6fa),
            text: INK,
            primary: PRIMARY,
            success: SUCCESS,
            warning: WARNING,
            danger: DANGER,
        },
    )
}
