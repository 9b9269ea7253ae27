//! Load: complete applications by concurrent clients against the standalone sandbox
//! (`qoltanba-sandbox`, its own process, database on disk), over loopback with the app's own
//! client. Prints throughput, p50/p99 per request, server errors, and counts the applications
//! in the database: exactly one per flow. Then the same again with 10 % of the `/v1` requests
//! failing (dropped before the work, dropped after it, or 503) and every client repeating
//! what failed under the same Idempotency-Key: still exactly one application per flow.
//!
//! Bounded: `cargo bench -p qoltanba-sandbox --bench load [-- CLIENTS FLOWS]` (defaults 20
//! clients, 200 flows); each phase gives up after five minutes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench may stop at the first surprise

#[path = "../tests/common/mod.rs"]
mod common;

use std::future::Future;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Subject, avi, csr, jpeg, png};
use qoltanba_core::client::{Client, ClientError, Session};
use qoltanba_core::domain::{AccountPin, ApplicationNumber, IdempotencyKey, OtpCode};
use qoltanba_core::protocol::{
    ChallengeLog, ChallengeStep, CreateApplicationRequest, DocumentSide, ErrorCode, FaultSettings,
    StorageKind,
};
use qoltanba_sandbox::{Behaviour, Citizen};
use tokio::sync::Mutex;

const PHASE_LIMIT: Duration = Duration::from_secs(300);
const PAUSES: [Duration; 2] = [Duration::from_millis(20), Duration::from_millis(50)];

/// What one phase measured.
#[derive(Default)]
struct Tally {
    /// Seconds per request, every request of every flow.
    requests: Mutex<Vec<f64>>,
    /// Answers 500 `internal` (a bug), and injected failures that were repeated.
    server_errors: AtomicUsize,
    repeats: AtomicUsize,
    numbers: Mutex<Vec<(String, String)>>,
}

struct Inputs {
    selfie: Vec<u8>,
    video: Vec<u8>,
    card: Vec<u8>,
}

