//! The whole issuance flow over real HTTP against a sandbox on a random port.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Subject, citizen, csr, start};
use serde_json::{Value, json};
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate};

fn der_of(pem: &str) -> Vec<u8> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).expect("PEM");
    pem.contents
}

fn oids(cert: &X509Certificate<'_>) -> Vec<String> {
    cert.extensions()
        .iter()
        .map(|e| e.oid.to_id_string())
        .collect()
}

fn subject_value(cert: &X509Certificate<'_>, oid: &str) -> Option<String> {
    cert.subject()
        .iter_attributes()
        .find(|a| a.attr_type().to_id_string() == oid)
        .and_then(|a| a.as_str().ok())
        .map(str::to_owned)
}

fn policies(cert: &X509Certificate<'_>) -> Vec<String> {
    cert.extensions()
        .iter()
        .filter_map(|e| match e.parsed_extension() {
            ParsedExtension::CertificatePolicies(policies) => Some(
                policies
                    .iter()
                    .map(|p| p.policy_id.to_id_string())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Checks what both certificates share: subject by OID, validity, SKI/AKI, AIA, CRL, SAN,
/// the remote-identification EKU, and the signature by the issuing CA.
fn check_common(pem: &str, chain: &[Value], citizen: &qoltanba_sandbox::Citizen, base: &str) {
    let der = der_of(pem);
    let (_, cert) = X509Certificate::from_der(&der).expect("certificate");
    assert_eq!(subject_value(&cert, "2.5.4.3"), Some(citizen.common_name()));
    assert_eq!(
        subject_value(&cert, "2.5.4.4").as_deref(),
        Some(citizen.surname)
    );
    assert_eq!(
        subject_value(&cert, "2.5.4.5"),
        Some(format!("IIN{}", citizen.iin.as_str()))
    );
    assert_eq!(subject_value(&cert, "2.5.4.6").as_deref(), Some("KZ"));
    assert_eq!(
        subject_value(&cert, "2.5.4.42").as_deref(),
        citizen.patronymic
    );
    let validity = cert.validity();
    let days = (validity.not_after.timestamp() - validity.not_before.timestamp()) / 86_400;
    assert_eq!(days, 365);
    let present = oids(&cert);
    for oid in [
        "2.5.29.14",
        "2.5.29.35",
        "1.3.6.1.5.5.7.1.1",
        "2.5.29.31",
        "2.5.29.17",
    ] {
        assert!(
            present.contains(&oid.to_owned()),
            "extension {oid} missing: {present:?}"
        );
    }
    let eku = cert
        .extended_key_usage()
        .expect("EKU parses")
        .expect("EKU present");
    assert!(
        eku.value
            .other
            .iter()
            .any(|o| o.to_id_string() == "1.2.398.3.3.4.3.2.1"),
        "remote Digital ID identification marker"
    );
    let mut saw_email = false;
    let mut saw_urls = 0;
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                saw_email = san
                    .general_names
                    .iter()
                    .any(|n| matches!(n, GeneralName::RFC822Name("erlan@example.kz")));
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for access in &aia.accessdescs {
                    if let GeneralName::URI(uri) = access.access_location {
                        assert!(uri.starts_with(base), "{uri}");
                        saw_urls += 1;
                    }
                }
            }
            ParsedExtension::CRLDistributionPoints(points) => {
                assert!(format!("{points:?}").contains(base));
                saw_urls += 1;
            }
            _ => {}
        }
    }
    assert!(saw_email, "e-mail SAN copied from the request");
    assert_eq!(saw_urls, 2);
    // The key-store extension, copied as НУЦ does: 1.2.398.3.3.5 = SEQUENCE { 1.2.398.3.3.5.1.1 }.
    let key_store = cert
        .extensions()
        .iter()
        .find(|ext| ext.oid.to_id_string() == "1.2.398.3.3.5")
        .map(|ext| ext.value.to_vec());
    assert_eq!(
        key_store,
        Some(vec![
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x83, 0x0e, 0x03, 0x03, 0x05, 0x01, 0x01
        ])
    );
    // Chain: issuing CA signed the certificate, root signed the issuing CA.
    assert_eq!(chain.len(), 2);
    let issuing_der = der_of(chain[0].as_str().unwrap());
    let (_, issuing) = X509Certificate::from_der(&issuing_der).unwrap();
    let root_der = der_of(chain[1].as_str().unwrap());
    let (_, root) = X509Certificate::from_der(&root_der).unwrap();
    cert.verify_signature(Some(issuing.public_key()))
        .expect("signed by the issuing CA");
    issuing
        .verify_signature(Some(root.public_key()))
        .expect("issuing CA signed by root");
    assert_eq!(cert.issuer(), issuing.subject());
}

#[tokio::test]
async fn full_flow_reaches_certificates_with_the_nuc_profile() {
    let sandbox = start().await;
    let person = citizen("approve");
    let (session, token) = sandbox.sign_in(person).await;
    let data = sandbox.identify(&session, &token).await;
    assert_eq!(data["surname"], person.surname);
    assert_eq!(data["document_number"], person.document_number);
    let (status, body) = sandbox
        .get(
            &format!("/v1/sessions/{session}/verification"),
            Some(&token),
        )
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("approved")),
        "{body}"
    );

    let subject = Subject::of(person);
    let email = "erlan@example.kz";
    let (status, body) = sandbox
        .post(
            "/v1/applications",
            Some(&token),
            json!({
                "session_id": session,
                "email": email,
                "storage": "pkcs12",
                "csr_auth": csr(&subject, Some(email), true),
                "csr_sign": csr(&subject, Some(email), true),
            }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let number = body["application_number"].as_str().unwrap().to_owned();
    assert_eq!(number.len(), 10);
    assert!(number.bytes().all(|b| b.is_ascii_digit()));

    let (status, body) = sandbox
        .get(&format!("/v1/applications/{number}"), None)
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("issued")),
        "{body}"
    );
    let (status, certs) = sandbox
        .get(&format!("/v1/applications/{number}/certificates"), None)
        .await;
    assert_eq!(status, 200, "{certs}");

    let auth_pem = certs["auth"]["certificate_pem"].as_str().unwrap();
    let sign_pem = certs["sign"]["certificate_pem"].as_str().unwrap();
    check_common(
        auth_pem,
        certs["auth"]["chain_pem"].as_array().unwrap(),
        person,
        &sandbox.base,
    );
    check_common(
        sign_pem,
        certs["sign"]["chain_pem"].as_array().unwrap(),
        person,
        &sandbox.base,
    );

    let auth_der = der_of(auth_pem);
    let (_, auth) = X509Certificate::from_der(&auth_der).unwrap();
    let ku = auth.key_usage().unwrap().unwrap();
    assert!(ku.critical);
    assert!(ku.value.digital_signature() && ku.value.key_encipherment());
    assert!(!ku.value.non_repudiation());
    let eku = auth.extended_key_usage().unwrap().unwrap();
    assert!(eku.value.client_auth && !eku.value.email_protection);
    assert_eq!(policies(&auth), vec!["1.2.398.3.3.2.4".to_owned()]);

    let sign_der = der_of(sign_pem);
    let (_, sign) = X509Certificate::from_der(&sign_der).unwrap();
    let ku = sign.key_usage().unwrap().unwrap();
    assert!(ku.value.digital_signature() && ku.value.non_repudiation());
    assert!(!ku.value.key_encipherment());
    let eku = sign.extended_key_usage().unwrap().unwrap();
    assert!(eku.value.email_protection && !eku.value.client_auth);
    assert!(
        eku.value
            .other
            .iter()
            .any(|o| o.to_id_string() == "1.2.398.3.3.4.1.1")
    );
    assert_eq!(policies(&sign), vec!["1.2.398.3.3.2.3".to_owned()]);

    // The SKI is the 40-hex-digit SHA-1 key identifier НУЦ file names use.
    let ski = auth
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(id) => Some(id.0.len()),
            _ => None,
        });
    assert_eq!(ski, Some(20));

    // The AIA and CRL addresses answer: the issuing CA (DER) and a CRL it signed.
    let issuing_pem = certs["auth"]["chain_pem"][0].as_str().unwrap();
    let crt = sandbox
        .http
        .get(sandbox.url("/sandbox/ca/issuing.crt"))
        .send()
        .await
        .unwrap();
    assert_eq!(crt.status().as_u16(), 200);
    assert_eq!(crt.bytes().await.unwrap().to_vec(), der_of(issuing_pem));
    let crl = sandbox
        .http
        .get(sandbox.url("/sandbox/ca/issuing.crl"))
        .send()
        .await
        .unwrap();
    assert_eq!(crl.status().as_u16(), 200);
    let crl = crl.bytes().await.unwrap().to_vec();
    let (_, crl) =
        x509_parser::revocation_list::CertificateRevocationList::from_der(&crl).expect("CRL");
    let issuing_der = der_of(issuing_pem);
    let (_, issuing) = X509Certificate::from_der(&issuing_der).unwrap();
    assert_eq!(crl.issuer(), issuing.subject());
    assert_eq!(crl.iter_revoked_certificates().count(), 0);

    // A second application for the same session is refused.
    let (status, body) = sandbox
        .post(
            "/v1/applications",
            Some(&token),
            json!({ "session_id": session, "storage": "token",
                    "csr_auth": csr(&subject, None, true), "csr_sign": csr(&subject, None, true) }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("step_out_of_order")),
        "{body}"
    );
    sandbox.running.shutdown_and_wait().await;
}
