//! Key files made through `install` open in OpenSSL 3 (no -legacy), in Java's keytool, hold
//! the matching key and certificate, are named as НУЦ kits are and are owner-only; `inspect`
//! reads them, a legacy (RC2-40/3DES/SHA-1) file and BER files as BouncyCastle writes them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use common::{PASSWORD, TestCa, keytool_list, listing, moduli, openssl_info, password, run, text};
use qoltanba_core::pki::inspect::{
    ExtendedKeyUsage, InspectError, KeyUsage, PublicKeyKind, inspect_pkcs12,
};
use qoltanba_core::pki::{KeyRole, Pkcs12Format, generate_key_set};
use qoltanba_core::store::{InstalledKeys, install, save_pending};

fn installed(
    format: Pkcs12Format,
) -> (tempfile::TempDir, qoltanba_core::pki::KeySet, InstalledKeys) {
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Мои ключи");
    let pending = save_pending(&folder, &keys, &password()).unwrap();
    let files = install(&pending, &password(), &ca.certificates(&keys), format).unwrap();
    (dir, keys, files)
}

fn check_with_openssl_and_keytool(
    files: &InstalledKeys,
    keys: &qoltanba_core::pki::KeySet,
    format: Pkcs12Format,
) {
    for (file, id) in [
        (&files.files[0].path, keys.auth_id()),
        (&files.files[1].path, keys.sign_id()),
    ] {
        let info = openssl_info(file, PASSWORD);
        let expected: &[&str] = match format {
            Pkcs12Format::Modern => &[
                "MAC: sha256",
                "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC",
                "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC",
                "PRF hmacWithSHA256",
            ],
            Pkcs12Format::Compatible => &[
                "MAC: sha1",
                "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC",
                "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC",
            ],
        };
        for needle in expected {
            assert!(info.contains(needle), "{needle:?} missing in:\n{info}");
        }
        assert_eq!(
            info.matches("-----BEGIN CERTIFICATE-----").count(),
            3,
            "{info}"
        );

        let listing = keytool_list(file, PASSWORD);
        assert!(
            listing.contains("Your keystore contains 1 entry"),
            "{listing}"
        );
        assert!(listing.contains(&format!("Alias name: {id}")), "{listing}");
        assert!(listing.contains("Entry type: PrivateKeyEntry"), "{listing}");
        assert!(listing.contains("Certificate chain length: 3"), "{listing}");

        let (key_modulus, cert_modulus) = moduli(file, PASSWORD);
        assert!(key_modulus.starts_with("Modulus="), "{key_modulus}");
        assert_eq!(
            key_modulus, cert_modulus,
            "the key and its certificate differ"
        );
    }
}

/// The "Iteration N" figures of the lines of `openssl pkcs12 -info` that start with `label`.
fn iterations(info: &str, label: &str) -> Vec<u32> {
    info.lines()
        .filter(|line| line.starts_with(label))
        .map(|line| {
            let (_, rest) = line
                .split_once("Iteration ")
                .unwrap_or_else(|| panic!("no iteration count in {line:?}"));
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap()
        })
        .collect()
}

#[test]
fn modern_files_use_600k_iterations_and_compatible_ones_keep_theirs() {
    for (format, expected) in [
        (Pkcs12Format::Modern, 600_000),
        (Pkcs12Format::Compatible, 10_000),
    ] {
        let (_dir, _keys, files) = installed(format);
        for file in [&files.files[0].path, &files.files[1].path] {
            let info = openssl_info(file, PASSWORD);
            for label in ["MAC:", "PKCS7 Encrypted data:", "Shrouded Keybag:"] {
                assert_eq!(
                    iterations(&info, label),
                    [expected],
                    "{format:?} {label}\n{info}"
                );
            }
        }
    }
}

