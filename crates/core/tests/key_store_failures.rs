//! Pending keys survive a restart, encrypted and owner-only; every failure (wrong password, a
//! certificate for another key, existing key files, a read-only folder, a full disk, damaged
//! pending files) gives its own error and leaves the folder exactly as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::io::Write;

use common::{PASSWORD, TestCa, Tmpfs, listing, password, run, snapshot, text};
use qoltanba_core::domain::{ApplicationNumber, KeyPassword};
use qoltanba_core::pki::{KeyRole, KeySet, Pkcs12Format, generate_key_set};
use qoltanba_core::store::{
    StoreError, discard_pending, find_pending, install, preflight, save_pending,
};

fn keys() -> KeySet {
    generate_key_set(&common::subject()).unwrap()
}

#[test]
fn pending_keys_survive_a_restart_encrypted_and_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kit");
    let ca = TestCa::new();
    let keys = keys();
    let certificates = ca.certificates(&keys);
    let mut pending = save_pending(&folder, &keys, &password()).unwrap();
    assert_eq!(pending.folder(), folder);
    assert_eq!(pending.auth_id(), keys.auth_id());
    assert_eq!(pending.application_number(), None);
    assert_eq!(
        listing(&folder),
        vec![
            format!("AUTH_RSA256_{}.pending.pem", keys.auth_id()),
            format!("RSA256_{}.pending.pem", keys.sign_id()),
            format!("qoltanba-pending-{}.json", keys.auth_id()),
        ]
    );
    for role in KeyRole::ALL {
        let file = pending.pending_file(role);
        #[cfg(unix)]
        assert_eq!(common::mode(&file), 0o600);
        let pem = std::fs::read_to_string(&file).unwrap();
        assert!(
            pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
            "{pem}"
        );
        // Standard PKCS#8 PBES2: OpenSSL opens it with the password, and only with it.
        let path = file.to_str().unwrap();
        let good = run(
            "openssl",
            &[
                "pkey",
                "-in",
                path,
                "-noout",
                "-passin",
                &format!("pass:{PASSWORD}"),
            ],
            None,
        );
        assert!(good.status.success(), "{}", text(&good));
        let bad = run(
            "openssl",
            &["pkey", "-in", path, "-noout", "-passin", "pass:Wrong1pass"],
            None,
        );
        assert!(!bad.status.success());
        let params = run("openssl", &["asn1parse", "-in", path], None);
        let params = text(&params);
        for needle in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
            assert!(params.contains(needle), "{needle} missing:\n{params}");
        }
    }
    let manifest = std::fs::read_to_string(pending.manifest_file()).unwrap();
    // Facts and the two (public) requests, to send them again after a lost answer.
    assert!(
        !manifest.contains("PRIVATE") && manifest.len() < 8 * 1024,
        "{manifest}"
    );

    let number = ApplicationNumber::parse("0000012345").unwrap();
    pending.record_application(&number).unwrap();
    assert_eq!(pending.application_number(), Some(&number));
    drop(keys);

    // "Restart": nothing in memory but the folder.
    let found = find_pending(&folder).unwrap();
    assert_eq!(found, vec![pending.clone()]);
    assert_eq!(found[0].application_number(), Some(&number));
    assert!(!found[0].is_installed());
    let files = install(&found[0], &password(), &certificates, Pkcs12Format::Modern).unwrap();
    assert!(files.files[0].path.is_file() && files.files[1].path.is_file());
    assert_eq!(find_pending(&folder).unwrap(), vec![]);
    assert_eq!(
        find_pending(&dir.path().join("never made")).unwrap(),
        vec![]
    );
}

#[test]
fn a_wrong_password_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new();
    let keys = keys();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let before = snapshot(dir.path());
    let wrong = KeyPassword::parse("Tulpar2025").unwrap();
    let result = install(
        &pending,
        &wrong,
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    assert!(
        matches!(result, Err(StoreError::WrongPassword)),
        "{result:?}"
    );
    assert_eq!(snapshot(dir.path()), before);
    install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    )
    .unwrap();
}

