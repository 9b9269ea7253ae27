//! Fault injection: 503s, dropped connections, broken JSON, latency, repeatability.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use clap::Parser;
use common::{send, start};
use reqwest::Method;
use serde_json::json;

async fn set_faults(sandbox: &common::Sandbox, settings: serde_json::Value) {
    let (status, body) = send(
        sandbox
            .request(Method::PUT, "/sandbox/faults", None)
            .json(&settings),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn injected_errors_drops_and_broken_bodies_hit_v1_only() {
    let sandbox = start().await;
    let iin = json!({ "iin": common::citizen("approve").iin.as_str() });

    set_faults(&sandbox, json!({ "error_rate": 1.0 })).await;
    let (status, body) = sandbox.post("/v1/sessions", None, iin.clone()).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("unavailable")),
        "{body}"
    );
    let (status, _) = sandbox.get("/sandbox/citizens", None).await;
    assert_eq!(status, 200, "sandbox controls are never faulted");

    set_faults(&sandbox, json!({ "malformed_rate": 1.0 })).await;
    let response = sandbox
        .request(Method::POST, "/v1/sessions", None)
        .json(&iin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.json::<serde_json::Value>().await.is_err(),
        "broken JSON"
    );

    set_faults(&sandbox, json!({ "drop_rate": 1.0 })).await;
    let dropped = sandbox
        .request(Method::POST, "/v1/sessions", None)
        .json(&iin)
        .send()
        .await;
    assert!(
        dropped.is_err(),
        "connection closed without an answer: {dropped:?}"
    );

    set_faults(&sandbox, json!({ "latency_ms": 300 })).await;
    let started = Instant::now();
    let (status, _) = sandbox.post("/v1/sessions", None, iin.clone()).await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let (status, body) = send(
        sandbox
            .request(Method::PUT, "/sandbox/faults", None)
            .json(&json!({ "error_rate": 2.0 })),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("malformed_request"))
    );
    let (status, body) = sandbox.get("/sandbox/faults", None).await;
    assert_eq!((status, body["latency_ms"].as_u64()), (200, Some(300)));
}

#[tokio::test]
async fn a_seed_repeats_the_same_faults() {
    let sandbox = start().await;
    let settings = json!({ "error_rate": 0.5, "seed": 42 });
    let mut runs = Vec::new();
    for _ in 0..2 {
        set_faults(&sandbox, settings.clone()).await;
        let mut statuses = Vec::new();
        for _ in 0..16 {
            statuses.push(sandbox.get("/v1/applications/0000000000", None).await.0);
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(
        runs[0].contains(&503) && runs[0].contains(&404),
        "{:?}",
        runs[0]
    );
}

#[test]
fn cli_flags_configure_the_faults() {
    let args = qoltanba_sandbox::cli::SandboxArgs::try_parse_from([
        "qoltanba-sandbox",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        "/tmp/x",
        "--fault-latency-ms",
        "250",
        "--fault-error-rate",
        "0.1",
        "--fault-seed",
        "9",
    ])
    .unwrap();
    let config = args.serve.config();
    assert_eq!(config.faults.latency_ms, 250);
    assert_eq!(config.faults.error_rate, 0.1);
    assert_eq!(config.faults.seed, Some(9));
    let moderate = qoltanba_sandbox::cli::SandboxArgs::try_parse_from([
        "qoltanba-sandbox",
        "moderate",
        "abc",
        "reject",
        "--reason",
        "blurred",
        "--data-dir",
        "/tmp/x",
    ])
    .unwrap();
    assert!(matches!(
        moderate.command,
        Some(qoltanba_sandbox::cli::Command::Moderate(_))
    ));
}
