//! Tests for `bin.rs`, kept apart so both files stay short.

use super::*;

#[test]
fn accepts_published_bins() {
    // Examples published in python-stdnum's documentation; their check digits also pass
    // our two-pass rule, which cross-checks `checksum.rs` against an independent source.
    let cases = [
        ("940140000385", EntityKind::Resident, BinUnit::HeadOffice),
        ("990 140 004 654", EntityKind::Resident, BinUnit::HeadOffice),
        (
            "  9401-4000-0385 ",
            EntityKind::Resident,
            BinUnit::HeadOffice,
        ),
    ];
    for (input, kind, unit) in cases {
        let bin = Bin::parse(input);
        assert_eq!(bin.as_ref().map(Bin::kind), Ok(kind), "input {input:?}");
        assert_eq!(bin.as_ref().map(Bin::unit), Ok(unit), "input {input:?}");
    }
}

#[test]
fn accepts_generated_bins_of_every_kind_and_unit() {
    let kinds = [
        EntityKind::Resident,
        EntityKind::NonResident,
        EntityKind::IndividualEntrepreneur,
    ];
    let units = [
        BinUnit::HeadOffice,
        BinUnit::Branch,
        BinUnit::Representative,
        BinUnit::PeasantFarm,
    ];
    for kind in kinds {
        for unit in units {
            // Some serials are never issued; the next one then is.
            let built = (0..3)
                .find_map(|serial| Bin::from_parts(15, 4, kind, unit, 12_345 + serial))
                .map(|bin| bin.as_str().to_owned())
                .unwrap_or_default();
            let parsed = Bin::parse(&built);
            assert_eq!(parsed.as_ref().map(Bin::kind), Ok(kind), "{built}");
            assert_eq!(parsed.as_ref().map(Bin::unit), Ok(unit), "{built}");
            assert_eq!(parsed.map(|bin| bin.to_string()), Ok(built.clone()));
        }
    }
}

#[test]
fn reports_every_error_variant() {
    let cases = [
        ("", BinError::Empty),
        ("  ", BinError::Empty),
        ("94014000038X", BinError::NotDigits),
        ("940140/000385", BinError::NotDigits),
        ("94014000038", BinError::WrongLength { len: 11 }),
        ("9401400003855", BinError::WrongLength { len: 13 }),
        ("940040000385", BinError::InvalidMonth),
        ("941340000385", BinError::InvalidMonth),
        ("949940000385", BinError::InvalidMonth),
        ("940130000385", BinError::InvalidEntityKind { digit: 3 }),
        ("940170000385", BinError::InvalidEntityKind { digit: 7 }),
        ("940190000385", BinError::InvalidEntityKind { digit: 9 }),
        ("940144000385", BinError::InvalidUnit { digit: 4 }),
        ("940149000385", BinError::InvalidUnit { digit: 9 }),
        // 15044000044x: both check-digit passes give 10.
        ("150440000440", BinError::NeverIssued),
        ("150440000449", BinError::NeverIssued),
        ("940140000386", BinError::Checksum),
        ("990140004655", BinError::Checksum),
    ];
    for (input, expected) in cases {
        assert_eq!(Bin::parse(input), Err(expected), "input {input:?}");
    }
}

#[test]
fn an_iin_is_not_a_bin() {
    // A valid generated IIN: its 5th digit is a day's tens digit (0..=3), never 4..=6.
    assert_eq!(
        Bin::parse("900101301233"),
        Err(BinError::InvalidEntityKind { digit: 0 })
    );
}

#[test]
fn from_parts_rejects_impossible_input() {
    let kind = EntityKind::Resident;
    let unit = BinUnit::HeadOffice;
    assert_eq!(Bin::from_parts(100, 1, kind, unit, 0), None);
    assert_eq!(Bin::from_parts(15, 0, kind, unit, 0), None);
    assert_eq!(Bin::from_parts(15, 13, kind, unit, 0), None);
    assert_eq!(Bin::from_parts(15, 4, kind, unit, 100_000), None);
    // Serial 44 in April 2015 (resident head office) is never issued.
    assert_eq!(Bin::from_parts(15, 4, kind, unit, 44), None);
}

#[test]
fn converts_to_and_from_string_for_serde() {
    let bin = Bin::try_from("940140000385".to_owned());
    assert_eq!(bin.clone().map(String::from).as_deref(), Ok("940140000385"));
    assert_eq!(Bin::try_from(String::new()), Err(BinError::Empty));
}
