//! The sandbox as a service people attack: token expiry, early refusal of bodies, timeouts,
//! a concurrency limit, loopback-only controls and concurrent uploads of the same side.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Sandbox, assert_error, citizen, png, start, start_with};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends `head` (request line and headers, no body) over a fresh connection and returns what
/// came back within five seconds (`None` if nothing did).
async fn raw(sandbox: &Sandbox, head: &str, body_prefix: &[u8]) -> Option<String> {
    let mut stream = TcpStream::connect(sandbox.running.local_addr())
        .await
        .unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body_prefix).await.unwrap();
    let mut buffer = vec![0u8; 4096];
    match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await {
        Ok(Ok(n)) => Some(String::from_utf8_lossy(&buffer[..n]).into_owned()),
        Ok(Err(error)) => Some(format!("error: {error}")),
        Err(_) => None,
    }
}

fn upload_head(sandbox: &Sandbox, path: &str, token: &str, length: usize) -> String {
    let host = sandbox.running.local_addr();
    format!(
        "PUT {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: image/png\r\nContent-Length: {length}\r\n\r\n"
    )
}

#[tokio::test]
async fn tokens_expire_when_idle() {
    let sandbox = start().await;
    let (session, token) = sandbox.sign_in(citizen("approve")).await;
    let pin = format!("/v1/sessions/{session}/pin");
    let put_pin = || {
        common::send(
            sandbox
                .request(Method::PUT, &pin, Some(&token))
                .json(&json!({ "pin": "402917" })),
        )
    };
    let (status, body) = put_pin().await;
    assert_eq!(status, 200, "{body}");
    for _ in 0..3 {
        sandbox
            .running
            .clock()
            .advance(Duration::from_secs(29 * 60));
        let (status, body) = put_pin().await;
        assert_eq!(status, 200, "used within 30 minutes: {body}");
    }
    sandbox
        .running
        .clock()
        .advance(Duration::from_secs(31 * 60));
    assert_error(put_pin().await, 401, "unauthorized");
}

#[tokio::test]
async fn an_oversized_upload_is_refused_before_it_is_sent() {
    let sandbox = start().await;
    let (session, token) = sandbox.sign_in(citizen("approve")).await;
    let path = format!("/v1/sessions/{session}/selfie");
    let head = upload_head(&sandbox, &path, &token, 9 * 1024 * 1024);
    let answer = raw(&sandbox, &head, b"").await;
    let answer = answer.expect("answered without waiting for the body");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test]
async fn a_wrong_token_is_refused_before_the_upload_is_sent() {
    let sandbox = start().await;
    let (session, _) = sandbox.sign_in(citizen("approve")).await;
    let path = format!("/v1/sessions/{session}/selfie");
    let head = upload_head(&sandbox, &path, "not-the-token", 1024 * 1024);
    let answer = raw(&sandbox, &head, b"").await;
    let answer = answer.expect("answered without waiting for the body");
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
}

#[tokio::test]
async fn slow_headers_and_bodies_are_cut_off() {
    let sandbox = start_with(|config| {
        config.limits.header_read_timeout = Duration::from_secs(1);
        config.limits.body_read_timeout = Duration::from_secs(1);
    })
    .await;
    let host = sandbox.running.local_addr();
    let answer = raw(
        &sandbox,
        &format!("GET /v1/openapi.yaml HTTP/1.1\r\nHost: {host}\r\n"),
        b"",
    )
    .await;
    let answer = answer.expect("the connection is closed");
    assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");

    let (session, token) = sandbox.sign_in(citizen("approve")).await;
    let path = format!("/v1/sessions/{session}/selfie");
    let head = upload_head(&sandbox, &path, &token, 1000);
    let answer = raw(&sandbox, &head, b"\x89PNG").await;
    let answer = answer.expect("answered once the body timed out");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}

#[tokio::test]
async fn requests_beyond_the_concurrency_limit_are_refused() {
    let sandbox = start_with(|config| config.limits.max_concurrent_requests = 1).await;
    let (session, token) = sandbox.sign_in(citizen("approve")).await;
    let path = format!("/v1/sessions/{session}/selfie");
    // One upload that never finishes holds the only slot.
    let mut slow = TcpStream::connect(sandbox.running.local_addr())
        .await
        .unwrap();
    let head = upload_head(&sandbox, &path, &token, 100_000);
    slow.write_all(head.as_bytes()).await.unwrap();
    slow.write_all(b"\x89PNG").await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let response = sandbox
        .http
        .get(sandbox.url("/v1/openapi.yaml"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.headers().get("retry-after").is_some());
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "unavailable", "{body}");
    drop(slow);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, _) = sandbox.get("/v1/sessions/none/verification", None).await;
    assert_ne!(status, 503);
}

/// An address of this machine that is not loopback, if it has one.
fn outside_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("10.255.255.255:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[tokio::test]
async fn controls_answer_only_on_loopback_by_default() {
    let Some(ip) = outside_address() else {
        eprintln!("no non-loopback address on this machine; skipped");
        return;
    };
    for remote in [false, true] {
        let sandbox = start_with(|config| {
            config.listen = std::net::SocketAddr::from(([0, 0, 0, 0], 0));
            config.remote_controls = remote;
        })
        .await;
        let port = sandbox.running.local_addr().port();
        let outside = format!("http://{ip}:{port}");
        let get = |path: &str| common::send(sandbox.http.get(format!("{outside}{path}")));
        let (status, _) = get("/v1/openapi.yaml").await;
        assert_eq!(status, 200);
        let (status, body) = get("/sandbox/citizens").await;
        if remote {
            assert_eq!(status, 200, "{body}");
        } else {
            assert_error((status, body), 404, "not_found");
        }
        let (status, _) = sandbox.get("/sandbox/citizens", None).await;
        assert_eq!(status, 200, "loopback always reaches the controls");
    }
}

#[tokio::test]
async fn concurrent_uploads_of_one_side_leave_a_consistent_file() {
    let sandbox = start().await;
    let (session, token) = sandbox.sign_in(citizen("approve")).await;
    let path = format!("/v1/sessions/{session}/documents/front");
    let uploads = (0..8u32).map(|i| {
        let bytes = png(1600 + 16 * i, 1200);
        sandbox.put_bytes(&path, &token, "image/png", bytes)
    });
    for (status, body) in futures_join(uploads).await {
        assert_eq!(status, 200, "{body}");
    }
    let dir = sandbox.dir.path().join("uploads").join(&session);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["document_front.png".to_owned()], "{names:?}");
    let stored = std::fs::read(dir.join("document_front.png")).unwrap();
    let db = rusqlite::Connection::open(sandbox.dir.path().join("sandbox.db")).unwrap();
    let (sha, size): (String, i64) = db
        .query_row(
            "SELECT sha256, size FROM uploads WHERE session_id = ?1 AND kind = 'document_front'",
            [&session],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(size, i64::try_from(stored.len()).unwrap());
    use sha2::Digest;
    assert_eq!(sha, hex::encode(sha2::Sha256::digest(&stored)));
}

async fn futures_join<F: std::future::Future<Output = (u16, Value)>>(
    futures: impl Iterator<Item = F>,
) -> Vec<(u16, Value)> {
    let mut set = Vec::new();
    for future in futures {
        set.push(future);
    }
    let mut out = Vec::new();
    // Poll all at once: join them pairwise through tokio::join! is not variadic at run time.
    let results = join_all(set).await;
    out.extend(results);
    out
}

async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pinned: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in pinned.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}