#[test]
fn modern_files_open_in_openssl_3_and_keytool_with_matching_key_and_certificate() {
    let (dir, keys, files) = installed(Pkcs12Format::Modern);
    let folder = dir.path().join("Мои ключи");
    assert_eq!(
        files.files[0].path,
        folder.join(format!("AUTH_RSA256_{}.p12", keys.auth_id()))
    );
    assert_eq!(
        files.files[1].path,
        folder.join(format!("RSA256_{}.p12", keys.sign_id()))
    );
    // Only the two key files are left: the pending keys and manifest are gone, no temp file.
    assert_eq!(
        listing(&folder),
        vec![
            format!("AUTH_RSA256_{}.p12", keys.auth_id()),
            format!("RSA256_{}.p12", keys.sign_id()),
        ]
    );
    #[cfg(unix)]
    for file in [&files.files[0].path, &files.files[1].path] {
        assert_eq!(common::mode(file), 0o600, "{}", file.display());
    }
    check_with_openssl_and_keytool(&files, &keys, Pkcs12Format::Modern);
}

#[test]
fn compatible_files_use_3des_and_sha1_and_still_open_without_legacy() {
    let (_dir, keys, files) = installed(Pkcs12Format::Compatible);
    check_with_openssl_and_keytool(&files, &keys, Pkcs12Format::Compatible);
    #[cfg(unix)]
    assert_eq!(common::mode(&files.files[1].path), 0o600);
}

#[test]
fn the_file_name_id_is_the_certificates_subject_key_identifier() {
    let (_dir, keys, files) = installed(Pkcs12Format::Modern);
    for (file, id) in [
        (&files.files[0].path, keys.auth_id()),
        (&files.files[1].path, keys.sign_id()),
    ] {
        let info = inspect_pkcs12(&std::fs::read(file).unwrap(), PASSWORD).unwrap();
        assert_eq!(info.key_id, id);
        assert_eq!(info.friendly_name.as_deref(), Some(id));
        assert_eq!(id.len(), 40);
    }
}

#[test]
fn inspect_describes_both_files() {
    let (_dir, _keys, files) = installed(Pkcs12Format::Modern);
    let auth = inspect_pkcs12(&std::fs::read(&files.files[0].path).unwrap(), PASSWORD).unwrap();
    let sign = inspect_pkcs12(&std::fs::read(&files.files[1].path).unwrap(), PASSWORD).unwrap();
    for info in [&auth, &sign] {
        assert_eq!(info.owner.as_deref(), Some("СӘРСЕНБАЕВА ӘЙГЕРІМ"));
        assert_eq!(info.iin, Some(common::iin()));
        assert_eq!(info.bin, None);
        assert_eq!(info.issuer, "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST");
        assert!((363..=365).contains(&info.days_left), "{}", info.days_left);
        assert!(info.not_before < info.not_after);
        assert_eq!(info.public_key, PublicKeyKind::Rsa { bits: 2048 });
        assert!(info.has_private_key);
        assert_eq!(info.key_matches_certificate, Some(true));
        assert_eq!(info.ca_certificates, 2);
        assert_eq!(info.email.as_deref(), Some("aigerim@example.kz"));
        assert!(
            !info.serial_hex.is_empty() && info.serial_hex.chars().all(|c| c.is_ascii_hexdigit())
        );
        assert!(
            info.extended_key_usage
                .contains(&ExtendedKeyUsage::NcaIdentifiedDigitalId)
        );
    }
    assert_eq!(auth.role, Some(KeyRole::Auth));
    assert_eq!(
        auth.key_usage,
        vec![KeyUsage::DigitalSignature, KeyUsage::KeyEncipherment]
    );
    assert!(
        auth.extended_key_usage
            .contains(&ExtendedKeyUsage::ClientAuth)
    );
    assert_eq!(sign.role, Some(KeyRole::Sign));
    assert_eq!(
        sign.key_usage,
        vec![KeyUsage::DigitalSignature, KeyUsage::NonRepudiation]
    );
    assert!(
        sign.extended_key_usage
            .contains(&ExtendedKeyUsage::NcaIndividual)
    );
    assert_ne!(auth.serial_hex, sign.serial_hex);
    assert_eq!(auth.iin_unchecked, None, "a valid IIN needs no warning");
    assert_eq!(
        sign.holder,
        vec![qoltanba_core::pki::inspect::HolderRole::Individual]
    );
    for file in [&files.files[0].path, &files.files[1].path] {
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(
            qoltanba_core::pki::try_kit(&bytes, PASSWORD).unwrap(),
            qoltanba_core::pki::KitTrial::Verified,
            "the RSA key signs and its certificate verifies"
        );
    }

    assert_eq!(
        inspect_pkcs12(&std::fs::read(&files.files[0].path).unwrap(), "Wrong1pass"),
        Err(InspectError::WrongPassword)
    );
}

