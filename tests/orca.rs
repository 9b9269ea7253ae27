//! Orca itself, the screen reader Linux users have, reads and follows the wizard: the real
//! window under Xvfb with Orca on its own session and AT-SPI buses (tests/atspi/orca.sh; Debian's
//! orca, which scripts/test installs). Keys are typed into the window with xdotool, as a blind
//! citizen types them; what Orca would say is read from its debug log (`SPEECH OUTPUT`), which
//! it writes with its voice off as well. Checked: the window names the step, the IIN field is
//! said with its label when the step opens, Tab says each button by name and role, and Enter's
//! new step is announced.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use qoltanba::i18n::Language;
use qoltanba::t;

#[test]
fn orca_says_the_step_the_field_the_buttons_and_the_next_step() {
    let iin = common::citizen(true).iin.to_string();
    for (lang, code) in [(Language::Ru, "ru"), (Language::Kk, "kk")] {
        let output = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/atspi/orca.sh"))
            .args([env!("CARGO_BIN_EXE_qoltanba"), code])
            .env("EXPECT_STEP", t!(lang, "iin-title"))
            .env("EXPECT_IIN_LABEL", t!(lang, "iin-label"))
            .env("EXPECT_BACK", t!(lang, "nav-back"))
            .env("EXPECT_NEXT", t!(lang, "nav-next"))
            .env("EXPECT_NEXT_STEP", t!(lang, "otp-title"))
            .env("GOOD_IIN", &iin)
            .output()
            .expect("tests/atspi/orca.sh runs (orca, dbus-run-session, Xvfb, xdotool installed?)");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && stdout.contains("ok"),
            "Orca check failed in {code}:\n{stdout}\n{stderr}"
        );
    }
}
