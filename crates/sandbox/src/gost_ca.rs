//! The sandbox's GOST test CA: a root and an issuing CA with GOST 34.10-2015 512-bit keys,
//! created on first start and kept in the database, issuing certificates with НУЦ РК's GOST
//! profile for individuals (DOMAIN.md): keyUsage digitalSignature + nonRepudiation +
//! keyAgreement (critical), EKU emailProtection + individual + remote identification via
//! Digital ID, policy 1.2.398.3.3.2 with a CPS, AIA (OCSP and CA issuer), CRL distribution
//! point and Freshest CRL, SKI/AKI, the key-store extension copied from the request, serial =
//! SKI with the top bit cleared.
//!
//! rcgen lays the certificates out (with a throw-away key) and core's `pki` signs them with
//! GOST (`gost_resign_certificate`).

use qoltanba_core::gost::{Curve, SigningKey, VerifyingKey};
use qoltanba_core::pki::{gost_public_key_bits, gost_resign_certificate, gost_spki_der};
use rcgen::{
    BasicConstraints, CertificateParams, CrlDistributionPoint, CustomExtension, DistinguishedName,
    DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, SanType,
    SerialNumber,
};
use rusqlite::{OptionalExtension, params};
use time::{Duration, OffsetDateTime};

use crate::ca::{OID_EKU_INDIVIDUAL, OID_EKU_REMOTE_DIGITAL_ID, individual_subject, sha1};
use crate::csr::CheckedCsr;
use crate::error::{Failure, SandboxError};
use crate::fixtures::Citizen;
use crate::store::Store;

const OID_POLICY_GOST: &[u64] = &[1, 2, 398, 3, 3, 2];
const OID_CERTIFICATE_POLICIES: &[u64] = &[2, 5, 29, 32];
const OID_CPS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 2, 1];
const OID_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
const OID_OCSP: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 1];
const OID_CA_ISSUERS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 2];
const OID_FRESHEST_CRL: &[u64] = &[2, 5, 29, 46];
const OID_KEY_STORE: &[u64] = &[1, 2, 398, 3, 3, 5];

/// The loaded GOST CA.
pub struct GostCa {
    pub(crate) root_der: Vec<u8>,
    pub(crate) issuing_der: Vec<u8>,
    pub(crate) issuing_key: SigningKey,
    issuing_params: CertificateParams,
}

fn ca_error(error: impl std::fmt::Display) -> SandboxError {
    SandboxError::Ca(error.to_string())
}

fn pem(der: &[u8]) -> String {
    pem::encode(&pem::Pem::new("CERTIFICATE", der.to_vec()))
}

fn oid(arcs: &[u64]) -> yasna::models::ObjectIdentifier {
    yasna::models::ObjectIdentifier::from_slice(arcs)
}

fn key_id(public: &VerifyingKey) -> Vec<u8> {
    sha1(&gost_public_key_bits(public))
}

fn ca_params(
    name: &str,
    public: &VerifyingKey,
    start: OffsetDateTime,
    years: i64,
) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::CountryName, "KZ");
    params.distinguished_name = dn;
    params.not_before = start;
    params.not_after = start + Duration::days(365 * years);
    params.serial_number = Some(serial_of(&key_id(public)));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.key_identifier_method = KeyIdMethod::PreSpecified(key_id(public));
    params
}

/// Serial = SKI with the top bit cleared (as НУЦ does).
fn serial_of(ski: &[u8]) -> SerialNumber {
    let mut bytes = ski.to_vec();
    if let Some(first) = bytes.first_mut() {
        *first &= 0x7f;
    }
    SerialNumber::from_slice(&bytes)
}

