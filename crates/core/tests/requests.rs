//! The PKCS#10 requests carry the НУЦ РК subject, matched by OID with the right string types,
//! the e-mail SAN and the key-store extension, signed SHA256withRSA with a 2048-bit key.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use qoltanba_core::pki::{KeyStoreOid, PkiError, Subject, generate_key_set};
use sha1::Digest;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::cri_attributes::ParsedCriAttribute;
use x509_parser::der_parser::asn1_rs::Tag;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;

fn parse(pem: &str) -> Vec<u8> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).unwrap();
    assert_eq!(pem.label, "CERTIFICATE REQUEST");
    pem.contents
}

#[test]
fn requests_follow_the_nca_profile() {
    let keys = generate_key_set(&common::subject()).unwrap();
    assert_eq!(keys.owner(), "СӘРСЕНБАЕВА ӘЙГЕРІМ");
    for (pem, id) in [
        (keys.csr_auth_pem(), keys.auth_id()),
        (keys.csr_sign_pem(), keys.sign_id()),
    ] {
        let der = parse(pem);
        let (_, csr) = X509CertificationRequest::from_der(&der).unwrap();
        csr.verify_signature().unwrap();
        assert_eq!(
            csr.signature_algorithm.algorithm.to_id_string(),
            "1.2.840.113549.1.1.11",
            "sha256WithRSAEncryption"
        );
        let info = &csr.certification_request_info;
        let Ok(PublicKey::RSA(rsa)) = info.subject_pki.parsed() else {
            panic!("an RSA key")
        };
        assert_eq!(rsa.key_size(), 2048);
        assert_eq!(
            id,
            hex::encode(sha1::Sha1::digest(
                info.subject_pki.subject_public_key.data.as_ref()
            ))
        );

        let subject: Vec<(String, Tag, String)> = info
            .subject
            .iter_attributes()
            .map(|a| {
                (
                    a.attr_type().to_id_string(),
                    a.attr_value().tag(),
                    a.as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let iin = format!("IIN{}", common::iin().as_str());
        let expected = [
            ("2.5.4.3", Tag::Utf8String, "СӘРСЕНБАЕВА ӘЙГЕРІМ"),
            ("2.5.4.4", Tag::Utf8String, "СӘРСЕНБАЕВА"),
            ("2.5.4.5", Tag::PrintableString, iin.as_str()),
            ("2.5.4.6", Tag::PrintableString, "KZ"),
            ("2.5.4.42", Tag::Utf8String, "ҚАЙРАТҚЫЗЫ"),
        ];
        assert_eq!(
            subject,
            expected
                .iter()
                .map(|(oid, tag, value)| (oid.to_string(), *tag, value.to_string()))
                .collect::<Vec<_>>()
        );

        let mut emails = Vec::new();
        let mut key_store = Vec::new();
        for attribute in info.iter_attributes() {
            if let ParsedCriAttribute::ExtensionRequest(request) = attribute.parsed_attribute() {
                for extension in &request.extensions {
                    match extension.parsed_extension() {
                        ParsedExtension::SubjectAlternativeName(san) => {
                            for name in &san.general_names {
                                match name {
                                    GeneralName::RFC822Name(address) => {
                                        emails.push(address.to_string())
                                    }
                                    other => panic!("unexpected SAN {other:?}"),
                                }
                            }
                        }
                        _ => key_store.push((
                            extension.oid.to_id_string(),
                            extension.critical,
                            extension.value.to_vec(),
                        )),
                    }
                }
            }
        }
        assert_eq!(emails, vec!["aigerim@example.kz".to_owned()]);
        assert_eq!(
            key_store,
            // 1.2.398.3.3.5 = KeyStoreInfo SEQUENCE { 1.2.398.3.3.5.1.1 }, as Kalkan writes it.
            vec![(
                "1.2.398.3.3.5".to_owned(),
                false,
                vec![
                    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x83, 0x0e, 0x03, 0x03, 0x05, 0x01, 0x01
                ]
            )]
        );
    }
}

#[test]
fn requests_without_patronymic_or_email_leave_them_out_and_empty_names_are_refused() {
    let mut subject = common::subject();
    subject.patronymic = None;
    subject.email = None;
    let params = subject.request_params(&KeyStoreOid::pkcs12_file()).unwrap();
    assert!(params.subject_alt_names.is_empty());
    let oids: Vec<String> = params
        .distinguished_name
        .iter()
        .map(|(kind, _)| format!("{kind:?}"))
        .collect();
    assert_eq!(oids.len(), 4, "{oids:?}");

    let blank = Subject {
        given_name: "  ".into(),
        ..common::subject()
    };
    assert_eq!(
        blank.request_params(&KeyStoreOid::pkcs12_file()).err(),
        Some(PkiError::IncompleteSubject)
    );
    assert!(matches!(
        generate_key_set(&blank),
        Err(PkiError::IncompleteSubject)
    ));
}