/// Runs `call` until it answers, repeating a transient failure (the same request, the same
/// key); each try is timed.
async fn timed<T, F, Fut>(tally: &Tally, mut call: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ClientError>>,
{
    for _ in 0..40 {
        let started = Instant::now();
        let result = call().await;
        tally
            .requests
            .lock()
            .await
            .push(started.elapsed().as_secs_f64());
        match result {
            Ok(value) => return value,
            Err(error) if error.code() == Some(ErrorCode::Internal) => {
                tally.server_errors.fetch_add(1, Ordering::Relaxed);
                panic!("server error: {error:?}");
            }
            Err(error) if error.is_transient() => {
                tally.repeats.fetch_add(1, Ordering::Relaxed);
            }
            Err(error) => panic!("refused: {error:?}"),
        }
    }
    panic!("40 tries did not get an answer");
}

async fn flow(
    control: &Client,
    client: &Client,
    person: &Citizen,
    csrs: &(String, String),
    inputs: &Inputs,
    tally: &Tally,
) {
    let key = IdempotencyKey::new();
    let created = timed(tally, || client.create_session(&person.iin, &key)).await;
    // The newest code to this phone is this session's: sessions of one citizen run one at a
    // time (each client has its own citizen slot).
    let phone = person.phone.unwrap();
    let code = control.sandbox_sms(phone).await.unwrap()[0].code.clone();
    let code = OtpCode::parse(&code).unwrap();
    let key = IdempotencyKey::new();
    let session: Session = timed(tally, || {
        client.verify_otp(&created.session_id, &code, &key)
    })
    .await;
    timed(tally, || {
        client.upload_selfie(&session, inputs.selfie.clone(), "image/jpeg")
    })
    .await;
    let log = ChallengeLog {
        challenges: vec![ChallengeStep {
            kind: "turn_left".into(),
            started_ms: 500,
            completed_ms: 1400,
        }],
    };
    timed(tally, || {
        client.upload_video(&session, inputs.video.clone(), "video/x-msvideo", &log)
    })
    .await;
    let pin = AccountPin::parse("402917").unwrap();
    timed(tally, || client.set_pin(&session, &pin)).await;
    for side in [DocumentSide::Front, DocumentSide::Back] {
        timed(tally, || {
            client.upload_document(&session, side, inputs.card.clone(), "image/png")
        })
        .await;
    }
    timed(tally, || client.document_data(&session)).await;
    let key = IdempotencyKey::new();
    timed(tally, || client.confirm_document_data(&session, &key)).await;
    timed(tally, || client.verification(&session)).await;
    let request = CreateApplicationRequest {
        session_id: session.id.clone(),
        algorithm: Default::default(),
        csr: None,
        email: None,
        storage: StorageKind::Pkcs12,
        csr_auth: csrs.0.clone(),
        csr_sign: csrs.1.clone(),
    };
    let key = IdempotencyKey::new();
    let created = timed(tally, || {
        client.create_application(&session, &request, &key)
    })
    .await;
    let number = ApplicationNumber::parse(&created.application_number).unwrap();
    timed(tally, || client.application_status(&number)).await;
    timed(tally, || client.certificates(&number)).await;
    tally
        .numbers
        .lock()
        .await
        .push((session.id.clone(), created.application_number));
}

struct Standalone {
    child: Child,
    base: String,
    dir: tempfile::TempDir,
}

impl Drop for Standalone {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn standalone() -> Standalone {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_qoltanba-sandbox"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
            &dir.path().display().to_string(),
            "--sessions-per-iin-per-hour",
            "100000",
            "--codes-per-phone-per-hour",
            "100000",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Owned at once: dropping it (a panic included) kills and waits for the process.
    let sandbox = Standalone {
        child,
        base: format!("http://127.0.0.1:{port}"),
        dir,
    };
    let client = Client::new(&sandbox.base, None).unwrap();
    for _ in 0..200 {
        if client
            .sandbox_set_faults(&FaultSettings::default())
            .await
            .is_ok()
        {
            return sandbox;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the standalone sandbox did not start");
}

async fn phase(
    name: &str,
    sandbox: &Standalone,
    faults: FaultSettings,
    clients: usize,
    flows: usize,
    people: &[(&'static Citizen, (String, String))],
    inputs: &Arc<Inputs>,
) {
    let control = Client::new(&sandbox.base, None).unwrap();
    control.sandbox_set_faults(&faults).await.unwrap();
    let tally = Arc::new(Tally::default());
    let next = Arc::new(AtomicUsize::new(0));
    // One lock per citizen: a citizen's SMS code is read from the inbox, so their flows run
    // one after another; different citizens run in parallel.
    let locks: Arc<Vec<Mutex<()>>> = Arc::new(people.iter().map(|_| Mutex::new(())).collect());
    let people = Arc::new(people.to_vec());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let client = Client::new(&sandbox.base, None)
            .unwrap()
            .with_retry_pauses(&PAUSES);
        let (control, tally, next, locks, people, inputs) = (
            control.clone(),
            tally.clone(),
            next.clone(),
            locks.clone(),
            people.clone(),
            inputs.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= flows {
                    break;
                }
                let slot = n % people.len();
                let _turn = locks[slot].lock().await;
                let (person, csrs) = &people[slot];
                flow(&control, &client, person, csrs, &inputs, &tally).await;
            }
        }));
    }
    let all = async {
        for task in tasks {
            task.await.unwrap();
        }
    };
    tokio::time::timeout(PHASE_LIMIT, all)
        .await
        .expect("the phase finished in time");
    let elapsed = started.elapsed();
    control
        .sandbox_set_faults(&FaultSettings::default())
        .await
        .unwrap();
    let mut times = tally.requests.lock().await.clone();
    times.sort_by(f64::total_cmp);
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)] * 1000.0;
    let numbers = tally.numbers.lock().await.clone();
    let db = rusqlite::Connection::open(sandbox.dir.path().join("sandbox.db")).unwrap();
    let mut lost_or_doubled = 0;
    for (session, number) in &numbers {
        let (count, found): (i64, Option<String>) = db
            .query_row(
                "SELECT COUNT(*), MAX(number) FROM applications WHERE session_id = ?1",
                [session],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        if count != 1 || found.as_deref() != Some(number.as_str()) {
            lost_or_doubled += 1;
        }
    }
    println!("{name}:");
    println!(
        "  {} complete applications by {clients} clients in {:.1} s: {:.1} applications/s",
        numbers.len(),
        elapsed.as_secs_f64(),
        numbers.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  {} requests: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {:.0} requests/s",
        times.len(),
        at(50),
        at(99),
        times.last().copied().unwrap_or_default() * 1000.0,
        times.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  server errors: {}; failures repeated by the clients: {}; flows without exactly \
         their one application: {lost_or_doubled}",
        tally.server_errors.load(Ordering::Relaxed),
        tally.repeats.load(Ordering::Relaxed)
    );
}

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let clients = numbers.first().copied().unwrap_or(20);
    let flows = numbers.get(1).copied().unwrap_or(200);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let people: Vec<&'static Citizen> = qoltanba_sandbox::citizens()
            .iter()
            .filter(|c| c.phone.is_some() && matches!(c.behaviour, Behaviour::Approve))
            .collect();
        let people: Vec<(&'static Citizen, (String, String))> = people
            .into_iter()
            .map(|p| {
                let subject = Subject::of(p);
                (p, (csr(&subject, None, true), csr(&subject, None, true)))
            })
            .collect();
        let inputs = Arc::new(Inputs {
            selfie: jpeg(640, 480),
            video: avi(6_000),
            card: png(1000, 640),
        });
        let sandbox = standalone().await;
        println!(
            "standalone sandbox, {} citizens, {clients} clients, {flows} flows per phase",
            people.len()
        );
        phase(
            "no faults",
            &sandbox,
            FaultSettings::default(),
            clients,
            flows,
            &people,
            &inputs,
        )
        .await;
        phase(
            "10 % of /v1 requests failing (4 % dropped, 3 % dropped after the work, 3 % 503)",
            &sandbox,
            FaultSettings {
                drop_rate: 0.04,
                commit_drop_rate: 0.03,
                error_rate: 0.03,
                seed: Some(2026),
                ..FaultSettings::default()
            },
            clients,
            flows,
            &people,
            &inputs,
        )
        .await;
    });
}
