//! The client's guards against a wrong or hostile service: plain http only to loopback unless
//! allowed, response bodies capped (with and without Content-Length), and a CA file that can
//! be the only trust anchor. Servers here are tiny loopback HTTP servers on threads (and
//! `openssl s_server` for TLS).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use qoltanba_core::client::{Client, ClientError, MAX_RESPONSE_BYTES};

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Serves `body` (after `head`'s status line and headers) to every connection, on loopback.
fn serve(with_length: bool, body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                line.clear();
            }
            let mut head = String::from("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n");
            if with_length {
                head.push_str(&format!("content-length: {}\r\n", body.len()));
            }
            head.push_str("connection: close\r\n\r\n");
            // The client may hang up early: that is the point.
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{address}")
}

/// A valid answer to `sandbox_sms_all` (an empty list) padded with `padding` spaces, which
/// JSON allows after the value.
fn padded_answer(padding: usize) -> Vec<u8> {
    let mut body = b"[]".to_vec();
    body.resize(2 + padding, b' ');
    body
}

#[test]
fn plain_http_is_refused_off_loopback_unless_allowed() {
    for url in [
        "http://issuance.example.kz",
        "http://10.0.0.5:8787",
        "http://[2001:db8::1]/",
        "http://localhost.example.kz",
    ] {
        let refused = Client::new(url, None);
        assert!(
            matches!(&refused, Err(ClientError::PlainHttp { url: u }) if u.starts_with("http://")),
            "{url}: {refused:?}"
        );
        assert!(
            Client::builder(url).insecure_http(true).build().is_ok(),
            "{url}"
        );
    }
    for url in [
        "http://127.0.0.1:8787",
        "http://127.10.0.1",
        "http://localhost:8787/",
        "http://LOCALHOST",
        "http://[::1]:8787",
        "https://issuance.example.kz",
    ] {
        assert!(Client::new(url, None).is_ok(), "{url}");
    }
}

#[test]
fn a_body_over_the_default_cap_is_refused() {
    for with_length in [true, false] {
        let base = serve(with_length, padded_answer(MAX_RESPONSE_BYTES + 1));
        let client = Client::new(&base, None).unwrap().with_retry_pauses(&[]);
        let answer = block_on(client.sandbox_sms_all());
        assert!(
            matches!(&answer, Err(ClientError::Malformed(m)) if m.contains("larger than")),
            "content-length {with_length}: {answer:?}"
        );
    }
}

#[test]
fn the_cap_is_configurable_and_a_body_within_it_is_read() {
    for with_length in [true, false] {
        let base = serve(with_length, padded_answer(4000));
        let small = Client::builder(&base)
            .max_response_bytes(1024)
            .build()
            .unwrap()
            .with_retry_pauses(&[]);
        let answer = block_on(small.sandbox_sms_all());
        assert!(
            matches!(&answer, Err(ClientError::Malformed(m)) if m.contains("larger than 1024")),
            "content-length {with_length}: {answer:?}"
        );
        let enough = Client::builder(&base)
            .max_response_bytes(4002)
            .build()
            .unwrap();
        assert_eq!(block_on(enough.sandbox_sms_all()).unwrap(), []);
    }
}

/// `openssl s_server -www` on loopback with a certificate for 127.0.0.1 and localhost from
/// its own CA; stopped on drop.
struct TlsServer {
    child: std::process::Child,
    base: String,
    ca_pem: std::path::PathBuf,
    other_ca_pem: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsServer {
    fn start() -> TlsServer {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
        let dir = tempfile::tempdir().unwrap();
        let ca = |name: &str| {
            let key = KeyPair::generate().unwrap();
            let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, name);
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            let certificate = params.self_signed(&key).unwrap();
            (certificate.pem(), Issuer::new(params, key))
        };
        let (ca_pem, issuer) = ca("Service CA");
        let (other_pem, _) = ca("Some other CA");
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap()
            .signed_by(&leaf_key, &issuer)
            .unwrap();
        let path = |name: &str| dir.path().join(name);
        std::fs::write(path("ca.pem"), ca_pem).unwrap();
        std::fs::write(path("other.pem"), other_pem).unwrap();
        std::fs::write(path("leaf.pem"), leaf.pem()).unwrap();
        std::fs::write(path("leaf.key"), leaf_key.serialize_pem()).unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("openssl")
            .args(["s_server", "-quiet", "-www", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(path("leaf.pem"))
            .arg("-key")
            .arg(path("leaf.key"))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("openssl runs");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        TlsServer {
            child,
            base: format!("https://127.0.0.1:{port}"),
            ca_pem: path("ca.pem"),
            other_ca_pem: path("other.pem"),
            _dir: dir,
        }
    }

    /// What the client made of the server: `s_server -www` answers with an HTML page, so a
    /// completed TLS handshake ends in `Malformed`, a refused certificate in `Unreachable`.
    fn reached(&self, client: Client) -> Result<(), ClientError> {
        match block_on(client.with_retry_pauses(&[]).sandbox_sms_all()) {
            Err(ClientError::Malformed(_)) => Ok(()),
            Err(error) => Err(error),
            Ok(answer) => panic!("s_server answered JSON? {answer:?}"),
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn only_ca_trusts_that_ca_alone() {
    let server = TlsServer::start();
    let only = |path: &std::path::Path| Client::builder(&server.base).only_ca(path).build();
    server.reached(only(&server.ca_pem).unwrap()).unwrap();
    let refused = server.reached(only(&server.other_ca_pem).unwrap());
    assert!(
        matches!(&refused, Err(ClientError::Unreachable(_))),
        "{refused:?}"
    );
    // With no CA file the system's roots do not know the test CA either.
    assert!(
        server
            .reached(Client::new(&server.base, None).unwrap())
            .is_err()
    );
}

const SYSTEM_ROOTS_CHILD: &str = "QOLTANBA_SYSTEM_ROOTS_CHILD";

/// With the service's CA among the "system" roots (SSL_CERT_FILE, read by rustls-native-certs,
/// set in a child process since tests cannot set their own environment), an extra CA file
/// keeps them and `only_ca` drops them.
#[test]
fn only_ca_leaves_out_the_system_roots_that_extra_ca_keeps() {
    let Ok(system) = std::env::var(SYSTEM_ROOTS_CHILD) else {
        let server = TlsServer::start();
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "only_ca_leaves_out_the_system_roots_that_extra_ca_keeps",
                "--exact",
                "--nocapture",
            ])
            .env(SYSTEM_ROOTS_CHILD, &server.base)
            .env("SSL_CERT_FILE", &server.ca_pem)
            .env("QOLTANBA_OTHER_CA", &server.other_ca_pem)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{report}");
        assert!(report.contains("system roots checked"), "{report}");
        return;
    };
    let other = std::path::PathBuf::from(std::env::var("QOLTANBA_OTHER_CA").unwrap());
    let server = TlsServer {
        child: std::process::Command::new("true").spawn().unwrap(),
        base: system,
        ca_pem: other.clone(),
        other_ca_pem: other.clone(),
        _dir: tempfile::tempdir().unwrap(),
    };
    server
        .reached(Client::new(&server.base, None).unwrap())
        .unwrap();
    server
        .reached(Client::new(&server.base, Some(&other)).unwrap())
        .unwrap();
    let refused = server.reached(
        Client::builder(&server.base)
            .only_ca(&other)
            .build()
            .unwrap(),
    );
    assert!(
        matches!(&refused, Err(ClientError::Unreachable(_))),
        "{refused:?}"
    );
    println!("system roots checked");
}
