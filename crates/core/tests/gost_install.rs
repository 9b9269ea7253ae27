//! A GOST kit in a folder: one key saved encrypted with its request and request key (manifest
//! version 3), found again after a restart, installed as one `GOST512_<SKI>.p12` from the one
//! certificate once the key is matched to it, and the interrupted-install recovery for it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use common::{listing, password};
use qoltanba_core::domain::ApplicationNumber;
use qoltanba_core::gost::{Curve, SigningKey};
use qoltanba_core::pki::{
    GostKeySet, KeyRole, KitTrial, Pkcs12Format, generate_gost_key_set, gost_resign_certificate,
    gost_spki_der, try_kit, verify_gost_request,
};
use qoltanba_core::protocol::{CertificateBundle, CertificatesResponse, KeyAlgorithm};
use qoltanba_core::store::{StoreError, find_pending, install, save_pending_gost};
use rcgen::{CertificateParams, DnType, KeyPair};

/// A certificate for `public` (the request's key) signed by a throw-away GOST issuer.
fn certificate_for(keys: &GostKeySet) -> CertificatesResponse {
    let der = pem::parse(keys.csr_pem()).unwrap().into_contents();
    let public = verify_gost_request(&der).unwrap();
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, keys.owner());
    let placeholder = KeyPair::generate().unwrap();
    let unsigned = params.self_signed(&placeholder).unwrap();
    let issuer = SigningKey::generate(Curve::param_set_a());
    let certificate =
        gost_resign_certificate(unsigned.der(), Some(&gost_spki_der(&public)), &issuer).unwrap();
    CertificatesResponse {
        auth: None,
        sign: None,
        certificate: Some(CertificateBundle {
            certificate_pem: pem::encode(&pem::Pem::new("CERTIFICATE", certificate)),
            chain_pem: Vec::new(),
        }),
    }
}

fn number() -> ApplicationNumber {
    ApplicationNumber::parse("1234567890").unwrap()
}

#[test]
fn a_gost_kit_waits_with_its_request_and_is_installed_as_one_nuc_file() {
    let dir = tempfile::tempdir().unwrap();
    let keys = generate_gost_key_set(&common::subject()).unwrap();
    let mut pending = save_pending_gost(dir.path(), &keys, &password()).unwrap();
    let id = keys.id().to_owned();
    assert_eq!(
        listing(dir.path()),
        vec![
            format!("GOST512_{id}.pending.pem"),
            format!("qoltanba-pending-{id}.json")
        ]
    );
    let manifest = std::fs::read_to_string(pending.manifest_file()).unwrap();
    assert!(manifest.contains("\"version\": 3"), "{manifest}");
    let secret = std::fs::read_to_string(pending.pending_file(KeyRole::Auth)).unwrap();
    assert!(secret.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    // After a restart: the same kit, its request and its request key.
    let [found] = <[_; 1]>::try_from(find_pending(dir.path()).unwrap()).unwrap();
    assert_eq!(found, pending);
    assert_eq!(found.algorithm(), KeyAlgorithm::Gost2015_512);
    assert_eq!(found.gost_request(), Some(keys.csr_pem()));
    assert_eq!(found.requests(), None, "no RSA requests in a GOST kit");
    assert!(found.request_key().is_some());

    pending.record_application(&number()).unwrap();
    let answer = certificate_for(&keys);
    let wrong = install(
        &pending,
        &qoltanba_core::domain::KeyPassword::parse("Wrong2026x").unwrap(),
        &answer,
        Pkcs12Format::Modern,
    );
    assert!(matches!(wrong, Err(StoreError::WrongPassword)), "{wrong:?}");
    let installed = install(&pending, &password(), &answer, Pkcs12Format::Modern).unwrap();
    assert_eq!(installed.algorithm, KeyAlgorithm::Gost2015_512);
    assert_eq!(installed.files.len(), 1);
    assert_eq!(
        installed.files[0].path,
        dir.path().join(format!("GOST512_{id}.p12"))
    );
    assert_eq!(installed.files[0].trial, KitTrial::Verified);
    assert_eq!(listing(dir.path()), vec![format!("GOST512_{id}.p12")]);
    let bytes = std::fs::read(&installed.files[0].path).unwrap();
    assert_eq!(
        try_kit(&bytes, password().expose()).unwrap(),
        KitTrial::Verified
    );
}

#[test]
fn a_certificate_for_another_key_or_an_rsa_answer_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keys = generate_gost_key_set(&common::subject()).unwrap();
    let pending = save_pending_gost(dir.path(), &keys, &password()).unwrap();
    let before = listing(dir.path());
    let other = generate_gost_key_set(&common::subject()).unwrap();
    let result = install(
        &pending,
        &password(),
        &certificate_for(&other),
        Pkcs12Format::Modern,
    );
    assert!(
        matches!(
            result,
            Err(StoreError::CertificateMismatch {
                role: KeyRole::Auth
            })
        ),
        "{result:?}"
    );
    let rsa_answer = CertificatesResponse {
        auth: certificate_for(&keys).certificate,
        sign: None,
        certificate: None,
    };
    let result = install(&pending, &password(), &rsa_answer, Pkcs12Format::Modern);
    assert!(
        matches!(result, Err(StoreError::CertificateInvalid { .. })),
        "{result:?}"
    );
    assert_eq!(listing(dir.path()), before, "the kit waits as it was");
}

