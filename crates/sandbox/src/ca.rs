//! The sandbox's test CA: a root and an issuing CA, created on first start and kept in the
//! database, issuing certificates with the НУЦ РК profile for individuals.

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DistinguishedName, DnType, DnValue, ExtendedKeyUsagePurpose, IsCa, Issuer,
    KeyIdMethod, KeyPair, KeyUsagePurpose, PKCS_RSA_SHA256, RsaKeySize, SanType, SerialNumber,
};
use rusqlite::{OptionalExtension, params};
use sha1::{Digest, Sha1};
use time::{Duration, OffsetDateTime};

use crate::csr::CheckedCsr;
use crate::error::{Failure, SandboxError};
use crate::fixtures::Citizen;
use crate::gost_ca::GostCa;
use crate::store::Store;

/// Which key of the pair a certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Client authentication (`csr_auth`).
    Auth,
    /// Signing, non-repudiation (`csr_sign`).
    Sign,
}

pub const OID_POLICY_AUTH: &[u64] = &[1, 2, 398, 3, 3, 2, 4];
pub const OID_POLICY_SIGN: &[u64] = &[1, 2, 398, 3, 3, 2, 3];
pub const OID_EKU_INDIVIDUAL: &[u64] = &[1, 2, 398, 3, 3, 4, 1, 1];
pub const OID_EKU_REMOTE_DIGITAL_ID: &[u64] = &[1, 2, 398, 3, 3, 4, 3, 2, 1];
const OID_CERTIFICATE_POLICIES: &[u64] = &[2, 5, 29, 32];
const OID_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
const OID_CA_ISSUERS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 2];

/// The loaded CA.
pub struct Ca {
    root_pem: String,
    issuing_pem: String,
    issuer: Issuer<'static, KeyPair>,
    /// The GOST root and issuing CA (`gost_ca`), for GOST kits.
    pub gost: GostCa,
}

struct CaPems {
    root_key: String,
    root_cert: String,
    issuing_key: String,
    issuing_cert: String,
}

fn ca_error(error: impl std::fmt::Display) -> SandboxError {
    SandboxError::Ca(error.to_string())
}

