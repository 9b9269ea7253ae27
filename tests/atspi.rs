//! The accessibility tree as a screen reader reads it on Linux: the real window under Xvfb,
//! with its own session bus and AT-SPI bus, read with pyatspi (tests/atspi/check.py; Debian's
//! at-spi2-core, python3-pyatspi, xvfb, xdotool, which scripts/test installs). Keys are typed
//! into the window; the video step's button is pressed through AT-SPI (AccessKit's Click).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use qoltanba::i18n::Language;
use qoltanba::t;

/// One window at a time: each run has its own buses, but they share the X server numbers.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run(lang: Language, check: &str, args: &[&str], env: &[(&str, String)]) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/atspi/run.sh");
    let code = match lang {
        Language::Ru => "ru",
        Language::Kk => "kk",
        Language::En => "en",
    };
    let output = Command::new(script)
        .arg(env!("CARGO_BIN_EXE_qoltanba"))
        .args([code, check])
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("tests/atspi/run.sh runs (dbus-run-session, Xvfb, python3-pyatspi installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("ok"),
        "AT-SPI check {check} failed:\n{stdout}\n{stderr}"
    );
}

fn wrong_check_digit(iin: &str) -> String {
    let mut digits: Vec<u8> = iin.bytes().collect();
    if let Some(last) = digits.last_mut() {
        *last = b'0' + (*last - b'0' + 1) % 10;
    }
    String::from_utf8(digits).unwrap()
}

#[test]
fn a_screen_reader_finds_the_iin_label_the_checksum_message_and_next_enabled() {
    let good = common::citizen(true).iin.to_string();
    for lang in [Language::Ru, Language::Kk] {
        let expect = |iin: (&'static str, String)| -> Vec<(&'static str, String)> {
            vec![
                ("EXPECT_IIN_LABEL", t!(lang, "iin-label")),
                ("EXPECT_NEXT", t!(lang, "nav-next")),
                ("EXPECT_CHECKSUM", t!(lang, "iin-error-checksum")),
                (iin.0, iin.1),
            ]
        };
        // Each in a fresh window: Next disabled, then the mistyped number and its message…
        run(
            lang,
            "iin",
            &["--screen", "iin"],
            &expect(("WRONG_IIN", wrong_check_digit(&good))),
        );
        // …and Next disabled, then the right number and Next enabled.
        run(
            lang,
            "iin",
            &["--screen", "iin"],
            &expect(("GOOD_IIN", good.clone())),
        );
    }
}

/// "Start recording" pressed through AT-SPI; the current prompt is read from the tree, and it
/// went out on the bus as a polite announcement (AT-SPI `Announcement`, the live region).
#[test]
fn a_screen_reader_starts_the_recording_and_hears_the_current_prompt() {
    let lang = Language::Ru;
    let prompts = [
        t!(lang, "video-prompt-straight"),
        t!(lang, "video-prompt-left"),
        t!(lang, "video-prompt-right"),
        t!(lang, "video-prompt-closer"),
        t!(lang, "video-prompt-back"),
    ]
    .join("\n");
    run(
        lang,
        "video",
        &["--screen", "video-id"],
        &[
            ("EXPECT_START", t!(lang, "video-start")),
            ("EXPECT_PROMPTS", prompts),
        ],
    );
}
