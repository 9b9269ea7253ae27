//! Reading a PKCS#12 key file back: whose keys, issued by whom, valid until when, for what.
//!
//! Reads our own files (PBES2/AES or 3DES) and the legacy files existing ЭЦП kits use (3DES
//! key bag, RC2-40 certificate bag, SHA-1 MAC), in DER or in the BER with indefinite lengths
//! that BouncyCastle-based software (Kalkan, NCALayer) writes ([`super::ber`]). Returns
//! structured data only; the GUI and the CLI render it with translated labels.

use p12_keystore::{CertificateBag, Pkcs12Archive, PrivateKeyBag};
pub use time::OffsetDateTime;
use x509_parser::der_parser::asn1_rs::Tag;
use x509_parser::prelude::{FromDer, ParsedExtension, X509Certificate};
use x509_parser::x509::AttributeTypeAndValue;

use super::KeyRole;
pub use super::holder::HolderRole;
use super::holder::holder_roles;
pub use super::inspect_error::{InspectError, MAX_FILE_SIZE};
use super::key_match::key_matches;
use super::key_set::key_id;
use super::oid;
use super::pfx::pfx_to_der;
use crate::domain::{Bin, Iin};

/// A bit of the certificate's keyUsage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyUsage {
    DigitalSignature,
    /// Also called contentCommitment: the signing key's mark.
    NonRepudiation,
    KeyEncipherment,
    DataEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
    EncipherOnly,
    DecipherOnly,
}

/// A purpose from the certificate's extKeyUsage.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExtendedKeyUsage {
    Any,
    ServerAuth,
    /// 1.3.6.1.5.5.7.3.2: the AUTH key.
    ClientAuth,
    CodeSigning,
    /// 1.3.6.1.5.5.7.3.4: the signing key.
    EmailProtection,
    TimeStamping,
    OcspSigning,
    /// 1.2.398.3.3.4.1.1: an individual.
    NcaIndividual,
    /// 1.2.398.3.3.4.1.2: an employee of a legal entity.
    NcaLegalEntity,
    /// 1.2.398.3.3.4.3.1: identified in person.
    NcaIdentifiedInPerson,
    /// 1.2.398.3.3.4.3.2: identified remotely.
    NcaIdentifiedRemotely,
    /// 1.2.398.3.3.4.3.2.1: identified remotely via Digital ID.
    NcaIdentifiedDigitalId,
    /// Any other purpose, as a dotted OID.
    Other(String),
}

/// The kind of public key in the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PublicKeyKind {
    Rsa {
        bits: usize,
    },
    Ec,
    /// GOST 34.10-2015 512-bit (НУЦ's 1.2.398.3.10.1.1.2.2 or the Russian GOST OIDs): what
    /// НУЦ issues today.
    Gost,
    /// Any other algorithm, as a dotted OID.
    Other(String),
}

/// What a key file holds: the owner's certificate in structured form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFileInfo {
    /// The certificate's CN ("SURNAME NAME").
    pub owner: Option<String>,
    /// The IIN from SERIALNUMBER ("IIN" + 12 digits), when it is a valid IIN.
    pub iin: Option<Iin>,
    /// The 12 digits after "IIN" when they fail the IIN rules (НУЦ's test certificates carry
    /// such numbers): shown with a warning rather than hidden.
    pub iin_unchecked: Option<String>,
    /// The holder's role from НУЦ's role OIDs (individual, head of a legal entity, …).
    pub holder: Vec<HolderRole>,
    /// The BIN from OU ("BIN" + 12 digits) on a legal entity's certificate.
    pub bin: Option<Bin>,
    /// The organisation (O) on a legal entity's certificate.
    pub organization: Option<String>,
    /// The e-mail from the subject's E or the SubjectAltName.
    pub email: Option<String>,
    /// The issuer's CN, or its whole DN when it has no CN.
    pub issuer: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// Whole days from the moment of inspection to `not_after`; negative once expired.
    pub days_left: i64,
    pub key_usage: Vec<KeyUsage>,
    pub extended_key_usage: Vec<ExtendedKeyUsage>,
    /// The serial number, lower-case hex without separators.
    pub serial_hex: String,
    /// AUTH or signing, from extKeyUsage and keyUsage; `None` when neither tells.
    pub role: Option<KeyRole>,
    /// The Subject Key Identifier (extension, else computed), 40 hex digits for SHA-1.
    pub key_id: String,
    pub public_key: PublicKeyKind,
    /// The key entry's friendly name (alias), if any.
    pub friendly_name: Option<String>,
    /// Whether the file holds a private key.
    pub has_private_key: bool,
    /// Whether that private key belongs to the certificate; `None` when it cannot be checked
    /// here (no key, or an algorithm such as GOST).
    pub key_matches_certificate: Option<bool>,
    /// How many CA certificates the file carries besides the owner's.
    pub ca_certificates: usize,
}

