//! `qoltanba tokens` as support runs it: the modules (one that does not exist is reported, not
//! fatal) and the devices with their state, labels in the chosen language.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod softhsm;

use std::process::Command;

use qoltanba::i18n::Language;
use qoltanba::t;
use softhsm::SoftHsm;

fn tokens(hsm: &SoftHsm, lang: Language, modules: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qoltanba"));
    command
        .env("SOFTHSM2_CONF", &hsm.conf)
        .args(["--lang", lang.code(), "tokens"]);
    for module in modules {
        command.args(["--module", module]);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn modules_and_devices_are_listed_with_their_state() {
    let dir = tempfile::tempdir().unwrap();
    let hsm = SoftHsm::create(dir.path());
    hsm.init_token("Citizen token", "40917263");
    hsm.init_token("Spare token", "11112222");
    let module = hsm.module.display().to_string();
    for lang in [Language::En, Language::Kk, Language::Ru] {
        let report = tokens(&hsm, lang, &[&module, "/nonexistent/libpkcs11.so"]);
        assert!(report.starts_with(&t!(lang, "tokens-modules")), "{report}");
        assert!(
            report.contains(&t!(lang, "tokens-module-added")),
            "{report}"
        );
        assert!(report.contains("SoftHSM"), "{report}");
        assert!(
            report.contains(&t!(
                lang,
                "module-problem-not-found",
                path = "/nonexistent/libpkcs11.so"
            )),
            "{report}"
        );
        for label in ["Citizen token", "Spare token"] {
            let line = report.lines().find(|line| {
                line.trim_start().starts_with(&t!(lang, "tokens-label")) && line.ends_with(label)
            });
            assert!(line.is_some(), "{label} in\n{report}");
        }
        // Both tokens have a PIN; SoftHSM2's free slot is listed as not prepared, with advice.
        assert_eq!(
            report.matches(&t!(lang, "pin-state-ok")).count(),
            2,
            "{report}"
        );
        assert!(
            report.contains(&t!(lang, "pin-state-token-not-initialised")),
            "{report}"
        );
        assert!(
            report.contains(&t!(lang, "device-kind", kind = "softhsm")),
            "{report}"
        );
        for label in [
            t!(lang, "tokens-manufacturer"),
            t!(lang, "tokens-model"),
            t!(lang, "tokens-serial"),
            t!(lang, "tokens-kind"),
            t!(lang, "tokens-pin"),
            t!(lang, "tokens-module"),
        ] {
            assert_eq!(
                report.matches(&format!("{label}:")).count(),
                3,
                "{label}\n{report}"
            );
        }
    }
}

#[test]
fn without_modules_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let hsm = SoftHsm::create(dir.path());
    let report = tokens(&hsm, Language::En, &["/nonexistent/libpkcs11.so"]);
    assert!(
        report.contains(&t!(
            Language::En,
            "module-problem-not-found",
            path = "/nonexistent/libpkcs11.so"
        )),
        "{report}"
    );
    assert!(!report.contains("SoftHSM"), "{report}");
}
