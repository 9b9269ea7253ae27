//! PKCS#12 files in BER, as BouncyCastle-based software (Kalkan, NCALayer) writes them, made
//! DER for p12-keystore, their MAC checked on the way.
//!
//! Such a file is BER on two layers: the PFX around the authenticated safe (indefinite
//! lengths, the safe's octets split into 1000-byte OCTET STRING chunks) and the authenticated
//! safe itself inside those octets (indefinite lengths again, SafeContents in chunked OCTET
//! STRINGs, perhaps the encrypted content as a chunked `[0] IMPLICIT OCTET STRING`).
//!
//! The MAC covers the safe's octets as stored (RFC 7292 §5.1: the content octets, chunks
//! joined), so normalising the outer layer alone keeps it valid and p12-keystore checks it.
//! When the safe itself has to change, the MAC is checked here on the octets as stored and
//! the rebuilt file, now DER, goes to p12-keystore without it. Bags encrypted inside the safe
//! are not re-encoded: their plaintext must be DER (BouncyCastle writes it so).

use hmac::digest::OutputSizeUser;
use hmac::{Hmac, KeyInit, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};
use zeroize::Zeroizing;

use super::ber::{self, BerError, Element, Limits, OBJECT_IDENTIFIER, OCTET_STRING, SEQUENCE, Tag};
use super::inspect_error::{InspectError, MAX_FILE_SIZE};

/// Most MAC iterations accepted (as p12-keystore): more is a denial of service, not a kit.
const MAX_MAC_ITERATIONS: u32 = 1_000_000;

/// Contents octets of the OIDs met on the way.
const DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const ENCRYPTED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
const SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
const SHA2_PREFIX: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02];

fn limits() -> Limits {
    Limits {
        max_input: MAX_FILE_SIZE,
        ..Limits::default()
    }
}

/// The PKCS#12 file `bytes` in DER. DER input comes back unchanged. When the authenticated
/// safe had to be re-encoded, its MAC has been checked with `password` and is left out.
pub(crate) fn pfx_to_der(bytes: &[u8], password: &str) -> Result<Vec<u8>, InspectError> {
    let pfx = ber::parse(bytes, limits()).map_err(not_pkcs12)?;
    // Anything not shaped like a password-protected PFX is left for p12-keystore to judge.
    let Some(stored) = auth_safe_octets(&pfx) else {
        return Ok(pfx.to_der());
    };
    let safe = authenticated_safe_to_der(stored).map_err(not_pkcs12)?;
    if safe == stored {
        return Ok(pfx.to_der());
    }
    if let Some(mac_data) = pfx.children().get(2) {
        verify_mac(mac_data, password, stored)?;
    }
    let version = pfx.children()[0].clone();
    Ok(Element::constructed(
        Tag::universal(SEQUENCE),
        vec![version, data_content_info(safe)],
    )
    .to_der())
}

fn not_pkcs12(_: BerError) -> InspectError {
    InspectError::NotPkcs12
}

/// `ContentInfo { data, [0] EXPLICIT OCTET STRING octets }`.
fn data_content_info(octets: Vec<u8>) -> Element {
    Element::constructed(
        Tag::universal(SEQUENCE),
        vec![
            Element::primitive(Tag::universal(OBJECT_IDENTIFIER), DATA.to_vec()),
            Element::constructed(
                Tag::context(0),
                vec![Element::primitive(Tag::universal(OCTET_STRING), octets)],
            ),
        ],
    )
}

/// The content type of a ContentInfo and its `[0] EXPLICIT` content.
fn content_info(element: &Element) -> Option<(&[u8], &Element)> {
    if !element.is_constructed(Tag::universal(SEQUENCE)) {
        return None;
    }
    let [content_type, explicit, ..] = element.children() else {
        return None;
    };
    let content_type = content_type.content_if(Tag::universal(OBJECT_IDENTIFIER))?;
    if !explicit.is_constructed(Tag::context(0)) {
        return None;
    }
    let [content] = explicit.children() else {
        return None;
    };
    Some((content_type, content))
}

/// `PFX { version, authSafe ContentInfo { data, OCTET STRING }, macData }`: the octets.
fn auth_safe_octets(pfx: &Element) -> Option<&[u8]> {
    if !pfx.is_constructed(Tag::universal(SEQUENCE)) {
        return None;
    }
    let (content_type, content) = content_info(pfx.children().get(1)?)?;
    (content_type == DATA)
        .then(|| content.content_if(Tag::universal(OCTET_STRING)))
        .flatten()
}

