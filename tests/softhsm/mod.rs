//! Throw-away SoftHSM2 tokens for the app's device tests.
//!
//! SoftHSM2 reads `SOFTHSM2_CONF` when the module is initialised, and setting an environment
//! variable needs `unsafe` in edition 2024 (forbidden here). So each test runs its body in a
//! child process — this same test binary, filtered to that one test — started with
//! `SOFTHSM2_CONF` pointing at its own token directory. The parent checks that the child ran the
//! body to the end, so a filter that matches nothing cannot pass. (The same scheme as
//! qoltanba-core's token tests.)
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use qoltanba_core::token::softhsm_module;

/// The SO PIN of every test token.
pub const SO_PIN: &str = "87654321";

const CHILD_TEST: &str = "QOLTANBA_APP_TOKEN_TEST";
const CHILD_DIR: &str = "QOLTANBA_APP_TOKEN_DIR";

/// A SoftHSM2 configuration with its own token directory.
pub struct SoftHsm {
    pub dir: PathBuf,
    pub conf: PathBuf,
    pub module: PathBuf,
}

impl SoftHsm {
    fn at(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            conf: dir.join("softhsm2.conf"),
            module: softhsm_module().expect("SoftHSM2 is installed (apt-get install softhsm2)"),
        }
    }

    /// A configuration in `dir` with an empty token directory.
    pub fn create(dir: &Path) -> Self {
        let hsm = Self::at(dir);
        fs::create_dir_all(hsm.tokens()).unwrap();
        fs::write(
            &hsm.conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                hsm.tokens().display()
            ),
        )
        .unwrap();
        hsm
    }

    pub fn tokens(&self) -> PathBuf {
        self.dir.join("tokens")
    }

    /// A command with this configuration in its environment.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("SOFTHSM2_CONF", &self.conf);
        command
    }

    /// Initialises a new token in the free slot.
    pub fn init_token(&self, label: &str, pin: &str) {
        let output = self
            .command("softhsm2-util")
            .args(["--init-token", "--free", "--label", label])
            .args(["--so-pin", SO_PIN, "--pin", pin])
            .output()
            .expect("softhsm2-util runs");
        assert_success("softhsm2-util --init-token", &output);
    }

    /// `pkcs11-tool --module ... --token-label ... <args>`; the output, or why it failed.
    pub fn pkcs11_tool(&self, label: &str, args: &[&str]) -> Result<String, String> {
        let output = self
            .command("pkcs11-tool")
            .arg("--module")
            .arg(&self.module)
            .args(["--token-label", label])
            .args(args)
            .output()
            .expect("pkcs11-tool runs (apt-get install opensc)");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        if output.status.success() {
            Ok(stdout)
        } else {
            Err(format!(
                "{stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}

#[track_caller]
pub fn assert_success(what: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{what} failed: {}\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `body` in a child process with its own SoftHSM2 configuration. `name` is the test
/// function's name (the child runs `<binary> <name> --exact`).
pub fn isolated(name: &str, body: impl FnOnce(&SoftHsm)) {
    if std::env::var(CHILD_TEST).as_deref() == Ok(name) {
        let dir = PathBuf::from(std::env::var(CHILD_DIR).expect("child knows its directory"));
        body(&SoftHsm::at(&dir));
        fs::write(dir.join("finished"), name).unwrap();
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let hsm = SoftHsm::create(temp.path());
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("SOFTHSM2_CONF", &hsm.conf)
        .env(CHILD_TEST, name)
        .env(CHILD_DIR, temp.path())
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

/// Runs an async test body on a runtime like `#[tokio::test(flavor = "multi_thread")]`'s.
pub fn block_on(body: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(body);
}