/// rcgen's certificate for `params` signed by `issuer` (placeholder keys), re-signed with GOST.
fn sign(
    params: &CertificateParams,
    subject: &VerifyingKey,
    issuer: Option<(&CertificateParams, &SigningKey)>,
    self_key: &SigningKey,
) -> Result<Vec<u8>, String> {
    let placeholder = KeyPair::generate().map_err(|e| e.to_string())?;
    let spki = gost_spki_der(subject);
    let (certificate, signer) = match issuer {
        None => (params.self_signed(&placeholder), self_key),
        Some((issuer_params, issuer_key)) => {
            let issuer_placeholder = KeyPair::generate().map_err(|e| e.to_string())?;
            let issuer = Issuer::new(issuer_params.clone(), issuer_placeholder);
            (params.signed_by(&placeholder, &issuer), issuer_key)
        }
    };
    let certificate = certificate.map_err(|e| e.to_string())?;
    gost_resign_certificate(certificate.der(), Some(&spki), signer).map_err(|e| e.to_string())
}

impl GostCa {
    /// Loads the GOST CA from the store, creating and saving it on first start.
    pub fn load_or_create(store: &Store, now: i64) -> Result<Self, SandboxError> {
        type Row = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);
        let existing: Option<Row> = store
            .run_blocking(|tx| {
                Ok(tx
                    .query_row(
                        "SELECT root_key, root_cert, issuing_key, issuing_cert FROM gost_ca \
                         WHERE id = 1",
                        [],
                        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
                    )
                    .optional()?)
            })
            .map_err(|f| ca_error(f.0))?;
        let curve = Curve::param_set_a();
        let start = OffsetDateTime::from_unix_timestamp(now).map_err(ca_error)? - Duration::days(1);
        let (root_key, root_der, issuing_key, issuing_der) = match existing {
            Some((root_key, root_der, issuing_key, issuing_der)) => (
                SigningKey::from_le_bytes(curve, &root_key).map_err(ca_error)?,
                root_der,
                SigningKey::from_le_bytes(curve, &issuing_key).map_err(ca_error)?,
                issuing_der,
            ),
            None => {
                let root_key = SigningKey::generate(curve);
                let issuing_key = SigningKey::generate(curve);
                let (root_der, issuing_der) =
                    create(&root_key, &issuing_key, start).map_err(ca_error)?;
                let (rk, ik) = (root_key.to_le_bytes(), issuing_key.to_le_bytes());
                store
                    .run_blocking(|tx| {
                        tx.execute(
                            "INSERT INTO gost_ca (id, root_key, root_cert, issuing_key, \
                             issuing_cert, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                            params![rk.as_ref(), root_der, ik.as_ref(), issuing_der, now],
                        )?;
                        Ok(())
                    })
                    .map_err(|f| ca_error(f.0))?;
                tracing::info!("created the sandbox GOST test CA");
                (root_key, root_der, issuing_key, issuing_der)
            }
        };
        drop(root_key);
        let mut issuing_params = issuing_ca_params(&issuing_key.verifying_key(), start);
        issuing_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        Ok(Self {
            root_der,
            issuing_der,
            issuing_key,
            issuing_params,
        })
    }

    /// Issuing CA then root, PEM.
    pub fn chain(&self) -> Vec<String> {
        vec![pem(&self.issuing_der), pem(&self.root_der)]
    }

    /// Issues the one GOST certificate of a kit (login and signing); PEM.
    pub fn issue(
        &self,
        request: &CheckedCsr,
        subject: &VerifyingKey,
        citizen: &Citizen,
        base_url: &str,
        now: i64,
    ) -> Result<String, Failure> {
        let not_before = OffsetDateTime::from_unix_timestamp(now).map_err(Failure::internal)?;
        let ski = key_id(subject);
        let mut params = CertificateParams::default();
        params.distinguished_name = individual_subject(citizen, None);
        params.not_before = not_before;
        params.not_after = not_before + Duration::days(365);
        params.serial_number = Some(serial_of(&ski));
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_identifier_method = KeyIdMethod::PreSpecified(ski);
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
            KeyUsagePurpose::KeyAgreement,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::EmailProtection,
            ExtendedKeyUsagePurpose::Other(OID_EKU_INDIVIDUAL.to_vec()),
            ExtendedKeyUsagePurpose::Other(OID_EKU_REMOTE_DIGITAL_ID.to_vec()),
        ];
        if let Some(email) = &request.email {
            let address = email
                .as_str()
                .try_into()
                .map_err(|_| Failure::internal("the e-mail is not ASCII"))?;
            params.subject_alt_names = vec![SanType::Rfc822Name(address)];
        }
        params.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![format!("{base_url}/sandbox/ca/gost.crl")],
        }];
        params.custom_extensions = vec![
            CustomExtension::from_oid_content(
                OID_CERTIFICATE_POLICIES,
                policy_with_cps(&format!("{base_url}/sandbox/cps")),
            ),
            CustomExtension::from_oid_content(
                OID_AUTHORITY_INFO_ACCESS,
                aia(
                    &format!("{base_url}/sandbox/ocsp"),
                    &format!("{base_url}/sandbox/ca/gost-issuing.crt"),
                ),
            ),
            CustomExtension::from_oid_content(
                OID_FRESHEST_CRL,
                distribution_point(&format!("{base_url}/sandbox/ca/gost-delta.crl")),
            ),
            CustomExtension::from_oid_content(OID_KEY_STORE, request.key_store.extension_value()),
        ];
        let der = sign(
            &params,
            subject,
            Some((&self.issuing_params, &self.issuing_key)),
            &self.issuing_key,
        )
        .map_err(|e| Failure::internal(format!("signing a GOST certificate: {e}")))?;
        Ok(pem(&der))
    }
}

