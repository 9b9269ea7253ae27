//! The URLs a GOST certificate from the sandbox names, fetched and checked.

use std::process::Command;

use qoltanba_core::gost::{Signature, certificate_public_key, verify_certificate_signature};
use x509_parser::prelude::FromDer;

use super::GostToken;

/// The URLs the certificate names (AIA caIssuers and OCSP, CRL distribution point, Freshest
/// CRL) point at the embedded sandbox, and what it serves there is checked: the CA issuer
/// certificate signs the certificate (our GOST code), both CRLs parse in `openssl crl` and
/// carry the issuing CA's GOST signature, the delta one its deltaCRLIndicator. OCSP is named
/// but not answered (not built).
pub fn check_the_urls(token: &GostToken, certificate_der: &[u8], service: &str) {
    use x509_parser::revocation_list::CertificateRevocationList;
    let (_, certificate) =
        x509_parser::certificate::X509Certificate::from_der(certificate_der).unwrap();
    let urls_in = |oid: &str| -> Vec<String> {
        let value = &certificate
            .extensions()
            .iter()
            .find(|e| e.oid.to_id_string() == oid)
            .unwrap_or_else(|| panic!("extension {oid}"))
            .value;
        // GeneralName uniformResourceIdentifier: [6] IA5String.
        let mut urls = Vec::new();
        for (i, pair) in value.windows(2).enumerate() {
            let length = usize::from(pair[1]);
            if pair[0] == 0x86 && i + 2 + length <= value.len() {
                urls.push(String::from_utf8_lossy(&value[i + 2..i + 2 + length]).into_owned());
            }
        }
        urls
    };
    // The certificate was issued by the sandbox of the app's first run; the app started again
    // embeds a new one on another port, so the path is asked of the one running now.
    let here = |url: &str| -> String {
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "{url}: the embedded sandbox"
        );
        let path = &url[url.find("/sandbox/").unwrap_or_else(|| panic!("{url}"))..];
        format!("{service}{path}")
    };
    let fetch = |url: &str, name: &str| -> Vec<u8> {
        let url = here(url);
        let url = url.as_str();
        let path = token.dir.join(name);
        let output = Command::new("curl")
            .args(["-sf", "-o", path.to_str().unwrap(), url])
            .output()
            .expect("curl runs");
        assert!(output.status.success(), "GET {url}: {output:?}");
        std::fs::read(path).unwrap()
    };
    let aia = urls_in("1.3.6.1.5.5.7.1.1");
    assert_eq!(aia.len(), 2, "OCSP and caIssuers: {aia:?}");
    assert!(
        here(&aia[0]).ends_with("/sandbox/ocsp"),
        "{aia:?} {service}"
    );
    let issuer_der = fetch(&aia[1], "issuer.der");
    let (_, issuer) = x509_parser::certificate::X509Certificate::from_der(&issuer_der).unwrap();
    verify_certificate_signature(&certificate, &issuer).expect("the CA issuer signs it");
    let issuer_key = certificate_public_key(&issuer).unwrap();
    for (oid, name, delta) in [
        ("2.5.29.31", "full.crl", false),
        ("2.5.29.46", "delta.crl", true),
    ] {
        let urls = urls_in(oid);
        assert_eq!(urls.len(), 1, "{urls:?}");
        let der = fetch(&urls[0], name);
        let output = Command::new("openssl")
            .args(["crl", "-inform", "DER", "-noout", "-text", "-in"])
            .arg(token.dir.join(name))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "openssl crl: {output:?}");
        assert!(text.contains("No Revoked Certificates"), "{text}");
        assert_eq!(text.contains("Delta CRL Indicator"), delta, "{text}");
        let (rest, crl) = CertificateRevocationList::from_der(&der).unwrap();
        assert!(rest.is_empty());
        assert_eq!(crl.tbs_cert_list.issuer, issuer.tbs_certificate.subject);
        let signature = Signature::from_nuc_bytes(crl.signature_value.data.as_ref()).unwrap();
        assert!(
            issuer_key.verify(crl.tbs_cert_list.as_ref(), &signature),
            "the issuing CA's GOST signature on {name}"
        );
    }
}
