//! A kit survives an interrupted application or installation: the request key and requests
//! are in the manifest before the application leaves; a crash between the two key files is
//! finished by the next installation; an installed kit whose manifest could not be removed
//! does not block its folder; a kit whose folder failed can be written elsewhere.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::path::Path;

use common::{TestCa, listing, password};
use qoltanba_core::domain::ApplicationNumber;
use qoltanba_core::pki::{KeyRole, Pkcs12Format, generate_key_set};
use qoltanba_core::store::{StoreError, find_pending, install, save_pending};

/// Every file of a folder, by name, with its bytes.
fn files(folder: &Path) -> Vec<(String, Vec<u8>)> {
    listing(folder)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(folder.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn the_request_key_and_requests_are_saved_before_the_application_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let keys = generate_key_set(&common::subject()).unwrap();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let key = pending.request_key().cloned().expect("a request key");
    let [found] = <[_; 1]>::try_from(find_pending(dir.path()).unwrap()).unwrap();
    assert_eq!(
        found.request_key(),
        Some(&key),
        "the key survives a restart"
    );
    assert_eq!(
        found.requests(),
        Some((keys.csr_auth_pem(), keys.csr_sign_pem())),
        "so do the requests, to send them again"
    );
    let other = save_pending(
        &dir.path().join("other"),
        &generate_key_set(&common::subject()).unwrap(),
        &password(),
    )
    .unwrap();
    assert_ne!(other.request_key(), Some(&key), "each kit has its own key");
}

#[test]
fn a_crash_between_the_two_key_files_is_finished_by_the_next_installation() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let mut pending = save_pending(dir.path(), &keys, &password()).unwrap();
    pending
        .record_application(&ApplicationNumber::parse("1234567890").unwrap())
        .unwrap();
    let before = files(dir.path());
    let certificates = ca.certificates(&keys);
    install(&pending, &password(), &certificates, Pkcs12Format::Modern).unwrap();
    let auth = std::fs::read(pending.key_file(KeyRole::Auth)).unwrap();
    // The state a crash after the AUTH file leaves: that file, and the pending kit.
    std::fs::remove_file(pending.key_file(KeyRole::Sign)).unwrap();
    for (name, bytes) in &before {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }

    let installed = install(&pending, &password(), &certificates, Pkcs12Format::Modern)
        .expect("the installation finishes instead of 'keys already present'");
    assert_eq!(
        std::fs::read(&installed.files[0].path).unwrap(),
        auth,
        "the file written first is kept as it was"
    );
    assert!(installed.files[1].path.is_file());
    assert_eq!(
        listing(dir.path()).len(),
        2,
        "only the two key files are left: {:?}",
        listing(dir.path())
    );
}

#[test]
fn a_key_file_that_is_not_this_kits_own_still_stops_the_installation() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    // Another kit's AUTH file under this kit's name: a real PKCS#12, the same password.
    let stranger_dir = tempfile::tempdir().unwrap();
    let stranger = generate_key_set(&common::subject()).unwrap();
    let theirs = save_pending(stranger_dir.path(), &stranger, &password()).unwrap();
    let theirs = install(
        &theirs,
        &password(),
        &ca.certificates(&stranger),
        Pkcs12Format::Modern,
    )
    .unwrap();
    std::fs::copy(&theirs.files[0].path, pending.key_file(KeyRole::Auth)).unwrap();
    let before = files(dir.path());
    let result = install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    assert!(
        matches!(&result, Err(StoreError::KeysAlreadyPresent { files }) if files == &vec![pending.key_file(KeyRole::Auth)]),
        "{result:?}"
    );
    assert_eq!(files(dir.path()), before, "nothing was touched");
}

#[test]
fn an_installed_kit_whose_manifest_stayed_does_not_block_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let manifest = std::fs::read(pending.manifest_file()).unwrap();
    install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    )
    .unwrap();
    // The manifest could not be removed (locked by another program), the keys were.
    std::fs::write(pending.manifest_file(), manifest).unwrap();
    let found = find_pending(dir.path()).expect("the folder is readable, not 'damaged'");
    assert_eq!(found.len(), 1);
    assert!(found[0].is_installed(), "offered for tidying up");
}

#[test]
fn a_kit_whose_folder_failed_is_written_elsewhere_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let stick = dir.path().join("stick");
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let pending = save_pending(&stick, &keys, &password()).unwrap();
    let copy = pending.copy().unwrap();
    assert!(!format!("{copy:?}").contains("ENCRYPTED"), "{copy:?}");
    std::fs::remove_dir_all(&stick).unwrap(); // the stick is pulled

    let number = ApplicationNumber::parse("1234567890").unwrap();
    let elsewhere = dir.path().join("documents");
    let moved = copy.save_in(&elsewhere, &number).unwrap();
    let [found] = <[_; 1]>::try_from(find_pending(&elsewhere).unwrap()).unwrap();
    assert_eq!(found, moved);
    assert_eq!(found.application_number(), Some(&number));
    assert_eq!(found.request_key(), pending.request_key());
    install(
        &found,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    )
    .unwrap();
    // The kit is installed there now: writing it again is refused, nothing overwritten.
    let again = copy.save_in(&elsewhere, &number);
    assert!(
        matches!(again, Err(StoreError::KeysAlreadyPresent { .. })),
        "{again:?}"
    );
}
