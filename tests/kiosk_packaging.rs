//! The kiosk's session files leave a visitor no way out of the wizard: no switching to
//! another virtual terminal, no X "zap", and the Windows recipe blocks the system keys and the
//! Task Manager. These files are what an administrator installs, so they are read as text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bin_run;

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_cage_unit_does_not_allow_vt_switching() {
    let unit = read("packaging/linux/qoltanba-kiosk.service");
    let exec = unit
        .lines()
        .find(|line| line.starts_with("ExecStart="))
        .expect("an ExecStart line");
    let cage_args: Vec<&str> = exec
        .trim_start_matches("ExecStart=")
        .split_whitespace()
        .take_while(|arg| *arg != "--")
        .collect();
    assert_eq!(cage_args.first(), Some(&"/usr/bin/cage"), "{exec}");
    // In cage, -s *allows* VT switching (Ctrl+Alt+Fn); a kiosk must not pass it.
    assert!(
        !cage_args.iter().any(|arg| *arg == "-s"
            || (arg.starts_with('-') && !arg.starts_with("--") && arg.contains('s'))),
        "cage is started with VT switching allowed: {exec}"
    );
}

#[test]
fn the_bare_x_session_disables_vt_switching_and_zapping() {
    let session = read("packaging/linux/kiosk-xsession.sh");
    assert!(
        session.contains("srvrkeys:none"),
        "the X server's own keys (Ctrl+Alt+Fn, Ctrl+Alt+Backspace) stay active"
    );
    assert!(
        session.contains("-novtswitch"),
        "the documented xinit line lets the X server switch VTs"
    );
    let xorg = read("packaging/linux/10-qoltanba-kiosk.conf");
    for option in ["\"DontVTSwitch\" \"true\"", "\"DontZap\" \"true\""] {
        assert!(xorg.contains(option), "xorg.conf.d snippet lacks {option}");
    }
}

#[test]
fn the_windows_recipe_blocks_the_system_keys_and_task_manager() {
    let guide = read("docs/kiosk.md");
    assert!(guide.contains("Keyboard Filter"), "no Keyboard Filter step");
    assert!(
        guide.contains("Ctrl+Alt+Del"),
        "Ctrl+Alt+Del is not filtered"
    );
    assert!(
        guide.contains("Windows key"),
        "the Windows key is not filtered"
    );
    assert!(
        guide.contains("DisableTaskMgr"),
        "Task Manager is not blocked"
    );
}

fn qoltanba(args: &[&str], input: &str) -> (Option<i32>, String) {
    let output = bin_run::qoltanba(args, input);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn a_kiosk_without_a_service_url_does_not_fall_back_to_the_sandbox() {
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.toml");
    let settings = settings.to_str().unwrap();
    let (status, _) = qoltanba(
        &["--settings", settings, "operator-code"],
        "482913\n482913\n",
    );
    assert_eq!(status, Some(0));
    let data_dir = data.path().to_str().unwrap();
    let kiosk = [
        "--lang",
        "en",
        "--settings",
        settings,
        "--data-dir",
        data_dir,
        "--kiosk",
    ];
    let (status, stderr) = qoltanba(&kiosk, "");
    assert_eq!(status, Some(78), "EX_CONFIG, not a sandbox kiosk: {stderr}");
    assert!(stderr.contains("service_url"), "{stderr}");
    assert!(stderr.contains("--demo-sandbox"), "{stderr}");
    assert!(
        !data.path().join("sandbox").exists(),
        "no sandbox data folder was made for visitors"
    );
}