#[test]
fn inspect_reads_a_legacy_rc2_3des_sha1_file() {
    let (dir, _keys, files) = installed(Pkcs12Format::Modern);
    let pass = format!("pass:{PASSWORD}");
    // Unpack our file to PEM and pack it again the way old kits are made.
    let pem = run(
        "openssl",
        &[
            "pkcs12",
            "-in",
            files.files[1].path.to_str().unwrap(),
            "-nodes",
            "-passin",
            &pass,
        ],
        None,
    );
    assert!(pem.status.success(), "{}", text(&pem));
    let unpacked = dir.path().join("unpacked.pem");
    std::fs::write(&unpacked, &pem.stdout).unwrap();
    let legacy = dir.path().join("legacy.p12");
    let export = run(
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-legacy",
            "-name",
            "legacy kit",
            "-in",
            unpacked.to_str().unwrap(),
            "-passout",
            &pass,
            "-out",
            legacy.to_str().unwrap(),
        ],
        None,
    );
    assert!(export.status.success(), "{}", text(&export));
    // It really is legacy: RC2-40 certificates, 3DES key, SHA-1 MAC.
    let info = run(
        "openssl",
        &[
            "pkcs12",
            "-info",
            "-legacy",
            "-nokeys",
            "-in",
            legacy.to_str().unwrap(),
            "-passin",
            &pass,
        ],
        None,
    );
    let report = text(&info);
    assert!(info.status.success(), "{report}");
    for needle in [
        "MAC: sha1",
        "PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC",
        "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC",
    ] {
        assert!(report.contains(needle), "{needle:?} missing in:\n{report}");
    }

    let bytes = std::fs::read(&legacy).unwrap();
    let described = inspect_pkcs12(&bytes, PASSWORD).unwrap();
    assert_eq!(described.role, Some(KeyRole::Sign));
    assert_eq!(described.iin, Some(common::iin()));
    assert_eq!(described.owner.as_deref(), Some("СӘРСЕНБАЕВА ӘЙГЕРІМ"));
    assert_eq!(described.friendly_name.as_deref(), Some("legacy kit"));
    assert_eq!(described.key_matches_certificate, Some(true));
    assert_eq!(
        inspect_pkcs12(&bytes, "Wrong1pass"),
        Err(InspectError::WrongPassword)
    );
}

#[test]
fn expired_certificates_have_negative_days_left() {
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pending = save_pending(dir.path(), &keys, &password()).unwrap();
    let mut certificates = ca.certificates(&keys);
    certificates.auth = Some(ca.issue(keys.csr_auth_pem(), false, 30));
    let files = install(&pending, &password(), &certificates, Pkcs12Format::Modern).unwrap();
    let bytes = std::fs::read(&files.files[0].path).unwrap();
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(45);
    let info = qoltanba_core::pki::inspect::inspect_pkcs12_at(&bytes, PASSWORD, later).unwrap();
    assert!((-16..=-14).contains(&info.days_left), "{}", info.days_left);
}