/// Opens a PKCS#12 file with `password` and describes the owner's certificate, counting
/// days left from now.
pub fn inspect_pkcs12(bytes: &[u8], password: &str) -> Result<KeyFileInfo, InspectError> {
    inspect_pkcs12_at(bytes, password, OffsetDateTime::now_utc())
}

/// As [`inspect_pkcs12`], counting days left from `now`.
pub fn inspect_pkcs12_at(
    bytes: &[u8],
    password: &str,
    now: OffsetDateTime,
) -> Result<KeyFileInfo, InspectError> {
    if bytes.len() > MAX_FILE_SIZE {
        return Err(InspectError::TooLarge { size: bytes.len() });
    }
    let pfx = pfx_to_der(bytes, password)?;
    let archive = Pkcs12Archive::from_pkcs12(&pfx, password).map_err(map_error)?;
    let key = archive.keys.first();
    let leaf = pick_leaf(&archive, key).ok_or(InspectError::NoCertificate)?;
    let der = leaf.cert.as_der();
    let (_, certificate) =
        X509Certificate::from_der(der).map_err(|_| InspectError::CertificateUnreadable)?;
    let mut info = describe(&certificate, now)?;
    info.friendly_name = key
        .and_then(|key| key.friendly_name.clone())
        .or_else(|| leaf.friendly_name.clone());
    info.has_private_key = key.is_some();
    // The key is decrypted (p12-keystore holds it zeroized on drop) and checked here.
    info.key_matches_certificate = key.and_then(|key| key_matches(key.key.as_der(), &certificate));
    info.ca_certificates = archive.certs.len().saturating_sub(1);
    Ok(info)
}

fn map_error(error: p12_keystore::error::Error) -> InspectError {
    use p12_keystore::error::Error as E;
    match error {
        // The MAC is keyed by the password; without a MAC, a wrong password shows up as bad
        // padding or a failed PBES2 decryption.
        E::MacError(_) | E::UnpadError | E::Pkcs5Error(_) => InspectError::WrongPassword,
        E::UnsupportedEncryptionScheme | E::UnsupportedMacAlgorithm | E::InvalidParameters => {
            InspectError::UnsupportedProtection
        }
        E::X509Error(_) => InspectError::CertificateUnreadable,
        _ => InspectError::NotPkcs12,
    }
}

/// The owner's certificate: the one linked to the key, else the first that is not a CA.
fn pick_leaf<'a>(
    archive: &'a Pkcs12Archive,
    key: Option<&PrivateKeyBag>,
) -> Option<&'a CertificateBag> {
    let linked = key
        .and_then(|key| key.local_key_id.as_ref())
        .and_then(|id| {
            archive
                .certs
                .iter()
                .find(|bag| bag.local_key_id.as_deref() == Some(id.as_ref()))
        });
    linked
        .or_else(|| {
            archive.certs.iter().find(|bag| {
                X509Certificate::from_der(bag.cert.as_der())
                    .map(|(_, cert)| !cert.is_ca())
                    .unwrap_or(false)
            })
        })
        .or_else(|| archive.certs.first())
}

