//! The test-only GOST PKCS#11 module (crates/test-token) as a device for the wizard tests:
//! its state file, pulling the device out and back, and the module itself.
//!
//! The module reads `QOLTANBA_TEST_TOKEN_STATE` when it is initialised, and setting an
//! environment variable needs `unsafe` (forbidden here), so each test runs its body in a child
//! process — this same test binary, filtered to that one test — started with the variable
//! pointing at its own state file, as `softhsm::isolated` does for SoftHSM2. The parent checks
//! that the child ran the body to the end, so a filter that matches nothing cannot pass.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod urls;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::softhsm::{SoftHsm, assert_success};

const STATE_VAR: &str = "QOLTANBA_TEST_TOKEN_STATE";
const CHILD_TEST: &str = "QOLTANBA_APP_GOST_TOKEN_TEST";

/// The test module's shared library: built by `cargo test --workspace` (it is a workspace
/// member); built here when a narrower command left it out.
pub fn module() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/debug/deps/<test> → target/debug/
    let dir = exe.parent().and_then(Path::parent).unwrap().to_path_buf();
    let library = dir.join(format!(
        "{}qoltanba_test_token{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    if !library.exists() {
        let output = Command::new(env!("CARGO"))
            .args(["build", "-p", "qoltanba-test-token"])
            .output()
            .expect("cargo runs");
        assert_success("cargo build -p qoltanba-test-token", &output);
    }
    assert!(library.exists(), "{} was built", library.display());
    library
}

/// A GOST test token: its state file (the device) in `dir`.
pub struct GostToken {
    pub dir: PathBuf,
    pub state: PathBuf,
    pub module: PathBuf,
}

impl GostToken {
    /// A new, empty token with this label, serial number and user PIN.
    pub fn create(&self, label: &str, serial: &str, pin: &str) {
        fs::write(
            &self.state,
            format!(r#"{{"label":"{label}","serial":"{serial}","pin":"{pin}"}}"#),
        )
        .unwrap();
    }

    /// Pulls the device out: its state file moves away.
    pub fn pull_out(&self) {
        fs::rename(&self.state, self.dir.join("pulled-out.json")).unwrap();
    }

    /// Plugs it in again, with its objects.
    pub fn plug_in(&self) {
        fs::rename(self.dir.join("pulled-out.json"), &self.state).unwrap();
    }

    /// `pkcs11-tool` and the object listing of `token_app`, through this module.
    pub fn as_hsm(&self) -> SoftHsm {
        SoftHsm {
            dir: self.dir.clone(),
            conf: self.dir.join("unused.conf"),
            module: self.module.clone(),
        }
    }
}

/// Runs `body` in a child process whose module state file is its own.
pub fn isolated(name: &str, body: impl FnOnce(&GostToken)) {
    if std::env::var(CHILD_TEST).as_deref() == Ok(name) {
        let state = PathBuf::from(std::env::var(STATE_VAR).expect("child knows its token"));
        let dir = state.parent().unwrap().to_path_buf();
        body(&GostToken {
            dir: dir.clone(),
            state,
            module: module(),
        });
        fs::write(dir.join("finished"), name).unwrap();
        return;
    }
    let module = module();
    assert!(module.exists());
    let temp = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(STATE_VAR, temp.path().join("token.json"))
        .env(CHILD_TEST, name)
        .output()
        .expect("the test binary runs again");
    assert_success(&format!("child process for {name}"), &output);
    let finished = fs::read_to_string(temp.path().join("finished")).unwrap_or_default();
    assert_eq!(
        finished,
        name,
        "the child ran the test body to the end\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