impl Ca {
    /// Loads the CA from the store, creating and saving it on first start. Blocking (RSA
    /// key generation takes a moment).
    pub fn load_or_create(store: &Store, now: i64) -> Result<Self, SandboxError> {
        let existing = store
            .run_blocking(|tx| {
                Ok(tx
                    .query_row(
                        "SELECT root_key_pem, root_cert_pem, issuing_key_pem, issuing_cert_pem \
                         FROM ca WHERE id = 1",
                        [],
                        |row| {
                            Ok(CaPems {
                                root_key: row.get(0)?,
                                root_cert: row.get(1)?,
                                issuing_key: row.get(2)?,
                                issuing_cert: row.get(3)?,
                            })
                        },
                    )
                    .optional()?)
            })
            .map_err(|f| ca_error(f.0))?;
        let pems = match existing {
            Some(pems) => pems,
            None => {
                let pems = create(now)?;
                store
                    .run_blocking(|tx| {
                        tx.execute(
                            "INSERT INTO ca (id, root_key_pem, root_cert_pem, issuing_key_pem, \
                             issuing_cert_pem, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                            params![
                                pems.root_key,
                                pems.root_cert,
                                pems.issuing_key,
                                pems.issuing_cert,
                                now
                            ],
                        )?;
                        Ok(())
                    })
                    .map_err(|f| ca_error(f.0))?;
                tracing::info!("created the sandbox test CA");
                pems
            }
        };
        let key = KeyPair::from_pem(&pems.issuing_key).map_err(ca_error)?;
        let issuer = Issuer::from_ca_cert_pem(&pems.issuing_cert, key).map_err(ca_error)?;
        Ok(Self {
            root_pem: pems.root_cert,
            issuing_pem: pems.issuing_cert,
            issuer,
            gost: GostCa::load_or_create(store, now)?,
        })
    }

    /// Issuing CA then root, PEM.
    pub fn chain(&self) -> Vec<String> {
        vec![self.issuing_pem.clone(), self.root_pem.clone()]
    }

    /// The root certificate, PEM.
    pub fn root_pem(&self) -> &str {
        &self.root_pem
    }

    /// The issuing CA certificate, PEM.
    pub fn issuing_pem(&self) -> &str {
        &self.issuing_pem
    }

    /// An empty CRL of the issuing CA valid for a day from `now`, DER (nothing is ever revoked
    /// in the sandbox).
    pub fn crl_der(&self, now: i64) -> Result<Vec<u8>, Failure> {
        let this_update = OffsetDateTime::from_unix_timestamp(now).map_err(Failure::internal)?;
        let params = CertificateRevocationListParams {
            this_update,
            next_update: this_update + Duration::days(1),
            crl_number: SerialNumber::from_slice(&now.max(1).to_be_bytes()),
            issuing_distribution_point: None,
            revoked_certs: Vec::new(),
            key_identifier_method: KeyIdMethod::Sha256,
        };
        params
            .signed_by(&self.issuer)
            .map(|crl| crl.der().to_vec())
            .map_err(|e| Failure::internal(format!("signing the CRL: {e}")))
    }

    /// Issues one end-entity certificate; returns it as PEM.
    pub fn issue(
        &self,
        request: &CheckedCsr,
        purpose: Purpose,
        citizen: &Citizen,
        base_url: &str,
        now: i64,
    ) -> Result<String, Failure> {
        let public_key = rcgen::SubjectPublicKeyInfo::from_der(&request.spki_der)
            .map_err(|e| Failure::internal(format!("public key for issuance: {e}")))?;
        let not_before = OffsetDateTime::from_unix_timestamp(now).map_err(Failure::internal)?;
        let mut params = CertificateParams::default();
        params.distinguished_name = individual_subject(citizen, request.email.as_deref());
        params.not_before = not_before;
        params.not_after = not_before + Duration::days(365);
        params.serial_number = Some(random_serial());
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_identifier_method = KeyIdMethod::PreSpecified(sha1(&request.public_key_bits));
        params.use_authority_key_identifier_extension = true;
        let remote = ExtendedKeyUsagePurpose::Other(OID_EKU_REMOTE_DIGITAL_ID.to_vec());
        let policy = match purpose {
            Purpose::Auth => {
                params.key_usages = vec![
                    KeyUsagePurpose::DigitalSignature,
                    KeyUsagePurpose::KeyEncipherment,
                ];
                params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth, remote];
                OID_POLICY_AUTH
            }
            Purpose::Sign => {
                params.key_usages = vec![
                    KeyUsagePurpose::DigitalSignature,
                    KeyUsagePurpose::ContentCommitment,
                ];
                params.extended_key_usages = vec![
                    ExtendedKeyUsagePurpose::EmailProtection,
                    ExtendedKeyUsagePurpose::Other(OID_EKU_INDIVIDUAL.to_vec()),
                    remote,
                ];
                OID_POLICY_SIGN
            }
        };
        if let Some(email) = &request.email {
            let address = email
                .as_str()
                .try_into()
                .map_err(|_| Failure::internal("the e-mail is not ASCII"))?;
            params.subject_alt_names = vec![SanType::Rfc822Name(address)];
        }
        params.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![format!("{base_url}/sandbox/ca/issuing.crl")],
        }];
        params.custom_extensions = vec![
            CustomExtension::from_oid_content(OID_CERTIFICATE_POLICIES, policies_der(policy)),
            CustomExtension::from_oid_content(
                OID_AUTHORITY_INFO_ACCESS,
                aia_der(&format!("{base_url}/sandbox/ca/issuing.crt")),
            ),
            // НУЦ copies the key-store extension: 1.2.398.3.3.5 = SEQUENCE { storage OID }.
            CustomExtension::from_oid_content(
                &[1, 2, 398, 3, 3, 5],
                request.key_store.extension_value(),
            ),
        ];
        params
            .signed_by(&public_key, &self.issuer)
            .map(|certificate| certificate.pem())
            .map_err(|e| Failure::internal(format!("signing a certificate: {e}")))
    }
}

