//! НУЦ РК's object identifiers for GOST 34.10-2015 512-bit (DOMAIN.md, checked on real kits),
//! and the Russian ones gost-engine reads.

/// Public key, GOST 34.10-2015 512.
pub const PUBLIC_KEY: &str = "1.2.398.3.10.1.1.2.2";
pub const PUBLIC_KEY_ARCS: &[u64] = &[1, 2, 398, 3, 10, 1, 1, 2, 2];
/// Parameter set A (the same curve as id-tc26-gost-3410-12-512-paramSetA).
pub const PARAM_SET_A: &str = "1.2.398.3.10.1.1.2.2.1";
pub const PARAM_SET_A_ARCS: &[u64] = &[1, 2, 398, 3, 10, 1, 1, 2, 2, 1];
/// Streebog-512 (GOST 34.11-2015).
pub const STREEBOG_512: &str = "1.2.398.3.10.1.3.3";
pub const STREEBOG_512_ARCS: &[u64] = &[1, 2, 398, 3, 10, 1, 3, 3];
/// Signature 34.10-2015-512 with 34.11-2015-512.
pub const SIGNATURE: &str = "1.2.398.3.10.1.1.2.3.2";
pub const SIGNATURE_ARCS: &[u64] = &[1, 2, 398, 3, 10, 1, 1, 2, 3, 2];

/// id-tc26-gost3410-12-512 and its paramSetA: the OIDs gost-engine reads.
pub const TC26_PUBLIC_KEY_ARCS: &[u64] = &[1, 2, 643, 7, 1, 1, 1, 2];
pub const TC26_PARAM_SET_A_ARCS: &[u64] = &[1, 2, 643, 7, 1, 2, 1, 2, 1];
