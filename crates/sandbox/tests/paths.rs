//! The other paths through the flow: moderation, rejection, phone registration, restart,
//! and the background (embedded) sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Subject, citizen, csr, restart, start};
use serde_json::{Value, json};

#[tokio::test]
async fn moderation_path_is_decided_by_an_operator() {
    let sandbox = start().await;
    let person = citizen("moderation");
    let (session, token) = sandbox.sign_in(person).await;
    let data = sandbox.identify(&session, &token).await;
    assert_ne!(
        data["surname"], person.surname,
        "the mismatch fixture misreads the surname"
    );
    let verification = format!("/v1/sessions/{session}/verification");
    let (status, body) = sandbox.get(&verification, Some(&token)).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("moderation")),
        "{body}"
    );

    let subject = Subject::of(person);
    let application = json!({ "session_id": session, "storage": "pkcs12",
        "csr_auth": csr(&subject, None, true), "csr_sign": csr(&subject, None, true) });
    let (status, body) = sandbox
        .post("/v1/applications", Some(&token), application.clone())
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("verification_pending")),
        "{body}"
    );

    let (status, queue) = sandbox.get("/sandbox/moderation", None).await;
    assert_eq!(status, 200);
    assert!(
        queue
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["session_id"] == session)
    );
    let (status, body) = sandbox
        .post(
            &format!("/sandbox/moderation/{session}"),
            None,
            json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("approved")),
        "{body}"
    );
    let (status, body) = sandbox.get(&verification, Some(&token)).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("approved")),
        "{body}"
    );

    let (status, body) = sandbox
        .post("/v1/applications", Some(&token), application)
        .await;
    assert_eq!(status, 200, "{body}");
    let number = body["application_number"].as_str().unwrap();
    let (status, _) = sandbox
        .get(&format!("/v1/applications/{number}/certificates"), None)
        .await;
    assert_eq!(status, 200);
    sandbox.running.shutdown_and_wait().await;
}

#[tokio::test]
async fn moderation_reject_and_rejected_fixture_block_the_application() {
    let sandbox = start().await;
    let person = citizen("reject");
    let (session, token) = sandbox.sign_in(person).await;
    sandbox.identify(&session, &token).await;
    let (status, body) = sandbox
        .get(
            &format!("/v1/sessions/{session}/verification"),
            Some(&token),
        )
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("rejected")),
        "{body}"
    );
    assert!(body["reason"].as_str().is_some_and(|r| !r.is_empty()));
    let subject = Subject::of(person);
    let (status, body) = sandbox
        .post(
            "/v1/applications",
            Some(&token),
            json!({ "session_id": session, "storage": "pkcs12",
            "csr_auth": csr(&subject, None, true), "csr_sign": csr(&subject, None, true) }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("verification_rejected")),
        "{body}"
    );

    // An operator's rejection of a moderated case, through the library (as the CLI does).
    let person = citizen("moderation");
    let (session, token) = sandbox.sign_in(person).await;
    sandbox.identify(&session, &token).await;
    let item = qoltanba_sandbox::moderate(
        sandbox.dir.path(),
        &session,
        qoltanba_core::protocol::ModerationDecision::Reject,
        Some("the document photo is blurred".into()),
    )
    .expect("moderation decided");
    assert_eq!(
        item.reason.as_deref(),
        Some("the document photo is blurred")
    );
    let (status, body) = sandbox
        .get(
            &format!("/v1/sessions/{session}/verification"),
            Some(&token),
        )
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("rejected")),
        "{body}"
    );
    sandbox.running.shutdown_and_wait().await;
}