#[test]
fn a_certificate_for_another_key_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new();
    let keys = keys();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let before = snapshot(dir.path());
    let good = ca.certificates(&keys);

    let mut swapped = good.clone();
    std::mem::swap(&mut swapped.auth, &mut swapped.sign);
    let result = install(&pending, &password(), &swapped, Pkcs12Format::Modern);
    assert!(
        matches!(
            result,
            Err(StoreError::CertificateMismatch {
                role: KeyRole::Auth
            })
        ),
        "{result:?}"
    );

    let other = ca.certificates(&generate_key_set(&common::subject()).unwrap());
    let mut foreign_sign = good.clone();
    foreign_sign.sign = other.sign;
    let result = install(
        &pending,
        &password(),
        &foreign_sign,
        Pkcs12Format::Compatible,
    );
    assert!(
        matches!(
            result,
            Err(StoreError::CertificateMismatch {
                role: KeyRole::Sign
            })
        ),
        "{result:?}"
    );

    let mut garbage = good.clone();
    garbage.sign.as_mut().unwrap().certificate_pem =
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".into();
    let result = install(&pending, &password(), &garbage, Pkcs12Format::Modern);
    assert!(
        matches!(
            result,
            Err(StoreError::CertificateInvalid {
                role: KeyRole::Sign
            })
        ),
        "{result:?}"
    );
    let mut bad_chain = good.clone();
    bad_chain.auth.as_mut().unwrap().chain_pem[1] = "not a certificate".into();
    let result = install(&pending, &password(), &bad_chain, Pkcs12Format::Modern);
    assert!(
        matches!(
            result,
            Err(StoreError::CertificateInvalid {
                role: KeyRole::Auth
            })
        ),
        "{result:?}"
    );

    assert_eq!(snapshot(dir.path()), before);
    install(&pending, &password(), &good, Pkcs12Format::Modern).unwrap();
}

#[test]
fn existing_key_files_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new();
    let keys = keys();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let auth_file = pending.key_file(KeyRole::Auth);
    std::fs::write(&auth_file, b"someone's precious key").unwrap();
    let before = snapshot(dir.path());
    let result = install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    match result {
        Err(StoreError::KeysAlreadyPresent { files }) => assert_eq!(files, vec![auth_file.clone()]),
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(dir.path()), before);
    // Saving the same kit again is refused too.
    let again = save_pending(dir.path(), &keys, &password());
    assert!(
        matches!(again, Err(StoreError::KeysAlreadyPresent { .. })),
        "{again:?}"
    );
    assert_eq!(snapshot(dir.path()), before);

    // Preflight reports them and proposes a fresh dated subfolder that works.
    let check = preflight(dir.path()).unwrap();
    assert_eq!(check.existing_key_files.len(), 4, "{check:?}");
    let suggested = check.suggested_subfolder.clone().unwrap();
    assert_eq!(suggested.parent(), Some(dir.path()));
    assert!(!suggested.exists());
    let name = suggested.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("keys-20") && name.len() == "keys-YYYY-MM-DD".len(),
        "{name}"
    );
    let fresh = preflight(&suggested).unwrap();
    assert!(
        !fresh.exists && fresh.existing_key_files.is_empty() && fresh.suggested_subfolder.is_none()
    );
    assert!(
        !suggested.exists(),
        "preflight must not leave the folder behind"
    );
}

#[test]
fn preflight_checks_the_folder_and_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a file");
    std::fs::write(&file, b"x").unwrap();
    assert!(matches!(
        preflight(&file),
        Err(StoreError::NotADirectory { .. })
    ));
    assert!(matches!(
        preflight(&file.join("below")),
        Err(StoreError::NotADirectory { .. })
    ));
    let nested = dir.path().join("new").join("deeper");
    let check = preflight(&nested).unwrap();
    assert!(!check.exists && check.available_bytes > 0);
    assert!(!dir.path().join("new").exists());
    let check = preflight(dir.path()).unwrap();
    assert!(check.exists && check.existing_key_files.is_empty());
    assert_eq!(listing(dir.path()), vec!["a file".to_owned()]);
    assert!(matches!(
        save_pending(&file, &keys(), &password()),
        Err(StoreError::NotADirectory { .. })
    ));
}

#[test]
fn a_read_only_folder_is_reported_and_left_untouched() {
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let folder = disk.path().join("kit");
    let ca = TestCa::new();
    let keys = keys();
    let pending = save_pending(&folder, &keys, &password()).unwrap();
    let before = snapshot(&folder);
    disk.remount("ro");
    assert!(matches!(
        preflight(&folder),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        preflight(&disk.path().join("new")),
        Err(StoreError::ReadOnly { .. })
    ));
    let result = install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    assert!(
        matches!(result, Err(StoreError::ReadOnly { .. })),
        "{result:?}"
    );
    let other = save_pending(
        &disk.path().join("other"),
        &generate_key_set(&common::subject()).unwrap(),
        &password(),
    );
    assert!(
        matches!(other, Err(StoreError::ReadOnly { .. })),
        "{other:?}"
    );
    let mut recorded = pending.clone();
    let record = recorded.record_application(&ApplicationNumber::parse("0000000042").unwrap());
    assert!(
        matches!(record, Err(StoreError::ReadOnly { .. })),
        "{record:?}"
    );
    assert_eq!(snapshot(&folder), before);
    disk.remount("rw");
    install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    )
    .unwrap();
}