fn describe(
    certificate: &X509Certificate<'_>,
    now: OffsetDateTime,
) -> Result<KeyFileInfo, InspectError> {
    let unreadable = |_| InspectError::CertificateUnreadable;
    let subject = certificate.subject();
    let by_oid = |wanted: &str| {
        subject
            .iter_attributes()
            .find(|attribute| attribute.attr_type().to_id_string() == wanted)
            .and_then(attribute_text)
    };
    let iin_digits = by_oid(oid::SERIAL_NUMBER_STR)
        .and_then(|serial| serial.strip_prefix("IIN").map(str::to_owned));
    let iin = iin_digits.as_deref().and_then(|d| Iin::parse(d).ok());
    let iin_unchecked = iin_digits.filter(|_| iin.is_none());
    let bin = subject
        .iter_attributes()
        .filter(|attribute| attribute.attr_type().to_id_string() == oid::ORGANIZATIONAL_UNIT_STR)
        .filter_map(attribute_text)
        .find_map(|unit| unit.strip_prefix("BIN").and_then(|d| Bin::parse(d).ok()));
    let san_email = certificate
        .subject_alternative_name()
        .map_err(unreadable)?
        .and_then(|san| {
            san.value.general_names.iter().find_map(|name| match name {
                x509_parser::extensions::GeneralName::RFC822Name(address) => {
                    Some((*address).to_owned())
                }
                _ => None,
            })
        });
    let key_usage = certificate
        .key_usage()
        .map_err(unreadable)?
        .map(|usage| key_usages(usage.value))
        .unwrap_or_default();
    let extended_key_usage = certificate
        .extended_key_usage()
        .map_err(unreadable)?
        .map(|usage| extended_key_usages(usage.value))
        .unwrap_or_default();
    let issuer = certificate
        .issuer()
        .iter_common_name()
        .next()
        .and_then(attribute_text)
        .unwrap_or_else(|| certificate.issuer().to_string());
    let validity = certificate.validity();
    let not_after = validity.not_after.to_datetime();
    let spki = certificate.public_key();
    let key_id = certificate
        .extensions()
        .iter()
        .find_map(|extension| match extension.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(id) => Some(hex::encode(id.0)),
            _ => None,
        })
        .unwrap_or_else(|| key_id(&spki.subject_public_key.data));
    Ok(KeyFileInfo {
        owner: subject.iter_common_name().next().and_then(attribute_text),
        iin,
        iin_unchecked,
        holder: holder_roles(&dotted_usages(&extended_key_usage)),
        bin,
        organization: by_oid(oid::ORGANIZATION_STR),
        email: by_oid(oid::EMAIL_STR).or(san_email),
        issuer,
        not_before: validity.not_before.to_datetime(),
        not_after,
        days_left: (not_after - now).whole_days(),
        role: role(&key_usage, &extended_key_usage),
        key_usage,
        extended_key_usage,
        serial_hex: hex::encode(certificate.raw_serial()),
        key_id,
        public_key: public_key_kind(certificate),
        friendly_name: None,
        has_private_key: false,
        key_matches_certificate: None,
        ca_certificates: 0,
    })
}

/// НУЦ's role OIDs among the purposes, dotted, for [`holder_roles`].
fn dotted_usages(usages: &[ExtendedKeyUsage]) -> Vec<&str> {
    usages
        .iter()
        .filter_map(|usage| match usage {
            ExtendedKeyUsage::NcaIndividual => Some(oid::EKU_NCA_INDIVIDUAL),
            ExtendedKeyUsage::NcaLegalEntity => Some(oid::EKU_NCA_LEGAL_ENTITY),
            ExtendedKeyUsage::Other(dotted) => Some(dotted.as_str()),
            _ => None,
        })
        .collect()
}

/// The text of a name attribute: UTF8, Printable, IA5, Numeric, or BMP (UTF-16) strings.
fn attribute_text(attribute: &AttributeTypeAndValue<'_>) -> Option<String> {
    if let Ok(text) = attribute.as_str() {
        return Some(text.trim().to_owned());
    }
    if attribute.attr_value().tag() == Tag::BmpString {
        let units: Vec<u16> = attribute
            .as_slice()
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16(&units)
            .ok()
            .map(|text| text.trim().to_owned());
    }
    None
}

fn key_usages(usage: &x509_parser::extensions::KeyUsage) -> Vec<KeyUsage> {
    [
        (usage.digital_signature(), KeyUsage::DigitalSignature),
        (usage.non_repudiation(), KeyUsage::NonRepudiation),
        (usage.key_encipherment(), KeyUsage::KeyEncipherment),
        (usage.data_encipherment(), KeyUsage::DataEncipherment),
        (usage.key_agreement(), KeyUsage::KeyAgreement),
        (usage.key_cert_sign(), KeyUsage::KeyCertSign),
        (usage.crl_sign(), KeyUsage::CrlSign),
        (usage.encipher_only(), KeyUsage::EncipherOnly),
        (usage.decipher_only(), KeyUsage::DecipherOnly),
    ]
    .into_iter()
    .filter_map(|(set, usage)| set.then_some(usage))
    .collect()
}

