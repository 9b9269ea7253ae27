//! Object identifiers used in requests and certificates, as arcs (for rcgen) and as dotted
//! strings (for comparing with what x509-parser reports).

pub const SURNAME: &[u64] = &[2, 5, 4, 4];
pub const SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];
pub const GIVEN_NAME: &[u64] = &[2, 5, 4, 42];

pub const SERIAL_NUMBER_STR: &str = "2.5.4.5";
pub const ORGANIZATION_STR: &str = "2.5.4.10";
pub const ORGANIZATIONAL_UNIT_STR: &str = "2.5.4.11";
pub const EMAIL_STR: &str = "1.2.840.113549.1.9.1";

/// The key-store extension (`keystore_branch`) and the arc of storage OIDs under it;
/// 1.2.398.3.3.5.1.1 = a PKCS#12 file.
pub const KEY_STORE_ARC: &[u64] = &[1, 2, 398, 3, 3, 5];
pub const KEY_STORE_PKCS12: &[u64] = &[1, 2, 398, 3, 3, 5, 1, 1];

/// rsaEncryption, the only key algorithm this program generates.
pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

pub const EKU_NCA_INDIVIDUAL: &str = "1.2.398.3.3.4.1.1";
pub const EKU_NCA_LEGAL_ENTITY: &str = "1.2.398.3.3.4.1.2";
pub const EKU_NCA_IDENTIFIED_IN_PERSON: &str = "1.2.398.3.3.4.3.1";
pub const EKU_NCA_IDENTIFIED_REMOTELY: &str = "1.2.398.3.3.4.3.2";
pub const EKU_NCA_IDENTIFIED_DIGITAL_ID: &str = "1.2.398.3.3.4.3.2.1";