/// The AuthenticatedSafe (a SEQUENCE OF ContentInfo) in DER, with the SafeContents inside
/// `data` items normalised too and chunked encrypted content of `encryptedData` items merged.
fn authenticated_safe_to_der(stored: &[u8]) -> Result<Vec<u8>, BerError> {
    let mut safe = ber::parse(stored, limits())?;
    for index in 0..safe.children().len() {
        let item = &safe.children()[index];
        let Some((content_type, content)) = content_info(item) else {
            continue;
        };
        let replacement = if content_type == DATA {
            match content.content_if(Tag::universal(OCTET_STRING)) {
                Some(safe_contents) => {
                    data_content_info(ber::to_der_with(safe_contents, limits())?)
                }
                None => continue,
            }
        } else if content_type == ENCRYPTED_DATA {
            match merged_encrypted_data(content)? {
                Some(encrypted_data) => {
                    let mut item = item.clone();
                    let mut explicit = item.children()[1].clone();
                    explicit.replace_child(0, encrypted_data);
                    item.replace_child(1, explicit);
                    item
                }
                None => continue,
            }
        } else {
            continue;
        };
        safe.replace_child(index, replacement);
    }
    Ok(safe.to_der())
}

/// `EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT OCTET
/// STRING } }` with the encrypted content primitive; `None` when it already is (or the shape
/// is not this one).
fn merged_encrypted_data(encrypted_data: &Element) -> Result<Option<Element>, BerError> {
    if !encrypted_data.is_constructed(Tag::universal(SEQUENCE)) {
        return Ok(None);
    }
    let Some(info) = encrypted_data.children().get(1) else {
        return Ok(None);
    };
    let Some(content) = info.children().get(2) else {
        return Ok(None);
    };
    if !info.is_constructed(Tag::universal(SEQUENCE)) || !content.is_constructed(Tag::context(0)) {
        return Ok(None);
    }
    let mut info = info.clone();
    info.replace_child(2, content.clone().merge_implicit_octet_string()?);
    let mut encrypted_data = encrypted_data.clone();
    encrypted_data.replace_child(1, info);
    Ok(Some(encrypted_data))
}

/// Whether HMAC-`$digest` keyed from the password (RFC 7292 appendix B) over `$data` is
/// `$expected`.
macro_rules! hmac_matches {
    ($digest:ty, $password:expr, $salt:expr, $iterations:expr, $data:expr, $expected:expr) => {{
        let key = Zeroizing::new(
            derive_key_utf8::<$digest>(
                $password,
                $salt,
                Pkcs12KeyType::Mac,
                $iterations,
                <$digest as OutputSizeUser>::output_size(),
            )
            // Only a password with characters outside the BMP fails here: no kit has one.
            .map_err(|_| InspectError::WrongPassword)?,
        );
        let mut mac = Hmac::<$digest>::new_from_slice(&key).map_err(|_| InspectError::NotPkcs12)?;
        mac.update($data);
        mac.verify_slice($expected).is_ok()
    }};
}

/// Checks `MacData { DigestInfo { algorithm, digest }, macSalt, iterations DEFAULT 1 }`
/// over `data`.
fn verify_mac(mac_data: &Element, password: &str, data: &[u8]) -> Result<(), InspectError> {
    let malformed = InspectError::NotPkcs12;
    let [digest_info, salt, rest @ ..] = mac_data.children() else {
        return Err(malformed);
    };
    let [algorithm, digest] = digest_info.children() else {
        return Err(malformed);
    };
    let algorithm = algorithm
        .children()
        .first()
        .and_then(|oid| oid.content_if(Tag::universal(OBJECT_IDENTIFIER)))
        .ok_or(InspectError::NotPkcs12)?;
    let (digest, salt) = (octets(digest)?, octets(salt)?);
    let iterations = match rest {
        [] => 1,
        [iterations] => iteration_count(iterations)?,
        _ => return Err(malformed),
    };
    let iterations = i32::try_from(iterations).map_err(|_| InspectError::UnsupportedProtection)?;
    let matches = match algorithm {
        SHA1 => hmac_matches!(Sha1, password, salt, iterations, data, digest),
        [prefix @ .., last] if prefix == SHA2_PREFIX => match last {
            1 => hmac_matches!(Sha256, password, salt, iterations, data, digest),
            2 => hmac_matches!(Sha384, password, salt, iterations, data, digest),
            3 => hmac_matches!(Sha512, password, salt, iterations, data, digest),
            4 => hmac_matches!(Sha224, password, salt, iterations, data, digest),
            5 => hmac_matches!(Sha512_224, password, salt, iterations, data, digest),
            6 => hmac_matches!(Sha512_256, password, salt, iterations, data, digest),
            _ => return Err(InspectError::UnsupportedProtection),
        },
        _ => return Err(InspectError::UnsupportedProtection),
    };
    if matches {
        Ok(())
    } else {
        Err(InspectError::WrongPassword)
    }
}

fn octets(element: &Element) -> Result<&[u8], InspectError> {
    element
        .content_if(Tag::universal(OCTET_STRING))
        .ok_or(InspectError::NotPkcs12)
}

