//! Helpers for the key-file tests: a subject, a test CA that issues НУЦ-profile certificates
//! from our requests, OpenSSL and keytool checks, and small tmpfs mounts for full and
//! read-only disks.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use qoltanba_core::domain::{Email, Iin, KeyPassword, Sex};
use qoltanba_core::pki::Subject;
use qoltanba_core::protocol::{CertificateBundle, CertificatesResponse};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, PKCS_RSA_SHA256, RsaKeySize,
    SanType,
};
use sha1::Digest;
use time::{Duration, OffsetDateTime};
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::prelude::FromDer;

pub const PASSWORD: &str = "Tulpar2024";

pub fn password() -> KeyPassword {
    KeyPassword::parse(PASSWORD).unwrap()
}

pub fn subject() -> Subject {
    Subject {
        surname: "Сәрсенбаева".into(),
        given_name: "Әйгерім".into(),
        patronymic: Some("Қайратқызы".into()),
        iin: iin(),
        email: Some(Email::parse("aigerim@example.kz").unwrap()),
    }
}

pub fn iin() -> Iin {
    (1..100)
        .find_map(|serial| Iin::from_parts(1992, 7, 14, Sex::Female, serial))
        .unwrap()
}

/// A two-level test CA (root → issuing) issuing certificates with the НУЦ profile.
pub struct TestCa {
    root_pem: String,
    issuing_pem: String,
    issuer: Issuer<'static, KeyPair>,
}

fn rsa_key() -> KeyPair {
    KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048).unwrap()
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString("KZ".try_into().unwrap()),
    );
    params.distinguished_name = dn;
    params.not_before = OffsetDateTime::now_utc() - Duration::days(1);
    params.not_after = OffsetDateTime::now_utc() + Duration::days(3650);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

impl TestCa {
    pub fn new() -> Self {
        let root_key = rsa_key();
        let mut root = ca_params("Test Root CA");
        root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let root_cert = root.self_signed(&root_key).unwrap();
        let root_issuer = Issuer::new(root, root_key);
        let issuing_key = rsa_key();
        let mut issuing = ca_params("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST");
        issuing.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        let issuing_cert = issuing.signed_by(&issuing_key, &root_issuer).unwrap();
        let issuer = Issuer::new(issuing, issuing_key);
        Self {
            root_pem: root_cert.pem(),
            issuing_pem: issuing_cert.pem(),
            issuer,
        }
    }

    /// Issues an AUTH (`sign == false`) or signing certificate for a request, copying its
    /// subject and SAN, valid for `days`.
    pub fn issue(&self, csr_pem: &str, sign: bool, days: i64) -> CertificateBundle {
        let (_, pem) = x509_parser::pem::parse_x509_pem(csr_pem.as_bytes()).unwrap();
        let (_, csr) = X509CertificationRequest::from_der(&pem.contents).unwrap();
        csr.verify_signature().unwrap();
        let info = &csr.certification_request_info;
        let public_key = rcgen::SubjectPublicKeyInfo::from_der(info.subject_pki.raw).unwrap();
        let mut params = CertificateParams::default();
        params.distinguished_name = copy_subject(&info.subject);
        params.not_before = OffsetDateTime::now_utc() - Duration::hours(1);
        params.not_after = OffsetDateTime::now_utc() + Duration::days(days);
        params.is_ca = IsCa::ExplicitNoCa;
        params.use_authority_key_identifier_extension = true;
        // НУЦ's key identifier: SHA-1 of the subjectPublicKey bits (RFC 5280 method 1).
        params.key_identifier_method = rcgen::KeyIdMethod::PreSpecified(
            sha1::Sha1::digest(info.subject_pki.subject_public_key.data.as_ref()).to_vec(),
        );
        params.subject_alt_names = vec![SanType::Rfc822Name(
            "aigerim@example.kz".try_into().unwrap(),
        )];
        let remote = ExtendedKeyUsagePurpose::Other(vec![1, 2, 398, 3, 3, 4, 3, 2, 1]);
        if sign {
            params.key_usages = vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ];
            params.extended_key_usages = vec![
                ExtendedKeyUsagePurpose::EmailProtection,
                ExtendedKeyUsagePurpose::Other(vec![1, 2, 398, 3, 3, 4, 1, 1]),
                remote,
            ];
        } else {
            params.key_usages = vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyEncipherment,
            ];
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth, remote];
        }
        let certificate = params.signed_by(&public_key, &self.issuer).unwrap();
        CertificateBundle {
            certificate_pem: certificate.pem(),
            chain_pem: vec![self.issuing_pem.clone(), self.root_pem.clone()],
        }
    }

    pub fn certificates(&self, keys: &qoltanba_core::pki::KeySet) -> CertificatesResponse {
        CertificatesResponse {
            auth: Some(self.issue(keys.csr_auth_pem(), false, 365)),
            sign: Some(self.issue(keys.csr_sign_pem(), true, 365)),
            certificate: None,
        }
    }
}

