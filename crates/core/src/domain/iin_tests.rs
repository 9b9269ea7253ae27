//! Tests for `iin.rs`, kept apart so both files stay short.

use super::*;
use crate::domain::bin::{BinUnit, EntityKind};

#[test]
fn accepts_generated_iins_and_reads_them_back() {
    let cases = [
        (1990, 1, 1, Sex::Male, 123),
        (1990, 1, 1, Sex::Female, 0),
        (1885, 12, 31, Sex::Male, 9999),
        (1801, 6, 15, Sex::Female, 42),
        (2000, 2, 29, Sex::Male, 1234),
        (2005, 3, 15, Sex::Female, 10),
        (1996, 2, 29, Sex::Female, 7),
        (2099, 12, 31, Sex::Male, 1),
    ];
    for (year, month, day, sex, serial) in cases {
        let built = Iin::from_parts(year, month, day, sex, serial);
        let Some(built) = built else {
            // A few combinations are never issued; then the neighbouring serial must work.
            let neighbour = Iin::from_parts(year, month, day, sex, serial + 1);
            assert!(neighbour.is_some(), "{year}-{month}-{day} serial {serial}");
            continue;
        };
        let parsed = Iin::parse(built.as_str());
        assert_eq!(parsed.as_ref(), Ok(&built));
        assert_eq!(built.birth_date(), (year, month, day));
        assert_eq!(built.sex(), sex);
        assert_eq!(built.to_string(), built.as_str());
        assert_eq!(built.as_str().len(), 12);
    }
}

#[test]
fn tolerates_spaces_and_dashes() {
    // 900101 3 0012 3 computed by hand from the two-pass rule.
    let cases = [
        "900101301233",
        "900101 301 233",
        "  900101 301233\t",
        "900101-30123-3",
        "9001 0130 1233",
    ];
    for input in cases {
        let iin = Iin::parse(input).map(|iin| iin.as_str().to_owned());
        assert_eq!(iin.as_deref(), Ok("900101301233"), "input {input:?}");
    }
}

#[test]
fn reports_every_error_variant() {
    let bin = Bin::from_parts(15, 4, EntityKind::Resident, BinUnit::HeadOffice, 1)
        .map(|bin| bin.as_str().to_owned())
        .unwrap_or_default();
    let cases = [
        ("", IinError::Empty),
        ("   ", IinError::Empty),
        (" - ", IinError::Empty),
        ("90010130123a", IinError::NotDigits),
        ("900101.301233", IinError::NotDigits),
        ("９００１０１３０１２３３", IinError::NotDigits),
        ("90010130123", IinError::WrongLength { len: 11 }),
        ("9001013012334", IinError::WrongLength { len: 13 }),
        ("1", IinError::WrongLength { len: 1 }),
        ("900101001233", IinError::InvalidCenturyDigit { digit: 0 }),
        ("900101701233", IinError::InvalidCenturyDigit { digit: 7 }),
        ("900101901233", IinError::InvalidCenturyDigit { digit: 9 }),
        ("901301301233", IinError::InvalidBirthDate),
        ("900001301233", IinError::InvalidBirthDate),
        ("900100301233", IinError::InvalidBirthDate),
        ("900431301233", IinError::InvalidBirthDate),
        // 1900 is not a leap year, 2000 is.
        ("000229301233", IinError::InvalidBirthDate),
        ("010229501233", IinError::InvalidBirthDate),
        (bin.as_str(), IinError::LooksLikeBin),
        ("150440000013", IinError::LooksLikeBin),
        // Both check-digit passes give 10 for 90010130080x.
        ("900101300800", IinError::NeverIssued),
        ("900101 3008 09", IinError::NeverIssued),
        ("900101301234", IinError::Checksum),
        ("900101300008", IinError::Checksum),
    ];
    for (input, expected) in cases {
        assert_eq!(Iin::parse(input), Err(expected), "input {input:?}");
    }
}

#[test]
fn a_mistyped_bin_gets_the_plain_structural_error() {
    // Not a valid BIN either (wrong check digit), so the honest answer is the IIN problem.
    let cases = [
        ("150440000014", IinError::InvalidCenturyDigit { digit: 0 }),
        ("150440300014", IinError::InvalidBirthDate),
    ];
    for (input, expected) in cases {
        assert_eq!(Iin::parse(input), Err(expected), "input {input:?}");
    }
}

#[test]
fn from_parts_rejects_impossible_input() {
    let cases = [
        (1799, 12, 31, 0),
        (2100, 1, 1, 0),
        (1990, 2, 30, 0),
        (1900, 2, 29, 0),
        (1990, 13, 1, 0),
        (1990, 0, 1, 0),
        (1990, 1, 0, 0),
        (1990, 1, 1, 10_000),
        // Serial 80 on 1990-01-01 (male) is never issued.
        (1990, 1, 1, 80),
    ];
    for (year, month, day, serial) in cases {
        let built = Iin::from_parts(year, month, day, Sex::Male, serial);
        assert_eq!(built, None, "{year}-{month}-{day} serial {serial}");
    }
}

#[test]
fn serde_round_trips_as_a_string_and_validates() {
    let iin = Iin::parse("900101301233");
    let text = iin.as_ref().ok().map(|iin| String::from(iin.clone()));
    assert_eq!(text.as_deref(), Some("900101301233"));
    let back = Iin::try_from("900101 301 233".to_owned());
    assert_eq!(back, iin);
    assert_eq!(Iin::try_from(String::new()), Err(IinError::Empty));
}