/// Creates the root and the issuing CA.
fn create(now: i64) -> Result<CaPems, SandboxError> {
    let start = OffsetDateTime::from_unix_timestamp(now).map_err(ca_error)? - Duration::days(1);
    let root_key =
        KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048).map_err(ca_error)?;
    let mut root = ca_params("Qoltanba Sandbox Root CA (TEST ONLY)", &root_key, start, 20);
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let root_cert = root.self_signed(&root_key).map_err(ca_error)?;
    let root_key_pem = root_key.serialize_pem();
    let root_issuer = Issuer::new(root, root_key);

    let issuing_key =
        KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048).map_err(ca_error)?;
    let mut issuing = ca_params(
        "Qoltanba Sandbox Issuing CA (TEST ONLY)",
        &issuing_key,
        start,
        10,
    );
    issuing.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    issuing.use_authority_key_identifier_extension = true;
    let issuing_cert = issuing
        .signed_by(&issuing_key, &root_issuer)
        .map_err(ca_error)?;
    Ok(CaPems {
        root_key: root_key_pem,
        root_cert: root_cert.pem(),
        issuing_key: issuing_key.serialize_pem(),
        issuing_cert: issuing_cert.pem(),
    })
}

fn ca_params(name: &str, key: &KeyPair, start: OffsetDateTime, years: i64) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::OrganizationName, "Qoltanba Sandbox");
    dn.push(DnType::CountryName, printable("KZ"));
    params.distinguished_name = dn;
    params.not_before = start;
    params.not_after = start + Duration::days(365 * years);
    params.serial_number = Some(random_serial());
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.key_identifier_method = KeyIdMethod::PreSpecified(sha1(key.public_key_raw()));
    params
}

/// The subject of an individual's certificate, attribute by OID, in НУЦ order.
pub(crate) fn individual_subject(citizen: &Citizen, email: Option<&str>) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, citizen.common_name());
    dn.push(DnType::CustomDnType(vec![2, 5, 4, 4]), citizen.surname);
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 5]),
        printable(&format!("IIN{}", citizen.iin.as_str())),
    );
    dn.push(DnType::CountryName, printable("KZ"));
    if let Some(patronymic) = citizen.patronymic {
        dn.push(DnType::CustomDnType(vec![2, 5, 4, 42]), patronymic);
    }
    if let Some(email) = email
        && let Ok(ia5) = email.try_into()
    {
        dn.push(
            DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
            DnValue::Ia5String(ia5),
        );
    }
    dn
}

fn printable(text: &str) -> DnValue {
    match text.try_into() {
        Ok(value) => DnValue::PrintableString(value),
        Err(_) => DnValue::Utf8String(text.to_owned()),
    }
}

/// RFC 5280 key identifier method 1: SHA-1 of the subjectPublicKey bits (40 hex digits, as
/// НУЦ's file names use).
pub fn sha1(bits: &[u8]) -> Vec<u8> {
    Sha1::digest(bits).to_vec()
}

fn random_serial() -> SerialNumber {
    let mut bytes: [u8; 16] = rand::random();
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    SerialNumber::from_slice(&bytes)
}

/// certificatePolicies with one policy OID and no qualifiers.
fn policies_der(policy: &[u64]) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|writer| {
            writer.next().write_sequence(|writer| {
                writer
                    .next()
                    .write_oid(&yasna::models::ObjectIdentifier::from_slice(policy));
            });
        });
    })
}

/// authorityInfoAccess with one caIssuers URI.
fn aia_der(url: &str) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|writer| {
            writer.next().write_sequence(|writer| {
                writer
                    .next()
                    .write_oid(&yasna::models::ObjectIdentifier::from_slice(OID_CA_ISSUERS));
                writer
                    .next()
                    .write_tagged_implicit(yasna::Tag::context(6), |writer| {
                        writer.write_ia5_string(url);
                    });
            });
        });
    })
}