#[test]
fn an_installation_interrupted_before_the_tidy_up_is_finished_and_a_stranger_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let keys = generate_gost_key_set(&common::subject()).unwrap();
    let pending = save_pending_gost(dir.path(), &keys, &password()).unwrap();
    let kept: Vec<_> = [pending.pending_file(KeyRole::Auth), pending.manifest_file()]
        .into_iter()
        .map(|path| (path.clone(), std::fs::read(&path).unwrap()))
        .collect();
    let answer = certificate_for(&keys);
    let first = install(&pending, &password(), &answer, Pkcs12Format::Modern).unwrap();
    let written = std::fs::read(&first.files[0].path).unwrap();
    // The app stopped after writing the file, before removing the pending files.
    for (path, bytes) in &kept {
        std::fs::write(path, bytes).unwrap();
    }
    let [found] = <[_; 1]>::try_from(find_pending(dir.path()).unwrap()).unwrap();
    assert!(found.is_installed());
    let again = install(&found, &password(), &answer, Pkcs12Format::Modern).unwrap();
    assert_eq!(
        std::fs::read(&again.files[0].path).unwrap(),
        written,
        "kept as it was"
    );
    assert_eq!(again.files[0].trial, KitTrial::Verified);
    assert_eq!(listing(dir.path()).len(), 1, "the pending files are gone");

    // Someone else's file at the kit's name is never taken for ours.
    let dir = tempfile::tempdir().unwrap();
    let pending = save_pending_gost(dir.path(), &keys, &password()).unwrap();
    std::fs::write(pending.key_file(KeyRole::Auth), b"someone's key").unwrap();
    let result = install(&pending, &password(), &answer, Pkcs12Format::Modern);
    assert!(
        matches!(&result, Err(StoreError::KeysAlreadyPresent { files }) if files == &vec![pending.key_file(KeyRole::Auth)]),
        "{result:?}"
    );
    assert_eq!(
        std::fs::read(pending.key_file(KeyRole::Auth)).unwrap(),
        b"someone's key"
    );
}

#[test]
fn a_gost_kit_whose_folder_failed_is_written_elsewhere_whole() {
    let dir = tempfile::tempdir().unwrap();
    let keys = generate_gost_key_set(&common::subject()).unwrap();
    let pending = save_pending_gost(&dir.path().join("stick"), &keys, &password()).unwrap();
    let copy = pending.copy().unwrap();
    let moved = copy.save_in(&dir.path().join("disk"), &number()).unwrap();
    let [found] = <[_; 1]>::try_from(find_pending(&dir.path().join("disk")).unwrap()).unwrap();
    assert_eq!(found, moved);
    assert_eq!(found.application_number(), Some(&number()));
    assert_eq!(found.gost_request(), Some(keys.csr_pem()));
    let installed = install(
        &found,
        &password(),
        &certificate_for(&keys),
        Pkcs12Format::Modern,
    );
    assert_eq!(installed.unwrap().files[0].trial, KitTrial::Verified);
}

#[test]
fn a_gost_manifest_that_names_two_keys_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let keys = generate_gost_key_set(&common::subject()).unwrap();
    let pending = save_pending_gost(dir.path(), &keys, &password()).unwrap();
    let manifest = std::fs::read_to_string(pending.manifest_file()).unwrap();
    let other = "0".repeat(40);
    let sign_id = format!("\"sign_id\": \"{}\"", keys.id());
    assert!(manifest.contains(&sign_id), "{manifest}");
    std::fs::write(
        pending.manifest_file(),
        manifest.replace(&sign_id, &format!("\"sign_id\": \"{other}\"")),
    )
    .unwrap();
    assert!(matches!(
        find_pending(dir.path()),
        Err(StoreError::PendingCorrupt { .. })
    ));
}
