use crypto_bigint::U512;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::*;

const ROOT: &[u8] = include_bytes!("../../tests/fixtures/nca/root_test.cer");
const ISSUING_CA: &[u8] = include_bytes!("../../tests/fixtures/nca/nca_test.cer");
const KIT_CERTIFICATE: &[u8] = include_bytes!("../../tests/fixtures/nca/individual_valid.cer");

fn hex(text: &str) -> U512 {
    U512::from_be_hex(text)
}

fn certificate(der: &[u8]) -> X509Certificate<'_> {
    match X509Certificate::from_der(der) {
        Ok((_, certificate)) => certificate,
        Err(error) => panic!("fixture certificate: {error}"),
    }
}

/// GOST R 34.10-2012 appendix A.2: d, Q = d·P, and the signature of e with the given k.
#[test]
fn the_standards_512_bit_example() {
    let curve = Curve::appendix_a2();
    let d = hex(
        "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
    );
    let key = SigningKey::from_le_bytes(curve, &d.to_le_bytes()).unwrap();
    let public = key.verifying_key();
    assert_eq!(
        public.coordinates(),
        (
            &hex(
                "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1"
            ),
            &hex(
                "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC"
            ),
        )
    );
    let e = hex(
        "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    );
    let k = hex(
        "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F365886748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    );
    let signature = key.sign_digest_with_k(&e, &k).unwrap();
    assert_eq!(
        signature.r,
        hex(
            "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36"
        )
    );
    assert_eq!(
        signature.s,
        hex(
            "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A"
        )
    );
    assert!(public.verify_digest(&e, &signature));
    let mut tampered = signature;
    tampered.s = tampered.s.wrapping_add(&U512::ONE);
    assert!(!public.verify_digest(&e, &tampered));
    assert!(!public.verify_digest(&e.wrapping_add(&U512::ONE), &signature));
}

#[test]
fn param_set_a_generator_is_on_the_curve_and_has_order_q() {
    let curve = Curve::param_set_a();
    let generator = curve.generator().to_affine().unwrap();
    assert!(curve.contains(
        &curve.field_element(&generator.0),
        &curve.field_element(&generator.1)
    ));
    assert!(
        curve
            .generator()
            .mul(&curve.order, curve)
            .to_affine()
            .is_none(),
        "q·P = O"
    );
    let q_minus_one = curve.order.wrapping_sub(&U512::ONE);
    let minus_p = curve
        .generator()
        .mul(&q_minus_one, curve)
        .to_affine()
        .unwrap();
    assert_eq!(minus_p.0, generator.0, "(q-1)·P = -P has P's x");
}

#[test]
fn sign_and_verify_round_trip_on_param_set_a_in_nuc_layout() {
    let key = SigningKey::generate(Curve::param_set_a());
    let public = key.verifying_key();
    let signature = key.sign(b"Qoltanba test message");
    let bytes = signature.to_nuc_bytes();
    let read = Signature::from_nuc_bytes(&bytes).unwrap();
    assert!(public.verify(b"Qoltanba test message", &read));
    assert!(!public.verify(b"Qoltanba test message!", &read));
    let mut rfc = signature.to_rfc_bytes();
    rfc.reverse();
    assert_eq!(rfc, bytes, "the RFC layout is the byte reversal");
    let other = SigningKey::generate(Curve::param_set_a()).verifying_key();
    assert!(!other.verify(b"Qoltanba test message", &read));
    let again = VerifyingKey::from_le_bytes(Curve::param_set_a(), &public.to_le_bytes()).unwrap();
    assert_eq!(again, public);
}

#[test]
fn keys_out_of_range_or_off_the_curve_are_refused() {
    let curve = Curve::param_set_a();
    assert_eq!(
        SigningKey::from_le_bytes(curve, &[0u8; 64]).unwrap_err(),
        GostError::PrivateKeyRange
    );
    assert_eq!(
        SigningKey::from_le_bytes(curve, &curve.order.to_le_bytes()).unwrap_err(),
        GostError::PrivateKeyRange
    );
    assert_eq!(
        SigningKey::from_le_bytes(curve, &[1u8; 63]).unwrap_err(),
        GostError::PrivateKeyLength(63)
    );
    let mut public = SigningKey::generate(curve).verifying_key().to_le_bytes();
    public[0] ^= 1;
    assert_eq!(
        VerifyingKey::from_le_bytes(curve, &public).unwrap_err(),
        GostError::NotOnCurve
    );
}

/// The real НУЦ test chain: root (self-signed) → issuing CA → the kit's certificate.
#[test]
fn the_real_nuc_chain_verifies() {
    let root = certificate(ROOT);
    let issuing = certificate(ISSUING_CA);
    let kit = certificate(KIT_CERTIFICATE);
    verify_certificate_signature(&root, &root).unwrap();
    verify_certificate_signature(&issuing, &root).unwrap();
    verify_certificate_signature(&kit, &issuing).unwrap();
    assert_eq!(
        verify_certificate_signature(&kit, &root).unwrap_err(),
        GostError::BadSignature
    );
    let mut tampered = KIT_CERTIFICATE.to_vec();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    assert_eq!(
        verify_certificate_signature(&certificate(&tampered), &issuing).unwrap_err(),
        GostError::BadSignature
    );
}

/// What a token does (CKM_GOSTR3410_512: the digest computed by the caller, the signature
/// s_BE ‖ r_BE) agrees with signing the message here, in both directions.
#[test]
fn prehashed_signatures_and_the_pkcs11_layout_agree_with_message_signatures() {
    let key = SigningKey::generate(Curve::param_set_a());
    let public = key.verifying_key();
    let message = b"a request's CertificationRequestInfo";
    let digest = super::streebog512(message);
    let on_token = key.sign_prehashed(&digest);
    assert!(public.verify(message, &on_token));
    assert!(public.verify_prehashed(&digest, &key.sign(message)));
    let pkcs11 = on_token.to_rfc_bytes();
    let back = super::Signature::from_rfc_bytes(&pkcs11).expect("128 bytes");
    assert_eq!(back, on_token);
    assert_ne!(
        super::Signature::from_nuc_bytes(&pkcs11).ok(),
        Some(on_token),
        "the layouts differ"
    );
    let mut other = digest;
    other[0] ^= 1;
    assert!(!public.verify_prehashed(&other, &on_token));
}
