use super::*;

/// The names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn replaces_the_file_whole_creating_its_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("deeper").join("a.toml");
    write_private(&target, b"one").expect("first");
    write_private(&target, b"two").expect("second");
    assert_eq!(std::fs::read(&target).expect("read"), b"two");
    assert_eq!(names(target.parent().expect("parent")), ["a.toml"]);
}

#[cfg(unix)]
#[test]
fn files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let mode = |path: &Path| std::fs::metadata(path).expect("meta").permissions().mode() & 0o777;
    let replaced = dir.path().join("settings.toml");
    // A file the person made world-readable becomes owner-only once we write it.
    std::fs::write(&replaced, "old").expect("write");
    std::fs::set_permissions(&replaced, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    write_private(&replaced, b"new").expect("replace");
    assert_eq!(mode(&replaced), 0o600);
    let key = write_new(dir.path(), "key.p12", b"key").expect("new");
    assert_eq!(mode(&key), 0o600);
    write_replace(dir.path(), "manifest.json", b"{}").expect("manifest");
    assert_eq!(mode(&dir.path().join("manifest.json")), 0o600);
}

#[test]
fn an_existing_key_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("dir");
    write_new(dir.path(), "AUTH.p12", b"first").expect("first");
    match write_new(dir.path(), "AUTH.p12", b"second") {
        Err(StoreError::KeysAlreadyPresent { files }) => {
            assert_eq!(files, [dir.path().join("AUTH.p12")]);
        }
        other => panic!("an existing key must be refused: {other:?}"),
    }
    assert_eq!(
        std::fs::read(dir.path().join("AUTH.p12")).expect("read"),
        b"first"
    );
    assert_eq!(names(dir.path()), ["AUTH.p12"], "no temporary file is left");
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("dir");
    // A directory where the file should go: the rename fails after the bytes were written.
    std::fs::create_dir(dir.path().join("progress.toml")).expect("dir in the way");
    assert!(write_private(&dir.path().join("progress.toml"), b"iin = 1").is_err());
    assert!(write_replace(dir.path(), "progress.toml", b"iin = 1").is_err());
    assert_eq!(names(dir.path()), ["progress.toml"]);
    // A folder that does not exist (and is not made for keys): nothing is created.
    let missing = dir.path().join("missing");
    assert!(write_new(&missing, "key.p12", b"key").is_err());
    assert!(!missing.exists());
}

#[test]
fn concurrent_writers_never_mix_their_files() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("kiosk-counters.toml");
    // Large enough that interleaved writes into one shared file would show.
    let payloads: Vec<Vec<u8>> = (0..8u8).map(|n| vec![b'a' + n; 256 * 1024]).collect();
    std::thread::scope(|scope| {
        for payload in &payloads {
            let target = &target;
            scope.spawn(move || {
                for _ in 0..4 {
                    write_private(target, payload).expect("write");
                }
            });
        }
    });
    let written = std::fs::read(&target).expect("read");
    assert!(
        payloads.contains(&written),
        "the file is one writer's whole payload"
    );
    assert_eq!(names(dir.path()), ["kiosk-counters.toml"]);
}

#[test]
fn a_bare_file_name_is_written_in_the_current_folder() {
    assert_eq!(folder_of(Path::new("progress.toml")), Path::new("."));
    assert_eq!(
        folder_of(Path::new("/data/progress.toml")),
        Path::new("/data")
    );
}

#[test]
fn folders_with_cyrillic_and_kazakh_names_are_written() {
    // A Windows user folder is often named in Cyrillic (C:\Users\Әлия Сейітқызы\Documents).
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("Әлия Сейітқызы").join("Документы");
    let settings = folder.join("настройки.toml");
    write_private(&settings, b"one").expect("settings");
    let key = write_new(&folder, "AUTH_RSA256_ключ.p12", b"key").expect("key");
    write_replace(&folder, "manifest.json", b"{}").expect("manifest");
    assert_eq!(std::fs::read(&settings).expect("read"), b"one");
    assert_eq!(std::fs::read(&key).expect("read key"), b"key");
    assert_eq!(
        names(&folder),
        ["AUTH_RSA256_ключ.p12", "manifest.json", "настройки.toml"]
    );
}

#[cfg(windows)]
#[test]
fn windows_files_are_owner_only_through_their_access_list() {
    let dir = tempfile::tempdir().expect("dir");
    let replaced = dir.path().join("settings.toml");
    std::fs::write(&replaced, "old").expect("write");
    write_private(&replaced, b"new").expect("replace");
    let key = write_new(dir.path(), "key.p12", b"key").expect("new");
    for path in [&replaced, &key] {
        let file = std::fs::File::open(path).expect("open");
        let summary = qoltanba_windows::access_summary(&file).expect("access list");
        assert_eq!(
            summary,
            qoltanba_windows::AccessSummary {
                protected: true,
                entries: 1,
                only_current_user: true,
                others: Vec::new(),
            },
            "{}",
            path.display()
        );
    }
}

#[cfg(windows)]
#[test]
fn windows_replace_waits_while_another_program_holds_the_target() {
    use std::os::windows::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("settings.toml");
    std::fs::write(&target, "old").expect("write");
    // What an antivirus does: open the file for reading, sharing reads only (no FILE_SHARE_DELETE),
    // so a rename over it fails until the handle is closed.
    const FILE_SHARE_READ: u32 = 1;
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(FILE_SHARE_READ)
        .open(&target)
        .expect("hold");
    let scanner = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    write_private(&target, b"new").expect("written once the scanner let go");
    scanner.join().expect("scanner");
    assert_eq!(std::fs::read(&target).expect("read"), b"new");
    assert_eq!(names(dir.path()), ["settings.toml"]);
}
