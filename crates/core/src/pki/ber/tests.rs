use super::*;

fn hex(text: &str) -> Vec<u8> {
    let digits: String = text.split_whitespace().collect();
    hex::decode(digits).unwrap()
}

#[test]
fn indefinite_lengths_become_definite() {
    // SEQUENCE (indefinite) { INTEGER 5, SEQUENCE (indefinite) { NULL } }
    let ber = hex("30 80 02 01 05 30 80 05 00 00 00 00 00");
    assert_eq!(to_der(&ber).unwrap(), hex("30 07 02 01 05 30 02 05 00"));
}

#[test]
fn a_constructed_octet_string_is_merged_into_one() {
    let ber = hex("24 80 04 02 aa bb 04 01 cc 00 00");
    assert_eq!(to_der(&ber).unwrap(), hex("04 03 aa bb cc"));
    // Definite-length constructed form too.
    let ber = hex("24 07 04 02 aa bb 04 01 cc");
    assert_eq!(to_der(&ber).unwrap(), hex("04 03 aa bb cc"));
    // No segments at all: an empty string.
    assert_eq!(to_der(&hex("24 80 00 00")).unwrap(), hex("04 00"));
}

#[test]
fn nested_constructed_strings_and_sequences_are_normalised_throughout() {
    // [0] EXPLICIT (indefinite) { OCTET STRING (indefinite) {
    //     OCTET STRING (indefinite) { 04 01 11, 04 01 22 }, 04 01 33 } }
    // inside a definite-length SEQUENCE whose length shrinks accordingly.
    let ber = hex(
        "30 18 a0 80 24 80 24 80 04 01 11 04 01 22 00 00 04 01 33 00 00 00 00 \
         02 01 07",
    );
    assert_eq!(
        to_der(&ber).unwrap(),
        hex("30 0a a0 05 04 03 11 22 33 02 01 07")
    );
}

#[test]
fn long_content_gets_a_minimal_long_form_length() {
    let mut ber = hex("24 80");
    for _ in 0..3 {
        ber.extend(hex("04 81 64"));
        ber.extend([0x5a; 100]);
    }
    ber.extend(hex("00 00"));
    let der = to_der(&ber).unwrap();
    assert_eq!(&der[..4], &hex("04 82 01 2c")[..]);
    assert_eq!(der.len(), 4 + 300);
    assert!(der[4..].iter().all(|byte| *byte == 0x5a));
    // A non-minimal definite length is made minimal.
    assert_eq!(to_der(&hex("04 82 00 01 aa")).unwrap(), hex("04 01 aa"));
}

