use std::path::Path;

use super::*;

/// A token that is initialised and has a user PIN, with the extra flag bits given.
fn ready(extra: u64) -> TokenFlags {
    TokenFlags::from_ck_flags(0x0400 | 0x0008 | 0x0004 | extra)
}

#[test]
fn raw_flags_are_read_bit_by_bit() {
    let flags = TokenFlags::from_ck_flags(0x0001_0000 | 0x0008_0000 | 0x0100 | 0x0002);
    assert!(flags.user_pin_count_low);
    assert!(flags.user_pin_to_be_changed);
    assert!(flags.protected_authentication_path);
    assert!(flags.write_protected);
    assert!(!flags.user_pin_final_try);
    assert!(!flags.user_pin_locked);
    assert!(!flags.token_initialized);
    assert!(!flags.user_pin_initialized);
}

#[test]
fn pin_state_from_flags() {
    let cases = [
        (ready(0), PinState::Ok),
        (ready(0x0001_0000), PinState::CountLow),
        (ready(0x0002_0000), PinState::FinalTry),
        // Devices set "count low" together with "final try"; the more serious one wins.
        (ready(0x0001_0000 | 0x0002_0000), PinState::FinalTry),
        (ready(0x0004_0000), PinState::Locked),
        (
            ready(0x0001_0000 | 0x0002_0000 | 0x0004_0000),
            PinState::Locked,
        ),
        (ready(0x0008_0000), PinState::MustChange),
        (ready(0x0008_0000 | 0x0001_0000), PinState::CountLow),
        (
            TokenFlags::from_ck_flags(0x0400 | 0x0004),
            PinState::UserPinNotInitialised,
        ),
        (
            TokenFlags::from_ck_flags(0x0004),
            PinState::TokenNotInitialised,
        ),
        (
            TokenFlags::from_ck_flags(0x0004_0000),
            PinState::TokenNotInitialised,
        ),
    ];
    for (flags, expected) in cases {
        assert_eq!(PinState::from_flags(flags), expected, "{flags:?}");
    }
}

#[test]
fn login_is_offered_only_where_it_can_work() {
    assert!(PinState::Ok.can_log_in());
    assert!(PinState::CountLow.can_log_in());
    assert!(PinState::FinalTry.can_log_in());
    assert!(PinState::MustChange.can_log_in());
    assert!(!PinState::Locked.can_log_in());
    assert!(!PinState::UserPinNotInitialised.can_log_in());
    assert!(!PinState::TokenNotInitialised.can_log_in());
}

#[test]
fn device_kinds_are_guessed_from_what_the_token_says() {
    let none = Path::new("/opt/x/libunknown.so");
    let cases = [
        (
            "SoftHSM project",
            "SoftHSM v2",
            "anything",
            none,
            DeviceKind::SoftHsm,
        ),
        (
            "SafeNet, Inc.",
            "eToken",
            "eToken",
            none,
            DeviceKind::EToken72K,
        ),
        ("SafeNet, Inc.", "eToken 5110", "x", none, DeviceKind::Other),
        (
            "Aladdin R.D.",
            "JaCarta GOST 2.0",
            "JaCarta",
            none,
            DeviceKind::JaCarta,
        ),
        ("Aladdin R.D.", "PKI", "x", none, DeviceKind::JaCarta),
        ("", "KAZTOKEN", "", none, DeviceKind::Kaztoken),
        ("", "", "Казтокен", none, DeviceKind::Kaztoken),
        ("AKey", "AKey 2", "", none, DeviceKind::AKey),
        ("OpenSC Project", "PKCS#15", "x", none, DeviceKind::Other),
        (
            "Unknown",
            "",
            "",
            Path::new("/usr/lib/libjcPKCS11-2.so"),
            DeviceKind::JaCarta,
        ),
        (
            "Unknown",
            "",
            "",
            Path::new("/usr/lib/softhsm/libsofthsm2.so"),
            DeviceKind::SoftHsm,
        ),
    ];
    for (manufacturer, model, label, module, expected) in cases {
        assert_eq!(
            DeviceKind::guess(manufacturer, model, label, module),
            expected,
            "{manufacturer} / {model} / {label}"
        );
    }
}

#[test]
fn a_label_naming_a_product_does_not_override_the_manufacturer() {
    // A user may label any token "eToken"; only a Kaztoken label is taken as a hint, since
    // nobody knows what a Kaztoken's manufacturer field says.
    assert_eq!(
        DeviceKind::guess("SoftHSM project", "SoftHSM v2", "Kaztoken", Path::new("x")),
        DeviceKind::SoftHsm
    );
    assert_eq!(
        DeviceKind::guess("OpenSC Project", "PKCS#15", "eToken", Path::new("x")),
        DeviceKind::Other
    );
}

#[test]
fn factory_pins_are_the_published_defaults() {
    assert_eq!(factory_pin(DeviceKind::Kaztoken), Some("12345678"));
    assert_eq!(factory_pin(DeviceKind::EToken72K), Some("1234567890"));
    assert_eq!(factory_pin(DeviceKind::JaCarta), Some("1234567890"));
    assert_eq!(factory_pin(DeviceKind::AKey), Some("1234567890"));
    assert_eq!(factory_pin(DeviceKind::IdCard), None);
    assert_eq!(factory_pin(DeviceKind::SoftHsm), None);
    assert_eq!(factory_pin(DeviceKind::Other), None);
    assert_eq!(DeviceKind::Kaztoken.factory_pin(), Some("12345678"));
}

#[test]
fn kinds_without_a_known_module_are_the_kazakh_devices() {
    let without: Vec<_> = DeviceKind::ALL
        .into_iter()
        .filter(|kind| kind.known_vendor().is_none())
        .collect();
    assert_eq!(
        without,
        [
            DeviceKind::Kaztoken,
            DeviceKind::AKey,
            DeviceKind::IdCard,
            DeviceKind::Other
        ]
    );
}
