//! SoftHSM2 fixtures for the token tests.
//!
//! SoftHSM2 reads `SOFTHSM2_CONF` when the module is initialised, and the workspace forbids the
//! `unsafe` that setting an environment variable needs in edition 2024. So each test runs its
//! body in a child process (this same test binary, filtered to that one test) started with
//! `SOFTHSM2_CONF` pointing at a throw-away token directory. The parent checks that the child
//! ran the body to the end, so a filter that matches nothing cannot pass.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use qoltanba_core::token::{TokenInfo, TokenRegistry, softhsm_module};

/// The SO PIN of every test token.
pub const SO_PIN: &str = "87654321";

const CHILD_TEST: &str = "QOLTANBA_TOKEN_TEST";
const CHILD_DIR: &str = "QOLTANBA_TOKEN_DIR";

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

    fn create(dir: &Path) -> Self {
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

    /// A registry with only this SoftHSM2 module.
    pub fn registry(&self) -> TokenRegistry {
        let (registry, problems) = TokenRegistry::load_only(std::slice::from_ref(&self.module));
        assert!(problems.is_empty(), "{problems:?}");
        registry
    }

    /// The listed token with this label.
    pub fn token(&self, registry: &TokenRegistry, label: &str) -> TokenInfo {
        registry
            .tokens()
            .into_iter()
            .find(|token| token.label == label)
            .unwrap_or_else(|| panic!("token {label} is listed"))
    }

    /// `pkcs11-tool --module ... --token-label ... <args>` with this configuration.
    pub fn pkcs11_tool(&self, label: &str, args: &[&str]) -> String {
        let output = self
            .command("pkcs11-tool")
            .arg("--module")
            .arg(&self.module)
            .args(["--token-label", label])
            .args(args)
            .output()
            .expect("pkcs11-tool runs (apt-get install opensc)");
        assert_success("pkcs11-tool", &output);
        String::from_utf8_lossy(&output.stdout).into_owned()
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
    run(name, false, body);
}

/// Like [`isolated`], with a configuration whose token directory does not exist (SoftHSM2's
/// `C_Initialize` fails).
pub fn isolated_broken(name: &str, body: impl FnOnce(&SoftHsm)) {
    run(name, true, body);
}

fn run(name: &str, broken: bool, body: impl FnOnce(&SoftHsm)) {
    if std::env::var(CHILD_TEST).as_deref() == Ok(name) {
        let dir = PathBuf::from(std::env::var(CHILD_DIR).expect("child knows its directory"));
        body(&SoftHsm::at(&dir));
        fs::write(dir.join("finished"), name).unwrap();
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let hsm = SoftHsm::create(temp.path());
    if broken {
        fs::remove_dir(hsm.tokens()).unwrap();
    }
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

/// Request parameters as the sandbox's tests build them: subject by OID, e-mail SAN and the
/// key-store extension (here 1.2.398.3.3.5.1.1 as in the sandbox; the real value for a device
/// store is the PKI helper's business).
pub fn request_params(surname: &str, iin: &str, email: &str) -> rcgen::CertificateParams {
    use rcgen::{CustomExtension, DistinguishedName, DnType, DnValue, SanType};
    let mut params = rcgen::CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, format!("{surname} АЙГЕРІМ"));
    dn.push(DnType::CustomDnType(vec![2, 5, 4, 4]), surname);
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 5]),
        DnValue::PrintableString(format!("IIN{iin}").try_into().unwrap()),
    );
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString("KZ".try_into().unwrap()),
    );
    params.distinguished_name = dn;
    params.subject_alt_names = vec![SanType::Rfc822Name(email.try_into().unwrap())];
    params.custom_extensions = vec![CustomExtension::from_oid_content(
        &[1, 2, 398, 3, 3, 5, 1, 1],
        vec![0x05, 0x00],
    )];
    params
}

/// A throw-away CA that issues certificates from PEM requests (signature checked first).
pub struct TestCa {
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
}

impl TestCa {
    pub fn new() -> Self {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::new()).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Token test CA");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        Self {
            issuer: rcgen::Issuer::new(params, key),
        }
    }

    /// Issues a certificate for the request's key with the request's subject; returns DER.
    pub fn issue(&self, csr_pem: &str, subject: &rcgen::DistinguishedName) -> Vec<u8> {
        use x509_parser::prelude::FromDer;
        let (_, pem) = x509_parser::pem::parse_x509_pem(csr_pem.as_bytes()).unwrap();
        let (_, request) =
            x509_parser::certification_request::X509CertificationRequest::from_der(&pem.contents)
                .unwrap();
        request
            .verify_signature()
            .expect("the request's signature verifies");
        let key = rcgen::SubjectPublicKeyInfo::from_der(
            request.certification_request_info.subject_pki.raw,
        )
        .unwrap();
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = subject.clone();
        params.is_ca = rcgen::IsCa::ExplicitNoCa;
        params.signed_by(&key, &self.issuer).unwrap().der().to_vec()
    }
}