/// The length of a DER header at `at` and of the contents after it.
fn der_lengths(bytes: &[u8], at: usize) -> (usize, usize) {
    match bytes[at + 1] {
        short @ 0..0x80 => (2, usize::from(short)),
        long => {
            let count = usize::from(long & 0x7f);
            let length = bytes[at + 2..at + 2 + count]
                .iter()
                .fold(0, |length, byte| (length << 8) | usize::from(*byte));
            (2 + count, length)
        }
    }
}

/// The whole element (header and contents) at `at`.
fn der_element(bytes: &[u8], at: usize) -> &[u8] {
    let (header, content) = der_lengths(bytes, at);
    &bytes[at..at + header + content]
}

/// A DER PFX re-encoded on its outer layer as BouncyCastle does: indefinite lengths and the
/// authenticated safe's octets in 1000-byte OCTET STRING chunks. The safe itself (what the
/// MAC covers) is left as it was.
fn outer_layer_as_ber(der: &[u8]) -> Vec<u8> {
    let (pfx_header, _) = der_lengths(der, 0);
    let version = der_element(der, pfx_header);
    let auth_safe_at = pfx_header + version.len();
    let auth_safe = der_element(der, auth_safe_at);
    let mac_data = der_element(der, auth_safe_at + auth_safe.len());
    let (auth_safe_header, _) = der_lengths(auth_safe, 0);
    let content_type = der_element(auth_safe, auth_safe_header);
    let explicit_at = auth_safe_header + content_type.len();
    let (explicit_header, _) = der_lengths(auth_safe, explicit_at);
    let octets_at = explicit_at + explicit_header;
    let (octets_header, octets_len) = der_lengths(auth_safe, octets_at);
    let octets = &auth_safe[octets_at + octets_header..][..octets_len];
    assert!(octets.len() > 1000, "more than one chunk");

    let mut ber = vec![0x30, 0x80];
    ber.extend_from_slice(version);
    ber.extend_from_slice(&[0x30, 0x80]);
    ber.extend_from_slice(content_type);
    ber.extend_from_slice(&[0xa0, 0x80, 0x24, 0x80]);
    for chunk in octets.chunks(1000) {
        let length = u16::try_from(chunk.len()).unwrap().to_be_bytes();
        ber.extend_from_slice(&[0x04, 0x82, length[0], length[1]]);
        ber.extend_from_slice(chunk);
    }
    ber.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    ber.extend_from_slice(mac_data);
    ber.extend_from_slice(&[0, 0]);
    ber
}

/// `bytes` with one bit of the MAC's digest flipped. The digest follows its algorithm's
/// OID (SHA-1 or SHA-256 here), the last one in the file, and perhaps a NULL parameter.
fn with_mac_flipped(bytes: &[u8]) -> Vec<u8> {
    let oids: [&[u8]; 2] = [
        &[0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a],
        &[
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        ],
    ];
    let mut at = oids
        .iter()
        .filter_map(|oid| {
            bytes
                .windows(oid.len())
                .rposition(|window| window == *oid)
                .map(|at| at + oid.len())
        })
        .max()
        .expect("a MAC");
    if bytes[at..].starts_with(&[0x05, 0x00]) {
        at += 2;
    }
    assert_eq!(bytes[at], 0x04, "the digest's OCTET STRING");
    let mut tampered = bytes.to_vec();
    tampered[at + 2] ^= 1;
    tampered
}

