//! What the sandbox's GOST certificates name, served by the sandbox itself: the issuing and
//! root CA certificates (AIA caIssuers) and the issuing CA's CRL and delta CRL (CRL
//! distribution point, Freshest CRL), both empty (nothing is ever revoked in the sandbox),
//! GOST-signed. The CRLs are laid out here (RFC 5280 §5: TBSCertList with the authority key
//! identifier and CRL number; the delta also with a critical deltaCRLIndicator) and signed by
//! core's `pki::gost_signed`. OCSP is not answered.

use qoltanba_core::pki::{gost_public_key_bits, gost_signed};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::ca::sha1;
use crate::gost_ca::GostCa;

const OID_SIGNATURE: &[u64] = qoltanba_core::gost::oid::SIGNATURE_ARCS;
const OID_AUTHORITY_KEY_IDENTIFIER: &[u64] = &[2, 5, 29, 35];
const OID_CRL_NUMBER: &[u64] = &[2, 5, 29, 20];
const OID_DELTA_CRL_INDICATOR: &[u64] = &[2, 5, 29, 27];

/// A full CRL is published once a day, a delta every hour; both numbered by their time.
const FULL_PERIOD: i64 = 86_400;

fn oid(arcs: &[u64]) -> yasna::models::ObjectIdentifier {
    yasna::models::ObjectIdentifier::from_slice(arcs)
}

/// UTCTime `YYMMDDHHMMSSZ` (RFC 5280 §5.1.2.4: UTCTime through 2049).
fn utc_time(at: OffsetDateTime) -> Vec<u8> {
    let text = format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        at.year() % 100,
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
    let mut der = vec![0x17, text.len() as u8];
    der.extend_from_slice(text.as_bytes());
    der
}

impl GostCa {
    /// The issuing CA certificate, DER (what the certificates' AIA caIssuers names).
    pub fn issuing_der(&self) -> &[u8] {
        &self.issuing_der
    }

    /// The root certificate, DER.
    pub fn root_der(&self) -> &[u8] {
        &self.root_der
    }

    /// The issuing CA's empty CRL at `now` (DER): the full one, valid for a day from the
    /// start of the day, or (`delta`) the delta against it, valid for an hour.
    pub fn crl_der(&self, now: i64, delta: bool) -> Result<Vec<u8>, String> {
        let (_, issuing) =
            X509Certificate::from_der(&self.issuing_der).map_err(|e| e.to_string())?;
        let base = now - now.rem_euclid(FULL_PERIOD);
        let (this_update, next_update, number) = if delta {
            let start = now - now.rem_euclid(3_600);
            (start, start + 3_600, start)
        } else {
            (base, base + FULL_PERIOD, base)
        };
        let at = |t: i64| OffsetDateTime::from_unix_timestamp(t).map_err(|e| e.to_string());
        let (this_update, next_update) = (at(this_update)?, at(next_update)?);
        let key_id = sha1(&gost_public_key_bits(&self.issuing_key.verifying_key()));
        let tbs = yasna::construct_der(|writer| {
            writer.write_sequence(|tbs| {
                tbs.next().write_u8(1); // v2
                tbs.next().write_sequence(|algorithm| {
                    algorithm.next().write_oid(&oid(OID_SIGNATURE));
                    algorithm.next().write_null();
                });
                tbs.next()
                    .write_der(issuing.tbs_certificate.subject.as_raw());
                tbs.next().write_der(&utc_time(this_update));
                tbs.next().write_der(&utc_time(next_update));
                tbs.next()
                    .write_tagged(yasna::Tag::context(0), |extensions| {
                        extensions.write_sequence(|extensions| {
                            let aki = yasna::construct_der(|w| {
                                w.write_sequence(|aki| {
                                    aki.next()
                                        .write_tagged_implicit(yasna::Tag::context(0), |w| {
                                            w.write_bytes(&key_id)
                                        });
                                });
                            });
                            let mut items = vec![
                                (OID_AUTHORITY_KEY_IDENTIFIER, false, aki),
                                (
                                    OID_CRL_NUMBER,
                                    false,
                                    yasna::construct_der(|w| w.write_i64(number)),
                                ),
                            ];
                            if delta {
                                let base_number = yasna::construct_der(|w| w.write_i64(base));
                                items.push((OID_DELTA_CRL_INDICATOR, true, base_number));
                            }
                            for (id, critical, value) in items {
                                extensions.next().write_sequence(|extension| {
                                    extension.next().write_oid(&oid(id));
                                    if critical {
                                        extension.next().write_bool(true);
                                    }
                                    extension.next().write_bytes(&value);
                                });
                            }
                        });
                    });
            });
        });
        Ok(gost_signed(&tbs, &self.issuing_key))
    }
}