/// A positive INTEGER no larger than [`MAX_MAC_ITERATIONS`].
fn iteration_count(element: &Element) -> Result<u32, InspectError> {
    const INTEGER: u32 = 2;
    let content = element
        .content_if(Tag::universal(INTEGER))
        .ok_or(InspectError::NotPkcs12)?;
    if content.is_empty() || content.len() > 4 || content[0] & 0x80 != 0 {
        return Err(InspectError::UnsupportedProtection);
    }
    let value = content
        .iter()
        .fold(0u32, |value, byte| (value << 8) | u32::from(*byte));
    if (1..=MAX_MAC_ITERATIONS).contains(&value) {
        Ok(value)
    } else {
        Err(InspectError::UnsupportedProtection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::{Pkcs12Format, build_pkcs12};
    use p12_keystore::Pkcs12Archive;

    /// A DER PKCS#12 file (3DES bags, SHA-1 MAC) of a fresh key and self-signed certificate.
    fn der_file() -> Vec<u8> {
        let key = rcgen::KeyPair::generate().unwrap();
        let certificate = rcgen::CertificateParams::new(vec!["example.kz".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        build_pkcs12(
            &key.serialize_der(),
            b"key id",
            "alias",
            &[certificate.der().as_ref()],
            "secret1",
            Pkcs12Format::Compatible,
        )
        .unwrap()
    }

    /// `der` with the certificates' encrypted content (`[0] IMPLICIT OCTET STRING`) split
    /// into constructed 16-byte chunks, as BER allows, the MAC kept or left out.
    fn with_chunked_encrypted_content(der: &[u8], keep_mac: bool) -> Vec<u8> {
        let pfx = ber::parse(der, limits()).unwrap();
        let mut safe = ber::parse(auth_safe_octets(&pfx).unwrap(), limits()).unwrap();
        let index = safe
            .children()
            .iter()
            .position(|item| content_info(item).unwrap().0 == ENCRYPTED_DATA)
            .unwrap();
        let mut item = safe.children()[index].clone();
        let mut explicit = item.children()[1].clone();
        let mut encrypted_data = explicit.children()[0].clone();
        let mut info = encrypted_data.children()[1].clone();
        let content = info.children()[2].content_if(Tag::context(0)).unwrap();
        let chunks = content
            .chunks(16)
            .map(|chunk| Element::primitive(Tag::universal(OCTET_STRING), chunk.to_vec()))
            .collect();
        info.replace_child(2, Element::constructed(Tag::context(0), chunks));
        encrypted_data.replace_child(1, info);
        explicit.replace_child(0, encrypted_data);
        item.replace_child(1, explicit);
        safe.replace_child(index, item);
        let mut children = vec![pfx.children()[0].clone(), data_content_info(safe.to_der())];
        if keep_mac {
            children.push(pfx.children()[2].clone());
        }
        Element::constructed(Tag::universal(SEQUENCE), children).to_der()
    }

    #[test]
    fn der_files_pass_through_unchanged() {
        let der = der_file();
        assert_eq!(pfx_to_der(&der, "secret1").unwrap(), der);
    }

    #[test]
    fn chunked_encrypted_content_is_merged_and_the_mac_checked_on_the_stored_safe() {
        let der = der_file();
        let expected = Pkcs12Archive::from_pkcs12(&der, "secret1").unwrap();
        // Without a MAC: the chunks are merged and the file reads as the original.
        let chunked = with_chunked_encrypted_content(&der, false);
        assert!(Pkcs12Archive::from_pkcs12(&chunked, "secret1").is_err());
        let normalised = pfx_to_der(&chunked, "secret1").unwrap();
        let archive = Pkcs12Archive::from_pkcs12(&normalised, "secret1").unwrap();
        assert_eq!(archive.certs, expected.certs);
        assert_eq!(archive.keys.len(), 1);
        // With the original MAC, which no longer matches the re-chunked safe: refused.
        let stale = with_chunked_encrypted_content(&der, true);
        assert_eq!(
            pfx_to_der(&stale, "secret1"),
            Err(InspectError::WrongPassword)
        );
    }

    #[test]
    fn iteration_counts_are_bounded() {
        let integer = |bytes: &[u8]| Element::primitive(Tag::universal(2), bytes.to_vec());
        assert_eq!(iteration_count(&integer(&[0x08, 0x00])), Ok(2048));
        assert_eq!(
            iteration_count(&integer(&[0x0f, 0x42, 0x40])),
            Ok(1_000_000)
        );
        for refused in [
            &[][..],
            &[0x00],
            &[0x80],
            &[0x0f, 0x42, 0x41],
            &[1, 0, 0, 0, 0],
        ] {
            assert_eq!(
                iteration_count(&integer(refused)),
                Err(InspectError::UnsupportedProtection),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn what_is_not_a_pfx_is_passed_on_normalised_for_the_parser_to_refuse() {
        // A bare indefinite SEQUENCE of one INTEGER: not a PFX, but valid BER.
        assert_eq!(
            pfx_to_der(&[0x30, 0x80, 0x02, 0x01, 0x03, 0, 0], "secret1"),
            Ok(vec![0x30, 0x03, 0x02, 0x01, 0x03])
        );
        assert_eq!(
            pfx_to_der(&[0x30, 0x80, 0x02, 0x01], "secret1"),
            Err(InspectError::NotPkcs12)
        );
    }
}