#[test]
fn a_full_disk_is_reported_and_leaves_no_partial_file() {
    let Some(disk) = Tmpfs::mount(1024) else {
        return;
    };
    let folder = disk.path().join("kit");
    let ca = TestCa::new();
    let keys = keys();
    let certificates = ca.certificates(&keys);
    let pending = save_pending(&folder, &keys, &password()).unwrap();
    let before = snapshot(&folder);

    // Fill the disk to the last byte.
    let filler_path = disk.path().join("filler");
    let mut filler = std::fs::File::create(&filler_path).unwrap();
    let chunk = vec![0u8; 4096];
    let error = loop {
        if let Err(error) = filler.write_all(&chunk) {
            break error;
        }
    };
    assert_eq!(error.kind(), std::io::ErrorKind::StorageFull, "{error}");
    loop {
        if filler.write_all(&[0]).is_err() {
            break;
        }
    }
    drop(filler);

    let result = install(&pending, &password(), &certificates, Pkcs12Format::Modern);
    assert!(matches!(result, Err(StoreError::DiskFull)), "{result:?}");
    assert_eq!(
        snapshot(&folder),
        before,
        "no partial key file, no temporary file"
    );
    assert!(matches!(
        preflight(&folder),
        Err(StoreError::NotEnoughSpace { .. })
    ));
    let more = save_pending(
        &disk.path().join("more"),
        &generate_key_set(&common::subject()).unwrap(),
        &password(),
    );
    assert!(
        matches!(more, Err(StoreError::NotEnoughSpace { .. })),
        "{more:?}"
    );
    assert_eq!(find_pending(&folder).unwrap(), vec![pending.clone()]);

    std::fs::remove_file(&filler_path).unwrap();
    let files = install(&pending, &password(), &certificates, Pkcs12Format::Modern).unwrap();
    common::openssl_info(&files.files[0].path, PASSWORD);
}

#[test]
fn running_out_of_room_while_saving_removes_what_was_written() {
    // Room for the folder and two files only: the manifest (written last) cannot be created.
    let Some(disk) = Tmpfs::mount_with(1024, "nr_inodes=4") else {
        return;
    };
    let folder = disk.path().join("kit");
    let result = save_pending(&folder, &keys(), &password());
    assert!(matches!(result, Err(StoreError::DiskFull)), "{result:?}");
    assert_eq!(listing(&folder), Vec::<String>::new());
}

#[test]
fn running_out_of_room_between_the_two_key_files_removes_the_first() {
    // The root, the folder and the three pending files use five inodes; the AUTH file gets
    // the sixth, the signing file finds none.
    let Some(disk) = Tmpfs::mount_with(1024, "nr_inodes=6") else {
        return;
    };
    let folder = disk.path().join("kit");
    let ca = TestCa::new();
    let keys = keys();
    let pending = save_pending(&folder, &keys, &password()).unwrap();
    let before = snapshot(&folder);
    let result = install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    assert!(matches!(result, Err(StoreError::DiskFull)), "{result:?}");
    assert_eq!(snapshot(&folder), before);
}

#[test]
fn discarding_removes_the_kit() {
    let dir = tempfile::tempdir().unwrap();
    let pending = save_pending(dir.path(), &keys(), &password()).unwrap();
    discard_pending(pending).unwrap();
    assert_eq!(listing(dir.path()), Vec::<String>::new());
    assert_eq!(find_pending(dir.path()).unwrap(), vec![]);
}

#[test]
fn damaged_pending_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let keys = keys();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let manifest = std::fs::read(pending.manifest_file()).unwrap();

    std::fs::write(pending.manifest_file(), b"{ not json").unwrap();
    match find_pending(dir.path()) {
        Err(StoreError::PendingCorrupt { path }) => assert_eq!(path, pending.manifest_file()),
        other => panic!("{other:?}"),
    }
    std::fs::write(pending.manifest_file(), &manifest).unwrap();

    // A key file replaced by another kit's (same password): caught before anything is written.
    let other_dir = tempfile::tempdir().unwrap();
    let other = save_pending(
        other_dir.path(),
        &generate_key_set(&common::subject()).unwrap(),
        &password(),
    )
    .unwrap();
    let sign_file = pending.pending_file(KeyRole::Sign);
    let original = std::fs::read(&sign_file).unwrap();
    std::fs::copy(other.pending_file(KeyRole::Sign), &sign_file).unwrap();
    let ca = TestCa::new();
    let result = install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    assert!(
        matches!(result, Err(StoreError::PendingCorrupt { .. })),
        "{result:?}"
    );
    assert!(!pending.key_file(KeyRole::Auth).exists());

    std::fs::write(&sign_file, b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n").unwrap();
    let result = install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    );
    assert!(
        matches!(result, Err(StoreError::PendingCorrupt { .. })),
        "{result:?}"
    );

    std::fs::remove_file(&sign_file).unwrap();
    match find_pending(dir.path()) {
        Err(StoreError::PendingCorrupt { path }) => assert_eq!(path, sign_file),
        other => panic!("{other:?}"),
    }
    std::fs::write(&sign_file, original).unwrap();
    install(
        &pending,
        &password(),
        &ca.certificates(&keys),
        Pkcs12Format::Modern,
    )
    .unwrap();
}