#[test]
fn der_input_comes_out_byte_identical() {
    let samples = [
        hex("30 07 02 01 05 30 02 05 00"),
        hex("04 00"),
        // A high tag number ([200] IMPLICIT) and a private-class constructed element.
        hex("9f 81 48 02 01 02"),
        hex("ff 82 00 03 02 01 01"),
    ];
    for der in samples {
        assert_eq!(to_der(&der).unwrap(), der, "{}", hex::encode(&der));
    }
    // A real certificate with a long-form length and many nested elements.
    let key = rcgen::KeyPair::generate().unwrap();
    let certificate = rcgen::CertificateParams::new(vec!["example.kz".to_owned()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let der = certificate.der().to_vec();
    assert_eq!(to_der(&der).unwrap(), der);
}

#[test]
fn truncated_input_is_refused() {
    for ber in [
        hex(""),
        hex("30"),
        hex("30 05 02 01 05"),
        hex("30 80 02 01 05"),
        hex("30 80 02 01 05 00"),
        hex("24 80 04 02 aa"),
        hex("04 82 01"),
        hex("9f 81"),
    ] {
        assert_eq!(
            to_der(&ber),
            Err(BerError::Truncated),
            "{}",
            hex::encode(&ber)
        );
    }
}

#[test]
fn malformed_input_is_refused_with_the_reason() {
    assert_eq!(
        to_der(&hex("02 01 05 00")),
        Err(BerError::TrailingData { extra: 1 })
    );
    assert_eq!(
        to_der(&hex("04 80 00 00")),
        Err(BerError::IndefinitePrimitive)
    );
    assert_eq!(to_der(&hex("00 00")), Err(BerError::MisplacedEndOfContents));
    assert_eq!(
        to_der(&hex("30 05 02 01 05 00 00")),
        Err(BerError::MisplacedEndOfContents)
    );
    assert_eq!(
        to_der(&hex("30 80 00 01 aa 00 00")),
        Err(BerError::MisplacedEndOfContents)
    );
    assert_eq!(
        to_der(&hex("24 80 02 01 05 00 00")),
        Err(BerError::BadStringSegment)
    );
    assert_eq!(to_der(&hex("04 ff")), Err(BerError::BadLength));
    assert_eq!(
        to_der(&hex("04 85 01 00 00 00 00")),
        Err(BerError::BadLength)
    );
    // Leading zero digit, a low number in long form, five digits.
    assert_eq!(to_der(&hex("9f 80 01 00")), Err(BerError::BadTag));
    assert_eq!(to_der(&hex("9f 05 00")), Err(BerError::BadTag));
    assert_eq!(to_der(&hex("9f 81 81 81 81 01 00")), Err(BerError::BadTag));
    // A child running past its parent's end.
    assert_eq!(to_der(&hex("30 02 04 02 aa bb")), Err(BerError::Truncated));
}

#[test]
fn a_depth_bomb_is_refused_without_exhausting_the_stack() {
    // 100 000 nested indefinite SEQUENCEs: 200 kB, far past any real nesting.
    let levels = 100_000;
    let mut bomb = Vec::with_capacity(4 * levels);
    for _ in 0..levels {
        bomb.extend([0x30, 0x80]);
    }
    for _ in 0..levels {
        bomb.extend([0, 0]);
    }
    assert_eq!(to_der(&bomb), Err(BerError::TooDeep { limit: MAX_DEPTH }));
    // Exactly at the limit it is accepted.
    let mut deep = Vec::new();
    for _ in 0..MAX_DEPTH {
        deep.extend([0x30, 0x80]);
    }
    for _ in 0..MAX_DEPTH {
        deep.extend([0, 0]);
    }
    let der = to_der(&deep).unwrap();
    assert_eq!(der.len(), 2 * MAX_DEPTH);
    let too_deep = Limits {
        max_depth: MAX_DEPTH - 1,
        ..Limits::default()
    };
    assert_eq!(
        to_der_with(&deep, too_deep),
        Err(BerError::TooDeep {
            limit: MAX_DEPTH - 1
        })
    );
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let limits = Limits {
        max_input: 8,
        ..Limits::default()
    };
    assert_eq!(
        to_der_with(&hex("04 07 00 00 00 00 00 00 00"), limits),
        Err(BerError::TooLarge { size: 9, limit: 8 })
    );
}

#[test]
fn an_implicit_octet_string_is_merged_when_the_schema_says_so() {
    // [0] IMPLICIT OCTET STRING in constructed form, as CMS EncryptedContentInfo allows.
    let element = parse(&hex("a0 80 04 02 aa bb 04 01 cc 00 00"), Limits::default()).unwrap();
    // Without the schema it stays an explicit-looking [0].
    assert_eq!(element.to_der(), hex("a0 07 04 02 aa bb 04 01 cc"));
    let merged = element.merge_implicit_octet_string().unwrap();
    assert_eq!(merged.to_der(), hex("80 03 aa bb cc"));
    let wrong = parse(&hex("a0 03 02 01 05"), Limits::default()).unwrap();
    assert_eq!(
        wrong.merge_implicit_octet_string(),
        Err(BerError::BadStringSegment)
    );
}
