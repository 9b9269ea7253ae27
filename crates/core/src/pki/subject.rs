//! The certificate subject as НУЦ РК issues it to individuals, and the request parameters
//! built from it.

use std::fmt;

use rcgen::{CertificateParams, CustomExtension, DistinguishedName, DnType, DnValue, SanType};

use super::error::PkiError;
use super::oid;
use crate::domain::{Email, Iin};

/// The person the keys are for, as verified by the issuance service.
///
/// Names are stored as given; requests carry them upper-cased, as on НУЦ certificates and in
/// the population register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub surname: String,
    pub given_name: String,
    /// Отчество; goes into GIVENNAME (2.5.4.42), as НУЦ does.
    pub patronymic: Option<String>,
    pub iin: Iin,
    /// Goes into the request as a SubjectAltName rfc822Name.
    pub email: Option<Email>,
}

/// Which kind of store holds the key, as the НУЦ key-store extension names it: an OID under
/// 1.2.398.3.3.5 (the PKCS#12 file store is 1.2.398.3.3.5.1.1). The extension itself is
/// 1.2.398.3.3.5 (`keystore_branch`) with this OID inside its value (see
/// [`KeyStoreOid::extension_value`]), as Kalkan writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyStoreOid(Vec<u64>);

impl KeyStoreOid {
    /// A PKCS#12 file on a computer (1.2.398.3.3.5.1.1).
    pub fn pkcs12_file() -> Self {
        Self(oid::KEY_STORE_PKCS12.to_vec())
    }

    /// Any other store (a token); the OID must lie strictly under 1.2.398.3.3.5.
    pub fn from_arcs(arcs: &[u64]) -> Result<Self, PkiError> {
        if arcs.len() > oid::KEY_STORE_ARC.len() && arcs.starts_with(oid::KEY_STORE_ARC) {
            Ok(Self(arcs.to_vec()))
        } else {
            Err(PkiError::NotAKeyStoreOid { oid: dotted(arcs) })
        }
    }

    /// The OID's arcs.
    pub fn arcs(&self) -> &[u64] {
        &self.0
    }

    /// The value of extension 1.2.398.3.3.5: `KeyStoreInfo ::= SEQUENCE { storage OID,
    /// path OPTIONAL }`. We leave the optional folder path out: it names a folder on the
    /// person's computer, and the CA copies only the storage OID into the certificate.
    pub fn extension_value(&self) -> Vec<u8> {
        let oid = yasna::models::ObjectIdentifier::from_slice(&self.0);
        yasna::construct_der(|writer| writer.write_sequence(|seq| seq.next().write_oid(&oid)))
    }

    /// The storage OID from an extension value `SEQUENCE { OID, … }` (a path, if any, is
    /// ignored); `None` when the value is not of that shape or the OID is not under the arc.
    pub fn from_extension_value(value: &[u8]) -> Option<Self> {
        let arcs = yasna::parse_der(value, |reader| {
            reader.read_sequence(|seq| {
                let oid = seq.next().read_oid()?;
                // The optional path: read whatever follows so the parse succeeds.
                while let Ok(Some(_)) = seq.read_optional(|r| r.read_der()) {}
                Ok(oid)
            })
        })
        .ok()?;
        Self::from_arcs(arcs.components()).ok()
    }
}

impl fmt::Display for KeyStoreOid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&dotted(&self.0))
    }
}

fn dotted(arcs: &[u64]) -> String {
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

impl Subject {
    /// `SURNAME GIVEN`, the certificate's CN.
    pub fn common_name(&self) -> String {
        format!(
            "{} {}",
            self.surname.trim().to_uppercase(),
            self.given_name.trim().to_uppercase()
        )
    }

    /// rcgen parameters for a PKCS#10 request with the НУЦ РК subject, matched by OID:
    /// CN "SURNAME GIVEN", SURNAME (2.5.4.4), SERIALNUMBER (2.5.4.5) "IIN" + 12 digits as a
    /// PrintableString, C = KZ as a PrintableString, GIVENNAME (2.5.4.42) = the patronymic;
    /// names (often Cyrillic) as UTF8String. The extensionRequest carries the e-mail as a
    /// SubjectAltName rfc822Name and the key-store extension.
    ///
    /// Sign it with any rcgen signing key (`params.serialize_request(&key)`), including a
    /// key that lives on a token.
    pub fn request_params(&self, key_store: &KeyStoreOid) -> Result<CertificateParams, PkiError> {
        if self.surname.trim().is_empty() || self.given_name.trim().is_empty() {
            return Err(PkiError::IncompleteSubject);
        }
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, self.common_name());
        dn.push(
            DnType::CustomDnType(oid::SURNAME.to_vec()),
            self.surname.trim().to_uppercase(),
        );
        dn.push(
            DnType::CustomDnType(oid::SERIAL_NUMBER.to_vec()),
            DnValue::PrintableString(
                format!("IIN{}", self.iin.as_str())
                    .try_into()
                    .map_err(|e| PkiError::Request(format!("SERIALNUMBER: {e}")))?,
            ),
        );
        dn.push(
            DnType::CountryName,
            DnValue::PrintableString(
                "KZ".try_into()
                    .map_err(|e| PkiError::Request(format!("C: {e}")))?,
            ),
        );
        if let Some(patronymic) = self.patronymic.as_deref().map(str::trim)
            && !patronymic.is_empty()
        {
            dn.push(
                DnType::CustomDnType(oid::GIVEN_NAME.to_vec()),
                patronymic.to_uppercase(),
            );
        }
        let mut params = CertificateParams::default();
        params.distinguished_name = dn;
        if let Some(email) = &self.email {
            params.subject_alt_names = vec![SanType::Rfc822Name(
                email
                    .as_str()
                    .try_into()
                    .map_err(|e| PkiError::Request(format!("e-mail: {e}")))?,
            )];
        }
        params.custom_extensions = vec![CustomExtension::from_oid_content(
            oid::KEY_STORE_ARC,
            key_store.extension_value(),
        )];
        Ok(params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_store_oids_must_be_under_the_nca_arc() {
        assert_eq!(KeyStoreOid::pkcs12_file().to_string(), "1.2.398.3.3.5.1.1");
        assert!(KeyStoreOid::from_arcs(&[1, 2, 398, 3, 3, 5, 2, 7]).is_ok());
        let value = KeyStoreOid::pkcs12_file().extension_value();
        assert_eq!(
            KeyStoreOid::from_extension_value(&value),
            Some(KeyStoreOid::pkcs12_file())
        );
        assert_eq!(KeyStoreOid::from_extension_value(&[0x05, 0x00]), None);
        for bad in [&[1, 2, 398, 3, 3, 5][..], &[1, 2, 398, 3, 3, 4, 1], &[]] {
            assert!(
                matches!(
                    KeyStoreOid::from_arcs(bad),
                    Err(PkiError::NotAKeyStoreOid { .. })
                ),
                "{bad:?}"
            );
        }
    }
}