fn extended_key_usages(
    usage: &x509_parser::extensions::ExtendedKeyUsage<'_>,
) -> Vec<ExtendedKeyUsage> {
    let mut usages: Vec<ExtendedKeyUsage> = [
        (usage.any, ExtendedKeyUsage::Any),
        (usage.server_auth, ExtendedKeyUsage::ServerAuth),
        (usage.client_auth, ExtendedKeyUsage::ClientAuth),
        (usage.code_signing, ExtendedKeyUsage::CodeSigning),
        (usage.email_protection, ExtendedKeyUsage::EmailProtection),
        (usage.time_stamping, ExtendedKeyUsage::TimeStamping),
        (usage.ocsp_signing, ExtendedKeyUsage::OcspSigning),
    ]
    .into_iter()
    .filter_map(|(set, usage)| set.then_some(usage))
    .collect();
    usages.extend(usage.other.iter().map(|other| {
        let dotted = other.to_id_string();
        match dotted.as_str() {
            oid::EKU_NCA_INDIVIDUAL => ExtendedKeyUsage::NcaIndividual,
            oid::EKU_NCA_LEGAL_ENTITY => ExtendedKeyUsage::NcaLegalEntity,
            oid::EKU_NCA_IDENTIFIED_IN_PERSON => ExtendedKeyUsage::NcaIdentifiedInPerson,
            oid::EKU_NCA_IDENTIFIED_REMOTELY => ExtendedKeyUsage::NcaIdentifiedRemotely,
            oid::EKU_NCA_IDENTIFIED_DIGITAL_ID => ExtendedKeyUsage::NcaIdentifiedDigitalId,
            _ => ExtendedKeyUsage::Other(dotted),
        }
    }));
    usages
}

/// AUTH when the certificate is for client authentication and not for non-repudiation;
/// signing when it is for non-repudiation or e-mail protection.
fn role(key_usage: &[KeyUsage], extended: &[ExtendedKeyUsage]) -> Option<KeyRole> {
    let client_auth = extended.contains(&ExtendedKeyUsage::ClientAuth);
    let non_repudiation = key_usage.contains(&KeyUsage::NonRepudiation);
    let email = extended.contains(&ExtendedKeyUsage::EmailProtection);
    if client_auth && !non_repudiation {
        Some(KeyRole::Auth)
    } else if non_repudiation || email {
        Some(KeyRole::Sign)
    } else if client_auth {
        Some(KeyRole::Auth)
    } else {
        None
    }
}

fn public_key_kind(certificate: &X509Certificate<'_>) -> PublicKeyKind {
    use x509_parser::public_key::PublicKey;
    let spki = certificate.public_key();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => PublicKeyKind::Rsa {
            bits: rsa.key_size(),
        },
        Ok(PublicKey::EC(_)) => PublicKeyKind::Ec,
        Ok(PublicKey::GostR3410(_) | PublicKey::GostR3410_2012(_)) => PublicKeyKind::Gost,
        _ if spki.algorithm.algorithm.to_id_string() == crate::gost::oid::PUBLIC_KEY => {
            PublicKeyKind::Gost
        }
        _ => PublicKeyKind::Other(spki.algorithm.algorithm.to_id_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_the_nca_profile() {
        use ExtendedKeyUsage as E;
        use KeyUsage as K;
        let auth = role(
            &[K::DigitalSignature, K::KeyEncipherment],
            &[E::ClientAuth, E::NcaIdentifiedDigitalId],
        );
        assert_eq!(auth, Some(KeyRole::Auth));
        let sign = role(
            &[K::DigitalSignature, K::NonRepudiation],
            &[E::EmailProtection, E::NcaIndividual],
        );
        assert_eq!(sign, Some(KeyRole::Sign));
        assert_eq!(role(&[K::DigitalSignature], &[]), None);
        assert_eq!(role(&[], &[E::EmailProtection]), Some(KeyRole::Sign));
    }

    #[test]
    fn garbage_and_oversized_input_are_refused() {
        assert_eq!(
            inspect_pkcs12(b"not a key file", "secret1"),
            Err(InspectError::NotPkcs12)
        );
        let big = vec![0u8; MAX_FILE_SIZE + 1];
        assert_eq!(
            inspect_pkcs12(&big, "secret1"),
            Err(InspectError::TooLarge { size: big.len() })
        );
    }
}