#[tokio::test]
async fn unregistered_phone_is_registered_then_the_code_arrives() {
    let sandbox = start().await;
    let person = citizen("unregistered");
    let (status, body) = sandbox
        .post("/v1/sessions", None, json!({ "iin": person.iin.as_str() }))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["phone_registered"], false);
    assert_eq!(body["otp_sent"], false);
    assert!(body.get("masked_phone").is_none());
    let session = body["session_id"].as_str().unwrap().to_owned();
    let (status, body) = sandbox
        .post(
            &format!("/v1/sessions/{session}/otp:resend"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("phone_not_registered")),
        "{body}"
    );

    let (status, body) = sandbox
        .post(
            "/v1/phone-registrations",
            None,
            json!({ "iin": person.iin.as_str(), "phone": "8 (700) 000-00-99" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["status"], "registered",
        "a first number counts at once"
    );
    let (status, body) = sandbox
        .post(
            &format!("/v1/sessions/{session}/otp:resend"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["masked_phone"], "+7 700 *** ** 99");
    let code = sandbox.latest_code("+77000000099").await;
    let (status, body) = sandbox
        .post(
            &format!("/v1/sessions/{session}/otp:verify"),
            None,
            json!({ "code": code }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    sandbox.running.shutdown_and_wait().await;
}

#[tokio::test]
async fn sessions_and_applications_survive_a_restart() {
    let sandbox = start().await;
    let person = citizen("approve");
    let (session, token) = sandbox.sign_in(person).await;
    sandbox.identify(&session, &token).await;
    let subject = Subject::of(person);
    let (status, body) = sandbox
        .post(
            "/v1/applications",
            Some(&token),
            json!({ "session_id": session, "storage": "pkcs12",
            "csr_auth": csr(&subject, None, true), "csr_sign": csr(&subject, None, true) }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let number = body["application_number"].as_str().unwrap().to_owned();
    let (_, before) = sandbox
        .get(&format!("/v1/applications/{number}/certificates"), None)
        .await;
    let (_, inbox_before) = sandbox.get("/sandbox/sms", None).await;

    let sandbox = restart(sandbox).await;
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
    let (status, after) = sandbox
        .get(&format!("/v1/applications/{number}/certificates"), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        before, after,
        "same certificates and the same CA after the restart"
    );
    let (_, inbox_after) = sandbox.get("/sandbox/sms", None).await;
    assert_eq!(inbox_before, inbox_after);
    sandbox.running.shutdown_and_wait().await;
}

#[test]
fn background_sandbox_serves_until_shut_down() {
    let dir = tempfile::tempdir().unwrap();
    let running = qoltanba_sandbox::spawn_in_background(qoltanba_sandbox::SandboxConfig::loopback(
        dir.path(),
    ))
    .expect("starts");
    let base = running.base_url();
    assert!(base.starts_with("http://127.0.0.1:"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (status, body) = runtime.block_on(async {
        common::send(common::http().get(format!("{base}/v1/openapi.yaml"))).await
    });
    assert_eq!(status, 200);
    assert_eq!(body, Value::Null, "YAML, not JSON");
    running.shutdown();
    let refused = runtime.block_on(async {
        common::http()
            .get(format!("{base}/sandbox/citizens"))
            .send()
            .await
    });
    assert!(refused.is_err(), "nothing listens after shutdown");
}

/// Starts the `qoltanba-sandbox` binary on a random port; returns the child and its base URL.
fn spawn_binary(data_dir: &std::path::Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let base = lines
        .find_map(|line| {
            line.ok()?
                .split("listening on ")
                .nth(1)
                .map(|url| url.trim().to_owned())
        })
        .expect("the binary prints its address");
    // Keep reading: a closed pipe would make the binary's next `println!` panic and end it.
    std::thread::spawn(move || lines.for_each(drop));
    (child, base)
}

#[tokio::test]
async fn a_killed_process_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_binary(dir.path());
    let http = common::http();
    let person = citizen("approve");
    let (status, body) = common::send(
        http.post(format!("{base}/v1/sessions"))
            .json(&json!({ "iin": person.iin.as_str() })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let session = body["session_id"].as_str().unwrap().to_owned();
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let (mut child, base) = spawn_binary(dir.path());
    let phone = person.phone.unwrap().replace('+', "%2B");
    let (status, inbox) = common::send(http.get(format!("{base}/sandbox/sms?phone={phone}"))).await;
    assert_eq!(status, 200);
    let code = inbox[0]["code"]
        .as_str()
        .expect("the code survived")
        .to_owned();
    let (status, body) = common::send(
        http.post(format!("{base}/v1/sessions/{session}/otp:verify"))
            .json(&json!({ "code": code })),
    )
    .await;
    assert_eq!(status, 200, "the session survived: {body}");
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
}
