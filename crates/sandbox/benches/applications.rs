//! Complete applications per second through the sandbox on this machine: session, SMS code,
//! selfie, video, PIN, both card sides, data confirmed, verification, application with two
//! CSRs (checked and issued by the test CA), status and certificate download — all over
//! HTTP with the app's own client. CSRs are made before the clock starts: RSA key generation
//! is the client's cost, not the service's.
//!
//! `cargo bench -p qoltanba-sandbox --bench applications [-- FLOWS_PER_CITIZEN]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench may stop at the first surprise

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Subject, avi, csr, jpeg, png};
use qoltanba_core::client::Client;
use qoltanba_core::domain::{AccountPin, ApplicationNumber, IdempotencyKey, OtpCode};
use qoltanba_core::protocol::{
    ApplicationStatus, ChallengeLog, ChallengeStep, CreateApplicationRequest, DocumentSide,
    StorageKind,
};
use qoltanba_sandbox::{Behaviour, Citizen};

struct Inputs {
    selfie: Vec<u8>,
    video: Vec<u8>,
    card: Vec<u8>,
}

async fn one_application(
    sandbox: &common::Sandbox,
    client: &Client,
    person: &Citizen,
    csrs: &(String, String),
    inputs: &Inputs,
) -> Duration {
    let started = Instant::now();
    let created = client
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    let code = sandbox.latest_code(person.phone.unwrap()).await;
    let session = client
        .verify_otp(
            &created.session_id,
            &OtpCode::parse(&code).unwrap(),
            &IdempotencyKey::new(),
        )
        .await
        .unwrap();
    client
        .upload_selfie(&session, inputs.selfie.clone(), "image/jpeg")
        .await
        .unwrap();
    let log = ChallengeLog {
        challenges: vec![ChallengeStep {
            kind: "turn_left".into(),
            started_ms: 500,
            completed_ms: 1400,
        }],
    };
    client
        .upload_video(&session, inputs.video.clone(), "video/x-msvideo", &log)
        .await
        .unwrap();
    client
        .set_pin(&session, &AccountPin::parse("402917").unwrap())
        .await
        .unwrap();
    for side in [DocumentSide::Front, DocumentSide::Back] {
        client
            .upload_document(&session, side, inputs.card.clone(), "image/png")
            .await
            .unwrap();
    }
    client.document_data(&session).await.unwrap();
    client
        .confirm_document_data(&session, &IdempotencyKey::new())
        .await
        .unwrap();
    client.verification(&session).await.unwrap();
    let request = CreateApplicationRequest {
        session_id: session.id.clone(),
        email: None,
        storage: StorageKind::Pkcs12,
        csr_auth: csrs.0.clone(),
        csr_sign: csrs.1.clone(),
        algorithm: Default::default(),
        csr: None,
    };
    let created = client
        .create_application(&session, &request, &IdempotencyKey::new())
        .await
        .unwrap();
    let number = ApplicationNumber::parse(&created.application_number).unwrap();
    let status = client.application_status(&number).await.unwrap();
    assert_eq!(status.status, ApplicationStatus::Issued);
    client.certificates(&number).await.unwrap();
    started.elapsed()
}

fn main() {
    let per_citizen: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(8);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        // Many flows per citizen within the hour: the anti-flooding limits are lifted.
        let sandbox = common::start_with(|config| {
            config.limits.sessions_per_iin_per_hour = u32::MAX;
            config.limits.codes_per_phone_per_hour = u32::MAX;
        })
        .await;
        let people: Vec<&'static Citizen> = qoltanba_sandbox::citizens()
            .iter()
            .filter(|c| c.phone.is_some() && matches!(c.behaviour, Behaviour::Approve))
            .collect();
        let prepared = Instant::now();
        let csrs: Vec<(String, String)> = people
            .iter()
            .map(|p| {
                let subject = Subject::of(p);
                (csr(&subject, None, true), csr(&subject, None, true))
            })
            .collect();
        println!(
            "prepared {} CSR pairs in {:.2} s (not counted)",
            csrs.len(),
            prepared.elapsed().as_secs_f64()
        );
        let inputs = std::sync::Arc::new(Inputs {
            selfie: jpeg(640, 480),
            video: avi(6_000),
            card: png(1000, 640),
        });
        let sandbox = std::sync::Arc::new(sandbox);
        let client = Client::new(&sandbox.base, None).unwrap();

        // Warm-up: one application, so connection set-up and lazy CA loading are not timed.
        one_application(&sandbox, &client, people[0], &csrs[0], &inputs).await;

        let started = Instant::now();
        let mut tasks = Vec::new();
        for (person, pair) in people.iter().copied().zip(csrs) {
            let (sandbox, client, inputs) = (sandbox.clone(), client.clone(), inputs.clone());
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::new();
                for _ in 0..per_citizen {
                    times.push(one_application(&sandbox, &client, person, &pair, &inputs).await);
                }
                times
            }));
        }
        let mut times = Vec::new();
        for task in tasks {
            times.extend(task.await.unwrap());
        }
        let elapsed = started.elapsed();
        times.sort();
        let count = times.len();
        let percentile = |p: usize| times[(count * p / 100).min(count - 1)];
        println!(
            "{count} complete applications ({} citizens in parallel) in {:.2} s",
            people.len(),
            elapsed.as_secs_f64()
        );
        println!(
            "throughput: {:.1} applications/s",
            count as f64 / elapsed.as_secs_f64()
        );
        println!(
            "one application: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
            percentile(50).as_secs_f64() * 1000.0,
            percentile(90).as_secs_f64() * 1000.0,
            times[count - 1].as_secs_f64() * 1000.0
        );
    });
}