fn issuing_ca_params(public: &VerifyingKey, start: OffsetDateTime) -> CertificateParams {
    ca_params(
        "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) QOLTANBA SANDBOX",
        public,
        start,
        10,
    )
}

fn create(
    root_key: &SigningKey,
    issuing_key: &SigningKey,
    start: OffsetDateTime,
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let root_public = root_key.verifying_key();
    let mut root = ca_params(
        "НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) QOLTANBA SANDBOX",
        &root_public,
        start,
        20,
    );
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let root_der = sign(&root, &root_public, None, root_key)?;
    let issuing_public = issuing_key.verifying_key();
    let mut issuing = issuing_ca_params(&issuing_public, start);
    issuing.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    issuing.use_authority_key_identifier_extension = true;
    let issuing_der = sign(&issuing, &issuing_public, Some((&root, root_key)), root_key)?;
    Ok((root_der, issuing_der))
}

/// certificatePolicies: 1.2.398.3.3.2 with a CPS qualifier.
fn policy_with_cps(cps: &str) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|policies| {
            policies.next().write_sequence(|policy| {
                policy.next().write_oid(&oid(OID_POLICY_GOST));
                policy.next().write_sequence(|qualifiers| {
                    qualifiers.next().write_sequence(|qualifier| {
                        qualifier.next().write_oid(&oid(OID_CPS));
                        qualifier.next().write_ia5_string(cps);
                    });
                });
            });
        });
    })
}

/// authorityInfoAccess: OCSP, then caIssuers.
fn aia(ocsp: &str, ca_issuers: &str) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|descriptions| {
            for (method, url) in [(OID_OCSP, ocsp), (OID_CA_ISSUERS, ca_issuers)] {
                descriptions.next().write_sequence(|description| {
                    description.next().write_oid(&oid(method));
                    description
                        .next()
                        .write_tagged_implicit(yasna::Tag::context(6), |w| w.write_ia5_string(url));
                });
            }
        });
    })
}

/// CRLDistributionPoints-shaped value (Freshest CRL has the same syntax) with one URI.
fn distribution_point(url: &str) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|points| {
            points.next().write_sequence(|point| {
                point.next().write_tagged(yasna::Tag::context(0), |name| {
                    name.write_tagged_implicit(yasna::Tag::context(0), |names| {
                        names.write_sequence(|names| {
                            names
                                .next()
                                .write_tagged_implicit(yasna::Tag::context(6), |w| {
                                    w.write_ia5_string(url)
                                });
                        });
                    });
                });
            });
        });
    })
}