/// The request's subject, attribute by attribute, keeping each string type.
fn copy_subject(name: &x509_parser::x509::X509Name<'_>) -> DistinguishedName {
    use x509_parser::der_parser::asn1_rs::Tag;
    let mut dn = DistinguishedName::new();
    for attribute in name.iter_attributes() {
        let arcs: Vec<u64> = attribute.attr_type().iter().unwrap().collect();
        let text = attribute.as_str().unwrap().to_owned();
        let value = match attribute.attr_value().tag() {
            Tag::PrintableString => DnValue::PrintableString(text.try_into().unwrap()),
            Tag::Utf8String => DnValue::Utf8String(text),
            other => panic!("unexpected string type {other:?} in the request"),
        };
        dn.push(DnType::CustomDnType(arcs), value);
    }
    dn
}

/// Runs a command, feeding `stdin`; returns its output.
pub fn run(program: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `openssl pkcs12 -info -nokeys` (OpenSSL 3, no -legacy): must succeed; returns its text.
pub fn openssl_info(file: &Path, password: &str) -> String {
    let pass = format!("pass:{password}");
    let output = run(
        "openssl",
        &[
            "pkcs12",
            "-info",
            "-nokeys",
            "-in",
            file.to_str().unwrap(),
            "-passin",
            &pass,
        ],
        None,
    );
    let report = text(&output);
    assert!(
        output.status.success(),
        "openssl pkcs12 -info failed:\n{report}"
    );
    report
}

/// `keytool -list -v -storetype PKCS12`: must succeed; returns its text.
pub fn keytool_list(file: &Path, password: &str) -> String {
    let output = run(
        "keytool",
        &[
            "-list",
            "-v",
            "-storetype",
            "PKCS12",
            "-keystore",
            file.to_str().unwrap(),
            "-storepass",
            password,
        ],
        None,
    );
    let report = text(&output);
    assert!(output.status.success(), "keytool -list failed:\n{report}");
    report
}

/// The RSA modulus of the private key and of the owner's certificate, via OpenSSL.
pub fn moduli(file: &Path, password: &str) -> (String, String) {
    let pass = format!("pass:{password}");
    let path = file.to_str().unwrap();
    let key = run(
        "openssl",
        &[
            "pkcs12", "-in", path, "-nocerts", "-nodes", "-passin", &pass,
        ],
        None,
    );
    assert!(key.status.success(), "{}", text(&key));
    let key_modulus = run("openssl", &["rsa", "-noout", "-modulus"], Some(&key.stdout));
    assert!(key_modulus.status.success(), "{}", text(&key_modulus));
    let cert = run(
        "openssl",
        &[
            "pkcs12", "-in", path, "-clcerts", "-nokeys", "-passin", &pass,
        ],
        None,
    );
    assert!(cert.status.success(), "{}", text(&cert));
    let cert_modulus = run(
        "openssl",
        &["x509", "-noout", "-modulus"],
        Some(&cert.stdout),
    );
    assert!(cert_modulus.status.success(), "{}", text(&cert_modulus));
    (
        String::from_utf8(key_modulus.stdout).unwrap(),
        String::from_utf8(cert_modulus.stdout).unwrap(),
    )
}

/// Owner-only permissions (Unix).
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file in a folder, sorted (to prove nothing extra was left behind).
pub fn listing(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A small tmpfs mounted on a temporary folder (root only), unmounted on drop.
pub struct Tmpfs {
    pub dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size_kib`; `None` when this process may not mount (not root).
    /// With QOLTANBA_REQUIRE_MOUNT set, mounting must work, so the disk tests never silently skip.
    pub fn mount(size_kib: u32) -> Option<Self> {
        Self::mount_with(size_kib, "")
    }

    /// As [`Tmpfs::mount`], with extra mount options (e.g. `nr_inodes=4`).
    pub fn mount_with(size_kib: u32, extra: &str) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let mut options = format!("size={size_kib}k,mode=0700");
        if !extra.is_empty() {
            options = format!("{options},{extra}");
        }
        let output = run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &options,
                "tmpfs",
                dir.path().to_str().unwrap(),
            ],
            None,
        );
        if output.status.success() {
            return Some(Self { dir });
        }
        assert!(
            std::env::var_os("QOLTANBA_REQUIRE_MOUNT").is_none(),
            "QOLTANBA_REQUIRE_MOUNT is set: this machine must be able to mount a tmpfs for the disk tests: {}",
            text(&output)
        );
        eprintln!(
            "SKIPPED: cannot mount a tmpfs here (not root?): {}",
            text(&output)
        );
        None
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn remount(&self, option: &str) {
        let output = run(
            "mount",
            &[
                "-o",
                &format!("remount,{option}"),
                self.dir.path().to_str().unwrap(),
            ],
            None,
        );
        assert!(output.status.success(), "{}", text(&output));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = run("umount", &[self.dir.path().to_str().unwrap()], None);
    }
}

/// Every file in a folder with the SHA-1 of its bytes, to prove a failed operation changed
/// nothing.
pub fn snapshot(folder: &Path) -> std::collections::BTreeMap<String, String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                hex::encode(sha1::Sha1::digest(std::fs::read(entry.path()).unwrap())),
            )
        })
        .collect()
}
