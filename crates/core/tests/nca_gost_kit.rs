//! The real НУЦ test kit (fixtures/nca, provenance in its README): our reader describes it,
//! decrypts its GOST key, derives the certificate's public key from it, and the key signs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use qoltanba_core::gost;
use qoltanba_core::pki::inspect::{
    ExtendedKeyUsage, HolderRole, InspectError, KeyUsage, PublicKeyKind, inspect_pkcs12,
};
use x509_parser::prelude::{FromDer, X509Certificate};

const KIT: &[u8] = include_bytes!("fixtures/nca/individual_valid.p12");
const KIT_CERTIFICATE: &[u8] = include_bytes!("fixtures/nca/individual_valid.cer");
const PASSWORD: &str = "Qwerty12";

#[test]
fn the_nuc_gost_kit_is_described() {
    let info = inspect_pkcs12(KIT, PASSWORD).unwrap();
    assert_eq!(info.owner.as_deref(), Some("ТЕСТОВ ТЕСТ"));
    assert_eq!(info.iin, None, "НУЦ's test IIN fails the check digit");
    assert_eq!(info.iin_unchecked.as_deref(), Some("123456789011"));
    assert_eq!(info.holder, vec![HolderRole::Individual]);
    assert_eq!(info.public_key, PublicKeyKind::Gost);
    assert_eq!(
        info.key_usage,
        vec![
            KeyUsage::DigitalSignature,
            KeyUsage::NonRepudiation,
            KeyUsage::KeyAgreement
        ]
    );
    assert!(
        info.extended_key_usage
            .contains(&ExtendedKeyUsage::EmailProtection)
    );
    assert!(info.has_private_key);
    assert_eq!(info.key_matches_certificate, Some(true));
    assert_eq!(info.key_id, "ec425659bd2fc6dc587b871aede1857727cf8451");
    assert_eq!(
        inspect_pkcs12(KIT, "Qwerty13").unwrap_err(),
        InspectError::WrongPassword
    );
}

/// The key inside, decrypted by our reader: d·P is the certificate's public key, and a
/// signature made with it verifies against the certificate.
#[test]
fn our_code_derives_the_kits_public_key_from_its_private_key() {
    let key = qoltanba_core::pki::open_gost_key(KIT, PASSWORD).unwrap();
    let (_, certificate) = X509Certificate::from_der(KIT_CERTIFICATE).unwrap();
    let public = gost::certificate_public_key(&certificate).unwrap();
    assert_eq!(key.verifying_key(), public);
    let signature = key.sign(b"kit check");
    assert!(public.verify(b"kit check", &signature));
}

#[test]
fn the_nuc_kit_is_tried_by_signing_and_verifying() {
    use qoltanba_core::pki::{KitTrial, try_kit};
    assert_eq!(try_kit(KIT, PASSWORD).unwrap(), KitTrial::Verified);
    assert_eq!(
        try_kit(KIT, "wrong").unwrap_err(),
        InspectError::WrongPassword
    );
}
