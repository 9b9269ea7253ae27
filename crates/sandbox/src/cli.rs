//! The command line: `qoltanba-sandbox [--listen …] [--data-dir …] [--fault-…]` serves;
//! `qoltanba-sandbox moderate ID approve|reject [--reason …] --data-dir …` decides a case.
//! The app's `qoltanba sandbox …` subcommand can flatten [`SandboxArgs`] and call [`run`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use qoltanba_core::protocol::ModerationDecision;

use crate::{FaultConfig, SandboxConfig, SandboxError, Timing};

/// The reference issuance service with fictional citizens (sandbox).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "qoltanba-sandbox",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct SandboxArgs {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Approve or reject a verification waiting in moderation.
    Moderate(ModerateArgs),
}

/// Options for serving.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 = any free port).
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Directory for the database and uploads (created if missing).
    #[arg(long, default_value = "qoltanba-sandbox-data")]
    pub data_dir: PathBuf,
    /// Base URL written into certificates when behind a proxy (default: the listen address).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Delay added to every /v1 answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub fault_latency_ms: u64,
    /// Share (0..1) of /v1 requests answered 503 `unavailable`.
    #[arg(long, default_value_t = 0.0)]
    pub fault_error_rate: f64,
    /// Share (0..1) of /v1 requests whose connection is closed without an answer.
    #[arg(long, default_value_t = 0.0)]
    pub fault_drop_rate: f64,
    /// Share (0..1) of /v1 requests answered 200 with broken JSON.
    #[arg(long, default_value_t = 0.0)]
    pub fault_malformed_rate: f64,
    /// Share of /v1 requests carried out, then answered by closing the connection.
    #[arg(long, default_value_t = 0.0)]
    pub fault_commit_drop_rate: f64,
    /// Share of /v1 requests carried out, then answered only after --fault-late-answer-ms.
    #[arg(long, default_value_t = 0.0)]
    pub fault_late_answer_rate: f64,
    /// How late a late answer comes (default 35000: past the client's 30-second timeout).
    #[arg(long)]
    pub fault_late_answer_ms: Option<u64>,
    /// Seed making the injected faults repeatable.
    #[arg(long)]
    pub fault_seed: Option<u64>,
    /// Seconds between accepting an application and issuing its certificates.
    #[arg(long, default_value_t = 0)]
    pub issue_delay_s: u64,
    /// Serve the /sandbox/* controls (SMS inbox, moderation, faults) to other machines too;
    /// without it they answer only on loopback.
    #[arg(long)]
    pub remote_controls: bool,
    /// Sessions one IIN may start per hour (default 5; load tests raise it).
    #[arg(long)]
    pub sessions_per_iin_per_hour: Option<u32>,
    /// SMS codes one phone may receive per hour (default 10; load tests raise it).
    #[arg(long)]
    pub codes_per_phone_per_hour: Option<u32>,
}

#[derive(Debug, Clone, Args)]
pub struct ModerateArgs {
    /// The session id (see GET /sandbox/moderation).
    pub session_id: String,
    pub decision: DecisionArg,
    /// Reason shown to the citizen when rejecting.
    #[arg(long)]
    pub reason: Option<String>,
    /// The sandbox's data directory.
    #[arg(long, default_value = "qoltanba-sandbox-data")]
    pub data_dir: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecisionArg {
    Approve,
    Reject,
}

impl ServeArgs {
    /// The config these options describe.
    pub fn config(&self) -> SandboxConfig {
        let mut config = SandboxConfig::new(&self.data_dir, self.listen);
        config.public_url = self.public_url.clone();
        if let Some(limit) = self.sessions_per_iin_per_hour {
            config.limits.sessions_per_iin_per_hour = limit;
        }
        if let Some(limit) = self.codes_per_phone_per_hour {
            config.limits.codes_per_phone_per_hour = limit;
        }
        config.faults = FaultConfig {
            latency_ms: self.fault_latency_ms,
            error_rate: self.fault_error_rate,
            drop_rate: self.fault_drop_rate,
            malformed_rate: self.fault_malformed_rate,
            commit_drop_rate: self.fault_commit_drop_rate,
            late_answer_rate: self.fault_late_answer_rate,
            late_answer_ms: self.fault_late_answer_ms,
            seed: self.fault_seed,
        };
        config.timing = Timing {
            issue_delay: Duration::from_secs(self.issue_delay_s),
            ..Timing::default()
        };
        config.remote_controls = self.remote_controls;
        config
    }
}

/// Runs the parsed command line: serves until Ctrl-C, or applies a moderation decision.
pub fn run(args: SandboxArgs) -> Result<(), SandboxError> {
    match args.command {
        Some(Command::Moderate(moderate)) => {
            let decision = match moderate.decision {
                DecisionArg::Approve => ModerationDecision::Approve,
                DecisionArg::Reject => ModerationDecision::Reject,
            };
            let item = crate::moderate(
                &moderate.data_dir,
                &moderate.session_id,
                decision,
                moderate.reason,
            )?;
            println!(
                "session {} ({}): {:?}",
                item.session_id, item.full_name, item.status
            );
            Ok(())
        }
        None => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(SandboxError::Runtime)?;
            runtime.block_on(async {
                let running = crate::serve(args.serve.config()).await?;
                println!("Qoltanba sandbox listening on {}", running.base_url());
                println!("SMS inbox: {}/sandbox/sms", running.base_url());
                let _ = tokio::signal::ctrl_c().await;
                running.shutdown_and_wait().await;
                Ok(())
            })
        }
    }
}
