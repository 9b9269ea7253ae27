//! File names, as НУЦ kits name them.

use crate::pki::KeyRole;

/// The final key file's name: `AUTH_RSA256_<id>.p12` or `RSA256_<id>.p12`, where `<id>` is
/// the key's Subject Key Identifier in 40 hex digits.
pub fn key_file_name(role: KeyRole, id: &str) -> String {
    format!("{}{id}.p12", prefix(role))
}

/// The encrypted pending key's name (PKCS#8 PEM, `ENCRYPTED PRIVATE KEY`):
/// `AUTH_RSA256_<id>.pending.pem` or `RSA256_<id>.pending.pem`.
pub fn pending_key_file_name(role: KeyRole, id: &str) -> String {
    format!("{}{id}{PENDING_SUFFIX}", prefix(role))
}

/// A GOST kit's key file, as НУЦ names it: `GOST512_<id>.p12` (one key for both roles).
pub fn gost_key_file_name(id: &str) -> String {
    format!("{GOST_PREFIX}{id}.p12")
}

/// A GOST kit's encrypted pending key: `GOST512_<id>.pending.pem`.
pub fn gost_pending_file_name(id: &str) -> String {
    format!("{GOST_PREFIX}{id}{PENDING_SUFFIX}")
}

const GOST_PREFIX: &str = "GOST512_";

/// The pending kit's manifest (non-secret JSON): `qoltanba-pending-<auth id>.json`.
pub(crate) fn manifest_file_name(auth_id: &str) -> String {
    format!("{MANIFEST_PREFIX}{auth_id}{MANIFEST_SUFFIX}")
}

pub(crate) const MANIFEST_PREFIX: &str = "qoltanba-pending-";
pub(crate) const MANIFEST_SUFFIX: &str = ".json";
const PENDING_SUFFIX: &str = ".pending.pem";

fn prefix(role: KeyRole) -> &'static str {
    match role {
        KeyRole::Auth => "AUTH_RSA256_",
        KeyRole::Sign => "RSA256_",
    }
}

/// Whether a file name is one of a key kit's: a НУЦ key file (`AUTH_RSA256_`, `RSA256_`,
/// `GOST512_`, `AUTH_GOST512_` … `.p12`), a pending key or a pending manifest.
pub fn is_key_file_name(name: &str) -> bool {
    const KIT_PREFIXES: [&str; 4] = ["AUTH_RSA256_", "RSA256_", "AUTH_GOST512_", "GOST512_"];
    let kit = KIT_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        && (name.ends_with(".p12") || name.ends_with(PENDING_SUFFIX));
    let manifest = name.starts_with(MANIFEST_PREFIX) && name.ends_with(MANIFEST_SUFFIX);
    kit || manifest
}

/// Whether `id` looks like a key id: 40 lower-case hex digits.
pub(crate) fn is_key_id(id: &str) -> bool {
    id.len() == 40
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_nca_kits() {
        let id = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            key_file_name(KeyRole::Auth, id),
            format!("AUTH_RSA256_{id}.p12")
        );
        assert_eq!(key_file_name(KeyRole::Sign, id), format!("RSA256_{id}.p12"));
        for name in [
            key_file_name(KeyRole::Auth, id),
            pending_key_file_name(KeyRole::Sign, id),
            manifest_file_name(id),
            format!("GOST512_{id}.p12"),
            gost_key_file_name(id),
            gost_pending_file_name(id),
        ] {
            assert!(is_key_file_name(&name), "{name}");
        }
        for name in ["notes.txt", "RSA256_.txt", "photo.p12"] {
            assert!(!is_key_file_name(name), "{name}");
        }
        assert!(is_key_id(id));
        assert!(!is_key_id(&id.to_uppercase()));
        assert!(!is_key_id(&id[1..]));
    }
}
