//! The Qoltanba sandbox: a complete reference implementation of the issuance-service
//! protocol (`/v1`, see `docs/openapi.yaml`) with fictional citizens, an SMS inbox, operator
//! moderation, a test CA and fault injection (`/sandbox/...`). State lives in SQLite in the
//! data directory and survives restarts.
//!
//! The app embeds it with [`spawn_in_background`]; tests use [`serve`]; operators run the
//! `qoltanba-sandbox` binary (see [`cli`]).

mod body;
mod ca;
pub mod cli;
mod config;
mod csr;
mod error;
mod faults;
mod fixtures;
mod gost_ca;
mod gost_crl;
mod limits;
mod media;
mod moderation;
mod replays;
mod routes;
mod secrets;
mod server;
mod session;
mod state;
mod store;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use qoltanba_core::protocol::{ModerationDecision, ModerationItem};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use config::{Clock, FaultConfig, Limits, SandboxConfig, Timing};
pub use error::SandboxError;
pub use fixtures::{Behaviour, Citizen, citizens};
pub use routes::OPENAPI_YAML;

use crate::ca::Ca;
use crate::faults::Faults;
use crate::state::AppState;
use crate::store::Store;

/// A sandbox that is serving. Dropping it asks it to stop (without waiting).
pub struct RunningSandbox {
    base_url: String,
    local_addr: SocketAddr,
    clock: Clock,
    data_dir: PathBuf,
    stop: watch::Sender<bool>,
    handle: Option<Handle>,
}

enum Handle {
    Task(tokio::task::JoinHandle<()>),
    Thread(std::thread::JoinHandle<()>),
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT` — the address clients use (no trailing slash).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The socket address actually bound (the port chosen for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The clock the sandbox uses; [`Clock::advance`] moves it (tests).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Stops serving and closes open connections. For a sandbox from
    /// [`spawn_in_background`] this also waits for its thread to finish (briefly blocking);
    /// for one from [`serve`] it only signals: use [`Self::shutdown_and_wait`] in async code.
    pub fn shutdown(mut self) {
        self.stop.send_replace(true);
        if let Some(Handle::Thread(thread)) = self.handle.take()
            && thread.join().is_err()
        {
            tracing::error!("the sandbox thread panicked");
        }
    }

    /// Stops serving and waits until the server has stopped.
    pub async fn shutdown_and_wait(mut self) {
        self.stop.send_replace(true);
        match self.handle.take() {
            Some(Handle::Task(task)) => {
                let _ = task.await;
            }
            Some(Handle::Thread(thread)) => {
                let _ = tokio::task::spawn_blocking(move || thread.join()).await;
            }
            None => {}
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.stop.send_replace(true);
    }
}

/// Opens the data directory (creating the database and the test CA on first start), binds
/// `config.listen` and serves on the current tokio runtime until shut down.
pub async fn serve(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    let faults =
        Faults::new(config.faults.clone()).map_err(|f| SandboxError::Other(f.0.message))?;
    let dir = config.data_dir.clone();
    let now = config.clock.now();
    let (store, ca) = tokio::task::spawn_blocking(move || {
        let store = Store::open(&dir)?;
        let ca = Ca::load_or_create(&store, now)?;
        Ok::<_, SandboxError>((store, ca))
    })
    .await
    .map_err(|e| SandboxError::Other(format!("start-up task failed: {e}")))??;
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: config.listen,
            source,
        })?;
    let local_addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: config.listen,
        source,
    })?;
    let base_url = base_url_for(local_addr);
    let public_url = config
        .public_url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| base_url.clone());
    let state = AppState {
        store,
        ca: Arc::new(ca),
        clock: config.clock.clone(),
        timing: config.timing,
        limits: config.limits,
        remote_controls: config.remote_controls,
        faults: Arc::new(faults),
        replays: Arc::new(replays::Replays::default()),
        base_url: public_url,
    };
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(server::run(
        listener,
        routes::router(state),
        config.limits,
        stopped,
    ));
    tracing::info!("sandbox listening on {base_url}");
    Ok(RunningSandbox {
        base_url,
        local_addr,
        clock: config.clock,
        data_dir: config.data_dir,
        stop,
        handle: Some(Handle::Task(task)),
    })
}

/// Starts the sandbox on its own thread with its own tokio runtime (how the GUI embeds it).
/// Returns once it is listening.
pub fn spawn_in_background(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("qoltanba-sandbox")
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let (stop, mut stopped) = watch::channel(false);
    let clock = config.clock.clone();
    let data_dir = config.data_dir.clone();
    let thread = std::thread::Builder::new()
        .name("qoltanba-sandbox".into())
        .spawn(move || {
            runtime.block_on(async move {
                match serve(config).await {
                    Ok(running) => {
                        let _ = started_tx.send(Ok((running.base_url(), running.local_addr())));
                        let _ = stopped.wait_for(|stop| *stop).await;
                        running.shutdown_and_wait().await;
                    }
                    Err(error) => {
                        let _ = started_tx.send(Err(error));
                    }
                }
            });
        })
        .map_err(SandboxError::Runtime)?;
    let (base_url, local_addr) = started_rx
        .recv()
        .map_err(|_| SandboxError::Other("the sandbox thread ended during start-up".into()))??;
    Ok(RunningSandbox {
        base_url,
        local_addr,
        clock,
        data_dir,
        stop,
        handle: Some(Handle::Thread(thread)),
    })
}

/// Decides a verification waiting in moderation, directly in the data directory (works
/// whether or not a sandbox is serving it). The CLI's `moderate` subcommand.
pub fn moderate(
    data_dir: &Path,
    session_id: &str,
    decision: ModerationDecision,
    reason: Option<String>,
) -> Result<ModerationItem, SandboxError> {
    let store = Store::open(data_dir)?;
    store
        .run_blocking(|tx| moderation::decide(tx, session_id, decision, reason))
        .map_err(|f| SandboxError::Other(f.0.to_string()))
}

fn base_url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{}", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", addr.port()),
    }
}