#[test]
fn a_file_with_a_ber_outer_layer_and_a_chunked_safe_is_read_and_its_mac_checked() {
    let (_dir, _keys, files) = installed(Pkcs12Format::Modern);
    let der = std::fs::read(&files.files[0].path).unwrap();
    let ber = outer_layer_as_ber(&der);
    assert_eq!(&ber[..2], &[0x30, 0x80]);
    assert!(
        ber.windows(6)
            .any(|w| w == [0x24, 0x80, 0x04, 0x82, 0x03, 0xe8])
    );
    let now = time::OffsetDateTime::now_utc();
    let expected = qoltanba_core::pki::inspect::inspect_pkcs12_at(&der, PASSWORD, now).unwrap();
    // The MAC covers the safe's octets, chunks joined, so it still verifies.
    assert_eq!(
        qoltanba_core::pki::inspect::inspect_pkcs12_at(&ber, PASSWORD, now),
        Ok(expected)
    );
    assert_eq!(
        inspect_pkcs12(&ber, "Wrong1pass"),
        Err(InspectError::WrongPassword)
    );
    assert_eq!(
        inspect_pkcs12(&with_mac_flipped(&ber), PASSWORD),
        Err(InspectError::WrongPassword)
    );
    // Cut short anywhere in the BER, it is refused as damaged.
    for cut in [ber.len() - 1, ber.len() / 2, 7] {
        assert_eq!(
            inspect_pkcs12(&ber[..cut], PASSWORD),
            Err(InspectError::NotPkcs12),
            "cut at {cut}"
        );
    }
}

/// `file` saved again by BouncyCastle (the JCE provider Kalkan and NCALayer are built on),
/// through keytool.
fn saved_by_bouncycastle(file: &std::path::Path, out: &std::path::Path) {
    const BCPROV: &str = "/usr/share/java/bcprov.jar";
    assert!(
        std::path::Path::new(BCPROV).exists(),
        "{BCPROV} is missing: install Debian's libbcprov-java"
    );
    let output = run(
        "keytool",
        &[
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            file.to_str().unwrap(),
            "-srcstoretype",
            "PKCS12",
            "-srcstorepass",
            PASSWORD,
            "-destkeystore",
            out.to_str().unwrap(),
            "-deststoretype",
            "PKCS12",
            "-deststorepass",
            PASSWORD,
            "-destprovidername",
            "BC",
            "-providerpath",
            BCPROV,
            "-providerclass",
            "org.bouncycastle.jce.provider.BouncyCastleProvider",
        ],
        None,
    );
    assert!(output.status.success(), "{}", text(&output));
}

#[test]
fn a_bouncycastle_ber_file_is_read_like_the_der_original() {
    let (dir, keys, files) = installed(Pkcs12Format::Modern);
    let copy = dir.path().join("bouncycastle.p12");
    saved_by_bouncycastle(&files.files[1].path, &copy);
    let ber = std::fs::read(&copy).unwrap();
    // BER on both layers: indefinite lengths outside, the safe's octets in 1000-byte
    // chunks, and the safe inside them indefinite-length again.
    assert_eq!(&ber[..2], &[0x30, 0x80], "BouncyCastle wrote BER");
    let chunk = [0x24, 0x80, 0x04, 0x82, 0x03, 0xe8, 0x30, 0x80];
    assert!(ber.windows(chunk.len()).any(|w| w == chunk), "chunked safe");

    let now = time::OffsetDateTime::now_utc();
    let der = std::fs::read(&files.files[1].path).unwrap();
    let expected = qoltanba_core::pki::inspect::inspect_pkcs12_at(&der, PASSWORD, now).unwrap();
    let info = qoltanba_core::pki::inspect::inspect_pkcs12_at(&ber, PASSWORD, now).unwrap();
    assert_eq!(info.owner.as_deref(), Some("СӘРСЕНБАЕВА ӘЙГЕРІМ"));
    assert_eq!(info.iin, Some(common::iin()));
    assert_eq!(info.role, Some(KeyRole::Sign));
    assert_eq!(
        (info.not_before, info.not_after),
        (expected.not_before, expected.not_after)
    );
    assert_eq!(info.friendly_name.as_deref(), Some(keys.sign_id()));
    assert_eq!(info.key_matches_certificate, Some(true));
    assert_eq!(info, expected);

    // The MAC is checked on the safe as stored (here, by this program: the safe itself
    // had to be re-encoded for the parser).
    assert_eq!(
        inspect_pkcs12(&ber, "Wrong1pass"),
        Err(InspectError::WrongPassword)
    );
    assert_eq!(
        inspect_pkcs12(&with_mac_flipped(&ber), PASSWORD),
        Err(InspectError::WrongPassword)
    );
}
