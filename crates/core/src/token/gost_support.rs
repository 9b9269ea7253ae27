//! Whether a device could hold GOST 34.10-2012 512-bit keys: its module lists the key-pair
//! mechanism of TC 26's PKCS#11 extension. Where it does, the wizard makes its one GOST key
//! pair there (`gost_keys`); elsewhere RSA-2048, and says why.

use cryptoki::context::Pkcs11;
use cryptoki::mechanism::MechanismType;
use cryptoki::slot::Slot;

/// `CKM_GOSTR3410_512_KEY_PAIR_GEN` = `CK_VENDOR_PKCS11_RU_TEAM_TC26 | 0x005`, the vendor
/// range `0xD4321000` (TC 26, "PKCS#11 extensions for GOST R 34.10-2012 and 34.11-2012";
/// the same values are in opencryptoki's and NSS's pkcs11 headers and in Aktiv's Rutoken
/// `Pkcs11Tc26Constants`, and OpenSC's pkcs11-tool names them).
pub const CKM_GOSTR3410_512_KEY_PAIR_GEN: u64 = 0xD432_1000 | 0x005;
/// `CKK_GOSTR3410_512` = TC26 | 0x003: the key type of 512-bit GOST keys.
pub const CKK_GOSTR3410_512: u64 = 0xD432_1000 | 0x003;
/// `CKM_GOSTR3410_512` = TC26 | 0x006: signs a 64-byte digest given by the caller.
pub const CKM_GOSTR3410_512: u64 = 0xD432_1000 | 0x006;
/// `CKM_GOSTR3410_WITH_GOSTR3411_2012_512` = TC26 | 0x009 (0x008 is the 256-bit one): hashes
/// on the token. Listed by the test module; the app signs digests with CKM_GOSTR3410_512,
/// which every GOST token with 512-bit keys has.
pub const CKM_GOSTR3410_WITH_GOSTR3411_12_512: u64 = 0xD432_1000 | 0x009;
/// `CKA_GOSTR3410_PARAMS` (PKCS#11 2.40: 0x250): DER OID of the curve.
pub const CKA_GOSTR3410_PARAMS: u64 = 0x250;
/// `CKA_GOSTR3411_PARAMS` (0x251): DER OID of the hash.
pub const CKA_GOSTR3411_PARAMS: u64 = 0x251;
/// `OBJECT IDENTIFIER 1.2.643.7.1.2.1.2.1` (id-tc26-gost-3410-12-512-paramSetA): the curve
/// НУЦ's 1.2.398.3.10.1.1.2.2.1 names; tokens know it by the TC 26 OID.
pub const PARAM_SET_A_512_DER: &[u8] = &[
    0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x01,
];
/// `OBJECT IDENTIFIER 1.2.643.7.1.1.2.3` (id-tc26-gost3411-12-512, Streebog-512).
pub const STREEBOG_512_DER: &[u8] = &[0x06, 0x08, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x02, 0x03];

/// Whether the device's mechanism list (as `C_GetMechanismList` gives it) has the GOST
/// 2012-512 key-pair mechanism. A module that lists nothing is not taken to offer it: for
/// GOST the list is the only evidence.
pub fn offers_gost_512_key_pairs(mechanisms: &[u64]) -> bool {
    mechanisms.contains(&CKM_GOSTR3410_512_KEY_PAIR_GEN)
}

/// TC 26's GOST 2012-512 mechanisms the slot has, asked one by one with C_GetMechanismInfo
/// (key-pair generation with CKF_GENERATE_KEY_PAIR, signing with CKF_SIGN). cryptoki's
/// `get_mechanism_list` drops every vendor-defined mechanism it has no name for — all of
/// TC 26's — so the list alone never shows them (a real GOST token looked like it had none).
pub(crate) fn vendor_gost_mechanisms(ctx: &Pkcs11, slot: Slot) -> Vec<MechanismType> {
    let wanted = [
        (CKM_GOSTR3410_512_KEY_PAIR_GEN, true),
        (CKM_GOSTR3410_512, false),
    ];
    let mut found = Vec::new();
    for (value, key_pairs) in wanted {
        // CK_ULONG is 32 bits on Windows; the TC 26 values fit.
        #[allow(clippy::useless_conversion)]
        let mechanism = value
            .try_into()
            .ok()
            .and_then(|value| MechanismType::new_vendor_defined(value).ok());
        let Some(mechanism) = mechanism else {
            continue;
        };
        if let Ok(info) = ctx.get_mechanism_info(slot, mechanism)
            && (if key_pairs {
                info.generate_key_pair()
            } else {
                info.sign()
            })
        {
            found.push(mechanism);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `CKM_RSA_PKCS_KEY_PAIR_GEN`, `CKM_SHA256_RSA_PKCS`, `CKM_EC_KEY_PAIR_GEN`: SoftHSM2's
    /// kind of list.
    const RSA_AND_EC: [u64; 3] = [0x0000, 0x0040, 0x1040];
    /// GOST R 34.10-2001's key-pair mechanism (256 bits, PKCS#11 2.40): not the 2012-512 one.
    const CKM_GOSTR3410_KEY_PAIR_GEN: u64 = 0x1200;

    /// The TC 26 values as its extension (and opencryptoki's, NSS's, Rutoken's headers) give
    /// them, and the parameter OIDs decode to the TC 26 arcs.
    #[test]
    fn the_tc26_values_and_parameter_oids() {
        const TC26: u64 = 0xD432_1000;
        assert_eq!(CKK_GOSTR3410_512, TC26 | 0x003);
        assert_eq!(CKM_GOSTR3410_512_KEY_PAIR_GEN, TC26 | 0x005);
        assert_eq!(CKM_GOSTR3410_512, TC26 | 0x006);
        assert_eq!(CKM_GOSTR3410_WITH_GOSTR3411_12_512, 0xD432_1009);
        assert_eq!(CKA_GOSTR3410_PARAMS, 0x250);
        assert_eq!(CKA_GOSTR3411_PARAMS, 0x251);
        let arcs = |der: &[u8]| {
            yasna::parse_der(der, |reader| reader.read_oid())
                .map(|oid| oid.components().to_vec())
                .unwrap_or_default()
        };
        assert_eq!(arcs(PARAM_SET_A_512_DER), [1, 2, 643, 7, 1, 2, 1, 2, 1]);
        assert_eq!(arcs(STREEBOG_512_DER), [1, 2, 643, 7, 1, 1, 2, 3]);
        assert_eq!(
            arcs(PARAM_SET_A_512_DER),
            crate::gost::oid::TC26_PARAM_SET_A_ARCS
        );
    }

    #[test]
    fn only_the_2012_512_key_pair_mechanism_counts() {
        assert_eq!(CKM_GOSTR3410_512_KEY_PAIR_GEN, 0xD432_1005);
        assert!(!offers_gost_512_key_pairs(&RSA_AND_EC));
        assert!(
            !offers_gost_512_key_pairs(&[]),
            "an empty list proves nothing"
        );
        assert!(!offers_gost_512_key_pairs(&[CKM_GOSTR3410_KEY_PAIR_GEN]));
        assert!(
            !offers_gost_512_key_pairs(&[0xD432_1006]),
            "the signing one alone"
        );
        let mut with_gost = RSA_AND_EC.to_vec();
        with_gost.push(CKM_GOSTR3410_512_KEY_PAIR_GEN);
        assert!(offers_gost_512_key_pairs(&with_gost));
    }
}
